"""The trainers' reports read the right rows: a class's grid, its hardest questions with the
wrong choices picked, time spent; CSV with a byte-order mark, a PDF; every query indexed."""

from __future__ import annotations

import pytest

from kiosk.core.lessons.model import Mastery
from kiosk.services.class_reports import (
    IN_PROGRESS,
    MASTERED,
    NOT_STARTED,
    class_report,
    class_rows,
    learner_progress,
    learner_rows,
    read_course,
)
from kiosk.services.learners import Learners, hash_password
from kiosk.services.progress import Progress
from kiosk.services.report_files import Table, report_html, write_csv, write_pdf
from kiosk.services.store import open_store

HASH = None


@pytest.fixture(scope="module")
def course():
    return read_course()


@pytest.fixture
def store(tmp_path):
    global HASH
    HASH = HASH or hash_password(("apple", "key", "cup"))
    store = open_store(tmp_path)
    yield store
    store.close()


def answer(progress, learner, key, item, chosen, correct, ms=1000):
    pack, lesson = key
    progress.record_answer(learner, pack, lesson, item, chosen, correct, 1, ms, 1, {})


def test_a_class_report_counts_only_its_learners_and_ranks_by_learners_wrong(store, course):
    learners, progress = Learners(store), Progress(store)
    tuesday = learners.create_class("سه‌شنبه")
    empty = learners.create_class("Empty")
    other = learners.create_class("Other")
    maryam = learners.enrol("Maryam", "cat", HASH, tuesday)
    reza = learners.enrol("Reza", "sheep", HASH, tuesday)
    outsider = learners.enrol("Ali", "bird", HASH, other)
    learners.create_guest()
    # Module 0's two lessons (the baseline before them is a lesson of the course too).
    index = course.index()
    first, second = (course.lessons[index[("basics", i)]] for i in ("first-screen", "ask-operator"))
    at = index[first.key]
    # One learner answering one item wrong a thousand times...
    for _ in range(1000):
        answer(progress, maryam, first.key, "which-repeat", ("help",), False, ms=10)
    # ...is less of a class problem than two learners each getting another item wrong once.
    for learner in (maryam, reza):
        answer(progress, learner, second.key, "stuck", ("leave",), False)
    answer(progress, reza, second.key, "stuck", ("ask",), True, ms=2000)
    answer(progress, outsider, second.key, "operator-code", ("tell",), False)
    progress.complete(maryam, *first.key, Mastery("all"), [True])
    progress.save_step(reza, *first.key, 2, {})

    rows, total = class_rows(store.db)
    assert [(r.name, r.learners) for r in rows] == [("Empty", 0), ("Other", 1), ("سه‌شنبه", 2)]
    assert total == 3  # the guest is not a learner of the centre
    assert [r.nickname for r in learner_rows(store.db, tuesday)] == ["Maryam", "Reza"]
    assert len(learner_rows(store.db, None)) == 3

    report = class_report(store.db, tuesday, course)
    assert [r.nickname for r in report.learners] == ["Maryam", "Reza"]
    assert report.states[0][at] == MASTERED and report.states[1][at] == IN_PROGRESS
    assert report.states[0][at + 2] == NOT_STARTED and report.states[0][0] == NOT_STARTED
    assert report.ms[0][at] == 10_000 and report.ms[0][at + 1] == 1000
    assert report.ms[1][at + 1] == 3000
    hardest, then = report.difficult[:2]
    assert hardest.key == ("basics", "ask-operator", "stuck")
    assert (hardest.answers, hardest.wrong, hardest.learners_wrong) == (3, 2, 2)
    assert hardest.picked == ((("leave",), 2),)
    assert then.key[2] == "which-repeat" and then.wrong == 1000 and then.learners_wrong == 1
    assert all(d.key[2] != "operator-code" for d in report.difficult)  # another class's

    none = class_report(store.db, empty, course)
    assert none.learners == [] and none.states == [] and none.difficult == []
    mine = learner_progress(store.db, maryam, course)
    assert mine[at] == (MASTERED, 3, True) and mine[at + 1] == (IN_PROGRESS, 0, False)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT id FROM learners WHERE class_id = 'x' AND guest = 0 ORDER BY nickname",
        "SELECT id FROM learners WHERE guest = 0 ORDER BY nickname",
        "SELECT a.ms FROM learners l JOIN answers a ON a.learner_id = l.id "
        "WHERE l.class_id = 'x' AND l.guest = 0",
        "SELECT p.mastered FROM learners l JOIN lesson_progress p ON p.learner_id = l.id "
        "WHERE l.class_id = 'x' AND l.guest = 0",
        "SELECT count(*) FROM learners l WHERE l.class_id = 'x' AND l.guest = 0",
    ],
)
def test_every_query_of_the_pages_uses_an_index(store, sql):
    plan = " ".join(row[3] for row in store.db.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
    assert "TEMP B-TREE" not in plan, plan


def test_csv_has_a_byte_order_mark_and_persian_intact(tmp_path):
    table = Table("پیشرفت", ["نام", "درس ۱"], [["مریم", "✓ آموخته"], ['a "quoted", one', "1"]])
    path = write_csv(tmp_path / "grid.csv", table)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["نام,درس ۱", "مریم,✓ آموخته", '"a ""quoted"", one",1']
    assert not list(tmp_path.glob(".*partial"))


def test_a_report_that_cannot_be_written_says_where_and_leaves_nothing(tmp_path):
    from kiosk.core.notices import NoticeError

    missing = tmp_path / "no-such-stick" / "grid.csv"
    with pytest.raises(NoticeError) as caught:
        write_csv(missing, Table("t", ["a"], [["1"]]))
    assert str(missing) in caught.value.notice.text()
    assert not missing.parent.exists()


def test_pdf_is_written_right_to_left_with_every_value_escaped(qapp, tmp_path):
    table = Table("پیشرفت", ["نام"], [["<b>مریم</b>"]])
    page = report_html("گزارش کلاس", ["کلاس: سه‌شنبه"], [table], rtl=True)
    assert 'dir="rtl"' in page and "&lt;b&gt;مریم&lt;/b&gt;" in page and "<b>" not in page
    path = write_pdf(tmp_path / "report.pdf", page, rtl=True)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and b"Vazirmatn" in data


def assessed_pack(root, before="lesson-0000", after="lesson-0002"):
    import json

    from tools.synthetic_pack import write_pack

    folder = write_pack(root / "sample", lessons=3)
    data = json.loads((folder / "pack.json").read_text(encoding="utf-8"))
    data["assessment"] = {"before": before, "after": after}
    (folder / "pack.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_gain_compares_the_first_tries_at_the_same_items_before_and_after(store, tmp_path):
    from kiosk.services.class_reports import Course, class_gain
    from kiosk.services.lessons import load_pack

    report = load_pack(assessed_pack(tmp_path))
    assert report.ok, report.faults
    course = Course.of([report.pack])
    [assessment] = course.assessments
    assert assessment.items == ("q1", "q2", "q3", "q4")
    learners, progress = Learners(store), Progress(store)
    group = learners.create_class("Group")
    maryam = learners.enrol("Maryam", "cat", HASH, group)
    reza = learners.enrol("Reza", "sheep", HASH, group)
    sara = learners.enrol("Sara", "bird", HASH, group)
    before, after = ("sample", "lesson-0000"), ("sample", "lesson-0002")
    # Maryam: 1 of 4 right before (a later right try does not count), 3 of 4 after.
    answer(progress, maryam, before, "q1", ("a",), True)
    answer(progress, maryam, before, "q2", ("a",), False)
    answer(progress, maryam, before, "q2", ("a",), True)
    for item, right in (("q1", True), ("q2", True), ("q3", True), ("q4", False)):
        answer(progress, maryam, after, item, ("a",), right)
    # Reza: everything right before, half after; Sara: only the baseline so far.
    for item in ("q1", "q2", "q3", "q4"):
        answer(progress, reza, before, item, ("a",), True)
        answer(progress, sara, before, item, ("a",), False)
    for item, right in (("q1", True), ("q2", False)):
        answer(progress, reza, after, item, ("a",), right)
    result = class_report(store.db, group, course)
    gains = {row.nickname: g for row, [g] in zip(result.learners, result.gains, strict=True)}
    assert (gains["Maryam"].before, gains["Maryam"].after) == (0.25, 0.75)
    assert gains["Maryam"].gain == 0.5
    assert gains["Reza"].gain == 0.25 - 1.0  # unanswered items count as not right
    assert (
        gains["Sara"].before == 0.0 and gains["Sara"].after is None and gains["Sara"].gain is None
    )
    mean_before, mean_after, mean_gain, counted = class_gain([g for [g] in result.gains])
    assert counted == 2 and mean_before == 0.625 and mean_after == 0.5 and mean_gain == -0.125


def test_an_assessment_must_name_listed_lessons_that_share_items(tmp_path):
    import json

    from kiosk.services.lessons import load_pack

    report = load_pack(assessed_pack(tmp_path, after="nowhere"))
    [fault] = report.faults
    assert fault.pointer == "/assessment/after" and "nowhere" in fault.notice.text()
    folder = assessed_pack(tmp_path / "other")
    lesson = folder / "lessons" / "lesson-0002.json"
    data = json.loads(lesson.read_text(encoding="utf-8"))
    for step in data["steps"]:
        for item in step.get("items", ()):
            item["id"] = "other-" + item["id"]
    lesson.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = load_pack(folder)
    [fault] = report.faults
    assert fault.pointer == "/assessment" and "share no quiz item" in fault.notice.message
    assert "lesson-0002" in fault.notice.text()
