"""The sealed browser of one assisted session: a new off-the-record profile, an allow-list
enforced twice (a request interceptor for every request, a navigation guard for every page and
frame), new windows in the same view only when allowed, downloads into the session's temp
folder, no permissions, and `destroy()`: view, page, then profile deleted, clipboard cleared,
temp folder removed.

QtWebEngine is imported here: import this module only when a session starts.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMessageBox, QWidget

from kiosk.core.flows.allow import AllowList
from kiosk.ui.guard import guarded

log = logging.getLogger(__name__)

TEMP_PREFIX = "kiosk-assist-"


class Interceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request (page, frame, fetch, image, form post) to a URL not allowed."""

    def __init__(self, allow: AllowList, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allow = allow
        self.blocked = 0  # how many requests were blocked (a test seam)

    @guarded
    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        # Fail closed: blocked first, let through only once the check has said yes, so a
        # check that raises (the guard logs it) leaves the request blocked.
        info.block(True)
        if self.allow.allows(info.requestUrl().toString()):
            info.block(False)
        else:
            self.blocked += 1


class PageDialogs:
    """The page's own confirm() box, asked of the operator (a classmethod tests patch)."""

    @classmethod
    def confirm(cls, parent: QWidget | None, text: str) -> bool:
        answer = QMessageBox.question(parent, "", text)
        return answer == QMessageBox.StandardButton.Yes


class SealedPage(QWebEnginePage):
    """Refuses navigations off the allow-list; page dialogs go to the session, not to a popup."""

    refused = Signal(str, str)  # kind ("page", "frame", "window", "download"), origin
    page_message = Signal(str)  # an alert()'s text, to show (never logged)

    def __init__(self, profile: QWebEngineProfile, allow: AllowList) -> None:
        super().__init__(profile)
        self.allow = allow

    @guarded
    def acceptNavigationRequest(
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        text = url.toString() if isinstance(url, QUrl) else str(url)
        if self.allow.allows(text):
            return True
        log.info("assist: navigation refused (%s)", "page" if is_main_frame else "frame")
        self.refused.emit("page" if is_main_frame else "frame", AllowList.origin_of(text))
        return False

    @guarded
    def javaScriptAlert(self, _origin: QUrl, message: str) -> None:
        self.page_message.emit(message)

    @guarded
    def javaScriptConfirm(self, _origin: QUrl, message: str) -> bool:
        return PageDialogs.confirm(self.view(), message)

    @guarded
    def javaScriptPrompt(self, _origin: QUrl, message: str, _default: str) -> tuple[bool, str]:
        self.page_message.emit(message)
        return False, ""  # never a free-text box outside the page: the operator is told

    @guarded
    def javaScriptConsoleMessage(self, *_args: Any) -> None:
        """Console messages may quote what the citizen typed: dropped, never logged."""


class SealedBrowser(QObject):
    """One session's profile, page and view. Call `destroy()` when the session ends."""

    refused = Signal(str, str)  # kind, origin
    page_message = Signal(str)
    downloaded = Signal(str)  # path of a finished download in the temp folder

    def __init__(self, allow: AllowList, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allow = allow
        self.temp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        self.downloads: list[Path] = []
        # No storage name: off the record (cookies, cache, storage in memory only). No Qt
        # parent: deleted explicitly, after its page, in destroy().
        self.profile = QWebEngineProfile()
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        self.profile.setSpellCheckEnabled(False)
        self.profile.setDownloadPath(str(self.temp))
        self.interceptor = Interceptor(allow)
        self.profile.setUrlRequestInterceptor(self.interceptor)
        self.profile.downloadRequested.connect(self._on_download)
        self.page = SealedPage(self.profile, allow)
        settings = self.page.settings()
        for attribute, on in (
            (QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, True),
            (QWebEngineSettings.WebAttribute.JavascriptCanAccessClipboard, False),
            (QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False),
            (QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False),
            (QWebEngineSettings.WebAttribute.PluginsEnabled, False),
            (QWebEngineSettings.WebAttribute.ScreenCaptureEnabled, False),
        ):
            settings.setAttribute(attribute, on)
        self.page.refused.connect(self.refused)
        self.page.page_message.connect(self.page_message)
        self.page.newWindowRequested.connect(self._on_new_window)
        if hasattr(self.page, "permissionRequested"):
            self.page.permissionRequested.connect(lambda permission: permission.deny())
        self.view = QWebEngineView()
        self.view.setPage(self.page)
        self.destroyed_ = False

    def _on_new_window(self, request: Any) -> None:
        """A popup or new tab: opened in this same view if allowed, else refused."""
        url = request.requestedUrl().toString()
        if self.allow.allows(url):
            request.openIn(self.page)
        else:
            log.info("assist: new window refused")
            self.refused.emit("window", AllowList.origin_of(url))

    def _on_download(self, download: QWebEngineDownloadRequest) -> None:
        url = download.url().toString()
        if not self.allow.allows(url):
            download.cancel()
            self.refused.emit("download", AllowList.origin_of(url))
            return
        download.setDownloadDirectory(str(self.temp))
        download.isFinishedChanged.connect(lambda d=download: self._download_done(d))
        download.accept()

    def _download_done(self, download: QWebEngineDownloadRequest) -> None:
        if download.state() == QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
            path = Path(download.downloadDirectory()) / download.downloadFileName()
            self.downloads.append(path)
            self.downloaded.emit(str(path))

    def destroy(self) -> None:
        """End of session: view, page, then profile deleted; clipboard cleared; temp removed."""
        if self.destroyed_:
            return
        self.destroyed_ = True
        self.page.triggerAction(QWebEnginePage.WebAction.Stop)
        # No clearHttpCache()/deleteAllCookies() first: both run asynchronously, and deleting
        # the profile while they ran crashed QtWebEngine now and then. The profile is off the
        # record (memory only), so deleting it is what wipes its cache, cookies and storage.
        # Deleted from the event loop, not here: a session often ends inside a signal that the
        # page itself is emitting (the guide's last report over the web channel), and deleting
        # a sender in its own emission crashed the real display now and then. A zero timer, not
        # deleteLater: deferred deletions wait for an event loop level that tests and nested
        # loops may not reach, and a profile deleted at some later, random moment is worse.
        # The page goes before its profile (Qt's rule); shutdown runs what is still queued.
        self.view.setParent(None)
        self.view.hide()
        doomed = (self.view, self.page, self.profile, self.interceptor)

        def delete_in_order() -> None:
            for thing in doomed:
                if shiboken6.isValid(thing):
                    shiboken6.delete(thing)

        QTimer.singleShot(0, delete_in_order)
        clear_clipboard()
        shutil.rmtree(self.temp, ignore_errors=True)
        log.info("assist: session browser destroyed")


def clear_clipboard() -> None:
    """Forget whatever was copied during the session (every clipboard mode there is)."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        clipboard.clear(QClipboard.Mode.FindBuffer)
