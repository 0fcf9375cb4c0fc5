"""Journey 4: staff on a fresh kiosk. The first administrator is created and signed in on the
on-screen keypad; settings switch to 200 % text and high contrast; a portal is recorded on the
practice portal and saved as a flow; the new flow and a bundled one are checked."""

from __future__ import annotations

import configparser
import json
import subprocess
import time
from contextlib import closing
from itertools import product
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk import i18n
from kiosk.core.notices import Notice
from kiosk.core.options import OPTIONS_BY_KEY
from kiosk.ui import theme
from kiosk.ui.assist import health_page, pages
from kiosk.ui.recorder import page as recorder_page
from kiosk.ui.recorder.steps import STEP_HEAD, isolate
from kiosk.ui.shell.caption import LINGER_MS
from kiosk.ui.staff import settings_page, signin
from kiosk.ui.widgets.spoken_field import DIGIT_ENTERED
from tests.journeys.conftest import LARGE_FA, SMALL_EN
from tests.journeys.harness import (
    KIOSK,
    ROOT,
    WAIT,
    Control,
    JourneyError,
    Person,
    Snapshot,
    control_matches,
    describe,
)

PIN = "258036"
NAMES = {"fa": "مریم", "en": "Maryam"}
FLOW_ID = "recorded.search"
SEARCH = "birth"  # typed into the practice portal's search box while recording
TITLES = {"fa": "جستجوی خدمت", "en": "Find a service"}
BUNDLED = "practice.signin"


# ---- a person's eyes and hands, beyond the harness ----------------------------------------
LINGER = LINGER_MS / 1000  # seconds the caption stays after speech


def settled(kiosk: Person) -> bool:
    """Whether the screen will stay as it is for a moment. The caption strip used to appear
    and go with speech, moving the scrolled part and the footer under the finger; it now keeps
    its room (tests/shell/test_caption_room.py), so only its presence is checked."""
    return kiosk.find(name="caption")(kiosk.snapshot()) is not None


def settle(kiosk: Person) -> None:
    kiosk.wait("the caption strip to settle", lambda _s: settled(kiosk))


def _in_view(control: Control, bar: Control | None) -> bool:
    """Wholly shown, or (taller than the screen's scrolled part) filling all of it."""
    w, h = control["rect"][2:]
    full_w, full_h = control.get("size", control["rect"][2:])
    if w < full_w:
        return False
    return h >= full_h or (bar is not None and h >= bar["rect"][3] - 2)


def _scroll(kiosk: Person, bar: Control, down: bool, fine: bool, what: str) -> None:
    """Tap the screen's scroll bar: an arrow for a small step, the trough for a page; then
    wait until the screen has moved. (Taps, not the mouse wheel: on this X server the kiosk
    stops taking wheel turns after the first tap anywhere; see the report.)"""
    settle(kiosk)
    x, y, w, h = bar["rect"]
    arrow = w  # the bar's arrow buttons are square
    if fine:
        spot = y + h - arrow // 2 if down else y + arrow // 2
    else:  # the trough next to an arrow: the handle is not there unless at that end
        spot = y + h - arrow - 3 if down else y + arrow + 2
    moved = lambda s: (b := kiosk.find(name="screen_scrollbar")(s)) and b["value"] != bar["value"]  # noqa: E731
    kiosk.tap([x, spot, w, 1])
    try:
        kiosk.wait(f"the screen to scroll towards {what}", moved, timeout=5)
        return
    except JourneyError:
        pass
    # At 200 % on a small screen the bar's handle is most of its length, and the tap may land
    # on it: a person then turns the wheel over the page, or, at a desk, presses Page Up/Down.
    middle = kiosk.snapshot().get("window") or [0, 0, *kiosk.size]
    kiosk.xdotool("mousemove", str(middle[0] + middle[2] // 2), str(y + h // 2))
    kiosk.xdotool("click", "5" if down else "4")
    try:
        kiosk.wait(f"the screen to scroll towards {what} (wheel)", moved, timeout=5)
        return
    except JourneyError:
        pass
    kiosk.key("Next" if down else "Prior")
    kiosk.wait(
        f"the screen to scroll towards {what} (from {bar['value']} in {bar['range']})", moved
    )


def reach(kiosk: Person, what: str, locate=None, **match) -> Control:
    """A control (or, with `locate`, a web element) in view. While it is off screen or cut by
    the edge, the person taps the screen's scroll bar, as anyone would: towards it when part
    of it shows, else down to the end and then back up."""
    locate = locate or kiosk.find(**match)
    down = True
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        settle(kiosk)
        snapshot = kiosk.snapshot()
        bar = kiosk.find(name="screen_scrollbar")(snapshot)
        control = locate(snapshot)
        if control is not None and _in_view(control, bar):
            return control
        if (
            control is not None
            and "web_view" in control
            and _wholly_shown(control["web_view"], bar)
        ):
            _scroll_web(kiosk, control, locate, what)  # the web page scrolls, not the screen
            continue
        if bar is None or bar["range"][0] == bar["range"][1]:  # nothing scrolls: yet to appear
            time.sleep(0.1)
            continue
        low, high = bar["range"]
        if control is not None:  # partly shown: towards it, a notch at a time
            cut_at_top = control["rect"][1] <= bar["rect"][1] + 1
            down = not cut_at_top
            if (down and bar["value"] >= high) or (not down and bar["value"] <= low):
                break  # cut off for good
        elif down and bar["value"] >= high:
            down = False
        elif not down and bar["value"] <= low:
            down = True
            time.sleep(0.1)  # the whole screen seen; look again (it may be yet to appear)
            continue
        more = kiosk.find(name="tile_more")(snapshot)
        if down and more is not None:  # the screen's own way down, as a person takes it
            kiosk.tap(more)
            # Look again only once the screen has moved: a snapshot from before the tap would
            # send a second tap (the screen then scrolls past) or a tap where the control was.
            kiosk.wait(
                f"the screen to scroll down towards {what} (from {bar['value']})",
                lambda s, was=bar["value"]: (
                    (b := kiosk.find(name="screen_scrollbar")(s)) and b["value"] != was
                ),
            )
            continue
        room = high - bar["value"] if down else bar["value"] - low
        _scroll(kiosk, bar, down, control is not None or room <= bar["rect"][3], what)
    kiosk.screenshot(f"FAILED-{what}")
    snapshot = kiosk.snapshot()
    bar = kiosk.find(name="screen_scrollbar")(snapshot)
    raise JourneyError(f"not reachable on screen: {what}; scroll bar {bar}\n{describe(snapshot)}")


def _wholly_shown(rect: list[int], bar: Control | None) -> bool:
    """Whether `rect` (a web view) is all in the screen's scrolled part (all of it, if nothing
    scrolls)."""
    if bar is None or bar["range"][0] == bar["range"][1]:
        return True
    return (
        rect[1] >= bar["rect"][1] - 1 and rect[1] + rect[3] <= bar["rect"][1] + bar["rect"][3] + 1
    )


def _scroll_web(kiosk: Person, control: Control, locate, what: str) -> None:
    """Turn the mouse wheel over the web page towards the element, as a person at the desk
    does, and wait until the page has moved."""
    vx, vy, vw, vh = control["web_view"]
    down = control["element"][1] >= vy
    kiosk.xdotool("mousemove", str(vx + vw // 2), str(vy + vh // 2))
    kiosk.xdotool("click", "5" if down else "4")
    was = control["element"][1]
    kiosk.wait(
        f"the web page to scroll towards {what}",
        lambda s: (c := locate(s)) is not None and c["element"][1] != was,
        timeout=10,
    )


def web_in_view(kiosk: Person, **match):
    """A locate function for `reach`: the web element, its rectangle clipped to what of the web
    view shows (so a part hidden by the scrolled screen does not count)."""

    def locate(snapshot: Snapshot) -> Control | None:
        for view in snapshot.get("web", []):
            shown = view.get("rect")
            for element in view.get("elements", []):
                if not (shown and element.get("rect") and control_matches(element, match)):
                    continue
                x, y, w, h = element["rect"]
                vy, vh = shown[1], shown[3]
                top, bottom = max(y, vy), min(y + h, vy + vh)
                where = {"size": [w, h], "element": [x, y, w, h], "web_view": shown}
                if bottom <= top:
                    return {**element, "rect": [x, y, w, 0], **where}
                return {**element, "rect": [x, top, w, bottom - top], **where}
        return None

    return locate


def tap_reached(kiosk: Person, what: str, **match) -> Control:
    control = reach(kiosk, what, **match)
    kiosk.tap(control)
    return control


def tap_back(kiosk: Person) -> None:
    """Back, in the footer (which the caption strip moves: see `settled`)."""
    settle(kiosk)
    kiosk.tap_control("the Back tile", name="tile_back")


def on_page(kiosk: Person, page: str) -> Snapshot:
    return kiosk.wait(f"staff page {page!r}", lambda s: s if s.get("page") == page else None)


def share_of(path: Path, colour: str) -> float:
    """How much of a screenshot is painted in `colour` (every 7th pixel counted)."""
    image = QImage(str(path))
    assert not image.isNull(), path
    wanted = QColor(colour).rgb() & 0xFFFFFF
    seen = hits = 0
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            seen += 1
            hits += (image.pixel(x, y) & 0xFFFFFF) == wanted
    return hits / seen


def type_into(kiosk: Person, what: str, text: str, *, replace: bool = False, **match) -> None:
    tap_reached(kiosk, what, **match)
    kiosk.wait(f"{what} focused", lambda s: (c := kiosk.find(**match)(s)) and c.get("focused"))
    if replace:
        kiosk.key("ctrl+a", "BackSpace")
    if text.isascii():
        kiosk.type(text)
    else:  # xdotool borrows a key for each letter not on the keyboard: slower, or some are lost
        kiosk.xdotool("type", "--delay", "150", text)


# ---- the journey ----------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(("language", "size"), [LARGE_FA, SMALL_EN], ids=["fa-1920", "en-1280"])
def test_staff_creates_admin_sets_large_contrast_records_and_checks(person, language, size):
    i18n.set_language(language)
    tr = i18n._
    name = f"staff-{language}-{size[0]}"
    kiosk = person(name, language, size)
    kiosk.on_screen("home")
    kiosk.screenshot("home")

    # A fresh kiosk: the Staff tile asks for the first administrator.
    tap_reached(kiosk, "the Staff tile", name="tile_staff")
    kiosk.on_screen("staff")
    on_page(kiosk, "staff_page_first_run")
    intro = f"{tr(signin.FirstRunPage.title_msgid)}. {tr(signin.FirstRunPage.EXPLAIN)}"
    kiosk.wait_spoken("the first-run introduction", lambda t: t == intro)
    kiosk.screenshot("first-run")
    type_into(kiosk, "the name field", NAMES[language], accessible=tr("Name"), cls="SpokenField")
    started = len(kiosk.spoken())
    for twice in range(2):  # the PIN, then the same PIN again (OK moves to the second field)
        for digit in PIN:
            tap_reached(kiosk, f"keypad key {digit}", name=f"keypad_{digit}")
        if twice:
            kiosk.screenshot("first-run-typed")
        tap_reached(kiosk, "the keypad's OK", name="keypad_ok")
    # "Signed in as {name}, {role}." holds a name someone typed, so its speech is private and
    # the probe writes it as "…", as it does everything not written by the kiosk's authors.
    on_page(kiosk, "staff_page_home")
    signed = kiosk.wait_spoken("signed in (private)", lambda t: t == "…", after=started)
    typed = kiosk.spoken()[started:signed]
    assert typed.count(tr(DIGIT_ENTERED)) == 2 * len(PIN), typed
    assert not any(PIN in t or any(d in t for d in PIN) for t in typed)  # never a digit
    kiosk.screenshot("staff-home")

    # Settings: 200 % text and high contrast, saved.
    small = kiosk.control("the Back tile", name="tile_back")
    tap_reached(kiosk, "the Settings tile", name="staff_settings")
    on_page(kiosk, "staff_page_settings")
    kiosk.screenshot("settings")
    scale = tr(OPTIONS_BY_KEY["text_scale"].title)
    tap_reached(
        kiosk,
        "the 200 % text button",
        name="choice",
        accessible=f"{scale}: {i18n.format_percent(200)}",
    )
    kiosk.wait(
        "200 % chosen",
        lambda s: (
            (c := kiosk.find(accessible=f"{scale}: {i18n.format_percent(200)}")(s)) and c["checked"]
        ),
    )
    contrast = tr(OPTIONS_BY_KEY["high_contrast"].title)
    tap_reached(kiosk, "the high-contrast box", cls="QCheckBox", accessible=contrast)
    kiosk.wait(
        "high contrast ticked",
        lambda s: (c := kiosk.find(cls="QCheckBox", accessible=contrast)(s)) and c["checked"],
    )
    normal = kiosk.screenshot("settings-chosen")
    said = len(kiosk.spoken())
    tap_reached(kiosk, "Save", name="save_settings")
    kiosk.wait_spoken("settings saved", lambda t: t == tr(settings_page.SAVED), after=said)
    large = kiosk.wait(
        "the Back tile at 200 %",
        lambda s: (c := kiosk.find(name="tile_back")(s)) and c["rect"][3] > small["rect"][3] and c,
    )
    # The words grow with the text; the tile's padding does not (it keeps the room the 1280x800
    # screen needs), so its width tells: the word "Back" is twice as wide.
    assert large["rect"][2] >= 1.5 * small["rect"][2], (small, large)
    contrasted = kiosk.screenshot("settings-saved")
    assert share_of(normal, theme.NORMAL.window) > 0.3
    assert share_of(contrasted, theme.HIGH_CONTRAST.window) > 0.3
    assert share_of(contrasted, theme.NORMAL.window) == 0
    ini = configparser.ConfigParser()
    ini.read(kiosk.data / "kiosk.ini", encoding="utf-8")
    assert ini["kiosk"]["text_scale"] == "200"
    assert ini["kiosk"]["high_contrast"] == "yes"

    # Record a portal: the practice portal's search, done once with real input.
    tap_back(kiosk)
    on_page(kiosk, "staff_page_home")
    tap_reached(kiosk, "the Record a portal tile", name="staff_record_flow")
    on_page(kiosk, "staff_page_record_flow")
    kiosk.screenshot("record")
    tap_reached(
        kiosk, "the practice portal choice", name="choice", accessible=tr(recorder_page.PRACTICE)
    )
    type_into(
        kiosk, "the flow name", FLOW_ID, replace=True, name="record_flow_id", cls="SpokenField"
    )
    said = len(kiosk.spoken())
    tap_reached(kiosk, "Start recording", name="record_start")
    kiosk.wait_spoken("recording", lambda t: t == tr(recorder_page.RECORDING), after=said)
    search = web_in_view(kiosk, tag="input", name="q")
    kiosk.tap(reach(kiosk, "the portal's search box", search))
    kiosk.screenshot("recording")
    kiosk.type(SEARCH)
    kiosk.tap(reach(kiosk, "the search button", web_in_view(kiosk, tag="button", type="submit")))
    first = tr(STEP_HEAD).split("{number}")[0]
    kiosk.wait(
        "two steps listed beside the page",
        lambda s: any(
            c.get("name") == "body" and c.get("text", "").count(first) == 2
            for c in s.get("controls", [])
        ),
    )
    kiosk.screenshot("recorded-steps")
    said = len(kiosk.spoken())
    tap_reached(kiosk, "Stop recording", name="record_stop")
    stopped = Notice.counted(recorder_page.STOPPED, 2, {"count": i18n.format_number(2)}).text()
    kiosk.wait_spoken("recording stopped", lambda t: t.startswith(stopped), after=said)
    kiosk.screenshot("stopped")
    for lang in ("fa", "en"):
        type_into(
            kiosk, f"the {lang} title", TITLES[lang], name=f"card_title_{lang}", cls="SpokenField"
        )
    kiosk.screenshot("card")
    said = len(kiosk.spoken())
    tap_reached(kiosk, "Save the flow", name="record_save")
    saved = tr(recorder_page.SAVED).format(file=isolate(f"{FLOW_ID}.json", ltr=True))
    # The message names a file the operator typed, so its speech is private ("…" in the
    # probe): read on screen, heard as one private utterance.
    kiosk.control("the saved message", name="page_message", text=saved)
    kiosk.wait_spoken("the flow saved (private)", lambda t: t == "…", after=said)
    kiosk.screenshot("saved")
    path = kiosk.data / "flows" / f"{FLOW_ID}.json"
    assert path.is_file()
    checked = subprocess.run(
        [str(KIOSK), "flows", "validate", "--language", "en", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=kiosk.env,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"ok ({FLOW_ID}, version" in checked.stdout
    data = json.loads(path.read_text(encoding="utf-8"))
    assert SEARCH not in json.dumps(data)  # what was typed is never recorded
    assert data["title"] == TITLES

    assert [step["id"] for step in data["steps"]] and len(data["steps"]) == 2
    assert {"name": "q"} in data["steps"][0]["target"]

    # Check a flow: the one just recorded, then a bundled one.
    tap_back(kiosk)
    on_page(kiosk, "staff_page_home")
    tap_reached(kiosk, "the Check a flow tile", name="staff_flow_health")
    on_page(kiosk, "staff_page_flow_health")
    kiosk.screenshot("check")
    new_tile = tr(pages.UNVERIFIED).format(title=TITLES[language])
    summary = check(kiosk, "the new flow", new_tile, TITLES[language], steps=2)
    assert summary == (2, 0, 0), summary  # both steps are on the start page, and found there
    kiosk.screenshot("checked-new")
    bundled = json.loads((ROOT / "lessons/practice_portal/flows/signin.json").read_text("utf-8"))
    assert bundled["id"] == BUNDLED
    title = bundled["title"][language]
    ok, drift, unchecked = check(kiosk, "a bundled flow", title, title, len(bundled["steps"]))
    assert ok >= 1 and drift == 0, (ok, drift, unchecked)
    kiosk.screenshot("checked-bundled")

    # The audit log: the administrator made, the settings changed, the flow recorded.
    with closing(kiosk.database()) as db:
        rows = [dict(row) for row in db.execute("SELECT * FROM audit_log ORDER BY id")]
    actions = [row["action"] for row in rows]
    assert actions[:1] == ["staff.create"], actions
    created = json.loads(rows[0]["details"])
    assert created == {"account": NAMES[language], "role": "admin"}
    changes = [json.loads(r["details"]) for r in rows if r["action"] == "settings.change"]
    assert changes == [{"high_contrast": True, "text_scale": 200}]
    settings_row = rows[actions.index("settings.change")]
    assert settings_row["actor"] == NAMES[language] and settings_row["actor_id"]
    recorded = [json.loads(r["details"]) for r in rows if r["action"] == "flows.record"]
    assert [r["flow"] for r in recorded] == [FLOW_ID]
    assert actions.index("staff.create") < actions.index("settings.change")
    assert actions.index("settings.change") < actions.index("flows.record")


def check(kiosk: Person, what: str, tile: str, title: str, steps: int) -> tuple[int, int, int]:
    """Run the health check of the service whose tile reads `tile`; the summary it spoke (and
    showed) as (found, drifted, not checked)."""
    tr = i18n._
    said = len(kiosk.spoken())
    tap_reached(kiosk, f"the tile of {what}", name="tile_help", accessible=tile)
    checking = tr(health_page.CHECKING).format(flow=f"\u2068{title}\u2069")
    kiosk.wait_spoken(f"checking {what}", lambda t: t == checking, after=said)
    summaries = {}
    for ok, drift, unchecked in product(range(steps + 1), repeat=3):
        text = tr(health_page.SUMMARY).format(
            flow=f"\u2068{title}\u2069",
            ok=i18n.format_number(ok),
            drift=i18n.format_number(drift),
            unchecked=i18n.format_number(unchecked),
        )
        after = tr(health_page.FIX_DRIFT if drift else health_page.ALL_OK)
        summaries[f"{text} {after}"] = (ok, drift, unchecked)
    index = kiosk.wait_spoken(f"the summary of {what}", lambda t: t in summaries, after=said)
    spoken = kiosk.spoken()[index]

    def heard(snapshot) -> bool:
        """The summary is being said (its first words in the caption): a person listens to
        it before reaching for the next tile. Its speech starting lays the window out again."""
        caption = kiosk.find(name="caption")(snapshot)
        return bool(caption and caption["text"] and spoken.startswith(caption["text"][:40]))

    kiosk.wait(f"the summary of {what} heard", heard)
    # Shown as well as spoken, in words.
    reach(kiosk, f"the summary of {what} on screen", name="question", text=spoken[:200])
    return summaries[spoken]
