"""Staff sign-in pages: create the first admin, choose an account, type the PIN on a keypad."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from kiosk.authored import compose
from kiosk.core.notices import Notice, NoticeError
from kiosk.core.staff_rules import PIN_MAX_DIGITS, ROLE_TITLES, Role
from kiosk.i18n import N_, Np_, format_number
from kiosk.services.background import Background
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import icon
from kiosk.ui.staff.keypad import Keypad
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.spoken_field import SpokenField

PIN = N_("PIN")
SAFE_MODE = N_(
    "The kiosk is in safe mode: Get help works, but learning records and staff accounts are "
    "off until its database is fixed. {problem}"
)


def pin_field(ctx: UiContext, label: str = PIN) -> SpokenField:
    """A masked field for a PIN: digits only, says "digit entered"."""
    field = SpokenField(ctx, label, masked=True)
    field.setMaxLength(PIN_MAX_DIGITS)
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    return field


class KeypadFocus(QObject):
    """Points the keypad at whichever PIN field was focused last."""

    def __init__(self, keypad: Keypad, fields: list[QLineEdit]) -> None:
        super().__init__(keypad)
        self.keypad = keypad
        for field in fields:
            field.installEventFilter(self)

    @guarded
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.keypad.target = watched
        return False


class FirstRunPage(Page):
    """No admin yet: name and PIN (twice) for the first administrator."""

    title_msgid = N_("Create the administrator account")
    forms = True
    speech_controls = True
    EXPLAIN = N_(
        "This kiosk has no administrator yet. Type a name, then choose a PIN of at least "
        "6 digits and type it twice."
    )

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.name = SpokenField(ctx, N_("Name"))
        self.name.setMaxLength(40)
        self.pin = pin_field(ctx)
        self.repeat = pin_field(ctx, N_("The same PIN again"))
        self.keypad = Keypad(ctx, self.pin)
        self.keypad.confirmed.connect(self._next)
        self._focus = KeypadFocus(self.keypad, [self.pin, self.repeat])
        self.create_button = self.button(N_("Create the account"), "create_admin", self.submit)
        for widget in (self.explain, self.message, self.name, self.pin, self.repeat):
            self.column.addWidget(widget)
        self.column.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addWidget(self.create_button)
        self.retranslate()

    def intro(self) -> str:
        return compose(self.ctx.tr(self.title_msgid), self.ctx.tr(self.EXPLAIN), sep=". ")

    def retranslate(self) -> None:
        self.explain.setText(self.ctx.tr(self.EXPLAIN))
        self.retranslate_buttons()

    def refresh(self) -> None:
        super().refresh()
        for field in (self.name, self.pin, self.repeat):
            field.clear()
        self.keypad.target = self.pin

    def _next(self) -> None:
        if self.keypad.target is self.pin:
            self.keypad.target = self.repeat
            self.repeat.setFocus()
        else:
            self.submit()

    def submit(self) -> None:
        """Create the admin and sign in as them, or say what to fix."""
        if self.pin.text() != self.repeat.text():
            self.repeat.clear()
            self.tell(Notice(N_("The two PINs are not the same. Type the PIN again.")))
            return
        try:
            directory = self.access.directory()
            account = directory.create("setup", self.name.text(), Role.ADMIN, self.pin.text())
            self.access.sign_in(account.id, self.pin.text())
        except NoticeError as error:
            self.pin.clear()
            self.repeat.clear()
            self.keypad.target = self.pin
            self.tell(error.notice)
            return
        self.go.emit("home")


class ChooseAccountPage(Page):
    """One large button per staff account; choosing one asks for its PIN."""

    title_msgid = N_("Staff sign-in: who are you?")
    forms = True
    speech_controls = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.column.addWidget(self.message)
        self.account_buttons: dict[str, QPushButton] = {}
        self._accounts = []

    def intro(self) -> str:
        """The title, and why no account can be chosen when the staff accounts cannot be read
        (the database refused: safe mode)."""
        title = super().intro()
        if self._message is None:
            return title
        return compose(title, self._message.text(), sep=". ")

    def refresh(self) -> None:
        super().refresh()
        for button in self.account_buttons.values():
            self.column.removeWidget(button)
            button.deleteLater()
        self.account_buttons = {}
        try:
            self._accounts = self.access.directory().accounts()
        except NoticeError as error:
            self._accounts = []
            database = self.access.database
            if database.problem is not None and not database.is_open:
                # The kiosk runs in safe mode: say what still works, what was found, the fix.
                self.tell(Notice(SAFE_MODE, {"problem": error.notice}, severity="error"))
            else:
                self.tell(error.notice)
            return
        for account in self._accounts:
            button = QPushButton()
            button.setObjectName("account_button")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setIcon(icon("staff"))
            button.setMinimumHeight(self.ctx.theme.px(88))
            button.setIconSize(QSize(self.ctx.theme.icon_px(56), self.ctx.theme.icon_px(56)))
            button.clicked.connect(lambda _=False, account=account: self.choose(account))
            self.column.addWidget(button)
            self.account_buttons[account.id] = button
        self.retranslate()

    def retranslate(self) -> None:
        for account in self._accounts:
            button = self.account_buttons.get(account.id)
            if button is not None:
                text = self.ctx.tr(
                    N_("{name} — {role}"),
                    name=account.name,
                    role=self.ctx.tr(ROLE_TITLES[account.role]),
                )
                button.setText(text)
                button.setAccessibleName(text)

    def choose(self, account) -> None:
        """Ask for `account`'s PIN."""
        self.ctx.say(self.account_buttons[account.id].text())
        self.access.chosen = account
        self.go.emit("pin")


class PinPage(Page):
    """The chosen account's PIN, typed on the keypad (or a keyboard)."""

    title_msgid = N_("Type your PIN")
    forms = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.pin = pin_field(ctx)
        self.pin.returnPressed.connect(self.submit)
        self.keypad = Keypad(ctx, self.pin)
        self.keypad.confirmed.connect(self.submit)
        for widget in (self.message, self.pin):
            self.column.addWidget(widget)
        self.column.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addStretch(1)
        # The check (keyring read + scrypt) runs off the UI thread; the keypad waits meanwhile.
        self.work = Background(self, "staff PIN check", notify=self._refused)
        self.work.busy_changed.connect(self._busy)

    def refresh(self) -> None:
        super().refresh()
        self.pin.clear()

    def _busy(self, busy: bool) -> None:
        self.keypad.setDisabled(busy)
        self.pin.setReadOnly(busy)
        if not busy and self.isVisible():
            self.pin.setFocus()

    def _refused(self, notice: Notice) -> None:
        self.pin.clear()
        self.tell(notice)

    def title_text(self) -> str:
        chosen = self.access.chosen
        if chosen is None:
            return self.ctx.tr(self.title_msgid)
        return self.ctx.tr(N_("{name}: type your PIN"), name=chosen.name)

    def submit(self) -> None:
        """Check the PIN in the background; then say what happened."""
        chosen = self.access.chosen
        if chosen is None:
            self.go.emit("choose")
            return
        if self.work.busy:
            return  # a second tap while the first is being checked
        try:
            check = self.access.start_sign_in(chosen.id)
        except NoticeError as error:
            self._refused(error.notice)
            return
        if not callable(check):
            self._show_result(check)
            return
        pin = self.pin.text()
        self.work.run(lambda: check(pin), lambda matched: self._checked(chosen.id, matched))

    def _checked(self, account_id: str, matched: bool | None) -> None:
        try:
            result = self.access.finish_sign_in(account_id, matched)
        except NoticeError as error:
            self._refused(error.notice)
            return
        self._show_result(result)

    def _show_result(self, result) -> None:
        from kiosk.services.staff import SignIn

        self.pin.clear()
        if result.outcome is SignIn.OK:
            self.go.emit("home")
        elif result.outcome is SignIn.WRONG:
            self.tell(
                Notice.counted(
                    Np_(
                        "Wrong PIN. {left} more try before the account is locked.",
                        "Wrong PIN. {left} more tries before the account is locked.",
                    ),
                    result.attempts_left,
                    {"left": format_number(result.attempts_left)},
                )
            )
        elif result.outcome is SignIn.LOCKED:
            self.tell(
                Notice.counted(
                    Np_(
                        "This account is locked for {seconds} second after too many wrong "
                        "PINs. Wait, or ask an administrator to unlock it.",
                        "This account is locked for {seconds} seconds after too many wrong "
                        "PINs. Wait, or ask an administrator to unlock it.",
                    ),
                    result.wait_seconds,
                    {"seconds": format_number(result.wait_seconds)},
                )
            )
        else:
            self.tell(Notice(N_("This account has no PIN yet. An administrator must give it one.")))
