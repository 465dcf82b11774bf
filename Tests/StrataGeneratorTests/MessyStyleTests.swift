import Foundation
import Testing
import StrataGenerator

/// The messy style is the clean data spelled like a Chinese Windows export.
@Suite("Messy style")
struct MessyStyleTests {
    static let nullTokens: Set<String> = ["", "NULL", "-", "N/A"]

    struct Pair {
        var clean: TestSupport.GeneratedSet
        var messy: TestSupport.GeneratedSet
    }

    static func generatePair() throws -> Pair {
        Pair(
            clean: try TestSupport.generate(customers: 400, orders: 3_000, seed: 5),
            messy: try TestSupport.generate(customers: 400, orders: 3_000, seed: 5, style: .messy)
        )
    }

    static func decodedRecords(_ directory: TestSupport.GeneratedSet, _ name: String, encoding: String) throws -> [[String]] {
        try TestSupport.parseCSV(TestSupport.decode(try TestSupport.bytes(directory, name), from: encoding))
    }

    /// `2024/1/5` or `2024年1月5日` back to `2024-01-05`.
    static func iso(_ text: String) -> String {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).map { Int($0)! }
        guard numbers.count == 3 else { return "?" + text }
        return String(format: "%04d-%02d-%02d", numbers[0], numbers[1], numbers[2])
    }

    @Test("Customers decode from GB18030 and GBK, and hold the clean rows")
    func customers() throws {
        let pair = try Self.generatePair()
        let clean = try TestSupport.records(pair.clean, "customers.csv")
        let messy = try Self.decodedRecords(pair.messy, "customers_gbk.csv", encoding: "GB18030")
        let asGBK = try Self.decodedRecords(pair.messy, "customers_gbk.csv", encoding: "GBK")
        #expect(messy == asGBK)
        #expect(messy[0] == ["客户编号", "客户名称", "区域", "渠道", "行业", "规模", "注册日期", "阶段", "电话", "最近联系日期"])
        #expect(messy.count == clean.count)
        var tokensSeen = Set<String>()
        for (cleanRow, messyRow) in zip(clean, messy).dropFirst() {
            #expect(messyRow.count == 10)
            for column in [0, 1, 2, 3, 5, 7] { #expect(messyRow[column] == cleanRow[column]) }
            #expect(Self.iso(messyRow[6]) == cleanRow[6])
            #expect(messyRow[6].contains("/"))
            for column in [4, 8, 9] where cleanRow[column].isEmpty {
                #expect(Self.nullTokens.contains(messyRow[column]))
                tokensSeen.insert(messyRow[column])
            }
            if !cleanRow[9].isEmpty {
                #expect(messyRow[9].hasSuffix("日"))
                #expect(Self.iso(messyRow[9]) == cleanRow[9])
            }
            if !cleanRow[8].isEmpty { #expect(messyRow[8] == cleanRow[8]) }
        }
        #expect(tokensSeen == Self.nullTokens)
    }

    @Test("The UTF-8 BOM variant is the same table as the GBK file")
    func bomVariant() throws {
        let pair = try Self.generatePair()
        let bom = try TestSupport.bytes(pair.messy, "customers_utf8bom.csv")
        #expect(bom.starts(with: [0xEF, 0xBB, 0xBF]))
        let gbk = try TestSupport.decode(try TestSupport.bytes(pair.messy, "customers_gbk.csv"), from: "GB18030")
        #expect(String(decoding: bom.dropFirst(3), as: UTF8.self) == gbk)
    }

    @Test("Orders decode from GB18030 with ¥ amounts that equal the clean ones")
    func orders() throws {
        let pair = try Self.generatePair()
        let clean = try TestSupport.records(pair.clean, "orders.csv")
        let raw = try TestSupport.bytes(pair.messy, "orders_gb18030.csv")
        // ¥ (U+00A5) is a four-byte GB18030 code with no GBK equivalent.
        #expect(throws: (any Error).self) { try TestSupport.decode(raw, from: "GBK") }
        let messy = try TestSupport.parseCSV(TestSupport.decode(raw, from: "GB18030"))
        #expect(messy[0] == ["订单号", "客户编号", "下单日期", "金额", "品类"])
        #expect(messy.count == clean.count)
        var sawGrouping = false
        for (cleanRow, messyRow) in zip(clean, messy).dropFirst() {
            #expect(messyRow[0] == cleanRow[0] && messyRow[1] == cleanRow[1] && messyRow[4] == cleanRow[4])
            #expect(Self.iso(messyRow[2]) == cleanRow[2])
            let amount = messyRow[3]
            #expect(amount.hasPrefix("¥"))
            sawGrouping = sawGrouping || amount.contains(",")
            let plain = amount.replacingOccurrences(of: "¥", with: "").replacingOccurrences(of: ",", with: "")
            #expect(plain == cleanRow[3])
        }
        #expect(sawGrouping)
    }

    @Test("Interactions decode from GBK; every messy file uses CRLF line ends")
    func interactionsAndLineEnds() throws {
        let pair = try Self.generatePair()
        let clean = try TestSupport.records(pair.clean, "interactions.csv")
        let messy = try Self.decodedRecords(pair.messy, "interactions_gbk.csv", encoding: "GBK")
        #expect(messy[0] == ["客户编号", "日期", "方式"])
        #expect(messy.count == clean.count)
        for (cleanRow, messyRow) in zip(clean, messy).dropFirst() {
            #expect(messyRow[0] == cleanRow[0] && messyRow[2] == cleanRow[2])
            #expect(Self.iso(messyRow[1]) == cleanRow[1])
        }
        for name in ["customers_gbk.csv", "customers_utf8bom.csv", "orders_gb18030.csv", "interactions_gbk.csv"] {
            let bytes = [UInt8](try TestSupport.bytes(pair.messy, name))
            let lineFeeds = bytes.indices.filter { bytes[$0] == 10 }
            #expect(!lineFeeds.isEmpty)
            #expect(lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 13 }, "\(name) has a bare LF")
        }
    }
}
