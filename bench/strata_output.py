"""Turns a `strata run bench/workload.strata` transcript into the common JSON report.

The workload runs in `.mode csv` with `.timer on`: standard output holds each statement's
echo (`strata> …`) followed by its CSV result, standard error the `Run Time: 0.123 s` line of
every statement after `.timer on`, in order (and the load messages and warnings). Statements
are one per line in the workload file; `# step X` and `# check` comments say what each is.
"""
import csv
import io
import re
from decimal import Decimal

ECHO = "strata> "
RUN_TIME = re.compile(r"^Run Time: ([0-9.]+) s$")


def statements(workload_text):
    """[(text, step, is_check)] of the workload file, in order (step None before `# step a`)."""
    result, step, check = [], None, False
    for line in workload_text.splitlines():
        text = line.strip()
        if not text:
            continue
        if text.startswith("#"):
            if text.startswith("# step "):
                step, check = text.split()[2], False
            elif text == "# check":
                check = True
            continue
        if text.startswith("|"):
            raise ValueError(f"workload statements must fit on one line: {text}")
        result.append((text, step, check))
        check = False
    return result


def outputs(stdout):
    """The output text of each echoed statement, in order."""
    chunks = []
    for line in stdout.splitlines(keepends=True):
        if line.startswith(ECHO):
            chunks.append("")
        elif chunks:
            chunks[-1] += line
    return chunks


def rows(text):
    """CSV text → list of dicts keyed by the header."""
    return list(csv.DictReader(io.StringIO(text)))


def cents(text):
    return int(Decimal(text) * 100) if text not in ("", "NULL") else 0


def parse(workload_text, stdout, stderr, export_path):
    """(steps, results, statements): seconds per step (checks left out), the canonical
    results and each statement's time. Step f exports to `export_path`."""
    plan = statements(workload_text)
    texts = outputs(stdout)
    if len(texts) != len(plan):
        raise ValueError(f"expected {len(plan)} statement echoes, found {len(texts)}")
    timed_from = next(i for i, (text, _, _) in enumerate(plan) if text == ".timer on") + 1
    times = [float(m.group(1)) for m in map(RUN_TIME.match, stderr.splitlines()) if m]
    if len(times) != len(plan) - timed_from:
        raise ValueError(f"expected {len(plan) - timed_from} run times, found {len(times)}")

    steps, by_step, per_statement = {}, {}, []
    for index, (text, step, check) in enumerate(plan):
        seconds = times[index - timed_from] if index >= timed_from else None
        if step is None:
            continue
        per_statement.append({"step": step, "check": check, "statement": text, "seconds": seconds})
        if not check:
            steps[step] = steps.get(step, 0.0) + seconds
        if texts[index]:
            by_step.setdefault(step, []).append(texts[index])

    (totals,) = rows(by_step["a"][0])
    customers, cells = rows(by_step["b"][0]), rows(by_step["b"][1])
    results = {
        "a": {"orders": int(totals["orders"]), "amount_cents": cents(totals["amount"])},
        "b": {"customers": int(customers[0]["customers"]), "monetary_cents": cents(customers[0]["monetary"]),
              "cells": [[int(c["r"]), int(c["f"]), int(c["m"]), int(c["customers"]), cents(c["monetary"])]
                        for c in cells]},
        "c": sorted([s["segment"], int(s["customers"]), cents(s["monetary"])] for s in rows(by_step["c"][0])),
        "d": [[int(t["T"]), int(t["customers"]), cents(t["monetary"])] for t in rows(by_step["d"][0])],
        "e": sorted([g["region"], int(g["dormant"]), cents(g["monetary"])] for g in rows(by_step["e"][0])),
        "f": {"file": export_path},
    }
    return steps, results, per_statement
