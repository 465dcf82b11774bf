import Foundation
import StrataCore
import Testing
@testable import StrataEngine

/// RFM on 10M orders of 1M customers; run only on request, in release:
/// `STRATA_BENCH=1 swift build -c release --build-tests -Xswiftc -enable-testing --scratch-path .build-rfm-rel`
/// then the test binary with `--testing-library swift-testing --filter RFMBenchmark`.
@Suite("RFM benchmark", .enabled(if: ProcessInfo.processInfo.environment["STRATA_BENCH"] == "1"))
struct RFMBenchmarkTests {
    @Test func rfmOnTenMillionOrders() throws {
        let orders = OperatorBenchmarkTests.orders()
        let asOf = CivilDate(year: 2026, month: 6, day: 30).days
        for (label, options) in [("ntile default", ""), ("quantile cn8", "(method quantile, scheme cn8)"),
                                 ("nested rfm-package", "(nested, scheme rfm_package)")] {
            let session = Session()
            session.settings.asOf = asOf
            session.catalog.set("orders", orders)
            let started = ContinuousClock.now
            let outcome = session.execute("let r = orders | rfm big_customer_id, order_date, amount \(options)")
            let elapsed = ContinuousClock.now - started
            #expect(outcome.succeeded, "\(outcome.error)")
            print("rfm \(label): \(elapsed) — \(outcome.output.split(separator: "\n").first ?? "")")
        }
    }
}
