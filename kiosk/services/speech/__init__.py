"""Speech: the engine interface, the speaker the interface talks to, and their implementations.

`create_speaker` (in `factory`) builds the app's speaker; `speech_report` feeds `kiosk doctor`.
"""

from __future__ import annotations

from kiosk.services.speech.factory import create_speaker, speech_report

__all__ = ["create_speaker", "speech_report"]
