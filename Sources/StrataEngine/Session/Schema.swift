import StrataCore

/// `.schema T` as a table: column, type.
enum Schema {
    static func table(of table: Table) -> Table {
        var names = StringDictionary()
        var types = StringDictionary()
        var nameCodes = ContiguousArray<UInt32>()
        var typeCodes = ContiguousArray<UInt32>()
        for field in table.fields {
            nameCodes.append(names.code(for: field.name))
            typeCodes.append(types.code(for: field.type.description))
        }
        return Table([
            ("column", Column(type: .string, data: .string(codes: nameCodes, dictionary: names))),
            ("type", Column(type: .string, data: .string(codes: typeCodes, dictionary: types))),
        ])
    }
}
