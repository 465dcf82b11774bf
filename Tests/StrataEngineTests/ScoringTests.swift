import StrataCore
import Testing
@testable import StrataEngine

@Suite struct ScoringTests {
    static let rules = "(rules \"lead.csv\")"

    func harness(_ events: [(Int64?, Int32?, String?)], files: [String: String] = ["lead.csv": ScoringHarness.briefRules]) -> ScoringHarness {
        ScoringHarness(["events": ScoringHarness.events(events)], files: files)
    }

    /// Customer 1: registered, left a phone, a white paper, an event, 2 page visits, 3 emails
    /// (not in the rules), last seen 10 days ago: 10 + 10 + 5 + 15 + 2 × 2 = 44, no decay,
    /// medium. Customer 2: the brief's "3 emails + 2 product page visits", 40 days ago: 4 − 10
    /// = −6, low (the brief's 60 does not follow from its own point table: emails score
    /// nothing there). Customer 3: 4 events, 95 days ago: 60 − 30 = 30, medium.
    @Test func handComputedExample() throws {
        let h = harness([
            (1, 50, "注册线索"), (1, 48, "留电话"), (2, 45, "邮件"), (1, 40, "白皮书"), (1, 30, "活动"),
            (1, 20, "官网访问"), (1, 12, "官网访问"), (1, 11, "邮件"), (1, 10, "邮件"), (1, 10, "邮件"),
            (2, 44, "邮件"), (2, 43, "邮件"), (2, 41, "官网访问"), (2, 40, "官网访问"),
            (3, 100, "活动"), (3, 99, "活动"), (3, 98, "活动"), (3, 95, "活动"),
        ])
        let (table, context) = try h.run("events | score customer_id by kind \(Self.rules)")
        #expect(table.columnNames == ["customer_id", "points", "last_event", "days_idle", "decay", "score", "band"])
        let day = { (back: Int32) in Value.date(ScoringHarness.asOf - back) }
        #expect(table.rows == [
            [.int(1), .int(44), day(10), .int(10), .int(0), .int(44), .string("medium")],
            [.int(2), .int(4), day(40), .int(40), .int(-10), .int(-6), .string("low")],
            [.int(3), .int(60), day(95), .int(95), .int(-30), .int(30), .string("medium")],
        ])
        #expect(context.warnings == ["score: 1 event kind is not in the rules and counts 0: 邮件 (6)"])
    }

    @Test func decayBoundaries() throws {
        let h = harness([(1, 29, "活动"), (2, 30, "活动"), (3, 89, "活动"), (4, 90, "活动"), (5, 0, "活动"), (6, -3, "活动")])
        let (table, _) = try h.run("events | score customer_id by kind \(Self.rules) | select customer_id, days_idle, decay, score")
        #expect(table.rows == [
            [.int(1), .int(29), .int(0), .int(15)], [.int(2), .int(30), .int(-10), .int(5)],
            [.int(3), .int(89), .int(-10), .int(5)], [.int(4), .int(90), .int(-30), .int(-15)],
            [.int(5), .int(0), .int(0), .int(15)], [.int(6), .int(-3), .int(0), .int(15)],
        ])
        // Custom steps: the largest threshold reached applies, not the sum.
        let (custom, _) = try h.run("events | score customer_id by kind (rules \"lead.csv\", decay [0 => -1, 30 => -5, 90 => -50]) | select decay")
        #expect(custom.rows.map { $0[0] } == [.int(-1), .int(-5), .int(-5), .int(-50), .int(-1), .int(0)])
    }

    @Test func bandBoundaries() throws {
        let files = ["b.csv": "kind,points\np29,29\np30,30\np59,59\np60,60\nneg,-5\n"]
        let h = harness([(1, 0, "p29"), (2, 0, "p30"), (3, 0, "p59"), (4, 0, "p60"), (5, 0, "neg")], files: files)
        let (table, _) = try h.run("events | score customer_id by kind (rules \"b.csv\") | select score, band")
        #expect(table.rows.map { $0[1] } == [.string("low"), .string("medium"), .string("medium"), .string("high"), .string("low")])
        // Bands without a catch-all leave unmatched scores null; a strict > works too.
        let (strict, _) = try h.run("events | score customer_id by kind (rules \"b.csv\", bands [hot > 59, warm >= 30]) | select band")
        #expect(strict.rows.map { $0[0] } == [.null, .string("warm"), .string("warm"), .string("hot"), .null])
    }

    @Test func capsLimitAKindsTotalPerKey() throws {
        let visits = (0..<15).map { (Int64(1), Int32($0), Optional("官网访问")) } + [(2, 1, "官网访问"), (1, 0, "活动")]
        let h = harness(visits, files: ["lead.csv": ScoringHarness.briefRules,
                                         "capped.csv": "kind,points,cap\n官网访问,2,20\n活动,15,\n"])
        let fromOption = try h.run("events | score customer_id by kind (rules \"lead.csv\", caps [官网访问 => 20]) | select points").table
        #expect(fromOption.rows == [[.int(35)], [.int(2)]])
        let fromFile = try h.run("events | score customer_id by kind (rules \"capped.csv\") | select points").table
        #expect(fromFile.rows == [[.int(35)], [.int(2)]])
        let uncapped = try h.run("events | score customer_id by kind \(Self.rules) | select points").table
        #expect(uncapped.rows == [[.int(45)], [.int(2)]])
    }

    @Test func inlineRulesAndStringKeys() throws {
        let events = Table([
            ("客户", Columns.string(["张三", "李四", "张三", nil])),
            ("时间", Columns.date([ScoringHarness.asOf, ScoringHarness.asOf - 31, ScoringHarness.asOf - 2, ScoringHarness.asOf])),
            ("类型", Columns.string(["活动", "白皮书", "白皮书", "活动"])),
        ])
        let h = ScoringHarness(["e": events])
        let (table, context) = try h.run("e | score 客户 by 类型 (rules [活动 => 15, \"白皮书\" => 5], bands [高 >= 20, 低])")
        #expect(table.rows.map { [$0[0], $0[5], $0[6]] } == [
            [.string("张三"), .int(20), .string("高")], [.string("李四"), .int(-5), .string("低")],
        ])
        #expect(context.warnings == ["score: 1 event has no 客户 and is left out"])
    }

    @Test func nullKindsAndDatesDoNotTrap() throws {
        let h = harness([(1, nil, "活动"), (1, nil, nil), (2, 5, nil)])
        let (table, context) = try h.run("events | score customer_id by kind \(Self.rules)")
        #expect(table.rows == [
            [.int(1), .int(15), .null, .null, .int(0), .int(15), .string("low")],
            [.int(2), .int(0), .date(ScoringHarness.asOf - 5), .int(5), .int(0), .int(0), .string("low")],
        ])
        #expect(context.warnings == ["score: 1 event kind is not in the rules and counts 0: (no kind) (2)"])
    }

    @Test func explainShowsTheWholeRuleSet() throws {
        let h = harness([(1, 0, "活动")])
        let text = try h.plan("events | score customer_id by kind (rules \"lead.csv\", decay [60 => -20])").explain()
        #expect(text == """
            score by customer_id, kind kind, date date as of 2026-06-30: rules "lead.csv" (5 kinds), decay [60 => -20], bands [high >= 60, medium >= 30, low]
              scan events: customer_id, date, kind
            """)
    }
}
