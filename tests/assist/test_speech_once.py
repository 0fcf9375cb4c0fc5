"""Speech in an assisted session: each step's instruction is one utterance; on a private step
the look-away notice opens it, instead of a second utterance cutting the first off."""

from __future__ import annotations

from kiosk.ui.assist.session_view import PRIVATE
from tests.assist.web import Helper, SessionTab
from tests.gui import engine, spoken, utterances
from tests.guide import scenarios


def test_each_step_is_spoken_once_and_a_private_step_opens_with_the_notice(
    make_kiosk, qtbot, portal
):
    kiosk = make_kiosk("en", (1600, 1000))
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    helper.choose("practice.signin")
    helper.click(screen.info.start_tile)
    helper.click(screen.consent.agree)
    tab = SessionTab(qtbot, portal, screen)
    # For each step shown, the utterances asked for while the guide handled it.
    steps: list[tuple[str, int]] = []
    guide = screen.session.guide
    guide.step_shown.connect(lambda show: steps.append((show.step.id, len(utterances(kiosk)))))
    heard: list[str] = []
    guide.spoken.connect(heard.append)
    tab.at("national-id")
    tab.type("[name=national_id]", scenarios.NATIONAL_ID)
    tab.at("mobile")
    tab.type("[name=mobile]", scenarios.MOBILE)
    tab.at("captcha")
    tab.type("[name=captcha]", portal.captcha_answer(tab.sid))
    tab.at("send")
    tab.click("form[action='/signin'] button[type=submit]")
    tab.at("otp")
    marks = [count for _step, count in steps] + [len(utterances(kiosk))]
    per_step = {step: marks[i + 1] - marks[i] for i, (step, _count) in enumerate(steps)}
    assert per_step == {"mobile": 1, "captcha": 1, "send": 1, "otp": 1}, per_step
    private = utterances(kiosk)[-1]
    notice = kiosk.window.ctx.tr(PRIVATE)
    instruction = guide.current.step.text["en"]
    assert private.text == f"{notice} {instruction}" and heard[-1] == private.text
    assert private.cacheable  # the notice and the flow's text are both authored
    qtbot.waitUntil(lambda: any("look away" in text for text in engine(kiosk).said()))
    # Repeat (the panel's tile, after saying its own label) says it again: one utterance.
    count = len(utterances(kiosk))
    guide.repeat()
    assert spoken(kiosk)[count:] == [private.text]
    helper.click(screen.session_page.panel.op_stop)
