"""Session records hold only flow, times, outcome, steps, feedback and operator; the staff page
"Assisted sessions" lists today's and where people stop per flow version."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.services.assist import (
    drop_off,
    end_session,
    record_feedback,
    sessions,
    start_session,
)
from kiosk.services.store import open_store
from tests.staff.test_staff_ui import sign_in, with_accounts

COLUMNS = {
    "id",
    "flow_id",
    "flow_version",
    "started_at",
    "ended_at",
    "outcome",
    "end_step",
    "steps_reached",
    "selector_missing",
    "satisfaction",
    "solved",
    "operator_id",
}


def test_records_have_no_room_for_citizen_data(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert set(store.db["assist_sessions"].columns_dict) == COLUMNS
    first = start_session(store, "practice.signin", 1, "op-1")
    end_session(store, first, "abandoned", step=5, steps_reached=5, missing=["mobile"])
    record_feedback(store, first, 1, False)
    second = start_session(store, "practice.signin", 1, None)
    end_session(store, second, "completed", step=7, steps_reached=7)
    third = start_session(store, "practice.signin", 2, None)
    end_session(store, third, "portal_unavailable", step=1, steps_reached=1)
    with pytest.raises(ValueError):
        end_session(store, third, "lost", step=1, steps_reached=1)
    with pytest.raises(ValueError):
        record_feedback(store, third, 5, None)
    rows = sessions(store)
    assert [r["outcome"] for r in rows] == ["abandoned", "completed", "portal_unavailable"]
    assert rows[0]["selector_missing"] == ["mobile"] and rows[0]["solved"] == 0
    v1, v2 = drop_off(store)
    assert (v1.version, v1.total, v1.completed, v1.stopped_at) == (1, 2, 1, {5: 1})
    assert v1.missing == {"mobile": 1}
    assert (v2.version, v2.total, v2.stopped_at) == (2, 1, {1: 1})
    store.close()


def test_operator_sees_todays_sessions_and_drop_off(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk("en")
    _admin, operator = with_accounts(kiosk)
    first = start_session(kiosk.store, "practice.feedback", 1, operator.id)
    end_session(kiosk.store, first, "abandoned", step=3, steps_reached=3, missing=["subject"])
    record_feedback(kiosk.store, first, 2, True)
    screen = sign_in(qtbot, kiosk, operator, "864200")
    home = screen.page
    tile = home.tiles["assist_report"]
    assert tile.isVisible()
    assert not home.tiles["settings"].isVisible()
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    page = screen.page
    qtbot.waitUntil(lambda: bool(page.report.text()), timeout=5000)  # read in the background
    text = page.report.text()
    flow = _bundled_flow("practice.feedback")
    subject = [step.id for step in flow.steps].index("subject") + 1
    assert "Today: 1 session." in text
    # Staff read the service's title, never its flow id or a step id.
    assert f"{flow.title['en']} (version 1): abandoned, step 3" in text
    assert "practice.feedback" not in text and "subject" not in text
    assert "How it felt: 2 of 3" in text and "The problem was solved." in text
    assert "Stopped at step 3: 1" in text
    assert f"The guide could not find its place at step {subject}: 1" in text
    # A language switch re-translates the rows already read: no second query.
    read = page.reading.run
    page.reading.run = lambda *args: pytest.fail("the report was read again")
    kiosk.language.set_language("fa")
    assert "جلسه" in page.report.text() and flow.title["fa"] in page.report.text()
    assert "practice.feedback" not in page.report.text()
    page.reading.run = read


def test_a_session_cut_off_by_a_crash_is_closed_at_the_next_start(make_kiosk, qtbot) -> None:
    """A kill leaves a record open; the next kiosk closes it as cut off, not "still open"."""
    kiosk = make_kiosk("en")
    _admin, operator = with_accounts(kiosk)
    cut = start_session(kiosk.store, "practice.feedback", 1, None)
    done = start_session(kiosk.store, "practice.feedback", 1, None)
    end_session(kiosk.store, done, "completed", step=4, steps_reached=4)
    kiosk.window.close()
    kiosk.shutdown()
    again = make_kiosk("en")  # the same data folder: the next start
    assert again.data_dir == kiosk.data_dir
    outcomes = {row["id"]: row["outcome"] for row in sessions(again.store)}
    assert outcomes == {cut: "interrupted", done: "completed"}
    screen = sign_in(qtbot, again, operator, "864200")
    qtbot.mouseClick(screen.page.tiles["assist_report"], Qt.MouseButton.LeftButton)
    page = screen.page
    qtbot.waitUntil(lambda: bool(page.report.text()), timeout=5000)
    assert "cut off (the kiosk stopped)" in page.report.text()
    assert "still open" not in page.report.text()


def test_a_removed_service_is_named_in_words(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk("en")
    _admin, operator = with_accounts(kiosk)
    gone = start_session(kiosk.store, "recorded.tax-2019", 3, None)
    end_session(kiosk.store, gone, "abandoned", step=2, steps_reached=2, missing=["x"])
    screen = sign_in(qtbot, kiosk, operator, "864200")
    qtbot.mouseClick(screen.page.tiles["assist_report"], Qt.MouseButton.LeftButton)
    page = screen.page
    qtbot.waitUntil(lambda: bool(page.report.text()), timeout=5000)
    text = page.report.text()
    assert "a service no longer offered (version 3)" in text
    assert "a step the service no longer has: 1" in text
    assert "tax-2019" not in text


def _bundled_flow(flow_id: str):
    from kiosk.services.assist_catalog import load_services, service_folders

    services, _faults = load_services(service_folders(None))
    return next(s.flow for s in services if s.flow.id == flow_id)
