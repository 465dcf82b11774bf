import StrataCore

/// Splits keys into groups of given fractions (treatment and control, e.g. `[0.9, 0.1]`) so
/// that a key's group depends only on the key and the seed.
///
/// A key's group is found by hashing it with ``StableHash`` (XXH64 of its 8 little-endian
/// bytes, or of its UTF-8 text, with the seed), taking the top 53 bits of the hash as a
/// number `u` in [0, 1), and choosing the first group whose cumulative fraction exceeds `u`.
/// Adding or removing customers therefore never moves an existing customer to another
/// group, and the same key, seed and fractions give the same group on every machine. Group
/// sizes follow the fractions only statistically (±√(n·p·(1−p)), about 95 customers on
/// 100,000 at 10%).
public struct StableSplit: Sendable, Equatable {
    /// The group fractions, each in (0, 1], summing to 1.
    public let fractions: [Double]
    public let seed: UInt64
    /// `bounds[g]`: `u` below this (and at or above `bounds[g - 1]`) falls in group `g`; in
    /// units of 2^-53.
    private let bounds: [UInt64]

    /// - Throws: ``Diagnostic`` unless there are 2 or more fractions, each in (0, 1), summing
    ///   to 1 (within 1e-9).
    public init(fractions: [Double], seed: UInt64) throws(Diagnostic) {
        guard fractions.count >= 2 else {
            throw Diagnostic("a split needs at least two groups")
        }
        guard fractions.allSatisfy({ $0 > 0 && $0 < 1 && $0.isFinite }) else {
            throw Diagnostic("each group's share must be between 0% and 100%")
        }
        let total = fractions.reduce(0, +)
        guard abs(total - 1) <= 1e-9 else {
            throw Diagnostic("the group shares add up to \(NumberText.double((total * 10_000).rounded() / 100))%, not 100%")
        }
        self.fractions = fractions
        self.seed = seed
        var cumulative = 0.0
        var bounds: [UInt64] = []
        for fraction in fractions.dropLast() {
            cumulative += fraction
            bounds.append(UInt64((cumulative * 0x1p53).rounded(.down)))
        }
        bounds.append(1 << 53)
        self.bounds = bounds
    }

    /// The group (0-based index into ``fractions``) of an integer key.
    @inline(__always)
    public func group(of key: Int64) -> Int {
        group(hash: StableHash.hash(key, seed: seed))
    }

    /// The group of a text key (its UTF-8 bytes, exactly as stored: no trimming or folding).
    public func group(of key: String) -> Int {
        group(hash: StableHash.hash(key, seed: seed))
    }

    @inline(__always)
    func group(hash: UInt64) -> Int {
        let unit = hash >> 11
        var index = 0
        while index < bounds.count - 1, unit >= bounds[index] { index += 1 }
        return index
    }

    /// The group of every row of a key column (`integer` or `string`; nil for other types),
    /// -1 for null keys. Text keys are hashed once per dictionary entry.
    /// - Complexity: O(rows) plus O(dictionary) hashes for text.
    public func groups(of column: Column) -> ContiguousArray<Int32>? {
        var result = ContiguousArray<Int32>(repeating: -1, count: column.count)
        let column = column.widened()  // narrow integer keys read as Int64
        switch (column.type, column.data) {
        case (.int64, .int64(let keys)):
            for row in 0..<keys.count where !column.isNull(row) {
                result[row] = Int32(group(of: keys[row]))
            }
        case (.string, .string(let codes, let dictionary)):
            let byCode = dictionary.values.map { Int32(group(of: $0)) }
            for row in 0..<codes.count where !column.isNull(row) {
                result[row] = byCode[Int(codes[row])]
            }
        default:
            return nil
        }
        return result
    }
}
