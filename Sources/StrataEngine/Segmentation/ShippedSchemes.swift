import StrataCore

/// The segment schemes Strata ships, as rule tables (data, not code).
enum ShippedSchemes {
    static let names = ["default", "rfm-package", "cn8"]

    /// The table published in the R `rfm` package vignette, in its order (scores 1–5).
    /// Several of its rules are dead or overlap: see ``RuleAnalysis``.
    static let rfmPackage = SegmentScheme(name: "rfm-package", rules: [
        ("Champions", 4...5, 4...5, 4...5),
        ("Loyal Customers", 2...5, 3...5, 3...5),
        ("Potential Loyalist", 3...5, 1...3, 1...3),
        ("New Customers", 4...5, 1...1, 1...1),
        ("Promising", 3...4, 1...1, 1...1),
        ("Need Attention", 2...3, 2...3, 2...3),
        ("About To Sleep", 2...3, 1...2, 1...2),
        ("At Risk", 1...2, 2...5, 2...5),
        ("Can't Lose Them", 1...1, 4...5, 4...5),
        ("Hibernating", 1...2, 1...2, 1...2),
        ("Lost", 1...2, 1...2, 1...2),
    ].map { SegmentRule(name: $0.0, condition: .scores(r: $0.1, f: $0.2, m: $0.3)) })

    /// The Chinese 8-class scheme (brief §5, seed 004): R, F, M each split at its mean.
    static let cn8 = SegmentScheme(name: "cn8", rules: [
        ("重要价值客户", "Important value", true, true, true),
        ("重要发展客户", "Important to develop", true, false, true),
        ("重要保持客户", "Important to keep", false, true, true),
        ("重要挽留客户", "Important to win back", false, false, true),
        ("一般价值客户", "General value", true, true, false),
        ("一般发展客户", "General to develop", true, false, false),
        ("一般保持客户", "General to keep", false, true, false),
        ("一般挽留客户", "General to win back", false, false, false),
    ].map { SegmentRule(name: $0.0, english: $0.1, condition: .meanSplit(r: $0.2, f: $0.3, m: $0.4)) },
        hasEnglishLabels: true)

    /// Strata's default: the rfm-package segment names laid out as a partition of the
    /// R × (F + M) grid (R 1–5 by F + M 2–10), so every (r, f, m) cell of the 5 × 5 × 5 cube
    /// has exactly one segment, no rule overlaps another and none is dead. Recency decides the
    /// row (how warm the customer is), F + M the value within it:
    ///
    /// ```
    ///        f+m: 2   3   4 | 5   6   7 | 8   9  10
    /// r 5    New Customers  | Potential | Champions
    /// r 4    Promising      | Loyalists | Champions
    /// r 3    About To Sleep (2–3) | Need Attention (4–6) | Loyal Customers (7–10)
    /// r 2    Hibernating (2–5)    | At Risk (6–10)
    /// r 1    Lost (2–5)           | At Risk (6–7) | Can't Lose Them (8–10)
    /// ```
    /// Written as expressions over r, f, m (text, bound by the binder like user rules).
    static let defaultRules: [(name: String, rule: String)] = [
        ("Champions", "r >= 4 and f + m >= 8"),
        ("Loyal Customers", "r == 3 and f + m >= 7"),
        ("Potential Loyalists", "r >= 4 and f + m between 5 and 7"),
        ("New Customers", "r == 5 and f + m <= 4"),
        ("Promising", "r == 4 and f + m <= 4"),
        ("Need Attention", "r == 3 and f + m between 4 and 6"),
        ("About To Sleep", "r == 3 and f + m <= 3"),
        ("At Risk", "r == 2 and f + m >= 6"),
        ("At Risk", "r == 1 and f + m between 6 and 7"),
        ("Can't Lose Them", "r == 1 and f + m >= 8"),
        ("Hibernating", "r == 2 and f + m <= 5"),
        ("Lost", "r == 1 and f + m <= 5"),
    ]
}
