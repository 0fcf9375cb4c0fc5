"""Staff page "Check a flow": probe a flow's pages; each step shown ok, drift or not checked."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.authored import Authored, compose
from kiosk.core.notices import Notice
from kiosk.i18n import N_, format_number
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.assist.pages import ServiceGrid, pick, service_tile
from kiosk.ui.context import UiContext
from kiosk.ui.icons import pixmap
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile import Tile

if TYPE_CHECKING:
    from kiosk.services.assist_catalog import Service
    from kiosk.ui.assist.health import StepHealth

log = logging.getLogger(__name__)

TITLE = N_("Check a flow")
CHOOSE = N_(
    "Touch a service to check its flow: the kiosk opens its pages and looks for each step's "
    "field or button."
)
NONE = N_("No service flows are installed. To fix: record a portal first.")
CHECKING = N_("Checking “{flow}”. The portal's pages are opening; this takes a moment.")
SUMMARY = N_("“{flow}”: steps found: {ok}; drifted: {drift}; not reached: {unchecked}.")
ALL_OK = N_("Every step that could be checked was found.")
FIX_DRIFT = N_(
    "To fix: record the flow again, or correct the drifted steps, before a citizen uses it."
)
NO_PORTAL = N_(
    "The practice portal could not start, so this flow cannot be checked. To fix: restart "
    "the kiosk."
)
ROW = N_("Step {number}: {text}")
# status: (pictogram, style name, words)
STATUS = {
    "ok": ("tick", "mark_right", N_("Found: the step still matches its page.")),
    "drift": (
        "cross",
        "mark_wrong",
        N_("Drift: nothing on the page matches this step any more."),
    ),
    "unreachable": (
        "guide_wait",
        "mark_unknown",
        N_("Not reached: the check could not get to its page."),
    ),
}
# What a drifted step looked for, and what the page has instead.
DRIFT_FOUND = N_("It looked for “{wanted}”; the nearest on the page now is {found}.")
DRIFT_NONE = N_("It looked for “{wanted}”; nothing like it is on the page.")
FOUND = {
    "textbox": N_("the field “{name}”"),
    "combobox": N_("the field “{name}”"),
    "searchbox": N_("the field “{name}”"),
    "spinbutton": N_("the field “{name}”"),
    "button": N_("the button “{name}”"),
    "link": N_("the link “{name}”"),
    "radio": N_("the choice “{name}”"),
    "checkbox": N_("the choice “{name}”"),
    "group": N_("the question “{name}”"),
    "radiogroup": N_("the question “{name}”"),
}
FOUND_OTHER = N_("“{name}”")
# Why a step was not reached: (with the step it is about, without one).
REASONS = {
    "needs_value": (
        N_(
            "Step {number} needs a value the check has no sample for, so it stops there. To "
            "fix: give that step a “sample” in the flow."
        ),
        None,
    ),
    "private": (
        N_("Step {number} is private: only the citizen types it, so the check stops there."),
        None,
    ),
    "refused": (
        N_("After step {number} the page showed a problem: it did not accept the check's values."),
        N_("The page showed a problem: it did not accept the check's values."),
    ),
    "drifted": (N_("Step {number} drifted, so the check could not go on."), None),
    "not_allowed": (
        N_("Step {number} led to a site this flow does not allow."),
        N_("The flow's first page is on a site it does not allow."),
    ),
    "timeout": (
        N_("No page came in time after step {number}."),
        N_("The pages did not come in time."),
    ),
    "not_opened": (
        N_("Its page did not come after step {number}, and it cannot be opened by its address."),
        N_("Its page cannot be opened by its address, and no step before it leads there."),
    ),
    "ended": (N_("The flow ends at step {number} on this walk."), None),
    "skipped": (None, N_("A branch went past this step on this walk.")),
}


def _isolate(text: str) -> str:
    """Step text in a paragraph of the other direction, kept whole (first strong decides);
    still the authors' text if it was (its speech may then be cached)."""
    isolated = "\u2068" + text + "\u2069"
    return Authored(isolated) if isinstance(text, Authored) else isolated


class HealthPage(Page):
    """Service tiles; the chosen flow's health check; one row per step, in words and pictures."""

    title_msgid = TITLE
    forms = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.services: list[Service] = []
        self.tiles: list[Tile] = []
        self.grid: ServiceGrid | None = None
        self.check: Any = None  # the running HealthCheck
        self.service: Service | None = None
        self.results: dict[str, StepHealth] = {}
        self._summary_text = ""
        self.hint = label("body")
        self.tiles_box = QWidget()
        self._tiles_layout = QVBoxLayout(self.tiles_box)
        self._tiles_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = label("question")
        self.summary.hide()
        self.rows_box = QWidget()
        self.rows = QGridLayout(self.rows_box)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setHorizontalSpacing(16)
        self.rows.setVerticalSpacing(12)
        self.rows.setColumnStretch(1, 1)
        self.column.addWidget(self.message)
        self.column.addWidget(self.hint)
        self.column.addWidget(self.tiles_box)
        self.column.addWidget(self.summary)
        self.column.addWidget(self.rows_box)
        ctx.theme.changed.connect(self._show_results)
        self.retranslate()

    # Model --------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        from kiosk.services.assist_catalog import load_services, service_folders

        services, faults = load_services(service_folders(self.access.data_dir))
        for error in faults:
            log.warning("health: flow skipped: %s", error)
        self.set_services(services)

    def set_services(self, services: list[Service]) -> None:
        if self.grid is not None:
            self._tiles_layout.removeWidget(self.grid)
            self.grid.deleteLater()
        self.services = services
        self.tiles = [self._tile(s) for s in services]
        self.grid = ServiceGrid(self.ctx, self.tiles)
        self._tiles_layout.addWidget(self.grid)
        self.retranslate()

    def _tile(self, service: Service) -> Tile:
        tile = service_tile(self.ctx, service, icon_px=64)
        tile.activated.connect(lambda s=service: self.run(s))
        return tile

    def tile_for(self, flow_id: str) -> Tile:
        """The tile of the flow `flow_id` (a test seam: tests touch it like a person would)."""
        for service, tile in zip(self.services, self.tiles, strict=True):
            if service.flow.id == flow_id:
                return tile
        raise KeyError(flow_id)

    # Checking -----------------------------------------------------------------------------
    def _bases(self, service: Service) -> dict[str, str]:
        return self.ctx.portal.bases() if service.practice else {}

    def run(self, service: Service) -> None:
        """Start the health check of `service`'s flow (one at a time)."""
        if self.check is not None:
            return
        from kiosk.core.flows.allow import AllowList
        from kiosk.ui.assist.health import HealthCheck

        try:
            bases = self._bases(service)
        except OSError as error:
            log.warning("health: practice portal failed: %s", error)
            self.tell(Notice(NO_PORTAL))
            return
        self.service, self.results = service, {}
        extra = tuple(self.ctx.settings["allowed_hosts"])  # type: ignore[arg-type]
        allow = AllowList.for_flow(service.flow, bases, extra)
        practice = self.ctx.portal.practice_value if service.practice else None
        self.check = HealthCheck(service.flow, bases, allow, self, practice=practice)
        self.check.done.connect(self._done)
        for tile in self.tiles:
            tile.setEnabled(False)
        self._show_results()
        # Said, and written where the summary will be: not on the message line above the
        # tiles, which went when the check ended and moved every tile under the finger (a
        # staff journey's next tap landed on the tile above the one it aimed at).
        self.clear_message()
        checking = self.ctx.tr(CHECKING, flow=_isolate(self._title()))
        self.summary.setText(checking)
        self.summary.show()
        self.ctx.say(checking)
        self.check.start()

    def shutdown(self) -> None:
        """The kiosk quits during a check: its browser goes now (as the recorder's)."""
        if self.check is not None:
            self.check.stop()

    def _done(self, results: dict[str, StepHealth]) -> None:
        check, self.check = self.check, None
        if check is not None:
            check.deleteLater()
        self.results = dict(results)
        for tile in self.tiles:
            tile.setEnabled(True)
        self._show_results()
        self.ctx.say(self._summary_text)  # not the label's copy: it keeps its origin

    def _title(self) -> str:
        return pick(self.service.flow.title, self.ctx.language.code) if self.service else ""

    def counts(self) -> dict[str, int]:
        statuses = [r.status for r in self.results.values()]
        return {key: statuses.count(key) for key in STATUS}

    def _show_results(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.summary.setVisible(bool(self.results) or self.check is not None)
        if not self.results or self.service is None:
            return  # (while a check runs the summary's place says so: see `run`)
        counts = self.counts()
        tr = self.ctx.tr
        summary = tr(
            SUMMARY,
            flow=_isolate(self._title()),
            ok=format_number(counts["ok"]),
            drift=format_number(counts["drift"]),
            unchecked=format_number(counts["unreachable"]),
        )
        self._summary_text = compose(summary, tr(FIX_DRIFT if counts["drift"] else ALL_OK))
        self.summary.setText(self._summary_text)
        lang, size = self.ctx.language.code, self.ctx.theme.icon_px(48)
        p = self.ctx.theme.palette
        for row, step in enumerate(s for s in self.service.flow.steps if s.id in self.results):
            health = self.results[step.id]
            status = health.status
            pictogram, style, words = STATUS[status]
            mark = QLabel()
            mark.setObjectName(style)
            mark.setProperty("status", status)
            mark.setPixmap(pixmap(pictogram, size))
            mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
            mark.setFixedSize(size + 16, size + 16)
            if style == "mark_unknown":
                mark.setStyleSheet(f"background: {p.bar}; border-radius: {self.ctx.theme.px(8)}px;")
            mark.setAccessibleName(tr(words))
            number = self.service.flow.steps.index(step) + 1
            text = label("body")
            text.setText(
                tr(ROW, number=format_number(number), text=_isolate(pick(step.text, lang)))
                + "\n"
                + tr(words)
                + self._detail(health)
            )
            self.rows.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            self.rows.addWidget(text, row, 1)

    def _detail(self, health: StepHealth) -> str:
        """The "to what" of a drift, the "why" of a step not reached: a line of its own."""
        tr = self.ctx.tr
        if health.status == "drift":
            wanted = _isolate(health.wanted)
            if not health.found_name:
                return "\n" + tr(DRIFT_NONE, wanted=wanted)
            found = tr(FOUND.get(health.found_role, FOUND_OTHER), name=_isolate(health.found_name))
            return "\n" + tr(DRIFT_FOUND, wanted=wanted, found=found)
        if health.status != "unreachable" or health.reason not in REASONS:
            return ""
        with_step, without = REASONS[health.reason]
        steps = [s.id for s in self.service.flow.steps] if self.service else []
        if health.cause in steps and with_step is not None:
            number = format_number(steps.index(health.cause) + 1)
            return "\n" + tr(with_step, number=number)
        return "\n" + tr(without) if without is not None else ""

    def row_texts(self) -> list[str]:
        """Each step's row as shown (a test seam: tests read the report as a person would)."""
        texts = []
        for index in range(self.rows.count()):
            widget = self.rows.itemAt(index).widget()
            if isinstance(widget, QLabel) and widget.text():
                texts.append(widget.text())
        return texts

    def retranslate(self) -> None:
        self.hint.setText(self.ctx.tr(CHOOSE if self.services else NONE))
        self._show_results()

    def intro(self) -> str:
        return compose(self.title_text(), self.ctx.tr(CHOOSE if self.services else NONE), sep=". ")
