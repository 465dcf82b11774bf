import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

@Suite struct ScoringErrorTests {
    let h = ScoringHarness(["events": ScoringHarness.events([(1, 0, "活动")]),
                            "orders": Table([("customer_id", Columns.int([1])), ("kind", Columns.string(["a"])),
                                             ("a", Columns.date([1])), ("b", Columns.date([2]))])],
                           files: ["lead.csv": ScoringHarness.briefRules,
                                   "bad.csv": "kind,points,cap\n活动,15,\n白皮书,five,\n",
                                   "dup.csv": "kind,points\n活动,15\n活动,5\n",
                                   "noheader.csv": "活动,15\n",
                                   "quote.csv": "kind,points\n\"活动,15\n",
                                   "negcap.csv": "kind,points,cap\n活动,15,-1\n"])

    @Test func optionsAreCheckedWithCarets() {
        #expect(h.error("events | score customer_id by kind (rule \"lead.csv\")") == """
            Error: unknown score option "rule". Did you mean "rules"? Options: rules, caps, decay, bands, date
              events | score customer_id by kind (rule "lead.csv")
                                                  ^^^^
            """)
        #expect(h.error("events | score customer_id by kind") == """
            Error: score needs rules: (rules "rules.csv") or (rules [白皮书 => 5, 活动 => 15])
              events | score customer_id by kind
                       ^^^^^^^^^^^^^^^^^^^^^^^^^
            """)
        #expect(h.error("events | score customer_id by date (rules \"lead.csv\")").hasPrefix(
            "Error: score needs a string column of event kinds; date is a date"))
        #expect(h.error("events | score customer_id by kind (rules \"lead.csv\", bands [low, high >= 60])") == """
            Error: band "low" matches every score, so the bands after it could never match; put it last
              events | score customer_id by kind (rules "lead.csv", bands [low, high >= 60])
                                                                           ^^^
            """)
        #expect(h.error("events | score customer_id by kind (rules \"lead.csv\", decay [90 => -30, 30 => -10])").hasPrefix(
            "Error: decay steps must be in increasing days: 30 after 90"))
        #expect(h.error("events | score customer_id by kind (rules \"lead.csv\", caps [电话 => 3])").hasPrefix(
            "Error: caps: \"电话\" has no points in the rules."))
        #expect(h.error("orders | score customer_id by kind (rules \"lead.csv\")").hasPrefix(
            "Error: score needs to know which column dates the events (a, b): add (date a)"))
        #expect(h.error("orders | score customer_id by kind (rules \"lead.csv\", date b)") == "no error")
        #expect(h.error("events | score customer_id by kind (rules [活动 15])").hasPrefix("Error: expected ], found 15"))
    }

    @Test func rulesFilesReportFileLineAndColumn() {
        #expect(h.error("events | score customer_id by kind (rules \"missing.csv\")") == """
            Error: rules file "missing.csv" not found
              events | score customer_id by kind (rules "missing.csv")
                                                        ^^^^^^^^^^^^^
            """)
        #expect(h.error("events | score customer_id by kind (rules \"bad.csv\")") == """
            bad.csv:3:5: error: points must be a whole number, found "five"
              in rules "bad.csv"
            """)
        #expect(h.error("events | score customer_id by kind (rules \"dup.csv\")")
            == "dup.csv:3:1: error: kind \"活动\" already has points on line 2\n  in rules \"dup.csv\"")
        #expect(h.error("events | score customer_id by kind (rules \"noheader.csv\")").hasPrefix(
            "noheader.csv:1:1: error: the first line must name the columns: kind,points[,cap][,note]"))
        #expect(h.error("events | score customer_id by kind (rules \"quote.csv\")").hasPrefix(
            "quote.csv:2:1: error: a quoted field is not closed"))
        #expect(h.error("events | score customer_id by kind (rules \"negcap.csv\")").hasPrefix(
            "negcap.csv:2:7: error: cap must be a whole number ≥ 0 or empty"))
    }

    @Test func keyMayNotCollideWithAnOutputColumn() {
        let clash = ScoringHarness(["e": Table([("score", Columns.int([1])), ("kind", Columns.string(["活动"])), ("d", Columns.date([1]))])])
        #expect(clash.error("e | score score by kind (rules [活动 => 1])").hasPrefix(
            "Error: the key column may not be called score: score adds a column of that name"))
    }
}

@Suite struct ScoreOptionSyntaxTests {
    @Test func pairsAndComparisonsParseWithRanges() throws {
        let text = "e | score k by kind (decay [30 => -10], bands [high >= 60, low])"
        guard case .show(let pipeline) = try Parser.parse(text), case .score(_, _, let options) = pipeline.verbs.first?.kind else {
            Issue.record("not a score verb")
            return
        }
        guard case .list(let steps, _)? = options.first?.value, case .pair(.number("30", _), .number("-10", _), let range) = steps.first else {
            Issue.record("decay is not a list of pairs")
            return
        }
        #expect(Array(text)[range].map(String.init).joined() == "30 => -10")
        guard case .list(let bands, _)? = options.last?.value, case .comparison(let name, ">=", .number("60", _), let bandRange) = bands.first,
              case .word(let low) = bands.last else {
            Issue.record("bands are not comparisons")
            return
        }
        #expect(name.text == "high" && low.text == "low")
        #expect(Array(text)[bandRange].map(String.init).joined() == "high >= 60")
    }
}
