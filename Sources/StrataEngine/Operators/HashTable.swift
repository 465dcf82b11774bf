/// An open-addressing hash map from `UInt64` keys to non-negative `Int32` values, on raw
/// buffers (TOOLCHAIN.md: ~7 ns per lookup against ~27 for `Dictionary`).
///
/// Linear probing, Fibonacci hashing, load factor at most 1/2; value `-1` marks an empty
/// slot, so every key (including 0) is storable. Noncopyable: it owns its buffers.
struct UInt64HashMap: ~Copyable {
    private var keys: UnsafeMutablePointer<UInt64>
    private var values: UnsafeMutablePointer<Int32>
    private var capacity: Int
    private var shift: UInt64
    /// Number of stored keys.
    private(set) var count: Int

    /// A map sized for about `expected` keys (it grows when needed).
    init(expected: Int) {
        var capacity = 16
        while capacity < expected * 2, capacity < 1 << 40 { capacity <<= 1 }
        self.capacity = capacity
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        keys = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: -1, count: capacity)
        keys.initialize(repeating: 0, count: capacity)
        count = 0
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for `key`, or `-1`.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        let mask = capacity &- 1
        var position = slot(key)
        while true {
            let value = values[position]
            if value < 0 || keys[position] == key { return value }
            position = (position &+ 1) & mask
        }
    }

    /// The value stored for `key`; when absent, stores `newValue` and returns it.
    @inline(__always)
    mutating func findOrInsert(_ key: UInt64, _ newValue: Int32) -> Int32 {
        let mask = capacity &- 1
        var position = slot(key)
        while true {
            let value = values[position]
            if value < 0 {
                keys[position] = key
                values[position] = newValue
                count &+= 1
                if count &* 2 > capacity { grow() }
                return newValue
            }
            if keys[position] == key { return value }
            position = (position &+ 1) & mask
        }
    }

    /// Stores `newValue` for `key` (replacing any previous value).
    @inline(__always)
    mutating func set(_ key: UInt64, _ newValue: Int32) {
        let mask = capacity &- 1
        var position = slot(key)
        while true {
            let value = values[position]
            if value < 0 {
                keys[position] = key
                values[position] = newValue
                count &+= 1
                if count &* 2 > capacity { grow() }
                return
            }
            if keys[position] == key {
                values[position] = newValue
                return
            }
            position = (position &+ 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values, oldCapacity = capacity
        capacity = oldCapacity << 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        keys = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: -1, count: capacity)
        keys.initialize(repeating: 0, count: capacity)
        let mask = capacity &- 1
        for index in 0..<oldCapacity where oldValues[index] >= 0 {
            let key = oldKeys[index]
            var position = slot(key)
            while values[position] >= 0 { position = (position &+ 1) & mask }
            keys[position] = key
            values[position] = oldValues[index]
        }
        oldKeys.deallocate()
        oldValues.deallocate()
    }
}
