"""multipart/form-data bodies, parsed by python-multipart (the parser behind Starlette/FastAPI).

The stdlib `cgi` module is gone in 3.13 and the `email` parser is a MIME-mail reader: it
accepts a body with no closing boundary, has no limits, and is slow on a large upload.
python-multipart is imported on the first upload, not with the portal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from python_multipart.multipart import Field, File


class MultipartError(ValueError):
    """The body is not valid multipart/form-data."""


@dataclass
class Upload:
    """One uploaded file: its name as sent, declared type and content."""

    filename: str
    content_type: str
    data: bytes


def parse_multipart(
    body: bytes, content_type: str, *, max_fields: int = 50
) -> tuple[dict[str, str], dict[str, Upload]]:
    """Form fields (text) and files (first of each name) from a multipart/form-data body.

    Uploads stay in memory, whatever their size (the caller has already limited the body): a
    learner's photo is never written to a temporary file.
    """
    from python_multipart import FormParser
    from python_multipart.exceptions import FormParserError
    from python_multipart.multipart import parse_options_header

    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise MultipartError("no boundary")
    fields: dict[str, str] = {}
    files: dict[str, Upload] = {}
    parts = 0
    ended = False

    def count() -> None:
        nonlocal parts
        parts += 1
        if parts > max_fields:
            raise MultipartError("too many parts")

    def on_field(item: Field) -> None:
        count()
        name = (item.field_name or b"").decode("utf-8", errors="replace")
        if name not in fields:
            fields[name] = (item.value or b"").decode("utf-8", errors="replace")

    def on_file(item: File) -> None:
        count()
        name = (item.field_name or b"").decode("utf-8", errors="replace")
        if name not in files:
            item.file_object.seek(0)
            files[name] = Upload(
                (item.file_name or b"").decode("utf-8", errors="replace"),
                item.content_type or "application/octet-stream",
                item.file_object.read(),
            )

    def on_end() -> None:
        nonlocal ended
        ended = True

    config = {"MAX_BODY_SIZE": len(body) or 1, "MAX_MEMORY_FILE_SIZE": float("inf")}
    try:
        parser = FormParser(
            "multipart/form-data",
            on_field,
            on_file,
            on_end=on_end,
            boundary=boundary,
            config=config,
        )
        parser.write(body)
        parser.finalize()
    except FormParserError as error:
        raise MultipartError(str(error)) from error
    if not ended:  # python-multipart does not itself refuse a body cut short
        raise MultipartError("no closing boundary")
    return fields, files
