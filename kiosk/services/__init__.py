"""Adapters to the outside world: store, settings, speech, secrets. QtCore at most, never widgets."""
