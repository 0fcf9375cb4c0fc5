"""The libraries under the portal: python-multipart reads uploads, Jinja2 fills the templates."""

from __future__ import annotations

import tempfile

import pytest

from kiosk.practice_portal.multipart import MultipartError, parse_multipart
from kiosk.practice_portal.render import PORTAL_DIR, Markup, Templates, tag
from tests.portal.helpers import PNG, Browser

CTYPE = "multipart/form-data; boundary=b0und"


def body(*parts: tuple[str, bytes, str | None], end: bool = True) -> bytes:
    """A multipart body of (name, data, filename or None) parts."""
    out = b""
    for name, data, filename in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"\r\nContent-Type: image/png'
        out += f"--b0und\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n"
    return out + (b"--b0und--\r\n" if end else b"")


def test_fields_and_the_first_file_of_each_name() -> None:
    raw = body(
        ("full_name", "مریم \r\n--b0un".encode(), None),
        ("full_name", b"second", None),
        ("photo", PNG, "عکس.png"),
        ("photo", b"other", "b.png"),
    )
    fields, files = parse_multipart(raw, CTYPE)
    assert fields == {"full_name": "مریم \r\n--b0un"}  # a boundary look-alike is data
    assert files["photo"].data == PNG and files["photo"].filename == "عکس.png"
    assert files["photo"].content_type == "image/png" and list(files) == ["photo"]


@pytest.mark.parametrize(
    ("raw", "ctype"),
    [
        (body(("a", b"1", None), end=False), CTYPE),  # cut short: no closing boundary
        (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
        (body(("a", b"1", None)), "multipart/form-data"),  # no boundary
        (b"--b0und\r\nContent-Type: text/plain\r\n\r\nx\r\n--b0und--\r\n", CTYPE),  # no name
        (body(*[(f"f{i}", b"v", None) for i in range(51)]), CTYPE),  # too many parts
        (b"", CTYPE),
    ],
)
def test_malformed_bodies_are_refused(raw: bytes, ctype: str) -> None:
    with pytest.raises(MultipartError):
        parse_multipart(raw, ctype)


def test_a_large_upload_never_touches_the_disk(monkeypatch) -> None:
    def no_temp_files(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_temp_files)
    monkeypatch.setattr(tempfile, "mkstemp", no_temp_files)
    photo = PNG + b"\x00" * (3 * 1024 * 1024)  # above python-multipart's 1 MiB default
    _fields, files = parse_multipart(body(("photo", photo, "big.png")), CTYPE)
    assert files["photo"].data == photo


def test_an_upload_over_http_is_read_and_checked(citizen: Browser) -> None:
    too_big = citizen.submit_civil(photo=PNG + b"\x00" * (2 * 1024 * 1024))
    assert "document_photo-error" in too_big.text  # the 2 MB limit, told on the form
    review = citizen.submit_civil()
    assert review.url.endswith("/services/civil/review")
    assert citizen.get("/services/civil/photo").content == PNG


def test_templates_escape_values_but_not_markup(tmp_path) -> None:
    (tmp_path / "page.html").write_text(
        '<p title="{{ value }}">{{ t("site_name") }} {{ value }} {{ piece }}</p>\n',
        encoding="utf-8",
    )
    templates = Templates(tmp_path)
    html = templates.render("page.html", "en", value='<b>"x"', piece=tag("i", "<ok>"))
    assert isinstance(html, Markup) and html.endswith("</p>\n")  # trailing newline kept
    assert html.count("&lt;b&gt;&#34;x&#34;") == 2 and "<i>&lt;ok&gt;</i>" in html
    assert "<b>" not in html
    fa = templates.render("page.html", "fa", value="", piece="")
    assert fa != templates.render("page.html", "en", value="", piece="")  # t() follows lang


def test_a_name_the_code_forgets_is_an_error(tmp_path) -> None:
    (tmp_path / "page.html").write_text("{{ missing }}", encoding="utf-8")
    with pytest.raises(Exception, match="missing"):
        Templates(tmp_path).render("page.html", "en")


def test_every_shipped_template_compiles() -> None:
    directory = PORTAL_DIR / "templates"
    names = sorted(p.name for p in directory.glob("*.html"))
    assert "layout.html" in names
    Templates(directory).warm(names)
