"""What a citizen finds after signing in: unpaid bills and certificates issued earlier."""

from __future__ import annotations

from kiosk.practice_portal.state import Bill, Certificate, Session

DAY = 86400.0


def signed_in(session: Session, national_id: str, now: float) -> None:
    """Give `session` the bills and certificates of the citizen `national_id` (fictional)."""
    tail = national_id[-4:]
    session.bills = [
        Bill("water", "bill_water", f"31{tail}0412", "4250180", 425_000),
        Bill("power", "bill_power", f"72{tail}1187", "1180260", 1_180_000),
        Bill("renovation", "bill_renovation", f"55{tail}9033", "9600140", 960_000),
    ]
    session.certificates = [
        Certificate(f"1403{tail}17", "cert_residence", now - 40 * DAY),
        Certificate(f"1403{tail}52", "cert_no_record", now - 12 * DAY),
    ]
