"""Options and settings: defaults < ini < environment, and bad input that never stops the kiosk."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk import i18n
from kiosk.core.options import OPTIONS_BY_KEY, OptionValueError, defaults
from kiosk.services.config import load_settings
from kiosk.services.paths import data_dir, prepare_data_dir


def write_ini(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_nothing_is_configured(tmp_path):
    settings = load_settings(tmp_path / "kiosk.ini", environ={})
    assert settings["language"] == "fa"
    assert settings["idle_seconds"] == 90
    assert settings.notices == []
    assert set(settings.sources.values()) == {"default"}


def test_ini_overrides_default_and_environment_overrides_ini(tmp_path):
    ini = write_ini(tmp_path / "kiosk.ini", "[kiosk]\nlanguage = en\nidle_seconds = 120\n")
    settings = load_settings(ini, environ={"KIOSK_IDLE_SECONDS": "300"})
    assert settings["language"] == "en" and settings.sources["language"] == "ini"
    assert settings["idle_seconds"] == 300 and settings.sources["idle_seconds"] == "env"
    assert settings.notices == []


def test_corrupt_ini_gives_one_clear_notice_keeps_defaults_and_is_not_rewritten(tmp_path):
    ini = write_ini(tmp_path / "kiosk.ini", "language = en\n[[[broken\n")
    before = hashlib.sha256(ini.read_bytes()).hexdigest()
    settings = load_settings(ini, environ={})
    assert settings["language"] == "fa"
    assert len(settings.notices) == 1
    i18n.set_language("en")
    text = settings.notices[0].text()
    assert str(ini) in text and "To fix" in text
    i18n.set_language("fa")
    assert str(ini) in settings.notices[0].text() and "برای رفع" in settings.notices[0].text()
    assert hashlib.sha256(ini.read_bytes()).hexdigest() == before


def test_unknown_value_names_the_setting_the_file_and_keeps_the_default(tmp_path):
    ini = write_ini(tmp_path / "kiosk.ini", "[kiosk]\nlanguage = klingon\ntext_scale = 175\n")
    settings = load_settings(ini, environ={"KIOSK_VOLUME": "loud"})
    assert settings["language"] == "fa" and settings["text_scale"] == 100
    assert settings["volume"] == 80
    i18n.set_language("en")
    texts = [notice.text() for notice in settings.notices]
    assert any("language" in t and "klingon" in t and str(ini) in t for t in texts)
    assert any("text_scale" in t and "175" in t for t in texts)
    assert any("KIOSK_VOLUME" in t and "whole number" in t for t in texts)
    i18n.set_language("fa")


def test_unknown_setting_is_reported_not_fatal(tmp_path):
    ini = write_ini(tmp_path / "kiosk.ini", "[kiosk]\nlangauge = en\n")
    settings = load_settings(ini, environ={})
    assert "langauge" in settings.notices[0].text()


def test_settings_set_validates_and_signals(tmp_path, qtbot):
    settings = load_settings(tmp_path / "kiosk.ini", environ={})
    with qtbot.waitSignal(settings.changed, timeout=1000) as blocker:
        settings.set("text_scale", 150)
    assert blocker.args == ["text_scale", 150]
    with pytest.raises(OptionValueError):
        settings.set("text_scale", 175)
    assert settings["text_scale"] == 150


def test_every_option_has_a_valid_default_and_a_translated_title():
    for option in OPTIONS_BY_KEY.values():
        option.validate(option.default)
        assert i18n.translate(option.title, "fa") != option.title, option.key
    assert set(defaults()) == set(OPTIONS_BY_KEY)


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_integer_options_accept_exactly_their_range(value):
    option = OPTIONS_BY_KEY["idle_seconds"]
    if option.minimum <= value <= option.maximum:
        assert option.parse(f" {value} ") == value
    else:
        with pytest.raises(OptionValueError):
            option.parse(str(value))


@given(st.text(max_size=20))
def test_bool_option_parses_or_explains(raw):
    option = OPTIONS_BY_KEY["attract_speech"]
    try:
        assert option.parse(raw) in (True, False)
    except OptionValueError as error:
        assert "yes or no" in str(error)


def test_host_list_option():
    option = OPTIONS_BY_KEY["allowed_hosts"]
    assert option.parse("my.gov.ir, portal.example.ir") == ("my.gov.ir", "portal.example.ir")
    with pytest.raises(OptionValueError):
        option.parse("https://my.gov.ir/path")


def test_data_dir_comes_from_environment_in_tests(isolated):
    assert data_dir() == isolated


def test_data_dir_defaults_to_qstandardpaths(tmp_path):
    assert data_dir(environ={}).name == "kiosk"


def test_unwritable_data_dir_falls_back_with_a_notice(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    path, notices = prepare_data_dir(blocker / "data")
    assert path.is_dir() and path != blocker / "data"
    i18n.set_language("en")
    assert str(blocker / "data") in notices[0].text() and "KIOSK_DATA_DIR" in notices[0].text()
    i18n.set_language("fa")


# Issue 14: inconsistent settings get a notice with the fix; hostile files never hang.


def test_empty_languages_offers_all_with_a_notice(tmp_path):
    from kiosk.services.config import load_settings

    (tmp_path / "kiosk.ini").write_text("[kiosk]\nlanguages =\n")
    settings = load_settings(tmp_path / "kiosk.ini", {})
    assert settings["languages"] == ("fa", "en")
    assert any("To fix" in n.english() and "languages" in n.english() for n in settings.notices)


def test_a_language_not_offered_is_replaced_with_a_notice(tmp_path):
    from kiosk.services.config import load_settings

    (tmp_path / "kiosk.ini").write_text("[kiosk]\nlanguages = en\nlanguage = fa\n")
    settings = load_settings(tmp_path / "kiosk.ini", {})
    assert settings["language"] == "en"
    assert any("“fa” is not among" in n.english() for n in settings.notices)


def test_an_unknown_section_notice_says_how_to_fix_it(tmp_path):
    from kiosk.services.config import load_settings

    (tmp_path / "kiosk.ini").write_text("[kiosks]\nlanguage = en\n")
    notices = load_settings(tmp_path / "kiosk.ini", {}).notices
    assert any("[kiosks]" in n.english() and "To fix" in n.english() for n in notices)


def test_kiosk_ini_linked_to_dev_zero_is_refused_not_read(tmp_path):
    from kiosk.services.config import load_settings

    (tmp_path / "kiosk.ini").symlink_to("/dev/zero")
    settings = load_settings(tmp_path / "kiosk.ini", {})
    assert settings["language"] == "fa"
    assert [n for n in settings.notices if "cannot be read" in n.english()]
