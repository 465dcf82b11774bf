import Dispatch
import Synchronization
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// How many worker threads parallel loops use, and the one loop that runs them.
///
/// `STRATA_THREADS` (a positive integer) caps every parallel loop in the process — the CSV
/// loader, k-means and the operators — so a one-thread run is `STRATA_THREADS=1 strata ...`.
/// Without it every online core is used. Read once, on first use.
public enum Parallelism {
    /// The worker count: `STRATA_THREADS` when set to a positive integer, else the core count.
    public static let threads: Int = threads(environment: getenv("STRATA_THREADS").map { String(cString: $0) })

    /// The worker count for a `STRATA_THREADS` value (`nil` or invalid: every core; capped at 256).
    static func threads(environment value: String?) -> Int {
        if let value, let parsed = Int(value.filter { $0 != " " }), parsed > 0 {
            return min(parsed, 256)
        }
        return coreCount
    }

    /// Online cores (at least 1).
    public static var coreCount: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }

    /// Runs `count` independent jobs on at most `threads` workers (default ``threads``).
    ///
    /// Workers pull job indexes from a shared counter, so a slow job does not idle the other
    /// cores; each job must write only its own result slot, so results stay in job order.
    /// - Complexity: the jobs' cost divided over the workers.
    public static func run(count: Int, threads: Int = Parallelism.threads, _ body: (Int) -> Void) {
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
}
