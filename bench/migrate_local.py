"""Time `dataspace migrate all --target local` on fresh servers, then its no-op re-run.

Usage: .venv/bin/python bench/migrate_local.py [RUNS]

Each run starts the five servers the migrator needs in a new state directory, on ports of
their own (10000 above the defaults, so servers already running are left alone), times the
first apply and a second run that finds nothing to do, and stops them. The report gives
each median and the no-op's ratio to the apply.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from runtime.local.settings import DEFAULT_PORTS

SERVERS = ["cassandra", "kafka", "artemis", "ferretdb", "postgres"]


def _env(state: Path) -> dict[str, str]:
    env = dict(os.environ, DATASPACE_STATE_DIR=str(state))
    env.update({f"DATASPACE_PORT_{key.upper()}": str(port + 10000)
                for key, port in DEFAULT_PORTS.items()})
    return env


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[1:])} exited {done.returncode}: {done.stderr.strip()}")
    return elapsed, done.stdout


def one_run(exe: str, python: str) -> tuple[float, float]:
    """Seconds of the first apply and of the re-run on one fresh set of servers."""
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp) / "state")
        local = [python, "-m", "runtime.local"]
        subprocess.run([*local, "start", *SERVERS], env=env, check=True, capture_output=True)
        try:
            apply, _ = _timed([exe, "migrate", "all", "--target", "local"], env)
            again, out = _timed([exe, "migrate", "all", "--target", "local"], env)
            if "nothing to do" not in out:
                sys.exit(f"the second run still changed something:\n{out}")
        finally:
            subprocess.run([*local, "stop", *SERVERS], env=env, check=False, capture_output=True)
    return apply, again


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    exe = shutil.which("dataspace") or sys.exit("dataspace is not on PATH; pip install -e . first")
    results = [one_run(exe, sys.executable) for _ in range(runs)]
    applies = [a for a, _ in results]
    agains = [b for _, b in results]
    print("| step | runs | median | min | max |")
    print("| --- | --- | --- | --- | --- |")
    for name, values in (("first apply, fresh servers", applies), ("re-run, nothing to do", agains)):
        print(f"| {name} | {runs} | {statistics.median(values):.2f} s | {min(values):.2f} s | "
              f"{max(values):.2f} s |")
    print(f"\nre-run / apply: {statistics.median(agains) / statistics.median(applies):.2f}")


if __name__ == "__main__":
    main()
