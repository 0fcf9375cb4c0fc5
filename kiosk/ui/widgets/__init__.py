"""Reusable widgets: tiles, icon buttons."""
