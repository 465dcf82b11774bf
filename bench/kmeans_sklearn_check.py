#!/usr/bin/env python3
"""Compares Strata's k-means inertia with scikit-learn's on the same standardised data.

Not part of `make test` (it needs scikit-learn from PyPI):

    python3 -m venv .venv && .venv/bin/pip install scikit-learn
    swift build -c release
    .venv/bin/python bench/kmeans_sklearn_check.py [path/to/strata]

For each data set the script writes a CSV, runs `cluster K on ... (log?, standardize, seed 7,
restarts 10)` in Strata (reading the inertia from the headline it prints) and
`KMeans(n_clusters=K, init="k-means++", n_init=10)` in scikit-learn on the same transformed
matrix (log1p, then mean 0 and population standard deviation 1, as StandardScaler does).
Both are local searches from random starts, so neither is always lower; the check passes when
Strata's inertia is within 1% of scikit-learn's (or lower).
"""
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.cluster import KMeans

TOLERANCE = 0.01


def datasets():
    rng = np.random.default_rng(2026)
    # Four RFM-like groups: recency in days, frequency in orders, monetary skewed (log helps).
    n = 20_000
    group = rng.integers(0, 4, n)
    recency = group * 90 + rng.integers(0, 120, n)
    frequency = 1 + group * 3 + rng.integers(0, 6, n)
    monetary = np.round(rng.lognormal(8 + group * 0.7, 0.6, n), 2)
    yield "rfm-like, log + standardize, K=4", 4, True, {"recency": recency, "frequency": frequency, "monetary": monetary}
    # Overlapping Gaussian blobs in 3 dimensions, different scales.
    centres = rng.normal(0, 3, (6, 3))
    labels = rng.integers(0, 6, 30_000)
    points = centres[labels] + rng.normal(0, 1.2, (30_000, 3)) * np.array([1.0, 10.0, 100.0])
    yield "blobs, standardize, K=6", 6, False, {"a": points[:, 0], "b": points[:, 1], "c": points[:, 2]}
    # Uniform noise: no true clusters, many local optima.
    noise = rng.random((10_000, 2))
    yield "uniform noise, standardize, K=8", 8, False, {"x": noise[:, 0], "y": noise[:, 1]}


def strata_inertia(strata, folder, name, k, log, columns):
    path = os.path.join(folder, name + ".csv")
    keys = list(columns)
    with open(path, "w") as out:
        out.write(",".join(keys) + "\n")
        for row in zip(*(columns[key] for key in keys)):
            out.write(",".join(repr(float(v)) if isinstance(v, float) else str(v) for v in row) + "\n")
    options = ("log, " if log else "") + "standardize, seed 7, restarts 10"
    script = f'load d from "{path}"\nd | cluster {k} on {", ".join(keys)} ({options}) | count\n'
    result = subprocess.run([strata], input=script, capture_output=True, text=True, check=True)
    match = re.search(r"inertia ([0-9.eE+-]+)", result.stdout)
    if not match:
        sys.exit(f"no inertia in Strata's output:\n{result.stdout}{result.stderr}")
    return float(match.group(1))


def sklearn_inertia(k, log, columns):
    matrix = np.column_stack([np.asarray(columns[key], dtype=float) for key in columns])
    if log:
        matrix = np.log1p(matrix)
    matrix = (matrix - matrix.mean(axis=0)) / matrix.std(axis=0)
    model = KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=7).fit(matrix)
    return model.inertia_


def main():
    strata = sys.argv[1] if len(sys.argv) > 1 else os.path.join(".build", "release", "strata")
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        for index, (title, k, log, columns) in enumerate(datasets()):
            ours = strata_inertia(strata, folder, f"set{index}", k, log, columns)
            theirs = sklearn_inertia(k, log, columns)
            difference = (ours - theirs) / theirs
            ok = difference <= TOLERANCE
            failures += not ok
            print(f"{title:36} strata {ours:12.6g}  sklearn {theirs:12.6g}  diff {difference:+.3%}  {'ok' if ok else 'FAIL'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
