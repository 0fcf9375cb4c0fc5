"""The vendored dom-accessibility-api: the guide refuses to start without the right one, and
says which file is wrong (never a silent fall back to weaker matching)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.notices import NoticeError
from kiosk.ui.web import bridge
from tests.guide.web import practice_flow


def test_the_shipped_file_is_the_pinned_version() -> None:
    text = bridge.vendored_a11y()
    assert text.startswith(f"/*! dom-accessibility-api {bridge.A11Y_VERSION} ")
    licence = bridge.A11Y_FILE.with_name("dom-accessibility-api.LICENSE.md")
    assert "MIT" in licence.read_text(encoding="utf-8")


def _refuses(make_tab, monkeypatch, path: Path) -> NoticeError:
    from kiosk.ui.web.session import GuideSession

    monkeypatch.setattr(bridge, "A11Y_FILE", path)
    tab = make_tab("en")
    with pytest.raises(NoticeError) as caught:
        GuideSession(tab.view, practice_flow("signin"), tab.ctx, "operator")
    assert str(path) in caught.value.notice.english()
    return caught.value


def test_a_missing_library_refuses_the_guide_naming_the_file(make_tab, monkeypatch, tmp_path):
    error = _refuses(make_tab, monkeypatch, tmp_path / "dom-accessibility-api.js")
    assert error.notice.message == bridge.VENDOR_MISSING


def test_another_version_refuses_the_guide_naming_both_versions(make_tab, monkeypatch, tmp_path):
    old = tmp_path / "dom-accessibility-api.js"
    text = bridge.A11Y_FILE.read_text(encoding="utf-8")
    old.write_text(text.replace(bridge.A11Y_VERSION, "0.5.4", 1), encoding="utf-8")
    error = _refuses(make_tab, monkeypatch, old)
    assert error.notice.message == bridge.VENDOR_VERSION
    assert "0.5.4" in error.notice.english() and bridge.A11Y_VERSION in error.notice.english()


def test_a_file_that_is_not_the_bundle_refuses_the_guide(make_tab, monkeypatch, tmp_path):
    fake = tmp_path / "dom-accessibility-api.js"
    fake.write_text(f"/*! dom-accessibility-api {bridge.A11Y_VERSION} */\nvar x = 1;\n", "utf-8")
    error = _refuses(make_tab, monkeypatch, fake)
    assert error.notice.message == bridge.VENDOR_VERSION
