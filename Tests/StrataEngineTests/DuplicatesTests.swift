import StrataCore
import Testing
@testable import StrataEngine

private func strings(_ values: [String?]) -> Column {
    var dictionary = StringDictionary()
    var validity = Bitmap(count: values.count, value: true)
    var codes = ContiguousArray<UInt32>()
    for (row, value) in values.enumerated() {
        if let value { codes.append(dictionary.code(for: value)) } else {
            codes.append(0)
            validity[row] = false
        }
    }
    if dictionary.count == 0 { _ = dictionary.code(for: "") }
    return Column(type: .string, data: .string(codes: codes, dictionary: dictionary), validity: validity)
}

@Suite struct DuplicatesTests {
    @Test func normalisesTextAndPhonesAndGroupsInFirstAppearanceOrder() throws {
        let table = Table([
            ("id", Column(type: .int64, data: .int64([1, 2, 3, 4, 5, 6, 7]))),
            ("name", strings([" Acme  Ltd", "王芳", "acme ltd", "ＡＣＭＥ LTD", "王芳 ", "李伟", nil])),
            ("phone", strings(["138-0013-8000", "+86 138 0013 8000", "13800138000", "", "-", "1", nil])),
        ])
        let byName = try DuplicatesOperator.run(table, keys: [1])
        #expect(byName.column(named: "id").map { (0..<$0.count).map($0.value(at:)) } == [.int(1), .int(3), .int(4), .int(2), .int(5)])
        #expect(byName.column(named: "dup_group").map { (0..<$0.count).map($0.value(at:)) } == [.int(1), .int(1), .int(1), .int(2), .int(2)])
        #expect(byName.column(named: "dup_size").map { (0..<$0.count).map($0.value(at:)) } == [.int(3), .int(3), .int(3), .int(2), .int(2)])
        let byPhone = try DuplicatesOperator.run(table, keys: [2])
        #expect(byPhone.column(named: "id").map { (0..<$0.count).map($0.value(at:)) } == [.int(1), .int(2), .int(3)])
        let byBoth = try DuplicatesOperator.run(table, keys: [1, 2])
        #expect(byBoth.column(named: "id").map { (0..<$0.count).map($0.value(at:)) } == [.int(1), .int(3)])
    }

    @Test func fullWidthDigitsAndLettersReadAsASCII() {
        #expect(KeyNormalization.phoneDigits("＋８６ １３８ ００１３ ８０００") == "13800138000")
        #expect(KeyNormalization.text("　ＡＣＭＥ　 Ｌｔｄ（上海）") == "acme ltd(上海)")
        #expect(FullWidth.ascii("＞") == ">" && FullWidth.ascii("上") == nil && FullWidth.ascii("a") == nil)
    }

    @Test func noDuplicatesGivesAnEmptyTableWithTheColumns() throws {
        let table = Table([("id", Column(type: .int64, data: .int64([1, 2, 3])))])
        let result = try DuplicatesOperator.run(table, keys: [0])
        #expect(result.rowCount == 0)
        #expect(result.columnNames == ["id", "dup_group", "dup_size"])
    }
}
