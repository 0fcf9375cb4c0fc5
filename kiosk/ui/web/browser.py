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
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QChildEvent, QCoreApplication, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QDialog, QSizePolicy

from kiosk.core.flows.allow import AllowList
from kiosk.services.egress import GATE
from kiosk.services.paths import data_dir
from kiosk.services.session_folders import new_session_folder
from kiosk.ui.guard import guarded
from kiosk.ui.web.file_picker import FilePicker
from kiosk.ui.web.page_dialog import PageDialogs

log = logging.getLogger(__name__)

# The text Qt 6 passes to javaScriptConfirm() for a page's beforeunload (its own words, in the
# QWebEnginePage context): how a leave-this-page question is told from a page's confirm().
UNLOAD_TEXT = "Are you sure you want to leave this page? Changes that you made may not be saved."
# Drags out of the page (an image, a link, selected text onto some drop target) would carry
# the page's content out of the view: cancelled in a world the page's scripts cannot touch.
NO_DRAG_OUT = """
addEventListener("dragstart", (event) => event.preventDefault(), true);
"""


Types = QWebEngineUrlRequestInfo.ResourceType
# Workers that outlive the page or are shared between pages: their own requests and sockets
# do not all pass the interceptor, so their scripts are never fetched (registration fails).
REFUSED_TYPES = frozenset({Types.ResourceTypeServiceWorker, Types.ResourceTypeSharedWorker})


class Interceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request (page, frame, fetch, image, form post) to a URL not allowed, and
    every service worker and shared worker script wherever it comes from."""

    def __init__(self, allow: AllowList, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allow = allow
        self.blocked = 0  # how many requests were blocked (a test seam)

    @guarded
    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        # Fail closed: blocked first, let through only once the check has said yes, so a
        # check that raises (the guard logs it) leaves the request blocked.
        info.block(True)
        if info.resourceType() in REFUSED_TYPES:
            self.blocked += 1
        elif self.allow.allows(info.requestUrl().toString()):
            info.block(False)
        else:
            self.blocked += 1


class SealedPage(QWebEnginePage):
    """Refuses navigations off the allow-list; the page's alert(), confirm(), prompt() and
    beforeunload go to the session's `PageDialogs` (the operator), never to a Qt box, and its
    <input type=file> to the kiosk's `FilePicker`."""

    refused = Signal(str, str)  # kind ("page", "frame", "window", "download", "file"), origin
    page_message = Signal(str)  # an alert()'s text when no operator is there (never logged)

    def __init__(
        self, profile: QWebEngineProfile, allow: AllowList, dialogs: PageDialogs | None = None
    ) -> None:
        super().__init__(profile)
        self.allow = allow
        self.dialogs = dialogs
        self.kiosk_navigation = False  # the kiosk (guide, health check) is loading a page
        self.leave_asked = False  # beforeunload is asked once a session
        self.print_refused = 0  # window.print() calls refused (a test seam)
        self.picker: FilePicker | None = None  # answers <input type=file>; None: refused

    def _ask(self, kind: str, origin: QUrl, message: str, default: str = "") -> tuple[bool, str]:
        if self.dialogs is None:
            return False, ""
        view = QWebEngineView.forPage(self)
        return self.dialogs.ask(view, kind, origin.toString(), message, default)

    @guarded
    def acceptNavigationRequest(
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        text = url.toString() if isinstance(url, QUrl) else str(url)
        if is_main_frame:
            # The page being left has had its beforeunload by now (Chromium asks it before
            # the navigation starts): the kiosk's own load, if this was it, is under way.
            self.kiosk_navigation = False
        if self.allow.allows(text):
            return True
        log.info("assist: navigation refused (%s)", "page" if is_main_frame else "frame")
        self.refused.emit("page" if is_main_frame else "frame", AllowList.origin_of(text))
        return False

    @guarded
    def javaScriptAlert(self, origin: QUrl, message: str) -> None:
        if self.dialogs is None:
            self.page_message.emit(message)
        else:
            self._ask("alert", origin, message)

    @guarded(fallback=False)
    def javaScriptConfirm(self, origin: QUrl, message: str) -> bool:
        if message == QCoreApplication.translate("QWebEnginePage", UNLOAD_TEXT):
            return self._leave(origin)
        return self._ask("confirm", origin, message)[0]

    def _leave(self, origin: QUrl) -> bool:
        """beforeunload: the kiosk's own navigation and every one after the first question
        leave without asking; the page can never keep itself."""
        if self.kiosk_navigation or self.leave_asked or self.dialogs is None:
            return True
        self.leave_asked = True
        return self._ask("leave", origin, "")[0]

    @guarded(fallback=(False, ""))
    def javaScriptPrompt(self, origin: QUrl, message: str, default: str) -> tuple[bool, str]:
        return self._ask("prompt", origin, message, default)

    @guarded
    def chooseFiles(
        self, mode: QWebEnginePage.FileSelectionMode, _old: list[str], types: list[str]
    ) -> list[str]:
        """<input type=file>: the kiosk's own picker (`FilePicker`: the session's downloads and
        USB sticks, never Qt's file dialog over the disk). Refused, and the operator told, when
        no picker may open: none for this page, another box open, the session ending, a
        folder upload asked for."""
        Mode = QWebEnginePage.FileSelectionMode
        if self.picker is not None and mode in (Mode.FileSelectOpen, Mode.FileSelectOpenMultiple):
            view = QWebEngineView.forPage(self)
            multiple = mode == Mode.FileSelectOpenMultiple
            chosen = self.picker.choose(view, self.url().toString(), multiple, types)
            if chosen is not None:
                return chosen
        log.info("assist: file chooser refused")
        self.refused.emit("file", AllowList.origin_of(self.url().toString()))
        return []

    @guarded
    def javaScriptConsoleMessage(self, *_args: Any) -> None:
        """Console messages may quote what the citizen typed: dropped, never logged."""


class SealedView(QWebEngineView):
    """The session's view: no context menu (Save page, View source, Open in new window…), and
    no dialog of its own (QtWebEngine opens <input type=color>'s as the view's child)."""

    def __init__(self) -> None:
        super().__init__()
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # A web page has no height of its own to ask for: it takes the room its page gives it
        # (at least the minimum that page sets). QWebEngineView's 480 px hint made a page of
        # word-wrapped text ask its scroll area for 480 px, so at 200 % on 1280 x 800 the
        # recorder's Stop and steps scrolled out of sight.
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.dialogs_refused = 0  # a test seam

    @guarded
    def load(self, url: QUrl | str) -> None:  # type: ignore[override]
        """The kiosk's own navigation (the guide's, the health check's): a page's
        beforeunload does not hold it."""
        page = self.page()
        if isinstance(page, SealedPage):
            page.kiosk_navigation = True
        super().load(url)

    @guarded
    def childEvent(self, event: QChildEvent) -> None:
        super().childEvent(event)
        if event.added():  # looked at from the event loop: the child is not built yet
            QTimer.singleShot(0, self, self.refuse_dialogs)

    def refuse_dialogs(self) -> None:
        for dialog in self.findChildren(QDialog):
            log.info("assist: a page's dialog refused")
            self.dialogs_refused += 1
            dialog.reject()
            dialog.hide()
            dialog.deleteLater()


class SealedBrowser(QObject):
    """One session's profile, page and view. Call `destroy()` when the session ends."""

    refused = Signal(str, str)  # kind, origin
    page_message = Signal(str)
    downloaded = Signal(str)  # path of a finished download in the temp folder

    def __init__(
        self, allow: AllowList, parent: QObject | None = None, dialogs: PageDialogs | None = None
    ) -> None:
        """`dialogs`: who answers the page's alert/confirm/prompt/beforeunload (the session
        page's operator); without it they are refused (a page leaving is never held)."""
        super().__init__(parent)
        self.allow = allow
        self.dialogs = dialogs
        # In <data dir>/sessions (0700): the next start removes it if this session is killed.
        self.temp = new_session_folder(data_dir())
        self.downloads: list[Path] = []
        # Every connection of the web engine goes through the kiosk's proxy: it opens those
        # this allow-list allows until the profile is gone (redirect hops, preconnects, TURN).
        self.egress = GATE.admit(allow)
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
        self.page = SealedPage(self.profile, allow, dialogs)
        # <input type=file>: the kiosk's picker over this session's downloads and USB sticks.
        self.picker = FilePicker(dialogs, self.temp, self) if dialogs is not None else None
        self.page.picker = self.picker
        no_drag = QWebEngineScript()
        no_drag.setName("kiosk-no-drag-out")
        no_drag.setSourceCode(NO_DRAG_OUT)
        no_drag.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        no_drag.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
        no_drag.setRunsOnSubFrames(True)
        self.page.scripts().insert(no_drag)
        # window.print(): nothing (a "print to file" would write the page to disk); the receipt
        # is printed by the kiosk's own button (kiosk.ui.assist.receipt).
        for owner in (self.page,):
            if hasattr(owner, "printRequested"):
                owner.printRequested.connect(self._refuse_print)
        settings = self.page.settings()
        for attribute, on in (
            (QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, True),
            (QWebEngineSettings.WebAttribute.JavascriptCanAccessClipboard, False),
            (QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False),
            (QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False),
            (QWebEngineSettings.WebAttribute.PluginsEnabled, False),
            (QWebEngineSettings.WebAttribute.ScreenCaptureEnabled, False),
            # No DNS look-ups ahead of a request, no <a ping>, WebRTC on public interfaces only
            # (its UDP is off altogether: see kiosk.ui.application.CHROMIUM_FLAGS).
            (QWebEngineSettings.WebAttribute.DnsPrefetchEnabled, False),
            (QWebEngineSettings.WebAttribute.HyperlinkAuditingEnabled, False),
            (QWebEngineSettings.WebAttribute.WebRTCPublicInterfacesOnly, True),
            (QWebEngineSettings.WebAttribute.NavigateOnDropEnabled, False),
        ):
            settings.setAttribute(attribute, on)
        self.page.refused.connect(self.refused)
        self.page.page_message.connect(self.page_message)
        self.page.newWindowRequested.connect(self._on_new_window)
        if hasattr(self.page, "permissionRequested"):
            self.page.permissionRequested.connect(lambda permission: permission.deny())
        for signal in ("fileSystemAccessRequested", "desktopMediaRequested"):
            if hasattr(self.page, signal):
                getattr(self.page, signal).connect(refuse_request)
        self.view = SealedView()
        self.view.setPage(self.page)
        if hasattr(self.view, "printRequested"):
            self.view.printRequested.connect(self._refuse_print)
        self.destroyed_ = False

    def _refuse_print(self, *_args: Any) -> None:
        log.info("assist: a page's print request refused")
        self.page.print_refused += 1

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
        if self.dialogs is not None:
            self.dialogs.close_all()  # an open box answers "no"; no other comes
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
            if self.dialogs is not None and self.dialogs.open:
                # The page is still inside its dialog's call (a nested event loop that the
                # answer above is ending): deleting it under its own call would crash.
                QTimer.singleShot(0, delete_in_order)
                return
            for thing in doomed:
                if shiboken6.isValid(thing):
                    shiboken6.delete(thing)
            GATE.release(self.egress)  # the profile is gone: nothing of it can connect

        QTimer.singleShot(0, delete_in_order)
        clear_clipboard()
        shutil.rmtree(self.temp, ignore_errors=True)
        log.info("assist: session browser destroyed")


def refuse_request(request: Any) -> None:
    """A page asking for the disk (File System Access) or the screen: refused."""
    for refuse in ("reject", "cancel", "deny"):
        if hasattr(request, refuse):
            getattr(request, refuse)()
            return


def clear_clipboard() -> None:
    """Forget whatever was copied during the session (every clipboard mode there is)."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        clipboard.clear(QClipboard.Mode.FindBuffer)
