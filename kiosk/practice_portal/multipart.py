"""A small multipart/form-data parser (the stdlib `cgi` module is deprecated and gone in 3.13)."""

from __future__ import annotations

from dataclasses import dataclass


class MultipartError(ValueError):
    """The body is not valid multipart/form-data."""


@dataclass
class Upload:
    """One uploaded file: its name as sent, declared type and content."""

    filename: str
    content_type: str
    data: bytes


def parse_header_params(value: str) -> tuple[str, dict[str, str]]:
    """Split `form-data; name="a"; filename="b"` into ("form-data", {"name": "a", ...})."""
    head, _, rest = value.partition(";")
    params: dict[str, str] = {}
    i = 0
    while i < len(rest):
        while i < len(rest) and rest[i] in " ;\t":
            i += 1
        eq = rest.find("=", i)
        if eq < 0:
            break
        key = rest[i:eq].strip().lower()
        i = eq + 1
        if i < len(rest) and rest[i] == '"':
            i += 1
            chars: list[str] = []
            while i < len(rest) and rest[i] != '"':
                if rest[i] == "\\" and i + 1 < len(rest):
                    i += 1
                chars.append(rest[i])
                i += 1
            i += 1
            params[key] = "".join(chars)
        else:
            end = rest.find(";", i)
            end = len(rest) if end < 0 else end
            params[key] = rest[i:end].strip()
            i = end
    return head.strip().lower(), params


def parse_multipart(
    body: bytes, content_type: str, *, max_fields: int = 50
) -> tuple[dict[str, str], dict[str, Upload]]:
    """Form fields (text) and files (first of each name) from a multipart/form-data body."""
    kind, params = parse_header_params(content_type)
    boundary = params.get("boundary", "")
    if kind != "multipart/form-data" or not boundary or len(boundary) > 200:
        raise MultipartError("no boundary")
    delimiter = b"--" + boundary.encode("latin-1")
    fields: dict[str, str] = {}
    files: dict[str, Upload] = {}
    pos = body.find(delimiter)
    if pos < 0:
        raise MultipartError("boundary not found")
    count = 0
    while True:
        pos += len(delimiter)
        if body[pos : pos + 2] == b"--":
            return fields, files
        if body[pos : pos + 2] != b"\r\n":
            raise MultipartError("bad delimiter line")
        pos += 2
        header_end = body.find(b"\r\n\r\n", pos)
        if header_end < 0:
            raise MultipartError("unterminated headers")
        headers = _parse_part_headers(body[pos:header_end])
        data_start = header_end + 4
        next_delim = body.find(b"\r\n" + delimiter, data_start)
        if next_delim < 0:
            raise MultipartError("unterminated part")
        count += 1
        if count > max_fields:
            raise MultipartError("too many parts")
        disposition, dparams = parse_header_params(headers.get("content-disposition", ""))
        name = dparams.get("name")
        if disposition == "form-data" and name is not None:
            data = body[data_start:next_delim]
            if "filename" in dparams:
                if name not in files:
                    files[name] = Upload(
                        dparams["filename"],
                        headers.get("content-type", "application/octet-stream"),
                        data,
                    )
            elif name not in fields:
                fields[name] = data.decode("utf-8", errors="replace")
        pos = next_delim + 2


def _parse_part_headers(raw: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in raw.decode("utf-8", errors="replace").split("\r\n"):
        key, sep, value = line.partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    return headers
