/// Phone numbers as typed into a CRM: mostly valid 11-digit mobiles, some blank, some junk.
///
/// Junk values (`13800000000` repeated, `123456789`, `00000000`, `1234567`, `11111111111`)
/// are what brief §8 asks analysts to clean before tiering.
struct PhoneMaker {
    private var random: Xoshiro256
    private static let prefixes: [Int] = [
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159,
        166, 170, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 198, 199,
    ]
    private static let junk: [[UInt8]] = [
        Array("13800000000".utf8), Array("123456789".utf8), Array("00000000".utf8),
        Array("1234567".utf8), Array("11111111111".utf8),
    ]

    init(seed: UInt64) {
        random = Xoshiro256(seed: seed, stream: RandomStream.phones.rawValue)
    }

    /// Writes the next phone number; returns false (writing nothing) when it is blank.
    mutating func writePhone(to output: CSVOutput) -> Bool {
        let roll = random.below(1000)
        switch roll {
        case 0..<70:
            return false
        case 70..<100:
            output.write(Self.junk[0])
        case 100..<120:
            output.write(Self.junk[1])
        case 120..<130:
            output.write(Self.junk[2])
        case 130..<135:
            output.write(Self.junk[3])
        case 135..<140:
            output.write(Self.junk[4])
        default:
            output.write(unsigned: Self.prefixes[random.below(Self.prefixes.count)])
            output.write(unsigned: random.below(100_000_000), width: 8)
        }
        return true
    }
}
