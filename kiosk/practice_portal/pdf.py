"""A minimal, valid PDF writer for the practice certificates (Latin text, standard fonts).

Persian text would need an embedded font plus Arabic shaping and bidi reordering, so the
certificate is written in English with Latin digits; it says clearly that it is a practice copy.
"""

from __future__ import annotations

import zlib

_PAGE_W, _PAGE_H = 595, 842  # A4 in points


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text(x: float, y: float, size: int, text: str, font: str = "F1") -> str:
    return f"BT /{font} {size} Tf {x:.1f} {y:.1f} Td ({_escape(text)}) Tj ET\n"


def build(objects: list[bytes]) -> bytes:
    """A PDF file from object bodies (object 1 must be the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R "
        f"/Info {len(objects)} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def certificate(
    *, title: str, number: str, holder_id: str, issued_jalali: str, issued_gregorian: str
) -> bytes:
    """A one-page practice certificate."""
    c = []
    c.append("q 0.95 0.97 0.96 rg 0 0 595 842 re f Q\n")
    c.append("q 0.05 0.36 0.33 RG 4 w 36 36 523 770 re S 1 w 46 46 503 750 re S Q\n")
    # Watermark
    c.append(
        "q 0.85 0.88 0.87 rg BT /F2 72 Tf 0.7071 0.7071 -0.7071 0.7071 150 260 Tm "
        "(PRACTICE COPY) Tj ET Q\n"
    )
    # Logo: a window in a sun
    c.append("q 0.96 0.69 0.13 rg 297 730 m 327 730 l 327 760 l 297 760 l h f Q\n")
    c.append(
        "q 0.05 0.36 0.33 RG 2 w 302 735 20 20 re S 312 735 m 312 755 l S 302 745 m 322 745 l S Q\n"
    )
    c.append(_text(190, 700, 16, "Roshana Single-Window Services", "F2"))
    c.append(_text(185, 682, 10, "E-services of the imaginary province of Roshana"))
    c.append(_text(80, 620, 22, title, "F2"))
    lines = [
        ("Certificate number:", number),
        ("National ID of holder:", holder_id),
        ("Issued on (Jalali):", issued_jalali),
        ("Issued on (Gregorian):", issued_gregorian),
        ("Verification code:", f"{zlib.crc32((number + holder_id).encode()):08X}"),
    ]
    y = 560
    for label, value in lines:
        c.append(_text(80, y, 13, label, "F2"))
        c.append(_text(260, y, 13, value))
        y -= 30
    c.append(_text(80, 380, 12, "This certificate was issued by the practice portal for learning."))
    c.append(_text(80, 362, 12, "It is NOT a real document and has no legal value."))
    c.append(
        _text(80, 110, 10, "Practice portal - nothing here is connected to a real government.")
    )
    stream = "".join(c).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PAGE_W} {_PAGE_H}] "
        "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
        f"<< /Title ({_escape(title)}) /Producer (Roshana practice portal) >>".encode(),
    ]
    return build(objects)
