"""Journeys 1 and 2: a learner in front of the kiosk.

1. A guest takes the first lesson that has explain steps, a practice step and a quiz: reads
   the explain screens, signs in to the practice portal following the guide (reading the
   captcha picture and the pretend phone like a person), answers the first question wrong and
   then right, the others right, and reaches the end of the lesson.
2. A learner makes a profile with a picture password, leaves in the middle of a lesson, signs
   in again with the pictures and continues at the same step.

Expected texts come from the lesson and flow JSON and the product's msgids, in the journey's
language; which answers are right is read from the lesson, never written here.
"""

from __future__ import annotations

import json
import re

import pytest

from kiosk import i18n
from kiosk.core.lessons.mastery import stars as stars_for
from kiosk.core.lessons.model import Mastery
from kiosk.core.pictures import AVATAR_NAMES, AVATARS, PICTURES, default_name
from kiosk.i18n import localize_digits
from kiosk.practice_portal.texts import TEXTS as PORTAL_TEXTS
from kiosk.practice_portal.validation import normalise_digits
from kiosk.ui.learn import done, entry, lesson_map, pictures, player, quiz, screen
from kiosk.ui.learn.pictures import PICTURE_NAMES
from tests.journeys.conftest import LARGE_EN, LARGE_FA, SMALL_EN, SMALL_FA
from tests.journeys.eyes import read_captcha
from tests.journeys.harness import ROOT, JourneyError, Person
from tests.portal.helpers import MOBILE, NATIONAL_ID

TOUCH_PX = 64  # ACCESSIBILITY.md: touch targets at least 64 x 64 px
QUIET = 0.35  # s without a change on screen: more than two of the probe's looks (150 ms)
PACKS = ROOT / "lessons"
FLOWS = ROOT / "lessons" / "practice_portal" / "flows"


# ---- reading the content, as the lesson author wrote it ---------------------------------------
def pack_lessons(pack: str = "basics") -> list[dict]:
    """The pack's lessons in the order of its lesson map."""
    folder = PACKS / pack
    meta = json.loads((folder / "pack.json").read_text(encoding="utf-8"))
    return [
        json.loads((folder / "lessons" / f"{lesson_id}.json").read_text(encoding="utf-8"))
        for module in meta["modules"]
        for lesson_id in module["lessons"]
    ]


def first_lesson_with(*kinds: str) -> dict:
    for lesson in pack_lessons():
        if set(kinds) <= {step["kind"] for step in lesson["steps"]}:
            return lesson
    raise AssertionError(f"no lesson in the pack has steps of kinds {kinds}")


def flow(flow_id: str) -> dict:
    for path in sorted(FLOWS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["id"] == flow_id:
            return data
    raise AssertionError(f"flow {flow_id} is not bundled")


def said(text_map: dict, say_map: dict | None, lang: str) -> str:
    """What the kiosk speaks for a text with an optional pronunciation override."""
    return (say_map or {}).get(lang) or text_map[lang]


def screens(lesson: dict) -> list[tuple[dict, dict | None]]:
    """The lesson as the player shows it: one screen per explain/practice step or quiz item."""
    out: list[tuple[dict, dict | None]] = []
    for step in lesson["steps"]:
        if step["kind"] == "quiz":
            out += [(step, item) for item in step["items"]]
        else:
            out.append((step, None))
    return out


# ---- the kiosk's words ---------------------------------------------------------------------
def tr(msgid: str | tuple[str, str], n: int | None = None, **params: object) -> str:
    """The kiosk's words: a msgid, or an `Np_` plural pair with its number `n`."""
    text = i18n.ngettext(*msgid, n) if isinstance(msgid, tuple) else i18n._(msgid)
    return text.format(**params) if params else text


def step_of(index: int, total: int, lang: str) -> str:
    return tr(
        player.STEP_OF,
        done=localize_digits(str(index + 1), lang),
        total=localize_digits(str(total), lang),
    )


class Journey:
    """A person plus what they heard so far: each expected utterance must come after the last."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self.heard = 0

    def hears(self, what: str, text: str | None = None, *, check=None) -> str:
        """Wait until the kiosk says `text` (exactly) or something `check` accepts, after
        what was heard before; return it."""
        test = check or (lambda t: t == text)
        index = self.person.wait_spoken(what, test, after=self.heard)
        self.heard = index + 1
        return self.person.spoken()[index]

    def page(self, name: str) -> dict:
        return self.person.wait(
            f"the Learn page {name!r}",
            lambda s: s if s.get("screen") == "learn" and s.get("page") == name else None,
        )

    def shows(self, name: str, text: str) -> None:
        """Wait until the visible label called `name` reads `text`. Waited for, not read once:
        the controls are written a moment after the speech, so a label read as soon as its
        sentence is heard can still show the step before."""
        shown = text[:200]  # the probe keeps a label's first 200 characters
        self.person.control(f"the label {name!r} reading {text!r}", name=name, text=shown)

    def still(self) -> None:
        """Wait until the screen has stopped changing, as a person waits before touching."""
        self.person.wait(
            "the screen to be still", lambda s: s.get("taken", 0) - s.get("changed", 0) >= QUIET
        )

    def tap(self, what: str, **match) -> dict:
        """Tap a control once the screen is still; scroll to it first if it is not wholly
        in view (a sliver at the bottom of the screen is no touch target)."""
        self.still()
        control = self.person.control(what, **match)
        if control["rect"][3] < TOUCH_PX:
            control = scroll_to(self, what, **match)
        self.person.tap(control)
        return control

    def tap_tile(self, what: str, label: str) -> None:
        """Tap the tile whose spoken name is `label`; it says its name first."""
        self.tap(what, accessible=label)
        self.hears(f"{what} says its name", label)


def scroll_to(me: Journey, what: str, **match) -> dict:
    """Roll the mouse wheel over the middle of the screen until the control is in view."""
    person = me.person
    x, y, w, h = person.snapshot()["window"]
    for _ in range(40):
        me.still()
        before = person.snapshot()
        found = person.find(**match)(before)
        if found and found["rect"][3] >= TOUCH_PX:  # enough of it to touch
            return found
        person.move(x + w // 2, y + h // 2)
        person.xdotool("click", "--repeat", "3", "5")
        person.wait(
            f"the screen to scroll towards {what}",
            lambda s, old=before["controls"]: s.get("controls") != old,
            timeout=15,
        )
    raise JourneyError(f"{what} never came into view")


def web_views(snapshot: dict) -> list[dict]:
    return [view for view in snapshot.get("web", []) if view.get("rect")]


# ---- journey 1 -------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(("language", "size"), [SMALL_FA, LARGE_EN], ids=["fa-1280", "en-1920"])
def test_guest_lesson_with_practice_portal_and_quiz(person, language, size):
    i18n.set_language(language)
    lang = language
    lesson = first_lesson_with("explain", "practice", "quiz")
    shown = screens(lesson)
    total = len(shown)
    kiosk = person(f"learner-guest-{lang}-{size[0]}", lang, size)
    me = Journey(kiosk)

    home = kiosk.on_screen("home")
    assert home["fullscreen"] and home["window"][2:] == list(size)
    kiosk.screenshot("home")
    me.tap("the Learn tile", name="tile_learn")
    me.page("learn_entry")
    kiosk.screenshot("learn-entry")

    # As a guest, to the lesson map and into the lesson.
    me.tap_tile("the guest tile", tr(entry.CHOICES[0][2]))
    me.page("learn_map")
    me.hears("the lesson map's title", tr(lesson_map.TITLE))
    kiosk.screenshot("lesson-map")
    tile_name = tr(
        lesson_map.LESSON_SPOKEN, 0, title=lesson["title"][lang], stars=localize_digits("0", lang)
    )
    scroll_to(me, "the lesson's tile", accessible=tile_name)
    kiosk.screenshot("lesson-map-scrolled")
    me.tap("the lesson's tile", accessible=tile_name)
    me.hears("the lesson tile says its name", tile_name)
    me.page("learn_player")

    results: list[bool] = []
    expected_answers: list[tuple[str, int, int]] = []
    for index, (step, item) in enumerate(shown):
        position = step_of(index, total, lang)
        kiosk.wait(
            f"screen {index + 1}: {position}",
            lambda s, p=position: kiosk.find(name="position", text=p)(s),
        )
        if item is not None:
            first_try = answer_question(me, item, index, position, lang, wrong_first=not results)
            results.append(first_try)
            attempts = 1 if first_try else 2
            if not first_try:
                expected_answers.append((item["id"], 0, 1))
            expected_answers.append((item["id"], 1, attempts))
        elif step["kind"] == "practice":
            practise(me, step, lang)
        else:
            text = said(step["text"], step.get("say"), lang)
            me.hears(f"{position} spoken with its text", f"{position}. {text}")
            me.shows("lesson_text", step["text"][lang])
            kiosk.screenshot(f"explain-{index + 1}")
        at_end = index == total - 1
        next_button = me.tap("the Next button", name="nav_next")
        assert next_button["text"] == tr(i18n.N_("Finish") if at_end else i18n.N_("Next"))

    # The end of the lesson: stars earned by the first tries, and the offer to a guest.
    me.page("learn_done")
    rule = Mastery(**lesson["mastery"])
    stars = stars_for(rule, results, completed=True)
    message = " ".join(
        [
            tr(done.EARNED, stars, count=localize_digits(str(stars), lang)),
            tr(done.KNOW_WELL) if all(results) else tr(done.AGAIN),
            tr(done.KEEP_ASK),
        ]
    )
    me.hears("the end of the lesson", f"{tr(done.TITLE)} {message}")
    assert kiosk.control("the stars", name="stars")["text"] == lesson_map.star_text(stars)
    kiosk.control("the offer to keep the progress", accessible=tr(done.CHOICES["keep"]))
    kiosk.screenshot("lesson-done")

    # What the kiosk wrote: the guest, each answer, the finished lesson and their statements.
    with kiosk.database() as db:
        guests = db.execute("SELECT id FROM learners WHERE guest = 1").fetchall()
        assert len(guests) == 1
        guest = guests[0]["id"]
        answers = db.execute(
            "SELECT item_id, correct, attempt, lesson_id FROM answers WHERE learner_id = ? "
            "ORDER BY rowid",
            [guest],
        ).fetchall()
        assert [(a["item_id"], a["correct"], a["attempt"]) for a in answers] == expected_answers
        assert {a["lesson_id"] for a in answers} == {lesson["id"]}
        progress = db.execute(
            "SELECT * FROM lesson_progress WHERE learner_id = ?", [guest]
        ).fetchone()
        assert (progress["lesson_id"], progress["completed"]) == (lesson["id"], 1)
        assert (progress["stars"], progress["mastered"]) == (stars, int(all(results)))
        statements = [
            json.loads(row["statement"])
            for row in db.execute("SELECT statement FROM xapi_outbox ORDER BY rowid")
        ]
    assert [s["actor"]["account"]["name"] for s in statements] == [guest] * len(statements)
    verbs = [s["verb"]["display"]["en-US"] for s in statements]
    assert verbs == ["answered"] * len(expected_answers) + [
        "mastered" if all(results) else "completed"
    ]
    for statement, (item_id, correct, attempt) in zip(statements, expected_answers, strict=False):
        assert statement["object"]["id"].endswith(f"/basics/{lesson['id']}/{item_id}")
        assert statement["result"]["success"] is bool(correct)
        assert (
            statement["result"]["extensions"]["https://kiosk.example.org/extensions/attempt"]
            == attempt
        )

    # Nothing the learner typed on the practice portal was kept anywhere.
    for path in [*kiosk.data.rglob("*"), kiosk.probe / "spoken.jsonl"]:
        if path.is_file():
            data = path.read_bytes()
            assert NATIONAL_ID.encode() not in data and MOBILE.encode() not in data, path

    # The guest says no thank you: home, and the guest and their records are forgotten.
    me.tap_tile("the no-thank-you tile", tr(done.CHOICES["forget"]))
    kiosk.on_screen("home")
    kiosk.screenshot("home-again")
    with kiosk.database() as db:
        assert db.execute("SELECT count(*) FROM learners").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM lesson_progress").fetchone()[0] == 0


def answer_question(
    me: Journey, item: dict, index: int, position: str, lang: str, wrong_first: bool
) -> bool:
    """Answer one quiz screen (wrong first if asked, then right); True if right first time."""
    kiosk = me.person
    how = tr(quiz.HOW[item["type"]])
    prompt = said(item["prompt"], item.get("say"), lang)
    me.hears(f"{position}: the question", f"{position}. {prompt} {how}")
    me.shows("question", item["prompt"][lang])
    kiosk.screenshot(f"question-{index + 1}")
    right = [c for c in item["choices"] if c["correct"]]
    wrong = [c for c in item["choices"] if not c["correct"]]

    def choose(choices: list[dict]) -> None:
        for choice in choices:
            me.tap_tile("a choice", said(choice["text"], choice.get("say"), lang))
        me.tap("the Confirm button", name="confirm")

    def feedback(choices: list[dict], correct: bool) -> str:
        if item["type"] in ("single", "picture"):
            text = choices[0]["feedback"][lang]
        else:
            text = tr(quiz.RIGHT if correct else quiz.NOT_QUITE)
        return text if correct else f"{text} {item['explanation'][lang]}"

    if wrong_first:
        choose(wrong[:1])
        me.hears("the feedback for a wrong answer", feedback(wrong[:1], False))
        kiosk.control(
            "the mark “not right”", name="mark_wrong", accessible=tr(i18n.N_("Not right"))
        )
        me.shows("feedback", feedback(wrong[:1], False))
        kiosk.screenshot(f"question-{index + 1}-wrong")
        me.tap("the Try again button", name="try_again")
        me.hears("the question again", f"{prompt} {how}")
    choose(right)
    me.hears("the feedback for the right answer", feedback(right, True))
    kiosk.control("the mark “right”", name="mark_right", accessible=tr(i18n.N_("Right")))
    me.shows("feedback", feedback(right, True))
    kiosk.screenshot(f"question-{index + 1}-right")
    return not wrong_first


def practise(me: Journey, step: dict, lang: str) -> None:
    """The practice step: follow the guide on the practice portal until it says it is done."""
    kiosk = me.person
    guide = flow(step["flow"])
    main = [s for s in guide["steps"] if s.get("kind") != "branch"]
    helps = {h["id"]: h for h in guide.get("help", [])}
    by_text = {s["text"][lang]: s for s in [*main, *helps.values()] if "text" in s}
    finished = tr(player.PRACTICE_DONE)
    kiosk.wait("the practice portal in the lesson", lambda s: web_views(s))
    followed: list[str] = []
    while True:
        heard = me.hears(
            "the guide's next instruction, or the end of the practice",
            check=lambda t: t == finished or any(text in t for text in by_text),
        )
        if heard == finished:
            break
        current = next(s for text, s in by_text.items() if text in heard)
        kiosk.wait(
            f"the guide showing {current['id']}",
            lambda s, c=current: kiosk.find(name="guide_text", text=c["text"][lang])(s),
        )
        followed.append(current["id"])
        kiosk.screenshot(f"practice-{len(followed):02d}-{current['id']}")
        follow(me, current, lang)
    # The guide has ended: no OK button any more, and the page shows the signed-in desk.
    kiosk.wait("the guide's OK button gone", lambda s: not kiosk.find(name="guide_ok")(s))
    last_page = main[-1]["page"]["path"]
    kiosk.wait(
        "the page of the flow's last step",
        lambda s: any(re.search(last_page, v.get("path", "")) for v in web_views(s)),
    )
    kiosk.screenshot("practice-done")
    # Every instruction of the flow, in order; a misread picture may add the flow's own help.
    assert [s for s in followed if s not in helps] == [s["id"] for s in main], followed


def highlighted(snapshot: dict) -> tuple[dict, list[int]] | None:
    """The page element the guide highlights (the form control at its rectangle), and where."""
    for view in web_views(snapshot):
        target = view.get("target")
        for element in view.get("elements", []) if target else []:
            if element.get("rect") == target:
                return element, target
    return None


def follow(me: Journey, step: dict, lang: str) -> None:
    """Do what one guide step asks."""
    kiosk = me.person
    done_when = step.get("done_when", {})
    if "acknowledged" in done_when:
        me.tap("the guide's OK button", name="guide_ok")
        return
    if step["id"] == "fix-form":  # the captcha was misread: a new picture, read it again
        me.still()
        field = kiosk.web_element("the captcha field", name="captcha")
        kiosk.tap(field)
        kiosk.type(read_picture(kiosk))
        kiosk.key("Return")
        return
    # The field the step names (its first `name` locator), or else the button it points at.
    name = next((loc["name"] for loc in step.get("target", []) if "name" in loc), None)

    def pointed(snapshot: dict):
        found = highlighted(snapshot)
        if found and (found[0]["name"] == name if name else found[0]["tag"] == "button"):
            return found
        return None

    me.still()
    _element, target = kiosk.wait(f"the guide pointing at the field of {step['id']}", pointed)
    view = web_views(kiosk.snapshot())[0]["rect"]
    middle = (target[0] + target[2] // 2, target[1] + target[3] // 2)
    assert view[0] <= middle[0] < view[0] + view[2] and view[1] <= middle[1] < view[1] + view[3], (
        f"the guide points outside the page for {step['id']}: {target} not in {view}"
    )
    kiosk.tap(target)
    if "matches" in done_when or "filled" in done_when:
        kiosk.type(value_for(kiosk, step["id"]))


def value_for(kiosk: Person, step_id: str) -> str:
    """What the learner types: the portal's documented test data, or what the screen shows."""
    if step_id == "national-id":
        return NATIONAL_ID
    if step_id == "mobile":
        return MOBILE
    if step_id == "captcha":
        return read_picture(kiosk)
    if step_id == "otp":
        return read_phone(kiosk)
    raise AssertionError(f"the journey does not know what to type for {step_id}")


def read_picture(kiosk: Person) -> str:
    """Look at the captcha picture (in a screenshot) and read its digits."""
    alts = set(PORTAL_TEXTS["captcha_alt"])
    picture = kiosk.wait(
        "the captcha picture",
        lambda s: next(
            (
                e
                for v in web_views(s)
                for e in v.get("elements", [])
                if e["tag"] == "img" and e["label"] in alts and e.get("rect")
            ),
            None,
        ),
    )
    digits = read_captcha(kiosk.screenshot("captcha"), picture["rect"])
    assert re.fullmatch(r"[0-9]{5}", digits), digits
    return digits


def read_phone(kiosk: Person) -> str:
    """Look at the pretend phone beside the form and read the code in its message."""

    def code(snapshot: dict) -> str | None:
        for view in web_views(snapshot):
            for text in view.get("live", []):
                found = re.search(r"(?<![0-9])[0-9]{5}(?![0-9])", normalise_digits(text))
                if found:
                    return found.group(0)
        return None

    return kiosk.wait("the code on the pretend phone", code)


# ---- journey 2 -------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(("language", "size"), [LARGE_FA, SMALL_EN], ids=["fa-1920", "en-1280"])
def test_profile_with_picture_password_leaves_and_resumes(person, language, size):
    i18n.set_language(language)
    lang = language
    lesson = pack_lessons()[0]
    shown = screens(lesson)
    stop_at = 2  # the third screen: an explain step of the first lesson
    assert shown[stop_at][1] is None and shown[stop_at][0]["kind"] == "explain"
    avatar = AVATARS[len(lang) % len(AVATARS)]
    password = (PICTURES[3], PICTURES[0], PICTURES[7])
    kiosk = person(f"learner-profile-{lang}-{size[0]}", lang, size)
    me = Journey(kiosk)

    kiosk.on_screen("home")
    me.tap("the Learn tile", name="tile_learn")
    me.page("learn_entry")
    kiosk.screenshot("learn-entry")

    # A profile: a picture, then three pictures, twice.
    me.tap_tile("the make-a-profile tile", tr(entry.CHOICES[2][2]))
    me.page("learn_new_avatar")
    me.hears("the avatar page's title", tr(screen.NEW_AVATAR))
    kiosk.screenshot("choose-avatar")
    me.tap_tile("my picture", tr(AVATAR_NAMES[avatar]))
    me.page("learn_new_password")
    me.hears("the password page's title", tr(screen.NEW_PASSWORD))
    kiosk.screenshot("choose-password")
    enter(me, password, lang)
    me.page("learn_confirm_password")
    me.hears("the confirmation page's title", tr(screen.CONFIRM_PASSWORD))
    kiosk.screenshot("confirm-password")
    enter(me, password, lang)
    me.page("learn_map")
    me.hears("the profile is ready", tr(screen.PROFILE_READY))
    kiosk.screenshot("profile-ready-map")
    with kiosk.database() as db:
        rows = db.execute("SELECT * FROM learners").fetchall()
    assert len(rows) == 1
    learner = rows[0]
    nickname = default_name(avatar, 1, language)
    assert (learner["nickname"], learner["avatar"], learner["guest"]) == (nickname, avatar, 0)
    assert learner["password_hash"] and not any(p in learner["password_hash"] for p in password)

    # Into the first lesson, on to its third screen, and away.
    tile_name = tr(
        lesson_map.LESSON_SPOKEN, 0, title=lesson["title"][lang], stars=localize_digits("0", lang)
    )
    scroll_to(me, "the first lesson's tile", accessible=tile_name)
    me.tap("the first lesson's tile", accessible=tile_name)
    me.hears("the lesson tile says its name", tile_name)
    me.page("learn_player")
    for index in range(stop_at + 1):
        step = shown[index][0]
        position = step_of(index, len(shown), lang)
        me.hears(f"{position}", f"{position}. {said(step['text'], step.get('say'), lang)}")
        if index < stop_at:
            me.tap("the Next button", name="nav_next")
    me.shows("position", step_of(stop_at, len(shown), lang))
    kiosk.screenshot("lesson-before-leaving")
    me.tap("the Lessons button", name="nav_map")
    me.page("learn_map")
    kiosk.control("the Continue tile", accessible=tr(lesson_map.CONTINUE))
    me.tap("the Back tile", name="tile_back")
    me.page("learn_entry")
    me.tap("the Back tile", name="tile_back")
    kiosk.on_screen("home")
    kiosk.screenshot("left")
    with kiosk.database() as db:
        point = db.execute(
            "SELECT * FROM lesson_progress WHERE learner_id = ?", [learner["id"]]
        ).fetchone()
    assert (point["lesson_id"], point["step"], point["completed"]) == (lesson["id"], stop_at, 0)
    assert json.loads(point["state"])["index"] == stop_at

    # Back again: my picture, my three pictures, and Continue opens the same screen.
    me.tap("the Learn tile", name="tile_learn")
    me.page("learn_entry")
    me.tap_tile("the I-have-a-profile tile", tr(entry.CHOICES[1][2]))
    me.page("learn_who")
    me.hears("the who-are-you page's title", tr(screen.WHO))
    kiosk.screenshot("who-are-you")
    # A nickname is what a person typed: its speech is private, "…" in the probe.
    me.tap("my picture with my nickname", accessible=nickname)
    me.hears("my picture says its name (private)", "…")
    me.page("learn_password")
    me.hears("the password page's title", tr(screen.PASSWORD))
    enter(me, password, lang)
    me.page("learn_map")
    me.hears("the lesson map's title", tr(lesson_map.TITLE))
    kiosk.screenshot("signed-in-map")
    me.tap_tile("the Continue tile", tr(lesson_map.CONTINUE))
    me.page("learn_player")
    step = shown[stop_at][0]
    position = step_of(stop_at, len(shown), lang)
    me.hears("the same screen again", f"{position}. {said(step['text'], step.get('say'), lang)}")
    me.shows("position", position)
    me.shows("lesson_text", step["text"][lang])
    me.shows("title", lesson["title"][lang])
    kiosk.screenshot("resumed")
    with kiosk.database() as db:
        assert db.execute("SELECT failures FROM learners").fetchone()[0] == 0
    # The password was never said aloud, nor shown in the caption.
    names = [tr(PICTURE_NAMES[picture]) for picture in password]
    assert not [t for t in kiosk.spoken() if any(name in t for name in names)]


def enter(me: Journey, password: tuple[str, ...], lang: str) -> None:
    """Touch the three pictures in order; the kiosk says how many, never which."""
    for count, picture in enumerate(password, start=1):
        me.tap("a picture of the password", accessible=tr(PICTURE_NAMES[picture]))
        me.hears(
            "how many pictures are chosen",
            tr(
                pictures.CHOSEN,
                len(password),
                count=localize_digits(str(count), lang),
                total=localize_digits(str(len(password)), lang),
            ),
        )
