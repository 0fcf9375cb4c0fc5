"""Mastery rules and stars."""

from __future__ import annotations

import pytest

from kiosk.core.lessons.mastery import mastered, stars
from kiosk.core.lessons.model import Mastery

T, F = True, False


@pytest.mark.parametrize(
    ("rule", "results", "expected"),
    [
        (Mastery("all"), [T, T, T], True),
        (Mastery("all"), [T, F, T], False),
        (Mastery("all"), [], False),
        (Mastery("m_of_n", 2, 3), [F, T, T], True),
        (Mastery("m_of_n", 2, 3), [T, F, F], False),
        (Mastery("m_of_n", 2, 3), [T, T, F, F, F], False),  # the last n count
        (Mastery("m_of_n", 2, 3), [T, T], True),
        (Mastery("in_a_row", 0, 3), [T, T, F, T, T, T], True),
        (Mastery("in_a_row", 0, 3), [T, T, F, T, T], False),
    ],
)
def test_rules(rule, results, expected):
    assert mastered(rule, results) is expected


def test_stars():
    rule = Mastery("all")
    assert stars(rule, [T, T], completed=False) == 0
    assert stars(rule, [T, T], completed=True) == 3
    assert stars(rule, [T, F], completed=True) == 2
    assert stars(rule, [F, F, T], completed=True) == 1


def test_unknown_rule_is_an_error():
    with pytest.raises(ValueError):
        mastered(Mastery("some"), [T])
