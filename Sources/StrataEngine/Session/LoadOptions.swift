import StrataCore
import StrataLang

/// Turns the `( … )` options of a `load` statement into ``CSVOptions``, checking each one.
enum LoadOptions {
    static let names = ["encoding", "delimiter", "header", "types", "dates", "nulls", "on_error", "threads"]

    static func csvOptions(from items: [OptionItem]) throws(Diagnostic) -> CSVOptions {
        var options = CSVOptions()
        for item in items {
            switch item.name.text {
            case "encoding":
                let encoding = try text(item).lowercased()
                guard ["utf8", "utf-8", "gbk", "gb18030", "gb2312"].contains(encoding) else {
                    throw Diagnostic("unknown encoding \"\(encoding)\"; use utf8 or gbk", at: .statement(item.value!.range))
                }
                options.encoding = encoding
            case "delimiter":
                let delimiter = try text(item)
                let byte: UInt8? = delimiter == "\\t" || delimiter == "tab" ? 9
                    : (delimiter.utf8.count == 1 ? delimiter.utf8.first : nil)
                guard let byte else {
                    throw Diagnostic("the delimiter must be one character, such as \";\" or \"\\t\"", at: .statement(item.value!.range))
                }
                options.delimiter = byte
            case "header":
                options.header = try flag(item)
            case "types":
                guard case .group(let pairs, _) = item.value else {
                    throw Diagnostic("expected types (column type, …), e.g. types (amount decimal, phone string)", at: .statement(item.name.range))
                }
                for pair in pairs {
                    guard case .word(let typeName) = pair.value, let type = DataType(name: typeName.text) else {
                        let range = pair.value?.range ?? pair.name.range
                        throw Diagnostic("expected a type after \(pair.name.text): integer, double, decimal, date, timestamp, boolean or string", at: .statement(range))
                    }
                    options.types[pair.name.text] = type
                }
            case "dates":
                options.dateFormat = try text(item)
            case "nulls":
                guard case .list(let values, _) = item.value else {
                    throw Diagnostic("expected nulls [\"-\", \"NULL\", …]", at: .statement(item.name.range))
                }
                var tokens: Set<String> = [""]
                for value in values {
                    guard case .string(let token, _) = value else {
                        throw Diagnostic("null tokens are written in double quotes", at: .statement(value.range))
                    }
                    tokens.insert(token)
                }
                options.nullTokens = tokens
            case "on_error":
                let policy = try text(item)
                guard policy == "skip" || policy == "fail" else {
                    throw Diagnostic("on_error takes skip or fail", at: .statement(item.value!.range))
                }
                options.skipBadRows = policy == "skip"
            case "threads":
                guard case .number(let digits, let range) = item.value, let count = Int(digits), count >= 1 else {
                    throw Diagnostic("threads takes a positive number", at: .statement(item.value?.range ?? item.name.range))
                }
                _ = range
                options.threads = count
            default:
                throw Diagnostic("unknown load option \"\(item.name.text)\"." + Suggestion.phrase(for: item.name.text, among: names)
                    + " Options: " + names.joined(separator: ", "), at: .statement(item.name.range))
            }
        }
        return options
    }

    private static func text(_ item: OptionItem) throws(Diagnostic) -> String {
        switch item.value {
        case .word(let name): return name.text
        case .string(let text, _): return text
        default: throw Diagnostic("\(item.name.text) needs a value", at: .statement(item.value?.range ?? item.name.range))
        }
    }

    private static func flag(_ item: OptionItem) throws(Diagnostic) -> Bool {
        switch try text(item) {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw Diagnostic("\(item.name.text) takes true or false", at: .statement(item.value!.range))
        }
    }
}
