import Testing
import StrataEngine
@testable import StrataNotebook

@Suite struct AssertTests {
    func session() throws -> (Session, Folder) {
        let folder = try Folder(["orders.csv": Fixture.orders])
        let session = Session(workingDirectory: folder.path)
        #expect(session.execute(#"load orders from "orders.csv""#).succeeded)
        return (session, folder)
    }

    @Test func holdingAssertsPrintNothing() throws {
        let (session, _) = try session()
        for statement in [
            "assert count(orders) == 4",
            "assert count(orders | where amount > 100) between 2 and 2",
            "assert share(orders | where category == \"家电\") == 0.5",
            "assert sum(orders | where amount > 0, amount) == 1834.49",
            "assert min(orders, amount) < 0 and max(orders, amount) == 1234.50",
            "assert avg(orders | where customer_id == 7, amount) > 600",
            "assert count_distinct(orders, customer_id) == 3",
            "assert 1 + 1 == 2",
        ] {
            let outcome = session.execute(statement)
            #expect(outcome.succeeded, "\(statement): \(outcome.error)")
            #expect(outcome.output.isEmpty)
        }
    }

    @Test func aFailedAssertNamesTheExpressionAndItsValue() throws {
        let (session, _) = try session()
        let between = session.execute(#"assert count(orders | where category == "家电") between 100 and 200"#)
        #expect(!between.succeeded)
        #expect(between.error.hasPrefix(#"Error: assert failed: count(orders | where category == "家电") = 2, expected between 100 and 200"#))
        #expect(between.error.contains("^^^"))
        let compare = session.execute("assert sum(orders, amount) < sum(orders | where amount > 1000, amount)")
        #expect(compare.error.hasPrefix("Error: assert failed: sum(orders, amount) = 1,824.49, expected < sum(orders | where amount > 1000, amount) (= 1,234.50)"))
        let logic = session.execute("assert count(orders) > 10 or share(orders | where amount < 0) > 0.5")
        #expect(logic.error.hasPrefix("Error: assert failed: count(orders) > 10 or share(orders | where amount < 0) > 0.5 (count(orders) = 4, share(orders | where amount < 0) = 0.25)"))
    }

    @Test func assertPositionsAreInTheNotebookFile() throws {
        let (session, _) = try session()
        let outcome = session.execute("\nassert count(orders) < 1", file: "nb.md", line: 9)
        #expect(outcome.error.hasPrefix("nb.md:10:8: error: assert failed: count(orders) = 4, expected < 1"))
    }

    @Test func mistakesInAssertsAreErrorsNotCrashes() throws {
        let (session, _) = try session()
        #expect(session.execute("assert count(orders)").error.contains("assert needs a condition"))
        #expect(session.execute("assert orders > 1").error.contains("orders is a table"))
        #expect(session.execute("assert sum(orders | where amount > 0)").error.contains("sum takes a pipeline and a column"))
        #expect(session.execute("assert sum(orders, amout) > 0").error.contains(#"Did you mean "amount""#))
        #expect(session.execute("assert count(ordrs | limit 1) > 0").error.contains(#"table "ordrs" not found"#))
        #expect(session.execute("assert count(orders | where amount > 5000) > 0 and 1 == 1").error.contains("assert failed"))
    }
}
