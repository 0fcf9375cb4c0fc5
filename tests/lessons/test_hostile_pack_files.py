"""Issue 14, one regression test per defect found in the lesson pack loader: a lesson or
pack.json that is JSON null, 10,000 levels deep, a link to /dev/zero, a FIFO or a link out of
the pack once crashed or hung the loader (and the Learn screen offered no lessons at all), or
was skipped silently while `kiosk lessons validate` said "No faults found"."""

from __future__ import annotations

import json
import os

import pytest

from kiosk import i18n
from kiosk.cli import main
from kiosk.services.lessons import load_packs
from tools.synthetic_pack import write_pack


def damage(path, how, outside):
    raw = path.read_bytes()
    path.unlink()
    if how == "null":
        path.write_text("null")
    elif how == "deep":
        path.write_text("[" * 10_000 + "]" * 10_000)
    elif how == "dev zero":
        path.symlink_to("/dev/zero")
    elif how == "fifo":
        os.mkfifo(path)
    else:  # a link leading out of the pack, to a file that would be valid
        outside.write_bytes(raw)
        path.symlink_to(outside)


def texts(report):
    i18n.set_language("en")
    try:
        return [fault.text() for fault in report.faults]
    finally:
        i18n.set_language("fa")


@pytest.mark.parametrize("target", ["lessons/lesson-0001.json", "pack.json"])
@pytest.mark.parametrize("how", ["null", "deep", "dev zero", "fifo", "link out"])
def test_a_damaged_lesson_or_pack_file_is_a_fault_naming_it_and_the_good_pack_loads(
    tmp_path, target, how, capsys
):
    root = tmp_path / "packs"
    write_pack(root / "good", lessons=2, pack_id="good")
    bad = write_pack(root / "bad", lessons=2, pack_id="bad")
    damage(bad / target, how, tmp_path / "outside.json")
    packs, broken = load_packs(root)
    assert [p.id for p in packs] == ["good"]
    assert [r.path.name for r in broken] == ["bad"]
    found = texts(broken[0])
    assert any(f"bad/{target}" in t for t in found), found
    assert all(len(t) < 500 for t in found)

    assert main(["lessons", "validate", "--language", "en", str(root)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "No faults found" not in out
    assert f"bad/{target}" in out


def test_a_huge_id_is_quoted_cut_not_repeated_whole(tmp_path):
    folder = write_pack(tmp_path / "packs" / "sample", lessons=1)
    path = folder / "lessons" / "lesson-0000.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["id"] = "x" * 19_000  # under the text limit: it is the message that must stay short
    path.write_text(json.dumps(data), encoding="utf-8")
    _packs, broken = load_packs(tmp_path / "packs")
    found = texts(broken[0])
    assert found and all(len(t) < 500 for t in found), [len(t) for t in found]


def test_a_pictogram_linked_out_of_its_pack_is_a_fault(tmp_path):
    folder = write_pack(tmp_path / "packs" / "sample", lessons=1)
    outside = tmp_path / "secret.svg"
    outside.write_bytes((folder / "pictograms" / "dot.svg").read_bytes())
    (folder / "pictograms" / "dot.svg").unlink()
    (folder / "pictograms" / "dot.svg").symlink_to(outside)
    packs, broken = load_packs(tmp_path / "packs")
    assert not packs
    assert any("pictograms/dot.svg" in t for t in texts(broken[0]))
