import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// Random customers for the movers property test: unique ids, a key with nulls and ties, a
/// decimal money column with nulls, a Chinese region.
enum WhatIfCompareData {
    static func session(seed: UInt64, rows: Int) -> Session {
        var random = TestRandom(seed: seed)
        let session = Session(workingDirectory: "/")
        _ = session.execute(".asof 2026-06-30")
        var days: [Value] = []
        var money: [Value] = []
        var regions: [Value] = []
        for _ in 0..<rows {
            days.append(random.chance(10) ? .null : .int(Int64(random.int(0...40))))
            money.append(random.chance(10) ? .null : .decimal(Int64(random.int(-500...5_000)), scale: 2))
            regions.append(.string(["华东", "华北", "west", "华南"][random.below(4)]))
        }
        // Ids shuffled so the key path does not match rows by position by accident.
        var ids = (1...max(rows, 1)).map { Int64($0) * 7 }
        for index in ids.indices.reversed() { ids.swapAt(index, random.below(index + 1)) }
        session.catalog.set("c", Table([
            ("customer_id", WhatIfTable.column(ids.prefix(rows).map(Value.int), type: .int64)),
            ("days", WhatIfTable.column(days, type: .int64)),
            ("monetary", WhatIfTable.column(money, type: .decimal(scale: 2))),
            ("region", WhatIfTable.column(regions, type: .string)),
        ]))
        return session
    }

    /// The customer ids of a plain pipeline's result, in order.
    static func ids(_ session: Session, _ pipeline: String) throws -> [Int64] {
        let table = try session.evaluate(try pipelineOf(pipeline))
        guard let column = table.column(named: "customer_id") else { return [] }
        return (0..<table.rowCount).compactMap { if case .int(let id) = column.value(at: $0) { id } else { nil } }
    }

    static func pipelineOf(_ text: String) throws -> Pipeline {
        guard case .show(let pipeline) = try Parser.parse(text) else { throw Diagnostic("not a pipeline") }
        return pipeline
    }
}

@Suite struct WhatIfMoversTests {
    /// Movers equal the set differences of two plain runs, by source rows (filters only) and
    /// by key (a group pipeline), on random data with nulls and ties.
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func moversAreTheSetDifferencesOfTwoPlainRuns(seed: UInt64) throws {
        var random = TestRandom(seed: seed &* 31)
        let session = WhatIfCompareData.session(seed: seed, rows: 50 + random.below(400))
        let shapes = [
            "c | where days > T and region != \"west\"",
            "c | where days <= T | sort monetary desc",
            "c | derive d2 = days * 2 | where d2 >= T",
            "c | where days > T | group customer_id agg days = max(days), monetary = sum(monetary)",
        ]
        for shape in shapes {
            let a = random.int(-2...45), b = random.int(-2...45)
            let plainA = try WhatIfCompareData.ids(session, shape.replacingOccurrences(of: "T", with: "\(a)"))
            let plainB = try WhatIfCompareData.ids(session, shape.replacingOccurrences(of: "T", with: "\(b)"))
            let outcome = session.execute("let m = whatif \(shape) movers T = \(a) vs T = \(b)")
            #expect(outcome.succeeded, "\(outcome.error)")
            let moved = try #require(session.catalog["m"])
            let side = try #require(moved.column(named: "only_at"))
            let ids = try #require(moved.column(named: "customer_id"))
            var onlyA: [Int64] = [], onlyB: [Int64] = []
            for row in 0..<moved.rowCount {
                guard case .int(let id) = ids.value(at: row) else { continue }
                if side.value(at: row) == .string("T = \(a)") { onlyA.append(id) } else { onlyB.append(id) }
            }
            let setA = Set(plainA), setB = Set(plainB)
            #expect(onlyA == plainA.filter { !setB.contains($0) }, "\(shape) \(a) vs \(b)")
            #expect(onlyB == plainB.filter { !setA.contains($0) }, "\(shape) \(a) vs \(b)")

            // compare: the three counts, and by region they sum to the same totals.
            let counts = WhatIfTest.csv(session, "whatif \(shape) compare T = \(a) vs T = \(b)")
            let both = plainA.filter { setB.contains($0) }.count
            let expected = [both, onlyA.count, onlyB.count]
            let lines = counts.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            #expect(lines.map { Int($0[1]) ?? -1 } == expected, "\(counts)")
            if !shape.contains("group") {
                let byRegion = WhatIfTest.csv(session, "whatif \(shape) compare T = \(a) vs T = \(b) by region")
                var sums = [0, 0, 0]
                for line in byRegion.split(separator: "\n").dropFirst() {
                    let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                    for index in 0..<3 { sums[index] += Int(fields[index + 1]) ?? 0 }
                }
                #expect(sums == expected, "\(byRegion)")
            }
        }
    }

    @Test func compareSumsTheMoneyOfEachSide() {
        let session = WhatIfTest.session()
        let out = WhatIfTest.csv(session, "whatif c | where recency > T compare T = 45 vs T = 90")
        // recency > 45: ids 3, 4, 5, 6, 8; > 90: 6, 8.
        #expect(out == """
            side,customers,spent
            both,2,0.06
            only T = 45,3,1000.99
            only T = 90,0,0.00

            """, "\(out)")
    }

    @Test func compareByAColumnAlignsChineseValues() {
        let session = WhatIfTest.session()
        let out = session.execute("whatif c | where recency > T compare T = 45 vs T = 90 by 区域").output
        let lines = out.split(separator: "\n").map(String.init).filter { $0.hasPrefix("┌") || $0.hasPrefix("│") || $0.hasPrefix("└") }
        #expect(lines.count == 7, "\(out)")
        #expect(Set(lines.map(DisplayWidth.of)).count == 1, "\(out)")
        #expect(WhatIfTest.csv(session, "whatif c | where recency > T compare T = 45 vs T = 90 by 区域") == """
            区域,both,only T = 45,only T = 90,spent only T = 45,spent only T = 90
            华东,0,2,0,1000.00,0.00
            华北,1,0,0,0.00,0.00
            华南,1,1,0,0.99,0.00

            """)
    }

    @Test func moversKeepTheRowsAndSayWhichSide() {
        let session = WhatIfTest.session()
        let out = WhatIfTest.csv(session, "whatif c | where recency > T | select customer_id, recency movers T = 90 vs T = 45")
        #expect(out == """
            customer_id,recency,only_at
            3,60,T = 45
            4,60,T = 45
            5,90,T = 45

            """, "\(out)")
        let same = WhatIfTest.csv(session, "whatif c | where recency > T compare T = 45 vs T = 90 (rows)")
        #expect(same.hasPrefix("customer_id,recency,spent,last_contact_date,区域,only_at\n3,60,"), "\(same)")
    }

    @Test func letKeepsTheMoversAsATable() {
        let session = WhatIfTest.session()
        let outcome = session.execute("let moved = whatif c | where recency > T movers T = 45 vs T = 90")
        #expect(outcome.output == "moved: 3 rows × 6 columns\n", "\(outcome.output)")
        #expect(WhatIfTest.csv(session, "moved | group 区域 agg n = count() | sort n desc") == "区域,n\n华东,2\n华南,1\n")
    }

    @Test func rowsThatCannotBeMatchedAreRefused() {
        let session = WhatIfTest.session()
        // Grouped by recency, which has a null: the key column has a null row.
        let outcome = session.execute("whatif c | where spent > T | group recency agg n = count() compare T = 0 vs T = 100")
        #expect(!outcome.succeeded)
        #expect(outcome.error.contains("rows cannot be matched: recency is null"), "\(outcome.error)")
        let repeated = session.execute("whatif c | union c | where spent > T compare T = 0 vs T = 100")
        #expect(!repeated.succeeded)
        #expect(repeated.error.contains("appears more than once"), "\(repeated.error)")
    }

    @Test(arguments: [
        ("whatif c | where recency > T compare T = 45", "expected vs", 43),
        ("whatif c | where recency > T compare T = 45 vs S = 90", "T is set before vs but not after it", 37),
        ("whatif c | where recency > T compare T 45 vs T = 90", "expected = and a value", 39),
        ("whatif c | where recency > T movers T = 45 vs T = 90 by 区域", "by breaks down the counts of compare", 53),
        ("whatif c | where recency > T compare T = 45 vs T = 90 by nothing", "column \"nothing\" not found", 57),
        ("whatif c | where recency > 5 compare T = 45 vs T = 90", "parameter T is not used", 37),
        ("whatif c | where recency > T movers T = 45 vs T = 90 (sum spent)", "(sum COL) applies to compare", 58),
    ])
    func parseAndBindErrorsPointAtTheText(statement: String, message: String, column: Int) {
        let outcome = WhatIfTest.session().execute(statement)
        #expect(!outcome.succeeded)
        #expect(outcome.error.contains(message), "\(outcome.error)")
        // The caret sits under the offending text: its column in the echoed statement.
        let lines = outcome.error.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let caretLine = lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("^") } ?? ""
        let statementLine = lines.first { $0.hasSuffix(statement) } ?? ""
        let indent = statementLine.count - statement.count
        let caret = caretLine.firstIndex(of: "^").map { caretLine.distance(from: caretLine.startIndex, to: $0) } ?? -1
        #expect(caret - indent == column, "\(outcome.error)")
    }
}

@Suite struct WhatIfWarningTests {
    @Test(arguments: [
        ("whatif c | where recency > T for T in [60, 90, 60]", "warning: T lists 60 more than once"),
        ("whatif c | where recency > T for T in [5000, 6000]", "warning: every value of T gives the same result (0 customers)"),
        ("whatif c | where recency > T for T in 3..1", "warning: T in 3..1 counts down (step -1)"),
        ("whatif c | where recency > T compare T = 60 vs T = 60", "warning: both sides of compare are T = 60"),
        ("whatif c | where recency > T and spent > S for T in 1..40, S in 1..30 (chart off)",
         "warning: the grid has 1,200 combinations"),
    ])
    func warningsComeBeforeTheResult(statement: String, warning: String) {
        let outcome = WhatIfTest.session().execute(statement)
        #expect(outcome.succeeded, "\(outcome.error)")
        #expect(outcome.output.hasPrefix(warning), "\(outcome.output.prefix(300))")
    }

    @Test func warningsGoToStandardErrorInCSVMode() {
        let session = WhatIfTest.session()
        _ = session.execute(".mode csv")
        let outcome = session.execute("whatif c | where recency > T for T in [60, 60]")
        #expect(outcome.output.hasPrefix("T,customers"), "\(outcome.output)")
        #expect(outcome.error.hasPrefix("warning: T lists 60 more than once"), "\(outcome.error)")
    }

    @Test func aDescendingRangeWithAStepInTheWrongDirectionStaysAnError() {
        let outcome = WhatIfTest.session().execute("whatif c | where recency > T for T in 3..1 step 1")
        #expect(!outcome.succeeded)
        #expect(outcome.error.contains("is empty"))
    }
}

@Suite struct WhatIfPictureTests {
    @Test func aGridIsAHeatTableInTableModeAndTheLongFormOtherwise() {
        let session = WhatIfTest.session()
        let out = session.execute("whatif c | where 区域 == R and recency >= T for R in [\"华东\", \"华南\"], T in [0, 60]").output
        #expect(out == """
            customers by R (rows) and T (columns)
            ┌───────┬─────┬─────┐
            │ R \\ T │   0 │  60 │
            ├───────┼─────┼─────┤
            │ 华东  │ █ 3 │ ▓ 2 │
            │ 华南  │ ▓ 2 │ ▓ 2 │
            └───────┴─────┴─────┘

            spent by R (rows) and T (columns)
            ┌───────┬────────────┬────────────┐
            │ R \\ T │          0 │         60 │
            ├───────┼────────────┼────────────┤
            │ 华东  │ █ 1,100.00 │ █ 1,000.00 │
            │ 华南  │ ░     1.00 │ ░     1.00 │
            └───────┴────────────┴────────────┘

            """, "\(out)")
        #expect(!session.execute("whatif c | where 区域 == R and recency >= T for R in [\"华东\"], T in [0, 60] (chart off)").output.contains("█"))
        #expect(WhatIfTest.csv(session, "whatif c | where 区域 == R and recency >= T for R in [\"华东\"], T in [0, 60]")
            .hasPrefix("R,T,customers,share,spent,Δ customers\n华东,0,3,"))
    }

    @Test func shadesByQuarters() {
        #expect(WhatIfHeat.shade(0, largest: 8) == " ")
        #expect(WhatIfHeat.shade(1, largest: 8) == "░")
        #expect(WhatIfHeat.shade(2, largest: 8) == "░")
        #expect(WhatIfHeat.shade(3, largest: 8) == "▒")
        #expect(WhatIfHeat.shade(6, largest: 8) == "▓")
        #expect(WhatIfHeat.shade(7, largest: 8) == "█")
        #expect(WhatIfHeat.shade(-5, largest: 8) == " ")
    }

    @Test func aGroupedSweepGetsGroupedBars() {
        let session = WhatIfTest.session()
        let out = session.execute("whatif c | where recency > T | group 区域 agg n = count() for T in [0, 150]").output
        let chart = out.components(separatedBy: "\n\n").last ?? ""
        #expect(chart == """
            n by T and 区域
              0  华东 │████████████████████████████████████████ 3
                 华北 │██████████████████████████▋ 2
                 华南 │██████████████████████████▋ 2
            150  华东 │ 0
                 华北 │ 0
                 华南 │█████████████▍ 1

            """, "\(out)")
    }

    @Test func completionOffersCompareVsAndMoversAfterAWhatIfPipeline() {
        let session = WhatIfTest.session()
        let line = "whatif c | where recency > T co"
        #expect(Completer.complete(line: line, cursor: line.count, context: session).candidates.contains("compare"))
        let movers = "whatif c | where recency > T mo"
        #expect(Completer.complete(line: movers, cursor: movers.count, context: session).candidates == ["movers"])
        let plain = "c | where recency > 1 mo"
        #expect(!Completer.complete(line: plain, cursor: plain.count, context: session).candidates.contains("movers"))
    }
}
