/// File names, encodings, headers and value spellings of one style.
///
/// Both styles write the same rows; only the spelling differs.
struct DatasetLayout {
    /// One output file of a table.
    struct FileSpec {
        var name: String
        var encoding: OutputEncoding
    }

    var crlf: Bool
    var customerFiles: [FileSpec]
    var orderFile: FileSpec
    var interactionFile: FileSpec
    var customerHeader: [String]
    var orderHeader: [String]
    var interactionHeader: [String]
    var signupDates: DateTable
    var lastContactDates: DateTable
    var orderDates: DateTable
    var interactionDates: DateTable
    var currencySign: [UInt8]
    var groupThousands: Bool
    /// Spellings of a missing value; one is picked at random per blank cell.
    var nullTokens: [[UInt8]]

    init(style: DatasetStyle, timeline: Timeline) {
        switch style {
        case .clean:
            crlf = false
            customerFiles = [FileSpec(name: "customers.csv", encoding: .utf8)]
            orderFile = FileSpec(name: "orders.csv", encoding: .utf8)
            interactionFile = FileSpec(name: "interactions.csv", encoding: .utf8)
            customerHeader = [
                "customer_id", "name", "region", "channel", "industry", "company_size",
                "signup_date", "stage", "phone", "last_contact_date",
            ]
            orderHeader = ["order_id", "customer_id", "order_date", "amount", "category"]
            interactionHeader = ["customer_id", "date", "kind"]
            let iso = DateTable(format: .iso, timeline: timeline)
            (signupDates, lastContactDates, orderDates, interactionDates) = (iso, iso, iso, iso)
            currencySign = []
            groupThousands = false
            nullTokens = [[]]
        case .messy:
            crlf = true
            customerFiles = [
                FileSpec(name: "customers_gbk.csv", encoding: .gb18030),
                FileSpec(name: "customers_utf8bom.csv", encoding: .utf8WithBOM),
            ]
            orderFile = FileSpec(name: "orders_gb18030.csv", encoding: .gb18030)
            interactionFile = FileSpec(name: "interactions_gbk.csv", encoding: .gb18030)
            customerHeader = ["客户编号", "客户名称", "区域", "渠道", "行业", "规模", "注册日期", "阶段", "电话", "最近联系日期"]
            orderHeader = ["订单号", "客户编号", "下单日期", "金额", "品类"]
            interactionHeader = ["客户编号", "日期", "方式"]
            let slashes = DateTable(format: .slashes, timeline: timeline)
            let chinese = DateTable(format: .chinese, timeline: timeline)
            signupDates = slashes
            lastContactDates = chinese
            orderDates = slashes
            interactionDates = chinese
            currencySign = Array("¥".utf8)
            groupThousands = true
            nullTokens = [[], Array("NULL".utf8), Array("-".utf8), Array("N/A".utf8)]
        }
    }
}
