"""URL matching for flows: split a URL without I/O libraries, match a step's page against it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.core.flows.model import Page
from kiosk.core.flows.patterns import search

_URL = re.compile(
    r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):(?://(?:[^@/?#]*@)?(?P<host>\[[^\]]*\]|[^:/?#]*)"
    r"(?::(?P<port>\d*))?)?(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?(?:#.*)?$"
)


@dataclass(frozen=True)
class Url:
    """The parts of a URL the runner needs."""

    scheme: str
    host: str
    port: str
    path: str
    query: str

    @property
    def origin(self) -> str:
        port = f":{self.port}" if self.port else ""
        return f"{self.scheme}://{self.host}{port}"

    @property
    def path_query(self) -> str:
        return f"{self.path or '/'}?{self.query}" if self.query else self.path or "/"


def split_url(url: str) -> Url:
    """Split `url`; anything unparsable gives an empty host (never on a flow's pages)."""
    match = _URL.match(url or "")
    if not match:
        return Url("", "", "", "", "")
    return Url(
        scheme=match["scheme"].lower(),
        host=(match["host"] or "").lower(),
        port=match["port"] or "",
        path=match["path"] or "/",
        query=match["query"] or "",
    )


def resolve_origin(template: str, bases: dict[str, str]) -> str:
    """An origin template such as `{portal}` or `https://my.gov.ir` with its base filled in."""
    for key, value in bases.items():
        template = template.replace("{" + key + "}", value)
    return split_url(template).origin


def page_matches(page: Page, url: str, origins: dict[str, str]) -> bool:
    """Whether `url` is on `page`: same origin (if the page names one) and the path matches."""
    parts = split_url(url)
    if page.origin is not None:
        origin = origins.get(page.origin)
        if origin is None or origin != parts.origin:
            return False
    return search(page.path, parts.path_query)


def page_url(page: Page, origins: dict[str, str]) -> str | None:
    """A URL to open for a `start` page whose path is a plain path (no regex)."""
    origin = origins.get(page.origin or "") if page.origin else next(iter(origins.values()), None)
    if origin is None:
        return None
    path = page.path.removeprefix("^").removesuffix("$").replace("\\", "")
    return origin + (path if path.startswith("/") else "/" + path)


# How an anchored page pattern may end and still name one path (a query string tolerated).
_PATH_ENDS = ("(?:\\?.*)?$", "(\\?.*)?$", "(\\?|$)", "(?:\\?|$)", "$")
_REGEX = re.compile(r"[.*+?()\[\]{}|^$\\]")


def direct_url(page: Page, origins: dict[str, str]) -> str | None:
    """The address of a step's page when its pattern names exactly one path (`^/bills$`,
    `^/apply(?:\\?.*)?$`), else None: a page such as `^/requests/` is reached, not opened."""
    path = page.path
    if not path.startswith("^"):
        return None
    end = next((e for e in _PATH_ENDS if path.endswith(e)), None)
    if end is None:
        return None
    path = path[1 : -len(end)]
    if not path.startswith("/") or _REGEX.search(re.sub(r"\\[./-]", "", path)):
        return None
    return page_url(Page(path=path.replace("\\", ""), origin=page.origin), origins)
