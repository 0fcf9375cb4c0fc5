"""A simple, readable captcha: random digits drawn as SVG strokes with a little noise."""

from __future__ import annotations

import secrets

# Each digit as polylines on a 10 x 16 grid (no font needed, so it renders anywhere).
_STROKES: dict[str, list[list[tuple[int, int]]]] = {
    "0": [[(2, 0), (8, 0), (10, 3), (10, 13), (8, 16), (2, 16), (0, 13), (0, 3), (2, 0)]],
    "1": [[(3, 3), (6, 0), (6, 16)], [(3, 16), (9, 16)]],
    "2": [[(0, 3), (2, 0), (8, 0), (10, 3), (10, 6), (0, 16), (10, 16)]],
    "3": [
        [(0, 2), (2, 0), (8, 0), (10, 3), (10, 6), (7, 8), (3, 8)],
        [(7, 8), (10, 10), (10, 13), (8, 16), (2, 16), (0, 14)],
    ],
    "4": [[(8, 16), (8, 0), (0, 11), (10, 11)]],
    "5": [[(10, 0), (1, 0), (0, 7), (7, 6), (10, 9), (10, 13), (8, 16), (2, 16), (0, 14)]],
    "6": [[(9, 1), (7, 0), (3, 0), (0, 4), (0, 13), (2, 16), (8, 16), (10, 13), (10, 10),
           (8, 7), (2, 7), (0, 9)]],
    "7": [[(0, 0), (10, 0), (4, 16)]],
    "8": [[(5, 8), (1, 6), (1, 2), (3, 0), (7, 0), (9, 2), (9, 6), (5, 8), (0, 11), (0, 14),
           (2, 16), (8, 16), (10, 14), (10, 11), (5, 8)]],
    "9": [[(10, 7), (8, 9), (2, 9), (0, 6), (0, 3), (2, 0), (8, 0), (10, 3), (10, 12), (7, 16),
           (3, 16), (1, 15)]],
}  # fmt: skip
STROKES = _STROKES  # public: the journeys' eyes read captchas by these shapes

WIDTH, HEIGHT = 200, 64


def new_answer(length: int = 5) -> str:
    """A random string of digits to draw."""
    return "".join(secrets.choice("0123456789") for _ in range(length))


def _rand(low: float, high: float) -> float:
    return low + (high - low) * secrets.randbelow(1001) / 1000


def svg(answer: str) -> bytes:
    """The captcha picture for `answer` as an SVG document."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" rx="6" fill="#f3f1ea"/>',
    ]
    for _ in range(5):
        parts.append(
            f'<line x1="{_rand(0, WIDTH):.1f}" y1="{_rand(0, HEIGHT):.1f}" '
            f'x2="{_rand(0, WIDTH):.1f}" y2="{_rand(0, HEIGHT):.1f}" '
            'stroke="#b9b2a0" stroke-width="1.5"/>'
        )
    step = (WIDTH - 20) / len(answer)
    for i, digit in enumerate(answer):
        x = 14 + i * step + _rand(-2, 2)
        y = 12 + _rand(-4, 4)
        angle = _rand(-14, 14)
        paths = "".join(
            '<polyline points="' + " ".join(f"{px},{py}" for px, py in line) + '"/>'
            for line in _STROKES[digit]
        )
        parts.append(
            f'<g transform="translate({x:.1f} {y:.1f}) rotate({angle:.1f} 12 20) scale(2.4)" '
            'fill="none" stroke="#1d2b4f" stroke-width="1.5" stroke-linecap="round" '
            f'stroke-linejoin="round">{paths}</g>'
        )
    parts.append("</svg>")
    return "".join(parts).encode("utf-8")
