"""Lists and numbers are written the way the interface language writes them."""

from __future__ import annotations

from kiosk.authored import Authored
from kiosk.i18n import format_list


def test_lists_use_the_languages_own_separator():
    persian = format_list([Authored("کارت ملی"), Authored("کارت بانکی"), Authored("گوشی")], "fa")
    assert "،" in persian and "," not in persian and " و " in persian
    assert format_list(["a", "b", "c"], "en") == "a, b, and c"
    assert format_list(["", "a"], "en") == "a" and format_list([], "fa") == ""


def test_a_list_is_authored_only_when_every_item_is():
    assert isinstance(format_list([Authored("a"), Authored("b")], "en"), Authored)
    assert not isinstance(format_list([Authored("a"), "typed by someone"], "en"), Authored)


def test_a_number_setting_shows_in_persian_digits_and_still_reads(make_kiosk, qtbot):
    from tests.staff.test_staff_ui import open_settings

    kiosk = make_kiosk("fa")
    _screen, page = open_settings(qtbot, kiosk)
    row = page.by_key["idle_seconds"]
    assert row.field.text() == "۹۰"
    assert row.value() == 90
    kiosk.language.set_language("en")
    assert row.field.text() == "90"
