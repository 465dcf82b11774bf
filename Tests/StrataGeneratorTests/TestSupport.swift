import Foundation
import StrataCore
import StrataGenerator
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Helpers shared by the generator tests: temp directories, generation, a reference CSV parser.
enum TestSupport {
    static let asOf = CivilDate(year: 2026, month: 6, day: 30)

    /// A fresh empty directory under the system temp dir.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("strata-gen-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The files of one generation, read into memory (the temp directory is already removed).
    struct GeneratedSet {
        var files: [String: Data]
    }

    struct MissingFile: Error { let name: String }

    /// Generates a dataset in a temp directory, reads every file, and removes the directory.
    static func generate(
        customers: Int, orders: Int, seed: UInt64 = 42, style: DatasetStyle = .clean
    ) throws -> GeneratedSet {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = GeneratorConfig(
            customers: customers, orders: orders, seed: seed, asOf: asOf, outputDirectory: directory, style: style
        )
        var files: [String: Data] = [:]
        for file in try DatasetGenerator(config: config).run() {
            files[file.name] = try Data(contentsOf: directory.appendingPathComponent(file.name))
        }
        return GeneratedSet(files: files)
    }

    static func bytes(_ set: GeneratedSet, _ name: String) throws -> Data {
        guard let data = set.files[name] else { throw MissingFile(name: name) }
        return data
    }

    static func bytes(_ directory: URL, _ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// Reads a generated UTF-8 CSV file (BOM skipped) into records, header included.
    static func records(_ set: GeneratedSet, _ name: String) throws -> [[String]] {
        var data = try bytes(set, name)
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        return try parseCSV(String(decoding: data, as: UTF8.self))
    }

    struct MalformedCSV: Error { let message: String }

    /// A strict RFC 4180 parser over UTF-8: quoted fields, doubled quotes, LF or CRLF line ends.
    static func parseCSV(_ text: String) throws -> [[String]] {
        let bytes = Array(text.utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var afterQuote = false
        var index = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty, !afterQuote else { throw MalformedCSV(message: "stray quote at byte \(index)") }
                inQuotes = true
            case UInt8(ascii: ","):
                endField()
            case 13:
                guard index < bytes.count && bytes[index] == 10 else { throw MalformedCSV(message: "bare CR") }
            case 10:
                endField()
                records.append(record)
                record = []
            default:
                guard !afterQuote else { throw MalformedCSV(message: "text after closing quote at byte \(index)") }
                field.append(byte)
            }
        }
        guard !inQuotes else { throw MalformedCSV(message: "unterminated quote") }
        guard record.isEmpty && field.isEmpty else { throw MalformedCSV(message: "missing final newline") }
        return records
    }

    struct DecodeFailure: Error { let encoding: String }

    /// Decodes `data` from `encoding` to a String with the C library's iconv.
    static func decode(_ data: Data, from encoding: String) throws -> String {
        guard let converter = iconv_open("UTF-8", encoding), Int(bitPattern: converter) != -1 else {
            throw DecodeFailure(encoding: encoding)
        }
        defer { iconv_close(converter) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inputLeft = input.count
        var outputLeft = output.count
        let result = input.withUnsafeMutableBytes { inputBytes in
            output.withUnsafeMutableBytes { outputBytes in
                var inputPointer = inputBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outputPointer = outputBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard result != -1, inputLeft == 0 else { throw DecodeFailure(encoding: encoding) }
        output.removeLast(outputLeft)
        return String(decoding: output, as: UTF8.self)
    }

    /// `yyyy-MM-dd` of a day since 1970-01-01.
    static func isoText(day: Int) -> String {
        CivilDate(days: Int32(day)).description
    }

    /// Days since 1970-01-01 of a `yyyy-MM-dd` field.
    static func day(_ iso: String) -> Int? {
        CivilDate(iso: iso).map { Int($0.days) }
    }
}
