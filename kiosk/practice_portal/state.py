"""In-memory state of the practice sites: browser sessions, requests, bills, payments, charges.

Nothing here is written to disk. One `PortalState` holds everything behind a single lock (a
practice site has one or two learners at a time); `reset()` forgets it all.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

MAX_SESSIONS = 500
OTP_LIFETIME = 120.0
SIGNED_IN_IDLE = 30 * 60.0


class Clock:
    """Wall-clock seconds with an offset that tests can advance (expired OTPs, timeouts)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        """Seconds since the epoch, shifted by the offset."""
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        """Pretend `seconds` have passed."""
        self.offset += seconds


def new_code(digits: int) -> str:
    """A random numeric code that does not start with 0 (OTPs, tracking codes)."""
    return str(secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1))


@dataclass
class PendingSignIn:
    """A sign-in waiting for its one-time code."""

    national_id: str
    mobile: str
    otp: str
    expires: float
    next_path: str
    attempts: int = 0


@dataclass
class Bill:
    """A utility bill or tax of the signed-in citizen."""

    key: str
    title_key: str
    bill_id: str
    payment_id: str
    amount: int
    paid_order: str | None = None


@dataclass
class Payment:
    """A payment order sent to the bank gateway, and its outcome."""

    order_id: str
    owner: str  # national ID of the payer
    bill_key: str
    amount: int
    token: str
    status: str = "pending"  # pending, paid, cancelled, failed
    reference: str = ""
    trace: str = ""
    card_masked: str = ""
    paid_at: float = 0.0


@dataclass
class TrackedItem:
    """A civil request or a feedback message, found by its tracking code."""

    code: str
    kind: str  # "civil" or "feedback"
    title_key: str
    created: float
    owner: str  # national ID, or "" when sent without signing in
    details: dict[str, str] = field(default_factory=dict)


@dataclass
class Certificate:
    """A certificate issued earlier, downloadable as a PDF."""

    number: str
    title_key: str
    issued: float


@dataclass
class Session:
    """One browser session of the portal (a cookie)."""

    sid: str
    created: float
    last_seen: float
    lang: str = "fa"
    user: str | None = None  # national ID once signed in
    mobile: str = ""
    captcha: str = ""
    pending: PendingSignIn | None = None
    sms: list[tuple[str, str]] = field(default_factory=list)  # (sender, text), newest last
    tokens: dict[str, str | None] = field(default_factory=dict)
    civil_draft: dict[str, object] | None = None
    bills: list[Bill] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    flash: list[str] = field(default_factory=list)  # text keys shown once


class PortalState:
    """Every session, tracking code and payment of the portal."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.sessions: OrderedDict[str, Session] = OrderedDict()
        self.tracked: dict[str, TrackedItem] = {}
        self.payments: dict[str, Payment] = {}
        self.maintenance = False

    def reset(self) -> None:
        """Forget every session, request and payment (maintenance mode is left as it is)."""
        with self.lock:
            self.sessions.clear()
            self.tracked.clear()
            self.payments.clear()

    def session(self, sid: str | None) -> tuple[Session, bool]:
        """The session for cookie value `sid`, or a new one; the flag says it is new."""
        now = self.clock.now()
        with self.lock:
            found = self.sessions.get(sid or "")
            if found is not None:
                self.sessions.move_to_end(found.sid)
                found.last_seen, previous = now, found.last_seen
                if found.user and now - previous > SIGNED_IN_IDLE:
                    found.user = None
                    found.flash.append("session_timeout")
                return found, False
            created = Session(sid=secrets.token_urlsafe(24), created=now, last_seen=now)
            self.sessions[created.sid] = created
            while len(self.sessions) > MAX_SESSIONS:
                self.sessions.popitem(last=False)
            return created, True

    def rotate(self, session: Session) -> None:
        """Give `session` a new id (on sign-in, against session fixation)."""
        with self.lock:
            self.sessions.pop(session.sid, None)
            session.sid = secrets.token_urlsafe(24)
            self.sessions[session.sid] = session

    def new_tracking_code(self) -> str:
        """A fresh 10-digit tracking code."""
        while True:
            code = new_code(10)
            if code not in self.tracked:
                return code

    def issue_token(self, session: Session) -> str:
        """A one-use form token (idempotency key) for a form about to be shown."""
        token = secrets.token_urlsafe(16)
        if len(session.tokens) > 200:
            for key in list(session.tokens)[:100]:
                del session.tokens[key]
        session.tokens[token] = None
        return token
