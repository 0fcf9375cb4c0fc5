"""Writing trainers' reports to files: CSV a spreadsheet opens with Persian intact (UTF-8 with a
byte-order mark) and a printable PDF (right-to-left for Persian, in Vazirmatn).

Both are written beside their place first and renamed over it when complete, so a full disk or
a stick pulled out never leaves half a report under the chosen name. Both run on a worker
(`kiosk.services.background`): the caller hands over plain strings, never a Qt model.
"""

from __future__ import annotations

import csv
import html
import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_

CANNOT_WRITE = N_(
    "The report could not be saved to {path} ({reason}). Choose another folder, or check that "
    "the USB stick is in and not full."
)


@dataclass(frozen=True)
class Table:
    """One table of a report: a heading, column headers and rows, all as shown."""

    heading: str
    headers: list[str]
    rows: list[list[str]]


def _replace(path: Path, write) -> None:
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise NoticeError(
            Notice(
                CANNOT_WRITE, {"path": str(path), "reason": error.strerror or type(error).__name__}
            )
        ) from error


def write_csv(path: Path, table: Table) -> Path:
    """The table as CSV, UTF-8 with a byte-order mark (spreadsheets then read Persian)."""
    import io

    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    data = text.getvalue().encode("utf-8-sig")
    _replace(path, lambda handle: handle.write(data))
    return Path(path)


def report_html(title: str, lines: list[str], tables: list[Table], rtl: bool) -> str:
    """The report as the simple HTML QTextDocument lays out: every value escaped."""
    direction = "rtl" if rtl else "ltr"
    align = "right" if rtl else "left"
    parts = [
        f'<html><body dir="{direction}" style="font-family: Vazirmatn; font-size: 10pt;">',
        f'<h1 align="{align}">{html.escape(title)}</h1>',
    ]
    parts += [f'<p align="{align}">{html.escape(line)}</p>' for line in lines]
    # QTextDocument lays table columns out left to right whatever the direction: in a
    # right-to-left report the first column is put last, so it reads from the right.
    order = (lambda cells: list(reversed(cells))) if rtl else list
    for table in tables:
        parts.append(f'<h2 align="{align}">{html.escape(table.heading)}</h2>')
        parts.append(
            f'<table dir="{direction}" border="1" cellspacing="0" cellpadding="3" width="100%">'
        )
        parts.append(
            "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in order(table.headers)) + "</tr>"
        )
        for row in table.rows:
            cells = "".join(f'<td align="{align}">{html.escape(c)}</td>' for c in order(row))
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"


def _font_ready() -> None:
    """Vazirmatn known to Qt (the kiosk's theme registers it; a command or test may not have)."""
    from PySide6.QtGui import QFontDatabase

    if "Vazirmatn" not in QFontDatabase.families():
        for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"):
            QFontDatabase.addApplicationFont(str(FONT_DIR / name))


def write_pdf(path: Path, document_html: str, rtl: bool) -> Path:
    """Lay out `document_html` on A4 landscape pages and save it as a PDF (on a worker)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption

    _font_ready()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    writer.setTitle("Kiosk class report")
    document = QTextDocument()
    document.setDefaultFont(QFont("Vazirmatn", 10))
    option = QTextOption()
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    document.setDefaultTextOption(option)
    document.setHtml(document_html)
    document.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    pdf = bytes(data.data())
    _replace(path, lambda handle: handle.write(pdf))
    return Path(path)
