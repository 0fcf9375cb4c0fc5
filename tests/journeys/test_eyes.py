"""The journeys' eyes read the practice portal's captcha as its picture is drawn, at the page
zooms the kiosk uses (a wrong reading would send a journey down the guide's error branch)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk.practice_portal import captcha
from tests.journeys.eyes import HEIGHT, WIDTH, read_captcha


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 2.0])
def test_reads_the_captcha_digits(qapp, tmp_path, scale):
    for attempt in range(2):
        answer = captcha.new_answer()
        image = QImage(520, 240, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = [37, 51, round(WIDTH * scale), round(HEIGHT * scale)]
        QSvgRenderer(QByteArray(captcha.svg(answer))).render(painter, QRectF(*box))
        painter.end()
        shot = tmp_path / f"captcha-{attempt}.png"
        assert image.save(str(shot))
        assert read_captcha(shot, box) == answer
