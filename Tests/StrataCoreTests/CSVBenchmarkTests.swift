import Testing
@testable import StrataCore
#if canImport(Glibc)
import Glibc
#endif

/// Load throughput on a generated orders file. Off by default; run in release with
/// `STRATA_CSV_BENCH_ROWS=10000000 swift test -c release -Xswiftc -enable-testing --filter CSVBenchmark`.
@Suite("CSVBenchmark")
struct CSVBenchmarkTests {
    static var rows: Int? {
        guard let text = getenv("STRATA_CSV_BENCH_ROWS") else { return nil }
        return Int(String(cString: text))
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// `order_id,customer_id,order_date,amount,category` with a deterministic generator.
    static func orders(rows: Int) -> [UInt8] {
        let categories = ["办公用品", "电子产品", "家具", "服装", "食品", "图书", "Software", "Services"]
        var bytes = Array("order_id,customer_id,order_date,amount,category\n".utf8)
        bytes.reserveCapacity(rows * 44)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        func append(_ value: Int, width: Int = 0) {
            var digits: [UInt8] = []
            var rest = value
            repeat {
                digits.append(UInt8(48 + rest % 10))
                rest /= 10
            } while rest > 0
            while digits.count < width { digits.append(48) }
            bytes.append(contentsOf: digits.reversed())
        }
        for row in 0..<rows {
            let random = next()
            append(row + 1)
            bytes.append(44)
            append(Int(random % 1_000_000) + 1)
            bytes.append(44)
            let day = Int(random >> 20 % 1096)
            let date = CivilDate(days: Int32(19_000 + day))
            append(date.year)
            bytes.append(45)
            append(date.month, width: 2)
            bytes.append(45)
            append(date.day, width: 2)
            bytes.append(44)
            append(Int(random >> 32 % 500_000))
            bytes.append(46)
            append(Int(random >> 40 % 100), width: 2)
            bytes.append(44)
            bytes.append(contentsOf: categories[Int(random >> 50) % categories.count].utf8)
            bytes.append(10)
        }
        return bytes
    }

    @Test(.enabled(if: CSVBenchmarkTests.rows != nil)) func loadThroughput() throws {
        let bytes = CSVBenchmarkTests.orders(rows: CSVBenchmarkTests.rows ?? 0)
        let megabytes = Double(bytes.count) / 1_000_000
        print("CSV bench: \(bytes.count / 1_000_000) MB, \(CSVBenchmarkTests.rows ?? 0) rows")
        for threads in [1, 2] {
            var best = Double.infinity
            var bestCPU = Double.infinity
            for _ in 0..<3 {
                let cpuStart = CSVBenchmarkTests.cpuSeconds()
                let clock = ContinuousClock()
                let start = clock.now
                let result = try CSVTest.load(bytes: bytes) { $0.threads = threads }
                let seconds = Double((clock.now - start).components.attoseconds) / 1e18
                    + Double((clock.now - start).components.seconds)
                best = min(best, seconds)
                bestCPU = min(bestCPU, CSVBenchmarkTests.cpuSeconds() - cpuStart)
                #expect(result.table.fields.map(\.type) == [.int64, .int64, .date, .decimal(scale: 2), .string])
            }
            // CPU time shows the cost when other processes share the cores.
            print("CSV bench: \(threads) thread(s): \(Int(best * 1000)) ms wall, \(Int(megabytes / best)) MB/s;"
                  + " \(Int(bestCPU * 1000)) ms CPU, \(Int(megabytes / bestCPU * Double(threads))) MB/s per \(threads) busy core(s)")
        }
    }
}
