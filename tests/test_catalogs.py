"""Message catalogs: complete in Persian, in step with the code, placeholders intact."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kiosk import i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def catalog(lang: str):
    with (LOCALES / lang / "LC_MESSAGES" / "kiosk.po").open("rb") as handle:
        return read_po(handle)


def template_ids() -> set[str]:
    with (LOCALES / "kiosk.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def forms(text: str | tuple[str, ...]) -> tuple[str, ...]:
    """A message's forms: one for a plain message, every plural form for a plural one."""
    return text if isinstance(text, tuple) else (text,)


def test_every_msgid_has_a_persian_translation():
    fa = catalog("fa")
    missing = [m.id for m in fa if m.id and not all(forms(m.string))]
    fuzzy = [m.id for m in fa if m.id and m.fuzzy]
    assert not missing, f"untranslated in fa: {missing}"
    assert not fuzzy, f"fuzzy in fa: {fuzzy}"
    assert template_ids() <= {m.id for m in fa if m.id}


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_translations_keep_their_placeholders(lang):
    for message in catalog(lang):
        if message.id and all(forms(message.string)):
            wanted = [set(PLACEHOLDER.findall(form)) for form in forms(message.id)]
            for form in forms(message.string):
                assert set(PLACEHOLDER.findall(form)) == wanted[-1] == wanted[0], message.id


def test_persian_plurals_have_the_one_form_the_catalog_header_declares():
    fa = catalog("fa")
    plurals = [m for m in fa if m.pluralizable]
    assert fa.num_plurals == 1 and plurals
    assert all(len(m.string) == 1 for m in plurals), [m.id for m in plurals if len(m.string) != 1]


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [("en", 1, "1 wrong PIN"), ("en", 4, "4 wrong PINs"), ("en", 0, "0 wrong PINs"),
     ("fa", 1, "1 رمز نادرست"), ("fa", 4, "4 رمز نادرست")],
)  # fmt: skip
def test_ngettext_picks_the_form_for_the_number(lang, n, expected):
    i18n.set_language(lang)  # the conftest fixture puts Persian back
    assert i18n.ngettext("{count} wrong PIN", "{count} wrong PINs", n).format(count=n) == expected


def test_template_is_in_step_with_the_code(tmp_path):
    """Run the extraction `make extract` runs; every marked string must be in kiosk.pot."""
    out = tmp_path / "kiosk.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "N_", "-k", "_", "-k", "ngettext:1,2", "-k", "Np_:1,2",
         "--no-location", "-o", str(out), "kiosk"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with out.open("rb") as handle:
        in_code = {m.id for m in read_po(handle) if m.id}
    stale = in_code - template_ids()
    assert not stale, f"run `make extract` and translate: {sorted(stale)}"


def test_compiled_persian_catalog_is_used():
    assert i18n.translate("Learn", "fa") == "آموزش"
    assert i18n.translate("Learn", "en") == "Learn"


def test_numbers_in_persian_use_persian_digits_and_separators():
    assert i18n.format_number(1234567, "fa") == "۱٬۲۳۴٬۵۶۷"
    assert i18n.format_number(1234567, "en") == "1,234,567"
    assert i18n.format_percent(150, "fa") == "۱۵۰٪"
    assert i18n.format_percent(150, "en") == "150%"
