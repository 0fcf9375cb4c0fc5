"""Voice packs installed through content updates are what the speaker plays: installed, updated
and rolled back, each heard at the next reload; a voice bundle the narration cannot read is
refused before it is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.notices import NoticeError
from kiosk.services.content import installed
from kiosk.services.content_install import install_bundle, rollback
from kiosk.services.content_publish import pack_folder
from kiosk.services.updates import Source, Updater
from kiosk.services.voice_pack import (
    Narration,
    installed_voices,
    recordings_root,
    voice_roots,
)
from tests.updates.conftest import GREETING, trusting_kiosk, voice_pack


def install_all(kiosk, mirror) -> None:
    updater = Updater(kiosk, Source(mirror))
    for offer in updater.check():
        updater.install(offer)


def test_an_installed_voice_pack_is_played_and_follows_updates_and_rollbacks(
    tmp_path, publisher, mirror
):
    folder = voice_pack(tmp_path / "greetings", 400, b"v")
    publisher.publish([("voices", folder, None)])
    kiosk = trusting_kiosk(tmp_path / "data", publisher)
    narration = Narration(voice_roots(kiosk), installed_voices(kiosk))
    assert narration.recording("fa", GREETING) is None  # nothing installed yet: synthesis
    install_all(kiosk, mirror)
    narration.reload()
    first = narration.recording("fa", GREETING)
    assert first is not None and Path(first).read_bytes() == b"v" * 400
    assert narration.recording("en", GREETING) is None  # recorded in Persian only
    voice_pack(folder, 400, b"w")  # the trainer records it again; published as version 2
    publisher.publish([("voices", folder, None)])
    install_all(kiosk, mirror)
    narration.reload()
    second = narration.recording("fa", GREETING)
    assert second != first and Path(second).read_bytes() == b"w" * 400
    rollback(kiosk, "voices", "greetings")
    narration.reload()
    assert Path(narration.recording("fa", GREETING)).read_bytes() == b"v" * 400


def test_an_installed_voice_pack_wins_over_the_same_sentence_recorded_before(
    tmp_path, publisher, mirror
):
    publisher.publish([("voices", voice_pack(tmp_path / "greetings", 10, b"n"), None)])
    kiosk = trusting_kiosk(tmp_path / "data", publisher)
    # This kiosk's trainer recorded the same sentence earlier (kept in <data dir>/voices).
    local = voice_pack(recordings_root(kiosk) / "basics" / "fa", 10, b"o")
    narration = Narration(voice_roots(kiosk), installed_voices(kiosk))
    assert narration.recording("fa", GREETING) == str(local / "greeting.wav")
    install_all(kiosk, mirror)
    narration.reload()
    (bundle,) = installed(kiosk, "voices")
    assert narration.recording("fa", GREETING) == str(bundle.path / "greeting.wav")


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ('{"languages": ["fa"]}', "not a voice pack"),
        (
            '{"pack": "p", "voice": "fa", "language": "fa", '
            '"recordings": {"hello": {"file": "gone.wav", "text": "x"}}}',
            "/recordings/hello: the file gone.wav is missing",
        ),
    ],
)
def test_a_voice_bundle_the_narration_cannot_read_is_refused(tmp_path, manifest, expected):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "voice.json").write_text(manifest, encoding="utf-8")
    archive = tmp_path / "broken.tar"
    archive.write_bytes(pack_folder(folder))
    with pytest.raises(NoticeError) as caught:
        install_bundle(tmp_path / "data", "voices", "broken", 1, archive)
    assert expected in caught.value.notice.text()
    assert installed(tmp_path / "data") == []
