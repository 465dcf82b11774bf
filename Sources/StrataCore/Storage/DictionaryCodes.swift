/// The dictionary codes of a string column, one per row, stored in the narrowest width the
/// dictionary allows: `UInt8` up to 256 entries, `UInt16` up to 65,536, `UInt32` beyond (see
/// ``Column/narrowed()``). A 10-value category column of 10M rows takes 10 MB instead of 40.
///
/// Hot loops switch on the width once and run a loop specialised for it (``withCodes(_:)``);
/// the collection interface (codes as `UInt32`) and ``wide`` are for cold paths.
public enum DictionaryCodes: Sendable, RandomAccessCollection {
    case uint8(ContiguousArray<UInt8>)
    case uint16(ContiguousArray<UInt16>)
    case uint32(ContiguousArray<UInt32>)

    @inlinable
    public var count: Int {
        switch self {
        case .uint8(let codes): codes.count
        case .uint16(let codes): codes.count
        case .uint32(let codes): codes.count
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public var indices: Range<Int> { 0..<count }

    /// Bytes one row takes.
    public var elementSize: Int {
        switch self {
        case .uint8: 1
        case .uint16: 2
        case .uint32: 4
        }
    }

    /// The code of `row`. Switches on the width per call: for cold paths (rendering a page,
    /// one value); loops over all rows use ``withCodes(_:)``.
    @inlinable @inline(__always)
    public subscript(row: Int) -> UInt32 {
        switch self {
        case .uint8(let codes): UInt32(codes[row])
        case .uint16(let codes): UInt32(codes[row])
        case .uint32(let codes): codes[row]
        }
    }

    /// The codes as `UInt32`: the buffer itself when wide, a widened copy otherwise.
    /// - Complexity: O(1) when wide, O(count) otherwise.
    public var wide: ContiguousArray<UInt32> {
        switch self {
        case .uint8(let codes): DictionaryCodes.widen(codes)
        case .uint16(let codes): DictionaryCodes.widen(codes)
        case .uint32(let codes): codes
        }
    }

    /// True when stored in fewer than 32 bits per row.
    public var isNarrow: Bool {
        if case .uint32 = self { return false }
        return true
    }

    /// Calls `body` with the codes in their stored width, so that its loop is specialised for
    /// that width (one switch per call, none per row).
    @inlinable @inline(__always)
    public func withCodes<Body: DictionaryCodesBody>(_ body: Body) throws -> Body.Result {
        switch self {
        case .uint8(let codes): try body.run(codes)
        case .uint16(let codes): try body.run(codes)
        case .uint32(let codes): try body.run(codes)
        }
    }

    /// `transform` applied in the stored width (slicing, gathering).
    func map<Transform: DictionaryCodesTransform>(_ transform: Transform) -> DictionaryCodes {
        switch self {
        case .uint8(let codes): .uint8(transform.run(codes))
        case .uint16(let codes): .uint16(transform.run(codes))
        case .uint32(let codes): .uint32(transform.run(codes))
        }
    }

    private static func widen<Code: FixedWidthInteger>(_ codes: ContiguousArray<Code>) -> ContiguousArray<UInt32> {
        ContiguousArray<UInt32>(unsafeUninitializedCapacity: codes.count) { buffer, initialized in
            codes.withUnsafeBufferPointer { source in
                for index in source.indices { buffer[index] = UInt32(truncatingIfNeeded: source[index]) }
            }
            initialized = codes.count
        }
    }
}

/// The type every code width satisfies.
public typealias DictionaryCode = FixedWidthInteger & UnsignedInteger & BitwiseCopyable & Sendable

/// A loop over the codes of a string column, generic over their width (Swift closures cannot
/// be generic): see ``DictionaryCodes/withCodes(_:)``.
public protocol DictionaryCodesBody {
    associatedtype Result
    func run<Code: DictionaryCode>(_ codes: ContiguousArray<Code>) throws -> Result
}

/// A width-preserving rewrite of codes (slicing, gathering).
protocol DictionaryCodesTransform {
    func run<Code: DictionaryCode>(_ codes: ContiguousArray<Code>) -> ContiguousArray<Code>
}

extension DictionaryCodes {
    /// Bytes per code of the narrowest width holding every code below `dictionaryCount`.
    public static func width(forDictionaryCount dictionaryCount: Int) -> Int {
        dictionaryCount <= 1 << 8 ? 1 : dictionaryCount <= 1 << 16 ? 2 : 4
    }

    /// The codes in the narrowest width that holds `dictionaryCount` entries, with null rows
    /// (clear bits of `validity`) stored as 0; the codes themselves when any non-null code does
    /// not fit (never for a valid column) or they are already that narrow.
    /// - Complexity: O(count): one OR pass (vectorises), then one conversion pass.
    public func narrowed(dictionaryCount: Int, validity: Bitmap?) -> DictionaryCodes {
        guard case .uint32(let codes) = self else { return self }
        let width = DictionaryCodes.width(forDictionaryCount: dictionaryCount)
        guard width < 4 else { return self }
        let limit: UInt32 = width == 1 ? 1 << 8 : 1 << 16
        // Every code fits in k bits iff their OR does.
        var bits: UInt32 = 0
        codes.withUnsafeBufferPointer { source in
            if let validity {
                for row in source.indices where validity[row] { bits |= source[row] }
            } else {
                for code in source { bits |= code }
            }
        }
        guard bits < limit else { return self }
        return width == 1 ? .uint8(Self.narrow(codes, validity)) : .uint16(Self.narrow(codes, validity))
    }

    private static func narrow<Code: DictionaryCode>(_ codes: ContiguousArray<UInt32>, _ validity: Bitmap?)
        -> ContiguousArray<Code> {
        ContiguousArray<Code>(unsafeUninitializedCapacity: codes.count) { target, initialized in
            codes.withUnsafeBufferPointer { source in
                if let validity {
                    for row in source.indices {
                        target[row] = validity[row] ? Code(truncatingIfNeeded: source[row]) : 0
                    }
                } else {
                    for row in source.indices { target[row] = Code(truncatingIfNeeded: source[row]) }
                }
            }
            initialized = codes.count
        }
    }
}
