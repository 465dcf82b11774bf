import StrataCore
import StrataLang

/// `join` and `union`: verbs that read a second source.
extension Binder {
    /// `[left] join SOURCE on k1, k2`: each key exists on both sides with the same type
    /// (integer, string or date). A right column whose name the left side already has comes
    /// out as `name_right` (unique names, see ``JoinOperator/outputFields(left:right:rightKeys:)``).
    func bindJoin(_ kind: JoinKind, _ source: Source, on keys: [Name], input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        var right = try bind(source)
        let leftSchema = input.schema
        let rightSchema = right.schema
        var leftKeys: [Int] = []
        var rightKeys: [Int] = []
        for key in keys {
            let leftIndex = try columnIndex(key, in: leftSchema)
            let rightIndex = try columnIndex(key, in: rightSchema, side: " in the joined table")
            let leftType = leftSchema[leftIndex].type
            let rightType = rightSchema[rightIndex].type
            guard leftType == rightType else {
                var notes: [String] = []
                if leftType.isNumeric, rightType.isNumeric {
                    notes = ["hint: load both with the same type, e.g. (types (\(key.text) integer))"]
                }
                throw Diagnostic("join key \"\(key.text)\" is \(TypeRules.article(leftType)) here but "
                    + "\(TypeRules.article(rightType)) in the joined table", at: .statement(key.range), notes: notes)
            }
            guard leftType == .int64 || leftType == .string || leftType == .date else {
                throw Diagnostic("join keys must be integers, strings or dates; \"\(key.text)\" is "
                    + TypeRules.article(leftType), at: .statement(key.range))
            }
            leftKeys.append(leftIndex)
            rightKeys.append(rightIndex)
        }

        // The join names a right column that clashes with a left one `NAME_right`; when that
        // name is taken too, rename on the right side first so output names stay unique.
        let joined = JoinOperator.outputFields(left: leftSchema, right: rightSchema, rightKeys: rightKeys)
        if Set(joined.map(\.name)).count != joined.count {
            var taken = Set(leftSchema.map(\.name))
            var columns = Binder.identity(rightSchema)
            for index in columns.indices where !rightKeys.contains(index) {
                var name = columns[index].name
                while taken.contains(name) { name += "_right" }
                columns[index].name = name
                taken.insert(name)
            }
            right = .project(right, columns)
        }
        return .join(input, right, leftKeys: leftKeys, rightKeys: rightKeys, kind: kind)
    }

    /// `union SOURCE`: the same column names in the same order; numeric columns of different
    /// types are widened (with a project) on the side that needs it.
    func bindUnion(_ source: Source, input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        let other = try bind(source)
        let first = input.schema
        let second = other.schema
        let at = SourceLocation.statement(source.range)
        for index in 0..<max(first.count, second.count) {
            guard index < first.count else {
                throw Diagnostic("union: the other table has an extra column \"\(second[index].name)\"", at: at)
            }
            guard index < second.count else {
                throw Diagnostic("union: the other table has no column \"\(first[index].name)\"", at: at)
            }
            guard first[index].name == second[index].name else {
                throw Diagnostic("union needs the same columns in the same order: column \(index + 1) is "
                    + "\"\(first[index].name)\" here but \"\(second[index].name)\" in the other table", at: at)
            }
        }
        var firstColumns = Binder.identity(first)
        var secondColumns = Binder.identity(second)
        var widenFirst = false
        var widenSecond = false
        for index in first.indices where first[index].type != second[index].type {
            guard let common = TypeRules.commonNumeric(first[index].type, second[index].type) else {
                throw Diagnostic("union: column \"\(first[index].name)\" is \(TypeRules.article(first[index].type)) "
                    + "here but \(TypeRules.article(second[index].type)) in the other table", at: at)
            }
            if first[index].type != common {
                firstColumns[index].expr = TypeRules.cast(firstColumns[index].expr, to: common)
                widenFirst = true
            }
            if second[index].type != common {
                secondColumns[index].expr = TypeRules.cast(secondColumns[index].expr, to: common)
                widenSecond = true
            }
        }
        return .union(widenFirst ? .project(input, firstColumns) : input,
                      widenSecond ? .project(other, secondColumns) : other)
    }
}
