"""Issue 14's flow defects: each refused at validation with its pointer, never a crash later."""

from __future__ import annotations

import copy
import json

import pytest

from kiosk.core.flows import FlowError, load_flow, validate_flow
from kiosk.core.flows.model import Page
from kiosk.core.flows.urls import page_matches
from tests.guide.sample import SAMPLE


def refused(data) -> list[tuple[str, str]]:
    with pytest.raises(FlowError) as caught:
        validate_flow(data, "x.json")
    return [(f.pointer, f.notice.english()) for f in caught.value.faults]


def flow(**changes):
    data = copy.deepcopy(SAMPLE)
    data.update(changes)
    return data


def test_the_sample_is_valid():
    assert validate_flow(copy.deepcopy(SAMPLE)).id == "test.signin"


@pytest.mark.parametrize("depth", [200, 990, 100_000])
def test_a_deep_value_is_a_fault_not_a_recursion_error(depth):
    text = json.dumps(flow(description="HERE")).replace('"HERE"', "[" * depth + "]" * depth)
    with pytest.raises(FlowError) as caught:
        load_flow(text, "deep.json")
    assert "levels deep" in caught.value.faults[0].notice.english()
    if depth < 900:  # deeper ones the parser itself refuses, before there is a pointer
        assert caught.value.faults[0].pointer.startswith("/description/0/0")


def test_branch_steps_leading_to_each_other_are_refused_with_the_loop():
    data = flow()
    data["steps"] += [
        {"id": "b1", "kind": "branch", "branch": [], "otherwise": "b2"},
        {
            "id": "b2",
            "kind": "branch",
            "branch": [{"when": {"url": {"path": "^/x"}}, "goto": "b1"}],
        },
    ]
    faults = refused(data)
    loops = [f for f in faults if "loop" in f[1]]
    assert len(loops) == 1
    assert "b1 → b2 → b1" in loops[0][1]
    assert loops[0][0] == f"/steps/{len(data['steps']) - 2}"


def test_a_branch_falling_through_to_itself_through_next_is_a_loop():
    data = flow()
    data["steps"].append({"id": "b1", "kind": "branch", "branch": [], "next": "b1"})
    assert any("b1 → b1" in message for _p, message in refused(data))


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("^/(a+)+$", "repeated group"),
        ("(?i)^/signin$", "read differently"),
        ("(?P<x>a)", "read differently"),
        ("^/signin\\Z", "read differently"),
        ("\\A/signin", "read differently"),
        ("a{,3}", "read differently"),
        ("(a)\\1", "read differently"),
        ("x" * 600, "longer than"),
    ],
)
def test_patterns_that_javascript_reads_differently_or_that_explode_are_refused(pattern, reason):
    data = flow()
    data["steps"][0]["page"]["path"] = pattern
    data["steps"][0]["done_when"] = {"matches": pattern}
    faults = dict(refused(data))
    assert reason in faults["/steps/0/page/path"]
    assert reason in faults["/steps/0/done_when/matches"]


def test_a_page_pattern_is_matched_in_linear_time():
    # With Python's re this took over 15 s; RE2 answers at once (completion is the assertion).
    page = Page(origin=None, path="^/(a+)+$")
    assert not page_matches(page, "http://x/" + "a" * 5000 + "!", {})
    assert page_matches(Page(origin=None, path="^/signin$"), "http://x/signin", {})


@pytest.mark.parametrize(
    "origin",
    ["javascript:alert(1)", "data:text/html,x", "file:///etc", "https://", "https://..",
     "https://./", "https://-", "ftp://my.gov.ir", "https://a..b", "https://x:99999"],
)  # fmt: skip
def test_origins_must_be_http_or_https_with_a_valid_host(origin):
    assert "/origins/portal" in dict(refused(flow(origins={"portal": origin})))


@pytest.mark.parametrize("origin", ["https://my.gov.ir", "http://127.0.0.1:8000", "{portal}"])
def test_good_origins_are_accepted(origin):
    assert validate_flow(flow(origins={"portal": origin}))


@pytest.mark.parametrize("host", [".", "-", "a..b", "-a.ir"])
def test_hosts_must_be_host_names(host):
    assert "/hosts/0" in dict(refused(flow(hosts=[host])))


@pytest.mark.parametrize("version", [10**400, 10**7])
def test_versions_are_bounded(version):
    text = json.dumps(flow(version=version))
    with pytest.raises(FlowError) as caught:
        load_flow(text, "v.json")
    assert caught.value.faults[0].pointer == "/version"


@pytest.mark.parametrize("path", ["/etc/passwd", "../../secret.ogg", "a/../../b.ogg", "C:x.ogg"])
def test_audio_paths_must_be_relative_and_inside(path):
    data = flow()
    data["steps"][0]["audio"] = {"en": path}
    assert "/steps/0/audio/en" in dict(refused(data))


def test_a_bad_value_is_quoted_cut_to_a_readable_length():
    faults = refused(flow(origins={"portal": "javascript:" + "x" * 5_000_000}))
    assert all(len(message) < 400 for _p, message in faults)
