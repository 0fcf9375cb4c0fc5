"""The look: bundled Vazirmatn font, text scale (100/150/200 %), contrast-checked colours.

Sizes follow docs/accessibility.md: body text ≥ 24 px, touch targets ≥ 64 px, text contrast
≥ 4.5:1 and control/focus contrast ≥ 3:1 (checked in tests with `contrast_ratio`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.core.notices import Notice
from kiosk.i18n import N_

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")
FONT_FAMILY = "Vazirmatn"

BODY_PX = 24  # at 100 %
TARGET_PX = 64  # smallest touch target at 100 %
SCALES = (100, 150, 200)
SCROLL_BAR_PX = 40  # width of a scroll bar at 100 %


@dataclass(frozen=True)
class Palette:
    """Colours of one theme; pairs used together are contrast-checked in tests."""

    window: str
    text: str
    muted_text: str
    tile_text: str
    learn: str
    help: str
    staff: str
    bar: str
    focus: str
    notice_bg: str
    notice_text: str
    # Border of controls; empty when their fill alone stands out from the window.
    edge: str = ""
    selected: str = "#FFD400"  # ring round a chosen answer (with a tick: never colour alone)
    wrong: str = "#A4262C"
    # Feedback faces' tiles: red, amber and green behind the red, yellow and green faces.
    face_bad: str = "#A4262C"
    face_ok: str = "#8C5A00"
    face_good: str = "#0B6E4F"
    disabled: str = "#5F6B77"


NORMAL = Palette(
    window="#F7F5EF",
    text="#1A1A1A",
    muted_text="#44474D",
    tile_text="#FFFFFF",
    learn="#0B6E4F",
    help="#0B4F8A",
    staff="#4A4A4A",
    bar="#1F3B57",
    focus="#111111",
    notice_bg="#FFE8A3",
    notice_text="#1A1A1A",
)

HIGH_CONTRAST = Palette(
    window="#000000",
    text="#FFFFFF",
    muted_text="#FFFFFF",
    tile_text="#FFFFFF",
    learn="#003D2B",
    help="#002B55",
    staff="#2B2B2B",
    bar="#000000",
    focus="#FFD400",
    notice_bg="#FFD400",
    notice_text="#000000",
    edge="#FFFFFF",
)


def _luminance(color: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21); a test seam: tests/test_theme.py
    holds every palette to ACCESSIBILITY.md's ratios with it."""
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def load_fonts() -> list[Notice]:
    """Register the bundled fonts with Qt; a missing or broken file yields a notice."""
    notices = []
    for name in FONT_FILES:
        path = FONT_DIR / name
        if not path.exists() or QFontDatabase.addApplicationFont(str(path)) < 0:
            notices.append(
                Notice(
                    N_(
                        "The font file {path} is missing or damaged; text is shown in a system "
                        "font and Persian may not display well. To fix: reinstall the kiosk or "
                        "copy Vazirmatn into that folder."
                    ),
                    {"path": str(path)},
                )
            )
    return notices


class Theme(QObject):
    """Applies font, sizes and colours to the application; re-applies on any change."""

    changed = Signal()

    def __init__(self, scale: int = 100, high_contrast: bool = False) -> None:
        super().__init__()
        self._scale = scale if scale in SCALES else 100
        self._high_contrast = high_contrast

    @property
    def scale(self) -> int:
        return self._scale

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST if self._high_contrast else NORMAL

    def px(self, size: int) -> int:
        """`size` (given at 100 %) at the current text scale."""
        return round(size * self._scale / 100)

    def icon_px(self, size: int) -> int:
        """Pictograms grow half as fast as text: they carry meaning, text needs the room."""
        return round(size * (100 + (self._scale - 100) / 2) / 100)

    def set_scale(self, scale: int) -> None:
        """Change the text scale (100, 150 or 200 %) and re-apply."""
        if scale in SCALES and scale != self._scale:
            self._scale = scale
            self.apply()

    def set_high_contrast(self, on: bool) -> None:
        if on != self._high_contrast:
            self._high_contrast = on
            self.apply()

    def apply(self) -> None:
        """Set the application font and style sheet, then tell widgets to re-layout."""
        app = QApplication.instance()
        font = QFont(FONT_FAMILY)
        font.setPixelSize(self.px(BODY_PX))
        app.setFont(font)
        app.setStyleSheet(self.style_sheet())
        self.changed.emit()

    def style_sheet(self) -> str:
        """The whole application style sheet at the current scale and palette."""
        p = self.palette
        body, target = self.px(BODY_PX), self.px(TARGET_PX)
        # Touch targets need TARGET_PX whatever the text size (buttons grow with their text);
        # a page that must scroll shows a bar wide enough to see and to drag.
        bar = self.px(SCROLL_BAR_PX)
        return f"""
QWidget {{ font-family: "{FONT_FAMILY}"; font-size: {body}px; color: {p.text}; }}
QMainWindow, QStackedWidget, #screen {{ background: {p.window}; }}
QLabel#title {{ font-size: {self.px(40)}px; font-weight: bold; }}
QLabel#body {{ font-size: {body}px; color: {p.text}; }}
QPushButton {{
  min-height: {TARGET_PX}px; min-width: {TARGET_PX}px; border-radius: {self.px(12)}px;
  background: {p.bar}; color: {p.tile_text}; border: 4px solid {p.edge or p.window};
  padding: 8px {self.px(16)}px;
}}
QPushButton:focus {{ border: 6px solid {p.focus}; }}
QPushButton:pressed {{ padding-top: 12px; }}
QPushButton QLabel {{ color: {p.tile_text}; background: transparent; }}
QPushButton#tile_learn {{ background: {p.learn}; }}
QPushButton#tile_help {{ background: {p.help}; }}
QPushButton#tile_staff {{ background: {p.staff}; }}
QPushButton QLabel#tile_label {{ font-size: {self.px(32)}px; font-weight: bold; }}
QLabel#picture_learn {{ background: {p.learn}; border-radius: {self.px(24)}px; }}
QLabel#picture_help {{ background: {p.help}; border-radius: {self.px(24)}px; }}
QLabel#picture_staff {{ background: {p.staff}; border-radius: {self.px(24)}px; }}
#top_bar {{ background: {p.bar}; }}
#top_bar QPushButton {{
  border-color: {p.bar}; padding: 8px {self.icon_px(10)}px;
}}
#top_bar QPushButton:focus {{ border-color: #FFD400; }}
QPushButton#step_button {{
  font-size: {self.px(44)}px; font-weight: bold; min-width: {self.px(96)}px;
}}
QPushButton[tab="true"]:checked {{
  background: {p.help}; border: 6px solid {p.selected}; font-weight: bold;
}}
QPushButton[tab="true"]:checked:focus {{ border-color: {p.focus}; }}
QPushButton#choice {{ background: {p.bar}; }}
QPushButton#choice:checked {{ background: {p.help}; border: 6px solid {p.selected}; }}
QPushButton#choice[verdict="right"] {{ background: {p.learn}; border: 6px solid {p.selected}; }}
QPushButton#choice[verdict="wrong"] {{ background: {p.wrong}; }}
QPushButton#face_bad {{ background: {p.face_bad}; }}
QPushButton#face_ok {{ background: {p.face_ok}; }}
QPushButton#face_good {{ background: {p.face_good}; }}
QPushButton#face_bad:checked, QPushButton#face_ok:checked, QPushButton#face_good:checked {{
  border: 8px solid {p.selected};
}}
QPushButton#confirm {{ background: {p.learn}; font-weight: bold; }}
QPushButton#confirm:disabled, QPushButton:disabled {{ background: {p.disabled}; }}
QLabel#mark_right {{ background: {p.learn}; border-radius: {self.px(8)}px; }}
QLabel#mark_wrong {{ background: {p.wrong}; border-radius: {self.px(8)}px; }}
#control_sample {{ background: {p.bar}; border-radius: {self.px(12)}px; }}
#control_sample QLabel {{ color: {p.tile_text}; font-size: {self.px(32)}px; }}
QLabel#question {{ font-size: {self.px(30)}px; font-weight: bold; }}
QLabel#module_title {{ font-size: {self.px(30)}px; font-weight: bold; color: {p.text}; }}
QLabel#stars {{ font-size: {self.px(64)}px; color: {p.text}; }}
QLabel#dots, QLabel#position {{ color: {p.text}; }}
QLabel#caption {{
  background: {p.bar}; color: {p.tile_text}; font-size: {body}px;
  padding: 12px;
}}
QLineEdit {{
  min-height: {target}px; font-size: {self.px(32)}px; padding: 0 {self.px(12)}px;
  border: 3px solid {p.text}; border-radius: {self.px(8)}px; background: #FFFFFF; color: #1A1A1A;
}}
QLineEdit:focus {{ border: 6px solid {p.focus}; }}
QScrollBar:vertical {{
  width: {bar}px; background: {p.window}; border-left: 2px solid {p.muted_text}; margin: 0;
}}
QScrollBar::handle:vertical {{
  background: {p.bar}; min-height: {TARGET_PX}px; border-radius: {self.px(8)}px; margin: 4px;
}}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
#notice_bar {{ background: {p.notice_bg}; }}
#notice_bar QLabel {{ color: {p.notice_text}; }}
"""
