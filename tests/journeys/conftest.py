"""The `person` fixture: the installed kiosk on its own X screen, driven from outside."""

from __future__ import annotations

import pytest

from tests.journeys.harness import Person

# (language, screen size) pairs; between them the journeys cover both languages and both sizes.
SMALL_FA = ("fa", (1280, 800))
LARGE_EN = ("en", (1920, 1080))
LARGE_FA = ("fa", (1920, 1080))
SMALL_EN = ("en", (1280, 800))


@pytest.fixture
def person(tmp_path, request):
    """Factory: `person(name, language, size, env=..., args=...)` starts the kiosk; at the
    end of the test it is stopped with SIGTERM and checked for crashes and tracebacks."""
    started: list[Person] = []

    def start(name: str, language: str, size: tuple[int, int], **kwargs) -> Person:
        folder = tmp_path / f"journey-{len(started)}"
        folder.mkdir()
        one = Person(name, folder, size, language, **kwargs)
        started.append(one)
        return one

    yield start
    for one in started:
        one.stop()
