"""Giving a person a document: print it (if a printer is here) or save it where the operator
chooses (a USB stick). The dialogs are classmethods of `SaveDialogs`, which tests patch; the
receipt of an assisted session and a learner's certificate both use them."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget


class SaveDialogs:
    """The questions asked before a document leaves the kiosk."""

    @classmethod
    def printer_available(cls) -> bool:
        from PySide6.QtPrintSupport import QPrinterInfo

        return bool(QPrinterInfo.availablePrinters())

    @classmethod
    def pdf_path(cls, parent: QWidget | None, title: str, suggested: str) -> str | None:
        """The path the operator chose for a PDF, or None if they cancelled."""
        path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, "PDF (*.pdf)")
        forget_file_dialog()
        if not path:
            return None
        return path if path.lower().endswith(".pdf") else path + ".pdf"

    @classmethod
    def printer(cls, parent: QWidget | None):
        """The printer the operator chose in the print dialog (a QPrinter), or None."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        return printer


def forget_file_dialog() -> None:
    """Qt's file dialog writes the folders it visited (a USB stick's label among them) to
    QtProject.conf when it closes: that group is removed at once, so no person's path stays."""
    from PySide6.QtCore import QSettings

    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.sync()
