"""Adapters to the outside world: store, settings, speech, secrets. QtCore, never widgets."""
