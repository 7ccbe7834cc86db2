"""The GitHub workflows: linted by actionlint (built from the Go module proxy on first use by
scripts/actionlint; a failed build fails the test), and the deploy order they promise."""

import itertools
import subprocess
from pathlib import Path

import yaml

from stacks import CLOUD_STACKS

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / "scripts" / "actionlint"


def _actionlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ACTIONLINT), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=900, check=False)


def _workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text())


def test_the_workflows_pass_actionlint():
    assert {"preview.yml", "deploy.yml"} <= {p.name for p in WORKFLOWS.glob("*.yml")}
    result = _actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nowhere\n"
                      "    steps:\n      - run: echo ${{ github.nothing_here }}\n")
    result = _actionlint(str(broken))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "nowhere" in result.stdout


def test_deploy_goes_through_every_stack_in_order_one_at_a_time():
    jobs = _workflow("deploy.yml")["jobs"]
    order = ["test", *CLOUD_STACKS]
    assert order[1:] == ["dev", "staging", "prod-useast", "prod-uswest", "prod-eu"]
    for before, stack in itertools.pairwise(order):
        job = jobs[stack]
        assert job["needs"] == before, f"{stack} should wait for {before}"
        assert job["with"]["stack"] == stack
        assert job["uses"] == "./.github/workflows/deploy-stack.yml"


def test_each_stack_deploys_in_its_environment_with_the_policy_pack():
    up = _workflow("deploy-stack.yml")["jobs"]["up"]
    assert up["environment"] == "${{ inputs.stack }}"
    pulumi = next(s for s in up["steps"] if s.get("uses", "").startswith("pulumi/actions@"))
    assert (pulumi["with"]["command"], pulumi["with"]["policyPacks"]) == ("up", "policies")


def test_preview_diffs_against_the_base_branch_and_previews_only_with_credentials():
    jobs = _workflow("preview.yml")["jobs"]
    runs = "\n".join(s.get("run", "") for s in jobs["diff"]["steps"])
    assert 'dataspace diff "origin/$BASE_REF" HEAD --fail-on-violation' in runs
    checkout = jobs["diff"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0, "the base branch must be fetched"
    preview = jobs["pulumi-preview"]
    assert preview["if"] == "needs.cloud.outputs.configured == 'true'"
    assert preview["strategy"]["matrix"]["stack"] == list(CLOUD_STACKS)
    pulumi = next(s for s in preview["steps"] if s.get("uses", "").startswith("pulumi/actions@"))
    assert (pulumi["with"]["command"], pulumi["with"]["diff"],
            pulumi["with"]["policyPacks"]) == ("preview", True, "policies")
