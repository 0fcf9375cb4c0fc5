"""A lesson step or a picture choice may name a control of the kiosk (`"control": "repeat"`):
it is shown with the pictogram the interface draws on that control. An unknown name is a fault
that lists the known ones."""

from __future__ import annotations

from kiosk.core.lessons.controls import CONTROLS
from kiosk.core.lessons.validation import schema
from kiosk.services.lessons import load_pack
from tests.lessons.test_loader import edit, fault_texts
from tools.synthetic_pack import write_pack


def test_the_schema_offers_exactly_the_controls_the_kiosk_knows():
    assert schema("lesson")["$defs"]["control"]["enum"] == list(CONTROLS)


def test_a_step_and_a_picture_choice_carry_their_control(tmp_path):
    folder = write_pack(tmp_path / "sample", lessons=1)

    def change(data):
        data["steps"][0]["control"] = "repeat"
        choice = data["steps"][3]["items"][2]["choices"][0]  # a picture question's choice
        choice.pop("pictogram")
        choice["control"] = "ask"

    edit(folder, "lesson-0000", change)
    report = load_pack(folder)
    assert report.ok, fault_texts(report)
    lesson = report.pack.lesson("lesson-0000")
    assert lesson.steps[0].control == "repeat"
    assert lesson.steps[3].items[2].choices[0].control == "ask"
    assert lesson.steps[1].control is None


def test_an_unknown_control_is_named_with_the_known_ones(tmp_path):
    folder = write_pack(tmp_path / "sample", lessons=1)
    edit(folder, "lesson-0000", lambda d: d["steps"][0].update(control="volume"))
    report = load_pack(folder)
    assert report.pack is None
    [text] = fault_texts(report)
    assert text.startswith("sample/lessons/lesson-0000.json at /steps/0/control:")
    assert "volume" in text and "repeat" in text and "text_size" in text


def test_a_picture_choice_needs_a_pictogram_or_a_control(tmp_path):
    folder = write_pack(tmp_path / "sample", lessons=1)
    edit(folder, "lesson-0000", lambda d: d["steps"][3]["items"][2]["choices"][0].pop("pictogram"))
    report = load_pack(folder)
    assert report.pack is None
    assert any(
        "/steps/3/items/2/choices/0:" in t and "pictogram" in t for t in fault_texts(report)
    ), fault_texts(report)
