"""The portal's own calendar and field checks, without a server."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core import jalali
from kiosk.practice_portal.validation import (
    FieldError,
    parse_card_number,
    parse_jalali_date,
    parse_mobile,
    parse_national_id,
)


@given(st.dates(min_value=dt.date(700, 1, 1), max_value=dt.date(3000, 12, 31)))
def test_jalali_round_trips_every_gregorian_day(day: dt.date) -> None:
    jday = jalali.from_gregorian(day)
    assert jalali.is_valid(jday.year, jday.month, jday.day)
    assert jday.to_gregorian() == day


@pytest.mark.parametrize(
    ("gregorian", "jalali_ymd"),
    [
        (dt.date(2025, 3, 21), (1404, 1, 1)),  # Nowruz
        (dt.date(2024, 3, 20), (1403, 1, 1)),
        (dt.date(2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year
        (dt.date(1979, 2, 11), (1357, 11, 22)),
    ],
)
def test_known_days(gregorian: dt.date, jalali_ymd: tuple[int, int, int]) -> None:
    assert jalali.from_gregorian(gregorian) == jalali.JalaliDate(*jalali_ymd)
    assert jalali.is_leap(1403) and not jalali.is_leap(1404)
    assert jalali.month_length(1404, 12) == 29 and jalali.month_length(1403, 12) == 30


def test_fields_in_any_digits() -> None:
    assert parse_national_id("۰۰۱۰۳۵۰۸۲۹") == "0010350829"
    assert parse_mobile("+98 912 345 6789") == "09123456789"
    assert parse_card_number("9000-0012-3456-7898") == "9000001234567898"
    assert parse_jalali_date("۱۳۶۰/۵/۱۲") == jalali.JalaliDate(1360, 5, 12)


@pytest.mark.parametrize(
    ("parse", "raw", "code"),
    [
        (parse_national_id, "0010350828", "checksum"),
        (parse_national_id, "123", "length"),
        (parse_mobile, "08123456789", "prefix"),
        (parse_card_number, "9000001234567890", "checksum"),
        (parse_jalali_date, "1404/12/30", "invalid"),  # not a leap year
        (parse_jalali_date, "", "required"),
        (parse_jalali_date, "12/5/1360", "format"),
    ],
)
def test_faults_have_codes(parse, raw: str, code: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse(raw)
    assert caught.value.code == code
