"""The printable course certificate: one A4 page, Persian (right to left) and English, in
Vazirmatn, with the verification code as text and as a QR code drawn as vector squares.

Drawn with QtGui's QPdfWriter and QPainter, which shape Persian and embed the font; it needs a
QGuiApplication. The kiosk draws in a child process (`drawn_apart`): PySide6 painting holds the
GIL for its whole ~70 ms, so even on a worker thread it would freeze the UI. The child gets the
certificate's code (which carries the whole certificate, name included) through a pipe, never
on its command line, and answers the page as raw pixels on its standard output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextOption,
)

from kiosk.core.certificate import (
    Certificate,
    CodeRefused,
    decode,
    gregorian_text,
    grouped,
    jalali_text,
)
from kiosk.i18n import N_, translate
from kiosk.services.files import write_atomic

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FAMILY = "Vazirmatn"
DPI = 300
PAGE_MM = (210.0, 297.0)
MARGIN_MM = 15.0
QR_MM = 40.0  # the QR code's side, quiet zone included
QR_BORDER = 4  # modules of quiet zone around the code, as the QR standard asks
CHILD_TIMEOUT = 120  # s: a loaded machine starts Python and Qt in a few seconds at worst
SOURCE_ROOT = Path(__file__).resolve().parents[2]

TITLE = N_("Certificate of completion")
CERTIFIES = N_("This certifies that")
MASTERED = N_("has mastered all {count} lessons of the course “{course}”.")
DATE = N_("Date: {jalali} ({gregorian})")
LESSONS = N_("Lessons mastered")
VERIFY = N_(
    "To check this certificate, scan the QR code or type the code beside it at a kiosk staff "
    "screen (Verify a certificate), or run: kiosk certificate verify CODE"
)
SERIAL = N_("Serial: {serial}")


@dataclass(frozen=True)
class Course:
    """The course as printed: its title and its lessons' titles, in Persian and English."""

    title: dict[str, str]
    lessons: tuple[dict[str, str], ...]

    @classmethod
    def of(cls, pack, lesson_ids: list[str]) -> Course:
        """The course `pack` (a `kiosk.core.lessons.model.Pack`) with the lessons named."""
        wanted = set(lesson_ids)
        lessons = tuple(dict(lesson.title.text) for lesson in pack.lessons() if lesson.id in wanted)
        return cls(dict(pack.title.text), lessons)


def _mm(value: float) -> float:
    return value * DPI / 25.4


def _font(size: float, bold: bool = False) -> QFont:
    for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"):
        if FAMILY not in QFontDatabase.families():
            QFontDatabase.addApplicationFont(str(FONT_DIR / name))
    font = QFont(FAMILY)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def qr_matrix(code: str) -> list[list[bool]]:
    """The QR code's modules (True: dark), quiet zone included."""
    import segno

    qr = segno.make_qr(code, error="m")
    return [[bool(v) for v in row] for row in qr.matrix_iter(scale=1, border=QR_BORDER)]


def qr_rect() -> QRectF:
    """Where the QR code is on the page, in points from the top left (for tests reading it)."""
    side = QR_MM * 72 / 25.4
    left = MARGIN_MM * 72 / 25.4
    top = (PAGE_MM[1] - MARGIN_MM - QR_MM) * 72 / 25.4
    return QRectF(left, top, side, side)


class _Writer:
    def __init__(self, painter: QPainter, width: float) -> None:
        self.painter = painter
        self.width = width
        self.y = _mm(MARGIN_MM)

    def line(
        self, text: str, size: float, lang: str, *, bold=False, centre=True, gap=2.0, left=0.0
    ):
        """A wrapped paragraph across the page (from `left` mm in); Persian right to left."""
        font = _font(size, bold)
        self.painter.setFont(font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        rtl = lang == "fa"
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        if centre:
            option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        else:
            option.setAlignment(_side(rtl))
        x = _mm(MARGIN_MM + left)
        width = self.width - _mm(left)
        box = QRectF(x, self.y, width, _mm(200))
        used = self.painter.boundingRect(box, text, option)
        self.painter.drawText(QRectF(x, self.y, width, used.height()), text, option)
        self.y += used.height() + _mm(gap)

    def columns(self, right: list[str], left: list[str], size: float) -> None:
        """Two columns, Persian on the right and English on the left, row by row."""
        font = _font(size)
        self.painter.setFont(font)
        half = (self.width - _mm(6)) / 2
        x_left = _mm(MARGIN_MM)
        x_right = x_left + half + _mm(6)
        for fa, en in zip(right, left, strict=True):
            rtl = QTextOption(_side(True))
            rtl.setTextDirection(Qt.LayoutDirection.RightToLeft)
            rtl.setWrapMode(QTextOption.WrapMode.WordWrap)
            ltr = QTextOption(_side(False))
            ltr.setWrapMode(QTextOption.WrapMode.WordWrap)
            h = max(
                self.painter.boundingRect(QRectF(0, 0, half, _mm(50)), fa, rtl).height(),
                self.painter.boundingRect(QRectF(0, 0, half, _mm(50)), en, ltr).height(),
            )
            self.painter.drawText(QRectF(x_right, self.y, half, h), fa, rtl)
            self.painter.drawText(QRectF(x_left, self.y, half, h), en, ltr)
            self.y += h + _mm(0.4)


def render(path: Path, made: Certificate, course: Course, code: str) -> None:
    """Write the certificate PDF to `path` (whole or not at all: OSError if it cannot)."""
    temporary = path.with_name(f".{path.name}.draft")
    writer = QPdfWriter(str(temporary))
    writer.setResolution(DPI)
    writer.setTitle(translate(TITLE, "en"))
    writer.setCreator("kiosk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        temporary.unlink(missing_ok=True)
        raise OSError(f"cannot write {path.name}")
    try:
        _draw(painter, made, course, code)
    finally:
        painter.end()
        del writer
    try:
        data = temporary.read_bytes()
        write_atomic(path, data)
    finally:
        temporary.unlink(missing_ok=True)


def page_image(made: Certificate, course: Course, code: str, dpi: float) -> QImage:
    """The page as an image `dpi` dots per inch (a preview, or what a printer is sent): drawn
    exactly as the PDF is, fonts resolved at the PDF's resolution and the whole scaled."""
    size = (round(PAGE_MM[0] / 25.4 * dpi), round(PAGE_MM[1] / 25.4 * dpi))
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    per_metre = round(DPI / 0.0254)
    image.setDotsPerMeterX(per_metre)
    image.setDotsPerMeterY(per_metre)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(dpi / DPI, dpi / DPI)
        _draw(painter, made, course, code)
    finally:
        painter.end()
    # Back to the image's own resolution, so a printer places it at its true size.
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    return image


def _draw(painter: QPainter, made: Certificate, course: Course, code: str) -> None:
    width = _mm(PAGE_MM[0] - 2 * MARGIN_MM)
    pen = QPen(QColor("#1b5e20"))
    pen.setWidthF(_mm(1.2))
    painter.setPen(pen)
    inset = _mm(MARGIN_MM / 2)
    painter.drawRect(QRectF(inset, inset, _mm(PAGE_MM[0]) - 2 * inset, _mm(PAGE_MM[1]) - 2 * inset))
    painter.setPen(QColor("black"))
    w = _Writer(painter, width)
    count = {lang: str(made.lessons) for lang in ("fa", "en")}
    for lang in ("fa", "en"):
        w.line(translate(TITLE, lang), 20 if lang == "fa" else 16, lang, bold=True, gap=0.5)
    w.y += _mm(2)
    for lang in ("fa", "en"):
        w.line(translate(CERTIFIES, lang), 11, lang, gap=0.5)
    w.line(made.name, 24, "fa" if _is_rtl(made.name) else "en", bold=True, gap=2)
    from kiosk.i18n import localize_digits

    for lang in ("fa", "en"):
        text = translate(MASTERED, lang).format(
            count=localize_digits(count[lang], lang), course=course.title.get(lang, made.pack_id)
        )
        w.line(text, 11, lang, gap=0.5)
    w.y += _mm(1)
    for lang in ("fa", "en"):
        text = translate(DATE, lang).format(
            jalali=jalali_text(made.issued, lang), gregorian=gregorian_text(made.issued, lang)
        )
        w.line(text, 11, lang, gap=0.5)
    w.y += _mm(1)
    w.line(f"{translate(LESSONS, 'fa')} · {translate(LESSONS, 'en')}", 11, "fa", bold=True)
    w.columns(
        [lesson.get("fa", "") for lesson in course.lessons],
        [lesson.get("en", "") for lesson in course.lessons],
        8,
    )
    _draw_qr(painter, code)
    # Beside the QR code: the code itself, the serial, how to check.
    w.y = _mm(PAGE_MM[1] - MARGIN_MM - QR_MM + 2)
    beside = QR_MM + 4
    w.line(code, 7, "en", centre=False, gap=1, left=beside)
    serial = translate(SERIAL, "en").format(serial=grouped(made.serial_text))
    w.line(serial, 8, "en", centre=False, gap=1, left=beside)
    for lang in ("fa", "en"):
        w.line(translate(VERIFY, lang), 7, lang, centre=False, gap=0.5, left=beside)


def _side(rtl: bool) -> Qt.AlignmentFlag:
    # Absolute: a right-to-left paragraph would otherwise mirror "right" to the left.
    edge = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    return edge | Qt.AlignmentFlag.AlignAbsolute


def _is_rtl(text: str) -> bool:
    return any("\u0590" <= ch <= "\u08ff" for ch in text)


def _draw_qr(painter: QPainter, code: str) -> None:
    modules = qr_matrix(code)
    area = qr_rect()
    scale = DPI / 72
    side = area.width() * scale / len(modules)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    x0, y0 = area.left() * scale, area.top() * scale
    for row, cells in enumerate(modules):
        for column, dark in enumerate(cells):
            if dark:
                # A hair larger than a module, so neighbours join without seams.
                painter.drawRect(
                    QRectF(x0 + column * side, y0 + row * side, side * 1.02, side * 1.02)
                )
    painter.restore()


# Drawing in a child process ---------------------------------------------------------------
def drawn_apart(code: str, course: Course, dpi: float, pdf: Path | None = None) -> QImage:
    """The page as an image at `dpi` (and, given `pdf`, the PDF written there), drawn by a child
    process so that no thread of the kiosk holds the GIL while it draws. OSError with the
    child's reason when it fails (never the name: the child does not print it)."""
    request = {
        "code": code,
        "title": course.title,
        "lessons": list(course.lessons),
        "dpi": dpi,
        "pdf": str(pdf) if pdf is not None else None,
    }
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    if not getattr(sys, "frozen", False):  # a source checkout: the child imports this kiosk
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(SOURCE_ROOT), os.environ.get("PYTHONPATH", "")) if p
        )
    # `-c`, which the bundle's program answers too (packaging/entry.py); `-m` it does not.
    # Niced: on a small machine its start (Python and Qt, ~0.3 s of CPU) yields to the UI.
    code_line = "import os; os.nice(10); from kiosk.services.certificate_pdf import _main; _main()"
    command = [sys.executable, "-c", code_line]
    try:
        done = subprocess.run(
            command,
            input=json.dumps(request, ensure_ascii=False).encode("utf-8"),
            capture_output=True,
            timeout=CHILD_TIMEOUT,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise OSError(f"the certificate drawing process failed: {type(error).__name__}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = next((line for line in reversed(lines) if line.startswith(_REASON)), "")
        raise OSError(reason.removeprefix(_REASON) or f"exit status {done.returncode}")
    head, _, pixels = done.stdout.partition(b"\n")
    try:
        width, height, per_metre = (int(n) for n in head.split())
    except ValueError:
        raise OSError("the certificate drawing process answered no picture") from None
    if width <= 0 or height <= 0 or len(pixels) != width * height * 4:
        raise OSError("the certificate drawing process answered a broken picture")
    image = QImage(pixels, width, height, width * 4, QImage.Format.Format_RGB32).copy()
    image.setDotsPerMeterX(per_metre)
    image.setDotsPerMeterY(per_metre)
    return image


_REASON = "certificate drawing: "


def _main() -> None:
    """The child of `drawn_apart`: a request as JSON on stdin; the page's pixels on stdout."""
    from PySide6.QtGui import QGuiApplication

    try:
        request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        code = str(request["code"])
        made, _signed, _signature = decode(code)
        course = Course(
            {str(k): str(v) for k, v in dict(request["title"]).items()},
            tuple({str(k): str(v) for k, v in dict(x).items()} for x in request["lessons"]),
        )
        dpi = float(request["dpi"])
        pdf = Path(request["pdf"]) if request.get("pdf") else None
    except (ValueError, KeyError, TypeError, AttributeError, CodeRefused) as error:
        print(f"{_REASON}a bad request ({type(error).__name__})", file=sys.stderr)
        raise SystemExit(2) from None
    if not 1 <= dpi <= 1200:
        print(f"{_REASON}a resolution out of range", file=sys.stderr)
        raise SystemExit(2)
    _app = QGuiApplication.instance() or QGuiApplication(["kiosk-certificate"])
    try:
        if pdf is not None:
            render(pdf, made, course, code)
    except OSError as error:
        print(f"{_REASON}cannot write {pdf.name}: {error.strerror or error}", file=sys.stderr)
        raise SystemExit(3) from None
    image = page_image(made, course, code, dpi).convertToFormat(QImage.Format.Format_RGB32)
    out = sys.stdout.buffer
    out.write(f"{image.width()} {image.height()} {image.dotsPerMeterX()}\n".encode("ascii"))
    # A row of RGB32 is exactly width * 4 bytes: no padding to leave out.
    bits = image.constBits()
    out.write(bytes(bits)[: image.width() * image.height() * 4])
    out.flush()
    raise SystemExit(0)
