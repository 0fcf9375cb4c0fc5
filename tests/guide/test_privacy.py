"""After a guided sign-in, nothing the citizen typed is anywhere on disk: data dir, logs, home."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.services.logs import configure_logging
from tests.guide import scenarios
from tests.guide.web import practice_flow


def files_containing(root: Path, secrets: list[str]) -> list[str]:
    """Every file under `root` holding one of `secrets` (as UTF-8 or UTF-16 text)."""
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in secrets:
                if secret.encode() in data or secret.encode("utf-16-le") in data:
                    found.append(f"{path}: {secret}")
    return found


def test_the_search_finds_a_planted_value(tmp_path: Path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "x.bin").write_bytes(b"..." + "0010350829".encode("utf-16-le"))
    assert files_containing(tmp_path, ["0010350829"])


@pytest.mark.slow
def test_a_guided_sign_in_leaves_no_national_id_or_code_behind(
    make_tab, isolated: Path, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging(isolated, level=logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    try:
        tab = make_tab("fa")
        tab.guide(practice_flow("signin"), "operator")
        otp_seen: list[str] = []
        original = tab.portal.current_otp

        def remember(sid: str) -> str:
            otp_seen.append(original(sid))
            return otp_seen[-1]

        tab.portal.current_otp = remember  # type: ignore[method-assign]
        try:
            scenarios.signin(tab)
        finally:
            del tab.portal.current_otp
        tab.finished("completed")
        assert (isolated / "logs" / "kiosk.log").stat().st_size > 0  # the guide did log
        secrets = [scenarios.NATIONAL_ID, otp_seen[-1]]
        assert not files_containing(isolated.parent, secrets)
        assert not [r for r in caplog.records if any(s in r.getMessage() for s in secrets)]
        assert not [t for t in tab.spoken() if any(s in t for s in secrets)]
    finally:
        configure_logging(None)
