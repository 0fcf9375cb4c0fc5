"""The log file: written in the data dir and rotated at start-up when too big."""

from __future__ import annotations

import logging

from kiosk.services import logs


def test_log_file_is_written_and_rotated(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 100)
    logs.configure_logging(tmp_path)
    logging.getLogger("kiosk.test").warning("first run " + "x" * 200)
    path = tmp_path / "logs" / "kiosk.log"
    assert "first run" in path.read_text(encoding="utf-8")
    for run in range(4):
        logs.configure_logging(tmp_path)
        logging.getLogger("kiosk.test").warning(f"run {run} " + "y" * 200)
    logs.configure_logging(None)
    assert "run 3" in path.read_text(encoding="utf-8")
    assert "run 2" in (tmp_path / "logs" / "kiosk.log.1").read_text(encoding="utf-8")
    assert (tmp_path / "logs" / "kiosk.log.3").exists()
    assert not (tmp_path / "logs" / "kiosk.log.4").exists()
