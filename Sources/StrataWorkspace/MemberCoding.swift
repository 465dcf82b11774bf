import Foundation
import StrataEngine

/// Member keys and labels to and from the blobs of `segment_version`.
enum MemberCoding {
    /// Integers as 8 bytes little-endian each; strings as a 4-byte little-endian length and
    /// the UTF-8 bytes each.
    static func encode(_ keys: SegmentKeys) -> Data {
        switch keys {
        case .integers(let values):
            var data = Data(count: values.count * 8)
            data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
                for (index, value) in values.enumerated() {
                    buffer.storeBytes(of: value.littleEndian, toByteOffset: index * 8, as: Int64.self)
                }
            }
            return data
        case .strings(let values):
            return encode(strings: values)
        }
    }

    static func encode(strings: [String]) -> Data {
        var data = Data()
        data.reserveCapacity(strings.reduce(0) { $0 + 4 + $1.utf8.count })
        for string in strings {
            var length = UInt32(string.utf8.count).littleEndian
            withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
            data.append(contentsOf: string.utf8)
        }
        return data
    }

    /// The keys of a blob, checked against the recorded count.
    static func decode(_ data: Data, type: String, count: Int) throws(WorkspaceError) -> SegmentKeys {
        switch type {
        case "integer":
            guard data.count == count * 8 else { throw WorkspaceError.damaged("a version holds \(data.count / 8) of its \(count) members") }
            var values = [Int64](repeating: 0, count: count)
            data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                for index in 0..<count {
                    values[index] = Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: index * 8, as: Int64.self))
                }
            }
            return .integers(values)
        case "string":
            return .strings(try decodeStrings(data, count: count))
        default:
            throw WorkspaceError.damaged("unknown key type \(type)")
        }
    }

    static func decodeStrings(_ data: Data, count: Int) throws(WorkspaceError) -> [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        let bytes = [UInt8](data)
        var offset = 0
        while offset < bytes.count {
            guard offset + 4 <= bytes.count else { throw WorkspaceError.damaged("a member list is cut short") }
            let length = Int(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24)
            offset += 4
            guard offset + length <= bytes.count else { throw WorkspaceError.damaged("a member list is cut short") }
            result.append(String(decoding: bytes[offset..<offset + length], as: UTF8.self))
            offset += length
        }
        guard result.count == count else { throw WorkspaceError.damaged("a version holds \(result.count) of its \(count) members") }
        return result
    }
}
