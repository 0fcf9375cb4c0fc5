"""Staff rules, pure: roles, what makes an acceptable PIN, and the lockout back-off schedule."""

from __future__ import annotations

from enum import StrEnum

from kiosk.i18n import N_

PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 12
# Wrong PINs in a row before the account locks; each later wrong PIN locks it again.
ATTEMPTS_BEFORE_LOCK = 5
FIRST_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60


class Role(StrEnum):
    """What a staff member may do: admin (everything), trainer (classes), operator (help)."""

    ADMIN = "admin"
    TRAINER = "trainer"
    OPERATOR = "operator"


ROLE_TITLES: dict[Role, str] = {
    Role.ADMIN: N_("Administrator"),
    Role.TRAINER: N_("Trainer"),
    Role.OPERATOR: N_("Operator"),
}


def pin_problem(pin: str) -> str | None:
    """The msgid saying why `pin` is not acceptable, or None if it is."""
    if not pin.isascii() or not pin.isdigit():
        return N_("A PIN is made of digits only.")
    if len(pin) < PIN_MIN_DIGITS:
        return N_("The PIN is too short: use at least 6 digits.")
    if len(pin) > PIN_MAX_DIGITS:
        return N_("The PIN is too long: use at most 12 digits.")
    if len(set(pin)) == 1:
        return N_("The PIN cannot be one digit repeated: mix different digits.")
    return None


def name_problem(name: str, taken: set[str]) -> str | None:
    """The msgid saying why `name` cannot name a new staff account, or None."""
    cleaned = " ".join(name.split())
    if not cleaned:
        return N_("Type a name for the account.")
    if len(cleaned) > 40:
        return N_("The name is too long: use at most 40 letters.")
    if cleaned.casefold() in {other.casefold() for other in taken}:
        return N_("There is already an account with this name: choose another.")
    return None


def lock_seconds(failures: int) -> int:
    """How long an account stays locked after `failures` wrong PINs in a row (0: not locked).

    The fifth wrong PIN locks for 30 s; each further one doubles the wait, up to 15 minutes.
    The lock always ends by itself, and an admin can lift it sooner.
    """
    if failures < ATTEMPTS_BEFORE_LOCK:
        return 0
    doublings = failures - ATTEMPTS_BEFORE_LOCK
    return min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** min(doublings, 16))


# Staff pages only a signed-in account may open, and the roles each of those is for.
PAGE_ROLES: dict[str, frozenset[Role]] = {
    "home": frozenset(Role),
    "assist_report": frozenset(Role),
    "settings": frozenset({Role.ADMIN}),
    "accounts": frozenset({Role.ADMIN}),
    "sync": frozenset({Role.ADMIN}),
    "learners": frozenset({Role.ADMIN, Role.TRAINER}),
    "verify_certificate": frozenset({Role.ADMIN, Role.TRAINER}),
    "record_voice": frozenset({Role.ADMIN, Role.TRAINER}),
    "record_flow": frozenset({Role.ADMIN, Role.OPERATOR}),
    "flow_health": frozenset({Role.ADMIN, Role.OPERATOR}),
}


def needs_sign_in(page: str) -> bool:
    """Whether staff page `page` is only for a signed-in account (sign-in pages are not)."""
    return page in PAGE_ROLES


def may_open(role: Role | None, page: str) -> bool:
    """Whether someone signed in as `role` (None: nobody) may open staff page `page`."""
    allowed = PAGE_ROLES.get(page)
    if allowed is None:
        return True
    return role is not None and role in allowed


def page_for(role: Role | None, page: str, entry: str) -> str:
    """The staff page to show when `page` is asked for by `role` (None: nobody signed in).

    Nobody signed in is sent to `entry` (where signing in starts); a role asking for a page
    that is not for it lands on the staff home page instead."""
    if role is None and needs_sign_in(page):
        return entry
    return page if may_open(role, page) else "home"
