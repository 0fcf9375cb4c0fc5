"""Issue 14, one regression test per defect found in the services catalogue loader: each of
these once left Get help empty (bundled services included) or was dropped without a word. Now
each is a fault naming the file and the JSON pointer, and every bundled service still loads."""

from __future__ import annotations

import json

import pytest

from kiosk.i18n import set_language
from kiosk.services.assist_catalog import BUNDLED, fault_lines, load_services
from kiosk.services.lessons import LESSONS_DIR

FLOW = (LESSONS_DIR / "practice_portal" / "flows" / "signin.json").read_text(encoding="utf-8")
DEEP = "[" * 10_000 + "]" * 10_000


@pytest.mark.parametrize(
    ("manifest", "flow", "where"),
    [
        ('{"services": 5}', FLOW, "services.json at /services"),
        (DEEP, FLOW, "services.json at /"),
        ('{"services": ' + "[" * 60 + "]" * 60 + "}", FLOW, "services.json at /services/0/0"),
        ('[{"flow": "flow.json"}]', FLOW, "services.json at /:"),
        ('{"services": [{"flow": 5}]}', FLOW, "services.json at /services/0/flow"),
        ('{"services": [7]}', FLOW, "services.json at /services/0"),
        ('{"services": [{"flow": "/dev/zero"}]}', FLOW, "services.json at /services/0/flow"),
        ('{"services": [{"flow": "flow.json", "receipt": 3}]}', FLOW, "at /services/0/receipt"),
        ('{"services": [{"flow": "flow.json"}]}', "[" * 990 + "]" * 990, "flow.json at /"),
    ],
)
def test_a_hostile_catalogue_is_a_named_fault_and_the_bundled_services_load(
    tmp_path, manifest, flow, where
):
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "services.json").write_text(manifest)
    (folder / "flow.json").write_text(flow)
    bundled = [s.flow.id for s in load_services([BUNDLED])[0]]
    services, faults = load_services([BUNDLED, folder])
    assert [s.flow.id for s in services] == bundled
    set_language("en")
    lines = fault_lines(faults)
    set_language("fa")
    assert lines and all(line.startswith(str(folder)) for line in lines), lines
    assert any(where in line for line in lines), lines
    assert all(len(line) < 500 for line in lines)
    json.dumps([str(f) for f in faults])  # the faults' texts are plain and printable
