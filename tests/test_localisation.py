"""Translations a translator can get right: Persian punctuation in Persian messages, each
language's own quotation marks, and no sentence glued together from fragments in code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LATIN_PUNCTUATION = re.compile(r'[,?;"“”]')
TRANSLATING_CALLS = {"tr", "trn", "_", "ngettext", "translate", "text", "title_text"}


def _messages(language: str):
    with open(ROOT / "locales" / language / "LC_MESSAGES" / "kiosk.po", "rb") as file:
        for message in read_po(file):
            if message.id:
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                yield ids, strings


def test_persian_messages_use_persian_punctuation():
    """«،» «؟» «؛» and «» in Persian; a Latin mark only where the message names that very
    character (a separator staff must type)."""
    wrong = []
    for ids, strings in _messages("fa"):
        for text in strings:
            # A quoted character («?»), a web address and a settings line («languages = fa, en»)
            # are what staff type, not punctuation.
            prose = re.sub(r"«[^»]{1,3}»|\S+://\S+|\b[a-z_]+ = [\w ,.]+", "", text)
            for mark in set(LATIN_PUNCTUATION.findall(prose)):
                if not any(f" {mark}" in source.rstrip() for source in ids):
                    wrong.append((mark, text))
    assert not wrong, "Latin punctuation in Persian messages:\n" + "\n".join(map(str, wrong))


def test_english_messages_use_english_quotation_marks():
    wrong = [i for ids, _ in _messages("en") for i in ids if "«" in i or "»" in i]
    assert not wrong, wrong


def _callee(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return ""


def _translated(node: ast.AST) -> bool:
    """Whether an expression is (or reads) translated interface text: a translating call, a
    widget's text, or a `.title`/`.label` (authored texts and tiles' labels)."""
    return any(
        _callee(sub) in TRANSLATING_CALLS
        or (isinstance(sub, ast.Attribute) and sub.attr in {"title", "label"})
        for sub in ast.walk(node)
    )


LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}
NOT_A_SENTENCE = "# not a sentence:"  # a line that builds a machine format, with the reason


def glued_fragments(source: str, name: str) -> list[str]:
    """Places in `source` where translated text is glued to words or punctuation in code
    (log lines and lines marked `# not a sentence: why` aside)."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node) in LOGGING:
            skipped |= {id(sub) for sub in ast.walk(node)}
    lines = source.splitlines()
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped or NOT_A_SENTENCE in lines[getattr(node, "lineno", 1) - 1]:
            continue
        if isinstance(node, ast.JoinedStr):
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            pieces = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            if literal.strip(" \n•✓") and any(_translated(p) for p in pieces):
                found.append(f"{name}:{node.lineno}: f-string around translated text")
        elif isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.Add):
            sides = _added(node)
            glue = [
                s
                for s in sides
                if isinstance(s, ast.Constant)
                and isinstance(s.value, str)
                and s.value.strip(" •\n")
            ]
            if glue and any(_translated(s) for s in sides):
                found.append(f"{name}:{node.lineno}: '+' gluing translated text")
        elif isinstance(node, ast.Call) and _callee(node) in {"compose", "join"}:
            separators = [k.value for k in node.keywords if k.arg == "sep"]
            if _callee(node) == "join" and isinstance(node.func, ast.Attribute):
                separators.append(node.func.value)
            for sep in separators:
                if isinstance(sep, ast.Constant) and sep.value in {", ", ",", " · ", "; "}:
                    found.append(f"{name}:{node.lineno}: a list joined with a Latin comma")
    return list(dict.fromkeys(found))


def _added(node: ast.AST) -> list[ast.AST]:
    """The operands of a chain of `+` (or of `+=`), flattened."""
    if isinstance(node, ast.AugAssign):
        return _added(node.value) if _is_add(node.value) else [node.value]
    if _is_add(node):
        return _added(node.left) + _added(node.right)
    return [node]


def _is_add(node: ast.AST) -> bool:
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)


def test_the_detector_finds_glued_fragments():
    glued = """
line = tr(A) + ", " + tr(B)
text = f"{self.ctx.tr(TITLE)}: {value}"
said = compose(*labels, sep=", ")
joined = ", ".join(names)
"""
    assert len(glued_fragments(glued, "x")) == 4
    whole = """
line = tr(SENTENCE, title=title, value=value)
name = f"tile_{key}"
text = "\\n".join(lines)
hosts = ", ".join(names)  # not a sentence: the format staff type
log.info("got %s", ", ".join(names))
"""
    assert glued_fragments(whole, "x") == []


def test_no_interface_sentence_is_glued_together_in_code():
    found = []
    for path in sorted((ROOT / "kiosk" / "ui").rglob("*.py")):
        found += glued_fragments(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not found, "\n".join(found)
