"""`dataspace diff` over plan files and directories: exit codes first, then output."""

import copy
import json

from typer.testing import CliRunner

from runtime.cli import app
from tests.diff.conftest import resource, topic, write

runner = CliRunner()


def _diff(*args: str):
    return runner.invoke(app, ["diff", *args])


def _moved_to_the_us(cloud: list[dict]) -> list[dict]:
    head = copy.deepcopy(cloud)
    eu = next(p for p in head if p["region"] == "eu")
    resource(eu, "azure-native:redis:Redis")["props"]["location"] = "eastus"
    return head


def test_no_change_exits_0(cloud, tmp_path):
    base = write(tmp_path / "base.json", cloud)
    result = _diff(str(base), str(base))
    assert result.exit_code == 0, result.output
    assert "no change." in result.stdout.splitlines()[0]


def test_a_change_exits_1_and_is_summed_up_on_the_first_line(cloud, tmp_path):
    head = copy.deepcopy(cloud)
    topic(head[0], "device-events")["props"]["partitions"] += 1
    result = _diff(str(write(tmp_path / "base.json", cloud)),
                   str(write(tmp_path / "head.json", head)))
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    assert f"1 of {len(cloud)} stacks change, 1 to change." in first
    assert f"<details><summary><b>{head[0]['stack']}</b>" in result.stdout


def test_a_new_mandatory_violation_exits_2_with_fail_on_violation(cloud, tmp_path):
    base = write(tmp_path / "base.json", cloud)
    head = write(tmp_path / "head.json", _moved_to_the_us(cloud))

    plain = _diff(str(base), str(head))
    failing = _diff(str(base), str(head), "--fail-on-violation")

    assert plain.exit_code == 1, plain.output
    assert failing.exit_code == 2, failing.output
    assert "**1 new mandatory violation**" in failing.stdout.splitlines()[0]
    assert "**new mandatory** `gdpr-eu-residency`" in failing.stdout


def test_fail_on_violation_still_exits_1_for_a_change_without_one(cloud, tmp_path):
    head = copy.deepcopy(cloud)
    resource(head[0], "azure-native:redis:Redis")["props"]["tags"]["owner"] = "data-team"
    result = _diff(str(write(tmp_path / "base.json", cloud)),
                   str(write(tmp_path / "head.json", head)), "--fail-on-violation")
    assert result.exit_code == 1, result.output


def test_directories_of_plans_and_json_output(cloud, tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir()
    after.mkdir()
    head = _moved_to_the_us(cloud)
    for plan in cloud:
        write(before / f"{plan['stack']}.json", plan)
    write(after / "all.json", head)
    out = tmp_path / "diff.json"

    result = _diff(str(before), str(after), "--format", "json", "--output", str(out))

    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    document = json.loads(out.read_text())
    assert (document["base"], document["head"]) == ("before", "after")
    assert document["changed"] is True
    assert document["new_mandatory_violations"] == 1
    changed = [s["stack"] for s in document["stacks"] if s["changed"]]
    assert changed == [p["stack"] for p in head if p["region"] == "eu"]
    [stack] = [s for s in document["stacks"] if s["changed"]]
    [replaced] = stack["resources"]["replaced"]
    assert replaced["replaced_by"] == ["location"]
    assert replaced["properties"][0]["path"] == ["location"]
    assert stack["verdicts"]["new_mandatory"][0]["policy"] == "gdpr-eu-residency"


def test_a_side_that_is_neither_file_nor_ref_exits_3_naming_it(tmp_path):
    result = _diff(str(tmp_path / "missing.json"), "HEAD", "--repo", str(tmp_path))
    assert result.exit_code == 3
    assert "missing.json' is neither a plan file, a directory of plans nor a git ref" in (
        result.stderr)
    assert "Traceback" not in result.output


def test_a_file_that_is_not_a_plan_exits_3(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"stacks": []}')
    result = _diff(str(bad), str(bad))
    assert result.exit_code == 3
    assert "bad.json: not a plan (no 'stack' and 'resources')" in result.stderr


def test_a_stack_twice_on_one_side_exits_3(cloud, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    write(plans / "a.json", cloud[0])
    write(plans / "b.json", cloud[0])
    result = _diff(str(plans), str(plans))
    assert result.exit_code == 3
    assert f"stack {cloud[0]['stack']!r} appears twice" in result.stderr


def test_an_unknown_format_exits_3(cloud, tmp_path):
    base = write(tmp_path / "base.json", cloud)
    result = _diff(str(base), str(base), "--format", "html")
    assert result.exit_code == 3
    assert "--format must be markdown or json" in result.stderr


def test_an_output_that_cannot_be_written_exits_3(cloud, tmp_path):
    base = write(tmp_path / "base.json", cloud)
    result = _diff(str(base), str(base), "--output", str(tmp_path / "no-such-dir" / "d.md"))
    assert result.exit_code == 3
    assert "no-such-dir/d.md: cannot write (No such file or directory)" in result.stderr
