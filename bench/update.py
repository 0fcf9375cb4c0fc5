"""Content updates: verify and install a 50 MB pack (TUF metadata refresh, download through the
fetcher, length and sha256 check, unpack into staging, check, switch).

Publishes a voice pack with 50 MB of recordings into a temporary repository, then installs it
on a fresh kiosk data dir from the folder (as from a USB stick). Prints a table and a last line
of JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.services.content_publish import Repository, make_keys
from kiosk.services.updates import Source, Updater, trust

SIZE = 50 * 2**20
RUNS = 3


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        pack = base / "voice"
        pack.mkdir()
        recordings = {}
        for index in range(10):  # ten 5 MB recordings
            (pack / f"clip{index}.wav").write_bytes(bytes(range(256)) * (SIZE // 10 // 256))
            recordings[f"clip{index}"] = {"file": f"clip{index}.wav", "text": f"sentence {index}"}
        manifest = {"pack": "voice", "voice": "fa", "language": "fa", "recordings": recordings}
        (pack / "voice.json").write_text(json.dumps(manifest))
        make_keys(base / "keys")
        repo = Repository(base / "repo", base / "keys")
        started = time.perf_counter()
        repo.publish([("voices", pack, None)])
        publish = time.perf_counter() - started
        checks, installs = [], []
        for run in range(RUNS):
            kiosk = base / f"kiosk{run}"
            kiosk.mkdir()
            trust(kiosk, repo.folder / "metadata" / "root.json")
            started = time.perf_counter()
            updater = Updater(kiosk, Source(str(repo.folder)))
            (offer,) = updater.check()
            checked = time.perf_counter()
            updater.install(offer)
            done = time.perf_counter()
            checks.append(checked - started)
            installs.append(done - checked)
    figures = {
        "pack_mb": SIZE / 2**20,
        "publish_s": round(publish, 2),
        "check_ms_median": round(statistics.median(checks) * 1000, 1),
        "install_s_median": round(statistics.median(installs), 2),
        "install_s_max": round(max(installs), 2),
        "runs": RUNS,
    }
    print(f"{'figure':<22}{'value':>10}")
    for key, value in figures.items():
        print(f"{key:<22}{value:>10}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
