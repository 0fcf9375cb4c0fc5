"""The journeys' eyes read the practice portal's captcha as its picture is drawn, at the page
zooms the kiosk uses (a wrong reading would send a journey down the guide's error branch)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk.practice_portal import captcha
from tests.journeys.eyes import HEIGHT, WIDTH, _pieces, ink_of, read_captcha


def _draw(answer: str, scale: float, shot: Path) -> list[int]:
    """The portal's captcha for `answer` drawn at `scale` into `shot`; where it is."""
    image = QImage(520, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = [37, 51, round(WIDTH * scale), round(HEIGHT * scale)]
    QSvgRenderer(QByteArray(captcha.svg(answer))).render(painter, QRectF(*box))
    painter.end()
    assert image.save(str(shot))
    return box


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 2.0])
def test_reads_the_captcha_digits(qapp, tmp_path, scale):
    for attempt in range(2):
        answer = captcha.new_answer()
        shot = tmp_path / f"captcha-{attempt}.png"
        box = _draw(answer, scale, shot)
        assert read_captcha(shot, box) == answer


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_reads_digits_drawn_touching(qapp, tmp_path, monkeypatch, scale):
    """Neighbours turned towards each other and shifted together touch (about one captcha in
    two hundred): their ink is one piece, and each digit is still read."""
    placed = iter([0.0] * 20 + [v for i in range(5) for v in ((2, 0, 14), (-2, 0, -14))[i % 2]])
    monkeypatch.setattr(captcha, "_rand", lambda _low, _high: next(placed))
    shot = tmp_path / "captcha.png"
    box = _draw("57275", scale, shot)
    ink, _scale = ink_of(QImage(str(shot)), box)
    assert len(_pieces(ink)) < 5  # the drawing is the case meant: some digits touch
    assert read_captcha(shot, box) == "57275"
