import StrataCore
import Testing
@testable import StrataEngine

@Suite struct StableSplitTests {
    static func xxh64(_ text: String, seed: UInt64 = 0) -> UInt64 {
        Array(text.utf8).withUnsafeBytes { StableHash.xxh64($0, seed: seed) }
    }

    /// Reference vectors of XXH64 (xxhash.h; the last one from python-xxhash's README covers
    /// the 32-byte stripe loop and every tail length).
    @Test func hashMatchesTheXXH64ReferenceVectors() {
        #expect(StableSplitTests.xxh64("") == 0xEF46_DB37_51D8_E999)
        #expect(StableSplitTests.xxh64("a") == 0xD24E_C4F1_A98C_6E5B)
        #expect(StableSplitTests.xxh64("abc") == 0x44BC_2CF5_AD77_0999)
        #expect(StableSplitTests.xxh64("Hello, World!") == 0xC49A_ACF8_080F_E47F)
        #expect(StableSplitTests.xxh64("Hello, World!", seed: 42) == 0xC2E0_FE28_B251_2846)
        #expect(StableSplitTests.xxh64("Nobody inspects the spammish repetition") == 0xFBCE_A83C_8A37_8BF1)
        #expect(StableHash.hash("abc", seed: 0) == 0x44BC_2CF5_AD77_0999)
    }

    /// The closed form for integers equals XXH64 over the 8 little-endian bytes.
    @Test func integerKeysHashAsTheirLittleEndianBytes() {
        var random = TestRandom(seed: 3)
        for key: Int64 in [0, 1, -1, .min, .max] + (0..<200).map({ _ in Int64(bitPattern: random.next()) }) {
            let seed = random.next()
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: key) >> (8 * UInt64($0))) }
            #expect(StableHash.hash(key, seed: seed) == bytes.withUnsafeBytes { StableHash.xxh64($0, seed: seed) })
        }
        // Computed independently (a Python transcription of xxhash.h).
        #expect(StableHash.hash(1, seed: 42) == 0x9ED5_0FD5_9358_D232)
        #expect(StableHash.hash(-1, seed: 0) == 0x85D1_36AD_B773_C6C9)
    }

    /// Pinned memberships: changing them would reshuffle every saved control group.
    @Test func membershipIsPinned() throws {
        let split = try StableSplit(fractions: [0.9, 0.1], seed: 42)
        let control = (1...40).filter { split.group(of: Int64($0)) == 1 }
        #expect(control == [33, 36])
        #expect(["张三", "李四", "C001", "C002", "王五", "赵六"].map { split.group(of: $0) } == [0, 0, 0, 0, 0, 0])
    }

    @Test func fractionsHoldOnOneHundredThousandKeys() throws {
        let split = try StableSplit(fractions: [0.9, 0.1], seed: 7)
        let keys = ContiguousArray((0..<Int64(100_000)).map { $0 * 7 + 1_000 })
        let groups = try #require(split.groups(of: Column(type: .int64, data: .int64(keys))))
        let control = groups.filter { $0 == 1 }.count
        // σ = √(100000 · 0.1 · 0.9) ≈ 95: ±400 is over 4σ.
        #expect(abs(control - 10_000) < 400, "control \(control)")
        #expect(groups.allSatisfy { $0 == 0 || $0 == 1 })

        let three = try StableSplit(fractions: [0.5, 0.3, 0.2], seed: 7)
        let counts = (0..<Int64(100_000)).reduce(into: [0, 0, 0]) { $0[three.group(of: $1)] += 1 }
        #expect(abs(counts[0] - 50_000) < 700 && abs(counts[1] - 30_000) < 650 && abs(counts[2] - 20_000) < 550, "\(counts)")
    }

    /// Adding 10% more customers (in any order) never moves an existing one.
    @Test func addingKeysDoesNotMoveExistingOnes() throws {
        let split = try StableSplit(fractions: [0.9, 0.1], seed: 42)
        var random = TestRandom(seed: 9)
        let original = (0..<100_000).map { _ in Int64(random.int(1...10_000_000)) }
        let added = (0..<10_000).map { _ in Int64(random.int(10_000_001...20_000_000)) }
        var grown = original + added
        for index in stride(from: grown.count - 1, to: 0, by: -1) { grown.swapAt(index, random.below(index + 1)) }
        let before = try #require(split.groups(of: Column(type: .int64, data: .int64(ContiguousArray(original)))))
        let after = try #require(split.groups(of: Column(type: .int64, data: .int64(ContiguousArray(grown)))))
        var groupOf: [Int64: Int32] = [:]
        for (key, group) in zip(grown, after) { groupOf[key] = group }
        #expect(zip(original, before).allSatisfy { groupOf[$0] == $1 })

        // Text keys: the same through a dictionary column whose codes differ.
        let names = original.prefix(2_000).map { "客户\($0)" }
        let more = names + added.prefix(200).map { "客户\($0)" }
        let textBefore = try #require(split.groups(of: StableSplitTests.textColumn(names)))
        let textAfter = try #require(split.groups(of: StableSplitTests.textColumn(more.reversed())))
        #expect(Array(textBefore) == Array(textAfter.reversed().prefix(names.count)))
    }

    @Test func badFractionsAndKeyTypesAreRefused() {
        #expect(throws: Diagnostic("the group shares add up to 95%, not 100%")) { try StableSplit(fractions: [0.9, 0.05], seed: 1) }
        #expect(throws: Diagnostic("a split needs at least two groups")) { try StableSplit(fractions: [1], seed: 1) }
        #expect(throws: Diagnostic.self) { try StableSplit(fractions: [1.2, -0.2], seed: 1) }
        let split = try? StableSplit(fractions: [0.5, 0.5], seed: 1)
        #expect(split?.groups(of: Column(type: .double, data: .double([1.5]))) == nil)
        var validity = Bitmap(count: 2, value: true)
        validity[1] = false
        #expect(split?.groups(of: Column(type: .int64, data: .int64([5, 6]), validity: validity))?[1] == -1)
    }

    static func textColumn(_ values: [String]) -> Column {
        var dictionary = StringDictionary()
        let codes = ContiguousArray(values.map { dictionary.code(for: $0) })
        return Column(type: .string, data: .string(codes: codes, dictionary: dictionary))
    }
}
