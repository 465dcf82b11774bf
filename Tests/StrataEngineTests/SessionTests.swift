import Foundation
import StrataCore
import Testing
import StrataLang
@testable import StrataEngine

/// A temporary folder with files, removed when the test ends.
final class Scratch {
    let url: URL

    init(_ files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite struct SessionTests {
    static let orders = """
        order_id,customer_id,order_date,amount,category
        1,7,2026-01-05,1234.50,家电
        2,7,2026/2/3,99.99,数码
        3,9,2026年3月1日,-10.00,家电

        """

    @Test func loadShowsASummaryAndTheTableIsQueryable() throws {
        let scratch = try Scratch(["orders.csv": SessionTests.orders])
        let session = Session(workingDirectory: scratch.url.path)
        let load = session.execute(#"load orders from "orders.csv""#)
        #expect(load.succeeded, "\(load.error)")
        #expect(load.output == "orders: 3 rows × 5 columns from orders.csv (UTF-8)\n")
        #expect(session.catalog["orders"]?.fields.map(\.type) == [.int64, .int64, .date, .decimal(scale: 2), .string])
        let limited = session.execute("orders | limit 2")
        #expect(limited.output.contains("1,234.50"))
        #expect(!limited.output.contains("-10.00"))
        #expect(limited.output.hasSuffix("2 rows\n"))
    }

    @Test func aFailedLoadKeepsTheTableThatWasThere() throws {
        let scratch = try Scratch(["orders.csv": SessionTests.orders, "bad.csv": "a,b\n1,2\n3\n"])
        let session = Session(workingDirectory: scratch.url.path)
        _ = session.execute(#"load orders from "orders.csv""#)
        let failed = session.execute(#"load orders from "bad.csv""#)
        #expect(!failed.succeeded)
        #expect(failed.error.hasPrefix("bad.csv:3:"))
        #expect(session.catalog["orders"]?.rowCount == 3)
        #expect(session.catalog["orders"]?.columnCount == 5)
    }

    @Test func loadOptionsAreCheckedWithCarets() throws {
        let session = Session(workingDirectory: "/")
        let unknown = session.execute(#"load t from "x.csv" (encodng gbk)"#)
        #expect(unknown.error.hasPrefix(#"Error: unknown load option "encodng". Did you mean "encoding"?"#))
        #expect(unknown.error.contains("\n                       ^^^^^^^"))
        let badType = session.execute(#"load t from "x.csv" (types (amount money2))"#)
        #expect(badType.error.hasPrefix("Error: expected a type after amount"))
        let badPolicy = session.execute(#"load t from "x.csv" (on_error ignore)"#)
        #expect(badPolicy.error.hasPrefix("Error: on_error takes skip or fail"))
    }

    @Test func typeOverridesAndSkippedRowsReachTheLoader() throws {
        let scratch = try Scratch(["t.csv": "id,amount\n1,10.5\n2,oops\n3,7\n"])
        let session = Session(workingDirectory: scratch.url.path)
        let outcome = session.execute(#"load t from "t.csv" (types (id string, amount decimal), on_error skip)"#)
        #expect(outcome.succeeded, "\(outcome.error)")
        #expect(session.catalog["t"]?.fields.map(\.type) == [.string, .decimal(scale: 2)])
        #expect(session.catalog["t"]?.rowCount == 2)
        #expect(session.catalog["t_rejects"]?.rowCount == 1)
        #expect(outcome.output.contains("kept in t_rejects"))
    }

    @Test func letKeepsAResultAndTablesListsItInOrder() throws {
        let scratch = try Scratch(["orders.csv": SessionTests.orders])
        let session = Session(workingDirectory: scratch.url.path)
        _ = session.execute(#"load orders from "orders.csv""#)
        #expect(session.execute("let first = orders | limit 1").output == "first: 1 row × 5 columns\n")
        #expect(session.execute(".tables").output == "orders  3 rows  5 columns\nfirst    1 row  5 columns\n")
    }

    @Test func dotCommandsChangeSettingsAndReportUsage() {
        let session = Session(workingDirectory: "/")
        #expect(session.execute(".mode csv").succeeded)
        #expect(session.settings.render.mode == .csv)
        #expect(session.execute(".maxrows 7").succeeded)
        #expect(session.settings.render.maxRows == 7)
        #expect(session.execute(".asof 2026-06-30").succeeded)
        #expect(session.execute(".asof").output == "asof 2026-06-30\n")
        #expect(session.execute(".mode xml").error.hasPrefix("Error: Usage: .mode [table|csv|json|markdown]"))
        #expect(session.execute(".tabels").error.hasPrefix(#"Error: unknown command .tabels. Did you mean ".tables"?"#))
        #expect(session.execute(".quit").quit)
        #expect(session.execute(".exit").quit)
        let help = session.execute(".help").output
        for command in DotCommand.all { #expect(help.contains(command.name)) }
        #expect(session.execute(".help mode").output.hasPrefix("Usage: .mode"))
        for topic in HelpTopic.statements + HelpTopic.verbs {
            #expect(help.contains(topic.usage), "\(topic.name)")
            #expect(session.execute(".help \(topic.name)").output == topic.text)
        }
        #expect(session.execute(".help rmf").output.contains(#"Did you mean "rfm"?"#))
    }

    @Test func everyHelpExampleParses() {
        for topic in HelpTopic.statements + HelpTopic.verbs {
            #expect(topic.usage.hasPrefix(topic.name) || topic.usage.contains(" " + topic.name) || topic.name == "let",
                    "\(topic.name): \(topic.usage)")
            do {
                _ = try Parser.parse(topic.example)
            } catch {
                Issue.record("\(topic.name): \(topic.example): \(error)")
            }
        }
    }

    @Test func readRunsAScriptRelativeToItsFolderAndStopsAtTheFirstError() throws {
        let scratch = try Scratch([
            "data/orders.csv": SessionTests.orders,
            "data/setup.strata": "load orders from \"orders.csv\"\n\norders |\n  limit 1\norders | limit x\n.tables\n",
        ])
        let session = Session(workingDirectory: scratch.url.path)
        let outcome = session.execute(".read data/setup.strata")
        #expect(!outcome.succeeded)
        #expect(outcome.output.contains("1 row"))
        #expect(outcome.error.hasPrefix("data/setup.strata:5:16: error: expected the number of rows after limit"))
        #expect(!outcome.output.contains("3 rows  5 columns"))
        #expect(session.workingDirectory == scratch.url.path)
        #expect(session.catalog["orders"] != nil)
    }

    @Test func timerAppendsRunTimeOnlyWhenOn() throws {
        let scratch = try Scratch(["orders.csv": SessionTests.orders])
        let session = Session(workingDirectory: scratch.url.path)
        _ = session.execute(#"load orders from "orders.csv""#)
        #expect(!session.execute("orders | limit 1").output.contains("Run Time"))
        _ = session.execute(".timer on")
        #expect(session.execute("orders | limit 1").output.contains("Run Time: "))
    }

    @Test func pipingModesSendMessagesToStandardErrorAndDataToOutput() throws {
        let scratch = try Scratch(["orders.csv": SessionTests.orders])
        let session = Session(workingDirectory: scratch.url.path)
        _ = session.execute(".mode json")
        let load = session.execute(#"load orders from "orders.csv""#)
        #expect(load.succeeded && load.output.isEmpty)
        #expect(load.error == "orders: 3 rows × 5 columns from orders.csv (UTF-8)\n")
        let data = session.execute("orders | limit 1")
        #expect(data.output.hasPrefix("[\n{\"order_id\":1"))
        #expect(data.error.isEmpty)
    }

    @Test func backtickedTableNamesLoadAndMissingTablesInAssertAreNamed() throws {
        let scratch = try Scratch(["orders.csv": SessionTests.orders, "bad.csv": "a,d\n1,2024-01-01\n2,2024-02-30\n"])
        let session = Session(workingDirectory: scratch.url.path)
        #expect(session.execute(#"load `my orders` from "orders.csv""#).succeeded)
        #expect(session.catalog["my orders"]?.rowCount == 3)
        let assert = session.execute("assert count(my_orders) > 0")
        #expect(assert.error.hasPrefix(#"Error: table "my_orders" not found. Did you mean "my orders"?"#))
        let bad = session.execute(#"load b from "bad.csv""#)
        #expect(bad.error.contains("b_rejects"))
        #expect(session.execute(".asof 2026-02-30").error == #"Error: "2026-02-30" is not a date: .asof takes yyyy-MM-dd, e.g. .asof 2026-06-30"#)
    }
}
