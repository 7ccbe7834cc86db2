"""Time the offline review commands side by side, interleaved, in fresh processes.

Usage: .venv/bin/python bench/review_commands.py [RUNS]

Each round runs ``plan --all`` (the baseline), ``check --all``, ``check --plan`` over a saved
plan file and ``diff`` of two plan files, one after the other, so machine noise hits all of
them alike; the report gives each median and its ratio to the plan's.
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _commands(exe: str, plans: Path) -> dict[str, list[str]]:
    return {
        "plan --all": [exe, "plan", "--all", "--format", "json", "--output", "/dev/null"],
        "check --all": [exe, "check", "--all", "--format", "json"],
        "check --plan FILE": [exe, "check", "--plan", str(plans), "--format", "json"],
        "diff FILE FILE": [exe, "diff", str(plans), str(plans), "--format", "json"],
    }


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, check=False, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command[1:3])} exited {done.returncode}: {done.stderr.strip()}")
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    exe = shutil.which("dataspace") or sys.exit("dataspace is not on PATH; pip install -e . first")
    with tempfile.TemporaryDirectory() as tmp:
        plans = Path(tmp) / "plans.json"
        subprocess.run([exe, "plan", "--all", "--format", "json", "--output", str(plans)],
                       check=True)
        commands = _commands(exe, plans)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(_time(command))
    base = statistics.median(times["plan --all"])
    print("| command | runs | median | min | max | ratio to plan --all |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| `dataspace {name}` | {runs} | {median:.2f} s | {min(values):.2f} s | "
              f"{max(values):.2f} s | {median / base:.2f} |")


if __name__ == "__main__":
    main()
