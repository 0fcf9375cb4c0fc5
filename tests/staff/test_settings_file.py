"""Settings.update: all-or-nothing, atomic writes to kiosk.ini, never over an unreadable one."""

from __future__ import annotations

import pytest

from kiosk.core.notices import NoticeError
from kiosk.services.config import InvalidSetting, load_settings


def test_update_writes_only_changes_and_keeps_other_lines(tmp_path):
    ini = tmp_path / "kiosk.ini"
    ini.write_text("[kiosk]\nlanguage = en\n")
    settings = load_settings(ini, {})
    seen = []
    settings.changed.connect(lambda key, value: seen.append(key))
    settings.update({"idle_seconds": 120, "allowed_hosts": ("my.gov.ir",)})
    assert sorted(seen) == ["allowed_hosts", "idle_seconds"]
    again = load_settings(ini, {})
    assert again["language"] == "en" and again["idle_seconds"] == 120
    assert again["allowed_hosts"] == ("my.gov.ir",)
    assert not list(tmp_path.glob(".*.tmp"))


def test_one_bad_value_applies_nothing(tmp_path):
    ini = tmp_path / "kiosk.ini"
    settings = load_settings(ini, {})
    with pytest.raises(InvalidSetting) as caught:
        settings.update({"volume": 50, "idle_seconds": 0})
    assert caught.value.key == "idle_seconds"
    assert settings["volume"] == 80 and not ini.exists()


def test_an_unreadable_ini_is_never_overwritten(tmp_path):
    ini = tmp_path / "kiosk.ini"
    ini.write_text("this is not an ini file")
    settings = load_settings(ini, {})
    with pytest.raises(NoticeError, match="could not be saved"):
        settings.update({"volume": 50})
    assert ini.read_text() == "this is not an ini file" and settings["volume"] == 80
