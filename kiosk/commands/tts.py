"""`kiosk tts prerender`: synthesize every pack text and interface message into the speech cache."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kiosk.core.languages import LANGUAGES
from kiosk.core.speech_text import normalise, split_sentences

LOCALE_DIR = Path(__file__).resolve().parent.parent.parent / "locales"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tts", help="speech tools (prerender the speech cache)")
    commands = parser.add_subparsers(title="tts commands", metavar="TTS_COMMAND")
    prerender = commands.add_parser(
        "prerender",
        help="synthesize every lesson text and interface message into the speech cache",
    )
    prerender.add_argument(
        "--rate", type=int, default=None, help="speaking rate in %% (default: the kiosk's setting)"
    )
    prerender.add_argument(
        "--language",
        action="append",
        dest="languages",
        help="only this language (repeatable); default: all",
    )
    prerender.set_defaults(handler=run_prerender)
    parser.set_defaults(handler=lambda _args: parser.print_help() or 2)


def iter_pack_texts() -> Iterator[tuple[str, str]]:
    """Every (language, text) the lesson player speaks: each `say` override where present,
    else the display text, and the "step n of m" line of every screen."""
    from kiosk.core.lessons.run import LessonRun
    from kiosk.i18n import localize_digits, translate
    from kiosk.services.lessons import load_packs

    packs, _broken = load_packs()
    for pack in packs:
        for lesson in pack.lessons():
            texts = [lesson.title]
            for step in lesson.steps:
                texts += [t for t in (step.title, step.text) if t is not None]
                for item in step.items:
                    texts += [item.prompt, item.explanation]
                    for choice in item.choices:
                        texts += [choice.text, choice.feedback]
            total = LessonRun(lesson).total
            for lang in pack.languages:
                for text in texts:
                    yield lang, text.spoken(lang) or text.get(lang)
                for done in range(1, total + 1):
                    yield (
                        lang,
                        translate("Step {done} of {total}", lang).format(
                            done=localize_digits(str(done), lang),
                            total=localize_digits(str(total), lang),
                        )
                        + ".",
                    )


def iter_catalog_texts(lang: str, locale_dir: Path = LOCALE_DIR) -> Iterator[str]:
    """Every message of the interface catalog in `lang` (the msgid where untranslated)."""
    from babel.messages.pofile import read_po

    path = locale_dir / lang / "LC_MESSAGES" / "kiosk.po"
    if not path.is_file():
        return
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in [s for s in strings if s] or ([] if lang != "en" else list(ids)):
            # A placeholder is filled at run time: that text cannot be prerendered whole.
            if "{" not in text:
                yield text


def data_dir() -> Path:
    """The kiosk's data dir."""
    from kiosk.services.paths import data_dir as app_data_dir

    return app_data_dir()


def progress(done: int, total: int, out: TextIO = sys.stderr, width: int = 30) -> None:
    """Draw a one-line progress bar on `out` (redrawn at each whole percent)."""
    if total and done < total and (100 * done // total) == (100 * (done - 1) // total):
        return
    filled = width * done // total if total else width
    out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        out.write("\n")
    out.flush()


def prerender(
    texts: Iterable[tuple[str, str]],
    engine: object,
    cache: object,
    voices: dict[str, str | None],
    rate: int,
    out: TextIO = sys.stderr,
) -> tuple[int, int]:
    """Synthesize each (language, text) into `cache`; returns (rendered, already cached)."""
    from kiosk.services.speech.base import SpeechEngine, choose_voice
    from kiosk.services.speech.cache import SpeechCache, render

    assert isinstance(engine, SpeechEngine) and isinstance(cache, SpeechCache)
    available = engine.voices()
    jobs: list[tuple[str, str]] = []
    for lang, text in texts:
        for sentence in split_sentences(normalise(text, lang), join=False):
            jobs.append((lang, sentence))
    jobs = list(dict.fromkeys(jobs))
    rendered = cached = 0
    missing: set[str] = set()
    for index, (lang, sentence) in enumerate(jobs, 1):
        voice = choose_voice(available, lang, voices.get(lang))
        if voice is None:
            missing.add(lang)
        else:
            _data, was_cached = render(engine, voice, rate, sentence, cache)
            cached += was_cached
            rendered += not was_cached
        progress(index, len(jobs), out)
    for lang in sorted(missing):
        out.write(f"no voice for {lang}: its texts were skipped\n")
    return rendered, cached


def run_prerender(args: argparse.Namespace) -> int:
    from kiosk.services.speech.cache import SpeechCache
    from kiosk.services.speech.factory import CACHE_DIR_NAME, create_engine

    languages = args.languages or list(LANGUAGES)
    texts = [(lang, text) for lang in languages for text in iter_catalog_texts(lang)]
    texts += [(lang, text) for lang, text in iter_pack_texts() if lang in languages]
    try:
        engine = create_engine()
    except Exception as error:
        print(f"no speech engine: {error}", file=sys.stderr)
        return 1
    from kiosk.services.config import load_settings
    from kiosk.services.paths import INI_NAME

    folder = data_dir()
    settings = load_settings(folder / INI_NAME)
    voices = {"fa": str(settings["voice_fa"]) or None, "en": str(settings["voice_en"]) or None}
    rate = args.rate if args.rate is not None else int(settings["speech_rate"])
    cache_dir = folder / CACHE_DIR_NAME
    cache = SpeechCache(cache_dir)
    started = time.perf_counter()
    rendered, cached = prerender(texts, engine, cache, voices, rate)
    seconds = time.perf_counter() - started
    print(
        f"{rendered} sentences synthesized, {cached} already cached, in {seconds:.1f} s "
        f"-> {cache_dir}",
        file=sys.stderr,
    )
    return 0
