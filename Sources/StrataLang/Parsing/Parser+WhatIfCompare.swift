import StrataCore

extension Parser {
    /// `compare P = A [, Q = C] vs P = B [, Q = D] [by COL] [(options)]` or
    /// `movers P = A vs P = B [(options)]`, after the pipeline; `(rows)` turns a compare into
    /// movers. Each parameter gets its two values `[A, B]`.
    mutating func whatIfComparison(_ pipeline: Pipeline, start: Int) throws(Diagnostic) -> WhatIf {
        let keyword = current.word ?? "compare"
        var kind: WhatIfComparison.Kind = keyword == "movers" ? .movers : .compare
        advance()
        let settingsStart = current.range.lowerBound
        let left = try whatIfSettings(keyword)
        guard current.word == "vs" else {
            throw error("expected vs and the second setting: \(keyword) T = 60 vs T = 90")
        }
        advance()
        let right = try whatIfSettings(keyword)
        let settingsRange = settingsStart..<previousEnd
        var parameters: [WhatIfParameter] = []
        for setting in left {
            guard let other = right.first(where: { $0.name.text == setting.name.text }) else {
                throw Diagnostic("\(setting.name.text) is set before vs but not after it: \(keyword) \(setting.name.text) = 60 vs \(setting.name.text) = 90",
                                 at: .statement(setting.name.range))
            }
            parameters.append(WhatIfParameter(name: setting.name, values: [setting.value, other.value],
                                              valuesRange: setting.valueRange.lowerBound..<other.valueRange.upperBound))
        }
        if let extra = right.first(where: { setting in !left.contains { $0.name.text == setting.name.text } }) {
            throw Diagnostic("\(extra.name.text) is set after vs but not before it", at: .statement(extra.name.range))
        }
        var by: Name?
        if current.word == "by" {
            let byStart = current.range.lowerBound
            advance()
            by = try name(what: "a column after by: compare T = 60 vs T = 90 by segment")
            if kind == .movers {
                throw Diagnostic("movers lists the rows themselves; by breaks down the counts of compare: "
                    + "compare T = 60 vs T = 90 by segment", at: .statement(byStart..<previousEnd))
            }
        }
        var options = current.isSymbol("(") ? try optionGroup().items : []
        if let index = options.firstIndex(where: { $0.name.text == "rows" }) {
            let item = options.remove(at: index)
            if item.value != nil || by != nil {
                throw Diagnostic("(rows) lists the moving rows and takes no value nor by: compare T = 60 vs T = 90 (rows)",
                                 at: .statement(item.name.range))
            }
            kind = .movers
        }
        return WhatIf(pipeline: pipeline, parameters: parameters, options: options, range: start..<previousEnd,
                      comparison: WhatIfComparison(kind: kind, by: by, settingsRange: settingsRange))
    }

    /// `P = value [, Q = value]` on one side of `vs`.
    mutating func whatIfSettings(_ keyword: String) throws(Diagnostic)
        -> [(name: Name, value: Literal, valueRange: Range<Int>)] {
        var settings: [(name: Name, value: Literal, valueRange: Range<Int>)] = []
        repeat {
            if !settings.isEmpty { advance() }
            let name = try self.name(what: "a parameter name: \(keyword) T = 60 vs T = 90")
            guard current.isSymbol("=") || current.isSymbol("==") else {
                throw error("expected = and a value after the parameter: \(keyword) \(name.text) = 60 vs \(name.text) = 90")
            }
            advance()
            let valueStart = current.range.lowerBound
            let value = try whatIfListValue()
            if settings.contains(where: { $0.name.text == name.text }) {
                throw Diagnostic("parameter \(name.text) is set twice on one side of vs", at: .statement(name.range))
            }
            settings.append((name, value, valueStart..<previousEnd))
        } while current.isSymbol(",") && peek(1).isIdentifier && (peek(2).isSymbol("=") || peek(2).isSymbol("=="))
        if settings.count > 2 {
            throw Diagnostic("whatif takes one parameter or a grid of two", at: .statement(settings[2].name.range))
        }
        return settings
    }
}
