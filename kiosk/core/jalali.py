"""Jalali (Solar Hijri) calendar: conversion to and from Gregorian, month lengths and names.

The arithmetic is the well-known Borkowski break-year algorithm (as in jalaali-js), exact for
Jalali years 1..3177. Gregorian days are counted with `datetime.date.toordinal`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

# Jalali years at which the 33-year leap cycle pattern breaks.
_BREAKS = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210,
    1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
)  # fmt: skip

# Julian day number of 0001-01-01 minus its proleptic Gregorian ordinal.
_JDN_OFFSET = 1721425

MONTHS_FA = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
MONTHS_EN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip


@dataclass(frozen=True, order=True)
class JalaliDate:
    """A date in the Jalali calendar."""

    year: int
    month: int
    day: int

    def to_gregorian(self) -> _dt.date:
        """The same day in the Gregorian calendar."""
        return to_gregorian(self.year, self.month, self.day)

    def isoformat(self) -> str:
        """`YYYY/MM/DD` with Latin digits, the usual written form."""
        return f"{self.year:04d}/{self.month:02d}/{self.day:02d}"


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero (as the reference algorithm expects)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _jal_cal(jy: int) -> tuple[int, int, int]:
    """(leap, gregorian year, day of March of Farvardin 1st) for Jalali year `jy`."""
    if jy < _BREAKS[0] or jy >= _BREAKS[-1]:
        raise ValueError(f"Jalali year out of range: {jy}")
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    if leap == -1:
        leap = 4
    return leap, gy, march


def _g2d(gy: int, gm: int, gd: int) -> int:
    return _dt.date(gy, gm, gd).toordinal() + _JDN_OFFSET


def is_leap(jy: int) -> bool:
    """Whether Jalali year `jy` has 30 days in Esfand."""
    return _jal_cal(jy)[0] == 0


def month_length(jy: int, jm: int) -> int:
    """Number of days in Jalali month `jm` of year `jy`."""
    if not 1 <= jm <= 12:
        raise ValueError(f"month out of range: {jm}")
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if is_leap(jy) else 29


def is_valid(jy: int, jm: int, jd: int) -> bool:
    """Whether the triple names a real Jalali day."""
    try:
        return 1 <= jm <= 12 and 1 <= jd <= month_length(jy, jm)
    except ValueError:
        return False


def to_gregorian(jy: int, jm: int, jd: int) -> _dt.date:
    """The Gregorian date of Jalali `jy/jm/jd`."""
    if not is_valid(jy, jm, jd):
        raise ValueError(f"not a Jalali date: {jy}/{jm}/{jd}")
    _leap, gy, march = _jal_cal(jy)
    jdn = _g2d(gy, 3, march) + (jm - 1) * 31 - _div(jm, 7) * (jm - 7) + jd - 1
    return _dt.date.fromordinal(jdn - _JDN_OFFSET)


def from_gregorian(day: _dt.date) -> JalaliDate:
    """The Jalali date of a Gregorian `datetime.date`."""
    jdn = day.toordinal() + _JDN_OFFSET
    jy = day.year - 621
    leap, gy, march = _jal_cal(jy)
    k = jdn - _g2d(gy, 3, march)
    if k >= 0:
        if k <= 185:
            return JalaliDate(jy, 1 + _div(k, 31), _mod(k, 31) + 1)
        k -= 186
    else:
        jy -= 1
        k += 179
        if leap == 1:
            k += 1
    return JalaliDate(jy, 7 + _div(k, 30), _mod(k, 30) + 1)


def month_name(jm: int, lang: str) -> str:
    """The month's name in Persian (`fa`) or in English transliteration."""
    return (MONTHS_FA if lang == "fa" else MONTHS_EN)[jm - 1]
