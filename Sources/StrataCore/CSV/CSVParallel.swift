/// The loader's parallel loops, on ``Parallelism``.
enum CSVParallel {
    static func run(count: Int, threads: Int, _ body: (Int) -> Void) {
        Parallelism.run(count: count, threads: threads, body)
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

    /// The worker count for an options value: `threads`, else ``Parallelism/threads``
    /// (`STRATA_THREADS` or every core).
    static func threadCount(_ requested: Int?) -> Int {
        if let requested { return max(1, min(requested, 256)) }
        return Parallelism.threads
    }
}
