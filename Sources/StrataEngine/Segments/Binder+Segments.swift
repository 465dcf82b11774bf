import StrataCore
import StrataLang

extension Binder {
    /// `x [not] in @name` / `@name@v2`: x must have the type of the segment's keys (integer
    /// or string).
    /// - Complexity: O(members) to fetch the set, once per statement.
    func bindInSegment(_ operand: Expr, _ item: Name, negated: Bool, schema: [Field]) throws(Diagnostic) -> BoundExpr {
        guard let reference = SegmentReference.parse(String(item.text.dropFirst()), range: item.range) else {
            throw Diagnostic("expected a segment after @, such as @dormant60 or @dormant60@v2", at: .statement(item.range))
        }
        guard let segmentMembers else {
            throw Diagnostic("segments are not available here", at: .statement(item.range))
        }
        let members = try segmentMembers(reference)
        let value = try bind(operand, schema: schema)
        let fits: Bool
        switch members.keys {
        case .integers: fits = value.type == .int64
        case .strings: fits = value.type == .string
        }
        guard fits else {
            throw Diagnostic("\(item.text) holds \(members.keys.typeName) keys; this is \(TypeRules.article(value.type))",
                             at: .statement(operand.range.lowerBound..<item.range.upperBound))
        }
        return .inSegment(value, members, negated: negated)
    }
}
