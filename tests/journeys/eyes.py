"""What a person reads that no control tells: the digits of a captcha picture on the screen,
and the words of a PDF they saved.

The practice portal draws its captcha as stroked digits (dark blue) over faint noise lines, each
digit in its own slot, shifted and turned a little (kiosk/practice_portal/captcha.py).
A person reads them; a journey reads them from a screenshot of the picture's place on screen:
it keeps the dark ink, splits it into its joined pieces (one digit each), tries each digit's
strokes at each shift and turn the portal may draw, and takes the digit whose strokes lie on the
ink and cover it best. Nothing is asked of the kiosk.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
import zlib
from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.practice_portal import captcha

# The picture's geometry and the digits' strokes, as the portal draws them (SVG units): read
# from the portal itself, as a person knows the shapes of digits.
SCALE, PIVOT = 2.4, (12.0, 20.0)
STROKES = captcha.STROKES
WIDTH, HEIGHT = captcha.WIDTH, captcha.HEIGHT
SHIFTS_X = range(-2, 3)
SHIFTS_Y = range(-4, 5)
TURNS = range(-14, 15, 2)
# The widest one digit can be, turned as far as the portal turns it (SVG units): ink wider than
# that is two digits drawn touching, as a person sees them.
WIDEST = 10 * SCALE * math.cos(math.radians(14)) + 16 * SCALE * math.sin(math.radians(14)) + 3


def _samples(digit: str) -> list[tuple[float, float]]:
    """Points along a digit's strokes, about one SVG unit apart (scaled, not yet turned)."""
    points = []
    for line in STROKES[digit]:
        for (x0, y0), (x1, y1) in itertools.pairwise(line):
            steps = max(1, round(math.hypot(x1 - x0, y1 - y0) * SCALE))
            for k in range(steps + 1):
                t = k / steps
                points.append(((x0 + (x1 - x0) * t) * SCALE, (y0 + (y1 - y0) * t) * SCALE))
    return points


SAMPLES = {digit: _samples(digit) for digit in STROKES}


def ink_of(image: QImage, rect: list[int]) -> tuple[set[tuple[int, int]], float]:
    """The dark pixels of the picture at screen `rect` in a screenshot, in picture pixels, and
    the picture's scale (screen pixels per SVG unit)."""
    x0, y0, w, h = rect
    ink = set()
    for y in range(h):
        for x in range(w):
            colour = image.pixelColor(x0 + x, y0 + y)
            if colour.red() * 0.3 + colour.green() * 0.59 + colour.blue() * 0.11 < 120:
                ink.add((x, y))
    return ink, w / WIDTH


def read_captcha(screenshot: Path, rect: list[int], length: int = 5) -> str:
    """The captcha's digits, read from `screenshot` where the picture is at `rect`."""
    image = QImage(str(screenshot))
    assert not image.isNull(), f"cannot read {screenshot}"
    ink, scale = ink_of(image, rect)
    step = (WIDTH - 20) / length
    slots: list[set[tuple[int, int]]] = [set() for _ in range(length)]

    def nearest(x: float) -> int:
        return min(range(length), key=lambda i: abs(14 + i * step + 12 - x))

    for part in _pieces(ink):  # each digit's strokes are joined
        xs = [x for x, _y in part]
        if (max(xs) - min(xs)) / scale > WIDEST:  # two digits touch: part them by their slots
            for x, y in part:
                slots[nearest(x / scale)].add((x, y))
        else:
            slots[nearest(sum(xs) / len(xs) / scale)] |= part
    digits = []
    for slot, slot_ink in enumerate(slots):
        near = {(x + dx, y + dy) for x, y in slot_ink for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
        best, best_score = "?", -1.0
        for digit, points in SAMPLES.items():
            pose, on_ink = _best_pose(points, near, 14 + slot * step, scale)
            covered = _covered(points, pose, scale, slot_ink)
            score = 2 * on_ink * covered / (on_ink + covered) if on_ink + covered else 0.0
            if score > best_score:
                best, best_score = digit, score
        digits.append(best)
    return "".join(digits)


def _pieces(ink: set[tuple[int, int]]) -> list[set[tuple[int, int]]]:
    """The ink's connected pieces (touching side or corner)."""
    left, pieces = set(ink), []
    while left:
        seed = left.pop()
        piece, todo = {seed}, [seed]
        while todo:
            x, y = todo.pop()
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    if (x + dx, y + dy) in left:
                        left.discard((x + dx, y + dy))
                        piece.add((x + dx, y + dy))
                        todo.append((x + dx, y + dy))
        pieces.append(piece)
    return pieces


def _place(
    points: list[tuple[float, float]], pose: tuple[float, float, float], scale: float
) -> list[tuple[int, int]]:
    """The points turned about the pivot, moved to the pose, in picture pixels."""
    x, y, turn = pose
    cos, sin = math.cos(math.radians(turn)), math.sin(math.radians(turn))
    px, py = PIVOT
    placed = []
    for sx, sy in points:
        rx = px + (sx - px) * cos - (sy - py) * sin
        ry = py + (sx - px) * sin + (sy - py) * cos
        placed.append((round((x + rx) * scale), round((y + ry) * scale)))
    return placed


def _best_pose(
    points: list[tuple[float, float]], near: set[tuple[int, int]], x: float, scale: float
) -> tuple[tuple[float, float, float], float]:
    """The shift and turn (of those the portal draws) that put most of the strokes on the
    slot's ink, and that share."""
    best, best_share = (x, 12.0, 0.0), -1.0
    for dx in SHIFTS_X:
        for dy in SHIFTS_Y:
            for turn in TURNS:
                pose = (x + dx, 12.0 + dy, float(turn))
                placed = _place(points, pose, scale)
                share = sum(1 for p in placed if p in near) / len(placed)
                if share > best_share:
                    best, best_share = pose, share
    return best, best_share


def _covered(
    points: list[tuple[float, float]],
    pose: tuple[float, float, float],
    scale: float,
    slot_ink: set[tuple[int, int]],
) -> float:
    """The share of the slot's ink that lies along the strokes (within half a stroke)."""
    if not slot_ink:
        return 0.0
    reach = max(3, round(3.0 * scale))
    body = {
        (x + dx, y + dy)
        for x, y in _place(points, pose, scale)
        for dx in range(-reach, reach + 1)
        for dy in range(-reach, reach + 1)
    }
    return sum(1 for p in slot_ink if p in body) / len(slot_ink)


def pdf_text(data: bytes) -> str:
    """The text a person sees in a PDF that Chromium printed, each line's glyphs in the order
    they are drawn (left to right: a right-to-left line reads backwards), without spaces, in
    plain letters (presentation forms folded). Enough to recognise a page, not to lay it out."""
    streams = []
    for head, body in re.findall(rb"<<(.*?)>>\s*stream\r?\n(.*?)\r?\nendstream", data, re.S):
        if b"FlateDecode" in head:
            try:
                body = zlib.decompress(body)
            except zlib.error:
                continue
        streams.append(body)
    glyphs: dict[int, str] = {}  # the fonts' ToUnicode maps (glyph -> text)
    for body in streams:
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", body, re.S):
            for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                glyphs[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", body, re.S):
            pattern = rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>"
            for low, high, text in re.findall(pattern, block):
                for code in range(int(low, 16), int(high, 16) + 1):
                    glyphs[code] = chr(int(text, 16) + code - int(low, 16))
    drawn = []
    for body in streams:
        if b"BT" in body and b"beginbfchar" not in body:
            for run in re.findall(rb"<([0-9A-Fa-f]{4,})>", body):
                codes = (int(run[i : i + 4], 16) for i in range(0, len(run) - 3, 4))
                drawn.append("".join(glyphs.get(code, "") for code in codes))
    return "".join(unicodedata.normalize("NFKC", "".join(drawn)).split())
