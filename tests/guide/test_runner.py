"""The flow runner without a browser: steps, values, clicks, branches, timers, operator buttons."""

from __future__ import annotations

import pytest

from kiosk.core.flows import events as ev
from kiosk.core.flows.runner import (
    MSG_DONE,
    MSG_MISSING,
    MSG_PATIENCE,
    MSG_PRAISE,
    MSG_RETRY,
    MSG_STOPPED,
    FlowRunner,
)
from tests.guide.sample import Driver, of, said, sample, url


def to_otp(d: Driver) -> None:
    """From the start to the one-time-code step on the right path."""
    d.start()
    d.typed()
    d.typed()
    d.dom("submit")
    d.load("/signin/otp")
    d.send(ev.ProbeResult(d.token, (False,)))


def test_the_right_path_from_start_to_finish():
    d = Driver()
    out = d.start()
    assert d.step == "nid"
    assert said(out) == ["Type your national ID"]
    show = of(ev.ShowStep, out)[0]
    assert (show.position, show.total) == (1, 6)  # the branch is not counted
    assert of(ev.Track, out)[-1].highlight
    d.found()
    out = d.typed()
    assert d.step == "mobile" and said(out) == ["Type your mobile number"]
    assert of(ev.Wait, out) == [ev.Wait("timeout", 60, d.token)]
    d.typed()
    assert d.step == "send"
    out = d.dom("submit")
    assert of(ev.ClearHighlight, out) and not said(out)  # waits for the next page
    assert d.step == "send"
    out = d.load("/signin/otp")
    assert d.step == "check" and of(ev.Probe, out)[0].conditions[0][0].words == (".field-error",)
    out = d.send(ev.ProbeResult(d.token, (False,)))
    assert d.step == "otp"
    assert of(ev.Track, out)[0].private
    d.typed()
    out = d.dom("click")
    assert d.step == "verify" and d.runner.waiting_for_page  # `navigates`: the dashboard is next
    out = d.load("/dashboard")
    assert of(ev.ShowCard, out)[0].card.fee["en"] == "Free"
    out = d.op("ack")
    assert of(ev.Finish, out) == [ev.Finish("completed")]
    assert said(out) == [MSG_DONE]
    assert d.runner.finished
    assert d.op("next") == [] and d.load("/") == []  # nothing moves a finished flow


def test_learner_is_praised_and_never_sees_operator_steps():
    data = sample()
    data["steps"].insert(
        0,
        {
            "id": "card",
            "kind": "operator_only",
            "text": {"fa": "کارت", "en": "Check the ID card"},
            "done_when": {"acknowledged": True},
        },
    )
    d = Driver(data, mode="learner")
    out = d.start()
    assert d.step == "nid" and "Check the ID card" not in said(out)
    to_otp_steps = [d.typed(), d.typed(), d.dom("submit"), d.load("/signin/otp")]
    assert to_otp_steps
    d.send(ev.ProbeResult(d.token, (False,)))
    d.typed()
    d.dom("click")
    d.load("/dashboard")
    assert said(d.op("ack")) == [MSG_PRAISE]
    operator = Driver(data)
    operator.start()
    assert operator.step == "card"


def test_stale_reports_from_an_earlier_step_are_ignored():
    d = Driver()
    d.start()
    old = d.token
    d.typed()
    assert d.send(ev.ValueMatched(old, True)) == []
    assert d.send(ev.TargetMissing(old)) == []
    assert d.send(ev.TimerFired("timeout", old)) == []
    assert d.step == "mobile"


def test_a_value_already_there_skips_the_step():
    d = Driver()
    d.start()
    d.typed(initial=True)
    assert d.step == "mobile"


def test_wrong_value_gets_a_gentle_retry_only_when_the_field_is_left():
    d = Driver()
    d.start()
    assert d.typed(False) == []  # still typing
    assert said(d.typed(False, committed=True)) == [MSG_RETRY]
    d.typed()
    assert said(d.typed(False, committed=True)) == ["Eleven digits, starting with 09"]
    assert d.step == "mobile"


def test_learner_gets_help_after_three_wrong_answers():
    d = Driver(mode="learner")
    d.start()
    d.typed()
    for _ in range(2):
        d.typed(False, committed=True)
    assert d.step == "mobile"
    out = d.typed(False, committed=True)
    assert d.step == "slow" and of(ev.Record, out)[0].name == "retries"
    d.op("ack")
    assert d.step == "mobile"  # help returns to the step it helped with


def test_timeout_goes_to_the_help_step_then_returns():
    d = Driver()
    d.start()
    d.typed()
    out = d.fire("timeout")
    assert d.step == "slow"
    assert of(ev.Record, out)[0] == ev.Record(
        "timeout", {"flow": "test.signin", "version": 3, "step": "mobile"}
    )
    shown = of(ev.ShowStep, out)[0]
    assert shown.position == 2  # the help counts as the step it helps with
    d.op("ack")
    assert d.step == "mobile"


def test_timeout_without_help_repeats_the_instruction_patiently():
    data = sample()
    data["steps"][0]["timeout"] = {"seconds": 30}
    d = Driver(data)
    d.start()
    out = d.fire("timeout")
    assert said(out) == [MSG_PATIENCE, "Type your national ID"]
    assert of(ev.Wait, out) == [ev.Wait("timeout", 30, d.token)]


def test_missing_target_keeps_watching_then_records_and_helps():
    d = Driver()
    d.start()
    out = d.send(ev.TargetMissing(d.token))
    assert of(ev.Wait, out) == [ev.Wait("missing", 5, d.token)]
    out = d.fire("missing")
    assert (
        ev.Record("selector_missing", {"flow": "test.signin", "version": 3, "step": "nid"}) in out
    )
    assert d.step == "lost"
    d.op("ack")
    assert d.step == "nid"


def test_target_found_in_time_cancels_the_missing_timer():
    d = Driver()
    d.start()
    d.send(ev.TargetMissing(d.token))
    out = d.found()
    assert ev.CancelWait("missing") in out
    assert d.fire("missing") == []
    assert d.step == "nid"


def test_fallback_locator_and_duplicates_are_recorded_once():
    d = Driver()
    d.start()
    out = d.found(locator=1, count=2)
    names = [r.name for r in of(ev.Record, out)]
    assert names == ["selector_fallback", "target_ambiguous"]
    assert of(ev.Record, out)[0].data["locator"] == 1
    assert of(ev.Record, d.found(locator=1, count=2)) == []


def test_missing_without_help_asks_the_operator_until_the_target_appears():
    d = Driver()
    d.start()
    d.typed()
    d.send(ev.TargetMissing(d.token))
    out = d.fire("missing")
    assert of(ev.AskOperator, out) == [ev.AskOperator(MSG_MISSING)]
    assert said(out) == [MSG_MISSING]
    assert [r.name for r in of(ev.Record, out)] == ["selector_missing"]
    assert d.send(ev.TargetMissing(d.token)) == []  # recorded once per step
    assert of(ev.AskOperator, d.found()) == [ev.AskOperator(None)]


def test_branch_takes_the_error_path_and_loops_until_fixed():
    d = Driver()
    d.start()
    d.typed()
    d.typed()
    d.dom("submit")
    d.load("/signin")  # the same page again, with errors
    assert d.step == "check"
    out = d.send(ev.ProbeResult(d.token, (True,)))
    assert d.step == "fix"
    assert said(out) == ["Fix the red box and press the button again"]
    d.dom("submit")
    d.load("/signin/otp")
    d.send(ev.ProbeResult(d.token, (False,)))
    assert d.step == "otp"


def test_branch_decides_alone_when_the_page_does_not_answer():
    d = Driver()
    d.start()
    d.typed()
    d.typed()
    d.dom("submit")
    d.load("/signin/otp")
    d.fire("probe")
    assert d.step == "otp"


def test_branch_on_url_needs_no_probe():
    data = sample()
    data["steps"][3]["branch"] = [
        {"when": {"url": {"origin": "portal", "path": "^/signin$"}}, "goto": "fix"}
    ]
    d = Driver(data)
    d.start()
    d.typed()
    d.typed()
    d.dom("submit")
    out = d.load("/signin")
    assert not of(ev.Probe, out) and d.step == "fix"


def test_submit_that_never_loads_a_page_moves_on_after_a_while():
    d = Driver()
    d.start()
    d.typed()
    d.typed()
    d.dom("submit")
    d.fire("nav")
    assert d.step == "check"


def test_operator_next_back_skip_and_abort():
    d = Driver()
    d.start()
    out = d.op("next")
    assert d.step == "mobile" and of(ev.Record, out)[0].name == "operator_next"
    out = d.op("skip")
    assert d.step == "send" and of(ev.Record, out)[0].name == "step_skipped"
    d.op("back")
    assert d.step == "mobile"
    d.op("back")
    assert d.step == "nid"
    assert d.op("back") == []  # nothing before the first step
    out = d.op("abort")
    assert of(ev.Finish, out) == [ev.Finish("aborted")] and said(out) == [MSG_STOPPED]


def test_operator_next_on_a_submit_step_does_not_wait_for_a_page():
    d = Driver()
    d.start()
    d.op("next")
    d.op("next")
    d.op("next")
    assert d.step == "check"


def test_repeat_says_the_instruction_again_and_points_again():
    d = Driver()
    d.start()
    out = d.runner.repeat()
    assert said(out) == ["Type your national ID"] and of(ev.Track, out)


def test_consent_agree_and_decline():
    data = sample()
    data["steps"].insert(
        0,
        {
            "id": "consent",
            "kind": "consent",
            "text": {"fa": "موافقید؟", "en": "Do you agree?"},
            "done_when": {"acknowledged": True},
        },
    )
    d = Driver(data)
    d.start()
    assert d.op("next") and d.step == "nid"
    d = Driver(data)
    d.start()
    assert of(ev.Record, d.op("ack"))[0].name == "consent_given"
    d = Driver(data)
    d.start()
    assert of(ev.Finish, d.op("decline")) == [ev.Finish("declined")]


def test_element_appears_and_disappears_conditions():
    data = sample()
    data["steps"][0]["done_when"] = {"appears": [{"css": ".ok"}]}
    data["steps"][1]["done_when"] = {"disappears": [{"css": ".spinner"}]}
    d = Driver(data)
    d.start()
    assert d.send(ev.WatchChanged(d.token, False)) == []
    d.send(ev.WatchChanged(d.token, True))
    assert d.step == "mobile"
    d.send(ev.WatchChanged(d.token, True))
    assert d.step == "mobile"
    d.send(ev.WatchChanged(d.token, False))
    assert d.step == "send"


def test_explicit_next_and_end():
    data = sample()
    data["steps"][0]["next"] = "send"
    data["steps"][2]["next"] = "$end"
    d = Driver(data)
    d.start()
    d.typed()
    assert d.step == "send"
    out = d.dom("submit")
    assert of(ev.Finish, out) == [ev.Finish("completed")]


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        FlowRunner(Driver().flow, mode="teacher")


def test_free_text_is_done_when_the_person_leaves_the_field():
    data = sample()
    data["steps"][0]["done_when"] = {"filled": "^.{2,}$"}
    d = Driver(data)
    d.start()
    assert d.typed() == [] and d.step == "nid"  # still typing a name
    d.typed(committed=True)
    assert d.step == "mobile"


def test_a_choice_group_step_asks_again_on_the_wrong_option_and_goes_on_with_the_right():
    data = sample()
    data["steps"][0]["done_when"] = {"chosen": {"en": "No", "fa": "خیر"}}
    d = Driver(data)
    d.start()
    d.found()
    assert d.step == "nid"
    out = d.typed(False, committed=True)  # another option chosen
    assert d.step == "nid" and MSG_RETRY in [s.msgid for s in of(ev.Say, out)]
    d.typed(True, committed=True)
    assert d.step == "mobile"


def test_a_route_change_in_the_same_document_is_a_page_of_its_own():
    """A single-page app's pushState reaches the runner as a PageLoaded with a new doc id."""
    d = Driver()
    d.start()
    d.typed()
    d.typed()
    d.dom("submit")
    assert d.runner.waiting_for_page
    d.send(ev.PageLoaded(url("/signin/otp"), doc="d1@1"))  # the same document, routed
    assert not d.runner.waiting_for_page


def test_several_fields_as_one_step_are_done_when_the_person_leaves_one_and_all_match():
    data = sample()
    data["steps"][0]["done_when"] = {
        "all_filled": [{"field": [{"label": "Day"}], "matches": "^[0-9]{1,2}$"}]
    }
    d = Driver(data)
    d.start()
    d.found()
    assert d.typed() == [] and d.step == "nid"  # all match while typing: not yet
    out = d.typed(False, committed=True)  # the field left holds a wrong value
    assert d.step == "nid" and MSG_RETRY in [s.msgid for s in of(ev.Say, out)]
    d.typed(True, committed=True)
    assert d.step == "mobile"


def test_an_error_the_page_shows_is_read_and_the_guide_goes_to_the_field_in_error():
    d = Driver()
    d.start()
    d.found()
    d.typed()
    assert d.step == "mobile"
    out = d.send(ev.PageError("National ID: ten digits", step="nid"))
    pages = [s.page for s in of(ev.Say, out) if s.page is not None]
    assert pages == ["National ID: ten digits"] and d.step == "nid"
    record = next(r for r in of(ev.Record, out) if r.name == "page_error")
    assert "National ID" not in str(record.data) and record.data["to"] == "nid"
    # A form checked in the page after a submit: no page comes, the guide stops waiting.
    d.typed()
    d.typed()
    d.dom("submit")
    assert d.runner.waiting_for_page
    out = d.send(ev.PageError("Mobile: eleven digits", step="mobile"))
    assert not d.runner.waiting_for_page and d.step == "mobile"
    assert ev.CancelWait("nav") in out
    # An error naming no step of this page: read, the step stays.
    out = d.send(ev.PageError("Try again later"))
    assert d.step == "mobile" and [s.page for s in of(ev.Say, out)][-1] == "Try again later"


def test_the_track_command_names_the_steps_of_the_same_page():
    d = Driver()
    out = d.start()
    track = of(ev.Track, out)[-1]
    assert [step_id for step_id, _ in track.fields] == ["nid", "mobile", "send"]


def test_a_page_error_counts_only_from_the_top_document_now_shown():
    from kiosk.core.flows.agent_reports import ReportReader

    reader = ReportReader()
    reader.expect(3)
    reader.new_document("doc-a")
    error = {"type": "page_error", "text": "Wrong year", "step": "dob", "doc": "doc-a"}
    assert reader.read({**error, "top": True, "token": 1}) == ev.PageError("Wrong year", "dob")
    assert reader.read({**error, "top": False}) is None  # a frame
    assert reader.read({**error, "top": True, "doc": "doc-old"}) is None  # a page gone
    assert reader.read({**error, "top": True, "text": ""}) is None
