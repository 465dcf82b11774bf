import StrataCore

extension Frame {
    func select(_ expr: BoundExpr, within: RowSelection?) throws -> RowSelection { throw Diagnostic("todo") }
    func logicalNot(_ operand: BoundExpr, site: Range<Int>?) throws -> Column { throw Diagnostic("todo") }
    func logical(isAnd: Bool, _ left: BoundExpr, _ right: BoundExpr, site: Range<Int>?) throws -> Column { throw Diagnostic("todo") }
    func isNull(_ operand: BoundExpr, negated: Bool, site: Range<Int>?) throws -> Column { throw Diagnostic("todo") }
    func inList(_ operand: BoundExpr, _ values: [Value], negated: Bool, site: Range<Int>?) throws -> Column { throw Diagnostic("todo") }
    func caseWhen(_ arms: [BoundCaseArm], otherwise: BoundExpr, _ type: DataType, site: Range<Int>?) throws -> Column { throw Diagnostic("todo") }
    func call(_ function: ScalarFunction, _ arguments: [BoundExpr], _ type: DataType, range: Range<Int>) throws -> Column { throw Diagnostic("todo") }
}
