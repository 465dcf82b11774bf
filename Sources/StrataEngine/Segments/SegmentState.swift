import Foundation
import StrataCore
import StrataLang

/// What the session keeps for named segments: the store (opened on first use), who is
/// working and what time it is (for versions and overrides), and where each table's rows came
/// from (for a version's input fingerprint).
struct SegmentState {
    /// The open store; nil until the first segment statement.
    var store: (any SegmentStore)?
    /// Opens the workspace (installed by the command line); nil gives an in-memory store.
    var opener: (() throws(Diagnostic) -> any SegmentStore)?
    /// Whether the workspace file exists already.
    var storeIsPresent: () -> Bool = { false }
    /// Recorded with overrides (`$USER` by default, else the account's login name).
    var user: String = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
        ?? (NSUserName().isEmpty ? "unknown" : NSUserName())
    /// The clock for creation and override times.
    var now: () -> Date = { Date() }
    /// For each table, the loaded files its rows derive from.
    var origins: [String: [TableOrigin]] = [:]

    /// The store, opening it on first use. A failed open is retried next time.
    mutating func openStore() throws(Diagnostic) -> any SegmentStore {
        if let store { return store }
        let opened = try opener?() ?? InMemorySegmentStore()
        store = opened
        return opened
    }

    /// `2026-07-01T09:30:00Z`
    func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: now())
    }

    /// `load NAME from "path"` succeeded: NAME's rows come from that file.
    mutating func recordLoad(_ table: String, path: String, resolvedPath: String, rows: Int) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolvedPath)
        let bytes = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes?[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
        origins[table] = [TableOrigin(table: table, path: path, resolvedPath: resolvedPath, bytes: bytes,
                                      modified: modified, rows: rows)]
    }

    /// `let NAME = PIPELINE` succeeded: NAME's rows come from the files behind the tables the
    /// pipeline reads.
    mutating func recordDerived(_ table: String, from pipeline: Pipeline) {
        var result: [TableOrigin] = []
        for name in SegmentState.tables(in: pipeline) {
            for origin in origins[name] ?? [] where !result.contains(origin) { result.append(origin) }
        }
        origins[table] = result
    }

    /// The base files behind a pipeline, in the order first read.
    func origins(of pipeline: Pipeline) -> [TableOrigin] {
        var result: [TableOrigin] = []
        for name in SegmentState.tables(in: pipeline) {
            for origin in origins[name] ?? [] where !result.contains(origin) { result.append(origin) }
        }
        return result
    }

    /// Names of the tables a pipeline reads (source, joins, unions, nested pipelines).
    static func tables(in pipeline: Pipeline) -> [String] {
        var names: [String] = []
        func visit(_ source: Source) {
            switch source {
            case .table(let name): if !names.contains(name.text) { names.append(name.text) }
            case .pipeline(let inner): visit(inner)
            }
        }
        func visit(_ pipeline: Pipeline) {
            visit(pipeline.source)
            for verb in pipeline.verbs {
                switch verb.kind {
                case .join(_, let source, _), .union(let source): visit(source)
                default: break
                }
            }
        }
        visit(pipeline)
        return names
    }
}

/// One loaded file behind a table.
struct TableOrigin: Sendable, Equatable {
    var table: String
    var path: String
    var resolvedPath: String
    var bytes: Int64
    var modified: Date
    var rows: Int

    /// Files up to this size get a content hash in the fingerprint (~0.1 s).
    static let hashLimit: Int64 = 64 << 20

    /// The fingerprint as of now: the content hash only when the file is small and unchanged
    /// since it was loaded (otherwise the hash would describe other data than was loaded).
    func fingerprint() -> SourceFingerprint {
        var hash: String?
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolvedPath)
        let bytesNow = (attributes?[.size] as? NSNumber)?.int64Value
        let modifiedNow = attributes?[.modificationDate] as? Date
        if bytes <= TableOrigin.hashLimit, bytesNow == bytes, modifiedNow == modified,
           let data = FileManager.default.contents(atPath: resolvedPath) {
            hash = TableOrigin.fnv1a(data)
        }
        return SourceFingerprint(table: table, path: path, bytes: bytes, rows: rows, contentHash: hash)
    }

    /// FNV-1a, 64 bits, as 16 hex digits.
    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
