"""HTTP plumbing shared by the three practice sites: request parsing, responses, static files."""

from __future__ import annotations

import logging
import mimetypes
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

from kiosk.practice_portal.multipart import MultipartError, Upload, parse_multipart

log = logging.getLogger(__name__)

# A body above this is drained and refused with a page; above MAX_DRAIN the connection is closed.
MAX_FORM_BODY = 64 * 1024
MAX_UPLOAD_BODY = 32 * 1024 * 1024
MAX_DRAIN = 64 * 1024 * 1024


@dataclass
class Request:
    """What a handler needs from one HTTP request, already decoded."""

    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    files: dict[str, Upload]
    cookies: dict[str, str]
    headers: dict[str, str]
    too_large: bool = False
    malformed: bool = False

    def arg(self, name: str) -> str:
        """A form field (POST) or query parameter (GET), empty when absent."""
        return self.form.get(name, self.query.get(name, ""))


@dataclass
class Response:
    """A complete response; `cookies` are full Set-Cookie values."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    cookies: list[str] = field(default_factory=list)

    @classmethod
    def redirect(cls, location: str, status: int = 303) -> Response:
        """A redirect (303 See Other by default: POST → GET)."""
        return cls(status=status, headers={"Location": location}, content_type="text/plain")


def cookie_header(
    name: str, value: str, *, max_age: int | None = None, http_only: bool = True
) -> str:
    """A Set-Cookie value scoped to the whole site, SameSite=Lax."""
    parts = [f"{name}={value}", "Path=/", "SameSite=Lax"]
    if http_only:
        parts.append("HttpOnly")
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    return "; ".join(parts)


def safe_next(target: str, default: str = "/") -> str:
    """A same-site path to go back to (never another host)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def quote_path(path: str) -> str:
    """Percent-encode a path for use in a query string."""
    return quote(path, safe="")


def static_response(directory: Path, name: str, *, max_age: int = 300) -> Response | None:
    """The file `name` from `directory` (no path escape), or None if it is not there."""
    if not name or ".." in name.split("/") or name.startswith("/"):
        return None
    path = (directory / name).resolve()
    if directory.resolve() not in path.parents or not path.is_file():
        return None
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if ctype.startswith("text/") or ctype in ("application/javascript", "image/svg+xml"):
        ctype += "; charset=utf-8"
    if path.suffix == ".ttf":
        ctype = "font/ttf"
    return Response(
        body=path.read_bytes(),
        content_type=ctype,
        headers={"Cache-Control": f"public, max-age={max_age}"},
    )


App = Callable[[Request], Response]


def make_server(
    host: str, port: int, app: App, extra_headers: dict[str, str]
) -> ThreadingHTTPServer:
    """A threaded HTTP server on (host, port) that runs `app` for every request."""

    class Handler(_Handler):
        pass

    Handler.app = staticmethod(app)
    Handler.extra_headers = extra_headers
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


class _Handler(BaseHTTPRequestHandler):
    """Decodes a request, calls the app, writes the response. One class per server."""

    protocol_version = "HTTP/1.1"
    server_version = "PracticePortal/1.0"
    sys_version = ""
    timeout = 30
    app: App
    extra_headers: dict[str, str]

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle(head=True)

    def _handle(self, head: bool = False) -> None:
        try:
            request = self._read_request()
        except _CloseConnection as exc:
            self.close_connection = True
            self._send(exc.response, head=False)
            return
        try:
            response = self.app(request)
        except Exception:
            log.error("practice portal error:\n%s", traceback.format_exc())
            response = Response(500, b"Internal error", "text/plain; charset=utf-8")
        self._send(response, head=head)

    def _read_request(self) -> Request:
        split = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        cookies: dict[str, str] = {}
        try:
            jar = SimpleCookie(headers.get("cookie", ""))
            cookies = {k: m.value for k, m in jar.items()}
        except CookieError:
            pass
        request = Request(
            method=self.command if self.command != "HEAD" else "GET",
            path=split.path or "/",
            query=dict(parse_qsl(split.query, keep_blank_values=True)),
            form={},
            files={},
            cookies=cookies,
            headers=headers,
        )
        if self.command == "POST":
            self._read_body(request, headers)
        return request

    def _read_body(self, request: Request, headers: dict[str, str]) -> None:
        try:
            length = int(headers.get("content-length", "0"))
        except ValueError:
            length = -1
        if length < 0:
            raise _CloseConnection(Response(411, b"Length required", "text/plain"))
        ctype = headers.get("content-type", "")
        is_multipart = ctype.lower().startswith("multipart/form-data")
        limit = MAX_UPLOAD_BODY if is_multipart else MAX_FORM_BODY
        if length > MAX_DRAIN:
            request.too_large = True
            raise _CloseConnection(self.app(request))
        if length > limit:
            self._drain(length)
            request.too_large = True
            return
        body = self.rfile.read(length)
        try:
            if is_multipart:
                request.form, request.files = parse_multipart(body, ctype)
            else:
                text = body.decode("utf-8", errors="replace")
                request.form = dict(parse_qsl(text, keep_blank_values=True))
        except (MultipartError, ValueError):
            request.malformed = True

    def _drain(self, length: int) -> None:
        remaining = length
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 16))
            if not chunk:
                break
            remaining -= len(chunk)

    def _send(self, response: Response, head: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        headers = {**self.extra_headers, **response.headers}
        headers.setdefault("Cache-Control", "no-store")
        for key, value in headers.items():
            self.send_header(key, value)
        for cookie in response.cookies:
            self.send_header("Set-Cookie", cookie)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(response.body)


class _CloseConnection(Exception):
    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response
