"""The installable kiosk: `make package` builds dist/kiosk_<version>_amd64.deb; these tests
unpack it into a temporary root (`dpkg-deb -x`) and start the installed kiosk from there under
Xvfb (xcb) and in the kiosk session (cage, wlroots' headless backend), each to
`--exit-when-ready`; they validate its desktop metadata and try the maintainer scripts' refusals.

`make test` builds the package before pytest runs; here `make package` finds it up to date
(a few hundred milliseconds) or builds it when run on its own.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.kiosk.Kiosk"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version = "(.+)"$', text, re.MULTILINE).group(1)


@pytest.fixture(scope="module")
def deb() -> Path:
    """The package `make package` built (or builds now, if its inputs changed)."""
    result = subprocess.run(
        ["make", "-s", "package"], cwd=ROOT, capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, result.stdout + result.stderr
    path = ROOT / "dist" / f"kiosk_{version()}_amd64.deb"
    assert path.is_file()
    return path


@pytest.fixture(scope="module")
def installed(deb: Path):
    """The .deb unpacked into a temporary root that another account can read (cage runs the
    kiosk as `nobody` when the tests run as root: cage refuses to run as root)."""
    root = Path(tempfile.mkdtemp(prefix="kiosk-root-")).resolve()
    root.chmod(0o755)
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    subprocess.run(["dpkg-deb", "-e", str(deb), str(root / "DEBIAN")], check=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def notify(tmp_path: Path):
    """A notify socket like systemd's, writable by any account; yields (path, messages())."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-notify-"))
    folder.chmod(0o755)
    path = folder / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    path.chmod(0o777)
    sock.setblocking(False)

    def messages() -> list[str]:
        found = []
        while True:
            try:
                found.append(sock.recv(4096).decode())
            except BlockingIOError:
                return found

    yield path, messages
    sock.close()
    shutil.rmtree(folder, ignore_errors=True)


def test_the_package_installs_the_kiosk_with_what_it_needs(deb: Path, installed: Path) -> None:
    info = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fields = dict(line.split(": ", 1) for line in info.splitlines())
    assert fields["Package"] == "kiosk"
    assert fields["Version"] == version()
    assert fields["Architecture"] == "amd64"
    depends = {name.strip() for name in fields["Depends"].split(",")}
    # The session's programs, and what Qt loads with dlopen (ldd cannot see them).
    assert {"cage", "xwayland", "libxcb-cursor0", "libpulse0"} <= depends
    internal = installed / "opt/kiosk/_internal"
    for path in (
        "opt/kiosk/kiosk",
        "opt/kiosk/session",
        "usr/bin/kiosk",
        "lib/systemd/system/kiosk.service",
        "etc/pam.d/kiosk",
    ):
        assert (installed / path).is_file(), path
    # QtWebEngine with its process, resources and locales; espeak-ng with its voices; the
    # kiosk's fonts, lessons, catalogs, pictograms, flows and the practice portal's templates.
    qt = internal / "PySide6/Qt"
    assert os.access(qt / "libexec/QtWebEngineProcess", os.X_OK)
    assert (qt / "resources/qtwebengine_resources.pak").is_file()
    assert (qt / "translations/qtwebengine_locales/fa.pak").is_file()
    assert list((internal / "espeakng_loader").glob("libespeak-ng.so*"))
    assert (internal / "espeakng_loader/espeak-ng-data/fa_dict").is_file()
    assert (internal / "assets/fonts/Vazirmatn-Regular.ttf").is_file()
    assert (internal / "locales/fa/LC_MESSAGES/kiosk.mo").is_file()
    assert list((internal / "assets/pictograms").glob("*.svg"))
    assert list((internal / "lessons/basics").rglob("*.json"))
    assert list((internal / "lessons/assist").rglob("*.json"))
    assert list((internal / "lessons/practice_portal").rglob("*.html"))
    assert (internal / "kiosk/core/lessons/pack.schema.json").is_file()


def test_desktop_file_and_metainfo_validate(installed: Path) -> None:
    desktop = installed / f"usr/share/applications/{APP_ID}.desktop"
    metainfo = installed / f"usr/share/metainfo/{APP_ID}.metainfo.xml"
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (installed / f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    tree = ET.parse(metainfo)
    assert tree.find("releases/release").get("version") == version()
    # Every screenshot in both languages, each a journey's shot kept in packaging/screenshots.
    shots = tree.findall("screenshots/screenshot")
    assert shots
    for shot in shots:
        images = {image.get(XML_LANG, "en"): image.text for image in shot.findall("image")}
        assert set(images) == {"en", "fa"}, images
        for url in images.values():
            assert (ROOT / "packaging/screenshots" / url.rsplit("/", 1)[-1]).is_file(), url


def test_the_service_unit_verifies(installed: Path, tmp_path: Path) -> None:
    """systemd-analyze finds no fault in kiosk.service (pointed at the unpacked session)."""
    unit = (installed / "lib/systemd/system/kiosk.service").read_text()
    session = installed / "opt/kiosk/session"
    copy = tmp_path / "kiosk.service"
    copy.write_text(unit.replace("ExecStart=/opt/kiosk/session", f"ExecStart={session}"))
    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), (
        result.stdout + result.stderr
    )
    settings = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0] != "#"
    )
    assert settings["Type"] == "notify" and settings["NotifyAccess"] == "all"
    assert settings["Restart"] == "always" and int(settings["WatchdogSec"]) > 0
    assert settings["User"] == "kiosk" and settings["ExecStart"] == "/opt/kiosk/session"
    assert settings["WantedBy"] == "graphical.target"


def test_the_installed_kiosk_reaches_ready_under_xvfb(installed: Path, notify, tmp_path) -> None:
    """The `kiosk` command of the unpacked package, on the tests' X server through xcb."""
    path, messages = notify
    data = tmp_path / "installed-data"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="xcb",
        KIOSK_DATA_DIR=str(data),
        NOTIFY_SOCKET=str(path),
        WATCHDOG_USEC="2000000",
    )
    result = subprocess.run(
        [str(installed / "usr/bin/kiosk"), "--exit-when-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^ready \d", result.stdout, re.MULTILINE), result.stdout + result.stderr
    # The database was made and migrated; systemd would have heard READY=1, then STOPPING=1.
    assert (data / "kiosk.sqlite3").is_file()
    told = messages()
    assert "READY=1" in told and told[-1] == "STOPPING=1", told


def as_unprivileged() -> list[str]:
    """The prefix that runs a command as `nobody` when the tests run as root (cage refuses to
    run as root); nothing otherwise."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def session_env(folder: Path) -> dict[str, str]:
    """What systemd and logind give the session, with wlroots' headless backend instead of the
    seat's screen: its own runtime folder, no input devices, no X display of the tests."""
    runtime = folder / "runtime"
    data = folder / "data"
    for made in (runtime, data):
        made.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(made, "nobody", "nogroup")
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(data),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "KIOSK_DATA_DIR": str(data),
    }


def test_the_installed_session_reaches_ready_in_cage(installed: Path, notify) -> None:
    """packaging/session as kiosk.service runs it: the kiosk in cage, on Wayland."""
    path, messages = notify
    folder = Path(tempfile.mkdtemp(prefix="kiosk-session-"))
    folder.chmod(0o755)
    try:
        env = session_env(folder)
        env.update(NOTIFY_SOCKET=str(path), WATCHDOG_USEC="2000000")
        result = subprocess.run(
            [*as_unprivileged(), str(installed / "opt/kiosk/session"), "--exit-when-ready"],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        # cage 0.1.4 exits 0 whatever its client's status: the ready line is the proof.
        assert re.search(r"^ready \d", result.stdout, re.MULTILINE), output
        assert (folder / "data/kiosk.sqlite3").is_file()
        # The kiosk, cage's child (NotifyAccess=all in kiosk.service), told the notify socket.
        told = messages()
        assert "READY=1" in told and told[-1] == "STOPPING=1", told
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_installed_doctor_opens_a_web_view_on_x_and_in_cage(
    installed: Path, tmp_path: Path
) -> None:
    """`kiosk doctor` from the bundle: QtWebEngine (in a child process of the bundle's own
    program), espeak-ng's voices and the fonts, found in the bundle, on xcb and on Wayland."""
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", KIOSK_DATA_DIR=str(tmp_path / "doctor-data"))
    result = subprocess.run(
        [str(installed / "usr/bin/kiosk"), "--language", "en", "doctor"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    web = doctor_line(result.stdout, "Web view")
    assert web.startswith("[  ok]") and "opened on xcb" in web, result.stdout
    assert doctor_line(result.stdout, "Speech").startswith("[  ok]"), result.stdout
    fonts = doctor_line(result.stdout, "Fonts")
    assert fonts.startswith("[  ok]") and str(installed / "opt/kiosk") in fonts

    folder = Path(tempfile.mkdtemp(prefix="kiosk-session-"))
    folder.chmod(0o755)
    try:
        result = subprocess.run(
            [
                *as_unprivileged(),
                str(installed / "opt/kiosk/session"),
                "--language",
                "en",
                "doctor",
            ],
            env=session_env(folder),
            capture_output=True,
            text=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # cage 0.1.4 exits 0 whatever its client's status: the doctor's lines are the proof.
    web = doctor_line(result.stdout, "Web view")
    assert web.startswith("[  ok]") and "opened on wayland" in web, result.stdout + result.stderr


def test_the_installed_practice_portal_serves_its_pages(installed: Path, tmp_path: Path) -> None:
    """The practice portal's templates, styles and scripts come from the bundle."""
    import requests

    env = dict(os.environ, KIOSK_DATA_DIR=str(tmp_path / "portal-data"))
    ports = ["--portal-port", "0", "--gateway-port", "0", "--phishing-port", "0"]
    portal = subprocess.Popen(
        [str(installed / "usr/bin/kiosk"), "practice-portal", *ports],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        first = portal.stdout.readline()  # "portal:   http://127.0.0.1:PORT/"
        url = re.search(r"http://\S+", first).group(0)
        page = requests.get(url, timeout=30)
        assert page.status_code == 200 and 'dir="rtl"' in page.text
        style = requests.get(url + "static/portal.css", timeout=30)
        assert style.status_code == 200 and style.text.strip()
    finally:
        portal.terminate()
        portal.wait(timeout=30)


def doctor_line(output: str, check: str) -> str:
    """The doctor's line of `check` ("[  ok] Web view ...")."""
    for line in output.splitlines():
        if line[6:].strip().startswith(check):
            return line
    raise AssertionError(f"no {check} line in:\n{output}")


def test_the_session_without_cage_says_what_to_install(installed: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"  # the shell tools the session uses, and no cage
    bin_dir.mkdir()
    for tool in ("dirname", "readlink"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    result = subprocess.run(
        [str(installed / "opt/kiosk/session")],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 78  # kiosk.service: RestartPreventExitStatus=78
    assert "cage is not installed" in result.stderr
    assert "apt-get install cage" in result.stderr
    unit = (installed / "lib/systemd/system/kiosk.service").read_text()
    assert "RestartPreventExitStatus=78" in unit


def test_install_or_remove_over_a_kiosk_started_by_hand_is_refused(
    installed: Path, notify, tmp_path: Path
) -> None:
    """dpkg runs preinst (install, upgrade) and prerm (remove) with DPKG_ROOT naming the root
    it installs into: with a kiosk from that root running, both refuse and change nothing."""
    path, messages = notify
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", NOTIFY_SOCKET=str(path))
    env["KIOSK_DATA_DIR"] = str(tmp_path / "running-data")
    kiosk = subprocess.Popen(
        [str(installed / "opt/kiosk/kiosk"), "--windowed"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    scripts = {"DPKG_ROOT": str(installed), "PATH": os.environ["PATH"]}
    try:
        wait_for(lambda: "READY=1" in messages(), kiosk)
        for script, action in (("preinst", "upgrade"), ("preinst", "install"), ("prerm", "remove")):
            result = subprocess.run(
                [str(installed / "DEBIAN" / script), action, version()],
                env=scripts,
                capture_output=True,
                text=True,
                timeout=30,
            )
            assert result.returncode == 1, (script, result.stdout, result.stderr)
            assert f"process {kiosk.pid}" in result.stderr
            assert "Nothing was changed" in result.stderr
        assert kiosk.poll() is None  # still running: nothing was stopped under it
    finally:
        kiosk.terminate()
        assert kiosk.wait(timeout=60) == 0  # SIGTERM: a clean shutdown
    # Nothing runs from the root now: the same scripts go ahead.
    for script, action in (("preinst", "upgrade"), ("prerm", "remove")):
        result = subprocess.run(
            [str(installed / "DEBIAN" / script), action, version()],
            env=scripts,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 0, (script, result.stdout, result.stderr)


def wait_for(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    """Poll `condition` until it holds; fail if `process` exits or `timeout` passes."""
    import time

    end = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the kiosk exited with {process.returncode}"
        assert time.monotonic() < end, "the kiosk did not report READY=1"
        time.sleep(0.05)


def fake_system(folder: Path) -> Path:
    """A root holding just the account files useradd and usermod work on (with --prefix)."""
    etc = folder / "etc"
    etc.mkdir(parents=True)
    (etc / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (etc / "group").write_text("root:x:0:\nvideo:x:44:\naudio:x:29:\n")
    (etc / "shadow").write_text("root:*:19000:0:99999:7:::\n")
    (etc / "gshadow").write_text("root:*::\nvideo:*::\naudio:*::\n")
    for name in ("shadow", "gshadow"):
        (etc / name).chmod(0o600)
    return folder


def maintainer(installed: Path, system: Path, script: str, *args: str):
    return subprocess.run(
        [str(installed / "DEBIAN" / script), *args],
        env={"DPKG_ROOT": str(system), "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_install_upgrade_and_remove_keep_the_data(installed: Path, tmp_path: Path) -> None:
    """dpkg's order for each, into another root (DPKG_ROOT): the account and a private data
    folder are made once; an upgrade and a removal (purge too) leave the data as it was."""
    system = fake_system(tmp_path / "system")
    data = system / "var/lib/kiosk/data"
    for script, *args in (("preinst", "install"), ("postinst", "configure", "")):
        result = maintainer(installed, system, script, *args)
        assert result.returncode == 0, result.stdout + result.stderr
    account = next(
        line.split(":")
        for line in (system / "etc/passwd").read_text().splitlines()
        if line.startswith("kiosk:")
    )
    assert account[5] == "/var/lib/kiosk" and account[6] == "/usr/sbin/nologin"
    assert "kiosk" in next(
        line
        for line in (system / "etc/group").read_text().splitlines()
        if line.startswith("video:")
    )
    info = data.stat()
    assert str(info.st_uid) == account[2] and oct(info.st_mode & 0o777) == "0o700"
    # What a kiosk wrote: its database (migrated at its next start, by the kiosk itself).
    (data / "kiosk.sqlite3").write_bytes(b"learners and records")
    (data / "kiosk.ini").write_text("[kiosk]\nlanguage = en\n")

    steps = [
        ("preinst", "upgrade", version()),
        ("postinst", "configure", version()),
        ("prerm", "remove"),
        ("postrm", "remove"),
        ("postrm", "purge"),
    ]
    outputs = []
    for script, *args in steps:
        result = maintainer(installed, system, script, *args)
        assert result.returncode == 0, (script, result.stdout, result.stderr)
        outputs.append(result.stdout)
        assert (data / "kiosk.sqlite3").read_bytes() == b"learners and records", script
        assert (data / "kiosk.ini").read_text() == "[kiosk]\nlanguage = en\n", script
    assert sum(line.startswith("kiosk:") for line in (system / "etc/passwd").open()) == 1
    assert "is kept" in outputs[-1] and "rm -r /var/lib/kiosk" in outputs[-1]


def test_a_data_folder_of_another_account_is_named_and_left_alone(
    installed: Path, tmp_path: Path
) -> None:
    system = fake_system(tmp_path / "system")
    data = system / "var/lib/kiosk/data"
    data.mkdir(parents=True)
    data.chmod(0o750)  # not through mkdir: the kiosk's umask (077) may be this process's
    (data / "notes.txt").write_text("someone else's")
    os.chown(data, 12345, 12345)
    result = maintainer(installed, system, "postinst", "configure", "")
    assert result.returncode == 0, result.stderr
    assert "/var/lib/kiosk/data belongs to the account" in result.stderr
    assert "chown -R kiosk:kiosk /var/lib/kiosk/data" in result.stderr
    info = data.stat()
    assert (info.st_uid, info.st_mode & 0o777) == (12345, 0o750)
    assert (data / "notes.txt").read_text() == "someone else's"


def test_the_installed_session_fills_the_screen_and_speaks_in_cage(installed: Path) -> None:
    """The kiosk session on Wayland as a citizen meets it: the window on the whole output (full
    screen), and the welcome spoken (synthesized by espeak-ng into the speech cache). Seen
    through the kiosk's debug probe, as the journeys see the kiosk on X. (Input cannot be
    driven here: Debian's cage 0.1.4 offers no virtual-pointer or virtual-keyboard protocol.)"""
    import json
    import signal
    import time

    folder = Path(tempfile.mkdtemp(prefix="kiosk-session-"))
    folder.chmod(0o755)
    probe = folder / "data" / "probe"
    try:
        env = session_env(folder)
        command = [
            *as_unprivileged(),
            str(installed / "opt/kiosk/session"),
            "--debug-dir",
            str(probe),
        ]
        session = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        seen: dict = {}
        spoken: list = []
        deadline = time.monotonic() + 120
        cache = folder / "data" / "speech-cache"
        try:
            while time.monotonic() < deadline and session.poll() is None:
                try:
                    seen = json.loads((probe / "controls.json").read_text(encoding="utf-8"))
                    lines = (probe / "spoken.jsonl").read_text(encoding="utf-8").splitlines()
                    spoken = [json.loads(line) for line in lines]
                except (OSError, ValueError):
                    pass
                wavs = list(cache.glob("*.wav")) if cache.is_dir() else []
                if seen.get("fullscreen") and spoken and wavs:
                    break
                time.sleep(0.2)
        finally:
            if session.poll() is None:
                os.killpg(session.pid, signal.SIGTERM)
            output = session.communicate(timeout=60)[0]
        assert seen.get("platform") == "wayland", (seen.get("platform"), output[-3000:])
        assert seen.get("fullscreen"), output[-3000:]
        assert seen["window"][2:] == seen["screen_size"], seen  # all of the output
        assert seen["screen"] == "home" and spoken, (seen.get("screen"), spoken)
        assert list(cache.glob("*.wav")), "nothing was synthesized in the Wayland session"
        assert "Traceback" not in output, output[-3000:]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
