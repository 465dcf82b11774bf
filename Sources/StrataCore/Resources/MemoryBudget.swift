import Foundation

/// How much memory a statement may still take, so a load or a join that cannot fit stops
/// with a clear error before the machine starts swapping or the kernel kills the process.
///
/// The budget is the kernel's `MemAvailable` (free memory plus reclaimable caches), lowered
/// to a cgroup's `memory.max` minus its usage when the process runs in a limited container.
/// `STRATA_MEMORY_LIMIT` (bytes, or with a `K`/`M`/`G` suffix) overrides both — tests use it,
/// and so can a consultant who wants Strata to leave room for a spreadsheet.
public enum MemoryBudget {
    /// Bytes that can still be allocated (at least 64 MiB when nothing can be read).
    public static func available(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let text = environment["STRATA_MEMORY_LIMIT"], let limit = parseSize(text) { return limit }
        var budget = meminfoAvailable() ?? Int(min(ProcessInfo.processInfo.physicalMemory, UInt64(Int.max)))
        if let limit = readNumber("/sys/fs/cgroup/memory.max"), let used = readNumber("/sys/fs/cgroup/memory.current") {
            budget = min(budget, max(0, limit - used))
        }
        return max(budget, 64 << 20)
    }

    /// Throws when `bytes` exceed the budget: "<what> needs about 31.2 GB of memory; 22.0 GB
    /// is available" followed by `advice`.
    public static func check(_ bytes: Int, for what: @autoclosure () -> String, advice: @autoclosure () -> String) throws(Diagnostic) {
        let budget = available()
        guard bytes > budget else { return }
        throw Diagnostic("\(what()) needs about \(format(bytes)) of memory; \(format(budget)) is available. \(advice())")
    }

    /// `1.5 GB`, `512 MB` (decimal units, one decimal place below 10).
    public static func format(_ bytes: Int) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        let value = Double(bytes)
        for (scale, unit) in units where value >= scale {
            let scaled = value / scale
            return scaled < 10 ? String(format: "%.1f %@", scaled, unit) : "\(Int(scaled.rounded())) \(unit)"
        }
        return "\(bytes) bytes"
    }

    /// `"2G"`, `"512M"`, `"1048576"` → bytes; nil when malformed.
    static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let shifts: [Character: Int] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var digits = Substring(trimmed)
        var shift = 0
        if let last = digits.last, let unit = shifts[last] { shift = unit; digits = digits.dropLast() }
        guard let number = Int(digits), number >= 0, number <= Int.max >> shift else { return nil }
        return number << shift
    }

    private static func meminfoAvailable() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
        }
        return nil
    }

    private static func readNumber(_ path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))  // "max" → nil: no limit
    }
}
