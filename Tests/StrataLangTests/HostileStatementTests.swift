import StrataCore
import Testing
@testable import StrataLang

/// Statements no person types but a generator or a paste can produce: each is an error at a
/// position, never a crash, and the error stays readable.
@Suite struct HostileStatementTests {
    @Test func nestingPastTheLimitIsAnErrorNotAStackOverflow() {
        let deep = "orders | where " + String(repeating: "(", count: 5_000) + "amount > 1"
            + String(repeating: ")", count: 5_000)
        let message = parseError(deep)
        #expect(message.hasPrefix("Error: expression nested too deeply (more than 400 levels"))
        #expect(!message.contains("no error"))
    }

    @Test func longOperatorChainsAndNestedPipelinesAreLimitedToo() {
        let chain = "orders | derive x = " + String(repeating: "1 + ", count: 20_000) + "1"
        #expect(parseError(chain).contains("nested too deeply"))
        let negations = "orders | where " + String(repeating: "not ", count: 1_000) + "paid"
        #expect(parseError(negations).contains("nested too deeply"))
        let pipelines = String(repeating: "(", count: 1_000) + "orders" + String(repeating: ")", count: 1_000)
        #expect(parseError(pipelines).contains("nested too deeply"))
    }

    @Test func nestingJustUnderTheLimitParses() throws {
        let depth = Parser.maximumDepth - 10
        let nested = "orders | where " + String(repeating: "(", count: depth) + "amount > 1"
            + String(repeating: ")", count: depth)
        #expect(parseError(nested) == "no error")
        let chain = "orders | derive x = " + String(repeating: "1 + ", count: depth) + "1"
        #expect(parseError(chain) == "no error")
    }

    @Test func repeatedMinusSignsFoldIntoTheLiteral() throws {
        let statement = try Parser.parse("orders | derive x = - - 1, y = - - - 2")
        guard case .show(let pipeline) = statement, case .derive(let assignments) = pipeline.verbs.first?.kind else {
            Issue.record("expected a derive, got \(statement)")
            return
        }
        guard case .literal(.number(let x), _) = assignments[0].expr,
              case .literal(.number(let y), _) = assignments[1].expr else {
            Issue.record("expected folded literals")
            return
        }
        #expect(x == "1")
        #expect(y == "-2")
    }

    /// A megabyte statement with a mistake at its end: the message shows the part around
    /// the caret, not a megabyte of text.
    @Test func aHugeStatementShowsOnlyTheTextAroundTheError() {
        let text = "orders | where category == \"" + String(repeating: "x", count: 1_000_000) + "\" | cont"
        let message = parseError(text)
        #expect(message.hasPrefix("Error: unknown verb \"cont\". Did you mean \"count\"?"))
        #expect(message.utf8.count < 400)
        let lines = message.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("  ...x"))
        #expect(lines[1].hasSuffix("| cont"))
        // The caret sits under "cont".
        let caretColumn = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let wordColumn = lines[1].range(of: "cont").map { lines[1].distance(from: lines[1].startIndex, to: $0.lowerBound) }
        #expect(caretColumn != nil && caretColumn == wordColumn)
    }
}
