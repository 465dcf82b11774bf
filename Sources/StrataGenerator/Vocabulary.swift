/// A categorical column's values, their weights, and their UTF-8 bytes ready to copy.
struct Vocabulary: Sendable {
    let labels: [String]
    let bytes: [[UInt8]]
    let choice: WeightedChoice

    init(_ entries: [(String, Int)]) {
        labels = entries.map(\.0)
        bytes = entries.map { Array($0.0.utf8) }
        choice = WeightedChoice(entries.map(\.1))
    }

    @inline(__always)
    func pick(_ random: inout Xoshiro256) -> Int { choice.pick(&random) }
}

/// The fixed vocabularies of the generated dataset, with their (skewed) frequencies.
///
/// Order matters: indices are stored per customer and order, and weights are integers,
/// so a change here changes every dataset. Regenerate `datasets/` after editing.
enum Vocabularies {
    /// Provinces and municipalities, skewed toward the coastal economies.
    static let regions = Vocabulary([
        ("广东", 160), ("浙江", 110), ("江苏", 105), ("北京", 90), ("上海", 90), ("山东", 60),
        ("四川", 50), ("福建", 45), ("湖北", 40), ("河南", 38), ("湖南", 30), ("安徽", 28),
        ("重庆", 26), ("天津", 20), ("河北", 20), ("陕西", 18), ("辽宁", 16), ("江西", 12),
        ("广西", 10), ("云南", 10), ("山西", 8), ("贵州", 7), ("黑龙江", 6), ("吉林", 5),
        ("海南", 4), ("内蒙古", 4), ("新疆", 3), ("甘肃", 3), ("宁夏", 1), ("青海", 1), ("西藏", 1),
    ])

    /// Acquisition channels (brief §6).
    static let channels = Vocabulary([("广告", 30), ("官网", 25), ("转介绍", 20), ("展会", 12), ("其他", 13)])

    /// Industries of the customer; index `blankIndustry` is never picked but marks a missing value.
    static let industries = Vocabulary([
        ("制造业", 22), ("零售", 18), ("互联网", 14), ("教育", 8), ("医疗", 7), ("金融", 6),
        ("物流", 7), ("餐饮", 8), ("房地产", 4), ("其他", 6),
    ])

    /// Company sizes, small firms dominating.
    static let sizes = Vocabulary([("小微", 55), ("中型", 28), ("大型", 12), ("集团", 5)])

    /// Spend multiplier per company size (same order as `sizes`).
    static let sizeSpendFactor: [Double] = [1.0, 1.8, 3.2, 5.5]

    /// Lifecycle stages (brief §3).
    static let stages = Vocabulary([("线索", 1), ("商机", 1), ("客户", 1), ("老客户", 1), ("流失", 1)])

    /// Product categories with the median order value in yuan (same order).
    static let categories = Vocabulary([
        ("家电", 14), ("数码", 16), ("服饰", 18), ("食品", 15), ("美妆", 12), ("家居", 10),
        ("图书", 7), ("母婴", 8),
    ])
    static let categoryMedianYuan: [Double] = [2600, 1900, 420, 160, 320, 780, 110, 450]

    /// Interaction kinds; leads and buyers are reached differently.
    static let interactionKinds = Vocabulary([
        ("电话", 1), ("短信", 1), ("微信", 1), ("邮件", 1), ("活动", 1), ("白皮书", 1), ("官网访问", 1),
    ])
    static let leadKindChoice = WeightedChoice([15, 6, 8, 20, 10, 14, 27])
    static let buyerKindChoice = WeightedChoice([26, 14, 26, 14, 8, 2, 10])
}

/// Stage indices in `Vocabularies.stages`.
enum Stage {
    static let lead = 0
    static let opportunity = 1
    static let customer = 2
    static let repeatCustomer = 3
    static let churned = 4
}
