/// `.help` for statements and verbs: how each is written, what it does, an example. `.help`
/// lists them; `.help rfm` (or `.help segment`, `.help load`, …) shows one.
struct HelpTopic {
    let name: String
    let usage: String
    let summary: String
    let example: String

    static let statements: [HelpTopic] = [
        HelpTopic(name: "load", usage: "load NAME from \"file.csv\" [(options)]",
                  summary: "Load a CSV file as table NAME (types, encoding and delimiter detected). Options: encoding gbk, "
                      + "delimiter \";\", header false, types (amount decimal, phone string), dates \"d/M/yyyy\", "
                      + "nulls [\"-\", \"无\"], on_error skip, threads N",
                  example: "load orders from \"orders.csv\" (types (金额 decimal))"),
        HelpTopic(name: "let", usage: "let NAME = PIPELINE",
                  summary: "Keep a result as a new table (listed by .tables)",
                  example: "let big = orders | where amount > 1000"),
        HelpTopic(name: "describe", usage: "describe PIPELINE",
                  summary: "Profile every column: type, nulls, distinct, min, max, an example, flags for suspicious values",
                  example: "describe customers"),
        HelpTopic(name: "assert", usage: "assert CONDITION",
                  summary: "A check that must hold (notebooks replayed in CI fail when it does not)",
                  example: "assert count(orders | where amount < 0) < 100"),
        HelpTopic(name: "export", usage: "export PIPELINE to \"file.csv\" [(columns [a, b], excel)]",
                  summary: "Write the result as CSV for people and spreadsheets; excel adds a byte-order mark and CRLF",
                  example: "export r | where segment == \"Champions\" to \"champions.csv\" (excel)"),
        HelpTopic(name: "segment", usage: "segment save NAME = PIPELINE [(key COL, tier COL, note \"…\")]",
                  summary: "Named, versioned segments in the workspace; also segments, segment show|history|diff|moves|"
                      + "refresh|split|uplift|export|add|remove|load|rename|drop …; x in @NAME[@vN] tests membership",
                  example: "segment save dormant60 = r | where recency > 60 (note \"沉睡: 60天未下单\")"),
        HelpTopic(name: "whatif", usage: "whatif PIPELINE for P in a..b [step s] | [v, …] [, Q in …] [(sum COL, chart off)]",
                  summary: "Run the pipeline once per value: counts, share, money, a chart; also "
                      + "whatif PIPELINE compare P = A vs P = B [by COL] and [let NAME =] whatif PIPELINE movers P = A vs P = B",
                  example: "whatif r | where recency > T for T in 30..180 step 30"),
    ]

    static let verbs: [HelpTopic] = [
        HelpTopic(name: "where", usage: "where CONDITION", summary: "Keep the rows where the condition is true (null counts as false)",
                  example: "orders | where amount > 100 and category in [\"家电\", \"数码\"]"),
        HelpTopic(name: "derive", usage: "derive NAME = EXPR, …", summary: "Add columns, or replace a column of the same name",
                  example: "customers | derive label = concat(region, \"-\", stage)"),
        HelpTopic(name: "select", usage: "select COL, NAME = EXPR, …", summary: "Keep, rename and compute columns, in this order",
                  example: "orders | select customer_id, amount"),
        HelpTopic(name: "drop", usage: "drop COL, …", summary: "Remove columns", example: "customers | drop phone"),
        HelpTopic(name: "group", usage: "group KEY, … agg NAME = AGG(…), …",
                  summary: "One row per key with aggregates: count(), count(x), count_distinct, sum, avg, min, max, median, "
                      + "quantile(x, 0.9), share(), first, last",
                  example: "orders | group category agg n = count(), revenue = sum(amount)"),
        HelpTopic(name: "sort", usage: "sort EXPR [asc|desc], …", summary: "Stable sort; nulls last",
                  example: "orders | sort amount desc"),
        HelpTopic(name: "limit", usage: "limit N", summary: "The first N rows", example: "orders | limit 10"),
        HelpTopic(name: "top", usage: "top N by EXPR [asc|desc]", summary: "The N rows with the largest values (asc: smallest)",
                  example: "r | top 10 by monetary"),
        HelpTopic(name: "distinct", usage: "distinct [COL, …]", summary: "Distinct rows (of those columns)",
                  example: "customers | distinct region"),
        HelpTopic(name: "count", usage: "count", summary: "The number of rows", example: "orders | count"),
        HelpTopic(name: "join", usage: "[left] join SOURCE on KEY, …",
                  summary: "Equi-join on columns of the same name; left keeps unmatched rows",
                  example: "r | join customers on customer_id"),
        HelpTopic(name: "union", usage: "union SOURCE", summary: "The rows of both (same column names)",
                  example: "orders_2025 | union orders_2026"),
        HelpTopic(name: "duplicates", usage: "duplicates KEY, …",
                  summary: "Rows whose normalised keys match another row's, with dup_group and dup_size",
                  example: "customers | duplicates phone"),
        HelpTopic(name: "rfm", usage: "rfm KEY, DATE, AMOUNT [(bins N, method ntile|quantile|rpackage, scheme NAME, …)]",
                  summary: "One row per customer: recency, frequency, monetary, r, f, m, rfm, segment (.thresholds, .scheme)",
                  example: "let r = orders | rfm customer_id, order_date, amount (scheme cn8)"),
        HelpTopic(name: "abc", usage: "abc COLUMN [(a 0.8, b 0.95)]",
                  summary: "Sort largest first and class each row A, B or C by cumulative share (cum_share, abc)",
                  example: "r | abc monetary"),
        HelpTopic(name: "score", usage: "score KEY by KIND (rules \"rules.csv\" | rules [kind => points, …], caps …, decay …, bands …)",
                  summary: "Lead scores from an event log: points, last_event, days_idle, decay, score, band per key",
                  example: "interactions | score customer_id by kind (rules [白皮书 => 5, 活动 => 15])"),
        HelpTopic(name: "cluster", usage: "cluster K on COLUMNS [(log, standardize, seed S, restarts N)]",
                  summary: "k-means: the rows plus a cluster column (1…K)",
                  example: "r | cluster 4 on recency, frequency, monetary (log, standardize, seed 7)"),
    ]

    static func named(_ name: String) -> HelpTopic? {
        (statements + verbs).first { $0.name == name }
    }

    var text: String { "Usage: \(usage)\n  \(summary)\n  e.g. \(example)\n" }
}
