"""Writes a valid synthetic lesson pack of any size, for tests and bench/lessons.py."""

from __future__ import annotations

import json
from pathlib import Path

PICTOGRAM = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">'
    '<circle cx="48" cy="48" r="30" fill="none" stroke="#FFFFFF" stroke-width="6"/></svg>'
)


def both(fa: str, en: str) -> dict[str, str]:
    return {"fa": fa, "en": en}


def lesson_document(lesson_id: str, number: int) -> dict:
    """A lesson with two explain steps, a practice step and a quiz of four item types."""

    def choice(cid: str, correct: bool | None, fa: str, en: str) -> dict:
        node = {
            "id": cid,
            "text": both(fa, en),
            "feedback": both("درست است." if correct else "نه، دوباره فکر کنید.",
                             "Right." if correct else "No, think again."),
            "pictogram": "pictograms/dot.svg",
        }  # fmt: skip
        if correct is not None:
            node["correct"] = correct
        return node

    explanation = both("کد یک‌بارمصرف را به هیچ‌کس نگویید.", "Never tell anyone a one-time code.")
    return {
        "id": lesson_id,
        "title": both(f"درس {number}", f"Lesson {number}"),
        "pictogram": "pictograms/dot.svg",
        "digcomp": ["2.3"],
        "mastery": {"rule": "m_of_n", "m": 2, "n": 3},
        "steps": [
            {"id": "intro", "kind": "explain", "pictogram": "pictograms/dot.svg",
             "text": both("این صفحه است.", "This is the screen.")},
            {"id": "speaker", "kind": "explain",
             "text": both("بلندگو صحبت می‌کند.", "The speaker talks."),
             "say": both("بلندگو صحبت می‌کند", "The speaker talks")},
            {"id": "try", "kind": "practice", "flow": "practice.signin",
             "title": both("ورود به پیشخوان", "Signing in"),
             "text": both("حالا خودتان وارد شوید.", "Now sign in yourself.")},
            {"id": "quiz", "kind": "quiz", "items": [
                {"id": "q1", "type": "single", "prompt": both("کد را به چه کسی بگوییم؟",
                                                              "Whom do we tell the code?"),
                 "choices": [choice("nobody", True, "هیچ‌کس", "Nobody"),
                             choice("operator", False, "راهنما", "The operator")],
                 "explanation": explanation},
                {"id": "q2", "type": "multiple",
                 "prompt": both("کدام‌ها امن است؟", "Which are safe?"),
                 "choices": [choice("a", True, "خروج از حساب", "Signing out"),
                             choice("b", True, "رمز قوی", "A strong password"),
                             choice("c", False, "گفتن رمز", "Telling the password")],
                 "explanation": explanation},
                {"id": "q3", "type": "picture",
                 "prompt": both("بلندگو کدام است؟", "Which is the speaker?"),
                 "choices": [choice("p1", True, "بلندگو", "Speaker"),
                             choice("p2", False, "کتاب", "Book")],
                 "explanation": explanation},
                {"id": "q4", "type": "ordering",
                 "prompt": both("به ترتیب بچینید.", "Put in order."),
                 "choices": [choice("first", None, "کد ملی", "National ID"),
                             choice("second", None, "کد یک‌بارمصرف", "One-time code"),
                             choice("third", None, "پیشخوان", "Dashboard")],
                 "explanation": explanation},
            ]},
        ],
    }  # fmt: skip


def write_pack(
    folder: Path, lessons: int = 3, per_module: int = 10, pack_id: str = "sample"
) -> Path:
    """Write a pack with `lessons` lessons in modules of `per_module`; return its folder."""
    (folder / "lessons").mkdir(parents=True, exist_ok=True)
    (folder / "pictograms").mkdir(exist_ok=True)
    (folder / "pictograms" / "dot.svg").write_text(PICTOGRAM, encoding="utf-8")
    ids = [f"lesson-{n:04d}" for n in range(lessons)]
    modules = [
        {
            "id": f"module-{start // per_module}",
            "number": str(start // per_module),
            "title": both(f"بخش {start // per_module}", f"Module {start // per_module}"),
            "pictogram": "pictograms/dot.svg",
            "lessons": ids[start : start + per_module],
        }
        for start in range(0, lessons, per_module)
    ]
    pack = {
        "id": pack_id,
        "version": "1.0.0",
        "title": both("بستهٔ نمونه", "Sample pack"),
        "languages": ["fa", "en"],
        "modules": modules,
    }
    (folder / "pack.json").write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    for number, lesson_id in enumerate(ids):
        document = lesson_document(lesson_id, number)
        (folder / "lessons" / f"{lesson_id}.json").write_text(
            json.dumps(document, ensure_ascii=False), encoding="utf-8"
        )
    return folder
