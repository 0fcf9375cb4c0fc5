"""Journey 3: Get help. An operator comes on duty; a citizen chooses a service, hears the info
card and the consent, and is guided on the practice portal through sign-in and the bank
gateway's payment to the receipt, saves it as a PDF where they choose, taps a face, and the
kiosk wipes every trace of them.

Like a person at the kiosk, the journey reads what the screen shows: the captcha picture (from a
screenshot, tests/journeys/eyes.py) and the codes on the simulated phone (selected with the
pointer and read from the X selection). The citizen's values are made up fresh for each run, so
the scan at the end finds them only where the kiosk put them.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.practice_portal.texts import translate
from kiosk.ui.assist import pages, session_view
from kiosk.ui.staff.keypad import DIGIT_ENTERED
from tests.assist.test_records import COLUMNS  # none may hold what a citizen typed or saw
from tests.journeys.conftest import LARGE_EN, SMALL_FA
from tests.journeys.eyes import pdf_text, read_captcha
from tests.journeys.harness import Person
from tests.planted import card_number, files_read, mobile, national_id

ROOT = Path(__file__).resolve().parents[2]
FLOW = json.loads((ROOT / "lessons" / "assist" / "pay_bill.json").read_text(encoding="utf-8"))
SERVICE = next(
    s
    for s in json.loads((ROOT / "lessons" / "assist" / "services.json").read_text("utf-8"))[
        "services"
    ]
    if s["flow"] == "pay_bill.json"
)
OPERATOR, PIN = "Maryam", "480317"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


# ---- what a person does at the screen ----------------------------------------------------------


def step_text(step_id: str, lang: str) -> str:
    for step in FLOW["steps"]:
        if step["id"] == step_id:
            return step["text"][lang]
    raise KeyError(step_id)


class Helpee:
    """The operator and the citizen at the session page: follow the guide on the web page."""

    def __init__(self, kiosk: Person, lang: str) -> None:
        self.kiosk, self.lang = kiosk, lang
        self.heard = 0  # utterances already accounted for
        self.target: list[int] | None = None
        self.token: int | None = None

    def at(self, step_id: str) -> int:
        """Wait until the guide says the step's instruction; its index in what was spoken."""
        text = step_text(step_id, self.lang)
        index = self.kiosk.wait_spoken(f"step {step_id}", lambda t: text in t, after=self.heard)
        self.heard = index + 1
        return index

    def view(self) -> dict:
        return self.kiosk.wait("the web page", lambda s: (s.get("web") or [None])[0])

    def new_target(self) -> list[int]:
        """The guide's highlight once it answers a new step (the same element may be
        highlighted again at the same place: the step's token tells them apart)."""
        last = self.token

        def moved(snapshot: dict) -> tuple[list[int], int] | None:
            for view in snapshot.get("web", []):
                target, token = view.get("target"), view.get("target_token")
                if target and token is not None and token != last and view.get("rect"):
                    return target, token
            return None

        self.target, self.token = self.kiosk.wait("the guide's next highlight", moved)
        return self.settled()

    def settled(self) -> list[int]:
        """The highlight's place once the page has stopped moving (a web font arriving late
        moves everything): the same for half a second, as a person's eye would wait."""
        since, place = time.monotonic(), self.target

        def still(snapshot: dict) -> list[int] | None:
            nonlocal since, place
            target = next((v.get("target") for v in snapshot.get("web", [])), None)
            if target != place:
                since, place = time.monotonic(), target
            return place if place and time.monotonic() - since >= 0.5 else None

        self.target = self.kiosk.wait("the highlight to stay put", still)
        return self.target

    def tap_target(self, step_id: str) -> None:
        """Wait for the step, scroll the page until its highlighted element shows, tap it."""
        self.at(step_id)
        self.new_target()
        self.show("the highlight", lambda view: view.get("target"))
        self.target = self.settled()
        self.kiosk.tap(self.target)

    def type_into(self, step_id: str, text: str) -> None:
        self.tap_target(step_id)
        self.kiosk.type(text)

    def show(self, what: str, find) -> list[int]:
        """Wheel the page (as a person scrolls) until what `find(view)` places is wholly in
        view; its place on screen."""
        for _ in range(30):
            view = self.view()
            place = find(view)
            if place and within(place, view["rect"]):
                return place
            x, y, w, h = view["rect"]
            down = place is None or place[1] > y
            self.kiosk.xdotool(
                "mousemove", str(x + w // 2), str(y + h // 2), "click", "5" if down else "4"
            )
            # The page moves under the wheel (unless it is at its end already).
            moved(self.kiosk, lambda s: find((s.get("web") or [{}])[0]), place)
        raise AssertionError(f"{what} never came into view")

    def read_phone(self, digits: int) -> str:
        """Select the simulated phone's message with the pointer and read the code in it."""

        def phone(view: dict) -> list[int] | None:
            found = [e for e in view.get("elements", []) if e.get("live") == "polite"]
            return found[0]["rect"] if found else None

        x, y, w, h = self.show("the simulated phone", phone)
        rtl = self.view().get("dir") == "rtl"
        start = (x + w - 3, y + 3) if rtl else (x + 3, y + 3)
        end = (x + 3, y + h - 3) if rtl else (x + w - 3, y + h - 3)
        pattern = re.compile(rf"(?<!\d)\d{{{digits}}}(?!\d)")

        def code(_snapshot: dict) -> str | None:
            self.kiosk.drag(start, end)
            found = pattern.findall(self.kiosk.selection().translate(LATIN_DIGITS))
            return found[0] if len(found) == 1 else None

        found = self.kiosk.wait("a code on the simulated phone", code, timeout=30)
        self.show("the highlight", lambda view: view.get("target"))
        self.kiosk.tap(self.settled())  # back into the field, to type the code
        return found


def within(rect: list[int], area: list[int] | None) -> bool:
    """Whether `rect` lies wholly in `area`."""
    if not area:
        return False
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and x + w <= ax + aw and ay <= y and y + h <= ay + ah


def reach(kiosk: Person, what: str, **match) -> dict:
    """The control, visible enough to tap: if the screen's list hides it, wheel the list (down,
    then back up) as a person scrolls, until it shows."""
    down = True
    for _ in range(60):
        snapshot = kiosk.snapshot()
        found = kiosk.find(**match)(snapshot)
        if found and found["rect"][3] >= 40:
            return found
        x, y, w, h = snapshot.get("window") or [0, 0, *kiosk.size]
        rects = lambda s: [c["rect"] for c in s.get("controls", [])]  # noqa: E731
        before = rects(snapshot)
        kiosk.xdotool("mousemove", str(x + w // 2), str(y + h // 2), "click", "5" if down else "4")
        if not moved(kiosk, rects, before):
            down = not down  # the end of the list: the other way
    raise AssertionError(f"{what} never came into view")


def tap_reached(kiosk: Person, what: str, **match) -> dict:
    control = reach(kiosk, what, **match)
    kiosk.tap(control)
    return control


def moved(kiosk: Person, place, before, timeout: float = 3.0) -> bool:
    """Wait (a little: a list at its end does not move) until `place(snapshot)` differs from
    what it was `before` a wheel turn; whether it did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if place(kiosk.snapshot()) != before:
            return True
        time.sleep(0.05)
    return False


def files_holding(places: list[Path], needles: list[bytes], since: float, skip: set[Path]):
    """(path, needle) for every regular file under `places`, changed since `since`, holding a
    needle as a whole number (no digit just before or after it)."""
    patterns = [(n, re.compile(rb"(?<![0-9])" + re.escape(n) + rb"(?![0-9])")) for n in needles]
    return [
        (path, needle)
        for path, data in files_read(places, since, 200_000_000, skip)
        for needle, pattern in patterns
        if pattern.search(data)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("language", "size"), [SMALL_FA, LARGE_EN], ids=["fa-1280", "en-1920"])
def test_get_help_pay_a_bill_to_the_receipt_then_the_wipe(person, tmp_path, language, size):
    i18n.set_language(language)
    tr = i18n._
    lang = language
    citizen = {"national ID": national_id(), "mobile": mobile(), "card": card_number()}
    began = time.time()
    kiosk = person(
        f"get-help-{language}-{size[0]}", language, size, env={"KIOSK_STAFF_KEYRING": "file"}
    )
    home = kiosk.on_screen("home")
    assert home["fullscreen"] and home["window"][2:] == list(size)
    kiosk.screenshot("home")

    # ---- the operator comes on duty: the first time, the Staff tile creates the admin ----------
    kiosk.tap_control("the Staff tile", name="tile_staff")
    kiosk.on_screen("staff")
    name_field = kiosk.control("the name field", cls="SpokenField", accessible=tr("Name"))
    kiosk.screenshot("staff-first-run")
    kiosk.tap(name_field)
    kiosk.type(OPERATOR)
    pin_spoken_from = len(kiosk.spoken())
    for _twice in range(2):
        for digit in PIN:
            tap_reached(kiosk, f"keypad {digit}", name=f"keypad_{digit}")
        tap_reached(kiosk, "the keypad's OK", name="keypad_ok")
    kiosk.control("the staff home", name="staff_settings")
    kiosk.screenshot("staff-home")
    typed_pin = kiosk.spoken()[pin_spoken_from:]
    assert typed_pin.count(tr(DIGIT_ENTERED)) == 2 * len(PIN)
    assert not [t for t in typed_pin if PIN in t.translate(LATIN_DIGITS)]
    duty = reach(kiosk, "Help a citizen", name="staff_help_citizen")
    kiosk.screenshot("staff-help-a-citizen")
    kiosk.tap(duty)

    # ---- the citizen: a service, its info card, consent ---------------------------------------
    kiosk.on_screen("help")
    title = FLOW["title"][lang]
    tile = kiosk.control("the water bill service", name="tile_help", accessible=title)
    kiosk.screenshot("services")
    said_from = len(kiosk.spoken())
    kiosk.tap(tile)
    start = kiosk.control("Start with the operator", name="assist_start")
    card = next(step["card"] for step in FLOW["steps"] if "card" in step)
    fee = tr(pages.FEE).format(fee=card["fee"][lang])
    minutes = i18n.ngettext(*pages.MINUTES, SERVICE["minutes"]).format(
        minutes=i18n.format_number(SERVICE["minutes"])
    )
    info = kiosk.wait_spoken("the info card", lambda t: fee in t and minutes in t, said_from)
    assert SERVICE["office"][lang] in kiosk.spoken()[info]
    kiosk.screenshot("info-card")
    kiosk.tap(start)
    agree = kiosk.control("I agree", name="assist_agree")
    consent = kiosk.wait_spoken("the consent", lambda t: tr(pages.CONSENT_TEXT) in t, info + 1)
    kiosk.screenshot("consent")
    kiosk.tap(agree)

    # ---- the guided session ------------------------------------------------------------------
    guide = Helpee(kiosk, lang)
    guide.heard = consent + 1
    guide.type_into("national-id", citizen["national ID"])
    kiosk.screenshot("guided-national-id")
    guide.type_into("mobile", citizen["mobile"])
    guide.tap_target("captcha")
    picture = kiosk.web_element("the captcha picture", tag="img")
    kiosk.type(read_captcha(kiosk.screenshot("captcha"), picture["rect"]))
    guide.tap_target("send")
    guide.tap_target("otp")
    privacy = kiosk.control("the look-away notice", name="assist_privacy_text")
    assert privacy["text"] == tr(session_view.PRIVATE)
    otp = guide.read_phone(5)
    kiosk.screenshot("private-otp")
    kiosk.type(otp)
    guide.tap_target("verify")
    guide.tap_target("choose")
    kiosk.screenshot("bills")
    guide.tap_target("continue")
    guide.at("review")
    kiosk.screenshot("review")
    kiosk.tap_control("OK, go on", name="guide_ok")
    guide.tap_target("pay")
    guide.type_into("card", citizen["card"])
    kiosk.screenshot("gateway")
    guide.tap_target("request-pin")
    guide.type_into("cvv2", "123")
    guide.type_into("month", "12")
    guide.type_into("year", "1420")
    kiosk.key("Tab")  # on to the next field: the year is complete
    guide.tap_target("pin")
    dynamic = guide.read_phone(6)
    kiosk.type(dynamic)
    kiosk.screenshot("private-dynamic-password")
    guide.tap_target("confirm")
    guide.tap_target("return")
    guide.at("receipt")
    kiosk.screenshot("receipt")

    # ---- the receipt as a PDF, where the citizen chooses (a USB stick) ------------------------
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    receipt = stick / "water-bill-receipt.pdf"
    # At 1280x800 the PDF tile sits below the fold: the More-below arrow brings it up.
    kiosk.tap(kiosk.more_below_to("Save the receipt as PDF", name="assist_pdf"))
    file_name = kiosk.control("the file dialog's name field", name="fileNameEdit")
    kiosk.screenshot("save-as-pdf")
    kiosk.tap(file_name)
    kiosk.key("ctrl+a")
    kiosk.type(str(receipt))
    kiosk.key("Return")
    saved = kiosk.wait_spoken(
        "receipt saved", lambda t: t == tr(session_view.SAVED), after=guide.heard
    )
    kiosk.wait("the PDF written", lambda _s: receipt.exists() and receipt.stat().st_size > 1000)
    kiosk.screenshot("receipt-saved")
    kiosk.tap_control("OK, go on", name="guide_ok")
    kiosk.tap(kiosk.wheel_to("Finish", {"name": "guide_repeat"}, name="assist_finish"))

    # ---- feedback, then the wipe ---------------------------------------------------------------
    _value, _picture, good_msgid, good_name = pages.FACES[2]
    good = kiosk.control("the Good face", name=good_name, accessible=tr(good_msgid))
    asked = kiosk.wait_spoken(
        "how was it", lambda t: t.startswith(tr(pages.HOW_WAS_IT)), after=saved + 1
    )
    kiosk.screenshot("feedback")
    kiosk.tap(good)
    kiosk.tap_control("Done", name="confirm")
    thanks = kiosk.wait_spoken("thanks", lambda t: t == tr(pages.THANKS), after=asked + 1)
    kiosk.on_screen("home")
    kiosk.screenshot("home-after")

    # The receipt: a PDF of the receipt page, only where the citizen put it.
    data = receipt.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    words = pdf_text(data)  # the portal page is Persian: its lines read backwards in the PDF
    flipped = words[::-1]
    titles = ["".join(translate("receipt_title", code).split()) for code in ("fa", "en")]
    assert any(t in flipped or t in words for t in titles), f"not the receipt: {words[:200]}"
    last_four = citizen["card"][-4:]
    assert last_four in words or last_four.translate(PERSIAN_DIGITS) in words, "another card"

    # The record: completed, under the operator on duty, and nothing of the citizen.
    with kiosk.database() as db:
        rows = [dict(r) for r in db.execute("SELECT * FROM assist_sessions")]
        columns = {r[1] for r in db.execute("PRAGMA table_info(assist_sessions)")}
        operator = db.execute("SELECT id FROM staff WHERE name = ?", [OPERATOR]).fetchone()[0]
    assert columns == COLUMNS
    assert len(rows) == 1
    row = rows[0]
    assert (row["flow_id"], row["flow_version"], row["outcome"]) == (FLOW["id"], 1, "completed")
    assert (row["satisfaction"], row["solved"], row["operator_id"]) == (3, None, operator)
    assert row["ended_at"] and row["steps_reached"] >= 18
    values = " ".join(str(v) for v in row.values())
    assert not [k for k, v in citizen.items() if v in values]

    # What was spoken, in order: info card, consent, every step of the guide, the receipt saved,
    # feedback, thanks; the private steps' instructions with the look-away notice; no value.
    spoken = kiosk.spoken()
    order = [info, consent]
    look_away = tr(session_view.PRIVATE)
    for step in FLOW["steps"]:
        if step.get("kind") == "branch":
            continue
        text = step["text"][lang]
        private = step.get("kind") == "citizen_private"
        at = next(
            i
            for i in range(order[-1] + 1, len(spoken))
            if text in spoken[i] and (not private or spoken[i].startswith(look_away))
        )
        order.append(at)
    assert order[-1] < saved < asked < thanks
    secrets_typed = [*citizen.values(), otp, dynamic]
    assert not [t for t in spoken if any(s in t.translate(LATIN_DIGITS) for s in secrets_typed)]

    # The wipe: the selection the person made is gone, and no file anywhere holds a value.
    assert kiosk.selection() == ""
    needles = []
    for value in secrets_typed:
        needles += [value.encode(), value.translate(PERSIAN_DIGITS).encode()]
    places = [kiosk.data, kiosk.probe / "spoken.jsonl", kiosk.output_path, Path("/tmp")]
    # The scan finds a value where one is (a note written in Persian digits, then removed).
    note = tmp_path / "scan-check.txt"
    note.write_text(f"x{citizen['national ID'].translate(PERSIAN_DIGITS)}x", encoding="utf-8")
    assert files_holding([tmp_path], needles, began, skip={receipt}) == [
        (note, citizen["national ID"].translate(PERSIAN_DIGITS).encode())
    ]
    note.unlink()
    # controls.json is the test's own eyes (`--debug-dir` only): on the loopback practice
    # portal it copies the pretend phone's message, as a person reads it off the screen.
    eyes = {kiosk.probe / "controls.json", kiosk.probe / "controls.tmp"}
    hits = files_holding(places, needles, began, skip={receipt, *eyes})
    assert not hits, f"citizen values left on disk: {hits}"
