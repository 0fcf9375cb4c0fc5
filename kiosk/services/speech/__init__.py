"""Speech: the engine interface, the speaker the interface talks to, and their implementations.

`create_speaker` and `speech_report` live in `kiosk.services.speech.factory`; this package
imports nothing itself, so widgets that only need the `Speaker` interface (`.base`) do not
load the engine, the cache or hashlib at start-up.
"""
