import StrataCore
import Testing
@testable import StrataEngine

@Suite struct TransitionMatrixTests {
    /// Customers 1–6 before, 1–5 and 7–8 after: 6 left from A, 7 entered into C, 8 into a
    /// label D outside the given order (appended after it).
    static let before: [(Int64, String)] = [(1, "A"), (2, "A"), (3, "B"), (4, "B"), (5, "C"), (6, "A")]
    static let after: [(Int64, String)] = [(1, "A"), (2, "B"), (3, "A"), (4, "B"), (5, "C"), (7, "C"), (8, "D")]

    @Test func countsLeftAndEntered() throws {
        let matrix = try TransitionMatrix(before: TransitionMatrixTests.before, after: TransitionMatrixTests.after, order: ["A", "B", "C"])
        #expect(matrix.labels == ["A", "B", "C", "D"])
        #expect(matrix.counts == [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]])
        #expect(matrix.left == [1, 0, 0, 0])
        #expect(matrix.entered == [0, 0, 1, 1])
        #expect(matrix.stayed == 3 && matrix.moved == 2)
    }

    @Test func tableLayout() throws {
        let matrix = try TransitionMatrix(before: TransitionMatrixTests.before, after: TransitionMatrixTests.after, order: ["A", "B", "C"])
        var options = RenderOptions()
        options.mode = .csv
        #expect(Renderer.render(matrix.table(), options: options) == """
            from,A,B,C,D,left,total
            A,1,1,0,0,1,3
            B,1,1,0,0,0,2
            C,0,0,1,0,0,1
            D,0,0,0,0,0,0
            entered,0,0,1,1,,2
            total,2,2,2,1,1,8

            """)
    }

    @Test func sortedLabelsWithoutAnOrderAndTextKeys() throws {
        let before = Table([
            ("customer", TransitionMatrixTests.text(["c1", "c2", "c3", "c1"])),
            ("tier", TransitionMatrixTests.text(["重要价值", "一般", "total", "重要价值"])),
        ])
        let after = Table([
            ("customer", TransitionMatrixTests.text(["c1", "c2", "c3"])),
            ("tier", TransitionMatrixTests.text(["一般", "一般", "total"])),
        ])
        let matrix = try TransitionMatrix(before: before, after: after, key: "customer", label: "tier")
        #expect(matrix.labels == ["total", "一般", "重要价值"])   // Unicode scalar order
        #expect(matrix.counts == [[1, 0, 0], [0, 1, 0], [0, 1, 0]])
        // A label named like a fixed column gets a suffix.
        #expect(matrix.table().columnNames == ["from", "total_2", "一般", "重要价值", "left", "total"])
    }

    @Test func conflictingLabelsAndMismatchedKeysAreErrors() {
        #expect(throws: Diagnostic("key 1 appears twice in the earlier snapshot, as \"A\" and \"B\"")) {
            try TransitionMatrix(before: [(Int64(1), "A"), (1, "B")], after: [(Int64(1), "A")])
        }
        let ints = Table([("k", Column(type: .int64, data: .int64([1]))), ("t", TransitionMatrixTests.text(["A"]))])
        let texts = Table([("k", TransitionMatrixTests.text(["1"])), ("t", TransitionMatrixTests.text(["A"]))])
        #expect(throws: Diagnostic.self) { try TransitionMatrix(before: ints, after: texts, key: "k", label: "t") }
        #expect(throws: Diagnostic("the earlier snapshot has no column \"tier\".")) {
            try TransitionMatrix(before: ints, after: ints, key: "k", label: "tier")
        }
    }

    static func text(_ values: [String]) -> Column {
        var dictionary = StringDictionary()
        let codes = ContiguousArray(values.map { dictionary.code(for: $0) })
        return Column(type: .string, data: .string(codes: codes, dictionary: dictionary))
    }
}
