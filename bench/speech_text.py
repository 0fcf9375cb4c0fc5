"""The speech text normaliser on hostile input: 100,000 characters must take at most 50 ms.

Run: .venv/bin/python bench/speech_text.py — prints one line per input, then one line of JSON;
exits 1 if any input took longer than the budget (issue 14 measured 8 s for 20,000 spaces).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.core.speech_text import normalise

BUDGET_MS = 50
SIZE = 100_000
INPUTS = {
    "spaces": " " * SIZE,
    "newlines": "\n" * SIZE,
    "mixed white space": " \n\t" * (SIZE // 3),
    "digits": "7" * SIZE,
    "numbers": "12 " * (SIZE // 3),
    "hyphens": "a" + "-" * SIZE,
    "commas": " ," * (SIZE // 2),
    "brackets": "( " * (SIZE // 2),
    "zero-width joiners": "\u200c " * (SIZE // 2),
    "capitals": "A" * SIZE,
    "persian": "کد ملی ۰۹۱۲۳۴۵۶۷۸۹ " * (SIZE // 20),
}


def main() -> int:
    results = {}
    for name, text in INPUTS.items():
        for lang in ("fa", "en"):
            best = min(_time(text, lang) for _ in range(3))
            results[f"{name}/{lang}"] = round(best, 1)
            print(f"{name:>20} {lang}: {best:7.1f} ms")
    worst = max(results.values())
    print(json.dumps({"budget_ms": BUDGET_MS, "worst_ms": worst, "results": results}))
    return 0 if worst <= BUDGET_MS else 1


def _time(text: str, lang: str) -> float:
    start = time.perf_counter()
    normalise(text, lang)
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    sys.exit(main())
