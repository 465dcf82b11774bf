import Foundation
import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// Segment schemes on crafted customers, the rule-table analysis, rfm errors and abc.
@Suite struct RFMSchemeTests {
    static func binder() -> Binder { Binder(catalog: Catalog(), asOf: 0) }

    @Test func defaultSchemeGivesEveryCellExactlyOneSegment() throws {
        let scheme = try Self.binder().scheme(named: "default", at: nil, monetary: .double)
        #expect(try RuleAnalysis.warnings(scheme, r: 5, f: 5, m: 5).isEmpty)
        let cube = RuleAnalysis.cube(r: 5, f: 5, m: 5, monetary: .double)
        let coverage = try RuleAnalysis.coverage(scheme, cube: cube)
        for cell in 0..<125 {
            #expect(coverage.filter { $0[cell] }.count == 1, "cell \(cell)")
        }
        // Every rule wins some cell.
        #expect(Set(try RuleAnalysis.owners(scheme, cube: cube)).count == scheme.rules.count)
    }

    @Test func rfmPackageDeadRulesAreNamed() throws {
        let warnings = try RuleAnalysis.warnings(ShippedSchemes.rfmPackage, r: 5, f: 5, m: 5)
        let dead = warnings.filter { $0.contains("can never match") }
        #expect(dead.count == 4)
        for name in ["New Customers", "Promising", "Can't Lose Them", "Lost"] {
            #expect(dead.contains { $0.contains("rule \"\(name)\" can never match") }, "\(name)")
        }
        #expect(dead.contains { $0.contains("\"Can't Lose Them\" can never match: every cell it covers is taken by \"At Risk\" (rule 8)") })
        #expect(warnings.contains { $0.contains("rule \"Loyal Customers\" overlaps \"Champions\" (rule 1) in 8 cells") })
        #expect(warnings.last == "scheme rfm-package: 36 of 125 score cells match no rule; their customers are \"Others\"")
    }

    @Test func shadowedAndOverlappingInlineRules() throws {
        let session = RFMTests.session(RFMTests.orders([("a", 1, 100), ("b", 300, 100)]))
        let outcome = session.execute(#"orders | rfm customer, day, amount (rules ["Hot: r >= 4", "Warm: r >= 3", "Top: r == 5", "Never: r > 9"]) | select customer, segment"#)
        #expect(outcome.succeeded)
        #expect(outcome.output.contains("warning: scheme inline: rule \"Warm\" overlaps \"Hot\" (rule 1) in 50 cells; the earlier rule wins there"))
        #expect(outcome.output.contains("warning: scheme inline: rule \"Top\" can never match: every cell it covers is taken by \"Hot\" (rule 1)"))
        #expect(outcome.output.contains("warning: scheme inline: rule \"Never\" can never match: no score cell satisfies r > 9"))
        #expect(outcome.output.contains("50 of 125 score cells match no rule"))
    }

    /// One customer per (r, f, m) cell of 5 × 5 × 5 with bins 5: the scores are the cell.
    @Test func rfmPackageAndDefaultOnEveryCell() throws {
        var rows: [(String, Int32, Int64)] = []
        var index = 0
        for r in 1...5 { for f in 1...5 { for m in 1...5 {
            // 125 customers; r by recency rank, f by order count, m by amount — ntile ties by key.
            index += 1
            let key = String(format: "c%03d", index)
            for order in 0..<f { rows.append((key, Int32((5 - r) * 100 + order), Int64(m * 1000 - (order == 0 ? 0 : 1000) * 0))) }
        } } }
        let session = RFMTests.session(RFMTests.orders(rows))
        let table = try RFMTests.run(session, "orders | rfm customer, day, amount (r_breaks [99, 199, 299, 399], f_breaks [1, 2, 3, 4], scheme rfm_package)")
        let scores = table.column(named: "rfm")!, segments = table.column(named: "segment")!
        let cube = RuleAnalysis.cube(r: 5, f: 5, m: 5, monetary: .double)
        let owners = try RuleAnalysis.owners(ShippedSchemes.rfmPackage, cube: cube)
        let names = ShippedSchemes.rfmPackage.rules.map(\.name) + ["Others"]
        var seen = Set<String>()
        for row in 0..<table.rowCount {
            let rfm = Int(scores.value(at: row).description)!
            let r = rfm / 100, f = rfm / 10 % 10, m = rfm % 10
            seen.insert("\(r)\(f)")
            #expect(segments.value(at: row).description == names[owners[(r - 1) * 25 + (f - 1) * 5 + (m - 1)]])
        }
        #expect(seen.count == 25)
    }

    @Test func cn8SplitsAtTheMeanAndEqualIsLow() throws {
        // Recency 10, 20, 30 (mean 20); one order each; amounts 10, 20, 30 (mean 20).
        let session = RFMTests.session(RFMTests.orders([("a", 10, 1000), ("b", 20, 2000), ("c", 30, 3000), ("c", 30, 0)]))
        let table = try RFMTests.run(session, "orders | rfm customer, day, amount (scheme cn8) | select customer, segment, segment_en")
        // Frequencies 1, 1, 2 (mean 4/3): only c is high.
        #expect(RFMTests.rows(table) == ["a|一般发展客户|General to develop", "b|一般挽留客户|General to win back",
                                         "c|重要保持客户|Important to keep"])
    }

    @Test func errorsBeforeRunningWithCarets() throws {
        var categories = StringDictionary()
        let text = Column(type: .string, data: .string(codes: [categories.code(for: "2026-01-01")], dictionary: categories))
        let table = Table([("customer", Column(type: .int64, data: .int64([1]))), ("day", text),
                           ("amount", Column(type: .int64, data: .int64([5]))), ("note", text)])
        let session = RFMTests.session(table)
        func error(_ statement: String) -> String { session.execute(statement).error }
        #expect(error("orders | rfm customer, day, amount").contains("rfm needs a date column for the order date; day is a string column"))
        #expect(error("orders | rfm customer, customer, note").contains("day") == false)
        let session2 = RFMTests.session(RFMTests.orders([("a", 1, 100)]))
        #expect(session2.execute("orders | rfm customer, day, customer").error.contains("rfm needs a numeric amount column; customer is a string column"))
        let bins = session2.execute("orders | rfm customer, day, amount (bins -1)").error
        #expect(bins.contains("bins takes a whole number from 1 to 100, found -1"))
        #expect(bins.contains("                                        ^^"))
        #expect(session2.execute("orders | rfm customer, day, amount (bins 101)").error.contains("found 101"))
        let scheme = session2.execute("orders | rfm customer, day, amount (scheme \"rfm-pakage\")").error
        #expect(scheme.contains("unknown scheme \"rfm-pakage\". Did you mean \"rfm-package\"?"))
        #expect(session2.execute("orders | rfm customer, day, amount (scheme cn9)").error.contains("Did you mean \"cn8\"?"))
        let option = session2.execute("orders | rfm customer, day, amount (nestd)").error
        #expect(option.contains("unknown rfm option \"nestd\". Did you mean \"nested\"?"))
        #expect(option.contains("                                      ^^^^^"))
        #expect(session2.execute("orders | rfm customer, day, amount (r_breaks [90, 30])").error.contains("30 is not above 90"))
        #expect(session2.execute("orders | rfm customer, day, amount (method ntle)").error.contains("Did you mean \"ntile\"?"))
    }

    @Test func abcByCumulativeShare() throws {
        let table = Table([("customer", Column(type: .int64, data: .int64([1, 2, 3, 4, 5]))),
                           ("revenue", Column(type: .int64, data: .int64([5, 50, 15, 30, 0])))])
        let session = RFMTests.session(table)
        let result = try RFMTests.run(session, "orders | abc revenue (a 0.8, b 0.95)")
        // Shares before each row: 0, .5, .8, .95 → A, A, B, C; zero adds nothing → C.
        #expect(RFMTests.rows(result) == ["2|50|0.5|A", "4|30|0.8|A", "3|15|0.95|B", "1|5|1|C", "5|0|1|C"])
        #expect(session.execute("orders | abc revenue (a 0.9, b 0.5)").error.contains("abc needs a < b"))
        #expect(session.execute("orders | abc revenue (c 0.5)").error.contains("unknown abc option"))
    }

    @Test func userSchemeFromCSV() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-rules-\(UUID().uuidString).csv").path
        try "segment,segment_en,r,f,m\n冠军,Champions,4-5,4-5,>=4\n流失,Lost,<=2,,\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = RFMTests.session(RFMTests.orders([("a", 1, 100), ("b", 300, 100)]))
        let loaded = session.execute(".scheme mine from \"\(path)\"")
        #expect(loaded.output.contains("scheme mine: 2 rules"))
        #expect(loaded.output.contains("67 of 125 score cells match no rule"))
        let table = try RFMTests.run(session, "orders | rfm customer, day, amount (bins 2, scheme mine) | select customer, segment, segment_en")
        #expect(RFMTests.rows(table) == ["a|流失|Lost", "b|流失|Lost"])
        #expect(session.execute(".scheme mine").output.contains("r 4-5, f 4-5, m 4-100"))
    }
}
