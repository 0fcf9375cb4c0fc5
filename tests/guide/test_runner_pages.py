"""The flow runner and pages: reloads, the browser's Back, jumping ahead, leaving, failures."""

from __future__ import annotations

from kiosk.core.flows import events as ev
from kiosk.core.flows.runner import MSG_FAILED, MSG_LEFT, MSG_OTHER_LANGUAGE
from tests.guide.sample import BASE, Driver, of, said, url


def test_arriving_on_the_step_page_tracks_the_target_for_the_new_document():
    d = Driver()
    d.start(path=None)
    token = d.token
    out = d.load("/signin")
    assert of(ev.Track, out)[0].token == token
    assert not said(out)  # spoken once, when the step began


def test_the_same_document_reported_twice_is_one_load():
    d = Driver()
    d.start()
    again = d.runner.handle(ev.PageLoaded(url("/signin"), doc=f"d{d.docs}"))
    assert again == []


def test_a_reload_goes_back_to_the_first_step_on_the_page():
    d = Driver()
    d.start()
    d.typed()
    d.typed()
    assert d.step == "send"
    out = d.load("/signin")  # the person pressed reload: the fields may be empty again
    assert d.step == "nid" and said(out) == ["Type your national ID"]
    d.typed(initial=True)  # ... but the browser kept the value: moves on by itself
    assert d.step == "mobile"


def test_jumping_ahead_when_the_person_already_did_the_steps():
    d = Driver()
    d.start()
    out = d.load("/signin/otp")  # signed in by themselves before the guide caught up
    assert d.step == "otp"
    record = of(ev.Record, out)[0]
    assert record.name == "jumped_ahead" and record.data["to"] == "otp"


def test_the_browser_back_button_returns_to_the_earlier_steps():
    d = Driver()
    d.start()
    d.load("/signin/otp")
    assert d.step == "otp"
    out = d.load("/signin")
    assert d.step == "nid"
    assert of(ev.Record, out)[0].name == "went_back"


def test_after_a_submit_an_unexpected_page_is_matched_too():
    d = Driver()
    d.start()
    d.typed()
    d.typed()
    d.dom("submit")
    d.load("/dashboard")  # a page further on
    assert d.step == "check"  # a branch is evaluated on whatever page came
    d2 = Driver()
    d2.start()
    d2.op("next")
    d2.op("next")
    d2.op("next")
    d2.send(ev.ProbeResult(d2.token, (False,)))
    assert d2.step == "otp"
    d2.typed()
    d2.dom("click")
    d2.load("/signin")  # verify led back to sign-in (the code had expired)
    assert d2.step == "nid"


def test_leaving_the_flow_pages_says_so_and_offers_the_way_back():
    d = Driver()
    d.start()
    out = d.load("/bills")
    assert said(out) == [MSG_LEFT]
    assert of(ev.Say, out)[0].params == {"title": "Sign in"}
    assert of(ev.OfferGoBack, out) == [ev.OfferGoBack(url("/signin"))]
    assert of(ev.ClearHighlight, out)
    assert d.load("/certificates") == []  # said once while away
    out = d.op("go_back")
    assert out == [ev.Navigate(url("/signin"))]
    out = d.load("/signin")
    assert ev.OfferGoBack(None) in out
    assert of(ev.Track, out)


def test_another_host_is_off_the_flow():
    d = Driver()
    d.start()
    out = d.runner.handle(ev.PageLoaded("https://example.org/signin", doc="x"))
    assert said(out) == [MSG_LEFT]


def test_another_origin_on_the_same_host_is_not_the_step_page():
    d = Driver()
    d.start()
    out = d.runner.handle(ev.PageLoaded("http://127.0.0.1:9999/signin", doc="x"))
    assert said(out) == [MSG_LEFT]


def test_allowed_pages_pass_quietly():
    d = Driver()
    d.start()
    out = d.load("/lang/en")
    assert not said(out) and d.step == "nid"


def test_a_failed_load_is_said_once_and_offers_to_go_back():
    d = Driver()
    d.start()
    failed = ev.PageLoaded(url("/signin/otp"), ok=False)
    out = d.send(failed)
    assert said(out) == [MSG_FAILED]
    assert of(ev.OfferGoBack, out) == [ev.OfferGoBack(url("/signin"))]
    assert d.send(failed) == []  # a rejected navigation reports twice: say it once


def test_pages_that_are_not_web_pages_are_ignored():
    d = Driver()
    d.start()
    assert d.runner.handle(ev.PageLoaded("about:blank")) == []
    assert d.runner.handle(ev.PageLoaded("data:text/html,x")) == []


def test_a_page_in_another_language_is_mentioned_once():
    d = Driver()
    d.start(path=None)
    out = d.load("/signin", lang="fa")
    assert said(out) == [MSG_OTHER_LANGUAGE]
    assert MSG_OTHER_LANGUAGE not in said(d.load("/signin/otp", lang="fa"))
    assert MSG_OTHER_LANGUAGE not in said(Driver().start())  # no lang attribute: no remark


def test_url_condition_completes_on_arrival():
    from tests.guide.sample import sample

    data = sample()
    data["steps"][0]["done_when"] = {"url": {"origin": "portal", "path": "^/signin/otp$"}}
    d = Driver(data)
    d.start()
    d.load("/signin/otp")
    assert d.step == "mobile"  # done, then the next step in order
    assert BASE in d.runner.last_good_url
