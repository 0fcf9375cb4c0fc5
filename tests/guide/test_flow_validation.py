"""Flow validation: every fault with its JSON pointer, in the operator's language, never a crash."""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import i18n
from kiosk.core.flows import FlowError, load_flow, validate_flow
from tests.guide.sample import SAMPLE, sample


def faults(data: Any) -> dict[str, str]:
    """pointer -> English message of every fault in `data`."""
    with pytest.raises(FlowError) as caught:
        validate_flow(data)
    i18n.set_language("en")
    return {f.pointer: f.text() for f in caught.value.faults}


def test_the_sample_is_valid():
    flow = validate_flow(sample())
    assert flow.id == "test.signin" and len(flow.steps) == 7 and len(flow.help) == 3


def test_missing_and_unknown_fields_point_at_themselves():
    data = sample()
    del data["version"]
    data["steps"][1]["tagret"] = []
    found = faults(data)
    assert found[""] == "“version” is missing."
    assert found["/steps/1/tagret"] == "“tagret” is not a known field here (a typo?)."


def test_all_faults_are_reported_at_once():
    data = sample()
    data["title"] = {"fa": "ورود"}  # English missing
    data["steps"][0]["done_when"] = {"matches": "([0-9"}  # bad regex
    data["steps"][1]["next"] = "nowhere"
    data["steps"][2]["id"] = "nid"  # duplicate
    data["steps"][4]["target"] = [{"css": "a", "name": "b"}]
    data["steps"][4]["kind"] = "secret"
    data["help"][0]["page"] = {"origin": "bank", "path": "/"}
    found = faults(data)
    assert found["/title"] == "“en” is missing."
    assert found["/steps/0/done_when/matches"].startswith("This is not a valid regular expression")
    assert found["/steps/1/next"] == "There is no step “nowhere”."
    assert found["/steps/2/id"] == "Step id “nid” is used twice."
    assert found["/steps/4/target/0"].startswith("A locator needs exactly one of")
    assert found["/steps/4/kind"].startswith("This should be one of: normal")
    assert found["/help/0/page/origin"] == "There is no origin “bank” in “origins”."


def test_branch_and_step_shapes():
    data = sample()
    data["steps"][3]["text"] = {"fa": "x", "en": "x"}
    del data["steps"][0]["done_when"]
    data["steps"][2]["done_when"] = {"clicked": True, "submitted": True}
    del data["steps"][4]["target"]
    data["steps"][5]["otherwise"] = "otp"
    found = faults(data)
    assert found["/steps/3/text"] == "A branch step does not take “text”."
    assert found["/steps/0"] == "“done_when” is missing."
    assert found["/steps/2/done_when"] == "Give at most 1 of these fields here."
    assert found["/steps/4/done_when"] == "“matches” needs a “target” to watch."
    assert found["/steps/5/otherwise"] == "Only a step of kind “branch” takes “otherwise”."


def test_types_and_limits_are_named_plainly():
    data = sample(version="3", hosts=[])
    data["steps"][1]["timeout"] = {"seconds": 1}
    data["steps"][0]["target"][1]["role"] = "textbox"
    data["steps"][0]["next"] = "$return"
    found = faults(data)
    assert found["/version"] == "This should be a whole number."
    assert found["/hosts"] == "This list needs at least 1 item."
    assert found["/steps/1/timeout/seconds"] == "This number must be at least 5."
    assert found["/steps/0/target/1"].startswith("A locator needs exactly one")
    assert found["/steps/0/next"] == "“$return” only works in a help step."


def test_json_pointer_escapes_slash_and_tilde():
    data = sample()
    data["origins"]["a/b~c"] = "x"
    assert "/origins/a~1b~0c" in faults(data)


def test_faults_speak_the_operator_language():
    data = sample()
    del data["id"]
    with pytest.raises(FlowError) as caught:
        validate_flow(data)
    fault = caught.value.faults[0]
    i18n.set_language("fa")
    try:
        persian = fault.text()
    finally:
        i18n.set_language("en")
    assert fault.notice.message == "“{name}” is missing."
    assert "id" in persian  # translated once the catalog has it; the name stays as written


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("{", "line 1, column 2"),
        ('{"version": NaN}', "NaN"),
        (b"\xff\xfe", "UTF-8"),
        ("[" * 100_000, "levels deep"),
    ],
)
def test_broken_files_are_refused_with_a_reason(text: str | bytes, where: str):
    from kiosk import i18n

    with pytest.raises(FlowError) as caught:
        load_flow(text, source="x.json")
    i18n.set_language("en")
    try:
        assert where in str(caught.value.faults[0])
    finally:
        i18n.set_language("fa")
    assert caught.value.source == "x.json"


def test_non_finite_numbers_from_python_are_refused():
    data = sample()
    data["steps"][1]["timeout"] = {"seconds": float("nan")}
    assert "/steps/1/timeout/seconds" in faults(data)


# ---- hypothesis: mutated flows never crash the validator --------------------------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(
    ["id", "kind", "text", "page", "target", "done_when", "branch", "next", "help", "css",
     "name", "label", "role", "accessible_name", "value", "matches", "path", "origin", "goto",
     "when", "appears", "otherwise", "timeout", "on_missing", "seconds", "fa", "en", "$return"]
)  # fmt: skip


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(paths(data)))
        if not where:
            data = draw(JSON)
            continue
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        key = where[-1]
        action = draw(st.sampled_from(["replace", "delete", "add", "rename"]))
        if action == "replace":
            parent[key] = draw(JSON | KEYS)
        elif action == "delete":
            del parent[key]
        elif action == "add" and isinstance(parent[key], dict):
            parent[key][draw(KEYS | st.text(max_size=5))] = draw(JSON | KEYS)
        elif action == "add" and isinstance(parent[key], list):
            parent[key].append(draw(JSON))
        elif isinstance(parent, dict):
            parent[draw(KEYS)] = parent.pop(key)
        if not isinstance(data, (dict, list)):
            break
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_flows_get_faults_never_crashes(data: Any):
    try:
        flow = validate_flow(data)
    except FlowError as error:
        assert error.faults
        for fault in error.faults:
            assert fault.pointer == "" or fault.pointer.startswith("/")
            assert fault.text()
    else:
        assert flow.steps


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60) | st.binary(max_size=30))
def test_any_text_is_refused_cleanly(text: str | bytes):
    with contextlib.suppress(FlowError):
        load_flow(text)


@settings(max_examples=100, deadline=None)
@given(mutated())
def test_mutated_flows_survive_a_json_round_trip(data: Any):
    try:
        text = json.dumps(data, allow_nan=False)
    except ValueError:
        return
    with contextlib.suppress(FlowError):
        load_flow(text)


def test_pattern_within_and_chosen_are_read_and_checked():
    data = sample()
    step = data["steps"][1]
    step["target"] = [
        {
            "label": "Day",
            "within": {"role": "group", "accessible_name": {"fa": "تاریخ تولد", "en": "Birth"}},
        },
        {"text": {"pattern": "^reference [0-9]+$"}},
    ]
    step["done_when"] = {"chosen": "No"}
    flow = validate_flow(data)
    day, reference = flow.steps[1].target
    assert day.kind == "label" and day.words == ("Day",)
    assert day.within is not None and day.within.role == "group"
    assert day.within.words == ("تاریخ تولد", "Birth")
    assert reference.kind == "text" and reference.words == () and reference.pattern
    assert day.to_json()["within"]["role"] == "group"
    done = flow.steps[1].done
    assert done is not None and done.kind == "chosen" and done.option.words == ("No",)
    assert done.to_json()["option"]["words"] == ["No"]
    step["done_when"] = {"chosen": True}
    assert validate_flow(data).steps[1].done.option is None


def test_bad_patterns_and_locators_inside_within_point_at_themselves():
    data = sample()
    step = data["steps"][1]
    step["target"] = [
        {"label": {"pattern": "(?<=x)y"}, "within": {"role": "group"}},
        {"text": "Yes", "within": {"css": "fieldset", "label": "Both"}},
    ]
    step["done_when"] = {"chosen": {"pattern": "([0-9"}}
    found = faults(data)
    assert "regular expression" in found["/steps/1/target/0/label/pattern"]
    assert found["/steps/1/target/0/within"] == "“accessible_name” is missing."
    assert "exactly one of" in found["/steps/1/target/1/within"]
    assert "regular expression" in found["/steps/1/done_when/chosen/pattern"]


def test_several_fields_as_one_step_are_read_and_checked():
    data = sample()
    step = data["steps"][1]
    step["target"] = [{"role": "group", "accessible_name": "Date of birth"}]
    step["done_when"] = {
        "all_filled": [
            {"field": [{"label": "Day"}], "matches": "^[0-9]{1,2}$"},
            {"field": [{"label": "Year"}, {"name": "year"}], "matches": "^[0-9]{4}$"},
        ]
    }
    done = validate_flow(data).steps[1].done
    assert done is not None and done.kind == "all_filled"
    (day, day_re), (year, year_re) = done.fields
    assert day[0].words == ("Day",) and day_re == "^[0-9]{1,2}$"
    assert [loc.kind for loc in year] == ["label", "name"] and year_re == "^[0-9]{4}$"
    fields = done.to_json()["fields"]
    assert fields[1]["pattern"] == "^[0-9]{4}$" and fields[1]["target"][1]["words"] == ["year"]
    step["done_when"]["all_filled"][1]["matches"] = "([0-9"
    step["done_when"]["all_filled"][0]["field"] = [{"role": "textbox"}]
    found = faults(data)
    assert "regular expression" in found["/steps/1/done_when/all_filled/1/matches"]
    assert found["/steps/1/done_when/all_filled/0/field/0"] == "“accessible_name” is missing."
    del step["target"]
    assert "needs a “target”" in faults(data)["/steps/1/done_when"]
    step["target"] = [{"label": "Date"}]
    step["done_when"] = {"all_filled": [{"field": [{"label": "Day"}]}]}
    assert "/steps/1/done_when/all_filled/0" in faults(data)


def test_samples_fit_their_steps_and_a_real_portal_keeps_private_steps_unsampled():
    data = sample()
    data["steps"][0]["sample"] = "0010350829"
    data["steps"][4]["sample"] = {"read": [{"css": "aside.phone"}], "pattern": "[0-9]{5}"}
    assert validate_flow(data).steps[0].sample.values == ("0010350829",)  # a practice flow
    data["steps"][1]["sample"] = "0912"  # not what the step asks for
    data["steps"][2]["sample"] = "x"  # a button takes no value
    data["steps"][4]["sample"] = {"practice": "otp"}  # the practice portal is asked one thing
    data["steps"][0]["done_when"] = {
        "all_filled": [{"field": [{"name": "d"}], "matches": "^[0-9]+$"}]
    }  # a list, one value per field
    found = faults(data)
    assert found["/steps/1/sample"] == "The sample “0912” does not match what this step asks for."
    assert found["/steps/2/sample"].startswith("Only a step that types or chooses")
    assert found["/steps/4/sample"].startswith("A sample is a text, a list of texts")
    assert found["/steps/0/sample"].startswith("With “all_filled” the sample is a list")
    assert set(found) == {
        "/steps/0/sample",
        "/steps/1/sample",
        "/steps/2/sample",
        "/steps/4/sample",
    }

    real = sample()
    real["origins"] = {"portal": "https://my.gov.ir"}
    real["hosts"] = ["my.gov.ir"]
    real["steps"][4]["sample"] = "12345"  # a private step of a real portal
    real["steps"][1]["sample"] = {"practice": "captcha"}
    found = faults(real)
    assert found["/steps/4/sample"].startswith("A private step has no sample in a flow for a real")
    assert found["/steps/1/sample"] == (
        "Only a flow for the kiosk's practice portal can ask it for a sample."
    )
