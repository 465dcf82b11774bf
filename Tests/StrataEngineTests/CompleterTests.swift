import Foundation
import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// A session stand-in: two tables (one with Chinese column names) and the fixed words.
private struct FakeContext: CompletionContext {
    var tables: [String: [String]] = [
        "orders": ["order_id", "customer_id", "order_date", "amount", "category"],
        "customers": ["id", "name", "region", "客户名称", "客户等级"],
        "客户": ["编号", "名称"],
    ]
    var tableNames: [String] { Array(tables.keys) }
    func columnNames(of table: String) -> [String] { tables[table] ?? [] }
    var dotCommandNames: [String] { [".help", ".tables", ".schema", ".timer", ".mode", ".quit", ".read"] }
    var keywords: [String] { ["load", "describe", "let", "from", "where", "limit", "order", "types"] }
}

/// A fake file system rooted at `/home/li` with the current directory holding `datasets/`.
private let fakeFiles = FileListing(homeDirectory: "/home/li/") { directory in
    switch directory {
    case ".": return [("datasets", true), ("data.csv", false), (".hidden", false), ("notes.md", false)]
    case "datasets/": return [("demo", true), ("客户导出.csv", false), ("客户名单", true)]
    case "/home/li/Downloads/": return [("客户导出.csv", false), ("orders 2024.csv", false)]
    default: return []
    }
}

/// Completes the line at its end (or at the `‸` marker, which is removed).
private func complete(_ text: String) -> Completion {
    if let marker = text.firstIndex(of: "‸") {
        let line = text.replacingOccurrences(of: "‸", with: "")
        let cursor = text.distance(from: text.startIndex, to: marker)
        return Completer.complete(line: line, cursor: cursor, context: FakeContext(), fileSystem: fakeFiles)
    }
    return Completer.complete(line: text, cursor: text.count, context: FakeContext(), fileSystem: fakeFiles)
}

@Suite struct CompleterTests {
    @Test func dotCommandsAtLineStart() {
        #expect(complete(".t") == Completion(replacementStart: 0, candidates: [".tables", ".timer"]))
        #expect(complete("  .q") == Completion(replacementStart: 2, candidates: [".quit"]))
        #expect(complete(".").candidates.count == 7)
    }

    @Test func schemaTakesATableName() {
        #expect(complete(".schema or") == Completion(replacementStart: 8, candidates: ["orders"]))
        #expect(complete(".schema 客") == Completion(replacementStart: 8, candidates: ["客户"]))
        #expect(complete(".mode cs").candidates.isEmpty)
    }

    @Test func firstWordOffersKeywordsThenTables() {
        #expect(complete("l").candidates == ["let", "limit", "load"])
        #expect(complete("o").candidates == ["order", "orders"])
        #expect(complete("").candidates.first == "describe")
        #expect(complete("c") == Completion(replacementStart: 0, candidates: ["customers"]))
    }

    @Test func verbAfterPipe() {
        #expect(complete("orders | lim") == Completion(replacementStart: 9, candidates: ["limit"]))
        #expect(complete("orders |lim") == Completion(replacementStart: 8, candidates: ["limit"]))
        // A continuation line that starts with a pipe.
        #expect(complete("  | wh") == Completion(replacementStart: 4, candidates: ["where"]))
        // Only verbs: no table named like the prefix.
        #expect(complete("customers | o").candidates == ["order"])
    }

    @Test func columnsOfTheSourceTableFirst() {
        let result = complete("orders | where ord")
        #expect(result == Completion(replacementStart: 15, candidates: ["order_date", "order_id", "orders", "order"]))
        #expect(complete("orders | where amount > 10 | limit 5 | where c").candidates == ["category", "customer_id", "customers"])
        #expect(complete("describe orders | where am").candidates == ["amount"])
        #expect(complete("let big = orders | where cat").candidates == ["category"])
    }

    @Test func chineseNames() {
        #expect(complete("customers | where 客户") == Completion(replacementStart: 18, candidates: ["客户名称", "客户等级", "客户"]))
        #expect(complete("客户 | where 编").candidates == ["编号"])
        #expect(complete("客").candidates == ["客户"])
    }

    @Test func caseSensitivePrefix() {
        #expect(complete("Or").candidates.isEmpty)
        #expect(complete("orders | where AM").candidates.isEmpty)
    }

    @Test func cursorInTheMiddleUsesTextBeforeIt() {
        #expect(complete("orders | li‸ 5") == Completion(replacementStart: 9, candidates: ["limit"]))
        #expect(complete(".ta‸bles") == Completion(replacementStart: 0, candidates: [".tables"]))
    }

    @Test func filePathsInsideQuotes() {
        #expect(complete(#"load x from "da"#) == Completion(replacementStart: 13, candidates: ["data.csv", "datasets/"]))
        #expect(complete(#"load x from ""#).candidates == ["data.csv", "datasets/", "notes.md"])
        #expect(complete(#"load x from "datasets/"#).candidates == ["datasets/demo/", "datasets/客户名单/", "datasets/客户导出.csv"])
        #expect(complete(#"load x from "datasets/客户导"#).candidates == ["datasets/客户导出.csv"])
        #expect(complete(#"load x from ".h"#).candidates == [".hidden"])
    }

    @Test func homeDirectoryExpansionKeepsTheTilde() {
        #expect(complete(#"load x from "~"#) == Completion(replacementStart: 13, candidates: ["~/"]))
        #expect(complete(#"load x from "~/Downloads/"#).candidates == ["~/Downloads/orders 2024.csv", "~/Downloads/客户导出.csv"])
        #expect(PathCompleter.directoryToList("~/Downloads/", home: "/home/li/") == "/home/li/Downloads/")
    }

    @Test func closedQuoteIsNotAPath() {
        #expect(complete(#"load orders from "data.csv" ty"#).candidates == ["types"])
        #expect(complete(#".read "no"#).candidates == ["notes.md"])
    }

    @Test func backtickCompletesIdentifiers() {
        #expect(complete("orders | where `cat") == Completion(replacementStart: 16, candidates: ["category"]))
    }

    @Test func nothingInsideAComment() {
        #expect(complete("orders # lim").candidates.isEmpty)
    }

    @Test func cursorOutOfRangeIsClamped() {
        let result = Completer.complete(line: ".ta", cursor: 99, context: FakeContext(), fileSystem: fakeFiles)
        #expect(result.candidates == [".tables"])
        let none = Completer.complete(line: ".ta", cursor: -4, context: FakeContext(), fileSystem: fakeFiles)
        #expect(none.replacementStart == 0)
    }

    @Test func liveFileSystemListsARealFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-completer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("子目录"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("订单.csv").path, contents: Data())
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = "load x from \"\(folder.path)/"
        let result = Completer.complete(line: line, cursor: line.count, context: FakeContext())
        #expect(result.candidates == ["\(folder.path)/子目录/", "\(folder.path)/订单.csv"])
    }
}

/// The session's word lists: verbs only after `|`, statement words only first, the words
/// inside statements elsewhere.
@Suite struct SessionCompletionWordsTests {
    static func candidates(_ line: String) -> [String] {
        let session = Session(workingDirectory: "/")
        session.catalog.set("orders", Table([("amount", WhatIfTable.column([.int(1)], type: .int64)),
                                             ("deal", WhatIfTable.column([.int(2)], type: .int64))]))
        return Completer.complete(line: line, cursor: line.count, context: session).candidates
    }

    @Test func eachPlaceOffersItsOwnWords() {
        let afterPipe = SessionCompletionWordsTests.candidates("orders | ")
        #expect(Set(afterPipe) == Set(Parser.verbs), "\(afterPipe)")
        #expect(SessionCompletionWordsTests.candidates("orders | sort amount de") == ["deal", "desc"])
        #expect(SessionCompletionWordsTests.candidates("l") == ["let", "load"])
        let inside = SessionCompletionWordsTests.candidates("orders | where amount > 1 a")
        #expect(inside.first == "amount" && inside.contains("and") && !inside.contains("abc") && !inside.contains("assert"),
                "\(inside)")
    }
}
