"""How quickly the practice portal starts: import, `start()`, and the first pages it serves.

Each run is a fresh process (`--child`), so imports are cold:
- import: `import kiosk.practice_portal`;
- start: `PracticePortal().start()` (three ports bound, serving threads started), which is what
  the kiosk's UI thread waits for (`PortalService.ensure_running`);
- first page now: GET / at once after start (Jinja2 may still be loading in the background);
- first page later: GET / after a pause like a browser's start-up (templates warmed);
- next page: a second GET / (compiled templates, warm code);
- upload: the first multipart POST (the civil request form with a photo; python-multipart
  loads then).

Prints a table of medians over BENCH_RUNS (default 15) processes, then one line of JSON.
Target: import + start no slower than the hand-written renderer and parser (~50 ms here).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
NAMES = ("import", "start", "first page now", "first page later", "next page", "upload")
# A browser (QtWebEngine) takes hundreds of milliseconds to ask for its first page.
BROWSER_START = 0.3


def child() -> dict[str, float]:
    """One cold process. Times in milliseconds."""
    sys.path.insert(0, str(ROOT))
    import http.client

    t0 = time.perf_counter()
    from kiosk.practice_portal import PracticePortal

    t1 = time.perf_counter()
    portal = PracticePortal().start()
    t2 = time.perf_counter()
    host, port = portal.portal_url[len("http://") : -1].split(":")

    def request(method: str, path: str, body: bytes = b"", headers: dict | None = None) -> float:
        start = time.perf_counter()
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        answer.read()
        connection.close()
        assert answer.status in (200, 303), (path, answer.status)
        return (time.perf_counter() - start) * 1000

    now = request("GET", "/")
    portal.stop()
    # The same again in a portal whose templates had a browser's start-up to warm.
    portal = PracticePortal().start()
    host, port = portal.portal_url[len("http://") : -1].split(":")
    time.sleep(BROWSER_START)
    later = request("GET", "/")
    following = request("GET", "/")
    boundary = "benchb0undary"
    upload = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="full_name"\r\n\r\nx\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="document_photo"; '
            f'filename="a.png"\r\nContent-Type: image/png\r\n\r\n'
        ).encode()
        + b"\x89PNG"
        + b"\x00" * 50_000
        + f"\r\n--{boundary}--\r\n".encode()
    )
    posted = request(
        "POST",
        "/services/civil",
        upload,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    portal.stop()
    values = ((t1 - t0) * 1000, (t2 - t1) * 1000, now, later, following, posted)
    return dict(zip(NAMES, values, strict=True))


def main() -> None:
    rows = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, __file__, "--child"], capture_output=True, text=True, check=True
        ).stdout
        rows.append(json.loads(out.splitlines()[-1]))
    medians = {name: round(statistics.median(r[name] for r in rows), 1) for name in NAMES}
    medians["import + start"] = round(statistics.median(r["import"] + r["start"] for r in rows), 1)
    print(f"practice portal, median of {RUNS} cold processes (ms)")
    for name, value in medians.items():
        print(f"  {name:<18} {value:>7.1f}")
    print(json.dumps(medians))


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(child()))
    else:
        main()
