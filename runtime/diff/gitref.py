"""Plans of a git ref, made by that ref's own code in a temporary worktree.

The worktree is a detached checkout of the commit. ``dataspace plan --all`` and the T-SQL
rendering run there in subprocesses of this venv's Python, with the worktree first on
PYTHONPATH, so the ref's program, catalog and templates are the ones planned.
"""

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from runtime.errors import DataspaceError

log = logging.getLogger(__name__)

PLAN_CODE = "from runtime.cli import main; main()"
# Revision id -> T-SQL of that revision alone; null where the ref predates runtime.migrations.
SQL_CODE = """
import json, sys
try:
    from runtime.migrations.sql import offline_sql, revisions
except ImportError:
    print("null"); sys.exit(0)
out, previous = {}, None
for revision in revisions():
    out[revision] = offline_sql(previous, revision)
    previous = revision
print(json.dumps(out))
"""
# Worktree bookkeeping in .git is not safe to change from two threads at once.
_git_lock = threading.Lock()


class GitRefError(DataspaceError):
    """A git ref whose plans cannot be made."""


def resolve(repo: Path, ref: str) -> str | None:
    """The commit a ref names in ``repo``, or None when it names none."""
    result = _git_run(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return result.stdout.strip() if result.returncode == 0 else None


def plans_at(repo: Path, commit: str) -> tuple[list[dict], dict[str, str] | None]:
    """Every cloud stack's plan at ``commit``, and each Alembic revision's T-SQL there."""
    scratch = Path(tempfile.mkdtemp(prefix="dataspace-diff-"))
    tree = scratch / commit[:12]
    out = scratch / "plans.json"
    running: list[subprocess.Popen] = []
    try:
        with _git_lock:
            _git(repo, "worktree", "add", "--detach", "--quiet", str(tree), commit)
        log.info("planning every stack at %s in %s", commit[:7], tree)
        # The plan and the T-SQL are independent: run them side by side.
        running.append(_start(tree, [PLAN_CODE, "plan", "--all", "--format", "json",
                                     "--output", str(out)]))
        running.append(_start(tree, [SQL_CODE]))
        _finish(running[0], "dataspace plan --all", commit)
        sql = _json(_finish(running[1], "offline T-SQL", commit), "offline T-SQL", commit)
        return _json(out.read_text(), "dataspace plan --all", commit), sql
    finally:
        for process in running:
            if process.poll() is None:
                process.kill()
                process.communicate()
        with _git_lock:
            _git_run(repo, "worktree", "remove", "--force", str(tree))
            shutil.rmtree(scratch, ignore_errors=True)
            _git_run(repo, "worktree", "prune")


def _git_run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], check=False, capture_output=True,
                          text=True)


def _git(repo: Path, *args: str) -> str:
    result = _git_run(repo, *args)
    if result.returncode != 0:
        raise GitRefError(f"git {' '.join(args[:2])} in {repo} failed: {result.stderr.strip()}")
    return result.stdout


def _start(tree: Path, code_and_args: list[str]) -> subprocess.Popen:
    path = os.pathsep.join(p for p in (str(tree), os.environ.get("PYTHONPATH")) if p)
    return subprocess.Popen([sys.executable, "-c", *code_and_args], cwd=tree,
                            env=dict(os.environ, PYTHONPATH=path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen, what: str, commit: str) -> str:
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        last = (stderr.strip().splitlines() or ["no output"])[-1]
        raise GitRefError(f"at {commit[:7]}: {what} failed: {last}; run it in a checkout of "
                          f"{commit[:7]} to see why")
    return stdout


def _json(text: str, what: str, commit: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GitRefError(f"at {commit[:7]}: {what} wrote no JSON ({exc}); run it in a "
                          f"checkout of {commit[:7]} to see what it prints") from None
