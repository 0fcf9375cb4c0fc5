"""`kiosk --debug-dir DIR`: what the journey tests need to drive the real kiosk from outside.

The journeys start the installed `kiosk` on an X server and act only through real X input
(xdotool), like a person. To know *where* to tap without pixel positions written into the
tests, the running kiosk describes its own screen: this probe writes

- ``DIR/controls.json``: the screen shown, and every visible named control (buttons, fields,
  tiles) with its on-screen rectangle; for each visible web view, the guide's highlighted
  element and the page's form controls (by tag, id, name, label — never a value) and
  pictures with alternative text (where the captcha is); on the bundled practice portal only
  (loopback, fictional data), also the text of its live regions (the pretend phone's message);
- ``DIR/spoken.jsonl``: every utterance asked of the speaker, in order (a page's or a
  citizen's text as "…", exactly as the privacy rules log it).

Each ``controls.json`` carries ``taken``, the time it was taken, and ``changed``, when what it
shows last changed: it is rewritten at once when the screen changes and at least every
HEARTBEAT_S when it does not, so a journey can wait for a picture taken after its last touch
instead of acting on one from before it, and tell a still screen by `taken - changed`.

It is off unless the option is given, and never on a kiosk in service (`kiosk doctor` warns).
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

log = logging.getLogger(__name__)

INTERVAL_MS = 150
HEARTBEAT_S = 0.3  # rewritten at least this often, changed or not (see `taken`)
CONTROLS = "controls.json"
SPOKEN = "spoken.jsonl"
_INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSlider, QTextEdit, QPlainTextEdit)

# Runs in the page's main world: form controls, links, pictures with a text alternative (a
# captcha) and live regions (a page's messages, a simulated phone) with where they are. Never a
# value, and never the words of a picture or a live region (only its label).
# Both scripts answer JSON text: PySide6 6.12 hands a JS object or array back as "".
_PAGE_SCRIPT = """
JSON.stringify((function () {
  function label(el) {
    var t = el.getAttribute('aria-label') || el.getAttribute('alt') || '';
    if (!t && el.id) {
      var l = document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
      if (l) { t = l.textContent; }
    }
    if (!t && el.closest('label')) { t = el.closest('label').textContent; }
    if (!t && el.hasAttribute('aria-live') && el.closest('[aria-label]')) {
      t = el.closest('[aria-label]').getAttribute('aria-label');
    }
    return (t || '').replace(/\\s+/g, ' ').trim().slice(0, 80);
  }
  var out = [];
  var all = document.querySelectorAll(
    'input, select, textarea, button, a[href], [role=button], [role=radio], [role=link], ' +
    'img[alt]:not([alt=""]), [aria-live]');
  for (var i = 0; i < all.length && out.length < 300; i += 1) {
    var el = all[i], r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) { continue; }
    var type = (el.getAttribute('type') || '').toLowerCase();
    var live = el.getAttribute('aria-live') || '';
    var text = type === 'password' || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ||
      el.tagName === 'IMG' || live
      ? '' : (el.textContent || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 80);
    out.push({tag: el.tagName.toLowerCase(), id: el.id || '', name: el.getAttribute('name') || '',
              type: type, label: label(el), text: text, live: live,
              rect: [r.left, r.top, r.width, r.height]});
  }
  // The practice portal (loopback only) shows a pretend phone: its message is practice data.
  var live = [];
  if (location.hostname === '127.0.0.1' || location.hostname === 'localhost') {
    document.querySelectorAll('[aria-live]').forEach(function (el) {
      live.push((el.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 300));
    });
  }
  return {path: location.pathname, elements: out, width: window.innerWidth, live: live,
          dir: getComputedStyle(document.documentElement).direction};
})())
"""
_TARGET_SCRIPT = (
    "JSON.stringify(window.__kioskGuideAgent && window.__kioskGuideAgent.target ? "
    "{box: window.__kioskGuideAgent.target(), token: window.__kioskGuideAgent.token()} : {})"
)


def _parsed(text: object) -> Any:
    """A page script's JSON answer (None if the page gave none, e.g. while it loads)."""
    try:
        return json.loads(text) if isinstance(text, str) and text else None
    except ValueError:
        return None


def _global_rect(widget: QWidget) -> list[int] | None:
    """The part of `widget` a person can see, in screen pixels (None if none of it)."""
    visible = widget.visibleRegion().boundingRect()
    if visible.isEmpty():
        return None
    top_left = widget.mapToGlobal(visible.topLeft())
    return [top_left.x(), top_left.y(), visible.width(), visible.height()]


def _parsed(text: object) -> Any:
    """A JSON answer from a page, or None."""
    try:
        return json.loads(text) if isinstance(text, str) and text else None
    except ValueError:
        return None


def _web_rect(view: QWidget) -> list[int] | None:
    """Where a web view shows: its page is drawn by a child widget covering it, which leaves
    the view's own visible region empty."""
    for widget in (view, view.focusProxy(), *view.findChildren(QWidget)):
        if widget is not None and widget.isVisible() and (rect := _global_rect(widget)):
            return rect
    return None


class DebugProbe(QObject):
    """Writes the window's controls and the spoken utterances to a folder (see module doc)."""

    def __init__(self, window, folder: Path) -> None:
        super().__init__(window)
        self.window = window
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._spoken = open(self.folder / SPOKEN, "a", encoding="utf-8")  # noqa: SIM115
        self._last = ""
        self._written = self._changed = 0.0
        self._seq = 0
        self._web: dict[int, dict[str, Any]] = {}
        window.ctx.speaker.requested.connect(self._on_utterance)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.write)
        self._timer.start(INTERVAL_MS)
        log.warning("debug probe on: controls and speech written to %s", self.folder)

    def _on_utterance(self, utterance) -> None:
        text = utterance.text if utterance.cacheable else "…"
        record = {"t": round(time.time(), 3), "lang": utterance.lang, "text": text}
        self._spoken.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._spoken.flush()

    def snapshot(self) -> dict[str, Any]:
        """The window as a person sees it now."""
        window = self.window
        screen = window.current_screen()
        controls = []
        web = []
        from PySide6.QtWebEngineWidgets import QWebEngineView

        for widget in window.findChildren(QWidget):
            if not widget.isVisible():
                continue
            if isinstance(widget, QWebEngineView):
                web.append(self._web_entry(widget))
                continue
            named = bool(widget.objectName() or widget.accessibleName())
            if not isinstance(widget, _INTERACTIVE) and not (named and isinstance(widget, QLabel)):
                continue
            rect = _global_rect(widget)
            if rect is None:
                continue
            entry: dict[str, Any] = {
                "name": widget.objectName(),
                "accessible": widget.accessibleName(),
                "class": type(widget).__name__,
                "rect": rect,
                "size": [widget.width(), widget.height()],  # rect smaller: partly hidden
                "enabled": widget.isEnabled(),
            }
            if isinstance(widget, QAbstractButton):
                entry["text"] = widget.text()
                entry["checked"] = widget.isChecked()
            elif isinstance(widget, QLabel):
                entry["text"] = widget.text()[:200]
            elif isinstance(widget, QAbstractSlider):  # a scroll bar: how far down
                entry["value"] = widget.value()
                entry["range"] = [widget.minimum(), widget.maximum()]
            elif isinstance(widget, QLineEdit):
                entry["focused"] = widget.hasFocus()  # never its text
            controls.append(entry)
        geometry: QRect = window.geometry()
        return {
            "pid": os.getpid(),
            "screen": screen.key if screen is not None else "",
            "page": getattr(getattr(screen, "page", None), "objectName", lambda: "")(),
            "window": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
            "fullscreen": window.isFullScreen(),
            # The screen the window is on (its output, under Wayland): full screen is all of it.
            "screen_size": list(_screen_size(window)),
            "platform": QGuiApplication.platformName(),
            "controls": controls,
            "web": web,
        }

    def _web_entry(self, view) -> dict[str, Any]:
        """A web view's place, and what its page said last time it was asked (asked anew)."""
        key = id(view)
        state = self._web.setdefault(key, {})
        origin = view.mapToGlobal(QPoint(0, 0))
        zoom = view.zoomFactor()
        page = view.page()
        if page is not None and shiboken6.isValid(page):
            from kiosk.ui.web.bridge import WORLD

            # As JSON text: PySide6 6.12 hands JavaScript arrays and objects back as "".
            page.runJavaScript(_PAGE_SCRIPT, 0, lambda text: state.update(page=_parsed(text)))
            page.runJavaScript(
                _TARGET_SCRIPT, WORLD, lambda text: state.update(target=_parsed(text) or {})
            )

        def to_screen(box) -> list[int] | None:
            if not box:
                return None
            x, y, w, h = box
            return [
                round(origin.x() + x * zoom),
                round(origin.y() + y * zoom),
                round(w * zoom),
                round(h * zoom),
            ]

        found = state.get("page") or {}
        return {
            "name": view.objectName(),
            "rect": _web_rect(view),
            "path": found.get("path", ""),
            "dir": found.get("dir", ""),
            "live": found.get("live", []),
            "target": to_screen(state.get("target", {}).get("box")),
            "target_token": state.get("target", {}).get("token"),
            "elements": [
                dict(element, rect=to_screen(element["rect"]))
                for element in found.get("elements", [])
            ],
        }

    def write(self) -> None:
        """Rewrite controls.json (atomically) when what it says has changed."""
        try:
            snapshot = self.snapshot()
        except RuntimeError:  # a widget deleted while walking: next tick
            return
        text = json.dumps(snapshot, ensure_ascii=False, sort_keys=True)
        now = time.time()
        if text != self._last:
            self._changed = now
        elif now - self._written < HEARTBEAT_S:
            return
        self._last, self._written = text, now
        stamped = {**snapshot, "taken": now, "changed": self._changed}
        text = json.dumps(stamped, ensure_ascii=False, sort_keys=True)
        self._seq += 1
        target = self.folder / CONTROLS
        temporary = target.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)


def _screen_size(window) -> tuple[int, int]:
    screen = window.screen()
    if screen is None:
        return (0, 0)
    size = screen.geometry().size()
    return (size.width(), size.height())
