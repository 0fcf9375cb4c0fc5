"""The main window frame, top bar and screen navigation."""
