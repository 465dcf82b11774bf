#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Process-wide allocator tuning for columnar work, to call once at startup.
///
/// glibc serves every allocation above 32 MB (a 10M-row column or selection) with a fresh
/// `mmap`, and returns it with `munmap` when freed, so each new column pays one page fault per
/// 4 KB page: measured ~1.6 ms per MB on this 2-core VM, e.g. 65 ms of a 80 ms selection of
/// 9.5M rows, against 15 ms when the memory is reused. Raising the mmap and trim thresholds
/// keeps large blocks in the heap for reuse.
public enum MemoryTuning {
    /// Keeps large freed blocks for reuse (no-op where glibc's `mallopt` is unavailable).
    /// Returns true when the allocator accepted the settings.
    @discardableResult
    public static func reuseLargeAllocations() -> Bool {
        #if os(Linux)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
        let gigabyte: Int32 = 1 << 30
        let accepted = mallopt(mmapThreshold, gigabyte) == 1 && mallopt(trimThreshold, gigabyte) == 1
        if accepted, ProcessInfo.processInfo.environment["STRATA_HUGEPAGES"] != "0" { adviseHugePagesForHeap() }
        return accepted
        #else
        return false
        #endif
    }

    #if os(Linux)
    /// Transparent huge pages for the heap, where columns live: one page fault per 2 MB instead
    /// of per 4 KB (measured: the 10M-row workload's system time 0.37 → 0.19 s). glibc only
    /// asks for them when started with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`; instead, the
    /// heap's top is extended once by a block that is freed at once (kept, untouched, below the
    /// trim threshold: address space, no memory) and the whole range is advised, so later
    /// allocations carved from it fault in huge pages. Where THP is off, nothing changes;
    /// `STRATA_HUGEPAGES=0` turns it off (to compare).
    private static func adviseHugePagesForHeap() {
        let reserve = 768 << 20
        guard let block = malloc(reserve) else { return }
        free(block)
        let huge = 2 << 20
        let start = (Int(bitPattern: block) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: block) + reserve) & ~(huge - 1)
        guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(address, end - start, 14)  // MADV_HUGEPAGE
    }
    #endif
}
