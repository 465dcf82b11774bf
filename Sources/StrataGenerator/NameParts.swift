/// The building blocks of `NameMaker`, as UTF-8 bytes. Changing a list changes every dataset.
enum NameParts {
    private static func bytes(_ words: String) -> [[UInt8]] {
        words.split(separator: " ").map { Array($0.utf8) }
    }

    private static func characters(_ text: String) -> [[UInt8]] {
        text.map { Array(String($0).utf8) }
    }

    /// Common surnames, weighted roughly by frequency.
    static let surnames = Vocabulary([
        ("王", 72), ("李", 71), ("张", 68), ("刘", 52), ("陈", 46), ("杨", 32), ("黄", 24), ("赵", 22),
        ("吴", 21), ("周", 21), ("徐", 15), ("孙", 15), ("马", 13), ("朱", 13), ("胡", 12), ("郭", 12),
        ("何", 10), ("高", 10), ("林", 10), ("罗", 9), ("郑", 9), ("梁", 9), ("谢", 7), ("宋", 7),
        ("唐", 7), ("许", 6), ("韩", 6), ("冯", 6), ("邓", 6), ("曹", 6), ("彭", 6), ("曾", 5),
        ("肖", 5), ("田", 5), ("董", 5), ("袁", 4), ("潘", 4), ("于", 4), ("蒋", 4), ("蔡", 4),
        ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 3),
        ("任", 3), ("沈", 3), ("姚", 3), ("卢", 3), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3),
        ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3),
        ("韦", 3), ("方", 3), ("白", 2), ("邹", 2), ("孟", 2), ("熊", 2), ("秦", 2), ("邱", 2),
        ("江", 2), ("尹", 2), ("薛", 2), ("段", 2), ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2),
        ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2), ("龚", 2), ("邵", 2),
        ("万", 2), ("钱", 2), ("严", 2), ("武", 2), ("戴", 2), ("莫", 2), ("孔", 2), ("汤", 2),
        ("欧阳", 1), ("司马", 1), ("诸葛", 1),
    ])

    static let givenCharacters = characters(
        "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂红玉华建国文辉鹏飞斌宇浩凯婷雪琳晶颖慧欣怡佳子梓涵轩睿博思雨晨阳俊峰鑫波宁海瑶倩悦诗嘉志立春燕萍丹莉亮成龙新云青淑晓"
    )

    static let cities = [
        "深圳", "广州", "杭州", "苏州", "北京", "上海", "成都", "南京", "武汉", "宁波", "厦门", "东莞",
        "佛山", "青岛", "无锡", "重庆", "天津", "西安", "长沙", "合肥", "郑州", "温州", "义乌", "昆明",
    ]

    static let brandFirst = characters("华鼎恒宏博金瑞天汇新嘉永海鸿创智中远卓东蓝星锦长安信众正盛明润泰康丰兴宝荣德聚优")
    static let brandSecond = characters("信盛通远雅达丰合联锐禾安纳运源科航越方海辰程青泰诚大世德华美兴宏利福业成光辉腾佳")

    /// Trade words per industry (same order as `Vocabularies.industries`; the last also serves blanks).
    static let trades: [[[UInt8]]] = [
        bytes("机械 电子 精密制造 新材料 五金制品"),
        bytes("商贸 百货 超市 贸易 便利店"),
        bytes("网络科技 信息技术 数字科技 软件"),
        bytes("教育科技 培训 文化教育"),
        bytes("医疗器械 医药 健康科技"),
        bytes("投资 融资租赁 资产管理"),
        bytes("物流 供应链 快运"),
        bytes("餐饮管理 食品 餐饮"),
        bytes("置业 地产 物业服务"),
        bytes("文化传媒 咨询 实业"),
    ]

    static let companySuffixes = Vocabulary([("有限公司", 70), ("股份有限公司", 12), ("商行", 6), ("工作室", 4), ("有限责任公司", 8)])
    static let branches = bytes(",华东分公司 ,华南分公司 ,采购部 ,北京办事处")

    static let latinFirst = bytes(
        "Anna Thomas Maria John David Laura Peter Sophie Michael Emma Lukas Julia James Olivia Daniel Sarah Hans Claire Pierre Marco Elena Kenji Yuki Renée José Chloe Oliver Hannah Frank Lisa"
    )
    static let latinLast = bytes(
        "Schmidt Müller Smith Johnson Brown Wagner Becker Rossi Bianchi Dubois Martin Garcia Tanaka Sato Kim Park Nguyen Wilson Taylor Fischer Weber Meyer Lee Wong Chan O'Brien Jones Novak"
    )
    static let pinyinGiven = bytes("Wei Fang Lei Jing Min Hao Yang Ling Jun Xin Tao Yan")
    static let pinyinSurnames = bytes("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou")
    static let latinWords = bytes(
        "Acme Pacific Global Summit Evergreen Golden-Dragon Silk-Road Blue-Ocean Northstar Sunrise Harbor Orient Atlas Phoenix Lotus Jade"
    ).map { $0.map { $0 == 45 ? 32 : $0 } }
    static let latinTrades = bytes("Trading Logistics Electronics Imports Foods Textiles Consulting Technologies Supplies")
    static let latinSuffixes = Vocabulary([("Ltd", 30), ("Co., Ltd.", 25), ("GmbH", 10), ("Inc.", 15), ("LLC", 10), ("Pte. Ltd.", 5), ("S.A.", 5)])
}
