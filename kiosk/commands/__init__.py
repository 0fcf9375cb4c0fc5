"""Subcommands of the `kiosk` command, one module each, registered in kiosk.cli."""
