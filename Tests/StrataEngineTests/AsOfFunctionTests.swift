import StrataCore
import Testing
@testable import StrataEngine

/// `asof()`: the `.asof` date as a value, so notebooks derive their other dates from it.
@Suite struct AsOfFunctionTests {
    static func session() -> Session {
        let session = Session()
        session.settings.asOf = CivilDate(year: 2026, month: 6, day: 30).days
        session.catalog.set("orders", Table([
            ("customer_id", Column(type: .int64, data: .int64([1, 1, 2, 3]))),
            ("order_date", Column(type: .date, data: .int32(ContiguousArray(["2026-05-31", "2026-06-01", "2026-03-01", "2026-07-02"]
                .map { CivilDate(iso: $0)?.days ?? 0 })))),
        ]))
        return session
    }

    @Test func asofAndThePreviousMonthEnd() {
        let session = AsOfFunctionTests.session()
        session.settings.render.mode = .csv
        let dates = session.execute(#"orders | limit 1 | select a = asof(), p = date_trunc("month", asof()) - 1, d = asof() - 2026-01-01"#)
        #expect(dates.output == "a,p,d\n2026-06-30,2026-05-31,180\n")
        // Orders of the as-of month, and recency as of the previous month end.
        let month = session.execute(#"orders | where order_date >= date_trunc("month", asof()) and order_date <= asof() | count"#)
        #expect(month.output == "count\n1\n")
        let idle = session.execute(#"orders | where order_date < date_trunc("month", asof()) | group customer_id agg last = max(order_date) | derive idle = date_trunc("month", asof()) - 1 - last"#)
        #expect(idle.output == "customer_id,last,idle\n1,2026-05-31,0\n2,2026-03-01,91\n")
        // It follows .asof.
        _ = session.execute(".asof 2026-07-31")
        #expect(session.execute("orders | limit 1 | select a = asof()").output == "a\n2026-07-31\n")
    }

    @Test func argumentsAreRefused() {
        let outcome = AsOfFunctionTests.session().execute("orders | where order_date < asof(1)")
        #expect(outcome.error == """
            Error: asof takes no arguments: asof()
              orders | where order_date < asof(1)
                                          ^^^^^^^
            """)
    }
}
