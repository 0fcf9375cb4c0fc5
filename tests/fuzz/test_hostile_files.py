"""Issue 14: hostile copies of the shipped files never take a loader down.

Hypothesis mutates copies of the shipped packs, lessons, flows, services catalogue, kiosk.ini,
a kiosk database and a staff PIN file (deleted keys, wrong types, nulls, huge and deep values,
invalid UTF-8, byte order marks, links leading out, FIFOs, devices, bad patterns, branch
loops) and checks: no exception escapes the loader, the good neighbour still loads, every
fault names its file, and the shipped originals are unchanged.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.notices import NoticeError
from kiosk.services.lessons import LESSONS_DIR, load_packs
from tests.fuzz.conftest import count

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
SPECIAL = st.sampled_from(
    [
        None,
        5,
        "x" * 30_000,
        10**400 // 10**390,
        ["deep"],
        {"services": 5},
        "^/(a+)+$",
        "(?i)x",
        "javascript:alert(1)",
        "../../etc/passwd",
        "/dev/zero",
    ]
)
FILE_DAMAGE = st.sampled_from(
    [
        "invalid utf-8",
        "bom",
        "truncated",
        "empty",
        "null",
        "deep",
        "link out",
        "dev zero",
        "fifo",
        "folder",
    ]
)


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def originals():
    before = tree_hash(LESSONS_DIR)
    yield
    assert tree_hash(LESSONS_DIR) == before, "a loader changed a shipped file"


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


def mutate(draw, document):
    """`document` with one to three of: a value replaced, a key deleted, a list grown huge."""
    doc = copy.deepcopy(document)
    all_paths = [p for p in paths(doc) if p]
    for _ in range(draw(st.integers(1, 3))):
        if not all_paths:
            break
        path = draw(st.sampled_from(all_paths))
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["replace", "special", "delete", "deepen"]))
            if action == "replace":
                parent[path[-1]] = draw(JSON)
            elif action == "special":
                parent[path[-1]] = draw(SPECIAL)
            elif action == "delete":
                del parent[path[-1]]
            else:
                value = parent[path[-1]]
                for _ in range(draw(st.sampled_from([60, 900]))):
                    value = [value]
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    return doc


def dump(document) -> bytes:
    try:
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        return b"[" * 5000 + b"]" * 5000


def spoil(path: Path, kind: str, value, outside: Path) -> None:
    """Apply one case Hypothesis made to the file at `path`: new `content` (bytes), or a
    damage of kind `value` (see `damage`)."""
    if kind == "content":
        path.write_bytes(value)
    else:
        damage(path, value, outside)


def damage(path: Path, how: str, outside: Path) -> None:
    """Replace the file at `path` with a damaged one of kind `how`."""
    raw = path.read_bytes() if path.is_file() and not path.is_symlink() else b"{}"
    if path.is_symlink() or path.exists():
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    if how == "invalid utf-8":
        path.write_bytes(raw[:10] + b"\xff\xfe\xc3" + raw[10:])
    elif how == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + raw)
    elif how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "null":
        path.write_bytes(b"null")
    elif how == "deep":
        path.write_bytes(b"[" * 10_000 + b"]" * 10_000)
    elif how == "link out":
        outside.write_bytes(raw)
        path.symlink_to(outside)
    elif how == "dev zero":
        path.symlink_to("/dev/zero")
    elif how == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()


@st.composite
def pack_cases(draw):
    folder = LESSONS_DIR / "basics"
    lessons = sorted((folder / "lessons").glob("*.json"))
    target = draw(st.sampled_from(["pack.json", *[f"lessons/{p.name}" for p in lessons[:6]]]))
    original = json.loads((folder / target).read_text(encoding="utf-8"))
    if draw(st.booleans()):
        return target, ("content", dump(mutate(draw, original)))
    return target, ("file", draw(FILE_DAMAGE))


@settings(FAST, max_examples=12)
@given(case=pack_cases())
def test_a_hostile_pack_file_is_a_fault_naming_it_and_the_neighbour_loads(originals, case):
    count("packs")
    target, (kind, value) = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "packs"
        shutil.copytree(LESSONS_DIR / "basics", root / "good")
        shutil.copytree(LESSONS_DIR / "basics", root / "mutant")
        path = root / "mutant" / target
        spoil(path, kind, value, Path(tmp) / "outside.json")
        packs, broken = load_packs(root)
        assert [p.root for p in packs][:1] == [str(root / "good")]
        for report in broken:
            assert report.path == root / "mutant"
            assert report.faults, "a skipped pack must say why"
            for fault in report.faults:
                assert fault.file.startswith("mutant/") or fault.file.startswith("mutant")
                assert len(fault.text()) < 2000


@st.composite
def service_cases(draw):
    from kiosk.services.assist_catalog import BUNDLED

    flows = sorted((LESSONS_DIR / "practice_portal" / "flows").glob("*.json"))
    flow = draw(st.sampled_from(flows))
    target = draw(st.sampled_from(["services.json", "flow.json"]))
    if target == "services.json":
        original = json.loads((BUNDLED / "services.json").read_text(encoding="utf-8"))
        original["services"] = [{"flow": "flow.json", "pictogram": "help", "receipt": ["r"]}]
    else:
        original = json.loads(flow.read_text(encoding="utf-8"))
        if draw(st.booleans()) and original.get("steps"):
            # A branch loop: the first step becomes a branch that leads back to itself.
            first = original["steps"][0]
            original["steps"][0] = {
                "id": first["id"],
                "kind": "branch",
                "branch": [],
                "otherwise": first["id"],
            }
    mode = draw(st.sampled_from(["content", "content", "file"]))
    if mode == "content":
        return flow, target, ("content", dump(mutate(draw, original)))
    return flow, target, ("file", draw(FILE_DAMAGE))


@FAST
@given(case=service_cases())
def test_a_hostile_catalogue_or_flow_is_a_fault_naming_it_and_bundled_services_load(
    originals, case
):
    from kiosk.services.assist_catalog import BUNDLED, load_services

    count("services")
    flow, target, (kind, value) = case
    bundled, _faults = load_services([BUNDLED])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "flows"
        folder.mkdir()
        shutil.copy(flow, folder / "flow.json")
        (folder / "services.json").write_text(json.dumps({"services": [{"flow": "flow.json"}]}))
        path = folder / target
        spoil(path, kind, value, Path(tmp) / "outside.json")
        services, faults = load_services([BUNDLED, folder])
        assert [s.flow.id for s in services][: len(bundled)] == [s.flow.id for s in bundled]
        for error in faults:
            assert error.source.startswith(str(folder)), error.source
            for fault in error.faults:
                assert len(fault.text()) < 2000


INI_LINES = st.sampled_from(
    [
        "[kiosk]",
        "[other]",
        "language = fa",
        "language = en",
        "language = xx",
        "languages =",
        "languages = en",
        "languages = fa, en, fa",
        "idle_seconds = -5",
        "idle_seconds = 99999999999999999999999",
        "staff_keyring = file",
        "= x",
        "x" * 5000,
        "[kiosk",
        "%(x)s",
    ]
)


@FAST
@given(lines=st.lists(INI_LINES | st.text(max_size=30), max_size=8), raw=st.binary(max_size=40))
def test_any_kiosk_ini_gives_settings_and_notices(lines, raw):
    from kiosk.core.options import OPTIONS
    from kiosk.services.config import load_settings

    count("kiosk.ini")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kiosk.ini"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + raw)
        before = path.read_bytes()
        settings_ = load_settings(path, {})
        assert {o.key for o in OPTIONS} <= set(settings_.sources)
        assert settings_["language"] in settings_["languages"]
        for notice in settings_.notices:
            assert len(notice.text()) < 2000
        assert path.read_bytes() == before


@pytest.fixture(scope="module")
def kiosk_database():
    from kiosk.services.paths import DB_NAME
    from kiosk.services.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        store.close()
        yield (Path(tmp) / DB_NAME).read_bytes()


@FAST
@given(
    action=st.sampled_from(["truncate", "flip", "drop", "foreign", "text version", "zero"]),
    at=st.floats(0, 1),
)
def test_a_hostile_database_opens_or_is_refused_untouched(kiosk_database, action, at):
    from kiosk.services.paths import DB_NAME
    from kiosk.services.store import open_store

    count("database")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / DB_NAME
        raw = bytearray(kiosk_database)
        offset = int(at * (len(raw) - 1))
        if action == "truncate":
            raw = raw[:offset]
        elif action == "flip":
            raw[offset] ^= 0xFF
        elif action == "zero":
            raw[offset : offset + 512] = bytes(len(raw[offset : offset + 512]))
        path.write_bytes(bytes(raw))
        if action in ("drop", "foreign", "text version"):
            conn = sqlite3.connect(path)
            table = "schema_version" if action != "foreign" else "invoices"
            if action == "foreign":
                conn.execute("CREATE TABLE invoices (id INTEGER)")
            else:
                conn.execute(f"DROP TABLE {table}")
            if action == "text version":
                conn.execute("CREATE TABLE schema_version (version TEXT)")
                conn.execute("INSERT INTO schema_version VALUES ('x')")
            conn.commit()
            conn.close()
        before = path.read_bytes()
        try:
            store = open_store(Path(tmp))
        except NoticeError as error:
            assert str(path) in str(error)
            assert path.read_bytes() == before
        else:
            store.close()
            assert action in ("truncate", "flip", "zero")  # the damage missed what sqlite reads


@FAST
@given(
    content=st.one_of(
        JSON.map(lambda v: json.dumps(v).encode()),
        st.binary(max_size=60),
        st.just(b"[" * 10_000 + b"]" * 10_000),
        st.just(b'{"a": 5}'),
    )
)
def test_a_hostile_pin_file_is_damaged_or_read(content):
    from kiosk.services.file_keyring import CorruptKeyringError
    from kiosk.services.secrets import FileKeyring

    count("PIN file")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "staff-keyring.json"
        path.write_bytes(content)
        keyring = FileKeyring(path)
        try:
            keyring.check()
        except CorruptKeyringError as error:
            assert error.path == path
            assert keyring.set_aside() is not None and not path.exists()
        else:
            assert keyring.get_password("kiosk-staff", "nobody") is None


@FAST
@given(text=st.text(max_size=3000), lang=st.sampled_from(["fa", "en"]))
def test_the_speech_normaliser_never_raises(text, lang):
    from kiosk.core.speech_text import normalise

    count("speech")
    assert isinstance(normalise(text, lang), str)
