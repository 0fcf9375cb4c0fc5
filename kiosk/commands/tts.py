"""`kiosk tts prerender`: synthesize every pack text and interface message into the speech cache.

`kiosk tts check`: every shipped Persian sentence with the phonemes espeak-ng reads it as,
and the noun phrases that come out without the ezafe (exit status 1 when there are any).
"""

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
    check = commands.add_parser(
        "check",
        help="list every shipped Persian sentence with its espeak-ng phonemes and flag noun "
        "phrases spoken without the ezafe (exit status 1 if any)",
    )
    check.add_argument(
        "--flags-only", action="store_true", help="list only the sentences with a flag"
    )
    check.add_argument(
        "--without-layer",
        action="store_true",
        help="check the texts as espeak-ng reads them without the pronunciation layer",
    )
    check.set_defaults(handler=run_check)
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


ROOT = Path(__file__).resolve().parent.parent.parent
# Flow and service files whose Persian texts are spoken (guide steps, retries, info cards).
FLOW_GLOBS = ("lessons/practice_portal/flows/*.json", "lessons/assist/*.json")
# Keys whose values are matched against a page, never spoken.
_UNSPOKEN_KEYS = frozenset({"target", "page", "hosts", "origins", "allow", "done_when", "start"})


def iter_json_texts(node: object, lang: str = "fa") -> Iterator[str]:
    """Every `lang` text of a flow or manifest: a step's `say` instead of its `text`."""
    if isinstance(node, dict):
        said = node.get("say")
        for key, value in node.items():
            if key in _UNSPOKEN_KEYS:
                continue
            if key == "text" and isinstance(said, dict) and isinstance(said.get(lang), str):
                continue  # spoken as its `say`
            if key == lang and isinstance(value, str):
                yield value
            else:
                yield from iter_json_texts(value, lang)
    elif isinstance(node, list):
        for value in node:
            yield from iter_json_texts(value, lang)


def iter_flow_texts(root: Path = ROOT, lang: str = "fa") -> Iterator[tuple[str, str]]:
    """(source, text) for the bundled flows and the services catalogue."""
    import json

    for pattern in FLOW_GLOBS:
        for path in sorted(root.glob(pattern)):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                print(f"{path}: not readable JSON ({error}); skipped", file=sys.stderr)
                continue
            for text in iter_json_texts(data, lang):
                yield str(path.relative_to(root)), text


def shipped_persian_texts() -> list[tuple[str, str]]:
    """(source, text) of every shipped Persian text the kiosk speaks, each text once."""
    import re

    texts: list[tuple[str, str]] = []
    for text in iter_catalog_texts("fa"):
        texts.append(("locales/fa", text))
    # Messages with placeholders are spoken with the values filled in: check their words.
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / "fa" / "LC_MESSAGES" / "kiosk.po"
    if path.is_file():
        with path.open("rb") as handle:
            for message in read_po(handle, locale="fa"):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for text in strings:
                    if message.id and text and "{" in text:
                        texts.append(("locales/fa", re.sub(r"\{[^{}]*\}", "…", text)))
    texts += [("lessons", text) for lang, text in iter_pack_texts() if lang == "fa"]
    texts += list(iter_flow_texts())
    seen: set[str] = set()
    unique = []
    for source, text in texts:
        if text and text not in seen:
            seen.add(text)
            unique.append((source, text))
    return unique


def check_texts(
    texts: Iterable[tuple[str, str]],
    with_layer: bool = True,
    out: TextIO = sys.stdout,
    flags_only: bool = False,
) -> int:
    """Print each sentence with its phonemes and flags; returns how many flags there were."""
    from kiosk.core.speech_check import candidates, find_flags
    from kiosk.core.speech_lexicon import disabled
    from kiosk.services.speech.phonemes import phonemes

    sentences: list[tuple[str, str, list]] = []  # (source, spoken sentence, candidates)
    for source, text in texts:
        with disabled():
            before = split_sentences(normalise(text, "fa"), join=False)
        after = split_sentences(normalise(text, "fa"), join=False)
        if len(before) != len(after):
            before = after  # the layer never changes punctuation; just in case
        for plain, spoken in zip(before, after, strict=True):
            checked = spoken if with_layer else plain
            sentences.append((source, checked, candidates(plain, checked)))
    words = sorted(
        {w for _s, _t, found in sentences for c in found for w in (c.spoken, c.mark.word)}
    )
    answers = phonemes([t for _s, t, _c in sentences] + words)
    said = dict(zip(words, answers[len(sentences) :], strict=True))
    flagged = 0
    for (source, text, found), sentence_phonemes in zip(sentences, answers, strict=False):
        flags = find_flags(text, found, sentence_phonemes, lambda w: said.get(w, ""))
        flagged += len(flags)
        if flags_only and not flags:
            continue
        out.write(f"{source}: {text}\n    {sentence_phonemes}\n")
        for flag in flags:
            out.write(f"    FLAG {flag}\n")
    return flagged


def run_check(args: argparse.Namespace) -> int:
    from kiosk.core.speech_lexicon import LEXICON_PATH, default_lexicon
    from kiosk.services.speech.phonemes import PhonemesUnavailable

    lexicon = default_lexicon()
    for error in lexicon.errors:
        print(f"{LEXICON_PATH}: {error} (line skipped)", file=sys.stderr)
    texts = shipped_persian_texts()
    try:
        flagged = check_texts(texts, not args.without_layer, flags_only=args.flags_only)
    except PhonemesUnavailable as error:
        print(f"no phonemes from espeak-ng: {error}", file=sys.stderr)
        return 2
    print(
        f"{len(texts)} Persian texts checked: {flagged} noun phrases without the ezafe"
        + (f", {len(lexicon.errors)} lexicon lines skipped" if lexicon.errors else ""),
        file=sys.stderr,
    )
    return 1 if flagged or lexicon.errors else 0
