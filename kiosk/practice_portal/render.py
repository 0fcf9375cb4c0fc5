"""HTML for the practice sites: Jinja2 page templates and small, escaped form-field builders.

Templates are files under lessons/practice_portal/templates, rendered by Jinja2 with
autoescaping: `{{ name }}` is escaped unless the value is `Markup`, `{{ t("key") }}` is a text of
the page's language. No logic in templates: lists and conditionals are built here in Python
from small, well-escaped pieces (MarkupSafe, the escaping Jinja2 itself uses).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from kiosk.practice_portal.httpbase import Response, static_response
from kiosk.practice_portal.texts import translate

if TYPE_CHECKING:
    from jinja2 import Environment

ASSET_ROOT = Path(__file__).resolve().parents[2]
PORTAL_DIR = ASSET_ROOT / "lessons" / "practice_portal"
FONTS_DIR = ASSET_ROOT / "assets" / "fonts"
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")
# The templates every first page needs: compiled by `Templates.warm` while the browser starts.
FRAME_TEMPLATES = ("layout.html", "gateway_layout.html")

__all__ = ["Form", "Markup", "Templates", "attributes", "esc", "join", "shared_asset", "tag"]


def shared_asset(path: str) -> Response | None:
    """The CSS, scripts, images and fonts all three practice sites serve; None for any other
    path (a missing asset is a 404 here, not a page of the site)."""
    if path.startswith("/static/"):
        found = static_response(PORTAL_DIR / "static", path[len("/static/") :])
        return found or Response(404, b"Not found", "text/plain")
    if path.startswith("/fonts/") and path[len("/fonts/") :] in FONT_FILES:
        found = static_response(FONTS_DIR, path[len("/fonts/") :], max_age=86400)
        return found or Response(404, b"Not found", "text/plain")
    return None


def esc(value: object) -> Markup:
    """`value` escaped for HTML text and attribute values (`Markup` is left as it is)."""
    return escape(value)


def join(parts: Iterable[str]) -> Markup:
    """Concatenate pieces, escaping any that are not `Markup`."""
    return Markup("".join(esc(p) for p in parts))


def tag(name: str, content: object = "", /, **attrs: object) -> Markup:
    """`<name attrs>content</name>`; attribute names use `_` for `-`, `cls` for class."""
    return Markup(f"<{name}{attributes(attrs)}>{esc(content)}</{name}>")


def attributes(attrs: Mapping[str, object]) -> str:
    """HTML attributes from keyword arguments: True → bare, None/False → omitted."""
    out = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = "class" if key == "cls" else key.rstrip("_").replace("_", "-")
        out.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(out)


class Templates:
    """The page templates of `directory`, rendered by Jinja2 (each compiled once, on first use).

    Jinja2 is imported on first use, not with the portal: `warm()` (run by `PracticePortal.start`
    in a background thread) does it while the browser that will ask for the first page starts.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._env: Environment | None = None
        self._lock = threading.Lock()

    def _environment(self) -> Environment:
        with self._lock:
            if self._env is None:
                from jinja2 import Environment, FileSystemLoader, StrictUndefined

                self._env = Environment(
                    loader=FileSystemLoader(self.directory, encoding="utf-8"),
                    autoescape=True,
                    undefined=StrictUndefined,  # a name the code does not pass is a bug
                    keep_trailing_newline=True,
                    auto_reload=False,  # the files do not change while the portal runs
                )
            return self._env

    def warm(self, names: Iterable[str] = FRAME_TEMPLATES) -> None:
        """Import Jinja2 and compile `names` now, so the first page does not wait for them."""
        environment = self._environment()
        for name in names:
            environment.get_template(name)

    def render(self, name: str, lang: str, /, **context: object) -> Markup:
        """Template `name` filled with `context`; `t(key)` is the text `key` in `lang`. A missing
        template or name is a bug (an exception, so the request gets the 500 page)."""
        template = self._environment().get_template(name)
        return Markup(template.render(context, t=partial(translate, lang=lang)))


@dataclass
class Form:
    """What a form needs to draw its fields: language, submitted values, errors per field."""

    lang: str
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # field name → text key
    error_values: dict[str, dict[str, object]] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        """Translate into the form's language."""
        return translate(key, self.lang, **values)

    def error(self, name: str, key: str, **values: object) -> None:
        """Record the first error of field `name` (text key and its placeholder values)."""
        if name not in self.errors:
            self.errors[name] = key
            self.error_values[name] = values

    def _described(self, name: str, hint_key: str | None) -> tuple[str | None, Markup, Markup]:
        ids, hint_html, error_html = [], Markup(""), Markup("")
        if hint_key:
            ids.append(f"{name}-hint")
            hint_html = tag("p", self.t(hint_key), cls="hint", id=f"{name}-hint")
        if name in self.errors:
            ids.append(f"{name}-error")
            error_html = tag(
                "p",
                self.t(self.errors[name], **self.error_values.get(name, {})),
                cls="field-error",
                id=f"{name}-error",
            )
        return (" ".join(ids) or None), hint_html, error_html

    def _label(self, name: str, label_key: str, required: bool) -> Markup:
        star = tag("span", "*", cls="req", aria_hidden="true") if required else ""
        return tag("label", join([self.t(label_key), " ", star]), for_=name)

    def input(
        self,
        name: str,
        label_key: str,
        *,
        hint_key: str | None = None,
        type_: str = "text",
        required: bool = True,
        ltr: bool = False,
        **attrs: object,
    ) -> Markup:
        """A labelled input with its hint and error message bound through aria-describedby."""
        described, hint_html, error_html = self._described(name, hint_key)
        value = None if type_ in ("file", "password") else self.values.get(name, "")
        control = Markup(
            f"<input{attributes({'id': name, 'name': name, 'type': type_, 'value': value})}"
            f"{attributes(self._state(name, required, described))}"
            f"{attributes({'dir': 'ltr' if ltr else None, **attrs})}>"
        )
        return self._wrap(
            name, join([self._label(name, label_key, required), hint_html, control, error_html])
        )

    def textarea(
        self,
        name: str,
        label_key: str,
        *,
        hint_key: str | None = None,
        required: bool = True,
        **attrs: object,
    ) -> Markup:
        """A labelled multi-line text box."""
        described, hint_html, error_html = self._described(name, hint_key)
        control = tag(
            "textarea",
            self.values.get(name, ""),
            id=name,
            name=name,
            **self._state(name, required, described),
            **attrs,
        )
        label = self._label(name, label_key, required)
        return self._wrap(name, join([label, hint_html, control, error_html]))

    def select(
        self, name: str, label_key: str, options: list[tuple[str, str]], *, required: bool = True
    ) -> Markup:
        """A labelled drop-down; `options` are (value, text key), a blank choice comes first."""
        described, hint_html, error_html = self._described(name, None)
        current = self.values.get(name, "")
        items = [tag("option", "—", value="")]
        for value, key in options:
            items.append(tag("option", self.t(key), value=value, selected=value == current))
        control = tag(
            "select", join(items), id=name, name=name, **self._state(name, required, described)
        )
        label = self._label(name, label_key, required)
        return self._wrap(name, join([label, hint_html, control, error_html]))

    def radios(
        self, name: str, legend_key: str, options: list[tuple[str, str]], *, required: bool = True
    ) -> Markup:
        """A fieldset of radio buttons, each wrapped in its label (no ids needed)."""
        described, _hint, error_html = self._described(name, None)
        current = self.values.get(name, "")
        items = []
        for value, key in options:
            radio = Markup(
                f"<input{attributes({'type': 'radio', 'name': name, 'value': value})}"
                f"{attributes({'checked': value == current})}>"
            )
            items.append(tag("label", join([radio, " ", self.t(key)]), cls="choice"))
        star = tag("span", "*", cls="req", aria_hidden="true") if required else ""
        legend = tag("legend", join([self.t(legend_key), " ", star]))
        body = join([legend, tag("div", join(items), cls="choices"), error_html])
        cls = "field radios" + (" has-error" if name in self.errors else "")
        return tag(
            "fieldset",
            body,
            cls=cls,
            aria_describedby=described,
            aria_required="true" if required else None,
        )

    def summary(self) -> Markup:
        """The error summary shown above a form that failed validation."""
        if not self.errors:
            return Markup("")
        return tag("div", self.t("form_errors"), cls="alert alert-error", role="alert")

    def _state(self, name: str, required: bool, described: str | None) -> dict[str, object]:
        return {
            "aria_required": "true" if required else None,
            "aria_invalid": "true" if name in self.errors else None,
            "aria_describedby": described,
        }

    def _wrap(self, name: str, body: Markup) -> Markup:
        cls = "field" + (" has-error" if name in self.errors else "")
        return tag("div", body, cls=cls)
