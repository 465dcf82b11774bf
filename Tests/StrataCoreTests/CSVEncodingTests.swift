import Testing
@testable import StrataCore

@Suite("CSV encodings: BOM, GBK/GB18030, UTF-16")
struct CSVEncodingTests {
    /// `客户,金额\n张三,¥1,234.50` … in GBK: 客 BFCD 户 BBA7 金 BDF0 额 B6EE 张 D5C5 三 C8FD.
    static let gbkBytes: [UInt8] = [0xBF, 0xCD, 0xBB, 0xA7, 0x2C, 0xBD, 0xF0, 0xB6, 0xEE, 0x0A,
                                    0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0x31, 0x32, 0x2E, 0x35, 0x30, 0x0A]

    @Test func utf8WithAndWithoutBOM() throws {
        let plain = try CSVTest.load("名称\n苹果\n")
        #expect(plain.encoding == "UTF-8")
        let bom = try CSVTest.load(bytes: [0xEF, 0xBB, 0xBF] + Array("名称,n\n苹果,1\n".utf8))
        #expect(bom.encoding == "UTF-8 (BOM)")
        #expect(bom.table.columnNames == ["名称", "n"])
        #expect(bom.byteCount == 3 + "名称,n\n苹果,1\n".utf8.count)
    }

    @Test func gbkDetectedWithChineseHeaders() throws {
        let result = try CSVTest.load(bytes: CSVEncodingTests.gbkBytes)
        #expect(result.encoding == "GB18030")
        #expect(result.table.columnNames == ["客户", "金额"])
        #expect(CSVTest.values(result.table, "客户") == ["张三"])
        #expect(CSVTest.values(result.table, "金额") == ["12.50"])
    }

    @Test func gbkForcedByName() throws {
        for name in ["gbk", "GBK", "gb18030", "gb2312"] {
            let result = try CSVTest.load(bytes: CSVEncodingTests.gbkBytes) { $0.encoding = name }
            #expect(result.table.columnNames == ["客户", "金额"])
        }
        #expect(CSVTest.failure("a\n") { $0.encoding = "latin9" }?.message == "unknown encoding \"latin9\"; use utf8, gbk or gb18030")
    }

    @Test func committedGBKFixture() throws {
        let result = try CSVReader.load(path: CSVTest.fixture("gbk_customers.csv"), displayPath: "gbk_customers.csv")
        #expect(result.encoding == "GB18030")
        #expect(result.table.columnNames == ["客户编号", "姓名", "地区", "消费金额", "注册日期"])
        #expect(CSVTest.values(result.table, "姓名") == ["张三", "李四", "王五"])
        #expect(CSVTest.values(result.table, "地区") == ["广东", "浙江", "广东"])
        #expect(CSVTest.type(result.table, "消费金额") == .decimal(scale: 2))
        #expect(CSVTest.values(result.table, "消费金额") == ["1234.50", "88.00", "-12.30"])
        #expect(CSVTest.values(result.table, "注册日期") == ["2024-01-05", "2023-12-31", "2024-02-29"])
    }

    @Test func gbkConvertedInPiecesGivesTheSameTableAndPositions() throws {
        // 张三 in GBK, one row per line; line 1500 holds a byte GB18030 cannot decode.
        var bytes = Array("id,name\n".utf8)
        for row in 1...2000 {
            bytes += Array("\(row),".utf8) + [0xD5, 0xC5, 0xC8, 0xFD] + [10]
        }
        let whole = try CSVTest.load(bytes: bytes)
        CSVEncoding.gbPieceSize = 64
        defer { CSVEncoding.gbPieceSize = 8 << 20 }
        let pieces = try CSVTest.load(bytes: bytes)
        #expect(pieces.encoding == "GB18030")
        #expect(CSVTest.values(pieces.table, "name") == CSVTest.values(whole.table, "name"))
        #expect(CSVTest.values(pieces.table, "name").last == "张三")
        var broken = bytes
        let lineStart = broken.indices.filter { broken[$0] == 10 }[1499] + 1
        broken[lineStart + 5] = 0xFF
        let diagnostic = CSVTest.failure(bytes: broken)
        #expect(diagnostic?.message.hasPrefix("cannot decode the file as UTF-8 or GB18030: unexpected byte 0xFF") == true)
        #expect(diagnostic?.position == "1501:6")
    }

    @Test func forcedUTF8RejectsGBKWithPosition() {
        let diagnostic = CSVTest.failure(bytes: Array("a,b\n1,".utf8) + [0xD5, 0xC5] + [10]) { $0.encoding = "utf8" }
        #expect(diagnostic?.message == "the file is not valid UTF-8: unexpected byte 0xD5")
        #expect(diagnostic?.position == "2:3")
    }

    @Test func neitherUTF8NorGB18030() {
        let diagnostic = CSVTest.failure(bytes: Array("a,b\n1,x\n2,".utf8) + [0xFF, 0x41] + [10])
        #expect(diagnostic?.message.hasPrefix("cannot decode the file as UTF-8 or GB18030: unexpected byte 0xFF") == true)
        #expect(diagnostic?.position == "3:3")
    }

    @Test func utf16WithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "名称\tn\r\n苹果\t1\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let result = try CSVTest.load(bytes: bytes)
        #expect(result.encoding == "UTF-16LE (BOM)")
        #expect(result.table.columnNames == ["名称", "n"])
        #expect(CSVTest.values(result.table, "名称") == ["苹果"])
    }

    @Test func overlongAndSurrogateAreNotUTF8() {
        // C0 80 is an overlong NUL: not UTF-8, but a two-byte GB18030 character.
        #expect((try? CSVTest.load(bytes: Array("a\n".utf8) + [0xC0, 0x80, 10]))?.encoding == "GB18030")
        // ED A0 80 is a UTF-16 surrogate in UTF-8 form: invalid UTF-8.
        #expect(CSVTest.failure(bytes: Array("a\n".utf8) + [0xED, 0xA0, 0x80, 10]) { $0.encoding = "utf8" }?.position == "2:1")
    }
}

@Suite("CSV UTF-8 validator")
struct CSVUTF8ValidatorTests {
    @Test func everyLengthAroundTheWordLoops() {
        for length in 0...80 {
            let clean = [UInt8](repeating: 65, count: length)
            #expect(CSVUTF8Validator.firstEvent(clean, from: 0, threads: 1) == nil, "length \(length)")
            if length > 0 {
                var withNul = clean
                withNul[length - 1] = 0
                #expect(CSVUTF8Validator.firstEvent(withNul, from: 0, threads: 1) == .nul(length - 1))
                var invalid = clean
                invalid[length - 1] = 0xFF
                #expect(CSVUTF8Validator.firstEvent(invalid, from: 0, threads: 1) == .invalid(length - 1))
            }
        }
        let chinese = Array(String(repeating: "客户a", count: 50).utf8)
        #expect(CSVUTF8Validator.firstEvent(chinese, from: 0, threads: 1) == nil)
        #expect(CSVUTF8Validator.firstEvent(Array(chinese.dropLast(1)) + [0xE5], from: 0, threads: 1) == .invalid(chinese.count - 1))
    }
}
