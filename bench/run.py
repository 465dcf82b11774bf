#!/usr/bin/env python3
"""Runs the tiering workload in Strata, DuckDB and Polars, checks that they agree, and
writes bench/RESULTS.md. `make bench` builds Strata (release) and runs this; see README.md.

    python3 bench/run.py --strata .build/release/strata [--sizes S,L] [--runs N] [--threads 2,1]

Only the standard library is needed here: the peers run in bench/.venv (created and filled
from requirements.txt when missing). Nothing passes or fails on time; a disagreement between
the tools' results fails the run (exit 1).
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

import interactive
import report
import strata_output

BENCH = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(BENCH, ".venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python")
DATA = os.path.join(BENCH, "data")
WORKLOAD = os.path.join(BENCH, "workload.strata")
# XS is a smoke test of the harness itself (seconds), not a benchmark size.
SIZES = {"XS": (2_000, 20_000), "S": (100_000, 1_000_000), "L": (1_000_000, 10_000_000)}
DEFAULT_RUNS = {"XS": 2, "S": 5, "L": 3}
TOOLS = ("strata", "duckdb", "polars")


def log(text):
    print(text, file=sys.stderr, flush=True)


def ensure_venv():
    """bench/.venv with the peers of requirements.txt (installed again when it changes)."""
    requirements = os.path.join(BENCH, "requirements.txt")
    stamp = os.path.join(VENV, "requirements.installed")
    wanted = open(requirements).read()
    if os.path.exists(stamp) and open(stamp).read() == wanted:
        return
    if not os.path.exists(VENV_PYTHON):
        log("Creating bench/.venv")
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    log("Installing the peers from PyPI: " + ", ".join(l for l in wanted.splitlines() if l and l[0] != "#"))
    subprocess.run([VENV_PYTHON, "-m", "pip", "install", "-q", "-r", requirements], check=True)
    with open(stamp, "w") as file:
        file.write(wanted)


def ensure_data(strata, size):
    """bench/data/SIZE from `strata gen` (reused when made by the same command)."""
    customers, orders = SIZES[size]
    folder = os.path.join(DATA, size)
    command = ["gen", "--customers", str(customers), "--orders", str(orders), "--seed", "42",
               "--asof", "2026-06-30", "--out", folder]
    stamp = os.path.join(folder, ".generated")
    if os.path.exists(stamp) and open(stamp).read() == " ".join(command):
        return folder
    log(f"Generating {size}: {customers:,} customers, {orders:,} orders")
    subprocess.run([strata] + command, check=True, stdout=subprocess.DEVNULL)
    with open(stamp, "w") as file:
        file.write(" ".join(command))
    return folder


def measured(command, env):
    """Runs `command`; returns (exit code, stdout, stderr, wall seconds, peak RSS bytes).
    The peak is the child's own maximum resident set (wait4), as `/usr/bin/time -v` shows it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        return (process.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                wall, usage.ru_maxrss * 1024)


def run_tool(tool, strata, data, threads, scratch):
    env = dict(os.environ, NO_COLOR="1")
    out = os.path.join(scratch, tool)
    os.makedirs(out, exist_ok=True)
    if tool == "strata":
        env["STRATA_THREADS"] = str(threads)  # caps every parallel loop (loader, operators)
        command = [strata, "run", WORKLOAD, "--param", f"data={data}", "--param", f"out={out}"]
    else:
        env["POLARS_MAX_THREADS"] = str(threads)
        command = [VENV_PYTHON, os.path.join(BENCH, "peers", f"{tool}_workload.py"),
                   "--data", data, "--threads", str(threads), "--out", out]
    code, stdout, stderr, wall, peak = measured(command, env)
    if code != 0:
        sys.exit(f"{tool} failed (exit {code}):\n{stderr[-3000:]}")
    if tool == "strata":
        steps, results, statements = strata_output.parse(open(WORKLOAD).read(), stdout, stderr,
                                                             os.path.join(out, "segment_ids.csv"))
        record = {"tool": "strata", "threads": threads, "steps": steps, "results": results,
                  "statements": statements}
    else:
        record = json.loads(stdout)
    record["results"]["f"] = export_digest(record["results"]["f"]["file"])
    record["wall"], record["peak"] = wall, peak
    return record


def export_digest(path):
    """Rows, id sum and a hash of the sorted ids of an exported id file (header + one id a line)."""
    with open(path, encoding="utf-8") as file:
        lines = [line.strip() for line in file if line.strip()]
    if not lines or lines[0] != "customer_id":
        sys.exit(f"{path}: expected a customer_id header, found {lines[:1]}")
    ids = sorted(int(line) for line in lines[1:])
    return {"rows": len(ids), "id_sum": sum(ids),
            "sha256": hashlib.sha256("\n".join(map(str, ids)).encode()).hexdigest()[:16]}


def check_agreement(reference, record, label):
    """Fails the whole run, naming the step and the first difference, unless `record`'s
    results equal `reference`'s exactly."""
    for step in "abcdef":
        want, got = reference["results"].get(step), record["results"].get(step)
        if want == got:
            continue
        detail = ""
        if isinstance(want, list) and isinstance(got, list):
            extra = [row for row in got if row not in want][:3]
            missing = [row for row in want if row not in got][:3]
            detail = f"\n  only in {record['tool']}: {extra}\n  only in {reference['tool']}: {missing}"
        else:
            detail = f"\n  {reference['tool']}: {str(want)[:400]}\n  {record['tool']}: {str(got)[:400]}"
        sys.exit(f"RESULTS DIFFER ({label}) at step {step}: {reference['tool']} vs {record['tool']}{detail}")


def bench_size(strata, size, runs, thread_modes):
    data = ensure_data(strata, size)
    orders_bytes = os.path.getsize(os.path.join(data, "orders.csv"))
    outcome = {"size": size, "customers": SIZES[size][0], "orders": SIZES[size][1], "orders_bytes": orders_bytes,
               "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": os.getloadavg(),
               "runs": runs, "modes": {}}
    reference = None
    with tempfile.TemporaryDirectory(prefix="strata-bench-") as scratch:
        for threads in thread_modes:
            records = {tool: [] for tool in TOOLS}
            for run in range(runs):
                # Rotate the order so that no tool always runs right after another's cache churn.
                order = TOOLS[run % 3:] + TOOLS[:run % 3]
                for tool in order:
                    record = run_tool(tool, strata, data, threads, scratch)
                    reference = reference or record
                    check_agreement(reference, record, f"{size}, {threads} threads, run {run + 1}")
                    records[tool].append(record)
                    log(f"{size} threads={threads} run {run + 1}/{runs} {tool:7} "
                        f"{record['wall']:7.3f} s  {record['peak'] / 2**20:7.1f} MiB")
            outcome["modes"][str(threads)] = records
            # Each tool again, its runs back to back after one unmeasured run: a process that
            # starts right after another freed a gigabyte pays the VM's re-faulting of that
            # memory (bench/notes.md), which the rotation puts mostly on Strata (it follows
            # the larger peers). These runs give each tool its own steady state.
            steady = {}
            for tool in TOOLS:
                run_tool(tool, strata, data, threads, scratch)
                steady[tool] = []
                for run in range(runs):
                    record = run_tool(tool, strata, data, threads, scratch)
                    check_agreement(reference, record, f"{size}, {threads} threads, back to back {run + 1}")
                    steady[tool].append(record)
                    log(f"{size} threads={threads} back to back {run + 1}/{runs} {tool:7} {record['wall']:7.3f} s")
            outcome.setdefault("back_to_back", {})[str(threads)] = steady
    outcome["load_after"] = os.getloadavg()
    outcome["versions"] = {tool: records[tool][0].get("version") for tool in ("duckdb", "polars")}
    outcome["checked"] = {step: summary(reference["results"][step]) for step in "abcdef"}
    return outcome


def summary(result):
    """A short text of a step's checked result, for RESULTS.md."""
    if isinstance(result, list):
        return f"{len(result)} rows, {sum(r[1] for r in result):,} customers, {sum(r[2] for r in result):,} cents"
    if "cells" in result:
        return f"{result['customers']:,} customers, {result['monetary_cents']:,} cents, {len(result['cells'])} score cells"
    return ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in result.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strata", default=".build/release/strata")
    parser.add_argument("--sizes", default="S,L")
    parser.add_argument("--runs", type=int, help="runs per tool and mode (default: S 5, L 3)")
    parser.add_argument("--threads", default=f"{os.cpu_count()},1", help="thread counts to run with")
    parser.add_argument("--strata-commit", help="the commit the binary was built from (default: this checkout's HEAD)")
    args = parser.parse_args()
    strata = os.path.abspath(args.strata)
    if not os.access(strata, os.X_OK):
        sys.exit(f"{args.strata} not found: build it with `swift build -c release` (or run `make bench`)")
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    if unknown := [s for s in sizes if s not in SIZES]:
        sys.exit(f"unknown size {unknown[0]}: use S, L (or XS, a smoke test)")
    ensure_venv()
    os.makedirs(DATA, exist_ok=True)
    thread_modes = [int(t) for t in args.threads.split(",")]
    for size in sizes:
        outcome = bench_size(strata, size, args.runs or DEFAULT_RUNS[size], thread_modes)
        outcome["strata_version"] = subprocess.run([strata, "--version"], capture_output=True, text=True).stdout.strip()
        outcome["strata_commit"] = args.strata_commit or subprocess.run(
            ["git", "-C", BENCH, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        if size == "S":
            outcome["interactive"] = interactive.measure(strata, os.path.join(DATA, "S"))
        with open(os.path.join(DATA, f"results-{size}.json"), "w") as file:
            json.dump(outcome, file, ensure_ascii=False, indent=1)
        print(report.size_section(outcome))
    with open(os.path.join(BENCH, "RESULTS.md"), "w", encoding="utf-8") as file:
        file.write(report.results_markdown(DATA))
    log("Wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
