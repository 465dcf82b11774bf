import Testing
@testable import StrataCore

/// Chunk dictionaries of near-unique columns switch to appending texts without a lookup;
/// the column's merge then finds the repeats, so loaded dictionaries stay distinct and in
/// first-seen order.
@Suite("CSV dictionaries that append")
struct CSVAppendModeTests {
    @Test func aDictionaryOfNewTextsStopsLookingUp() {
        var dictionary = CSVByteDictionary()
        func code(_ text: String) -> UInt32 {
            let bytes = Array(text.utf8) + [0]
            return bytes.withUnsafeBufferPointer { dictionary.code($0.baseAddress!, bytes.count - 1) }
        }
        for index in 0..<10_000 { #expect(code("客户名称\(index)") == UInt32(index)) }
        #expect(dictionary.appendsOnly && !dictionary.distinct)
        // A repeat is a new entry now; its bytes are kept as given.
        #expect(code("客户名称3") == 10_000)
        #expect(Array(dictionary.bytes(10_000)) == Array("客户名称3".utf8))

        var repeating = CSVByteDictionary()
        for index in 0..<10_000 {
            let bytes = Array("t\(index % 3000)".utf8) + [0]
            _ = bytes.withUnsafeBufferPointer { repeating.code($0.baseAddress!, bytes.count - 1) }
        }
        #expect(repeating.distinct && repeating.count == 3000)
    }

    /// Names unique at first, then repeating earlier ones; one chunk or many, one thread or
    /// two, and the general path: the same table, with one entry per distinct name.
    @Test func repeatsAfterTheSwitchAreMerged() throws {
        var text = "id,name,city\n"
        var names: [String] = []
        for row in 0..<30_000 {
            let name = row > 12_000 && row % 5 == 0 ? "公司\(row / 7)" : "公司\(row)"
            names.append(name)
            text += "\(row),\(name),城\(row % 4)\n"
        }
        let firstSeen = names.reduce(into: [String]()) { seen, name in
            if seen.last != name, !seen.contains(name) { seen.append(name) }
        }
        let reference = try CSVTest.load(text) { $0.speculate = false; $0.threads = 1; $0.chunkSize = 1 << 22 }.table
        for (threads, chunkSize) in [(1, 1 << 22), (2, 1 << 22), (1, 50_000), (2, 50_000), (2, 7_000)] {
            let table = try CSVTest.load(text) { $0.threads = threads; $0.chunkSize = chunkSize }.table
            #expect(CSVTest.values(table, "name") == names, "threads \(threads) chunk \(chunkSize)")
            guard case .string(_, let dictionary)? = table.column(named: "name")?.data else {
                Issue.record("name is not a string column")
                continue
            }
            #expect(Array(dictionary.values) == firstSeen, "threads \(threads) chunk \(chunkSize)")
            #expect(CSVParallelTests.snapshot(table) == CSVParallelTests.snapshot(reference))
        }
    }
}
