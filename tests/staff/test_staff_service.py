"""Staff accounts: PIN rules, hashes in the keyring, lockout with back-off, unlock, audit rows."""

from __future__ import annotations

import json
import os
import stat

import keyring
import pytest

from kiosk.core.notices import NoticeError
from kiosk.core.staff_rules import Role, lock_seconds, pin_problem
from kiosk.services.secrets import FILE_NAME, FileKeyring, PinVault, choose_backend, system_keyring
from kiosk.services.staff import SignIn, StaffDirectory, audit, audit_rows, open_directory
from kiosk.services.store import open_store


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(isolated):
    isolated.mkdir(parents=True, exist_ok=True)
    store = open_store(isolated)
    yield store
    store.close()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def staff(store, clock):
    return StaffDirectory(store, PinVault(keyring.get_keyring()), clock)


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("12345", "too short"),
        ("", "digits only"),
        ("12a456", "digits only"),
        ("۱۲۳۴۵۶", "digits only"),
        ("777777", "one digit repeated"),
        ("1234567890123", "too long"),
        ("246810", None),
    ],
)
def test_pin_rules(pin, problem):
    found = pin_problem(pin)
    assert (found is None) if problem is None else (problem in found)


def test_pins_are_salted_scrypt_hashes_in_the_keyring(staff):
    one = staff.create("setup", "Sara", Role.ADMIN, "246810")
    two = staff.create(one, "Reza", Role.TRAINER, "246810")
    ring = keyring.get_keyring()
    stored = [value for value in ring.secrets.values()]
    assert len(stored) == 2 and stored[0] != stored[1]  # salted
    assert all(value.startswith("scrypt$") and "246810" not in value for value in stored)
    assert staff.sign_in(two.id, "246810").outcome is SignIn.OK
    for column in staff.store.db["staff"].columns_dict:
        assert "pin" not in column


def test_bad_pins_and_names_are_refused_with_a_message(staff):
    with pytest.raises(NoticeError, match="too short"):
        staff.create("setup", "Sara", Role.ADMIN, "12345")
    with pytest.raises(NoticeError, match="one digit repeated"):
        staff.create("setup", "Sara", Role.ADMIN, "000000")
    staff.create("setup", "Sara", Role.ADMIN, "135790")
    with pytest.raises(NoticeError, match="already an account"):
        staff.create("setup", " sara ", Role.OPERATOR, "135790")
    assert [a.name for a in staff.accounts()] == ["Sara"]


def test_five_wrong_pins_lock_with_growing_back_off_and_admin_unlocks(staff, clock):
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    operator = staff.create(admin, "Ali", Role.OPERATOR, "864200")
    for left in (4, 3, 2, 1):
        result = staff.sign_in(operator.id, "111112")
        assert result.outcome is SignIn.WRONG and result.attempts_left == left
    result = staff.sign_in(operator.id, "111112")
    assert result.outcome is SignIn.LOCKED and result.wait_seconds == 30
    # Even the right PIN is refused while locked.
    assert staff.sign_in(operator.id, "864200").outcome is SignIn.LOCKED
    clock.now += 31
    assert staff.sign_in(operator.id, "111112").wait_seconds == 60  # longer each time
    clock.now += 61
    assert staff.sign_in(operator.id, "111112").wait_seconds == 120
    assert lock_seconds(40) == 15 * 60  # never locked for good
    staff.unlock(admin, operator.id)
    assert staff.sign_in(operator.id, "864200").outcome is SignIn.OK
    assert staff.get(operator.id).failures == 0
    actions = [(row["actor"], row["action"]) for row in audit_rows(staff.store)]
    assert ("Sara", "staff.unlock") in actions
    assert actions.count(("Ali", "staff.locked")) == 3


def test_the_last_admin_cannot_be_removed_or_demoted(staff):
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    with pytest.raises(NoticeError, match="only administrator"):
        staff.remove(admin, admin.id)
    with pytest.raises(NoticeError, match="only administrator"):
        staff.set_role(admin, admin.id, Role.OPERATOR)
    assert staff.has_admin()


def test_every_staff_change_is_audited_without_secrets(staff):
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    other = staff.create(admin, "Ali", Role.OPERATOR, "864200")
    staff.set_pin(admin, other.id, "975310")
    staff.set_role(admin, other.id, Role.TRAINER)
    staff.unlock(admin, other.id)
    staff.remove(admin, other.id)
    audit(staff.store, admin, "data.export", {"what": "progress"})
    rows = audit_rows(staff.store)
    assert [row["action"] for row in rows] == [
        "staff.create",
        "staff.create",
        "staff.set_pin",
        "staff.set_role",
        "staff.unlock",
        "staff.remove",
        "data.export",
    ]
    assert all(row["at"] and row["actor"] for row in rows)
    assert rows[1]["actor_id"] == admin.id and rows[1]["details"] == {
        "account": "Ali",
        "role": "operator",
    }
    text = json.dumps(rows)
    for pin in ("135790", "864200", "975310"):
        assert pin not in text


def test_audit_joins_an_open_transaction(store):
    with pytest.raises(RuntimeError), store.transaction():
        audit(store, "Sara", "settings.change", {"idle_seconds": 60})
        raise RuntimeError("the change failed")
    assert audit_rows(store) == []


def test_bare_machine_uses_a_0600_file_under_the_data_dir(store, isolated, monkeypatch):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    assert system_keyring() is None
    staff = open_directory(store, isolated)
    assert isinstance(staff.vault.backend, FileKeyring)
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    path = isolated / FILE_NAME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "135790" not in path.read_text()
    assert staff.sign_in(admin.id, "135790").outcome is SignIn.OK
    assert not list(isolated.glob(".*.tmp"))  # written atomically, nothing left half-written


def test_a_usable_system_keyring_is_preferred(isolated):
    assert not isinstance(choose_backend(isolated), FileKeyring)
    assert isinstance(choose_backend(isolated, "file"), FileKeyring)


def test_corrupt_keyring_file_gives_a_clear_message_and_is_left_alone(store, isolated):
    path = isolated / FILE_NAME
    staff = StaffDirectory(store, PinVault(FileKeyring(path)))
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    path.write_text("{ not json")
    with pytest.raises(NoticeError) as caught:
        staff.sign_in(admin.id, "135790")
    message = str(caught.value)
    assert str(path) in message and "kiosk staff reset-admin" in message
    assert path.read_text() == "{ not json"
    # The way back: the file is set aside and the admin gets a new PIN.
    aside = staff.vault.backend.set_aside()
    assert aside.read_text() == "{ not json"
    staff.reset_admin("Sara", "246801")
    assert staff.sign_in(admin.id, "246801").outcome is SignIn.OK
