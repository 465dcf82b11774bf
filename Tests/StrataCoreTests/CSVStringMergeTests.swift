import Testing
@testable import StrataCore

@Suite("CSV string columns: merging chunk dictionaries")
struct CSVStringMergeTests {
    /// Chunk dictionaries holding `chunks`' texts, in order.
    static func dictionaries(_ chunks: [[String]]) -> [CSVByteDictionary] {
        chunks.map { texts in
            var dictionary = CSVByteDictionary()
            for text in texts {
                var bytes = Array(text.utf8)
                _ = bytes.withUnsafeMutableBufferPointer { buffer in
                    dictionary.code(UnsafePointer(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!), buffer.count)
                }
            }
            return dictionary
        }
    }

    /// The naive merge of the dictionaries' entries: one dictionary, first-seen order.
    /// (A dictionary that switched to appending holds repeats; each entry gets its text's code.)
    static func reference(_ built: [CSVByteDictionary]) -> (strings: [String], codes: [[UInt32]]) {
        var index: [String: UInt32] = [:]
        var strings: [String] = []
        var codes: [[UInt32]] = []
        for dictionary in built {
            var local: [UInt32] = []
            dictionary.forEachEntry { base, count in
                let text = String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
                if index[text] == nil {
                    index[text] = UInt32(strings.count)
                    strings.append(text)
                }
                local.append(index[text]!)
            }
            codes.append(local)
        }
        return (strings, codes)
    }

    static func check(_ chunks: [[String]]) {
        let built = dictionaries(chunks)
        // Each dictionary holds its chunk's texts in first-seen order (with repeats only
        // after a switch to appending).
        for (chunk, dictionary) in built.enumerated() {
            var entries: [String] = []
            dictionary.forEachEntry { base, count in
                entries.append(String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self))
            }
            var seenEntries = Set<String>()
            var seenTexts = Set<String>()
            #expect(entries.filter { seenEntries.insert($0).inserted } == chunks[chunk].filter { seenTexts.insert($0).inserted })
            if dictionary.distinct { #expect(entries.count == seenEntries.count) }
        }
        let merge = CSVStringMerge(arenas: built.map(\.arena), offsets: built.map(\.offsets),
                                   distinct: built.allSatisfy(\.distinct))
        defer { merge.deallocate() }
        let expected = reference(built)
        let strings = (0..<merge.offsets.count - 1).map { code in
            String(decoding: merge.utf8[merge.offsets[code]..<merge.offsets[code + 1]], as: UTF8.self)
        }
        #expect(strings == expected.strings)
        for (chunk, local) in expected.codes.enumerated() {
            let got = (0..<local.count).map { merge.codes[merge.entryBase[chunk] + $0] }
            #expect(got == local, "chunk \(chunk)")
        }
    }

    @Test func overlappingUniqueAndEmptyChunks() {
        CSVStringMergeTests.check([])
        CSVStringMergeTests.check([[], []])
        CSVStringMergeTests.check([["a", "b", "a"]])
        CSVStringMergeTests.check([["北京", "上海", ""], [], ["上海", "广州", "北京", "x"], ["", "y", "广州"]])
        // Texts of every length around the short-key limits (8, 16 bytes), equal prefixes.
        let texts = (0..<40).map { String(repeating: "客", count: $0 / 3) + String(repeating: "z", count: $0 % 3) }
        CSVStringMergeTests.check([texts, texts.reversed(), texts.shuffledDeterministically(seed: 3)])
    }

    @Test func manyPartitions() {
        // Enough distinct texts for several hash partitions, each chunk half new, half seen.
        var chunks: [[String]] = []
        for chunk in 0..<8 {
            chunks.append((0..<12_000).map { item in
                item % 2 == 0 ? "客户\(chunk * 6_000 + item / 2)" : "客户\((item * 7 + chunk) % 30_000)"
            })
        }
        CSVStringMergeTests.check(chunks)
    }

    @Test func loadedColumnIsIndependentOfChunksAndThreads() throws {
        // Near-unique names, low-cardinality Chinese text, nulls, quoted fields.
        var lines = ["id,name,region,phone"]
        let regions = ["华东", "华北", "West", "华南"]
        for row in 0..<6_000 {
            let name = row % 9 == 0 ? "" : (row % 5 == 0 ? "\"客户 \(row / 3), \"\"甲\"\"\"" : "客户\(row * 7 % 4_001)")
            lines.append("\(row),\(name),\(row % 13 == 0 ? "" : regions[row % 4]),1\(String(13_800_000_000 + row * 31 % 5_003))")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let reference = try CSVTest.load(text) { $0.threads = 1; $0.chunkSize = 1 << 30 }.table
        // First-seen order of a sequential read.
        if case .string(_, let dictionary)? = reference.column(named: "region")?.data {
            #expect(Array(dictionary.values) == ["华北", "West", "华南", "华东"])
        } else {
            Issue.record("region is not a string column")
        }
        let expected = CSVParallelTests.snapshot(reference)
        for threads in [1, 2, 3] {
            for chunkSize in [1, 100, 4_096, 50_000] {
                let table = try CSVTest.load(text) { $0.threads = threads; $0.chunkSize = chunkSize }.table
                #expect(CSVParallelTests.snapshot(table) == expected, "threads \(threads) chunk \(chunkSize)")
                for name in ["name", "region", "phone"] {
                    if case .string(let codes, let dictionary)? = table.column(named: name)?.data {
                        #expect(codes.allSatisfy { Int($0) < max(dictionary.count, 1) })
                    }
                }
            }
        }
    }
}

extension Array {
    /// A fixed permutation (no random source): tests stay deterministic.
    func shuffledDeterministically(seed: Int) -> [Element] {
        var result = self
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        for index in result.indices.reversed() where index > 0 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            result.swapAt(index, Int(state % UInt64(index + 1)))
        }
        return result
    }
}
