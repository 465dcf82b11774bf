import StrataCore
import StrataLang

/// Which names a `whatif` pipeline mentions, so that a parameter the pipeline never uses is
/// refused before anything runs.
enum WhatIfNames {
    /// True when `name` appears as a bare name in any expression of `pipeline` (nested
    /// pipelines included).
    static func pipeline(_ pipeline: Pipeline, uses name: String) -> Bool {
        if case .pipeline(let inner) = pipeline.source, self.pipeline(inner, uses: name) { return true }
        return pipeline.verbs.contains { verb(verb: $0, uses: name) }
    }

    static func verb(verb: Verb, uses name: String) -> Bool {
        switch verb.kind {
        case .filter(let expr):
            return self.expr(expr, uses: name)
        case .derive(let items), .select(let items):
            return items.contains { expr($0.expr, uses: name) }
        case .group(let keys, let aggregates):
            return (keys + aggregates).contains { expr($0.expr, uses: name) }
        case .sort(let keys), .top(_, let keys):
            return keys.contains { expr($0.expr, uses: name) }
        case .join(_, let source, _), .union(let source):
            if case .pipeline(let inner) = source { return pipeline(inner, uses: name) }
            return false
        default:
            return false
        }
    }

    static func expr(_ expr: Expr, uses name: String) -> Bool {
        switch expr {
        case .name(let found): return found.text == name
        case .literal: return false
        case .unary(_, let operand, _), .isNull(let operand, _, _): return self.expr(operand, uses: name)
        case .binary(_, let left, let right, _): return self.expr(left, uses: name) || self.expr(right, uses: name)
        case .call(_, let arguments, _): return arguments.contains { self.expr($0, uses: name) }
        case .inList(let operand, let items, _, _): return ([operand] + items).contains { self.expr($0, uses: name) }
        case .between(let operand, let low, let high, _, _):
            return [operand, low, high].contains { self.expr($0, uses: name) }
        case .caseWhen(let arms, let otherwise, _):
            if let otherwise, self.expr(otherwise, uses: name) { return true }
            return arms.contains { self.expr($0.condition, uses: name) || self.expr($0.value, uses: name) }
        case .pipeline(let inner): return pipeline(inner, uses: name)
        }
    }

    /// The top-level `and` conjuncts of `expr`.
    static func conjuncts(_ expr: Expr) -> [Expr] {
        if case .binary(.and, let left, let right, _) = expr { return conjuncts(left) + conjuncts(right) }
        return [expr]
    }
}
