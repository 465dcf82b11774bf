import Dispatch
import Synchronization

/// Runs `count` independent jobs on at most `threads` workers.
///
/// Workers pull job indexes from a shared counter, so a slow chunk does not idle the other
/// core; each job writes only its own result slot, so results stay in job order.
enum CSVParallel {
    static func run(count: Int, threads: Int, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for index in 0..<count { body(index) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { escapable in
            // Each job touches only its own slot; the caller guarantees that.
            nonisolated(unsafe) let work = escapable
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if index >= count { return }
                    work(index)
                }
            }
        }
    }

    /// Runs `body` for every index and returns the results in index order.
    static func map<Result>(count: Int, threads: Int, _ body: (Int) -> Result) -> [Result] {
        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        nonisolated(unsafe) let shared = slots
        run(count: count, threads: threads) { index in shared[index] = body(index) }
        return slots.map { $0! }
    }

    /// The worker count for an options value: `threads`, else every active core.
    static func threadCount(_ requested: Int?) -> Int {
        if let requested { return max(1, min(requested, 256)) }
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
@preconcurrency import Glibc
#endif
