/// What pass 1 learned about one column: how many non-null values have each shape.
struct CSVColumnStats: Sendable {
    var nonNull = 0
    var integers = 0
    var decimals = 0
    var doubles = 0
    var dates = 0
    var timestamps = 0
    var booleans = 0
    /// Integers like `007` or beyond Int64: identifiers, which keep the column a string.
    var identifiers = 0
    /// Values with a currency sign or thousands separators.
    var money = 0
    var maxFraction = 0

    mutating func merge(_ other: CSVColumnStats) {
        nonNull += other.nonNull
        integers += other.integers
        decimals += other.decimals
        doubles += other.doubles
        dates += other.dates
        timestamps += other.timestamps
        booleans += other.booleans
        identifiers += other.identifiers
        money += other.money
        maxFraction = max(maxFraction, other.maxFraction)
    }

    /// Adds `other` counted `times` times (shapes of one text seen that often).
    mutating func merge(_ other: CSVColumnStats, times: Int) {
        nonNull += other.nonNull * times
        integers += other.integers * times
        decimals += other.decimals * times
        doubles += other.doubles * times
        dates += other.dates * times
        timestamps += other.timestamps * times
        booleans += other.booleans * times
        identifiers += other.identifiers * times
        money += other.money * times
        maxFraction = max(maxFraction, other.maxFraction)
    }

    /// Counts one trimmed, non-null field.
    @inline(__always)
    mutating func classify(_ base: UnsafePointer<UInt8>, _ count: Int, pattern: CSVDatePattern?) {
        nonNull += 1
        if CSVFastPath.integer(base, count) != nil {
            integers += 1
            return
        }
        if let decimal = CSVFastPath.decimal(base, count) {
            if decimal.fractionDigits > DataType.maxDecimalScale {
                doubles += 1
            } else {
                decimals += 1
                if decimal.fractionDigits > maxFraction { maxFraction = decimal.fractionDigits }
            }
            return
        }
        if pattern == nil, let date = CSVFastPath.isoDate(base, count) {
            // An impossible ISO date is still date-shaped: it becomes a bad value of the column.
            _ = date
            dates += 1
            return
        }
        let first = base[0]
        // Numbers and dates start with a digit, sign, dot or currency sign.
        if first &- 48 < 10 || first == 45 || first == 43 || first == 46 || first == 36 || first >= 0xC2 {
            let shape = CSVNumberShape(base, count)
            switch shape.kind {
            case .integer:
                if shape.money {
                    decimals += 1
                    money += 1
                } else if shape.leadingZero || shape.int64 == nil {
                    integers += 1
                    identifiers += 1
                } else {
                    integers += 1
                }
                return
            case .fraction:
                if shape.fractionDigits > DataType.maxDecimalScale {
                    doubles += 1
                } else {
                    decimals += 1
                    maxFraction = max(maxFraction, shape.fractionDigits)
                    if shape.money { money += 1 }
                }
                return
            case .exponent:
                doubles += 1
                return
            case .none:
                break
            }
            if first &- 48 < 10 {
                let value = pattern?.parse(base, count) ?? CSVDateParser.parseDefault(base, count)
                switch value.kind {
                case .date: dates += 1
                case .timestamp: timestamps += 1
                case .none: break
                }
            }
            return
        }
        if CSVFieldText.bool(base, count) != nil { booleans += 1 }
    }

    /// The column type: the first family (numbers, dates, booleans) that at least 99% of the
    /// non-null values have; widest member of the family that occurs; otherwise string.
    func inferredType() -> DataType {
        guard nonNull > 0 else { return .string }
        func qualifies(_ count: Int) -> Bool { count > 0 && count * 100 >= nonNull * 99 }
        if qualifies(integers + decimals + doubles) {
            if identifiers > 0 { return .string }
            if doubles > 0 { return .double }
            if decimals > 0 || money > 0 {
                let scale = money > 0 ? max(2, maxFraction) : maxFraction
                return .decimal(scale: min(scale, DataType.maxDecimalScale))
            }
            return .int64
        }
        if qualifies(dates + timestamps) { return timestamps > 0 ? .timestamp : .date }
        if qualifies(booleans) { return .bool }
        return .string
    }

    /// An override with a decimal scale widened to the fraction digits seen (at most 9).
    func resolved(override type: DataType) -> DataType {
        if case .decimal(let scale) = type {
            return .decimal(scale: min(max(scale, maxFraction), DataType.maxDecimalScale))
        }
        return type
    }
}

/// Header names: trimmed, renamed when empty or duplicate, and the phone-number heuristic.
enum CSVHeader {
    static func names(_ raw: [String]) -> (names: [String], warnings: [String]) {
        var names: [String] = []
        var warnings: [String] = []
        let trimmed = raw.map { trim($0) }
        var used = Set(trimmed.filter { !$0.isEmpty })
        var seen = Set<String>()
        for (index, name) in trimmed.enumerated() {
            if name.isEmpty {
                var candidate = "column\(index + 1)"
                var suffix = 2
                while used.contains(candidate) {
                    candidate = "column\(index + 1)_\(suffix)"
                    suffix += 1
                }
                used.insert(candidate)
                seen.insert(candidate)
                names.append(candidate)
                warnings.append("column \(index + 1) has no name; named it \"\(candidate)\"")
            } else if seen.contains(name) {
                var suffix = 2
                while used.contains("\(name)_\(suffix)") { suffix += 1 }
                let candidate = "\(name)_\(suffix)"
                used.insert(candidate)
                seen.insert(candidate)
                names.append(candidate)
                warnings.append("duplicate column name \"\(name)\" (column \(index + 1)) renamed to \"\(candidate)\"")
            } else {
                seen.insert(name)
                names.append(name)
            }
        }
        return (names, warnings)
    }

    static func trim(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace || first == "\u{FEFF}" { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
