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
    assert "Today: 1 session." in text
    assert "practice.feedback (version 1): abandoned, step 3" in text
    assert "feeling 2 of 3" in text and "solved: yes" in text
    assert "stopped at step 3: 1" in text and "locator missing at “subject”: 1" in text
    # A language switch re-translates the rows already read: no second query.
    read = page.reading.run
    page.reading.run = lambda *args: pytest.fail("the report was read again")
    kiosk.language.set_language("fa")
    assert "جلسه" in page.report.text() and "practice.feedback" in page.report.text()
    page.reading.run = read
