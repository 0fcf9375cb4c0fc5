"""Mastery rules of a lesson (m of n, n in a row, all correct) and the stars they earn."""

from __future__ import annotations

from kiosk.core.lessons.model import Mastery


def mastered(rule: Mastery, results: list[bool]) -> bool:
    """Whether first-try results (in the order answered) meet the lesson's rule."""
    if not results:
        return False
    if rule.rule == "all":
        return all(results)
    if rule.rule == "m_of_n":
        window = results[-rule.n :] if len(results) >= rule.n else results
        return sum(window) >= rule.m
    if rule.rule == "in_a_row":
        run = best = 0
        for ok in results:
            run = run + 1 if ok else 0
            best = max(best, run)
        return best >= rule.n
    raise ValueError(f"unknown mastery rule {rule.rule!r}")


def stars(rule: Mastery, results: list[bool], completed: bool) -> int:
    """0–3 stars: 3 mastered, 2 completed with at least half right, 1 completed, 0 not yet."""
    if not completed:
        return 0
    if mastered(rule, results):
        return 3
    if results and sum(results) * 2 >= len(results):
        return 2
    return 1
