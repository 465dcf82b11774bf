import StrataCore

/// `case` and `coalesce`: each branch is evaluated only on the rows it decides, so
/// `case x == 0 => 0, _ => 100 / x` never divides by zero; the pieces are then scattered into
/// one column (strings re-coded into one dictionary).
extension Frame {
    /// First matching arm wins; a null condition does not match.
    /// - Complexity: O(rows × arms) for the conditions over undecided rows, plus each value's
    ///   cost over its own rows.
    func caseWhen(_ arms: [BoundCaseArm], otherwise: BoundExpr, _ type: DataType, site: Range<Int>?) throws -> Column {
        if arms.allSatisfy({ $0.value.isLiteral }), otherwise.isLiteral {
            return try literalCase(arms, otherwise: otherwise, type, site: site)
        }
        var pieces: [Piece] = []
        var remaining: RowSelection? = nil  // nil: every row is undecided
        for arm in arms {
            if let remaining, remaining.isEmpty { break }
            let matched = try select(arm.condition, within: remaining)
            if !matched.isEmpty {
                let values = try Cast.column(evaluate(arm.value, on: matched, site: site), to: type, site: site)
                pieces.append(Piece(rows: matched, column: values))
            }
            remaining = Selection.complement(matched, in: remaining, count: rowCount)
        }
        if remaining == nil || !(remaining?.isEmpty ?? true) {
            let values = try Cast.column(evaluate(otherwise, on: remaining, site: site), to: type, site: site)
            pieces.append(Piece(rows: remaining ?? Selection.all(rowCount), column: values))
        }
        return try Piece.assemble(pieces, type, count: rowCount)
    }

    /// The common tiering shape, every value a constant (`case … => "A", … , _ => "C"`): the
    /// result is filled with the `otherwise` value, then each arm writes its value on its rows;
    /// no value column is ever broadcast.
    private func literalCase(_ arms: [BoundCaseArm], otherwise: BoundExpr, _ type: DataType,
                             site: Range<Int>?) throws -> Column {
        var matches: [RowSelection] = []
        var remaining: RowSelection? = nil
        for (index, arm) in arms.enumerated() {
            if let remaining, remaining.isEmpty { break }
            let matched = try select(arm.condition, within: remaining)
            matches.append(matched)
            if index < arms.count - 1 { remaining = Selection.complement(matched, in: remaining, count: rowCount) }
        }
        // The constants as one small column: arm values in order, then `otherwise`.
        let values = arms.map(\.value) + [otherwise]
        let choices = try Piece.assemble(try values.enumerated().map { index, value in
            guard case .literal(let constant, let constantType) = value else { throw Diagnostic("internal error: case value is not a constant") }
            let column = try Literal.broadcast(constant, constantType, count: 1, site: site)
            return Piece(rows: [Int32(index)], column: try Cast.column(column, to: type, site: site))
        }, type, count: values.count)
        var validity: Bitmap?
        if let choiceValidity = choices.validity {
            var bitmap = Bitmap(count: rowCount, value: choiceValidity[values.count - 1])
            for (index, matched) in matches.enumerated() {
                for row in matched { bitmap[Int(row)] = choiceValidity[index] }
            }
            validity = bitmap
        }
        let data: ColumnData
        switch choices.data {
        case .int64(let constants): data = .int64(try Self.fill(constants, matches, count: rowCount))
        case .int32(let constants): data = .int32(try Self.fill(constants, matches, count: rowCount))
        case .double(let constants): data = .double(try Self.fill(constants, matches, count: rowCount))
        case .bool(let constants): data = .bool(try Self.fill(constants, matches, count: rowCount))
        case .string(let codes, let dictionary):
            data = .string(codes: try Self.fill(codes.wide, matches, count: rowCount), dictionary: dictionary)
        }
        return Column(type: type, data: data, validity: validity)
    }

    /// `constants.last` everywhere, then `constants[arm]` on each arm's rows.
    private static func fill<T>(_ constants: ContiguousArray<T>, _ matches: [RowSelection], count: Int) throws -> ContiguousArray<T> {
        guard let otherwise = constants.last else { return [] }
        var result = ContiguousArray(repeating: otherwise, count: count)
        try result.withUnsafeMutableBufferPointer { out in
            for (arm, matched) in matches.enumerated() {
                try Cancellation.check()
                let value = constants[arm]
                matched.withUnsafeBufferPointer { rows in
                    for row in rows { out[Int(row)] = value }
                }
            }
        }
        return result
    }

    /// The first non-null argument; each later argument runs only on the rows still null.
    func coalesce(_ arguments: [BoundExpr], _ type: DataType, site: Range<Int>?) throws -> Column {
        var pieces: [Piece] = []
        var remaining: RowSelection? = nil
        for (index, argument) in arguments.enumerated() {
            let column = try Cast.column(evaluate(argument, on: remaining, site: site), to: type, site: site)
            let rows = remaining ?? Selection.all(rowCount)
            guard let validity = column.validity, index < arguments.count - 1 else {
                if pieces.isEmpty, remaining == nil { return column }
                pieces.append(Piece(rows: rows, column: column))
                remaining = []
                break
            }
            var present = RowSelection(), absent = RowSelection()
            for position in 0..<column.count {
                if validity[position] { present.append(Int32(position)) } else { absent.append(Int32(position)) }
            }
            if !present.isEmpty {
                pieces.append(Piece(rows: RowSelection(present.lazy.map { rows[Int($0)] }), column: column, positions: present))
            }
            remaining = RowSelection(absent.lazy.map { rows[Int($0)] })
            if absent.isEmpty { break }
        }
        if let remaining, !remaining.isEmpty {
            pieces.append(Piece(rows: remaining, column: Literal.nullColumn(type, count: remaining.count)))
        }
        return try Piece.assemble(pieces, type, count: rowCount)
    }
}

/// Values for some rows of the result: row `rows[k]` takes `column[positions[k]]` (or
/// `column[k]` without positions).
struct Piece {
    var rows: RowSelection
    var column: Column
    var positions: RowSelection?

    /// One column from pieces that together cover every row once.
    static func assemble(_ pieces: [Piece], _ type: DataType, count: Int) throws -> Column {
        if pieces.count == 1, pieces[0].rows.count == count, pieces[0].positions == nil { return pieces[0].column }
        // Every row is covered by exactly one piece, so only the pieces' nulls need marking.
        var validity: Bitmap?
        if pieces.contains(where: { $0.column.validity != nil }) {
            var bitmap = Bitmap(count: count, value: true)
            for piece in pieces {
                guard let own = piece.column.validity else { continue }
                for (index, row) in piece.rows.enumerated() where !own[piece.source(index)] { bitmap[Int(row)] = false }
            }
            validity = bitmap
        }
        let data: ColumnData
        switch type {
        case .int64, .decimal, .timestamp: data = .int64(try scatter(pieces, pieces.map { $0.column.data.int64Values }, count: count, zero: 0))
        case .date: data = .int32(try scatter(pieces, pieces.map { $0.column.data.int32Values }, count: count, zero: 0))
        case .double: data = .double(try scatter(pieces, pieces.map { $0.column.data.doubleValues }, count: count, zero: 0))
        case .bool: data = .bool(try scatter(pieces, pieces.map { $0.column.data.boolValues }, count: count, zero: false))
        case .string:
            // One dictionary for all pieces: each piece's entries are translated once, then its
            // codes mapped through the translation.
            var dictionary = StringDictionary()
            var recoded: [ContiguousArray<UInt32>] = []
            for piece in pieces {
                let (codes, own) = piece.column.data.stringCodes
                var translation = ContiguousArray<UInt32>(repeating: 0, count: max(own.count, 1))
                for (code, text) in own.values.enumerated() { translation[code] = dictionary.code(for: text) }
                let wideCodes = codes.wide  // a piece holds the rows of one arm: a cold path
                recoded.append(try translation.withUnsafeBufferPointer { lookup in
                    try unaryMap(wideCodes) { (Int($0) < lookup.count ? lookup[Int($0)] : 0, false) }.0
                })
            }
            data = .string(codes: try scatter(pieces, recoded, count: count, zero: 0), dictionary: dictionary)
        }
        return Column(type: type, data: data, validity: validity)
    }

    @inline(__always)
    func source(_ index: Int) -> Int {
        positions.map { Int($0[index]) } ?? index
    }

    /// `values[p]` holds piece `p`'s values; each lands on the piece's rows.
    private static func scatter<T>(_ pieces: [Piece], _ values: [ContiguousArray<T>], count: Int,
                                   zero: T) throws -> ContiguousArray<T> {
        var result = ContiguousArray(repeating: zero, count: count)
        try result.withUnsafeMutableBufferPointer { out in
            for (piece, source) in zip(pieces, values) {
                try Cancellation.check()
                try source.withUnsafeBufferPointer { input in
                    try piece.rows.withUnsafeBufferPointer { rows in
                        if let positions = piece.positions {
                            try positions.withUnsafeBufferPointer { from in
                                for index in 0..<rows.count { out[Int(rows[index])] = input[Int(from[index])] }
                            }
                        } else {
                            for index in 0..<rows.count { out[Int(rows[index])] = input[index] }
                        }
                    }
                }
            }
        }
        return result
    }
}
