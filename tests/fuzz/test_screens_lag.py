"""Issue 14: the Learn and Get help screens open over hostile packs and catalogues without
blocking the UI thread, and still offer the good neighbours.

The screens are built once (building pages is layout work, measured by bench/); then, for each
case Hypothesis makes, a copy of a shipped pack or a recorded-services folder is damaged and
the screen is opened again, reading the files anew: the reading (`load_packs`,
`load_services`, watched as in tests/lag.py) must run, and never on the UI thread. No time is
asserted (bench/ui_stalls.py measures how long the UI waits as Get help opens)."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings

from kiosk.services import assist_catalog, lessons
from kiosk.services.assist_catalog import BUNDLED, RECORDED, load_services
from kiosk.services.lessons import LESSONS_DIR
from tests.fuzz.conftest import count
from tests.fuzz.test_hostile_files import FAST, pack_cases, service_cases, spoil
from tests.lag import tap_and_wait, watched


@pytest.fixture
def kiosk(make_kiosk, qtbot, tmp_path, monkeypatch):
    """A kiosk over two copies of the shipped pack, its Learn and Get help screens built."""
    root = tmp_path / "packs"
    shutil.copytree(LESSONS_DIR / "basics", root / "good")
    shutil.copytree(LESSONS_DIR / "basics", root / "mutant")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))
    built = make_kiosk("en")
    built.window.show_screen("learn")
    built.window.show_screen("help")
    help_screen = built.window.screens["help"]
    qtbot.waitUntil(lambda: help_screen.services.loaded and not help_screen.loading.busy)
    built.window.show_screen("home")
    built.packs = root
    return built


def opened_off_the_ui_thread(qtbot, owner, name, done_signal, open_screen) -> None:
    """`open_screen()`, its reading `owner.name` watched, until `done_signal`: the reading
    ran, and not on the UI thread."""
    with pytest.MonkeyPatch.context() as patch:
        reading = watched(getattr(owner, name))
        patch.setattr(owner, name, reading)
        arrived = tap_and_wait(qtbot, open_screen, done_signal, [reading])
    assert reading.calls and not reading.ui_calls, reading
    assert arrived


@settings(FAST, max_examples=10)
@given(case=pack_cases())
def test_learn_opens_over_a_hostile_pack_without_blocking(kiosk, qtbot, tmp_path, case):
    count("Learn lag")
    target, (kind, value) = case
    learn, root = kiosk.window.screens["learn"], kiosk.packs

    kiosk.window.show_screen("home")
    shutil.rmtree(root / "mutant")
    shutil.copytree(root / "good", root / "mutant")
    path = root / "mutant" / target
    spoil(path, kind, value, tmp_path / "outside.json")
    opened_off_the_ui_thread(
        qtbot, lessons, "load_packs", learn.reading.succeeded,
        lambda: kiosk.window.show_screen("learn"),
    )  # fmt: skip
    assert [p.root for p in learn.session.packs][:1] == [str(root / "good")]
    assert learn.pages.currentWidget() is learn.entry


@settings(FAST, max_examples=10)
@given(case=service_cases())
def test_get_help_opens_over_a_hostile_catalogue_without_blocking(kiosk, qtbot, tmp_path, case):
    count("Get help lag")
    flow, target, (kind, value) = case
    help_screen = kiosk.window.screens["help"]
    folder = kiosk.data_dir / RECORDED
    bundled = [s.flow.id for s in load_services([BUNDLED])[0]]

    kiosk.window.show_screen("home")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copy(flow, folder / "flow.json")
    (folder / "services.json").write_text('{"services": [{"flow": "flow.json"}]}')
    path = folder / target
    spoil(path, kind, value, tmp_path / "outside.json")
    opened_off_the_ui_thread(
        qtbot, assist_catalog, "load_services", help_screen.loading.succeeded,
        lambda: kiosk.window.show_screen("help"),
    )  # fmt: skip
    offered = [s.flow.id for s in help_screen.services.services]
    assert offered[: len(bundled)] == bundled
    assert len(help_screen.services.tiles) == len(offered)  # a tile for each service offered
