"""The pages before and after a session: service tiles, info card, consent, feedback faces."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from kiosk.authored import Authored, compose
from kiosk.i18n import N_, Np_, format_list, format_number
from kiosk.services.assist_catalog import Service
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import pixmap
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid

CHOOSE = N_("Touch the service you need. An operator will help you step by step.")
NONE_INSTALLED = N_(
    "No services are installed yet. To fix: staff can record a portal (Staff, Assisted "
    "sessions) or install service flows."
)
LOADING = N_("Looking for the services. One moment, please.")
UNVERIFIED = N_("{title} (not yet checked)")
FEE = N_("Official fee: {fee}")
FEE_UNKNOWN = N_("Official fee: ask the operator.")
BRING = N_("Bring:")
MINUTES = Np_("It takes about {minutes} minute.", "It takes about {minutes} minutes.")
OFFICE = N_("Instead: {office}")
START = N_("Start with the operator")
CONSENT_TEXT = N_(
    "The operator will sit with you and see the portal's pages on this screen. When you type a "
    "password or a code, the operator looks away. Nothing you type is kept by this kiosk, and "
    "everything is wiped when you finish. You can stop at any time. Do you agree?"
)
AGREE = N_("I agree")
HOW_WAS_IT = N_("How was your experience?")
# Big coloured faces (red frown, yellow flat, green smile) on tiles of their colour, with words
# that share nothing, so each can be told apart without reading and the words without the faces.
FACES = (
    (1, "assist_face_sad", N_("Bad"), "face_bad"),
    (2, "assist_face_ok", N_("So-so"), "face_ok"),
    (3, "assist_face_happy", N_("Good"), "face_good"),
)
SOLVED = N_("Was your problem solved?")
YES, NO = N_("Yes"), N_("No")
DONE = N_("Done")
THANKS = N_("Thank you. Everything you typed has been wiped.")


def pick(text: dict[str, str] | None, lang: str) -> str:
    """A language map's text in `lang`, else Persian, else any (as kiosk.core.flows.pick, which
    is not imported here: the flow package loads jsonschema). Catalogue text: `Authored`."""
    if not text:
        return Authored("")
    return Authored(text.get(lang) or text.get("fa") or next(iter(text.values()), ""))


class ServicesPage(Page):
    """The services the installed flows cover, as large pictogram tiles."""

    chosen = Signal(object)  # Service

    def __init__(self, ctx: UiContext, title_msgid: str) -> None:
        super().__init__(ctx, title_msgid)
        self.services: list[Service] = []
        self.tiles: list[Tile] = []
        self.grid: TileGrid | None = None
        self.loaded = False  # until the first list arrives, the page says it is looking
        self.hint = label("body")
        self.column.addWidget(self.hint)
        self.retranslate()

    def set_services(self, services: list[Service]) -> None:
        if self.loaded and services == self.services:
            # The same services read again (Get help opens, a read asked twice): the tiles
            # stay. Rebuilt, they would be replaced under a finger already touching one.
            return
        if self.grid is not None:
            self.column.removeWidget(self.grid)
            self.grid.deleteLater()
        self.services, self.loaded = services, True
        self.tiles = [self._tile(s) for s in services]
        self.grid = ServiceGrid(self.ctx, self.tiles)
        self.column.addWidget(self.grid)
        # Laid out now, at the page's width, then shown: left to the next turn of the loop,
        # the grid first showed at a default width, in one column, and a touch aimed at that
        # passing picture landed between the two columns that followed.
        self.column.activate()
        self.grid.show()
        self.retranslate()

    def _tile(self, service: Service) -> Tile:
        tile = service_tile(self.ctx, service, icon_px=72)
        tile.activated.connect(lambda s=service: self.chosen.emit(s))
        return tile

    def retranslate(self) -> None:
        hint = CHOOSE if self.services else NONE_INSTALLED if self.loaded else LOADING
        self._hint = self.ctx.tr(hint)
        self.hint.setText(self._hint)

    def intro(self) -> str:
        # Built from the texts themselves, not the labels' copies: they keep their origin, so
        # the speech can come from the cache (kiosk/authored.py).
        tiles = compose(self._hint, format_list([t.label for t in self.tiles]))
        return compose(self.title_text(), tiles, sep=". ")


def service_tile(ctx: UiContext, service: Service, icon_px: int) -> Tile:
    """A service as a Get-help tile: pictogram beside its title, marked while unverified."""

    def text(lang: str, s: Service = service) -> str:
        title = pick(s.flow.title, lang)
        return title if s.verified else ctx.tr(UNVERIFIED, title=title)

    tile = Tile(
        ctx,
        service.pictogram,
        "",
        name="tile_help",  # the Get-help colour
        icon_px=icon_px,
        horizontal=True,
        text_for=text,
    )
    tile.set_horizontal(True)
    return tile


class ServiceGrid(QWidget):
    """Service tiles, pictogram beside the name: two columns where they fit, else one."""

    def __init__(self, ctx: UiContext, tiles: list[Tile]) -> None:
        super().__init__()
        self.ctx, self.tiles, self._columns = ctx, tiles, 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(24)
        self._reflow()

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        columns = 2 if self.width() >= self.ctx.theme.px(900) else 1
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, index // columns, index % columns)
        for column in range(2):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._grid.activate()  # the tiles in their new places now, not on the next turn


class InfoPage(Page):
    """What the service does, the official fee, documents, time, and the office alternative."""

    start = Signal()

    def __init__(self, ctx: UiContext, title_msgid: str) -> None:
        super().__init__(ctx, title_msgid)
        self.service: Service | None = None
        column = self.column
        column.setSpacing(16)
        self.heading = label("assist_heading", big=True)
        self.what = label("body")
        self.fee = label("assist_card")
        self.time = label("body")
        self.office = label("assist_office")
        for widget in (self.heading, self.what, self.fee, self.time, self.office):
            column.addWidget(widget)
        self.start_tile = Tile(ctx, "guide_next", START, name="assist_start", icon_px=64,
                               horizontal=True, mirror_in_rtl=True)  # fmt: skip
        self.start_tile.activated.connect(self.start)
        column.addWidget(self.start_tile)

    def show_service(self, service: Service) -> None:
        self.service = service
        self.retranslate()

    def retranslate(self) -> None:
        service, tr, lang = self.service, self.ctx.tr, self.ctx.language.code
        if service is None:
            return
        heading, what = pick(service.flow.title, lang), pick(service.flow.description, lang)
        self.heading.setText(heading)
        self.what.setText(what)
        card = service.card
        fee = tr(FEE, fee=pick(card.fee, lang)) if card and card.fee else tr(FEE_UNKNOWN)
        documents = [pick(doc, lang) for doc in card.documents] if card else []
        bring = tr(BRING) if documents else ""
        self.fee.setText("\n".join([fee, bring, *("• " + d for d in documents)]).strip())
        minutes = service.minutes
        time = self.ctx.trn(MINUTES, minutes, minutes=format_number(minutes)) if minutes else ""
        self.time.setText(time)
        self.time.setVisible(bool(minutes))
        office = tr(OFFICE, office=pick(service.office, lang)) if service.office else ""
        self.office.setText(office)
        self.office.setVisible(bool(service.office))
        # What is spoken, from the texts themselves (they keep their origin: kiosk/authored.py).
        self._spoken = compose(
            heading, what, fee, compose(bring, format_list(documents)), time, office
        )

    def intro(self) -> str:
        return compose(getattr(self, "_spoken", ""), self.start_tile.label)


class ConsentPage(Page):
    """Spoken and written consent; one large button. No consent, no session."""

    agreed = Signal()

    def __init__(self, ctx: UiContext, title_msgid: str) -> None:
        super().__init__(ctx, title_msgid)
        column = self.column
        row = QHBoxLayout()
        self.picture = QLabel()
        self.picture.setObjectName("picture_help")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = label("assist_consent")
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        column.addLayout(row)
        self.agree = Tile(ctx, "guide_agree", AGREE, name="assist_agree", icon_px=96,
                          horizontal=True)  # fmt: skip
        self.agree.setMinimumHeight(ctx.theme.px(120))
        self.agree.activated.connect(self.agreed)
        column.addWidget(self.agree)
        ctx.theme.changed.connect(self._restyle)
        self.retranslate()
        self._restyle()

    def _restyle(self) -> None:
        size = self.ctx.theme.icon_px(96)
        self.picture.setPixmap(pixmap("guide_private", size))
        self.picture.setFixedSize(size + 32, size + 32)

    def retranslate(self) -> None:
        self.text.setText(self.ctx.tr(CONSENT_TEXT))

    def intro(self) -> str:
        return compose(self.ctx.tr(CONSENT_TEXT), self.agree.label)


class FeedbackPage(Page):
    """Three large faces, spoken; then an optional solved yes/no. Done (`finish`, or Back),
    which ends it, is placed by the screen, apart from the answers."""

    done = Signal(object, object)  # satisfaction 1–3 or None, solved True/False/None

    def __init__(self, ctx: UiContext, title_msgid: str) -> None:
        super().__init__(ctx, title_msgid)
        self.satisfaction: int | None = None
        self.solved: bool | None = None
        column = self.column
        self.question = label("question")
        column.addWidget(self.question)
        self.faces: dict[int, Tile] = {}
        for value, pictogram, msgid, name in FACES:
            tile = Tile(ctx, pictogram, msgid, name=name, icon_px=104)
            tile.setCheckable(True)
            tile.activated.connect(lambda v=value: self._face(v))
            self.faces[value] = tile
        column.addWidget(TileGrid(ctx.theme, list(self.faces.values()), min_tile_width=200))
        # The yes/no question beside its answers: all of the page stays in view at 1280 x 800.
        self.solved_question = label("question")
        self.answers = {
            True: self._choice("tick", YES, lambda: self._solved(True)),
            False: self._choice("cross", NO, lambda: self._solved(False)),
        }
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.solved_question, 2)
        for tile in self.answers.values():
            row.addWidget(tile, 1)
        column.addLayout(row)
        column.addStretch(1)
        # Done is not an answer: it ends the visit, with its own picture (back to the start),
        # never the tick of Yes. The screen shows it apart, at the end of its bottom bar,
        # where it stays in view whatever the text size.
        self.finish = Tile(ctx, "assist_done", DONE, name="confirm", icon_px=56, horizontal=True)
        self.finish.activated.connect(self.on_back)
        self.retranslate()

    def _choice(self, pictogram: str, msgid: str, slot: Callable[[], None]) -> Tile:
        tile = Tile(self.ctx, pictogram, msgid, name="choice", icon_px=48, horizontal=True)
        tile.setCheckable(True)
        tile.activated.connect(slot)
        return tile

    def on_back(self) -> bool:
        """Done, or Back: the answers given (or none) finish the session."""
        self.done.emit(self.satisfaction, self.solved)
        return True

    def clear(self) -> None:
        self.satisfaction = self.solved = None
        for tile in (*self.faces.values(), *self.answers.values()):
            tile.setChecked(False)

    def _face(self, value: int) -> None:
        self.satisfaction = value
        for key, tile in self.faces.items():
            tile.setChecked(key == value)

    def _solved(self, value: bool) -> None:
        self.solved = value
        for key, tile in self.answers.items():
            tile.setChecked(key is value)

    def retranslate(self) -> None:
        self.question.setText(self.ctx.tr(HOW_WAS_IT))
        self.solved_question.setText(self.ctx.tr(SOLVED))

    def intro(self) -> str:
        faces = format_list([t.label for t in self.faces.values()])
        question = compose(self.ctx.tr(HOW_WAS_IT), faces)
        return compose(question, self.ctx.tr(SOLVED), sep=". ")
