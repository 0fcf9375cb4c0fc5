"""Record narration: a trainer chooses a lesson (or a guide's flow), sees its sentences and which
still lack a recording, records one with the microphone, hears it back, and keeps it or records
it again. Kept recordings go to the voice pack of the kiosk's language
(`<data dir>/voices/<pack>/<language>/`), which the player and the guide then prefer over
synthesis. Silent, clipped, too long or interrupted takes are refused with what to do.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyleOptionComboBox,
)

from kiosk.core.notices import Notice
from kiosk.core.voice import Sentence
from kiosk.i18n import N_, format_number
from kiosk.services.background import Background
from kiosk.services.staff_access import StaffAccess
from kiosk.services.voice_pack import (
    FLOWS_PACK,
    MicrophoneInput,
    Playback,
    Recorder,
    Take,
    VoicePack,
    recordings_root,
)
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile_grid import TileGrid

CHOOSE = N_("Lesson or guide")
LESSON = N_("Lesson: {pack} – {lesson}")
FLOW = N_("Guide: {flow}")
RECORDED = N_("Recorded: {text}")
NOT_RECORDED = N_("Not recorded yet: {text}")
SUMMARY = N_("{missing} of {total} sentences still lack a recording in this language.")
ALL_DONE = N_("Every sentence of this one is recorded in this language.")
NOTHING = N_("No lesson or guide is installed, so there is nothing to record.")
RECORD = N_("Record")
STOP = N_("Stop")
LISTEN = N_("Listen")
KEEP = N_("Keep")
REDO = N_("Record again")
RECORDING = N_("Recording. Read the sentence, then press Stop.")
TAKE_READY = N_("Recorded. Listen to it, then keep it or record it again.")
KEPT = N_("The recording is kept. The kiosk will play it instead of the synthetic voice.")
REDO_SAID = N_("The recording was not kept. Press Record to record the sentence again.")
NO_SPEAKER = N_(
    "This kiosk has no speaker or headphones, so the recording cannot be heard here. To fix: "
    "plug in headphones or speakers, then press Listen again."
)


@dataclass(frozen=True)
class Recordable:
    """A lesson or a flow whose sentences can be recorded, in one language."""

    pack_id: str  # the voice pack's id: the lesson pack's, or FLOWS_PACK
    label: dict[str, str]  # what the chooser shows, per language
    sentences: dict[str, tuple[Sentence, ...]]  # per language


def recordables(data_dir: Path) -> list[Recordable]:
    """Every lesson of the installed packs and every guide flow (the practice portal's and
    the Get help services'), with their sentences in each language. Slow: a worker calls it."""
    from kiosk.core.flows.validate import load_flow
    from kiosk.core.voice import flow_sentences, lesson_sentences
    from kiosk.services.assist_catalog import load_services, service_folders
    from kiosk.services.lessons import load_packs, practice_flows

    found: list[Recordable] = []
    langs = ("fa", "en")
    packs, _broken = load_packs()
    for pack in packs:
        for lesson in pack.lessons():
            label = {
                lang: (pack.title.text.get(lang, pack.id), lesson.title.text.get(lang, lesson.id))
                for lang in langs
            }
            sentences = {lang: tuple(lesson_sentences(lesson, lang)) for lang in langs}
            found.append(Recordable(pack.id, label, sentences))  # type: ignore[arg-type]
    flows = {}
    for path in practice_flows().values():
        try:
            flow = load_flow(path.read_bytes(), str(path))
        except Exception:  # a broken flow is reported by its own checks; not recordable here
            continue
        flows[flow.id] = flow
    services, _faults = load_services(service_folders(data_dir))
    for service in services:
        flows[service.flow.id] = service.flow
    for flow in sorted(flows.values(), key=lambda f: f.id):
        label = {lang: flow.title.get(lang) or flow.id for lang in langs}
        sentences = {lang: tuple(flow_sentences(flow, lang)) for lang in langs}
        found.append(Recordable(FLOWS_PACK, label, sentences))
    return found


class VoicePage(Page):
    """The chooser, the sentence list (recorded or not), and Record · Stop · Listen · Keep ·
    Record again. `make_input` and `make_playback` are the microphone and the speaker (tests
    put a WAV file and a fake player in their place)."""

    title_msgid = N_("Record narration")
    forms = True

    make_input: Callable[[], object] = MicrophoneInput
    make_playback: Callable[[], object] = Playback

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.data_dir = Path(access.data_dir)
        self.chooser = QComboBox()
        self.chooser.setObjectName("voice_choice")
        self.chooser.setMinimumHeight(ctx.theme.px(64))
        # A lesson's name is long: the box narrows with the page (its popup lists every name),
        # and where it cuts the chosen name short, the whole name is written below it, wrapped.
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(12)
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.chosen_name = label("body")
        self.chosen_name.setObjectName("voice_choice_name")
        self.chosen_name.setWordWrap(True)
        self.chosen_name.hide()
        self.summary = label("body")
        self.list = QListWidget()
        self.list.setObjectName("voice_sentences")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.record_button = self.button(RECORD, "voice_record", self.record)
        self.stop_button = self.button(STOP, "voice_stop", self.stop)
        self.listen_button = self.button(LISTEN, "voice_listen", self.listen)
        self.keep_button = self.button(KEEP, "voice_keep", self.keep)
        self.redo_button = self.button(REDO, "voice_redo", self.redo)
        # As many side by side as their words allow, the others on the rows below (five in one
        # row were squeezed below their words at 200 % on a small screen).
        self.buttons = TileGrid.button_rows(
            ctx.theme,
            [
                self.record_button,
                self.stop_button,
                self.listen_button,
                self.keep_button,
                self.redo_button,
            ],
        )
        self.column.addWidget(self.chooser)
        self.column.addWidget(self.chosen_name)
        self.column.addWidget(self.summary)
        self.column.addWidget(self.list, 1)
        self.column.addWidget(self.buttons)
        self.column.addWidget(self.message)
        # The sentences scroll by themselves in the room left, never inside a scrolling page.
        self.fit_lists(self.list)
        self.recorder = Recorder(lambda: type(self).make_input(), self)
        self.recorder.recorded.connect(self._recorded)
        self.recorder.refused.connect(self.tell)
        self.recorder.state_changed.connect(lambda _state: self._update())
        self.playback = type(self).make_playback()
        # Reading the packs and flows, and writing a recording, touch the disk: off the UI.
        self.reading = Background(self, "reading what can be recorded", notify=self.tell)
        self.work = Background(self, "keeping a recording", notify=self.tell)
        self.work.busy_changed.connect(lambda _busy: self._update())
        self.items: list[Recordable] = []
        self.pack: VoicePack | None = None
        self._takes: Path | None = None  # a private folder for takes being listened to
        self.retranslate()

    # Page ----------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.ctx.language.code

    def refresh(self) -> None:
        super().refresh()
        data_dir = self.data_dir
        self.reading.run(lambda: recordables(data_dir), self._read)

    def retranslate(self) -> None:
        self.retranslate_buttons()
        self.chooser.setAccessibleName(self.ctx.tr(CHOOSE))
        self._fill_chooser()

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._name_in_full()

    def _name_in_full(self) -> None:
        """Write the chosen name below the box where the box cuts it short."""
        text = self.chooser.currentText()
        option = QStyleOptionComboBox()
        self.chooser.initStyleOption(option)
        field = self.chooser.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self.chooser,
        )
        cut = self.chooser.fontMetrics().horizontalAdvance(text) > field.width()
        self.chosen_name.setText(text)
        self.chosen_name.setVisible(bool(text) and cut)

    def on_back(self) -> bool:
        self._abandon()
        return False

    @guarded
    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        QTimer.singleShot(0, self._abandon_if_left)  # decide once the event loop is back

    def _abandon_if_left(self) -> None:
        if shiboken6.isValid(self) and not self.isVisible():
            self._abandon()

    def _abandon(self) -> None:
        """The trainer left: no take goes on recording or waits, none is kept."""
        self.recorder.cancel()
        self.playback.stop()
        folder, self._takes = self._takes, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    # Choosing ------------------------------------------------------------------------------
    def _read(self, items: list[Recordable]) -> None:
        self.items = items
        self._fill_chooser()
        if not items:
            self.summary.setText(self.ctx.tr(NOTHING))

    def _fill_chooser(self) -> None:
        lang, current = self.lang, self.chooser.currentIndex()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for item in self.items:
            if item.pack_id == FLOWS_PACK:
                text = self.ctx.tr(FLOW, flow=item.label[lang])
            else:
                pack, lesson = item.label[lang]
                text = self.ctx.tr(LESSON, pack=pack, lesson=lesson)
            self.chooser.addItem(text)
        self.chooser.blockSignals(False)
        if self.items:
            self.chooser.setCurrentIndex(max(0, min(current, len(self.items) - 1)))
            self._chosen()
        self._name_in_full()

    @property
    def chosen(self) -> Recordable | None:
        index = self.chooser.currentIndex()
        return self.items[index] if 0 <= index < len(self.items) else None

    def _chosen(self, *_args) -> None:
        item = self.chosen
        self._name_in_full()
        if item is None:
            return
        self.recorder.cancel()
        self.pack = VoicePack.open(
            recordings_root(self.data_dir), item.pack_id, self.lang, self.lang
        )
        self._show_sentences()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        item = self.chosen
        return item.sentences.get(self.lang, ()) if item is not None else ()

    @property
    def sentence(self) -> Sentence | None:
        row = self.list.currentRow()
        return self.sentences[row] if 0 <= row < len(self.sentences) else None

    def _show_sentences(self, row: int | None = None) -> None:
        assert self.pack is not None
        sentences = self.sentences
        missing = {s.key for s in self.pack.missing(sentences)}
        self.list.blockSignals(True)
        self.list.clear()
        for sentence in sentences:
            # Marked by a sign and a word, never by colour alone.
            msgid = NOT_RECORDED if sentence.key in missing else RECORDED
            mark = "○ " if sentence.key in missing else "✓ "
            item = QListWidgetItem(mark + self.ctx.tr(msgid, text=sentence.text))
            item.setData(Qt.ItemDataRole.UserRole, sentence.key)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if row is None:
            row = next((i for i, s in enumerate(sentences) if s.key in missing), 0)
        self.list.setCurrentRow(row if sentences else -1)
        if missing:
            self.summary.setText(
                self.ctx.tr(
                    SUMMARY,
                    missing=format_number(len(missing)),
                    total=format_number(len(sentences)),
                )
            )
        else:
            self.summary.setText(self.ctx.tr(ALL_DONE))
        self._update()

    def _update(self) -> None:
        recording, take = self.recorder.recording, self.recorder.take
        busy = self.work.busy
        sentence = self.sentence
        kept = self.pack is not None and sentence is not None and self.pack.recording(sentence)
        self.record_button.setEnabled(bool(sentence) and not recording and not busy)
        self.stop_button.setEnabled(recording)
        self.listen_button.setEnabled(not recording and bool(take or kept))
        self.keep_button.setEnabled(take is not None and not busy)
        self.redo_button.setEnabled(take is not None and not busy)
        self.chooser.setEnabled(not recording and not busy)
        self.list.setEnabled(not recording and not busy)

    # Recording -----------------------------------------------------------------------------
    def record(self) -> None:
        if self.sentence is None or self.work.busy:
            return
        self.playback.stop()
        self.clear_message()  # nothing is spoken now: the microphone would hear it
        if self.recorder.start():
            self.message.setText(self.ctx.tr(RECORDING))  # shown, not spoken
            self.message.setProperty("problem", False)
            self._style_message(False)
            self.message.show()
        self._update()

    def stop(self) -> None:
        self.recorder.stop()

    def _recorded(self, _take: Take) -> None:
        self.tell(Notice(TAKE_READY), problem=False)
        self._update()

    def listen(self) -> None:
        take, sentence = self.recorder.take, self.sentence
        if take is not None:
            if self._takes is None:
                from kiosk.services.session_folders import new_session_folder

                self._takes = new_session_folder(self.data_dir)
            path = self._takes / "take.wav"
            self.work.run(lambda: path.write_bytes(take.wav()), lambda _: self._play(path))
        elif sentence is not None and self.pack is not None:
            path = self.pack.recording(sentence)
            if path is not None:
                self._play(path)

    def _play(self, path: Path) -> None:
        if not self.playback.play(path):
            self.tell(Notice(NO_SPEAKER))

    def keep(self) -> None:
        take, sentence, pack = self.recorder.take, self.sentence, self.pack
        if take is None or sentence is None or pack is None:
            return
        narration = getattr(self.ctx.speaker, "narration", None)

        def keep() -> None:
            pack.keep(sentence, take)
            if narration is not None:
                narration.reload()  # the player and the guide use it from now on

        self.work.run(keep, lambda _: self._kept())

    def _kept(self) -> None:
        self.recorder.discard()
        self._show_sentences()
        self.tell(Notice(KEPT), problem=False)

    def redo(self) -> None:
        self.recorder.discard()
        self.playback.stop()
        self.tell(Notice(REDO_SAID), problem=False)
        self._update()
