"""A flow being recorded: recorder reports (where a person clicked or typed, never what)
become draft steps with locators, a page pattern and a suggested instruction (pure, no Qt).

    draft = FlowDraft("my.service", origins={"site": "https://my.gov.ir"})
    draft.add(report)            # from recorder.js
    draft.steps[0].text["fa"] = "..."; draft.steps[0].private = True
    draft.set_card({"fee_fa": "...", "minutes": "10"})  # NoticeError saying what to fix
    data = draft.to_json(title)  # validated by kiosk.services.assist_catalog.save_recorded
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.flows.urls import split_url
from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_, format_number

# Suggested instructions, in the flow's own languages (flow texts are content, not interface).
SUGGEST = {
    "input": {"fa": "«{label}» را بنویسید.", "en": "Type in “{label}”."},
    "file": {"fa": "برای «{label}» پرونده را انتخاب کنید.", "en": "Choose the file for “{label}”."},
    "select": {"fa": "«{label}» را انتخاب کنید.", "en": "Choose “{label}”."},
    "click": {"fa": "«{label}» را انتخاب کنید.", "en": "Choose “{label}”."},
    "submit": {"fa": "دکمه «{label}» را بزنید.", "en": "Press the button “{label}”."},
    "link": {"fa": "روی «{label}» بزنید.", "en": "Tap “{label}”."},
}
DONE = {
    "input": {"filled": "^[\\s\\S]+$"},
    "file": {"filled": "^[\\s\\S]+$"},
    "select": {"matches": "^.+$"},
    "click": {"clicked": True},
    "submit": {"submitted": True},
    "link": {"clicked": True},
}
LOCATOR_KEYS = ("css", "name", "value", "label", "role", "accessible_name")
# The info card as typed: the fee and the documents (separated by ; or ؛) in both languages.
CARD_KEYS = ("fee_fa", "fee_en", "docs_fa", "docs_en", "minutes")
BAD_MINUTES = N_("“{value}” is not a number of minutes. To fix: type a number such as 10.")
DOCS_DIFFER = N_(
    "There are {fa} documents in Persian and {en} in English. To fix: give each document in "
    "both languages, in the same order, separated by ;."
)
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


@dataclass
class DraftStep:
    """One recorded action, editable before saving."""

    action: str
    locators: list[dict[str, Any]]
    origin: str  # the origin's name in the flow ("site", "portal", ...)
    path: str  # a regex on the page's path
    label: str = ""
    private: bool = False
    text: dict[str, str] = field(default_factory=dict)

    def to_json(self, index: int) -> dict[str, Any]:
        step: dict[str, Any] = {
            "id": f"step-{index}",
            "text": dict(self.text),
            "page": {"origin": self.origin, "path": self.path},
            "target": self.locators,
            "done_when": DONE[self.action],
        }
        if self.private:
            step["kind"] = "citizen_private"
        if self.action == "link":
            step["navigates"] = True
        return step


def _clean_locator(raw: Any, lang: str = "") -> dict[str, Any] | None:
    """A locator as the flow schema has it; page texts keyed by the page's language, so the
    operator can add the other languages' words."""
    if not isinstance(raw, dict):
        return None
    loc: dict[str, Any] = {k: str(v)[:200] for k, v in raw.items() if k in LOCATOR_KEYS and v}
    for key in ("label", "accessible_name"):
        if key in loc and re.fullmatch(r"[a-z]{2,3}", lang):
            loc[key] = {lang: loc[key]}
    if "role" in loc and "accessible_name" not in loc:
        loc.pop("role")
    if "value" in loc and "name" not in loc:
        loc.pop("value")
    return loc or None


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split("[;؛]", text) if part.strip()]


def path_pattern(path: str) -> str:
    """The page pattern for a recorded path: digits that look like ids may vary, and any query
    string may follow (the guide matches the path and the query: `/check?app=42`)."""
    escaped = re.escape(path or "/")
    return "^" + re.sub(r"\d{3,}", "[0-9]+", escaped) + "(?:\\?.*)?$"


class FlowDraft:
    """Steps recorded so far and the origins they happened on."""

    def __init__(self, flow_id: str, origins: dict[str, str] | None = None) -> None:
        self.flow_id = flow_id
        # name -> origin (e.g. "portal" -> "http://127.0.0.1:8001"); templates kept aside
        self.origins: dict[str, str] = {}
        self.templates: dict[str, str] = {}
        for name, origin in (origins or {}).items():
            self.origins[name] = split_url(origin).origin
        self.steps: list[DraftStep] = []
        self.start: tuple[str, str] | None = None  # (origin name, path) of the first page
        self.skipped = 0  # actions without any usable locator
        # The service's info card (fee, documents) and its minutes, from `set_card`.
        self.card: dict[str, Any] | None = None
        self.minutes: int | None = None

    def template(self, name: str, template: str) -> None:
        """Save origin `name` as `template` (e.g. "{portal}") instead of its address."""
        self.templates[name] = template

    def _origin_name(self, url: str) -> str:
        origin = split_url(url).origin
        for name, known in self.origins.items():
            if known == origin:
                return name
        name = f"site{len(self.origins) + 1}" if self.origins else "site"
        self.origins[name] = origin
        return name

    def add(self, report: dict[str, Any]) -> DraftStep | None:
        """Take one recorder report; returns the new (or updated) step, if any."""
        url = str(report.get("url", ""))
        parts = split_url(url)
        if parts.scheme not in ("http", "https") or not parts.host:
            return None
        origin = self._origin_name(url)
        if report.get("type") == "page":
            if self.start is None:
                self.start = (origin, parts.path_query)
            return None
        action = report.get("action")
        if report.get("type") != "step" or action not in DONE:
            return None
        lang = str(report.get("lang") or "").split("-")[0].lower()
        raw = report.get("locators") or ()
        locators = [loc for loc in (_clean_locator(r, lang) for r in raw) if loc]
        if not locators:
            self.skipped += 1
            return None
        label = str(report.get("label") or "")[:120]
        path = path_pattern(parts.path)
        last = self.steps[-1] if self.steps else None
        same = last is not None and (last.locators, last.path) == (locators, path)
        if same and last is not None and action == last.action:
            return last  # the same field left twice
        step = DraftStep(
            action=str(action),
            locators=locators[:5],
            origin=origin,
            path=path,
            label=label,
            private=report.get("private") is True,
            text={lang: t.format(label=label or "…") for lang, t in SUGGEST[action].items()},
        )
        self.steps.append(step)
        return step

    def set_card(self, typed: Mapping[str, str]) -> None:
        """Take the info card as the operator typed it (`CARD_KEYS`; missing ones are empty).

        Documents are separated by ; (or ؛), as many in Persian as in English; minutes are a
        whole number from 1 to 999, in any digits. NoticeError saying what to fix otherwise,
        and the card kept before stays."""
        f = {key: str(typed.get(key, "")).strip() for key in CARD_KEYS}
        card: dict[str, Any] = {}
        if f["fee_fa"] or f["fee_en"]:
            card["fee"] = {"fa": f["fee_fa"], "en": f["fee_en"]}
        docs_fa, docs_en = _split(f["docs_fa"]), _split(f["docs_en"])
        if len(docs_fa) != len(docs_en):
            fa, en = format_number(len(docs_fa)), format_number(len(docs_en))
            raise NoticeError(Notice(DOCS_DIFFER, {"fa": fa, "en": en}))
        if docs_fa:
            card["documents"] = [{"fa": a, "en": b} for a, b in zip(docs_fa, docs_en, strict=True)]
        minutes = f["minutes"].translate(DIGITS)
        if minutes and not (minutes.isascii() and minutes.isdigit() and 0 < int(minutes) < 1000):
            raise NoticeError(Notice(BAD_MINUTES, {"value": f["minutes"]}))
        self.card = card or None
        self.minutes = int(minutes) if minutes else None

    def to_json(
        self,
        title: dict[str, str],
        *,
        description: dict[str, str] | None = None,
        card: dict[str, Any] | None = None,
        version: int = 1,
    ) -> dict[str, Any]:
        """The flow file (not yet validated): every step, the info card (`card`, else the one
        from `set_card`) on the first."""
        card = card if card is not None else self.card
        steps = [s.to_json(i) for i, s in enumerate(self.steps, start=1)]
        if card and steps:
            steps[0]["card"] = card
        origins = {n: self.templates.get(n, o) for n, o in self.origins.items()}
        hosts = sorted({split_url(o).host for o in self.origins.values()})
        data: dict[str, Any] = {
            "id": self.flow_id,
            "version": version,
            "title": title,
            "hosts": hosts,
            "origins": origins,
            "steps": steps,
        }
        if description:
            data["description"] = description
        if self.start is not None:
            data["start"] = {"origin": self.start[0], "path": self.start[1]}
        return data
