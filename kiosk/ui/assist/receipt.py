"""Receipts: print the page shown, or save it as a PDF where the citizen chooses (a USB stick).

The app keeps nothing: the PDF is written only to the chosen path. The dialogs are
classmethods of `ReceiptDialogs`, which tests patch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QFileDialog, QWidget

log = logging.getLogger(__name__)


class ReceiptDialogs:
    """The questions a receipt asks: is there a printer, where should the PDF go."""

    @classmethod
    def printer_available(cls) -> bool:
        from PySide6.QtPrintSupport import QPrinterInfo

        return bool(QPrinterInfo.availablePrinters())

    @classmethod
    def pdf_path(cls, parent: QWidget | None, title: str, suggested: str) -> str | None:
        """The path the citizen chose, or None if they cancelled."""
        path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, "PDF (*.pdf)")
        forget_file_dialog()
        if not path:
            return None
        return path if path.lower().endswith(".pdf") else path + ".pdf"

    @classmethod
    def print_view(cls, view: QWebEngineView, done: Callable[[bool], None]) -> None:
        """Ask which printer (the print dialog), then print the page; `done(ok)` after."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, view)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            done(False)
            return

        def finished(ok: bool) -> None:
            view.printFinished.disconnect(finished)
            done(ok)

        view.printFinished.connect(finished)
        view.print(printer)


def forget_file_dialog() -> None:
    """Qt's file dialog writes the folders it visited (a USB stick's label among them) to
    QtProject.conf when it closes: that group is removed at once, so no citizen's path stays."""
    from PySide6.QtCore import QSettings

    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.sync()


def save_pdf(view: QWebEngineView, path: str, done: Callable[[bool], None]) -> None:
    """Write the page shown in `view` as a PDF to `path`; `done(ok)` when written."""
    page = view.page()

    def finished(written: str, ok: bool) -> None:
        if written != path:
            return
        page.pdfPrintingFinished.disconnect(finished)
        log.info("assist: receipt saved as PDF (%s)", "ok" if ok else "failed")
        done(ok)

    page.pdfPrintingFinished.connect(finished)
    page.printToPdf(path)
