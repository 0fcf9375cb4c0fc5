"""Signed content updates: published on one machine, verified and installed on kiosks; every bad
input refused with a clear message while the installed content stays in use."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.notices import NoticeError
from kiosk.services.assist_catalog import BUNDLED, load_services, save_recorded, service_folders
from kiosk.services.content import installed
from kiosk.services.content_install import install_bundle, rollback
from kiosk.services.content_publish import pack_folder
from kiosk.services.lessons import LESSONS_DIR, load_packs
from kiosk.services.staff import audit_rows
from kiosk.services.store import open_store
from kiosk.services.updates import Source, Updater
from tests.updates.conftest import trusting_kiosk, voice_pack

PAY_BILL = "assist.practice.pay-bill"


def fixed_flow() -> dict:
    """The bundled bill flow as fixed for a portal that renamed its national ID field."""
    data = json.loads((BUNDLED / "pay_bill.json").read_text(encoding="utf-8"))
    data["version"] += 1
    data["steps"][0]["target"].insert(0, {"css": "#nid-renamed"})
    return data


def test_a_flow_fixed_on_one_kiosk_and_published_reaches_a_second_kiosk(
    tmp_path, publisher, mirror
):
    # Kiosk A: an operator fixes the flow for the changed portal (saved as a recorded flow).
    kiosk_a = tmp_path / "kiosk-a"
    save_recorded(kiosk_a / "flows", fixed_flow(), {"pictogram": "assist_bill", "minutes": 10})
    # The publisher signs kiosk A's flows folder as a services bundle.
    published = publisher.publish([("services", kiosk_a / "flows", "water-bill")])
    assert [(b.kind, b.id, b.version) for b in published] == [("services", "water-bill", 1)]
    # Kiosk B: before the update it uses the bundled flow.
    kiosk_b = trusting_kiosk(tmp_path / "kiosk-b", publisher)
    before = {s.flow.id: s for s in load_services(service_folders(kiosk_b))[0]}
    assert before[PAY_BILL].flow.version == 1
    updater = Updater(kiosk_b, Source(mirror))
    offers = updater.check()
    assert [(o.kind, o.id, o.version, o.installed) for o in offers] == [
        ("services", "water-bill", 1, None)
    ]
    updater.install(offers[0])
    after = {s.flow.id: s for s in load_services(service_folders(kiosk_b))[0]}
    assert after[PAY_BILL].flow.version == 2
    assert after[PAY_BILL].path.is_relative_to(kiosk_b / "content" / "services" / "water-bill")
    assert Updater(kiosk_b, Source(mirror)).check() == []  # nothing newer now


def test_lesson_pack_update_replaces_the_bundled_pack_and_rolls_back(
    tmp_path, publisher, mirror, monkeypatch
):
    pack = tmp_path / "basics"
    shutil.copytree(LESSONS_DIR / "basics", pack)
    publisher.publish([("lessons", pack, None)])
    kiosk = trusting_kiosk(tmp_path / "data", publisher)
    data = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    data["title"]["en"] = "Basics, second edition"
    (pack / "pack.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    updater = Updater(kiosk, Source(mirror))
    updater.install(updater.check()[0])
    publisher.publish([("lessons", pack, None)])
    updater = Updater(kiosk, Source(mirror))
    (offer,) = updater.check()
    assert (offer.version, offer.installed) == (2, 1)
    updater.install(offer)
    packs, broken = load_packs()
    assert not broken
    assert [p.title.text["en"] for p in packs if p.id == "basics"] == ["Basics, second edition"]
    back = rollback(kiosk, "lessons", "basics")
    assert (back.version, back.previous) == (1, 2)
    packs, _ = load_packs()
    assert [p.title.text["en"] for p in packs if p.id == "basics"] == ["E-government basics"]


def test_the_command_line_publishes_installs_and_audits(tmp_path, publisher, mirror):
    kiosk_env = {
        **os.environ,
        "KIOSK_DATA_DIR": str(tmp_path / "cli-kiosk"),
        "KIOSK_LANGUAGE": "en",
    }

    def kiosk(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kiosk", *args],
            env=kiosk_env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    voices = voice_pack(tmp_path / "fa-voice", 10)
    keys, repo = str(publisher.keys), str(publisher.folder)
    assert kiosk("content", "publish", "--keys", keys, "--repo", repo).returncode == 2
    made = kiosk("content", "publish", "--keys", keys, "--repo", repo, "--voices", str(voices))
    assert made.returncode == 0, made.stderr
    assert "voices “fa-voice” version 1" in made.stdout
    root = str(publisher.folder / "metadata" / "root.json")
    assert kiosk("content", "trust", root).returncode == 0
    done = kiosk("content", "update", mirror)
    assert done.returncode == 0, done.stderr
    assert "Installed voices “fa-voice” version 1." in done.stdout
    rotated = kiosk("content", "keys", "rotate", "targets", "--keys", keys, "--repo", repo)
    assert rotated.returncode == 0, rotated.stderr
    voice_pack(voices, 20, b"w")
    assert kiosk("content", "publish", "--keys", keys, "--repo", repo, "--voices", str(voices))
    assert "version 2" in kiosk("content", "update", mirror).stdout  # the new key is trusted
    assert kiosk("content", "rollback", "voices", "fa-voice").returncode == 0
    store = open_store(tmp_path / "cli-kiosk")
    actions = [(r["actor"], r["action"], r["details"]["version"]) for r in audit_rows(store)]
    store.close()
    assert actions == [
        ("shell", "content.install", 1),
        ("shell", "content.install", 2),
        ("shell", "content.rollback", 1),
    ]


# Bad input ---------------------------------------------------------------------------------


@pytest.fixture
def in_use(tmp_path, publisher, mirror):
    """A kiosk with version 1 of a voice pack installed from the mirror; returns a check that
    it is still installed, unchanged and what the loader reads."""
    voice_pack(tmp_path / "voice", 1000)
    publisher.publish([("voices", tmp_path / "voice", None)])
    kiosk = trusting_kiosk(tmp_path / "data", publisher)
    updater = Updater(kiosk, Source(mirror))
    updater.install(updater.check()[0])
    voice_pack(tmp_path / "voice", 3 * 2**20, b"n")  # version 2 on the publisher: 3 MB

    def untouched() -> None:
        (bundle,) = installed(kiosk)
        assert (bundle.id, bundle.version) == ("voice", 1)
        assert (bundle.path / "greeting.wav").read_bytes() == b"v" * 1000
        leftovers = [p.name for p in bundle.path.parent.iterdir() if p.name.startswith(".")]
        assert leftovers == []

    return kiosk, untouched


def refused(work) -> str:
    with pytest.raises(NoticeError) as caught:
        work()
    return caught.value.notice.text()


def target_file(publisher, kind: str = "voices") -> Path:
    return max((publisher.targets_dir / kind).rglob("*.tar"), key=lambda p: p.stat().st_mtime)


def test_a_tampered_bundle_is_refused(publisher, mirror, in_use):
    kiosk, untouched = in_use
    publisher.publish([("voices", Path(publisher.folder.parent / "voice"), None)])
    path = target_file(publisher)
    data = bytearray(path.read_bytes())
    data[-5000] ^= 0xFF
    path.write_bytes(bytes(data))
    updater = Updater(kiosk, Source(mirror))
    (offer,) = updater.check()
    assert "does not match its signature" in refused(lambda: updater.install(offer))
    untouched()


def test_truncated_bundle_is_refused(publisher, mirror, in_use):
    kiosk, untouched = in_use
    publisher.publish([("voices", Path(publisher.folder.parent / "voice"), None)])
    path = target_file(publisher)
    path.write_bytes(path.read_bytes()[: 2**20])
    updater = Updater(kiosk, Source(mirror))
    (offer,) = updater.check()
    assert "does not match its signature" in refused(lambda: updater.install(offer))
    untouched()


def test_tampered_metadata_is_refused(publisher, mirror, in_use):
    kiosk, untouched = in_use
    publisher.publish([("voices", Path(publisher.folder.parent / "voice"), None)])
    newest = max(publisher.metadata.glob("*.targets.json"), key=lambda p: int(p.name.split(".")[0]))
    data = json.loads(newest.read_text())
    for target in data["signed"]["targets"].values():
        target["length"] += 1  # a forger's edit, without the publisher's key
    newest.write_text(json.dumps(data))
    assert "not signed by the publisher" in refused(Updater(kiosk, Source(mirror)).check)
    untouched()


def test_expired_metadata_is_refused(publisher, mirror, in_use):
    kiosk, untouched = in_use
    folder = Path(publisher.folder.parent / "voice")
    publisher.publish([("voices", folder, None)], expires_days={"timestamp": -1})
    assert "have expired" in refused(Updater(kiosk, Source(mirror)).check)
    untouched()


def test_an_older_bundle_and_an_older_copy_of_the_updates_are_refused(
    tmp_path, publisher, mirror, in_use
):
    kiosk, untouched = in_use
    older = tmp_path / "old-copy"
    shutil.copytree(publisher.folder, older)  # a stick made before the next publication
    publisher.publish([("voices", tmp_path / "voice", None)])
    updater = Updater(kiosk, Source(mirror))
    updater.check()  # the kiosk has now seen the newer publication
    message = refused(Updater(kiosk, Source(str(older))).check)
    assert "older than those this kiosk has already seen" in message
    # A bundle older than the one installed (signed, but a downgrade) is refused too.
    archive = tmp_path / "v0.tar"
    archive.write_bytes(pack_folder(voice_pack(tmp_path / "old-voice", 10)))
    message = refused(lambda: install_bundle(kiosk, "voices", "voice", 0, archive))
    assert "older than the installed version 1" in message
    untouched()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("html", "did not answer with update files"),
        ("404", "has no updates (the server answered 404"),
        ("loop", "loop of redirects"),
        ("silent", "did not answer in time"),
    ],
)
def test_a_bad_mirror_is_refused(misbehaving, in_use, kind, expected):
    kiosk, untouched = in_use
    source = Source(misbehaving(kind))
    assert expected in refused(Updater(kiosk, source, timeout=1).check)
    untouched()


def test_a_usb_stick_pulled_mid_copy_is_refused(tmp_path, publisher, in_use):
    kiosk, untouched = in_use
    publisher.publish([("voices", tmp_path / "voice", None)])
    stick = tmp_path / "media" / "usb0"
    shutil.copytree(publisher.folder, stick / "updates")
    from kiosk.services.updates import find_usb

    found = find_usb([tmp_path / "media"])
    assert found == stick / "updates"
    updater_ready = Updater(kiosk, Source(str(found)))
    (offer,) = updater_ready.check()
    pulled, armed = [], []

    def pull(_size: int) -> None:
        if armed and not pulled:  # the first megabyte is read; then the stick is gone
            pulled.append(True)
            for tar in (stick / "updates" / "targets").rglob("*.tar"):
                os.truncate(tar, 2**20)
            shutil.rmtree(stick)

    updater = Updater(kiosk, Source(str(found)), progress=pull)
    updater.check()
    armed.append(True)
    message = refused(lambda: updater.install(offer))
    assert "does not match its signature" in message or "could not be read" in message
    assert pulled
    untouched()


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system (tmpfs) for the kiosk's data dir."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_is_refused(tmp_path, publisher, mirror, small_disk):
    voice_pack(tmp_path / "voice", 1000)
    publisher.publish([("voices", tmp_path / "voice", None)])
    kiosk = trusting_kiosk(small_disk / "data", publisher)
    updater = Updater(kiosk, Source(mirror))
    updater.install(updater.check()[0])
    voice_pack(tmp_path / "voice", 3 * 2**20, b"n")
    publisher.publish([("voices", tmp_path / "voice", None)])
    updater = Updater(kiosk, Source(mirror))
    (offer,) = updater.check()
    assert "not enough disk space" in refused(lambda: updater.install(offer))
    (bundle,) = installed(kiosk)
    assert bundle.version == 1 and (bundle.path / "greeting.wav").read_bytes() == b"v" * 1000


def test_a_refusal_is_told_in_the_operators_language(publisher, mirror, in_use):
    from kiosk import i18n

    kiosk, untouched = in_use
    publisher.publish(
        [("voices", Path(publisher.folder.parent / "voice"), None)], expires_days={"timestamp": -1}
    )
    i18n.set_language("fa")
    assert "منقضی شده‌اند" in refused(Updater(kiosk, Source(mirror)).check)
    untouched()
