"""Tests of `kiosk tts prerender`: catalog texts go into the cache, with a progress bar."""

from __future__ import annotations

import io
from pathlib import Path

from kiosk.cli import build_parser
from kiosk.commands.tts import iter_catalog_texts, iter_pack_texts, prerender, run_prerender
from kiosk.services.speech.base import Voice
from kiosk.services.speech.cache import SpeechCache
from tests.fake_engine import FakeEngine

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Repeat"
msgstr "تکرار"

msgid "Next"
msgstr "بعدی"

msgid "Hello {name}"
msgstr "سلام {name}"

msgid "Untranslated"
msgstr ""
"""


def _locales(tmp_path: Path) -> Path:
    for lang in ("fa", "en"):
        folder = tmp_path / "locales" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "kiosk.po").write_text(PO if lang == "fa" else PO.replace("تکرار", ""), "utf-8")
    return tmp_path / "locales"


def test_catalog_texts(tmp_path: Path) -> None:
    locales = _locales(tmp_path)
    assert list(iter_catalog_texts("fa", locales)) == ["تکرار", "بعدی"]
    # English: the msgid where there is no msgstr; placeholders are never prerendered.
    assert list(iter_catalog_texts("en", locales)) == ["Repeat", "بعدی", "Untranslated"]
    assert list(iter_catalog_texts("ku", locales)) == []


def test_pack_texts_are_what_the_player_speaks(tmp_path: Path, monkeypatch) -> None:
    from tools.synthetic_pack import write_pack

    write_pack(tmp_path / "packs" / "sample", lessons=1)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "packs"))
    texts = list(iter_pack_texts())
    assert ("fa", "بلندگو صحبت می‌کند") in texts  # the `say` override, not the display text
    assert ("fa", "بلندگو صحبت می‌کند.") not in texts
    assert ("en", "Whom do we tell the code?") in texts
    assert ("fa", "گام ۷ از ۷.") in texts and ("en", "Step 1 of 7.") in texts


def test_prerender_fills_the_cache_once(tmp_path: Path) -> None:
    engine = FakeEngine()
    cache = SpeechCache(tmp_path / "speech-cache")
    texts = [("fa", "تکرار"), ("fa", "بعدی"), ("fa", "بعدی"), ("en", "Next. Back."), ("fa", "🙂")]
    out = io.StringIO()
    # Sentences are cached one by one ("Next. Back." is two), the emoji is nothing to say.
    assert prerender(texts, engine, cache, {}, 100, out) == (4, 0)
    assert "4/4" in out.getvalue() and "#" in out.getvalue()
    assert len(list((tmp_path / "speech-cache").glob("*.wav"))) == 4
    assert prerender(texts, engine, cache, {}, 100, io.StringIO()) == (0, 4)
    assert len(engine.calls) == 4


def test_prerender_skips_a_language_without_voice(tmp_path: Path) -> None:
    engine = FakeEngine([Voice("fake/fa", "Fake", ("fa",))])
    out = io.StringIO()
    cache = SpeechCache(tmp_path)
    assert prerender([("en", "Next"), ("fa", "بعدی")], engine, cache, {}, 100, out) == (1, 0)
    assert "no voice for en" in out.getvalue()


def test_command_is_registered_and_runs(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "no-packs"))
    monkeypatch.setattr("kiosk.commands.tts.iter_catalog_texts", lambda lang: iter(["تست"]))
    monkeypatch.setattr("kiosk.services.speech.factory.create_engine", FakeEngine)
    args = build_parser().parse_args(["tts", "prerender", "--language", "fa"])
    assert args.handler is run_prerender
    assert args.handler(args) == 0
    assert len(list((tmp_path / "speech-cache").glob("*.wav"))) == 1
    assert "1 sentences synthesized" in capsys.readouterr().err
