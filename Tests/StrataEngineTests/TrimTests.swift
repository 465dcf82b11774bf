import StrataCore
import Testing
@testable import StrataEngine

/// `trim(s)`: edge whitespace (full-width spaces included) dropped once per dictionary entry;
/// entries that become equal merge, inner spaces stay, nulls stay null.
@Suite struct TrimTests {
    @Test func trimmedEntriesMergeAndInnerSpacesStay() {
        let texts: [Value] = [.string(" C001"), .string("C001\t"), .string("　C001　"), .string("上海 浦东 "), .null, .string("   ")]
        let table = Table([("k", WhatIfTable.column(texts, type: .string))])
        let outputs = NarrowTest.run([
            "o | derive t = trim(k) | group t agg n = count() | sort t",
            "o | derive t = trim(k) | where t is null | count",
            "o | derive t = trim(k, k)",
        ], tables: [("o", table)], mode: "csv")
        // Sorted: the empty text first, the null row last.
        #expect(outputs[0] == "t,n\n\"\",1\nC001,3\n上海 浦东,1\n,1\n", "\(outputs[0])")
        #expect(outputs[1].contains("1"), "\(outputs[1])")
        #expect(outputs[2].contains("trim takes one argument: trim(text)"), "\(outputs[2])")
    }
}
