"""Staff accounts (admins): add an account, give a new PIN, unlock, remove — each audited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.core.notices import Notice, NoticeError
from kiosk.core.staff_rules import ROLE_TITLES, Role
from kiosk.i18n import N_, Np_, format_number
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.staff.keypad import Keypad
from kiosk.ui.staff.signin import KeypadFocus, pin_field
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.spoken_field import SpokenField

# What a row's button does and to whom, as one phrase a translator can reorder.
ACTION_FOR = N_("{action}: {name}")
ADD = N_("Add the account")
NEW_PIN = N_("Set the new PIN for {name}")


class AccountsPage(Page):
    """The list of accounts with their actions, and a form to add one or set a new PIN."""

    title_msgid = N_("Staff accounts")
    forms = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.list_box = QWidget()
        self.grid = QGridLayout(self.list_box)
        self.grid.setHorizontalSpacing(16)
        self.form_title = QLabel()
        self.form_title.setObjectName("row_title")
        self.name = SpokenField(ctx, N_("Name"))
        self.name.setMaxLength(40)
        self.roles = QButtonGroup(self)
        role_row = QHBoxLayout()
        self.role_buttons: dict[Role, QPushButton] = {}
        for index, role in enumerate(Role):
            button = QPushButton()
            button.setObjectName("choice")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.roles.addButton(button, index)
            button.toggled.connect(self.retranslate)
            self.role_buttons[role] = button
            role_row.addWidget(button)
        role_row.addStretch(1)
        self.pin = pin_field(ctx)
        self.repeat = pin_field(ctx, N_("The same PIN again"))
        self.keypad = Keypad(ctx, self.pin)
        self._focus = KeypadFocus(self.keypad, [self.pin, self.repeat])
        self.submit_button = self.button(ADD, "account_submit", self.submit, colour="learn")
        self.new_account_button = self.button(
            N_("New account"), "account_new", self.start_new_account
        )
        self.column.addWidget(self.message)
        self.column.addWidget(self.list_box)
        self.column.addWidget(self.new_account_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.column.addWidget(self.form_title)
        self.column.addWidget(self.name)
        self.column.addLayout(role_row)
        self.column.addWidget(self.pin)
        self.column.addWidget(self.repeat)
        self.column.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addWidget(self.submit_button)
        self.pin_for = None  # the account getting a new PIN, or None to add an account
        self._confirm_remove: str | None = None
        self._row_widgets: list[QWidget] = []
        self.retranslate()

    # The list -------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self.start_new_account(speak=False)
        self._rebuild()

    def _rebuild(self) -> None:
        for widget in self._row_widgets:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._row_widgets = []
        try:
            directory = self.access.directory()
            accounts = directory.accounts()
        except NoticeError as error:
            self.tell(error.notice)
            return
        now = directory.clock()
        for row, account in enumerate(accounts):
            label = QLabel(self._describe(account, now, directory.vault.has_pin(account.id)))
            label.setWordWrap(True)
            self.grid.addWidget(label, row, 0)
            self._row_widgets.append(label)
            actions = [(N_("New PIN"), "pin", self.start_new_pin)]
            if account.failures or account.locked_until > now:
                actions.insert(0, (N_("Unlock"), "unlock", self.unlock))
            remove = (
                N_("Touch again to remove") if self._confirm_remove == account.id else N_("Remove")
            )
            actions.append((remove, "remove", self.remove))
            for column, (msgid, name, action) in enumerate(actions, start=1):
                button = self.button(
                    msgid, f"{name}_{row}", lambda _=False, a=account, f=action: f(a)
                )
                button.setText(self.ctx.tr(msgid))
                button.setAccessibleName(
                    self.ctx.tr(ACTION_FOR, action=button.text(), name=account.name)
                )
                self.grid.addWidget(button, row, column)
                self._row_widgets.append(button)
        self.grid.setColumnStretch(0, 1)

    def _describe(self, account, now: float, has_pin: bool) -> str:
        text = self.ctx.tr(
            N_("{name} — {role}"), name=account.name, role=self.ctx.tr(ROLE_TITLES[account.role])
        )
        wait = account.locked_for(now)
        if wait:
            text += "\n" + self.ctx.trn(
                Np_("locked for {seconds} second", "locked for {seconds} seconds"),
                wait,
                seconds=format_number(wait),
            )
        elif account.failures:
            text += "\n" + self.ctx.trn(
                Np_("{count} wrong PIN", "{count} wrong PINs"),
                account.failures,
                count=format_number(account.failures),
            )
        if not has_pin:
            text += "\n" + self.ctx.tr(N_("no PIN"))
        return text

    # Actions --------------------------------------------------------------------------
    def unlock(self, account) -> None:
        """Lift the lock now."""
        self._run(
            lambda d: d.unlock(self.access.account, account.id),
            Notice(N_("{name} is unlocked."), {"name": account.name}),
        )

    def remove(self, account) -> None:
        """Remove the account after a second touch."""
        if self._confirm_remove != account.id:
            self._confirm_remove = account.id
            self._rebuild()
            self.ctx.say(self.ctx.tr(N_("Touch again to remove")))
            return
        self._confirm_remove = None
        self._run(
            lambda d: d.remove(self.access.account, account.id),
            Notice(N_("{name} is removed."), {"name": account.name}),
        )

    def start_new_pin(self, account) -> None:
        """Use the form below to give `account` a new PIN."""
        self.pin_for = account
        self.name.setText(account.name)
        self.name.setEnabled(False)
        for button in self.role_buttons.values():
            button.setEnabled(False)
        self.pin.clear()
        self.repeat.clear()
        self.keypad.target = self.pin
        self.retranslate()
        self.ctx.say(self._submit)

    def start_new_account(self, speak: bool = True) -> None:
        """Use the form below to add an account."""
        self.pin_for = None
        self.name.setEnabled(True)
        self.name.clear()
        for button in self.role_buttons.values():
            button.setEnabled(True)
        self.role_buttons[Role.OPERATOR].setChecked(True)
        self.pin.clear()
        self.repeat.clear()
        self.keypad.target = self.pin
        self.retranslate()
        if speak:
            self.ctx.say(self._form_title)

    def submit(self) -> None:
        """Add the account, or set the new PIN, or say what to fix."""
        pin, repeat = self.pin.text(), self.repeat.text()
        self.pin.clear()
        self.repeat.clear()
        if pin != repeat:
            self.tell(Notice(N_("The two PINs are not the same. Type the PIN again.")))
            return
        actor = self.access.account
        if self.pin_for is not None:
            account = self.pin_for
            done = self._run(
                lambda d: d.set_pin(actor, account.id, pin),
                Notice(N_("{name} has a new PIN."), {"name": account.name}),
            )
        else:
            role = list(Role)[max(0, self.roles.checkedId())]
            name = self.name.text()
            done = self._run(
                lambda d: d.create(actor, name, role, pin),
                Notice(N_("{name} can now sign in."), {"name": " ".join(name.split())}),
            )
        if done:
            self.start_new_account(speak=False)

    def _run(self, change, success: Notice) -> bool:
        try:
            change(self.access.directory())
        except NoticeError as error:
            self.tell(error.notice)
            return False
        self._rebuild()
        self.tell(success, problem=False)
        return True

    def retranslate(self) -> None:
        self.retranslate_buttons()
        for role, button in self.role_buttons.items():
            title = self.ctx.tr(ROLE_TITLES[role])
            button.setText(f"✓ {title}" if button.isChecked() else title)
            button.setAccessibleName(title)
        if self.pin_for is not None:
            self._form_title = self._submit = self.ctx.tr(NEW_PIN, name=self.pin_for.name)
        else:
            self._form_title, self._submit = self.ctx.tr(N_("New account")), self.ctx.tr(ADD)
        # Said as they are: a label's copy would lose their origin (kiosk/authored.py).
        self.form_title.setText(self._form_title)
        self.submit_button.setText(self._submit)
        self.submit_button.setAccessibleName(self.submit_button.text())
