"""Assisted-session tests use `portal` (one practice portal for the run, reset for each test)
from tests/conftest.py; nothing more is needed here."""
