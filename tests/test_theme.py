"""The theme meets the kiosk checklist: contrast, text size, target size, in both palettes."""

from __future__ import annotations

import pytest

from kiosk.ui.theme import BODY_PX, HIGH_CONTRAST, NORMAL, TARGET_PX, Theme, contrast_ratio


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high-contrast"])
def test_text_pairs_reach_4_5_to_1(palette):
    pairs = [
        (palette.text, palette.window),
        (palette.muted_text, palette.window),
        (palette.tile_text, palette.learn),
        (palette.tile_text, palette.help),
        (palette.tile_text, palette.staff),
        (palette.tile_text, palette.bar),
        (palette.notice_text, palette.notice_bg),
        (palette.tile_text, palette.face_bad),
        (palette.tile_text, palette.face_ok),
        (palette.tile_text, palette.face_good),
    ]
    for foreground, background in pairs:
        assert contrast_ratio(foreground, background) >= 4.5, (foreground, background)


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high-contrast"])
def test_controls_and_focus_ring_reach_3_to_1(palette):
    faces = (palette.face_bad, palette.face_ok, palette.face_good)
    for control in (palette.learn, palette.help, palette.staff, palette.bar, *faces):
        boundary = palette.edge or control
        assert contrast_ratio(boundary, palette.window) >= 3, control
    assert contrast_ratio(palette.focus, palette.window) >= 3


def test_high_contrast_beats_normal():
    assert contrast_ratio(HIGH_CONTRAST.text, HIGH_CONTRAST.window) > contrast_ratio(
        NORMAL.text, NORMAL.window
    )


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_sizes_scale_with_text_size(qapp, scale):
    theme = Theme(scale)
    assert theme.px(BODY_PX) >= 24 * scale / 100
    assert theme.px(TARGET_PX) >= 64
    sheet = theme.style_sheet()
    assert f"font-size: {theme.px(BODY_PX)}px" in sheet
    assert f"min-height: {theme.px(TARGET_PX)}px" in sheet


def test_high_contrast_applies_live(qapp, qtbot):
    theme = Theme(100)
    with qtbot.waitSignal(theme.changed, timeout=1000):
        theme.set_high_contrast(True)
    assert HIGH_CONTRAST.window in qapp.styleSheet()
