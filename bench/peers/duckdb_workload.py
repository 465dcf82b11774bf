"""The tiering workload (bench/README.md, steps a–f) in DuckDB SQL through its Python package.

    python duckdb_workload.py --data DIR --threads N --out DIR

Money is DECIMAL(18,2) (exact cents). NTILE orders as Strata's `rfm` does: R over
recency DESC, F and M over the value ASC, each tie broken by customer_id ASC. Segments follow
Strata's default scheme (first matching rule of Sources/StrataEngine/Segmentation/ShippedSchemes.swift).
Prints the JSON report of common.py; only the work of each step is timed, not the checks.
"""
import argparse
import os

import duckdb

from common import ASOF, DORMANT_DAYS, EXPORT_SEGMENT, THRESHOLDS, StepTimer, cents, report

RFM = f"""
CREATE TABLE r AS
WITH measures AS (
    SELECT customer_id,
           DATE '{ASOF}' - max(order_date) AS recency,
           count(*) AS frequency,
           coalesce(sum(amount), 0) AS monetary
    FROM orders
    WHERE customer_id IS NOT NULL AND order_date IS NOT NULL
    GROUP BY customer_id
), scores AS (
    SELECT *,
           ntile(5) OVER (ORDER BY recency DESC, customer_id) AS r,
           ntile(5) OVER (ORDER BY frequency, customer_id) AS f,
           ntile(5) OVER (ORDER BY monetary, customer_id) AS m
    FROM measures
)
SELECT *, CASE
    WHEN r >= 4 AND f + m >= 8 THEN 'Champions'
    WHEN r = 3 AND f + m >= 7 THEN 'Loyal Customers'
    WHEN r >= 4 AND f + m BETWEEN 5 AND 7 THEN 'Potential Loyalists'
    WHEN r = 5 AND f + m <= 4 THEN 'New Customers'
    WHEN r = 4 AND f + m <= 4 THEN 'Promising'
    WHEN r = 3 AND f + m BETWEEN 4 AND 6 THEN 'Need Attention'
    WHEN r = 3 AND f + m <= 3 THEN 'About To Sleep'
    WHEN r = 2 AND f + m >= 6 THEN 'At Risk'
    WHEN r = 1 AND f + m BETWEEN 6 AND 7 THEN 'At Risk'
    WHEN r = 1 AND f + m >= 8 THEN 'Can''t Lose Them'
    WHEN r = 2 AND f + m <= 5 THEN 'Hibernating'
    WHEN r = 1 AND f + m <= 5 THEN 'Lost'
    ELSE 'Others' END AS segment
FROM scores
"""

# One query per threshold: on 1M customers this beat one query over a joined range table
# (140 ms vs 425 ms) and one scan with 24 FILTER aggregates (280 ms).
WHATIF = "SELECT count(*), coalesce(sum(monetary), 0) FROM r WHERE recency > ?"

DORMANT = f"""
SELECT c.region, count(*) AS dormant, sum(r.monetary) AS monetary
FROM r JOIN customers c USING (customer_id)
WHERE r.recency > {DORMANT_DAYS}
GROUP BY c.region ORDER BY c.region
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    orders_csv = os.path.join(args.data, "orders.csv")
    customers_csv = os.path.join(args.data, "customers.csv")
    export_csv = os.path.join(args.out, "segment_ids.csv")

    con = duckdb.connect()  # in memory, as Strata
    con.execute(f"SET threads = {args.threads}")
    timer, results = StepTimer(), {}

    with timer.step("a"):
        con.execute("CREATE TABLE orders AS SELECT * FROM read_csv(?, header = true, "
                    "types = {'amount': 'DECIMAL(18,2)', 'order_date': 'DATE'})", [orders_csv])
    n, total = con.execute("SELECT count(*), sum(amount) FROM orders").fetchone()
    results["a"] = {"orders": n, "amount_cents": cents(total)}

    with timer.step("b"):
        con.execute(RFM)
    n, total = con.execute("SELECT count(*), sum(monetary) FROM r").fetchone()
    cells = con.execute("SELECT r, f, m, count(*), sum(monetary) FROM r GROUP BY ALL ORDER BY ALL").fetchall()
    results["b"] = {"customers": n, "monetary_cents": cents(total),
                    "cells": [[r, f, m, k, cents(s)] for r, f, m, k, s in cells]}

    with timer.step("c"):
        rows = con.execute("SELECT segment, count(*), sum(monetary) FROM r GROUP BY segment").fetchall()
    results["c"] = sorted([s, k, cents(m)] for s, k, m in rows)

    with timer.step("d"):
        rows = [(t, *con.execute(WHATIF, [t]).fetchone()) for t in THRESHOLDS]
    results["d"] = [[t, k, cents(m)] for t, k, m in rows]

    with timer.step("e"):
        con.execute("CREATE TABLE customers AS SELECT * FROM read_csv(?, header = true)", [customers_csv])
        rows = con.execute(DORMANT).fetchall()
    results["e"] = sorted([region, k, cents(m)] for region, k, m in rows)

    with timer.step("f"):
        con.execute(f"COPY (SELECT customer_id FROM r WHERE segment = '{EXPORT_SEGMENT}') "
                    f"TO '{export_csv}' (HEADER, DELIMITER ',')")
    results["f"] = {"file": export_csv}

    report("duckdb", duckdb.__version__, args.threads, timer, results)


if __name__ == "__main__":
    main()
