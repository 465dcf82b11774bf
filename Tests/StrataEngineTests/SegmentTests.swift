import Foundation
import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// A session with an in-memory segment store, a fixed clock and user, and small tables:
/// `c` (customer_id 1…10, tier A/B/C, recency) and `codes` (string keys).
enum SegmentTest {
    static func session(ids: [Int] = Array(1...10)) -> Session {
        let session = Session(workingDirectory: "/")
        _ = session.execute(".asof 2026-06-30")
        session.segmentStore = InMemorySegmentStore()
        session.segmentUser = "tester"
        session.segmentClock = { Date(timeIntervalSince1970: 1_782_777_600) }
        setCustomers(session, ids: ids)
        var codes = SegmentTableBuilder()
        codes.strings("code", ["甲", "乙", "丙", "丁"])
        codes.integers("n", [1, 2, 3, 4])
        session.catalog.set("codes", codes.table)
        return session
    }

    /// Replaces `c`: tier A for ids ≤ 3, B up to 6, C beyond; recency = id × 10.
    static func setCustomers(_ session: Session, ids: [Int], shift: Int = 0) {
        var builder = SegmentTableBuilder()
        builder.integers("customer_id", ids)
        builder.strings("tier", ids.map { id in
            let level = min(2, max(0, (id - 1) / 3 - shift))
            return ["A", "B", "C"][level]
        })
        builder.integers("recency", ids.map { $0 * 10 })
        session.catalog.set("c", builder.table)
    }

    /// Runs a statement that must succeed; returns output and notices.
    @discardableResult
    static func run(_ session: Session, _ statement: String) -> String {
        let outcome = session.execute(statement)
        #expect(outcome.succeeded, "\(statement): \(outcome.error)")
        return outcome.output
    }

    /// Runs a statement that must fail; returns the error text.
    static func fail(_ session: Session, _ statement: String) -> String {
        let outcome = session.execute(statement)
        #expect(!outcome.succeeded, "\(statement) should fail")
        return outcome.error
    }

    static func keys(_ session: Session, _ name: String, _ version: Int? = nil) throws -> [String] {
        let found = try #require(try session.segmentStore?.version(name, version))
        return (0..<found.keys.count).map { found.keys.text(at: $0) }
    }
}

@Suite struct SegmentTests {
    @Test func saveAddsVersionsAndNeverOverwrites() throws {
        let session = SegmentTest.session()
        let first = SegmentTest.run(session, "segment save old = c | where recency > 50 (note \"沉睡\", goal \"唤醒\")")
        #expect(first.contains("saved old v1: 5 members (as of 2026-06-30)"))
        SegmentTest.run(session, "segment save old = c | where recency > 80")
        #expect(try SegmentTest.keys(session, "old", 1) == ["6", "7", "8", "9", "10"])
        #expect(try SegmentTest.keys(session, "old") == ["9", "10"])
        let v2 = try #require(try session.segmentStore?.version("old", 2))
        #expect(v2.definition == "c | where recency > 80")
        #expect(v2.note == "沉睡")
        #expect(v2.playbook.goal == "唤醒")
        #expect(v2.createdAt == "2026-06-30T00:00:00Z")
        let list = SegmentTest.run(session, "segments")
        #expect(list.contains("old") && list.contains("│        2 │"))
    }

    @Test func keyAndTierOptionsPickColumns() throws {
        let session = SegmentTest.session()
        SegmentTest.run(session, "segment save t = c | select tier, customer_id (key customer_id, tier tier)")
        let version = try #require(try session.segmentStore?.version("t", nil))
        #expect(version.keyColumn == "customer_id")
        #expect(version.tiers == ["A", "A", "A", "B", "B", "B", "C", "C", "C", "C"])
        let error = SegmentTest.fail(session, "segment save t = c (key customr_id)")
        #expect(error.contains("column \"customr_id\" not found. Did you mean \"customer_id\"?"))
        #expect(error.contains("                        ^^^^^^^^^^"))
    }

    @Test func membershipInExpressions() throws {
        let session = SegmentTest.session()
        SegmentTest.run(session, "segment save old = c | where recency > 70")
        SegmentTest.run(session, "segment save old = c | where recency > 90")
        let table = try session.evaluate(try pipeline("c | where customer_id in @old"))
        #expect(table.rowCount == 1)
        #expect(try session.evaluate(try pipeline("c | where customer_id in @old@v1")).rowCount == 3)
        #expect(try session.evaluate(try pipeline("c | where customer_id not in @old@v1")).rowCount == 7)
        let derived = try session.evaluate(try pipeline("c | derive member = customer_id in @old@v1 | where member")).rowCount
        #expect(derived == 3)
        SegmentTest.run(session, "segment save names = codes | where n > 2")
        #expect(try session.evaluate(try pipeline("codes | where code in @names")).rowCount == 2)
        let mismatch = SegmentTest.fail(session, "codes | where n in @names")
        #expect(mismatch.contains("@names holds string keys; this is an integer"))
        let missing = SegmentTest.fail(session, "c | where customer_id in @olde")
        #expect(missing.contains("segment \"olde\" not found. Did you mean \"old\"?"))
        #expect(missing.contains("^^^^"))
        let noVersion = SegmentTest.fail(session, "c | where customer_id in @old@v7")
        #expect(noVersion.contains("has no version v7 (versions v1 to v2)"))
    }

    @Test func diffCountsBothSides() {
        let session = SegmentTest.session()
        SegmentTest.run(session, "segment save a = c | where recency > 30")
        SegmentTest.run(session, "segment save b = c | where recency < 60")
        let output = SegmentTest.run(session, "segment diff a b")
        #expect(output.contains("│ in both      │       2 │"))
        #expect(output.contains("│ only in a@v1 │       5 │ 6, 7, 8, 9, 10 │"))
        #expect(output.contains("│ only in b@v1 │       3 │ 1, 2, 3        │"))
    }

    @Test func movesBetweenTieredVersions() {
        let session = SegmentTest.session()
        SegmentTest.run(session, "segment save tiers = c (tier tier)")
        SegmentTest.setCustomers(session, ids: Array(2...11), shift: 1)
        SegmentTest.run(session, "segment refresh tiers")
        let output = SegmentTest.run(session, "segment moves tiers v1 v2")
        // v1: A 1-3, B 4-6, C 7-10. v2 (shift): A 2-6, B 7-9, C 10-11; 1 left, 11 entered.
        #expect(output.contains("│ A       │       2 │       0 │       0 │       1 │       3 │"))
        #expect(output.contains("│ B       │       3 │       0 │       0 │       0 │       3 │"))
        #expect(output.contains("│ C       │       0 │       3 │       1 │       0 │       4 │"))
        #expect(output.contains("│ entered │       0 │       0 │       1 │    NULL │       1 │"))
        #expect(output.contains("stayed 3, moved 6, left 1, entered 1"))
    }

    @Test func overridesAreRecordedAndKeptByRefresh() throws {
        let session = SegmentTest.session()
        SegmentTest.run(session, "segment save old = c | where recency > 80")
        let added = SegmentTest.run(session, "segment add old 1, 2 (reason \"经理确认\")")
        #expect(added.contains("old v2: added 2 members by tester (经理确认); 4 members"))
        #expect(!added.contains("warning"), "\(added)")
        SegmentTest.run(session, "segment remove old 10 (reason \"刚续约\")")
        #expect(try SegmentTest.keys(session, "old") == ["1", "2", "9"])
        SegmentTest.setCustomers(session, ids: Array(1...12))
        let refreshed = SegmentTest.run(session, "segment refresh old")
        #expect(refreshed.contains("kept 2 manual overrides"))
        #expect(try SegmentTest.keys(session, "old") == ["1", "2", "9", "11", "12"])
        let shown = SegmentTest.run(session, "segment show old")
        #expect(shown.contains("│ add      │ 1, 2   │ tester │"))
        #expect(shown.contains("刚续约"))
        SegmentTest.run(session, "segment refresh old (drop overrides)")
        #expect(try SegmentTest.keys(session, "old") == ["9", "10", "11", "12"])
        let reasonless = SegmentTest.fail(session, "segment add old 3")
        #expect(reasonless.contains("say why"))
        let badKey = SegmentTest.fail(session, "segment add old \"x\" (reason \"r\")")
        #expect(badKey.contains("expected a whole number"))
    }

    @Test func addingAKeyNoLoadedTableHoldsWarns() throws {
        let session = SegmentTest.session()
        SegmentTest.run(session, "segment save old = c | where recency > 80")
        let typo = SegmentTest.run(session, "segment add old 3, 99999 (reason \"r\")")
        #expect(typo.contains("added 2 members"), "\(typo)")
        #expect(typo.contains("warning: in no loaded table's customer_id (c): 99999 — a typo?"), "\(typo)")
    }

    @Test func refreshAllSavesAllOrNothing() throws {
        let session = SegmentTest.session()
        SegmentTest.run(session, "segment save a = c | where recency > 50")
        _ = session.execute("let tmp = c | where recency > 20")
        SegmentTest.run(session, "segment save b = tmp")
        session.catalog = Catalog()
        SegmentTest.setCustomers(session, ids: Array(1...3))
        let error = SegmentTest.fail(session, "segment refresh all")
        #expect(error.contains("cannot refresh b: table \"tmp\" not found"))
        #expect(error.contains("  tmp\n  ^^^"))
        #expect(try session.segmentStore?.history("a").count == 1)
        #expect(try session.segmentStore?.history("b").count == 1)
    }

    @Test func splitIsStableWhenCustomersAreAdded() throws {
        let session = SegmentTest.session(ids: Array(1...2_000))
        SegmentTest.run(session, "segment save base = c")
        let output = SegmentTest.run(session, "segment split base into wake, hold (10%, seed 42)")
        #expect(output.contains("split base@v1 (2,000 members), seed 42: wake v1"))
        let hold = Set(try SegmentTest.keys(session, "hold"))
        #expect(hold.count > 140 && hold.count < 260)
        SegmentTest.setCustomers(session, ids: Array(1...3_000))
        SegmentTest.run(session, "segment refresh all")
        let holdLater = Set(try SegmentTest.keys(session, "hold"))
        #expect(hold.isSubset(of: holdLater))
        let wakeLater = Set(try SegmentTest.keys(session, "wake"))
        #expect(wakeLater.isDisjoint(with: holdLater))
        #expect(wakeLater.count + holdLater.count == 3_000)
        let wrong = SegmentTest.fail(session, "segment split base into x, y, z (10%)")
        #expect(wrong.contains("give a share for each group after the first"))
    }

    @Test func upliftCountsRepurchasesAfterTheDate() throws {
        let session = SegmentTest.session(ids: Array(1...20))
        var orders = SegmentTableBuilder()
        // Treatment 1…10: 6 buy after 2026-07-01 (one twice, one only before). Control 11…20: 2.
        let buyers = [1, 2, 3, 4, 5, 6, 6, 7, 11, 12]
        let dates: [Int32] = [20_700, 20_701, 20_702, 20_703, 20_704, 20_705, 20_706, 20_600, 20_710, 20_711]
        orders.integers("customer_id", buyers)
        orders.dates("order_date", dates)
        session.catalog.set("orders", orders.table)
        SegmentTest.run(session, "segment save t = c | where customer_id <= 10")
        SegmentTest.run(session, "segment save k = c | where customer_id > 10")
        let output = SegmentTest.run(session, "segment uplift t vs k on orders after 2026-07-01")
        // 2026-07-01 is day 20635: every order but the one of customer 7 is after it.
        #expect(output.contains("│ t      │        10 │       6 │ 60.00% │"))
        #expect(output.contains("│ k      │        10 │       2 │ 20.00% │"))
        #expect(output.contains("difference +40.00 pp"))
        let reference = try Uplift(treatment: .init(size: 10, successes: 6), control: .init(size: 10, successes: 2))
        #expect(output.contains(reference.summary))
    }

    @Test func loadDropRenameAndErrors() throws {
        let session = SegmentTest.session()
        SegmentTest.run(session, "segment save a = c | where recency > 50")
        SegmentTest.run(session, "segment save a = c | where recency > 60")
        SegmentTest.run(session, "let m = segment load a@v1")
        #expect(session.catalog["m"]?.rowCount == 5)
        #expect(session.catalog["m"]?.columnNames == ["customer_id"])
        let renamed = SegmentTest.run(session, "segment rename a to b")
        #expect(renamed.contains("renamed a to b (2 versions)"))
        let dropped = SegmentTest.run(session, "segment drop b")
        #expect(dropped.contains("dropped b: v1, v2 (2 versions)"))
        #expect(SegmentTest.fail(session, "segment show b").contains("segment \"b\" not found"))
        let option = SegmentTest.fail(session, "segment save z = c (nte \"x\")")
        #expect(option.contains("unknown option nte. Did you mean \"note\"?"))
        let dateKey = SegmentTest.fail(session, "segment save z = c | select recency = 1.5")
        #expect(dateKey.contains("segment keys are integers or strings"))
        // A table named segment still works as a table.
        session.catalog.set("segment", session.catalog["c"]!)
        #expect(session.execute("segment | count").succeeded)
    }

    @Test func membersHashSetAgreesWithSet() {
        var random = TestRandom(seed: 7)
        for size in [0, 1, 5, 100, 5_000] {
            var keys = Set<Int64>()
            while keys.count < size { keys.insert(Int64(random.next() % 20_000) - 10_000) }
            if size == 5 { keys.insert(Int64.min) }
            let members = SegmentMembers(label: "@t", keys: .integers(keys.sorted()))
            for probe in -10_500..<10_500 { #expect(members.contains(Int64(probe)) == keys.contains(Int64(probe))) }
            #expect(members.contains(Int64.min) == keys.contains(Int64.min))
            let column = ContiguousArray((-10_500..<10_500).map(Int64.init))
            let flags = try? members.membership(column)
            #expect(flags.map { Array($0) } == column.map { keys.contains($0) })
        }
        // Sparse keys take the hash table.
        var sparse = (0..<3_000).map { _ in Int64(bitPattern: random.next()) }
        sparse.append(0)
        let members = SegmentMembers(label: "@s", keys: .integers(Array(Set(sparse)).sorted()))
        for key in sparse { #expect(members.contains(key)) }
        for _ in 0..<3_000 {
            let probe = Int64(bitPattern: random.next())
            #expect(members.contains(probe) == sparse.contains(probe))
        }
        #expect(!members.contains(1))
    }

    private func pipeline(_ text: String) throws -> Pipeline {
        guard case .show(let pipeline) = try Parser.parse(text) else { throw Diagnostic("not a pipeline") }
        return pipeline
    }
}

@Suite struct SegmentCompletionTests {
    @Test func completesSubcommandsAndNamesAfterAt() {
        let session = SegmentTest.session()
        SegmentTest.run(session, "segment save dormant60 = c | where recency > 60")
        SegmentTest.run(session, "segment save dormant90 = c | where recency > 90")
        let at = Completer.complete(line: "c | where customer_id in @dor", cursor: 29, context: session)
        #expect(at.candidates == ["dormant60", "dormant90"])
        #expect(at.replacementStart == 26)
        #expect(Completer.complete(line: "segment sh", cursor: 10, context: session).candidates == ["show"])
        #expect(Completer.complete(line: "segment show d", cursor: 14, context: session).candidates == ["dormant60", "dormant90"])
        #expect(Completer.complete(line: "segment refresh a", cursor: 17, context: session).candidates.first == "all")
    }
}

@Suite struct SegmentParserTests {
    static func error(_ text: String) -> (message: String, range: Range<Int>?) {
        do {
            _ = try Parser.parse(text)
            return ("parsed", nil)
        } catch {
            guard case .statement(let range) = error.location else { return (error.message, nil) }
            return (error.message, range)
        }
    }

    @Test func statementsParse() throws {
        #expect(try Parser.parse("segments") == .segment(.list))
        guard case .segment(.moves(let from, let to)) = try Parser.parse("segment moves tiers v1 v2") else {
            Issue.record("not moves")
            return
        }
        #expect(from.text == "tiers@v1" && to.text == "tiers@v2")
        guard case .segment(.split(_, let groups, let percents, let seed, _)) = try Parser.parse("segment split d into a, b (10%, seed 7)") else {
            Issue.record("not split")
            return
        }
        #expect(groups.map(\.text) == ["a", "b"] && percents == [10] && seed == 7)
        guard case .segment(.save(_, let pipeline, let options)) = try Parser.parse("segment save t = r | select id, segment (tier segment)") else {
            Issue.record("not save")
            return
        }
        #expect(pipeline.verbs.count == 1 && options.map(\.name.text) == ["tier"])
        // A table named segment is still a table.
        guard case .show = try Parser.parse("segment | count") else {
            Issue.record("not a pipeline")
            return
        }
    }

    @Test func errorsPointAtTheProblem() {
        let missingEquals = SegmentParserTests.error("segment save d60 r | where x > 1")
        #expect(missingEquals.message.contains("expected = after the segment name"))
        #expect(missingEquals.range == 17..<18)
        let version = SegmentParserTests.error("segment show d@x")
        #expect(version.message == "expected a version such as v2" && version.range == 15..<16)
        let reserved = SegmentParserTests.error("segment save all = c")
        #expect(reserved.range == 13..<16)
        let shares = SegmentParserTests.error("segment split d into a, b (100%)")
        #expect(shares.message.contains("between 0 and 100"))
    }
}
