"""The sealed browser's allow-list: which URLs a session may reach (pure, no Qt).

Allowed: http(s) on a host the flow lists or the admin allows (`allowed_hosts`), on any port;
but a loopback host (127.0.0.1, localhost, ::1) is shared by unrelated servers, so there only
the flow's own origins (scheme, host and port, with `{portal}`-style bases filled in) count.
`data:` and `about:blank` are allowed (they reach no server); `blob:` only of an allowed origin.
Anything else (file:, ftp:, chrome:, other ports and hosts) is refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.core.flows import Flow
from kiosk.core.flows.urls import resolve_origin, split_url

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
WEB = ("http", "https")
DEFAULT_PORTS = {"http": "80", "https": "443"}


def _origin_key(scheme: str, host: str, port: str) -> tuple[str, str, str]:
    return scheme, host.strip("[]"), port or DEFAULT_PORTS.get(scheme, "")


class AllowList:
    """Hosts (any port) and exact origins a session may reach."""

    def __init__(self, hosts: Iterable[str] = (), origins: Iterable[str] = ()) -> None:
        self.hosts = frozenset(h.lower().strip("[]") for h in hosts if h)
        keys = set()
        for origin in origins:
            url = split_url(origin)
            if url.scheme in WEB and url.host:
                keys.add(_origin_key(url.scheme, url.host, url.port))
        self.origins = frozenset(keys)

    @classmethod
    def for_flow(
        cls, flow: Flow, bases: dict[str, str] | None = None, extra_hosts: Iterable[str] = ()
    ) -> AllowList:
        """The flow's hosts and resolved origins, plus the admin's extra hosts."""
        origins = [resolve_origin(t, bases or {}) for t in flow.origins.values()]
        return cls((*flow.hosts, *extra_hosts), origins)

    def allows(self, url: str) -> bool:
        """Whether `url` may be requested or shown."""
        text = (url or "").strip()
        scheme = text.split(":", 1)[0].lower() if ":" in text else ""
        if scheme == "data" or text in ("about:blank", "about:srcdoc"):
            return True
        if scheme == "blob":
            return self.allows(text[5:])
        parts = split_url(text)
        if parts.scheme not in WEB or not parts.host:
            return False
        host = parts.host.strip("[]")
        if _origin_key(parts.scheme, host, parts.port) in self.origins:
            return True
        return host in self.hosts and host not in LOOPBACK

    @staticmethod
    def origin_of(url: str) -> str:
        """`scheme://host:port` of `url`, the only part of a refused address ever shown."""
        parts = split_url(url)
        return parts.origin if parts.host else parts.scheme + ":"
