import StrataCore

/// `case` and `coalesce`: each branch is evaluated only on the rows it decides, so
/// `case x == 0 => 0, _ => 100 / x` never divides by zero; the pieces are then scattered into
/// one column (strings re-coded into one dictionary).
extension Frame {
    /// First matching arm wins; a null condition does not match.
    /// - Complexity: O(rows × arms) for the conditions over undecided rows, plus each value's
    ///   cost over its own rows.
    func caseWhen(_ arms: [BoundCaseArm], otherwise: BoundExpr, _ type: DataType, site: Range<Int>?) throws -> Column {
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
        var validity = Bitmap(count: count, value: false)
        for piece in pieces {
            for (index, row) in piece.rows.enumerated() where !piece.column.isNull(piece.source(index)) {
                validity[Int(row)] = true
            }
        }
        let data: ColumnData
        switch type {
        case .int64, .decimal, .timestamp: data = .int64(scatter(pieces, count: count, zero: 0) { $0.data.int64Values })
        case .date: data = .int32(scatter(pieces, count: count, zero: 0) { $0.data.int32Values })
        case .double: data = .double(scatter(pieces, count: count, zero: 0) { $0.data.doubleValues })
        case .bool: data = .bool(scatter(pieces, count: count, zero: false) { $0.data.boolValues })
        case .string:
            var dictionary = StringDictionary()
            var recoded = pieces
            for index in recoded.indices {
                let (codes, own) = recoded[index].column.data.stringCodes
                let translation = own.values.map { dictionary.code(for: $0) }
                let mapped = ContiguousArray(codes.map { Int($0) < translation.count ? translation[Int($0)] : 0 })
                recoded[index].column = Column(type: .int64, data: .int64(ContiguousArray(mapped.lazy.map { Int64($0) })))
            }
            let codes = scatter(recoded, count: count, zero: 0) { $0.data.int64Values }
            data = .string(codes: ContiguousArray(codes.lazy.map { UInt32(truncatingIfNeeded: $0) }), dictionary: dictionary)
        }
        return Column(type: type, data: data, validity: validity)
    }

    @inline(__always)
    func source(_ index: Int) -> Int {
        positions.map { Int($0[index]) } ?? index
    }

    private static func scatter<T>(_ pieces: [Piece], count: Int, zero: T,
                                   _ values: (Column) -> ContiguousArray<T>) -> ContiguousArray<T> {
        var result = ContiguousArray(repeating: zero, count: count)
        result.withUnsafeMutableBufferPointer { out in
            for piece in pieces {
                let source = values(piece.column)
                source.withUnsafeBufferPointer { input in
                    for (index, row) in piece.rows.enumerated() { out[Int(row)] = input[piece.source(index)] }
                }
            }
        }
        return result
    }
}
