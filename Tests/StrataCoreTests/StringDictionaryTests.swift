import Testing
@testable import StrataCore

@Suite("StringDictionary: lazily built index, copy on write, loaded columns")
struct StringDictionaryTests {
    /// Texts are told apart by their bytes, as the loader, grouping and ordering do: NFC `é`
    /// and NFD `e` + U+0301 (equal as Swift `String`s) are two entries, each found exactly.
    @Test func canonicallyEqualTextsInOtherBytesAreDistinct() {
        let composed = "\u{E9}", decomposed = "e\u{301}"
        var built = StringDictionary()
        #expect(built.code(for: decomposed) == 0)
        #expect(built.code(for: composed) == 1)
        #expect(built.code(for: decomposed) == 0 && built.count == 2)
        let loaded = StringDictionary(distinct: [decomposed, "x", composed])
        #expect(loaded.existingCode(for: composed) == 2)
        #expect(loaded.existingCode(for: decomposed) == 0)
        #expect(loaded.existingCode(for: "e") == nil)
    }

    @Test func distinctValuesAreFoundOnFirstLookup() {
        let dictionary = StringDictionary(distinct: ["华东", "华北", "", "Shenzhen", "温州鼎业精密制造有限公司"])
        #expect(dictionary.count == 5)
        #expect(dictionary.existingCode(for: "华北") == 1)
        #expect(dictionary.existingCode(for: "") == 2)
        #expect(dictionary.existingCode(for: "温州鼎业精密制造有限公司") == 4)
        #expect(dictionary.existingCode(for: "华南") == nil)
        #expect(dictionary[3] == "Shenzhen")
    }

    @Test func addingToABulkBuiltDictionaryKeepsCodes() {
        var dictionary = StringDictionary(distinct: ["a", "b"])
        #expect(dictionary.code(for: "b") == 1)
        #expect(dictionary.code(for: "c") == 2)
        #expect(dictionary.code(for: "a") == 0)
        #expect(Array(dictionary.values) == ["a", "b", "c"])
        #expect(dictionary.existingCode(for: "c") == 2)
    }

    @Test func copiesDoNotShareAdditions() {
        var original = StringDictionary(["x", "y"])
        _ = original.existingCode(for: "x")  // builds the shared index
        var copy = original
        #expect(copy.code(for: "z") == 2)
        #expect(original.existingCode(for: "z") == nil)
        #expect(original.count == 2)
        #expect(original.code(for: "w") == 2)
        #expect(copy.existingCode(for: "w") == nil)
        #expect(copy.existingCode(for: "z") == 2)
    }

    @Test func reserveThenAdd() {
        var dictionary = StringDictionary(distinct: ["北京"])
        dictionary.reserveCapacity(100)
        for value in 0..<50 { _ = dictionary.code(for: "v\(value % 10)") }
        #expect(dictionary.count == 11)
        #expect(dictionary.existingCode(for: "北京") == 0)
        #expect(dictionary.existingCode(for: "v9") == 10)
    }

    @Test func concurrentFirstLookupsAgree() async {
        let values = ContiguousArray((0..<20_000).map { "客户\($0)" })
        let dictionary = StringDictionary(distinct: values)
        let found = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    stride(from: task, to: 20_000, by: 8).allSatisfy { dictionary.existingCode(for: "客户\($0)") == UInt32($0) }
                }
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(found)
    }

    /// Many chunks of many distinct Chinese names: the merged dictionary is in first-seen
    /// order, has no duplicates, and finds every value by string.
    @Test func loadedColumnMergesChunksByBytes() throws {
        var lines = ["id,name,phone"]
        for row in 0..<5000 {
            let name = row % 3 == 0 ? "" : "温州第\(row % 1700)号精密制造有限公司"
            lines.append("\(row),\(name),1357\(String(row % 2100 + 1_000_000))")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let reference = try CSVTest.load(text) { $0.threads = 1; $0.chunkSize = 1 << 30 }.table
        for chunkSize in [97, 4096] {
            let table = try CSVTest.load(text) { $0.threads = 2; $0.chunkSize = chunkSize }.table
            for name in ["name", "phone"] {
                guard case .string(let codes, let dictionary)? = table.column(named: name)?.data,
                      case .string(let referenceCodes, let referenceDictionary)? = reference.column(named: name)?.data else {
                    Issue.record("\(name) is not a string column")
                    continue
                }
                #expect(Array(codes) == Array(referenceCodes))
                #expect(Array(dictionary.values) == Array(referenceDictionary.values))
                #expect(Set(dictionary.values).count == dictionary.count)
                for (code, value) in dictionary.values.enumerated() {
                    #expect(dictionary.existingCode(for: value) == UInt32(code))
                }
            }
        }
    }
}

@Suite("StringDictionary over UTF-8 bytes (loaded columns)")
struct StringDictionaryBytesTests {
    static func make(_ texts: [String]) -> StringDictionary {
        var utf8 = ContiguousArray<UInt8>()
        var offsets: ContiguousArray<Int> = [0]
        for text in texts {
            utf8.append(contentsOf: text.utf8)
            offsets.append(utf8.count)
        }
        return StringDictionary(utf8: utf8, offsets: offsets)
    }

    @Test func readsDecodeWithoutMakingEveryString() {
        let dictionary = StringDictionaryBytesTests.make(["华东", "", "温州鼎业精密制造有限公司", "x"])
        #expect(dictionary.count == 4)
        #expect(dictionary[2] == "温州鼎业精密制造有限公司")
        #expect(dictionary[1] == "")
        #expect(Array(dictionary.values) == ["华东", "", "温州鼎业精密制造有限公司", "x"])
        #expect(dictionary[0] == "华东")
        #expect(dictionary.existingCode(for: "x") == 3)
        #expect(dictionary.existingCode(for: "y") == nil)
        #expect(StringDictionaryBytesTests.make([]).count == 0)
        #expect(StringDictionary(utf8: [], offsets: []).values.isEmpty)
    }

    @Test func changesTakeTheirOwnStrings() {
        let original = StringDictionaryBytesTests.make(["a", "北京"])
        var copy = original
        #expect(copy.code(for: "北京") == 1)
        #expect(copy.code(for: "c") == 2)
        #expect(copy[2] == "c")
        #expect(original.count == 2)
        #expect(original.existingCode(for: "c") == nil)
        var reserved = original
        reserved.reserveCapacity(10)
        #expect(reserved.code(for: "a") == 0)
        #expect(Array(reserved.values) == ["a", "北京"])
    }

    @Test func concurrentReadsAgree() async {
        let dictionary = StringDictionaryBytesTests.make((0..<5_000).map { "客户\($0)" })
        let found = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<6 {
                group.addTask {
                    stride(from: task, to: 5_000, by: 6).allSatisfy { code in
                        let text = "客户\(code)"
                        return task % 2 == 0 ? dictionary.values[code] == text && dictionary[UInt32(code)] == text
                                             : dictionary.existingCode(for: text) == UInt32(code)
                    }
                }
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(found)
    }
}
