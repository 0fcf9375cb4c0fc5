"""`kiosk flows validate`: every fault with file and JSON pointer, exit status for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk import i18n
from kiosk.cli import main
from tests.guide.sample import sample


def test_validate_prints_each_fault_with_file_and_pointer(tmp_path: Path, capsys) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(sample()), encoding="utf-8")
    broken = sample()
    broken["steps"][2]["target"] = [{"role": "button"}]
    del broken["hosts"]
    bad.write_text(json.dumps(broken), encoding="utf-8")
    try:
        status = main(["flows", "validate", "--language", "en", str(good), str(bad)])
    finally:
        i18n.set_language("fa")
    out = capsys.readouterr().out
    assert status == 1
    assert f"{bad}: /: “hosts” is missing." in out
    assert f"{bad}: /steps/2/target/0: “accessible_name” is missing." in out
    assert f"{good}: ok (test.signin, version 3, 7 steps)" in out


def test_validate_a_folder_of_good_flows_exits_zero(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.json").write_text(json.dumps(sample()), encoding="utf-8")
    assert main(["flows", "validate", str(tmp_path)]) == 0


def test_unreadable_or_missing_files_are_faults(tmp_path: Path, capsys) -> None:
    assert main(["flows", "validate", str(tmp_path / "nope.json")]) == 1
    assert main(["flows", "validate", str(tmp_path)]) == 2  # an empty folder: nothing to check
