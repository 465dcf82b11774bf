import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// A session with a small customers table: `customer_id`, `recency` (with a null), `spent`
/// (decimal(2), with a null), `last_contact_date`, `区域`.
enum WhatIfTest {
    static func session() -> Session {
        let session = Session(workingDirectory: "/")
        _ = session.execute(".asof 2026-06-30")
        let recency: [Int64?] = [10, 45, 60, 60, 90, 120, nil, 200]
        let spent: [Int64?] = [10_000, 2_550, nil, 99, 100_000, 5, 700, 1]
        let contact: [Int32?] = [20600, 20500, nil, 20400, 20000, 20634, 20300, 19000]
        session.catalog.set("c", Table([
            ("customer_id", WhatIfTable.column((1...8).map { .int(Int64($0)) }, type: .int64)),
            ("recency", WhatIfTable.column(recency.map { $0.map(Value.int) ?? .null }, type: .int64)),
            ("spent", WhatIfTable.column(spent.map { $0.map { .decimal($0, scale: 2) } ?? .null }, type: .decimal(scale: 2))),
            ("last_contact_date", WhatIfTable.column(contact.map { $0.map(Value.date) ?? .null }, type: .date)),
            ("区域", WhatIfTable.column(["华东", "华北", "华东", "华南", "华东", "华北", "华东", "华南"].map(Value.string), type: .string)),
        ]))
        return session
    }

    /// The csv output of a statement (raw values, easy to compare).
    static func csv(_ session: Session, _ statement: String) -> String {
        _ = session.execute(".mode csv")
        defer { _ = session.execute(".mode table") }
        let outcome = session.execute(statement)
        return outcome.succeeded ? outcome.output : "error: " + outcome.error
    }
}

@Suite struct WhatIfTests {
    @Test func rangesAndListsExpand() throws {
        guard case .whatif(let w) = try Parser.parse("whatif c | where recency > T for T in 30..180 step 30 (sum spent)") else {
            Issue.record("not a whatif")
            return
        }
        #expect(w.parameters[0].values == ["30", "60", "90", "120", "150", "180"].map { Literal.number($0) })
        #expect(w.options.map(\.name.text) == ["sum"])
        guard case .whatif(let down) = try Parser.parse("whatif c | where recency > T for T in 3..1 step -1, S in [1, -2.5, \"x\"]") else {
            Issue.record("not a whatif")
            return
        }
        #expect(down.parameters[0].values == ["3", "2", "1"].map { Literal.number($0) })
        #expect(down.parameters[1].values == [.number("1"), .number("-2.5"), .string("x")])
    }

    @Test func sweepMatchesThePipelineRunPerValue() {
        let session = WhatIfTest.session()
        let sweep = WhatIfTest.csv(session, "whatif c | where recency > T for T in [0, 45, 60, 300]")
        #expect(sweep == """
            T,customers,share,spent,Δ customers
            0,7,87.5%,1126.55,
            45,5,62.5%,1001.05,-2
            60,3,37.5%,1000.06,-2
            300,0,0.0%,0.00,-3

            """
)
        for t in [0, 45, 60, 300] {
            let count = WhatIfTest.csv(session, "c | where recency > \(t) | count")
            let expected = sweep.split(separator: "\n").first { $0.hasPrefix("\(t),") }?.split(separator: ",")[1]
            #expect(count.split(separator: "\n").last.map(String.init) == expected.map(String.init))
        }
    }

    @Test func gridsVaryTheFirstParameterSlowest() {
        let session = WhatIfTest.session()
        let grid = WhatIfTest.csv(session, "whatif c | where recency >= T and spent < S for T in [60, 90], S in [100, 1000] (sum spent)")
        #expect(grid == """
            T,S,customers,share,spent,Δ customers
            60,100,3,37.5%,1.05,
            60,1000,3,37.5%,1.05,0
            90,100,2,25.0%,0.06,
            90,1000,2,25.0%,0.06,0

            """)
    }

    @Test(arguments: [
        ("whatif c | where recency > T for T in 1..10 step 0", "the step must not be 0"),
        ("whatif c | where recency > T for T in 10..1 step 1", "the range 10..1 for T is empty"),
        ("whatif c | where recency > T for T in 1..5000", "at most 1000 run"),
        ("whatif c | where recency > T for T in []", "is empty"),
        ("whatif c | where recency > 5 for T in [1]", "parameter T is not used in the pipeline"),
        ("whatif c | where recency > recency for recency in [1]", "has the name of a column of the source"),
        ("whatif c | where recncy > T for T in [1]", "Did you mean"),
        ("whatif c | where recency > T for T in [1] (sum nothing)", "column \"nothing\" not found"),
        ("whatif c | where recency > T for T in [1] (colour red)", "unknown whatif option"),
        ("whatif c | where recency > T for T in 1..200, S in 1..100", "at most 10000 run"),
        ("whatif c | where recency > T", "expected for"),
    ])
    func errorsAreClearAndPointAtTheText(statement: String, message: String) {
        let outcome = WhatIfTest.session().execute(statement)
        #expect(!outcome.succeeded)
        #expect(outcome.error.contains(message), "\(outcome.error)")
        #expect(outcome.error.contains("^"), "\(outcome.error)")
    }

    @Test func unknownNamesSuggestParameters() {
        let outcome = WhatIfTest.session().execute("whatif c | where recency > Thresh for Threshold in [1]")
        #expect(outcome.error.contains("Threshold"), "\(outcome.error)")
    }

    @Test func countsRowsWhenTheResultIsNotCustomers() {
        let session = WhatIfTest.session()
        let out = WhatIfTest.csv(session, "whatif c | select 区域, spent | where spent > A for A in [1, 100.5]")
        #expect(out.hasPrefix("A,rows,share,spent,Δ rows\n1.0,4,50.0%,1132.50,\n100.5,1,"), "\(out)")
    }
}

@Suite struct WhatIfChartTests {
    @Test func barsUseEighthsAndCJKLabelsAlign() {
        let session = WhatIfTest.session()
        let outcome = session.execute("whatif c | where 区域 == R for R in [\"华东\", \"华北\", \"west\"]")
        let chart = outcome.output.components(separatedBy: "\n\n").last ?? ""
        #expect(chart == """
            customers by R
            华东 │████████████████████████████████████████ 4
            华北 │████████████████████ 2
            west │
            """ + " 0\n", "\(outcome.output)")
    }

    @Test func barLengths() {
        #expect(WhatIfChart.bar(0, largest: 10) == "")
        #expect(WhatIfChart.bar(10, largest: 10) == String(repeating: "█", count: 40))
        #expect(WhatIfChart.bar(1, largest: 1_000_000) == "▏")
        #expect(WhatIfChart.bar(893, largest: 1_066) == String(repeating: "█", count: 33) + "▌")
    }

    @Test func chartsAreOffInCSVAndOnRequest() {
        let session = WhatIfTest.session()
        #expect(!WhatIfTest.csv(session, "whatif c | where recency > T for T in [1, 2]").contains("█"))
        #expect(!session.execute("whatif c | where recency > T for T in [1, 2] (chart off)").output.contains("█"))
        #expect(session.execute("whatif c | where recency > T for T in [1, 2]").output.contains("█"))
    }
}

@Suite struct WhatIfRuntimeErrorTests {
    @Test func aRuntimeErrorNamesTheRun() {
        let outcome = WhatIfTest.session().execute("whatif c | derive q = recency / T | where q > 1 for T in [2, 0]")
        #expect(!outcome.succeeded)
        #expect(outcome.error.contains("in the run with T = 0"), "\(outcome.error)")
    }
}

@Suite struct WhatIfGroupTests {
    @Test func aGroupPipelineGivesOneColumnPerGroupValue() {
        let session = WhatIfTest.session()
        let out = WhatIfTest.csv(session, "whatif c | where recency > T | group 区域 agg n = count() for T in [0, 60, 150]")
        #expect(out == """
            T,华东,华北,华南
            0,3,2,2
            60,1,1,1
            150,0,0,1

            """, "\(out)")
        // A count or sum of no rows is 0; an average of no rows stays null.
        let average = WhatIfTest.csv(session, "whatif c | where recency > T | group 区域 agg a = avg(recency) for T in [0, 150]")
        #expect(average.contains("\n150,,,"), "\(average)")
        for (t, expected) in [(0, "华东,3"), (60, "华东,1")] {
            #expect(WhatIfTest.csv(session, "c | where recency > \(t) | group 区域 agg n = count()").contains(expected))
        }
    }
}
