/// Turns byte offsets into the 1-based physical line and character column that an editor
/// shows. Only used on error paths, so one linear scan per batch of offsets is fine.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, inside quoted fields too. Columns count Unicode
/// scalars (UTF-8 lead bytes) from the start of the line.
enum CSVLocator {
    struct Position: Equatable {
        var line: Int
        var column: Int
    }

    /// Positions of `offsets` (any order) in `text`, whose first line starts at `start`.
    static func positions(of offsets: [Int], in text: UnsafeBufferPointer<UInt8>, start: Int) -> [Position] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = [Position](repeating: Position(line: 1, column: 1), count: offsets.count)
        var line = 1
        var lineStart = start
        var cursor = start
        for index in order {
            let target = min(max(offsets[index], start), text.count)
            while cursor < target {
                let byte = text[cursor]
                if byte == 10 {
                    line += 1
                    lineStart = cursor + 1
                } else if byte == 13, cursor + 1 >= text.count || text[cursor + 1] != 10 {
                    line += 1
                    lineStart = cursor + 1
                }
                cursor += 1
            }
            var column = 1
            var scan = lineStart
            while scan < target {
                if text[scan] & 0xC0 != 0x80 { column += 1 }
                scan += 1
            }
            result[index] = Position(line: line, column: column)
        }
        return result
    }

    static func position(of offset: Int, in text: UnsafeBufferPointer<UInt8>, start: Int) -> Position {
        positions(of: [offset], in: text, start: start)[0]
    }

    /// A value as quoted in messages: control characters escaped, long values cut at 40
    /// characters with `…`.
    static func excerpt(_ bytes: some Collection<UInt8>, limit: Int = 40) -> String {
        let text = String(decoding: bytes.prefix(limit * 4 + 4), as: UTF8.self)
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                result += "…"
                break
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\"": result += "\\\""
            default: result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }
}
