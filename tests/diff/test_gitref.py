"""Git-ref sides on a temporary repository: a clone of this one with two more commits, one
changing a topic's retention in the catalog and one adding a CQL migration and an Alembic
revision. Each ref is planned by its own code in a worktree, as CI would."""

import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from runtime.cli import app
from runtime.diff import render_markdown, report, sources
from runtime.plan import to_json
from tests.diff.conftest import topic

ROOT = Path(__file__).resolve().parents[2]
GIT_ENV = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
runner = CliRunner()


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args],
                            capture_output=True, text=True, env={**os.environ, **GIT_ENV},
                            check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _commit(repo: Path, message: str) -> str:
    _git(repo, "add", "-A")
    _git(repo, "commit", "--quiet", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


def _change_retention(repo: Path) -> tuple[str, int, int]:
    """Add a day to the first topic's retention; its name and the hours before and after."""
    path = repo / "schema_templates" / "catalog" / "topics.yaml"
    text = path.read_text()
    first = yaml.safe_load(text)["topics"][0]
    old = first["retention_hours"]
    # The topic's own block: its name line, then indented lines up to its retention.
    block = rf"(- name: {re.escape(first['name'])}\n(?:[ \t]+\S.*\n)*?[ \t]+retention_hours: )"
    pattern = rf"{block}{old}\b"
    text, count = re.subn(pattern, rf"\g<1>{old + 24}", text, count=1)
    assert count == 1, "topics.yaml changed shape: update this test's edit"
    path.write_text(text)
    return first["name"], old, old + 24


def _add_migrations(repo: Path) -> tuple[str, str]:
    """A CQL migration and an Alembic revision after the last ones; their names."""
    cql = repo / "schema_templates" / "cql"
    number = max(int(p.name[:4]) for p in cql.glob("*.cql.j2")) + 1
    cql_name = f"{number:04d}_rollups_by_building.cql"
    (cql / f"{cql_name}.j2").write_text(
        "-- Hourly rollups per building in {{ region }}, datacenter {{ datacenter }}.\n"
        "CREATE TABLE IF NOT EXISTS telemetry.rollups_by_building (\n"
        "    building_id uuid,\n    hour timestamp,\n    average double,\n"
        "    PRIMARY KEY ((building_id), hour)\n"
        ") WITH default_time_to_live = {{ telemetry_ttl_seconds }};\n")
    versions = repo / "schema_templates" / "sql" / "versions"
    last = max(p.stem for p in versions.glob("[0-9]*.py"))
    revision = f"{int(last[:4]) + 1:04d}_building_notes"
    (versions / f"{revision}.py").write_text(
        f'"""Free-text notes on a building."""\n\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f'revision = "{revision}"\ndown_revision = "{last}"\n'
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade() -> None:\n"
        '    op.create_table("building_notes", sa.Column("note_id", sa.Integer, '
        "primary_key=True),\n"
        '                    sa.Column("note", sa.Unicode(2000), nullable=False))\n\n\n'
        'def downgrade() -> None:\n    op.drop_table("building_notes")\n')
    return cql_name, revision


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """The repository, its three commits by name, and what the later two change."""
    repo = tmp_path_factory.mktemp("history") / "repo"
    subprocess.run(["git", "clone", "--quiet", "--local", str(ROOT), str(repo)], check=True)
    commits = {"base": _git(repo, "rev-parse", "HEAD")}
    topic_name, old, new = _change_retention(repo)
    commits["retention"] = _commit(repo, "Keep the first topic a day longer")
    cql_name, revision = _add_migrations(repo)
    commits["schema"] = _commit(repo, "Rollups by building, and notes on buildings")
    return {"repo": repo, "commits": commits, "topic": topic_name, "hours": (old, new),
            "cql": cql_name, "revision": revision}


@pytest.fixture(scope="module")
def sides(history) -> dict[str, sources.Side]:
    """Each commit as a diff side, planned once for the module, side by side."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        loading = {name: pool.submit(sources.load, commit, history["repo"])
                   for name, commit in history["commits"].items()}
        return {name: future.result() for name, future in loading.items()}


def test_a_retention_change_in_the_catalog_is_exactly_that_property_in_each_stack_with_the_topic(
        history, sides):
    base, head = sides["base"], sides["retention"]
    name = history["topic"]
    old, new = history["hours"]
    having = {stack for stack, plan in base.plans.items() if topic(plan, name)}
    assert having, f"no stack has topic {name}"

    result = report.compare(base, head)

    assert {s.stack for s in result.stacks if not s.resources.empty} == having
    assert all(s.schema.empty for s in result.stacks)
    assert result.sql is not None and result.sql.empty
    for stack in result.stacks:
        if stack.stack not in having:
            continue
        diff = stack.resources
        assert (diff.added, diff.removed, diff.replaced, diff.outputs) == ([], [], [], [])
        [changed] = diff.changed
        assert changed.urn == topic(base.plans[stack.stack], name)["urn"]
        assert [(p.path, p.before, p.after) for p in changed.properties] == [
            (("config", "retention.ms"), f'"{old * 3_600_000}"', f'"{new * 3_600_000}"')]


def test_the_ref_is_planned_by_its_own_code_and_labelled_with_its_commit(history, sides):
    name = history["topic"]
    _, new = history["hours"]
    for plan in sides["retention"].plans.values():
        found = topic(plan, name)
        if found:
            assert found["props"]["config"]["retention.ms"] == str(new * 3_600_000)
    commit = history["commits"]["retention"]
    assert sides["retention"].label == f"{commit} ({commit[:7]})"


def test_new_migrations_show_as_rendered_per_region_and_as_t_sql(history, sides):
    result = report.compare(sides["retention"], sides["schema"])

    texts = {}
    for stack in result.stacks:
        assert [(m.store, m.name) for m in stack.schema.new] == [("cql", history["cql"])]
        assert stack.schema.edited == []
        texts[stack.stack] = stack.schema.new[0].text
        assert f"in {stack.region}, datacenter " in texts[stack.stack]
    regions = {s.region for s in result.stacks}
    assert len(set(texts.values())) >= len(regions), "each region renders its own datacenter"
    assert [m.name for m in result.sql.new] == [history["revision"]]
    assert "CREATE TABLE building_notes" in result.sql.new[0].text
    assert result.sql.edited == []

    text = render_markdown.render(result)
    assert f"**New CQL migration** `{history['cql']}`" in text
    assert "<details><summary><b>SQL</b>: 1 new migration</summary>" in text
    assert (f"new migrations `cql/{history['cql']}`, `sql/{history['revision']}`."
            in text.splitlines()[0])
    assert "```sql\n" in text


def test_the_command_diffs_a_plan_file_against_a_git_ref_and_cleans_its_worktree(
        history, sides, tmp_path):
    repo = history["repo"]
    before = tmp_path / "retention.json"
    before.write_text(to_json(list(sides["retention"].plans.values())))
    out = tmp_path / "diff.json"

    result = runner.invoke(app, ["diff", str(before), history["commits"]["schema"], "--repo",
                                 str(repo), "--format", "json", "--output", str(out)])

    assert result.exit_code == 1, result.output
    document = json.loads(out.read_text())
    assert document["sql"] is None, "a plan file has no SQL to compare"
    assert {s["stack"] for s in document["stacks"] if s["schema"]["new"]} == set(
        sides["schema"].plans)
    assert _git(repo, "worktree", "list", "--porcelain").count("worktree ") == 1


def test_a_ref_that_names_no_commit_exits_3(history):
    result = runner.invoke(app, ["diff", "no-such-branch", "HEAD", "--repo",
                                 str(history["repo"])])
    assert result.exit_code == 3
    assert "'no-such-branch' is neither a plan file" in result.stderr


def test_a_ref_whose_plan_fails_exits_3_with_the_reason_and_leaves_no_worktree(
        plans, tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "--quiet", "--local", str(ROOT), str(repo)], check=True)
    stack_file = repo / "stacks" / "Pulumi.dev.yaml"
    stack_file.write_text(stack_file.read_text().replace("region: us-east", "region: mars"))
    commit = _commit(repo, "A region that does not exist")
    base = tmp_path / "base.json"
    base.write_text(to_json(plans["dev"]))

    result = runner.invoke(app, ["diff", str(base), "HEAD", "--repo", str(repo)])

    assert result.exit_code == 3, result.output
    assert f"at {commit[:7]}: dataspace plan --all failed: " in result.stderr
    assert "dataspace:region" in result.stderr
    assert _git(repo, "worktree", "list", "--porcelain").count("worktree ") == 1
