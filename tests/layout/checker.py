"""A layout checker: walks the visible widget tree of the real kiosk window and names every
widget that breaks the accessibility rules on layout (ACCESSIBILITY.md items 8, 9 and 11).

It finds, for one screen in one state at one language, text size and window size:
- `clipped`: a label's or button's text larger than its rect, by the font's own metrics (on the
  whole page: what is scrolled out of view too, where a person scrolls to it);
- `overlap`: two visible controls on top of each other;
- `covered`: a control under another layer (the caption strip, the notice bar, a dialog);
- `unreachable`: a control outside the visible part of its scroll areas, or of the window,
  with no visible scroll bar to bring it into view;
- `thin_scroll`: a page that must scroll but whose scroll bar is too thin to see or to touch;
- `nested_scroll`: a scroll area that scrolls up and down inside another one that does too
  (see `nested_scrolls`);
- `too_wide`: a scroll area's content wider than what it shows, with no way across (the
  widest culprit named: a control whose text cannot wrap, say);
- `moved`: a control that moved when the caption showed or hid (see `moves_with_caption`);
- `small_text`: words drawn smaller than body text's least size on the kiosk's screen
  (ACCESSIBILITY.md item 6: 4.8 mm, about 24 px), a label's, a button's or a field's.

Each violation names the screen, the state, the size and the widget (its object name and
class, the object names of its ancestors, and its text), so a failure says where to look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollBar,
    QWidget,
)

from kiosk.ui.theme import SCROLL_BAR_PX  # a scroll bar a person can see and drag, at 100 %
from kiosk.ui.widgets.fit_column import MIN_TEXT_PX

TOLERANCE = 1  # px: rounding of fractional font metrics

CONTROLS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractSlider)


@dataclass(frozen=True)
class Violation:
    kind: str
    screen: str
    state: str
    size: str
    widget: str
    detail: str

    def __str__(self) -> str:
        return (
            f"{self.kind}: screen {self.screen}, state {self.state}, size {self.size}: "
            f"{self.widget}: {self.detail}"
        )


@dataclass(frozen=True)
class Where:
    """Which screen, state and size a check is about (for the violations' names)."""

    screen: str
    state: str
    size: str  # e.g. "1280x800 fa 200%"

    def violation(self, kind: str, widget: QWidget, detail: str) -> Violation:
        return Violation(kind, self.screen, self.state, self.size, describe(widget), detail)


def describe(widget: QWidget) -> str:
    """`Class#name` of the widget and its named ancestors, then its text (shortened)."""
    names = []
    node: QWidget | None = widget
    while node is not None and len(names) < 4:
        if node.objectName() or node is widget:
            names.append(f"{type(node).__name__}#{node.objectName()}")
        node = node.parentWidget()
    text = widget_text(widget)
    shown = f" «{text[:40]}{'…' if len(text) > 40 else ''}»" if text else ""
    return " < ".join(names) + shown


def widget_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text().replace("\n", " ")
    if isinstance(widget, QLineEdit):
        return widget.placeholderText()
    return ""


def settle(rounds: int = 4) -> None:
    """Let posted layout requests run (each round may post the next)."""
    for _ in range(rounds):
        QApplication.processEvents()
        # Widgets a page replaced (deleteLater) are gone, as they are for a person.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _in_web_view(widget: QWidget) -> bool:
    node = widget.parentWidget()
    while node is not None:
        if type(node).__name__ == "QWebEngineView":
            return True
        node = node.parentWidget()
    return False


def shown(root: QWidget) -> Iterable[QWidget]:
    """Every widget under `root` a person can see: visible, with a non-empty visible region."""
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and not widget.visibleRegion().isEmpty() and not _in_web_view(widget):
            yield widget


def in_window(widget: QWidget) -> QRect:
    """`widget`'s rect in its window's coordinates."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def visible_in_window(widget: QWidget) -> QRect:
    """The part of `widget` not clipped by its parents (scroll viewports), in window coordinates."""
    box = widget.visibleRegion().boundingRect()
    return box.translated(widget.mapTo(widget.window(), QPoint(0, 0)))


def is_control(widget: QWidget) -> bool:
    if isinstance(widget, QScrollBar):
        return False  # checked as scroll affordances
    if not isinstance(widget, CONTROLS):
        return False
    # The parts of a compound control (a spin box's line edit) are the control itself.
    parent = widget.parentWidget()
    return not (parent is not None and isinstance(parent, QAbstractSpinBox | QComboBox))


def _related(a: QWidget, b: QWidget) -> bool:
    return a.isAncestorOf(b) or b.isAncestorOf(a)


# ---- the checks ------------------------------------------------------------------------------


def clipped_text(widgets: list[QWidget], where: Where) -> list[Violation]:
    """Labels and buttons whose text needs more room than they have."""
    found = []
    for widget in widgets:
        if isinstance(widget, QLabel):
            text = widget.text()
            if not text or widget.textFormat() == Qt.TextFormat.RichText:
                continue
            rect = widget.contentsRect()
            indent = max(widget.margin(), 0)
            rect = rect.adjusted(indent, indent, -indent, -indent)
            metrics = QFontMetrics(widget.font())
            if widget.wordWrap():
                flags = int(Qt.TextFlag.TextWordWrap) | int(widget.alignment())
                need = metrics.boundingRect(QRect(0, 0, rect.width(), 1_000_000), flags, text)
            else:
                need = metrics.boundingRect(QRect(0, 0, 1_000_000, 1_000_000), 0, text)
            if need.width() > rect.width() + TOLERANCE or need.height() > rect.height() + TOLERANCE:
                found.append(
                    where.violation(
                        "clipped",
                        widget,
                        f"text needs {need.width()}x{need.height()}, has "
                        f"{rect.width()}x{rect.height()}",
                    )
                )
        elif isinstance(widget, QPushButton) and widget.text():
            hint = widget.sizeHint()
            if (
                widget.width() + TOLERANCE < hint.width()
                or widget.height() + TOLERANCE < hint.height()
            ):
                found.append(
                    where.violation(
                        "clipped",
                        widget,
                        f"text and icon need {hint.width()}x{hint.height()}, has "
                        f"{widget.width()}x{widget.height()}",
                    )
                )
    return found


def small_text(widgets: list[QWidget], where: Where) -> list[Violation]:
    """Words drawn below `MIN_TEXT_PX` (a label, a button, a field; the page's own text in a
    web view is the portal's)."""
    found = []
    for widget in widgets:
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit) and widget_text(widget):
            font = widget.font()
            size = font.pixelSize() if font.pixelSize() > 0 else round(font.pointSizeF() * 4 / 3)
            if size < MIN_TEXT_PX:
                found.append(where.violation("small_text", widget, f"drawn at {size} px"))
    return found


def overlaps(controls: list[QWidget], where: Where) -> list[Violation]:
    """Two visible controls that share pixels."""
    found = []
    rects = [(c, visible_in_window(c)) for c in controls]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1 :]:
            if _related(a, b):
                continue
            common = ra.intersected(rb)
            if common.width() > TOLERANCE and common.height() > TOLERANCE:
                found.append(
                    where.violation(
                        "overlap",
                        a,
                        f"overlaps {describe(b)} by {common.width()}x{common.height()}",
                    )
                )
    return found


def covered(controls: list[QWidget], where: Where) -> list[Violation]:
    """Controls whose visible part is under another widget (probed at its centre and corners)."""
    found = []
    for control in controls:
        window = control.window()
        box = visible_in_window(control).adjusted(3, 3, -3, -3)
        if box.isEmpty():
            continue
        for point in (
            box.center(),
            box.topLeft(),
            box.topRight(),
            box.bottomLeft(),
            box.bottomRight(),
        ):
            top = window.childAt(point)
            if top is None or top is control or control.isAncestorOf(top):
                continue
            if top.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents):
                continue
            found.append(
                where.violation(
                    "covered", control, f"under {describe(top)} at {point.x()},{point.y()}"
                )
            )
            break
    return found


def _scroll_areas(widget: QWidget) -> list[QAbstractScrollArea]:
    areas = []
    node = widget.parentWidget()
    while node is not None:
        if isinstance(node, QAbstractScrollArea) and node.viewport().isAncestorOf(widget):
            areas.append(node)
        node = node.parentWidget()
    return areas


def unreachable(
    controls: list[QWidget], where: Where, theme_px: Callable[[int], int]
) -> list[Violation]:
    """Controls a person cannot see whole and cannot scroll to with a bar they can see."""
    found = []
    for control in controls:
        window = control.window()
        whole = in_window(control)
        areas = _scroll_areas(control)
        if not areas and not window.rect().contains(whole):
            found.append(where.violation("unreachable", control, f"{whole} is outside the window"))
            continue
        if visible_in_window(control).size() == control.size():
            continue
        for area in areas:
            if control.height() > area.viewport().height():
                found.append(
                    where.violation(
                        "unreachable",
                        control,
                        f"{control.height()} px tall in {area.viewport().height()} px of "
                        f"{describe(area)}: never seen whole",
                    )
                )
                break
            port = area.viewport()
            at = QRect(control.mapTo(port, QPoint(0, 0)), control.size())
            if port.rect().contains(at):
                continue
            bar = area.verticalScrollBar()
            if not bar.isVisible() or bar.maximum() == 0:
                found.append(
                    where.violation(
                        "unreachable", control, f"outside {describe(area)} with no scroll bar"
                    )
                )
            break
    return found


def scroll_affordances(
    widgets: list[QWidget], where: Where, theme_px: Callable[[int], int]
) -> list[Violation]:
    """Pages that must scroll show a bar that is large and visible; no scroll area in another."""
    found = []
    for widget in widgets:
        if not isinstance(widget, QAbstractScrollArea) or isinstance(widget, QLineEdit):
            continue
        found += _too_wide(widget, where)
        bar = widget.verticalScrollBar()
        if bar.maximum() > 0:
            if not bar.isVisible():
                found.append(where.violation("unreachable", widget, "scrolls with no bar shown"))
            elif bar.width() < theme_px(SCROLL_BAR_PX):
                found.append(
                    where.violation(
                        "thin_scroll",
                        widget,
                        f"scroll bar {bar.width()} px wide, needs {theme_px(SCROLL_BAR_PX)}",
                    )
                )
    return found


def _scrolls(area: QAbstractScrollArea) -> bool:
    """Whether `area` scrolls up and down, or would with more rows (its bar is not off)."""
    policy = area.verticalScrollBarPolicy()
    return policy != Qt.ScrollBarPolicy.ScrollBarAlwaysOff or area.verticalScrollBar().maximum() > 0


def nested_scrolls(root: QWidget, where: Where) -> list[Violation]:
    """Scroll areas that scroll up and down inside another that scrolls up and down now.

    Every visible one, on screen or scrolled out of it. A list (Qt's model/view, virtualised)
    is a scroll area by construction: the screen's content holds it inside the screen's scroll
    area whatever the page does. What a person must never meet is two things that scroll the
    same way, one inside the other (which moves under the finger?). So an inner list that scrolls
    by itself is fine where the screen around it does not scroll at this size (the page fits,
    the list takes the room left: kiosk/ui/widgets/fit_lists.py), and a list that shows all its
    rows, its own bar off, is fine in a screen that scrolls. Anything else is a violation,
    including a list with room to spare today (it scrolls once it has more rows). The one
    exception is the product's own (fit_lists.py): a list too long ever to show whole (more
    than WHOLE_MAX_ROWS rows, a centre's learners) keeps its bar at a fixed few rows."""
    from kiosk.ui.widgets.fit_lists import WHOLE_MAX_ROWS

    found = []
    for area in root.findChildren(QAbstractScrollArea):
        if not area.isVisible() or _in_web_view(area):
            continue
        model = getattr(area, "model", lambda: None)()
        if model is not None and model.rowCount() > WHOLE_MAX_ROWS:
            continue
        outer = [o for o in _scroll_areas(area) if o.verticalScrollBar().maximum() > 0]
        if outer and _scrolls(area):
            found.append(
                where.violation("nested_scroll", area, f"scrolls inside {describe(outer[0])}")
            )
    return found


def _too_wide(area: QAbstractScrollArea, where: Where) -> list[Violation]:
    """Content cut at the side: wider than the view, where only up and down scroll."""
    if area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
        return []
    content = getattr(area, "widget", lambda: None)()
    view = area.viewport().width()
    if content is None or content.width() <= view + TOLERANCE:
        return []
    culprit, need, depth = content, content.width(), 0
    for child in content.findChildren(QWidget):  # the deepest that needs more than the view
        wanted = max(child.minimumSizeHint().width(), child.minimumWidth())
        if not child.isVisible() or wanted <= view:
            continue
        level, parent = 0, child
        while parent is not None and parent is not content:
            level, parent = level + 1, parent.parentWidget()
        if level > depth:
            culprit, need, depth = child, wanted, level
    detail = f"content {content.width()} px wide in a view of {view} px ({need} px needed)"
    return [where.violation("too_wide", culprit, detail)]


def scrolled_away(root: QWidget) -> list[QWidget]:
    """Every widget under `root` shown but out of view now: scrolled away in a screen that
    scrolls (below the fold at large text on a small screen), where a person scrolls to it."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible() and w.visibleRegion().isEmpty() and not _in_web_view(w)
    ]


def check(window: QWidget, where: Where, theme_px: Callable[[int], int]) -> list[Violation]:
    """Every violation on what `window` shows now. Text is measured on the whole page, what is
    scrolled out of view too (a person scrolls to it); the other checks are about what is on
    screen (overlaps, covers and reach are judged where a control is now)."""
    settle()
    widgets = list(shown(window))
    controls = [w for w in widgets if is_control(w)]
    return (
        clipped_text(widgets + scrolled_away(window), where)
        + small_text(widgets, where)
        + overlaps(controls, where)
        + covered(controls, where)
        + unreachable(controls, where, theme_px)
        + scroll_affordances(widgets, where, theme_px)
        + nested_scrolls(window, where)
    )


def places(window: QWidget) -> dict[int, tuple[QWidget, QRect]]:
    """Where every visible control is, in window coordinates."""
    return {id(c): (c, in_window(c)) for c in shown(window) if is_control(c)}


def moves_with_caption(
    window: QWidget,
    caption: QLabel,
    say: Callable[[str], None],
    clear: Callable[[], None],
    where: Where,
) -> list[Violation]:
    """Show a three-line caption, then hide it: no control may move either time."""
    settle()
    before = places(window)
    found = []
    text = " ".join(["A sentence the kiosk says, long enough to wrap."] * 6)
    for step, act in (("shown", lambda: say(text)), ("hidden", clear)):
        act()
        settle()
        after = places(window)
        for key, (control, rect) in before.items():
            if key in after and after[key][1] != rect:
                found.append(
                    where.violation(
                        "moved",
                        control,
                        f"caption {step}: {rect.topLeft().toTuple()} "
                        f"{rect.size().toTuple()} -> {after[key][1].topLeft().toTuple()} "
                        f"{after[key][1].size().toTuple()}",
                    )
                )
    return found


def _ink(widget: QWidget) -> list[int]:
    """How many dark pixels each column of `widget` shows."""
    image = widget.grab().toImage()
    return [
        sum(1 for y in range(image.height()) if image.pixelColor(x, y).lightness() < 100)
        for x in range(image.width())
    ]


def progress_mirrored(dots: QLabel, counter: QLabel, rtl: bool, where: Where) -> list[Violation]:
    """Progress reads the language's way: the counter on the side reading starts from, and the
    filled dots (more ink than the hollow ones) on that side too."""
    found = []
    leading_counter = counter.x() > dots.x() if rtl else counter.x() < dots.x()
    if not leading_counter:
        found.append(where.violation("mirroring", counter, "not on the side reading starts"))
    ink = _ink(dots)
    columns = [x for x, count in enumerate(ink) if count]
    if columns:
        first, last = columns[0], columns[-1]
        third = max(1, (last - first) // 3)
        left, right = sum(ink[first : first + third]), sum(ink[last - third + 1 : last + 1])
        if (right <= left) if rtl else (left <= right):
            found.append(
                where.violation("mirroring", dots, f"fills from the wrong side ({left}, {right})")
            )
    return found
