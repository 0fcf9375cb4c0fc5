"""Notices: plain and counted messages, translated when shown and again after a language switch."""

from __future__ import annotations

from kiosk import i18n
from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_, Np_

TODAY = Np_("Today: {count} session.", "Today: {count} sessions.")


def today(n: int) -> Notice:
    return Notice.counted(TODAY, n, {"count": n})


def test_a_counted_notice_takes_the_english_form_for_its_number():
    i18n.set_language("en")
    assert today(1).text() == "Today: 1 session."
    assert today(2).text() == "Today: 2 sessions."
    assert today(0).text() == "Today: 0 sessions."


def test_a_counted_notice_in_persian_has_the_one_persian_form():
    assert today(1).text() == "امروز: 1 جلسه."
    assert today(7).text() == "امروز: 7 جلسه."


def test_a_counted_notice_follows_a_language_switch():
    notice = today(1)
    assert notice.text() == "امروز: 1 جلسه."
    i18n.set_language("en")
    assert str(notice) == "Today: 1 session."


def test_a_plain_notice_still_translates_its_msgid_and_nested_notices():
    inner = today(3)
    outer = Notice(N_("{stopped} {check}"), {"stopped": inner, "check": "."})
    i18n.set_language("en")
    assert Notice(N_("Learn")).text() == "Learn"
    assert outer.text() == "Today: 3 sessions. ."
    i18n.set_language("fa")
    assert Notice(N_("Learn")).text() == "آموزش"


def test_a_notice_error_says_the_english_form_for_its_number():
    assert str(NoticeError(today(1))) == "Today: 1 session."
    assert str(NoticeError(today(5))) == "Today: 5 sessions."
    assert str(NoticeError(Notice(N_("Learn")))) == "Learn"


def test_english_renders_a_nested_notice_in_english_too():
    from kiosk import i18n
    from kiosk.core.notices import Notice
    from kiosk.i18n import N_

    outer = Notice(N_("“{name}” is missing."), {"name": Notice(N_("Staff PIN file"))})
    i18n.set_language("fa")
    assert outer.english() == "“Staff PIN file” is missing."
    assert "Staff PIN file" not in outer.text()
