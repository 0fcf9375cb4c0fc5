"""Get help: assisted sessions on real portals."""
