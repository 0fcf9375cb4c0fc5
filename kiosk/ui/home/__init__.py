"""The home screen: Learn, Get help, Staff."""
