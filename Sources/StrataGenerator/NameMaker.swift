/// Customer names: Chinese people and companies, and some Latin ones.
///
/// A few names carry commas or double quotes on purpose (`"Smith, Jones & Partners"`,
/// `Wei "David" Zhang`) so readers must handle RFC 4180 quoting. Every character is in
/// GBK's repertoire (ü and é included), so the messy export can be GBK-encoded.
struct NameMaker {
    private var random: Xoshiro256
    private var scratch: [UInt8] = []

    init(seed: UInt64) {
        random = Xoshiro256(seed: seed, stream: RandomStream.names.rawValue)
        scratch.reserveCapacity(256)
    }

    /// Writes the next customer's name, quoted when needed, as one CSV field.
    mutating func writeName(size: Int, industry: UInt8, to output: CSVOutput) {
        scratch.removeAll(keepingCapacity: true)
        let personShare = [0.55, 0.15, 0.03, 0.0][size]
        let isPerson = random.chance(personShare)
        if random.chance(0.06) {
            if isPerson { latinPerson() } else { latinCompany() }
        } else {
            if isPerson { chinesePerson() } else { chineseCompany(size: size, industry: industry) }
        }
        Self.writeField(scratch, to: output)
    }

    /// Writes `bytes` as a CSV field: quoted, with quotes doubled, when it holds `,` `"` CR or LF.
    static func writeField(_ bytes: [UInt8], to output: CSVOutput) {
        guard bytes.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else {
            output.write(bytes)
            return
        }
        output.write(34)
        for byte in bytes {
            if byte == 34 { output.write(34) }
            output.write(byte)
        }
        output.write(34)
    }

    private mutating func add(_ text: [UInt8]) { scratch.append(contentsOf: text) }
    private mutating func add(_ text: String) { scratch.append(contentsOf: text.utf8) }
    private mutating func add(from list: Vocabulary) { add(list.bytes[list.pick(&random)]) }
    private mutating func add(from list: [[UInt8]]) { add(list[random.below(list.count)]) }

    private mutating func chinesePerson() {
        add(from: NameParts.surnames)
        add(from: NameParts.givenCharacters)
        if random.chance(0.7) { add(from: NameParts.givenCharacters) }
    }

    private mutating func chineseCompany(size: Int, industry: UInt8) {
        let city = NameParts.cities[random.below(NameParts.cities.count)]
        let cityInParentheses = random.chance(0.05)
        if !cityInParentheses && random.chance(0.8) { add(city) }
        let quotedBrand = random.chance(0.01)
        if quotedBrand { scratch.append(34) }
        add(from: NameParts.brandFirst)
        add(from: NameParts.brandSecond)
        if quotedBrand { scratch.append(34) }
        let trades = NameParts.trades[industry == Population.blank ? NameParts.trades.count - 1 : Int(industry)]
        add(from: trades)
        if cityInParentheses {
            add("（")
            add(city)
            add("）")
        }
        if size == 3 {
            add(random.chance(0.7) ? "集团有限公司" : "集团股份有限公司")
        } else {
            add(from: NameParts.companySuffixes)
        }
        if random.chance(0.02) { add(from: NameParts.branches) }
    }

    private mutating func latinPerson() {
        let roll = random.unit()
        if roll < 0.15 {
            // A Chinese name with an English nickname in quotes.
            add(from: NameParts.pinyinGiven)
            add(" \"")
            add(from: NameParts.latinFirst)
            add("\" ")
            add(from: NameParts.pinyinSurnames)
        } else if roll < 0.25 {
            add(from: NameParts.latinLast)
            add(", ")
            add(from: NameParts.latinFirst)
        } else {
            add(from: NameParts.latinFirst)
            scratch.append(32)
            add(from: NameParts.latinLast)
        }
    }

    private mutating func latinCompany() {
        let roll = random.unit()
        if roll < 0.08 {
            add(from: NameParts.latinLast)
            add(", ")
            add(from: NameParts.latinLast)
            add(" & Partners")
            return
        }
        if roll < 0.13 {
            scratch.append(34)
            add(from: NameParts.latinWords)
            scratch.append(34)
        } else {
            add(from: NameParts.latinWords)
        }
        scratch.append(32)
        add(from: NameParts.latinTrades)
        scratch.append(32)
        add(from: NameParts.latinSuffixes)
    }
}
