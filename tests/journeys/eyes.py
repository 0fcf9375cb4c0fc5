"""A person's eyes for the journeys: read the practice portal's captcha off a screenshot.

A person looks at the picture and types the digits they see. The journey does the same with
the screenshot it took: it knows where the picture is (controls.json) and matches each digit
position against the ten digit shapes the practice portal draws (its own stroke table),
turned a little either way, as a person recognises a slanted digit. The noise lines are drawn
in a pale colour and the digits in dark ink, so only the ink is looked at.
"""

from __future__ import annotations

import itertools
import math
from functools import cache
from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.services.practice_portal import captcha

ANGLES = range(-14, 15, 2)  # the portal turns each digit by up to 14 degrees either way
GLYPH_SCALE = 2.4  # the portal draws its 10 x 16 strokes 2.4 times larger
Pixels = frozenset[tuple[int, int]]


def _is_ink(rgb: int) -> bool:
    r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
    return (r + g + b) < 420 and b >= r  # dark and bluish: the digits, not the noise


def ink(image: QImage, rect: list[int]) -> set[tuple[int, int]]:
    """The dark pixels inside `rect` of `image`, relative to its top-left corner."""
    x0, y0, w, h = rect
    found = set()
    for y in range(max(0, y0), min(image.height(), y0 + h)):
        for x in range(max(0, x0), min(image.width(), x0 + w)):
            if _is_ink(image.pixel(x, y)):
                found.add((x - x0, y - y0))
    return found


@cache
def _shape(digit: str, angle: int, scale: float, radius: float) -> Pixels:
    """The pixels within `radius` of the digit's strokes, turned by `angle`, at the origin."""
    turn = math.radians(angle)
    cos, sin = math.cos(turn), math.sin(turn)
    centre = (12.0, 20.0)  # the portal turns each digit about this point

    def place(px: float, py: float) -> tuple[float, float]:
        x, y = px * GLYPH_SCALE - centre[0], py * GLYPH_SCALE - centre[1]
        return (
            (centre[0] + x * cos - y * sin) * scale,
            (centre[1] + x * sin + y * cos) * scale,
        )

    pixels: set[tuple[int, int]] = set()
    reach = math.ceil(radius)
    for line in captcha._STROKES[digit]:
        points = [place(*point) for point in line]
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            steps = max(1, math.ceil(math.hypot(bx - ax, by - ay) * 2))
            for k in range(steps + 1):
                cx, cy = ax + (bx - ax) * k / steps, ay + (by - ay) * k / steps
                for dy in range(-reach, reach + 1):
                    for dx in range(-reach, reach + 1):
                        px, py = round(cx) + dx, round(cy) + dy
                        if (px - cx) ** 2 + (py - cy) ** 2 <= radius * radius:
                            pixels.add((px, py))
    return frozenset(pixels)


def _centre(pixels) -> tuple[float, float]:
    return (
        sum(p[0] for p in pixels) / len(pixels),
        sum(p[1] for p in pixels) / len(pixels),
    )


def _dilate(pixels: set[tuple[int, int]]) -> set[tuple[int, int]]:
    return {(x + dx, y + dy) for x, y in pixels for dx in (-1, 0, 1) for dy in (-1, 0, 1)}


def read_digit(seen: set[tuple[int, int]], scale: float) -> tuple[str, float]:
    """The digit whose shape best explains the ink `seen` (one digit's place), and how well."""
    if not seen:
        return "", 0.0
    near = _dilate(seen)
    cx, cy = _centre(seen)
    best = ("", 0.0)
    for digit in captcha._STROKES:
        for angle in ANGLES:
            core = _shape(digit, angle, scale, 1.2 * scale)
            wide = _shape(digit, angle, scale, 2.8 * scale)
            tx, ty = _centre(core)
            for ox in range(-2, 3):
                for oy in range(-2, 3):
                    sx, sy = round(cx - tx) + ox, round(cy - ty) + oy
                    found = sum((x + sx, y + sy) in near for x, y in core) / len(core)
                    if found <= best[1]:
                        continue
                    explained = sum((x - sx, y - sy) in wide for x, y in seen) / len(seen)
                    score = found * explained
                    if score > best[1]:
                        best = (digit, score)
    return best


def read_captcha(image: QImage | Path, rect: list[int], length: int = 5) -> str:
    """The digits of the captcha picture shown at `rect` (screen pixels, border included)."""
    if not isinstance(image, QImage):
        image = QImage(str(image))
    assert not image.isNull(), f"cannot read the screenshot {image}"
    scale = rect[2] / captcha.WIDTH
    seen = ink(image, rect)
    step = (captcha.WIDTH - 20) / length
    digits = []
    for i in range(length):
        # Each digit is drawn in its own place, 14 + i * step from the left, 24 wide (turned
        # a little, so its place is taken a few pixels wider on each side).
        left, right = (14 + i * step - 7) * scale, (14 + i * step + 31) * scale
        own = {(x, y) for x, y in seen if left <= x < right}
        digit, _score = read_digit(own, scale)
        digits.append(digit)
    return "".join(digits)
