"""Lesson packs: a good pack loads; every fault named with file and JSON pointer; bad packs skip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.services.lessons import load_pack, load_packs
from tools.synthetic_pack import write_pack


def edit(folder: Path, lesson: str, change) -> None:
    path = folder / "lessons" / f"{lesson}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def fault_texts(report, lang="en") -> list[str]:
    i18n.set_language(lang)
    try:
        return [fault.text() for fault in report.faults]
    finally:
        i18n.set_language("fa")


def test_a_valid_pack_loads_with_modules_lessons_and_items(tmp_path):
    folder = write_pack(tmp_path / "sample", lessons=12, per_module=5)
    report = load_pack(folder)
    assert report.ok, fault_texts(report)
    pack = report.pack
    assert [len(m.lessons) for m in pack.modules] == [5, 5, 2]
    lesson = pack.lesson("lesson-0003")
    assert [s.kind for s in lesson.steps] == ["explain", "explain", "practice", "quiz"]
    assert [i.type for i in lesson.items()] == ["single", "multiple", "picture", "ordering"]
    assert lesson.steps[1].text.spoken("fa") == "بلندگو صحبت می‌کند"
    assert Path(lesson.steps[0].pictogram).is_file()


@pytest.mark.parametrize(
    ("change", "pointer", "needle"),
    [
        (lambda d: d["steps"][0].update(kind="video"), "/steps/0/kind", "video"),
        (lambda d: d["steps"][3]["items"][0]["choices"][0].update(correct=False),
         "/steps/3/items/0/choices", "exactly one correct"),
        (lambda d: d["steps"][1].update(id="intro"), "/steps/1/id", "used twice"),
        (lambda d: d["steps"][0]["text"].pop("en"), "/steps/0/text", "no en"),
        (lambda d: d["steps"][0].update(pictogram="pictograms/missing.svg"),
         "/steps/0/pictogram", "missing.svg"),
        (lambda d: d.pop("mastery"), "", "mastery"),
        (lambda d: d["mastery"].update(n=9), "/mastery", "quiz items"),
        (lambda d: d["steps"][3]["items"][3]["choices"][0].update(correct=True),
         "/steps/3/items/3/choices", "right order"),
    ],
)  # fmt: skip
def test_each_fault_is_named_with_file_and_pointer(tmp_path, change, pointer, needle):
    folder = write_pack(tmp_path / "sample", lessons=2)
    edit(folder, "lesson-0001", change)
    report = load_pack(folder)
    assert report.pack is None
    texts = fault_texts(report)
    expected = f"sample/lessons/lesson-0001.json at {pointer or '/'}:"
    assert any(t.startswith(expected) and needle in t for t in texts), texts


def test_every_fault_in_a_pack_is_reported_at_once_in_persian_too(tmp_path):
    folder = write_pack(tmp_path / "sample", lessons=3)
    edit(folder, "lesson-0000", lambda d: d["steps"][0].update(kind="video"))
    edit(folder, "lesson-0002", lambda d: d["steps"][0]["text"].pop("fa"))
    (folder / "lessons" / "lesson-0001.json").write_text("{ not json", encoding="utf-8")
    report = load_pack(folder)
    assert len(report.faults) == 3
    persian = fault_texts(report, "fa")
    assert any("JSON" in t and "lesson-0001" in t for t in persian)
    assert all(" در " in t for t in persian)


def test_a_broken_pack_is_skipped_and_the_others_load(tmp_path):
    write_pack(tmp_path / "good", lessons=2, pack_id="good")
    bad = write_pack(tmp_path / "bad", lessons=2, pack_id="bad")
    (bad / "pack.json").write_text('{"id": "bad"}', encoding="utf-8")
    packs, broken = load_packs(tmp_path)
    assert [p.id for p in packs] == ["good"]
    assert [r.path.name for r in broken] == ["bad"]
    assert any("version" in t for t in fault_texts(broken[0]))


def test_a_practice_step_must_name_an_installed_flow(tmp_path):
    folder = write_pack(tmp_path / "sample", lessons=1)
    edit(folder, "lesson-0000", lambda d: d["steps"][2].update(flow="practice.nowhere"))
    texts = fault_texts(load_pack(folder, {"practice.signin"}))
    assert any("/steps/2/flow" in t and "practice.nowhere" in t for t in texts), texts
    assert load_pack(folder).ok  # without the list of flows, nothing to compare


def test_a_huge_image_is_refused_by_size(tmp_path):
    folder = write_pack(tmp_path / "sample", lessons=1)
    big = folder / "pictograms" / "huge.png"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    edit(folder, "lesson-0000", lambda d: d["steps"][0].update(image="pictograms/huge.png"))
    texts = fault_texts(load_pack(folder))
    assert any("huge.png" in t and "50.0 MB" in t for t in texts), texts


def test_unlisted_lesson_file_and_duplicate_listing(tmp_path):
    folder = write_pack(tmp_path / "sample", lessons=2)
    (folder / "lessons" / "stray.json").write_text("{}", encoding="utf-8")
    pack = json.loads((folder / "pack.json").read_text(encoding="utf-8"))
    pack["modules"][0]["lessons"].append("lesson-0000")
    (folder / "pack.json").write_text(json.dumps(pack), encoding="utf-8")
    texts = fault_texts(load_pack(folder))
    assert any("/modules/0/lessons/2" in t and "twice" in t for t in texts), texts


def test_stray_lesson_is_reported(tmp_path):
    folder = write_pack(tmp_path / "sample", lessons=2)
    (folder / "lessons" / "stray.json").write_text("{}", encoding="utf-8")
    texts = fault_texts(load_pack(folder))
    assert any("stray.json" in t and "not listed" in t for t in texts), texts


def test_the_bundled_packs_are_valid():
    root = Path(__file__).resolve().parents[2] / "lessons"
    packs, broken = load_packs(root)
    assert not broken, [f for r in broken for f in fault_texts(r)][:20]
    assert "basics" in [pack.id for pack in packs]


def test_lessons_validate_command_reports_and_exits_nonzero(tmp_path):
    import subprocess
    import sys

    good = write_pack(tmp_path / "packs" / "good", lessons=2)
    bad = write_pack(tmp_path / "packs" / "bad", lessons=2)
    edit(bad, "lesson-0001", lambda d: d["steps"][0].update(kind="video"))
    command = [sys.executable, "-m", "kiosk", "lessons", "validate", "--language", "en"]
    ok = subprocess.run([*command, str(good)], capture_output=True, text=True)
    assert ok.returncode == 0 and "good: valid, 2 lessons" in ok.stdout
    broken = subprocess.run([*command, str(tmp_path / "packs")], capture_output=True, text=True)
    assert broken.returncode == 1
    assert "bad/lessons/lesson-0001.json at /steps/0/kind" in broken.stdout
