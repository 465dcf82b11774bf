import Testing
@testable import StrataCore

@Suite("CSV string merge: packed texts, long texts, single chunks")
struct CSVMergePartitionsTests {
    @Test func equalBytesAtEveryLengthAndPosition() {
        // Lengths around the word loads (4, 8, 16 bytes) with one byte changed anywhere.
        for count in 1...40 {
            let left = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            left.withUnsafeBytes { one in
                #expect(CSVMergeText.equalBytes(one.baseAddress!, one.baseAddress!, count))
                let copy = Array(left)
                copy.withUnsafeBytes { #expect(CSVMergeText.equalBytes(one.baseAddress!, $0.baseAddress!, count)) }
                for position in 0..<count {
                    var changed = left
                    changed[position] ^= 0x40
                    changed.withUnsafeBytes { other in
                        #expect(!CSVMergeText.equalBytes(one.baseAddress!, other.baseAddress!, count), "\(count) at \(position)")
                    }
                }
            }
        }
    }

    @Test func packedTextsCompareByBytesAndLength() {
        let texts: [[UInt8]] = [Array("温州鼎业精密制造有限公司".utf8), Array("温州鼎业精密制造有限公司".utf8),
                                Array("温州鼎业精密制造有限公".utf8), []]
        let records = texts.enumerated().map { entry, bytes in
            bytes.withUnsafeBufferPointer { buffer in
                // An empty text still has an address (the merge gives it one).
                CSVMergeRecord(hash: 0, entry: UInt32(entry),
                               text: CSVMergeText.pack(buffer.baseAddress ?? UnsafePointer(bitPattern: 16)!, buffer.count))
            }
        }
        let chunk = CSVChunkTexts(arenas: [ContiguousArray(texts.joined())],
                                  offsets: [ContiguousArray(texts.reduce(into: [0]) { $0.append($0.last! + $1.count) })])
        let entryTexts = CSVEntryTexts(chunk)
        defer { entryTexts.deallocate() }
        withExtendedLifetime(texts) {
            #expect(CSVMergeText.same(records[0], records[1], entryTexts))
            #expect(!CSVMergeText.same(records[0], records[2], entryTexts))
            #expect(!CSVMergeText.same(records[2], records[3], entryTexts))
            #expect(CSVMergeText.same(records[3], records[3], entryTexts))
        }
    }

    @Test func longTextsAreComparedThroughTheirEntries() {
        // Texts of 65,535 bytes and more do not fit the packed length: they are compared by
        // entry. Equal long texts in two chunks, and two that differ only in their last byte.
        let long = String(repeating: "客", count: 30_000)  // 90,000 bytes
        let edge = String(repeating: "a", count: 65_535)
        CSVStringMergeTests.check([[long, "x", long + "甲", edge], ["y", long + "乙", edge, long + "甲", long]])
        CSVStringMergeTests.check([[edge + "b"], [edge + "c", edge + "b", edge]])
    }

    @Test func singleChunkKeepsItsTexts() {
        let built = CSVStringMergeTests.dictionaries([["华东", "", "华北", "华东"]])
        let merge = CSVStringMerge(arenas: [ContiguousArray(), built[0].arena, ContiguousArray()],
                                   offsets: [[0], built[0].offsets, []])
        defer { merge.deallocate() }
        #expect(merge.entryBase == [0, 0, 3, 3])
        #expect(Array(merge.offsets) == Array(built[0].offsets))
        #expect(Array(merge.utf8) == Array(built[0].arena))
        #expect((0..<3).map { merge.codes[$0] } == [0, 1, 2])
        CSVStringMergeTests.check([[], ["华东", "", "华北"], []])
    }

    @Test func repeatsAcrossManyChunksAndPartitions() {
        // 40,000 entries (several partitions), most texts seen in several chunks, some empty,
        // short and long ones mixed: first-seen order must match the naive merge.
        var chunks: [[String]] = []
        for chunk in 0..<10 {
            var texts: [String] = []
            var seen = Set<String>()
            for item in 0..<4_000 {
                let key = (item &* 7_919 &+ chunk &* 104_729) % 9_000
                let text = key % 97 == 0 ? "" : (key % 3 == 0 ? "温州鼎业精密制造有限公司\(key)" : "1\(13_800_000_000 + key)")
                if seen.insert(text).inserted { texts.append(text) }
            }
            chunks.append(texts)
        }
        CSVStringMergeTests.check(chunks)
    }
}

@Suite("CSV string merge: texts whose hashes collide")
struct CSVMergeCollisionTests {
    /// Two different texts whose merge hashes agree in their low 32 bits (the probes' key):
    /// the first such pair among "客户0", "客户1", … (a birthday search).
    static let collision: (String, String)? = {
        var seen: [UInt32: Int] = [:]
        for number in 0..<400_000 {
            let bytes = Array("客户\(number)".utf8)
            let hash = bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: CSVMergeText.hash($0.baseAddress!, $0.count)) }
            if let other = seen[hash] { return ("客户\(other)", "客户\(number)") }
            seen[hash] = number
        }
        return nil
    }()

    @Test func collidingTextsStayApart() throws {
        let (one, other) = try #require(CSVMergeCollisionTests.collision)
        #expect(one != other)
        // The second text of the pair is taken for a repeat by the probes and must be told
        // apart by its bytes; repeats of both must still find their own first occurrence.
        CSVStringMergeTests.check([[one], [other, one], ["x", one, other]])
        CSVStringMergeTests.check([[other, "y"], [one], [one, other, "y"]])
    }
}

@Suite("CSV string merge: copying texts")
struct CSVMergeCopyTests {
    @Test func copiesEveryLengthExactly() {
        // Lengths around the word and call limits; the bytes after the copy stay untouched.
        for count in 0...80 {
            let source = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var target = [UInt8](repeating: 0xEE, count: count + 8)
            source.withUnsafeBufferPointer { from in
                target.withUnsafeMutableBufferPointer { to in
                    CSVMergeText.copyBytes(from.baseAddress ?? UnsafePointer(bitPattern: 16)!, to: to.baseAddress!, count: count)
                }
            }
            #expect(Array(target[0..<count]) == source, "\(count)")
            #expect(target[count...].allSatisfy { $0 == 0xEE }, "\(count)")
        }
    }
}
