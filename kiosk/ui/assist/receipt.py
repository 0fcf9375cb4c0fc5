"""Receipts: print the page shown, or save it as a PDF where the citizen chooses (a USB stick).

The app keeps nothing: the PDF is written only to the chosen path. The dialogs are
classmethods of `ReceiptDialogs`, which tests patch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWebEngineWidgets import QWebEngineView

from kiosk.ui.widgets.save_dialogs import SaveDialogs

log = logging.getLogger(__name__)


class ReceiptDialogs(SaveDialogs):
    """The questions a receipt asks: is there a printer, where should the PDF go, which
    printer (the page shown is printed by the web view itself)."""

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
