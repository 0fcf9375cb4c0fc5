"""Journey 5: a person walks away. The spoken warning, extended once, then the reset and the
attract screen; a touch brings the home screen back."""

from __future__ import annotations

import pytest

from kiosk import i18n
from kiosk.ui.shell import attract, idle
from tests.journeys.conftest import LARGE_FA, SMALL_EN


@pytest.mark.slow
@pytest.mark.parametrize(("language", "size"), [LARGE_FA, SMALL_EN], ids=["fa-1920", "en-1280"])
def test_idle_warning_extension_reset_and_attract(person, language, size):
    i18n.set_language(language)
    warning = i18n._(idle.SPOKEN)
    name = f"idle-{language}-{size[0]}"
    # The shortest limits the kiosk accepts: 30 s idle, 20 s to answer the warning.
    kiosk = person(
        name,
        language,
        size,
        env={"KIOSK_IDLE_SECONDS": "30", "KIOSK_IDLE_WARNING_SECONDS": "20"},
    )
    home = kiosk.on_screen("home")
    assert home["fullscreen"] and home["window"][2:] == list(size)
    kiosk.screenshot("home")
    kiosk.tap_control("the Learn tile", name="tile_learn")
    kiosk.on_screen("learn")
    kiosk.screenshot("learn")
    started = len(kiosk.spoken())

    # Nobody touches anything: the warning is shown and spoken.
    stay = kiosk.control("the “I am still here” button", name="idle_stay")
    first_warning = kiosk.wait_spoken("the idle warning", lambda t: t == warning, after=started)
    kiosk.screenshot("warning")
    kiosk.tap(stay)
    kiosk.wait("the warning closed", lambda s: not kiosk.find(name="idle_stay")(s))
    # Extended: the person's screen stays, and the tap pressed nothing behind the warning.
    assert kiosk.snapshot()["screen"] == "learn"
    assert kiosk.spoken()[first_warning + 1 :] == []
    kiosk.screenshot("extended")

    # Walks away for good: warned again, then the kiosk resets to the attract screen.
    second_warning = kiosk.wait_spoken(
        "the second idle warning", lambda t: t == warning, after=first_warning + 1
    )
    kiosk.control("the warning again", name="idle_stay")
    kiosk.screenshot("warning-again")
    kiosk.on_screen("attract", timeout=60)
    # The next person gets the kiosk's own language again; the invitation is in it.
    i18n.set_language("fa")
    invite = i18n._(attract.INVITE)
    kiosk.wait_spoken("the invitation", lambda t: t == invite, after=second_warning)
    kiosk.screenshot("attract")

    # The next person touches the screen: home again.
    kiosk.tap_control("the attract screen's start button", name="attract_start")
    kiosk.on_screen("home")
    kiosk.screenshot("home-again")
    spoken = kiosk.spoken()
    assert spoken.index(warning, started) < spoken.index(warning, first_warning + 1)
    assert "idle" in kiosk.log_text()
