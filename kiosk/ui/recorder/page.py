"""Staff page "Record a portal": do a transaction once in a sealed browser, edit, save a flow."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.authored import compose
from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_, Np_, format_number
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.recorder.steps import StepEditor, isolate, step_head, text_field
from kiosk.ui.web.panel import PAGE_MIN_PX
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.spoken_field import SpokenField

if TYPE_CHECKING:
    from kiosk.core.flows.draft import DraftStep, FlowDraft

log = logging.getLogger(__name__)

TITLE = N_("Record a portal")
INTRO = N_(
    "Choose where to start, press Start recording and do the transaction once. Each touch "
    "and each field becomes a step; what you type is never recorded."
)
PRACTICE = N_("Practice portal")
ADDRESS = N_("Start address")
FLOW_ID = N_("Flow name: small English letters, digits and dots")
START = N_("Start recording")
STOP = N_("Stop recording")
NOT_ALLOWED = N_(
    "“{address}” is not an allowed portal. To fix: choose one of the portals above, or ask "
    "an admin to add its host to “Extra portal hosts allowed” in Settings."
)
NO_PORTAL = N_("The practice portal could not start. To fix: restart the kiosk.")
RECORDING = N_("Recording. Do the transaction once in the page; its steps are listed beside it.")
STOPPED = Np_("Recording stopped with {count} step.", "Recording stopped with {count} steps.")
SKIPPED = Np_(
    "{skipped} touch had nothing to find it by and was left out.",
    "{skipped} touches had nothing to find them by and were left out.",
)
CHECK = N_("Check each step's words, mark the private steps, fill in the card and save.")
# TRANSLATORS: sentences put together; {stopped}: how many steps, {check}: what to do now.
STOPPED_CHECK = N_("{stopped} {check}")
# TRANSLATORS: as above; {skipped}: how many touches were left out.
STOPPED_SKIPPED_CHECK = N_("{stopped} {skipped} {check}")
STEPS = N_("Steps so far:")
CARD = N_("The service's info card")
TITLE_FA = N_("Service title in Persian")
TITLE_EN = N_("Service title in English")
FEE_FA = N_("Official fee in Persian")
FEE_EN = N_("Official fee in English")
DOCS_FA = N_("Documents to bring in Persian, separated by ;")
DOCS_EN = N_("Documents to bring in English, separated by ;")
MINUTES = N_("About how many minutes it takes")
# Each row of the card: its name, then its Persian and English fields (minutes: one field).
CARD_ROWS = (
    (N_("Title"), (("title_fa", TITLE_FA), ("title_en", TITLE_EN))),
    (N_("Official fee"), (("fee_fa", FEE_FA), ("fee_en", FEE_EN))),
    (N_("Documents"), (("docs_fa", DOCS_FA), ("docs_en", DOCS_EN))),
    (N_("Minutes"), (("minutes", MINUTES),)),
)
SAVE = N_("Save the flow")
NO_STEPS = N_("There are no steps to save. To fix: start recording and do the transaction once.")
NOT_SAVED = N_("The flow was not saved: {faults}. To fix: correct these and save again.")
NOT_WRITTEN = N_("The flow could not be written to {folder}. To fix: check the disk and try again.")
SAVED = N_(
    "Saved as {file}. It is marked “not yet checked” until an operator runs it once to the end."
)


class RecorderPage(Page):
    """Start address, the sealed browser beside the steps, the step editors, the card, Save."""

    title_msgid = TITLE
    forms = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.recorder: Any = None
        self.draft: FlowDraft | None = None
        self.editors: list[StepEditor] = []
        self.choices: dict[str, QPushButton] = {}
        self.hint = label("body")
        self.address = text_field(ctx, ADDRESS, "record_address")
        self.flow_id = text_field(ctx, FLOW_ID, "record_flow_id")
        self.start_button = self.button(START, "record_start", self.start, colour="learn")
        self.stop_button = self.button(STOP, "record_stop", self.stop, colour="wrong")
        self.controls = QWidget()
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.address, 2)
        controls.addWidget(self.flow_id, 1)
        controls.addWidget(self.start_button)
        self.choice_box = QWidget()
        self.choice_row = QHBoxLayout(self.choice_box)
        self.choice_row.setContentsMargins(0, 0, 0, 0)
        # The page being recorded, and beside it the steps as they come.
        self.browser_box = QWidget()
        self._browser_row = QHBoxLayout(self.browser_box)
        self._browser_row.setContentsMargins(0, 0, 0, 0)
        side = QVBoxLayout()
        side.addWidget(
            self.stop_button
        )  # its height fixed (`Page.button`): the steps take the rest
        self.steps_title = label("row_title")
        self.step_list = label("body")
        self.step_list.setAlignment(Qt.AlignmentFlag.AlignTop)
        # The steps scroll on their own, the newest in view: a long recording must not make the
        # page taller than the screen (Stop and the page itself would scroll away).
        self.steps_scroll = QScrollArea()
        self.steps_scroll.setObjectName("record_steps")
        self.steps_scroll.setWidgetResizable(True)
        self.steps_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.steps_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        steps = QWidget()  # the title scrolls with the steps: Stop and one step always fit
        steps_column = QVBoxLayout(steps)
        steps_column.setContentsMargins(0, 0, 0, 0)
        steps_column.addWidget(self.steps_title)
        steps_column.addWidget(self.step_list, 1)
        self.steps_scroll.setWidget(steps)
        # The page's colours show through (a scroll area paints the default grey).
        steps.setAutoFillBackground(False)
        self.steps_scroll.viewport().setAutoFillBackground(False)
        # No height of its own to ask for (a scroll area's hint is 250 px): it takes what Stop
        # and the page leave, at least a line (set when recording starts).
        policy = self.steps_scroll.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.steps_scroll.setSizePolicy(policy)
        bar = self.steps_scroll.verticalScrollBar()
        bar.rangeChanged.connect(lambda _low, high: bar.setValue(high))
        side.addWidget(self.steps_scroll, 1)
        self._browser_row.addLayout(side, 2)
        self.browser_box.hide()
        self.editor_box = QWidget()
        self._editors = QVBoxLayout(self.editor_box)
        self._editors.setContentsMargins(0, 0, 0, 0)
        self.card_box = QWidget()
        card = QGridLayout(self.card_box)
        card.setContentsMargins(0, 0, 0, 0)
        self.card_title = label("question")
        card.addWidget(self.card_title, 0, 0, 1, 3)
        card.setColumnStretch(1, 1)
        card.setColumnStretch(2, 1)
        self.fields: dict[str, SpokenField] = {}
        self.row_names: list[tuple[QLabel, str]] = []
        for row, (name, pair) in enumerate(CARD_ROWS, start=1):
            self.row_names.append((label("row_title"), name))
            card.addWidget(self.row_names[-1][0], row, 0)
            for column, (key, msgid) in enumerate(pair, start=1):
                field = text_field(ctx, msgid, f"card_{key}", rtl=key.endswith("_fa"))
                self.fields[key] = field
                card.addWidget(field, row, column)
        self.save_button = self.button(SAVE, "record_save", self.save, colour="learn")
        card.addWidget(self.save_button, len(CARD_ROWS) + 1, 0, 1, 3)
        self.card_box.hide()
        self.column.addWidget(self.message)
        self.column.addWidget(self.hint)
        self.column.addWidget(self.choice_box)
        self.column.addWidget(self.controls)
        self.column.addWidget(self.browser_box)
        self.column.addWidget(self.editor_box)
        self.column.addWidget(self.card_box)
        access.signed_out.connect(self.stop)
        self.retranslate()

    # Where to start ----------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        while self.choice_row.count():
            item = self.choice_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.choices = {}
        hosts = tuple(self.ctx.settings["allowed_hosts"])  # type: ignore[arg-type]
        for key in ("practice", *hosts):
            button = QPushButton()
            button.setObjectName("choice")
            button.setCheckable(True)
            button.setProperty("host", key)
            button.clicked.connect(lambda _c=False, key=key: self.choose(key))
            self.choices[key] = button
            self.choice_row.addWidget(button)
        self.choice_row.addStretch(1)
        self.retranslate()

    def choose(self, key: str) -> None:
        """Fill in the start address of a listed portal (the practice portal is started)."""
        for name, button in self.choices.items():
            button.setChecked(name == key)
        if key == "practice":
            try:
                portal = self.ctx.portal.ensure_running()
            except OSError as error:
                log.warning("recorder: practice portal failed: %s", error)
                self.tell(Notice(NO_PORTAL))
                return
            self.address.setText(portal.portal_url)
            self.flow_id.setText(self.flow_id.text() or "recorded.practice")
        else:
            self.address.setText(f"https://{key}/")
            slug = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")
            self.flow_id.setText(self.flow_id.text() or f"recorded.{slug}"[:80])
        self.ctx.say(self.choices[key].text())

    def _allow_and_origins(self) -> tuple[Any, dict[str, str]]:
        from kiosk.core.flows.allow import AllowList

        hosts = tuple(self.ctx.settings["allowed_hosts"])  # type: ignore[arg-type]
        origins = {}
        if self.ctx.portal.running:
            bases = self.ctx.portal.bases()
            origins = {"portal": bases["portal"], "gateway": bases["gateway"]}
        return AllowList(hosts, origins.values()), origins

    # Recording ---------------------------------------------------------------------------
    def start(self) -> None:
        """Open the start address in a new sealed browser and record what is done there."""
        from kiosk.core.flows.draft import FlowDraft
        from kiosk.ui.recorder.recorder import Recorder

        self.stop()
        address = self.address.text().strip()
        allow, origins = self._allow_and_origins()
        if not address or not allow.allows(address) or address.startswith(("data:", "about:")):
            self.tell(Notice(NOT_ALLOWED, {"address": isolate(address, ltr=True)}))
            return
        practice = any(address.startswith(o) for o in origins.values())
        self.draft = FlowDraft(self.flow_id.text().strip(), origins if practice else None)
        if practice:
            for name in origins:
                self.draft.template(name, "{" + name + "}")
        self._clear_editors()
        self.recorder = Recorder(address, self.draft, allow, self)
        self.recorder.step_added.connect(self._step_added)
        view = self.recorder.browser.view
        # As in a Get-help session: a least height a page can be used in, not one that grows
        # with the text (px(480) made the page taller than the screen at 200 %, and Stop and the
        # steps scrolled out of sight while the page was used).
        view.setMinimumHeight(PAGE_MIN_PX)
        self._browser_row.insertWidget(0, view, 3)
        self._recording_layout(True)
        self._show_steps()
        # At least one step in view, at the text size of the moment.
        self.step_list.ensurePolished()
        self.steps_scroll.setMinimumHeight(self.step_list.fontMetrics().lineSpacing())
        # Said and captioned, not shown: at 200 % on 1280 x 800 the page and the steps need
        # every line of the screen (a problem while recording is still shown).
        self.clear_message()
        self.ctx.say(Notice(RECORDING).text())
        self._scroll_to(self.browser_box)

    def _recording_layout(self, recording: bool) -> None:
        """While recording: the page and the steps beside it, with Stop, filling the screen
        (nothing to scroll); else the start form."""
        for widget in (self.title, self.hint, self.choice_box, self.controls):
            widget.setVisible(not recording)
        self.browser_box.setVisible(recording)
        self.editor_box.setVisible(not recording)  # empty while recording, but for its spacing
        self.column.setStretchFactor(self.browser_box, 1 if recording else 0)
        if recording:
            self.card_box.hide()
        self.set_fills_screen(recording)

    def _scroll_to(self, widget: QWidget) -> None:
        """Bring `widget` into view in the scroll area the page sits in."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:  # once the layout has placed it
            area = parent
            QTimer.singleShot(0, self, lambda: area.ensureWidgetVisible(widget, 0, 0))

    def _step_added(self, _step: DraftStep) -> None:
        self._show_steps()

    def _show_steps(self) -> None:
        tr = self.ctx.tr
        steps = self.draft.steps if self.draft is not None else []
        self.steps_title.setText(tr(STEPS))
        self.step_list.setText("\n".join(step_head(tr, i, s) for i, s in enumerate(steps, start=1)))

    def stop(self) -> None:
        """Stop recording: the browser is wiped; the steps stay to be edited."""
        if not self._end_recorder():
            return
        self._recording_layout(False)
        self._build_editors()
        draft = self.draft
        steps = len(draft.steps) if draft else 0
        stopped = Notice.counted(STOPPED, steps, {"count": format_number(steps)})
        check = Notice(CHECK)
        if draft is not None and draft.skipped:
            number = {"skipped": format_number(draft.skipped)}
            skipped = Notice.counted(SKIPPED, draft.skipped, number)
            parts = {"stopped": stopped, "skipped": skipped, "check": check}
            notice = Notice(STOPPED_SKIPPED_CHECK, parts)
        else:
            notice = Notice(STOPPED_CHECK, {"stopped": stopped, "check": check})
        if self.isVisible():
            self.tell(notice, problem=False)

    @guarded
    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        # Leaving the page never leaves a browser open, but decide once the event loop is
        # back: Qt also hides and re-shows every widget when it re-creates the native window,
        # as it does the moment this page's web view joins it, and stopping right here then
        # deleted that view in the middle of its insertion (a segfault on a real display).
        QTimer.singleShot(0, self._stop_if_left)

    def shutdown(self) -> None:
        """The kiosk quits while recording: the sealed browser goes now, not after Qt's
        profile (SIGTERM mid-recording segfaulted on the way out). Nothing is said."""
        self._end_recorder()

    def _end_recorder(self) -> bool:
        """Wipe and let go of the recorder's browser; False if nothing was being recorded."""
        recorder, self.recorder = self.recorder, None
        if recorder is None:
            return False
        recorder.stop()
        recorder.deleteLater()
        return True

    def _stop_if_left(self) -> None:
        if not shiboken6.isValid(self) or self.isVisible():
            return
        self.stop()

    # Editing and saving ------------------------------------------------------------------
    def _clear_editors(self) -> None:
        for editor in self.editors:
            self._editors.removeWidget(editor)
            editor.deleteLater()
        self.editors = []

    def _build_editors(self) -> None:
        self._clear_editors()
        steps = self.draft.steps if self.draft is not None else []
        self.editors = [StepEditor(self, s, n) for n, s in enumerate(steps, start=1)]
        for editor in self.editors:
            self._editors.addWidget(editor)
            editor.show()  # at once: a layout shows a new child of a shown page only later
        self.card_box.setVisible(bool(self.editors))
        self.retranslate_buttons()

    def save(self) -> None:
        """Validate and save the flow (unverified); every fault shown with its JSON pointer."""
        from kiosk.core.flows import FlowError
        from kiosk.services.assist_catalog import RECORDED, save_recorded

        self.stop()
        draft = self.draft
        if draft is None or not draft.steps:
            self.tell(Notice(NO_STEPS))
            return
        try:
            draft.set_card({key: field.text() for key, field in self.fields.items()})
        except NoticeError as error:
            self.tell(error.notice)
            return
        draft.flow_id = self.flow_id.text().strip()
        title = {"fa": self.fields["title_fa"].text().strip()}
        title["en"] = self.fields["title_en"].text().strip()
        data = draft.to_json(title)
        extras: dict[str, Any] = {"pictogram": "help"}
        if draft.minutes:
            extras["minutes"] = draft.minutes
        folder = self.access.data_dir / RECORDED
        try:
            path = save_recorded(folder, data, extras)
        except FlowError as error:
            faults = "\n".join(str(fault) for fault in error.faults[:6])
            self.tell(Notice(NOT_SAVED, {"faults": faults}))
            return
        except OSError as error:
            log.warning("recorder: cannot save: %s", error)
            self.tell(Notice(NOT_WRITTEN, {"folder": str(folder)}))
            return
        self.access.audit(
            "flows.record",
            {
                "flow": draft.flow_id,
                "steps": len(draft.steps),
                "private_steps": sum(s.private for s in draft.steps),
                "hosts": data["hosts"],
            },
        )
        self.tell(Notice(SAVED, {"file": isolate(path.name, ltr=True)}), problem=False)

    def retranslate(self) -> None:
        tr = self.ctx.tr
        self.hint.setText(tr(INTRO))
        self.card_title.setText(tr(CARD))
        for row_label, name in self.row_names:
            row_label.setText(tr(name))
        for key, button in self.choices.items():
            button.setText(tr(PRACTICE) if key == "practice" else key)
            button.setAccessibleName(button.text())
        self.retranslate_buttons()
        for editor in self.editors:
            editor.retranslate()
        self._show_steps()

    def tell(self, notice: Notice, *, problem: bool = True) -> None:
        super().tell(notice, problem=problem)
        if not self.browser_box.isVisible():
            self._scroll_to(self.message)  # what went wrong or right, in view

    def intro(self) -> str:
        return compose(self.title_text(), self.ctx.tr(INTRO), sep=". ")
