"""The pages a person has visited on one screen, most recent last: where Back leads (Qt-free)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

P = TypeVar("P")


class BackStack(Generic[P]):
    """`open(page)` goes forward to `page`; `back()` returns to the page before it.

    Opening a page already visited goes back to it (the pages after it are forgotten), so the
    stack never holds a page twice and Back never loops. `root=True` starts afresh from `page`
    (a screen's first page: Back from it leaves the screen); `replace=True` puts `page` in place
    of the current one (a page that is done, such as a finished lesson, is not returned to)."""

    def __init__(self) -> None:
        self._pages: list[P] = []

    @property
    def current(self) -> P | None:
        """The page open now, or None before the first `open` (or after `clear`)."""
        return self._pages[-1] if self._pages else None

    def open(self, page: P, *, root: bool = False, replace: bool = False) -> None:
        if root:
            self._pages = [page]
        elif page in self._pages:
            del self._pages[self._pages.index(page) + 1 :]
        elif replace and self._pages:
            self._pages[-1] = page
        else:
            self._pages.append(page)

    def back(self) -> P | None:
        """Leave the current page: the page to return to, or None when there is none left
        (the screen is left)."""
        if self._pages:
            self._pages.pop()
        return self.current

    def clear(self) -> None:
        self._pages = []

    def __len__(self) -> int:
        return len(self._pages)

    def __iter__(self) -> Iterator[P]:
        return iter(list(self._pages))

    def __contains__(self, page: object) -> bool:
        return page in self._pages
