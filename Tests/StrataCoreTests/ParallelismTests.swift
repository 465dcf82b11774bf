import Testing
@testable import StrataCore

@Suite("Parallelism: STRATA_THREADS and the shared parallel loop")
struct ParallelismTests {
    @Test func environmentValueCapsTheWorkerCount() {
        #expect(Parallelism.threads(environment: "1") == 1)
        #expect(Parallelism.threads(environment: " 3 ") == 3)
        #expect(Parallelism.threads(environment: "100000") == 256)
        for invalid in [nil, "", "0", "-2", "two"] {
            #expect(Parallelism.threads(environment: invalid) == Parallelism.coreCount)
        }
    }

    @Test func everyJobRunsOnceInItsOwnSlot() {
        for threads in [1, 2, 4] {
            var slots = [Int](repeating: 0, count: 1000)
            slots.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let shared = buffer
                Parallelism.run(count: 1000, threads: threads) { shared[$0] += $0 + 1 }
            }
            #expect(slots == Array(1...1000))
        }
    }
}
