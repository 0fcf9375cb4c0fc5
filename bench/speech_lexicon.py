"""The Persian pronunciation layer is linear: time per character stays flat as text grows.

Prints microseconds per character for ordinary and adversarial texts (head nouns in a row,
phrase prefixes that never complete) at 1 k to 1 M characters. Figures, not a pass/fail.
"""

from __future__ import annotations

import time

from kiosk.core.speech_lexicon import default_lexicon, pronounce

TEXTS = {
    "sentence": "کد ملی خود را در صفحه ورود بنویسید و روی دکمه ادامه بزنید. ",
    "heads in a row": "کد شماره دفتر کارت صفحه دکمه ",
    "phrase prefixes": "دفتر پیشخوان دفتر پیشخوان دفتر ",
    "no spaces": "کدملیخودرابنویسید",
}


def main() -> None:
    default_lexicon()  # loaded once, as in the kiosk
    for name, unit in TEXTS.items():
        figures = []
        for size in (1_000, 10_000, 100_000, 1_000_000):
            text = (unit * (size // len(unit) + 1))[:size]
            started = time.perf_counter()
            pronounce(text)
            figures.append(
                f"{size:>9,} chars {1e6 * (time.perf_counter() - started) / size:.2f} µs/char"
            )
        print(f"{name}:\n  " + "\n  ".join(figures))


if __name__ == "__main__":
    main()
