"""Flows written by label, role and text only, on markup nobody here wrote (design systems from
npm), run in the real QtWebEngine on the X display by a person who makes mistakes."""

from __future__ import annotations

import json

import pytest

from tests.conformance import people
from tests.conftest import ARTIFACTS


@pytest.mark.slow
@pytest.mark.parametrize("site", list(people.PEOPLE))
def test_every_step_of_the_site(make_site_tab, site: str) -> None:
    tab = make_site_tab(people.SITES[site])
    tab.guide(people.flow(site))
    people.PEOPLE[site](tab)
    tab.finished("completed")
    missing = [data for name, data in tab.records if name == "selector_missing"]
    assert not missing
    tab.shot(ARTIFACTS / "conformance", site)


@pytest.mark.slow
def test_a_visually_hidden_radio_is_pointed_at_through_its_label(make_site_tab) -> None:
    """USWDS hides the native radio (off-screen, opacity 0): the ring goes on its label."""

    def one_radio(data: dict) -> None:
        data["steps"][0]["target"] = [{"label": "Frederick Douglass"}]
        data["steps"][0]["done_when"] = {"chosen": True}

    tab = make_site_tab("en")
    tab.guide(people.flow("uswds", one_radio))
    tab.at("figure")
    assert tab.highlighted_element() == "label[]"
    tab.shot(ARTIFACTS / "conformance", "uswds-hidden-radio")
    assert tab.js("document.querySelector('.usa-radio__input').getBoundingClientRect().right") < 0
    tab.click("label[for=historical-douglass]", navigates=False)
    tab.at("dob")
    # The date's three boxes are one step: the ring goes round their group.
    assert tab.highlighted_element() == "fieldset[]"


RESOLVE = """(function(){var R=window.__kioskResolver;return JSON.stringify(%s.map(function(l){
  var h=R.resolve([l],document);return h?(h.el.id||h.el.tagName.toLowerCase()):null;}));})()"""


@pytest.mark.slow
def test_persian_text_is_matched_however_it_was_typed(make_site_tab) -> None:
    """The page writes Arabic yeh and kaf, ZWNJ and Persian digits; the flow's author need not."""
    from PySide6.QtWebEngineCore import QWebEngineScript

    from kiosk.ui.web.bridge import resolver_source

    tab = make_site_tab("fa")
    tab.open(tab.portal.url + "/bs/register")
    world = QWebEngineScript.ScriptWorldId.ApplicationWorld
    box: list = []
    tab.page.runJavaScript(resolver_source() + ";true", world, box.append)
    tab.qtbot.waitUntil(lambda: bool(box))
    locs = [
        {"kind": "label", "words": ["کد ملی"]},  # page: كد ملي
        {"kind": "label", "words": ["KD ملی"]},  # not there: nothing, not a guess
        {"kind": "role", "role": "switch", "words": ["پیامک ها را میخواهم"]},  # ZWNJ as space
        {"kind": "label", "words": ["شهر"]},  # part of "شهر محل سكونت": a partial match
        {"kind": "text", "pattern": "^ده رقم"},  # the hint, by pattern
        {"kind": "label", "words": ["ده رقم، بدون خط تیره"]},  # a control by its hint
    ]
    found: list = []

    tab.page.runJavaScript(RESOLVE % json.dumps(locs), world, found.append)
    tab.qtbot.waitUntil(lambda: bool(found))
    assert json.loads(found[0]) == ["code", None, "sms", "city", "code-help", "code"]


@pytest.mark.slow
def test_the_allow_list_still_holds_on_the_way_to_a_gateway(make_site_tab) -> None:
    """The auto-POST reaches the gateway's host; a flow that does not name that host says the
    page is not part of the service there (and the agent, in a new renderer, still reports)."""

    def without_gateway(data: dict) -> None:
        data["hosts"] = ["127.0.0.1"]

    tab = make_site_tab("fa")
    tab.guide(people.flow("gateway", without_gateway))
    tab.at("pay")
    tab.click("button[type=submit]")
    tab.qtbot.waitUntil(lambda: any(name == "left_flow" for name, _ in tab.records))
    assert "://localhost:" in tab.url and not tab.highlighted()
