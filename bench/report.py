"""Tables of the benchmark: per-step medians (min–max), Strata's ratio to each peer, whole
process wall time and peak memory, the targets of issue 8 and the interactive figures.
`results_markdown` assembles bench/RESULTS.md from the raw bench/data/results-SIZE.json files."""
import json
import os
import platform
import statistics
import subprocess

import interactive
from peers.common import STEPS

PEERS = ("duckdb", "polars")
NAMES = {"strata": "Strata", "duckdb": "DuckDB", "polars": "Polars"}


def _spread(values, unit=1000.0, digits=None):
    """`median (min–max)` of `values` scaled by `unit`."""
    scaled = [v * unit for v in values]
    def shown(x):
        d = digits if digits is not None else (1 if x < 10 else 0)
        return f"{x:,.{d}f}"
    if unit == 1000.0 and max(scaled) == 0:
        return "<1"  # Strata's `Run Time` has 1 ms resolution
    return f"{shown(statistics.median(scaled))} ({shown(min(scaled))}–{shown(max(scaled))})"


def _ratio(mine, theirs):
    return f"{mine / theirs:.2f}×" if mine > 0 and theirs > 0 else "—"


def _median(records, pick):
    return statistics.median(pick(r) for r in records)


def _mode_table(outcome, records):
    head = "| | " + " | ".join(NAMES[t] for t in records) + " | " + " | ".join(f"Strata/{NAMES[p]}" for p in PEERS) + " |"
    lines = [head, "|---" * (1 + len(records) + len(PEERS)) + "|"]

    def row(label, pick, unit=1000.0, digits=None):
        cells = [_spread([pick(r) for r in records[t]], unit, digits) for t in records]
        ratios = [_ratio(_median(records["strata"], pick), _median(records[p], pick)) for p in PEERS]
        lines.append(f"| {label} | " + " | ".join(cells + ratios) + " |")

    for step, title in STEPS.items():
        row(f"{step}. {title} (ms)", lambda r, s=step: r["steps"].get(s, 0.0))
    row("sum of the steps (ms)", lambda r: sum(r["steps"].values()))
    row("**whole process, wall (ms)**", lambda r: r["wall"])
    row("**peak memory, max RSS (MiB)**", lambda r: r["peak"], unit=1 / 2**20)
    mb = outcome["orders_bytes"] / 1e6
    row("orders.csv load speed (MB/s)", lambda r: mb / max(r["steps"]["a"], 1e-9), unit=1.0, digits=0)
    return "\n".join(lines)


def _targets(outcome):
    """The issue's targets on L, measured (nothing fails on them)."""
    modes = outcome["modes"]
    both = modes.get(str(max(int(m) for m in modes)))
    one = modes.get("1")
    lines = ["| target (issue 8) | measured | |", "|---|---|---|"]

    def line(text, value, met):
        lines.append(f"| {text} | {value} | {'met' if met else '**missed**'} |")

    med = lambda tool, pick, rs=both: _median(rs[tool], pick)
    wall = {t: med(t, lambda r: r["wall"]) for t in both}
    faster = min(PEERS, key=lambda p: wall[p])
    line(f"whole workload ≤ 0.5 × faster peer ({NAMES[faster]}), both cores",
         f"{wall['strata'] / wall[faster]:.2f}× ({wall['strata']:.2f} s vs {wall[faster]:.2f} s)",
         wall["strata"] <= 0.5 * wall[faster])
    peak = {t: med(t, lambda r: r["peak"]) for t in both}
    line("peak memory ≤ 0.6 × DuckDB's", f"{peak['strata'] / peak['duckdb']:.2f}× ({peak['strata'] / 2**20:,.0f} MiB vs "
         f"{peak['duckdb'] / 2**20:,.0f} MiB)", peak["strata"] <= 0.6 * peak["duckdb"])
    for step in "bcdef":
        mine = med("strata", lambda r: r["steps"][step])
        best = min(med(p, lambda r: r["steps"][step]) for p in PEERS)
        line(f"step {step} no slower than the faster peer", f"{mine * 1000:,.1f} ms vs {best * 1000:,.1f} ms", mine <= best)
    sweep = med("strata", lambda r: r["steps"]["d"])
    line(f"what-if sweep < 5 ms ({outcome['customers']:,} customers)", f"{sweep * 1000:.1f} ms", sweep < 0.005)
    steady = outcome.get("back_to_back", {})
    for label, mode, goal in (("both cores", str(max(int(m) for m in modes)), 1000), ("one thread", "1", 600)):
        if mode not in modes:
            continue
        speed = outcome["orders_bytes"] / 1e6 / med("strata", lambda r: r["steps"]["a"], modes[mode])
        if mode in steady:
            alone = outcome["orders_bytes"] / 1e6 / med("strata", lambda r: r["steps"]["a"], steady[mode])
            line(f"CSV load ≥ {goal:,} MB/s, {label} (runs back to back; in the rotation)",
                 f"{alone:,.0f} MB/s; {speed:,.0f} MB/s", alone >= goal)
        else:
            line(f"CSV load ≥ {goal:,} MB/s, {label}", f"{speed:,.0f} MB/s", speed >= goal)
    return "\n".join(lines)


def _back_to_back(outcome):
    """Load and whole-process figures of each tool's runs back to back (see run.py)."""
    mb = outcome["orders_bytes"] / 1e6
    lines = ["| each tool's runs back to back | threads | " + " | ".join(NAMES[t] for t in NAMES) + " |",
             "|---|---|" + "---|" * len(NAMES)]
    for threads, records in outcome["back_to_back"].items():
        for label, pick, unit, digits in (("a. load orders.csv (ms)", lambda r: r["steps"]["a"], 1000.0, None),
                                          ("orders.csv load speed (MB/s)", lambda r: mb / max(r["steps"]["a"], 1e-9), 1.0, 0),
                                          ("whole process, wall (ms)", lambda r: r["wall"], 1000.0, None)):
            cells = [_spread([pick(r) for r in records[t]], unit, digits) for t in NAMES if t in records]
            lines.append(f"| {label} | {threads} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _interactive(outcome):
    figures = outcome["interactive"]
    lines = ["| start | median ms (min–max) |", "|---|---|"]
    for key, text in (("prompt", "`strata` on a terminal → first `strata> `"), ("version", "`strata --version`"),
                      ("piped", "`strata < /dev/null` (REPL start, no input)")):
        values = [v for v in figures[key] if v is not None]
        lines.append(f"| {text} | {_spread(values) if values else 'no prompt seen'} |")
    mode = str(max(int(m) for m in outcome["modes"]))
    series = [("in the rotation", outcome["modes"][mode]["strata"])]
    if mode in outcome.get("back_to_back", {}):
        series.append(("back to back", outcome["back_to_back"][mode]["strata"]))
    lines += ["", "| statement (S, `.timer on`, both cores) | " + " | ".join(f"{name}: median ms (max)" for name, _ in series)
              + " |", "|---" * (1 + len(series)) + "|"]
    for index, statement in enumerate(series[0][1][0]["statements"]):
        cells = []
        for _, records in series:
            values = [r["statements"][index]["seconds"] * 1000 for r in records]
            flag = " ⚠ over 50 ms" if statistics.median(values) > 50 else ""
            cells.append(f"{statistics.median(values):.0f} ({max(values):.0f}){flag}")
        text = statement["statement"].replace("|", "\\|")  # a pipe would end the table cell
        lines.append(f"| `{text}` | " + " | ".join(cells) + " |")
    lines.append("\n`Run Time` is printed with 1 ms resolution.")
    return "\n".join(lines)


def size_section(outcome):
    size = outcome["size"]
    mb = outcome["orders_bytes"] / 1e6
    load = lambda l: " / ".join(f"{x:.2f}" for x in l)
    parts = [f"## {size}: {outcome['customers']:,} customers, {outcome['orders']:,} orders (orders.csv {mb:,.0f} MB)",
             "",
             f"Measured {outcome['date']}, {outcome['runs']} runs per tool and thread count (median, min–max in "
             f"parentheses); Strata {outcome['strata_version']} at commit {outcome['strata_commit']}, DuckDB "
             f"{outcome['versions']['duckdb']}, Polars {outcome['versions']['polars']}. Load average (1/5/15 min) "
             f"{load(outcome['load_before'])} before, {load(outcome['load_after'])} after.",
             "",
             "Results agreed exactly in every run (counts and cents per step): "
             + "; ".join(f"{step}. {text}" for step, text in outcome["checked"].items()) + "."]
    for threads, records in outcome["modes"].items():
        parts += ["", f"### {threads} thread{'s' if threads != '1' else ''} each", "", _mode_table(outcome, records)]
    if outcome.get("back_to_back"):
        parts += ["", "### Each tool's runs back to back", "",
                  "The tables above rotate the tools, so each Strata run starts right after a peer freed "
                  "0.8–1.2 GB; here each tool runs again, its runs one after another after an unmeasured one.",
                  "", _back_to_back(outcome)]
    if size == "L":
        parts += ["", "### Targets (issue 8), both cores unless said", "", _targets(outcome)]
    if "interactive" in outcome:
        parts += ["", "### Interactive feel", "", _interactive(outcome)]
    return "\n".join(parts) + "\n"


def _machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as file:
            cpu = next(l.split(":", 1)[1].strip() for l in file if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    return (f"{os.cpu_count()} cores (`nproc`), {cpu}, {memory:.0f} GiB memory, {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; {swift[0] if swift else 'swift'}")


def results_markdown(data_dir):
    sections = []
    for size in ("S", "L"):  # XS is a smoke test, never reported
        path = os.path.join(data_dir, f"results-{size}.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as file:
                sections.append(size_section(json.load(file)))
    header = f"""# Benchmark results: Strata vs DuckDB and Polars

The tiering workload of issue 8 (`bench/README.md`), as `make bench` last measured it on
this machine: {_machine()}.

Times are per step as each tool reports them (only the work, not the result checks), the
whole process from spawn to exit (Python start and imports included for the peers), and
the peak resident memory of the process. "Strata/X" is the ratio of medians: below 1 means
Strata is faster or smaller. The machine is shared with other engineers' builds, so the
load average is given with each size; treat single figures with care.
"""
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
    if os.path.exists(notes):  # the hand-written reading of the figures, kept across runs
        with open(notes, encoding="utf-8") as file:
            sections.append(file.read())
    return header + "\n" + "\n".join(sections)
