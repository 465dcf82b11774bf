/// SplitMix64: a tiny 64-bit generator used only to expand a seed into xoshiro state.
///
/// Reference: Steele, Lea, Flood, "Fast splittable pseudorandom number generators" (2014).
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// Creates the sequence that starts after `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// xoshiro256**: the generator behind every random choice of the data generator.
///
/// Never the system generator: the same seed gives the same sequence on every machine,
/// so a dataset is reproducible byte for byte. Each phase of generation draws from its own
/// stream (`init(seed:stream:)`), so adding draws to one phase does not shift the others.
///
/// Reference: Blackman and Vigna, "Scrambled linear pseudorandom number generators" (2018).
public struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Seeds the four state words from SplitMix64 over `seed` mixed with a stream number.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        // The all-zero state is the one state xoshiro cannot leave.
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let shifted = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1]: safe to take the logarithm of.
    @inline(__always)
    public mutating func unitOpenBelow() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-high; bias below 2^-40 for our bounds).
    @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in the closed range `low...high` (returns `low` when `high < low`).
    @inline(__always)
    public mutating func between(_ low: Int, _ high: Int) -> Int {
        high <= low ? low : low + below(high - low + 1)
    }

    /// True with probability `probability`.
    @inline(__always)
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }
}

@inline(__always)
private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
}

/// Stream numbers for the phases of generation; each phase has its own random sequence.
enum RandomStream: UInt64 {
    case customers = 1
    case orders = 2
    case interactions = 3
    case amounts = 4
    case names = 5
    case phones = 6
    case messyFormat = 7
}
