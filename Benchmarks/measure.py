#!/usr/bin/env python3
"""Times a command several times and prints one JSON line: median, min and max seconds, peak memory.

    measure.py --runs 5 [--prepare 'shell command run untimed before each run'] -- COMMAND ARGS...

Each run's wall time is taken around fork and wait only; its peak resident memory comes from wait4's rusage
of that one child, so neither the preparation nor this script is counted. A run that fails stops everything.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--prepare", default=None)
    parser.add_argument("--stdout", default=os.devnull, help="where the command's output goes")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    times, peaks = [], []
    for _ in range(args.runs):
        if args.prepare:
            subprocess.run(args.prepare, shell=True, check=True)
        # Errors go to a file, not a pipe: an import's warnings can fill a pipe nobody reads until the end,
        # and the child would wait for it forever.
        with open(args.stdout, "wb") as out, tempfile.TemporaryFile() as errors:
            started = time.perf_counter()
            child = subprocess.Popen(command, stdout=out, stderr=errors, stdin=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - started
            child.returncode = os.waitstatus_to_exitcode(status)
            errors.seek(0)
            error = errors.read().decode(errors="replace")
        if child.returncode != 0:
            sys.stderr.write(f"measure.py: {' '.join(command)} exited {child.returncode}\n{error[-2000:]}\n")
            return 1
        times.append(elapsed)
        peaks.append(usage.ru_maxrss)  # KiB on Linux
    print(json.dumps({
        "median": statistics.median(times), "min": min(times), "max": max(times), "runs": len(times),
        "peak_kib": max(peaks),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
