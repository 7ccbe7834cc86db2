"""Time `dataspace plan --all` end to end, as a user runs it, several times; print the median.

Usage: .venv/bin/python bench/plan_all.py [RUNS]
Each run is a fresh process, so interpreter start-up and imports are counted.
"""

import shutil
import statistics
import subprocess
import sys
import time


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    exe = shutil.which("dataspace") or sys.exit("dataspace is not on PATH; pip install -e . first")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, "plan", "--all", "--format", "json", "--output", "/dev/null"],
                       check=True)
        times.append(time.perf_counter() - start)
    print(f"dataspace plan --all (5 cloud stacks), {runs} runs: "
          f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
          f"max {max(times):.2f} s")


if __name__ == "__main__":
    main()
