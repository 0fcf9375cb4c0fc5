"""A profile made at the kiosk is named after its picture and a number, in the digits of the
interface language, and is shown in whichever language the kiosk speaks now."""

from __future__ import annotations

from kiosk.core.pictures import default_name, default_number, display_name


def test_default_names_follow_the_interface_language_and_its_digits():
    assert default_name("fish", 2, "fa") == "ماهی ۲"
    assert default_name("fish", 2, "en") == "Fish 2"
    # Made in one language, read in the other; Latin digits of an older kiosk too.
    assert display_name("ماهی ۲", "fish", "en") == "Fish 2"
    assert display_name("Fish 12", "fish", "fa") == "ماهی ۱۲"
    assert display_name("ماهی 1", "fish", "fa") == "ماهی ۱"


def test_a_chosen_name_stays_as_written():
    for name in ("Nader", "ماهی قرمز", "Fish", "Fish 2 and more", "Cat 2"):
        assert display_name(name, "fish", "fa") == name
        assert default_number(name, "fish") is None


def test_a_profile_made_at_the_kiosk_gets_the_next_number_in_persian_digits(make_kiosk):
    from kiosk.ui.learn.session import Enrolment

    kiosk = make_kiosk("fa")
    enrolment = Enrolment()
    enrolment.avatar = "fish"
    assert enrolment.nickname(["fish", "cat", "fish"], "fa") == "ماهی ۳"
    assert enrolment.nickname([], "en") == "Fish 1"
    assert kiosk.language.code == "fa"
