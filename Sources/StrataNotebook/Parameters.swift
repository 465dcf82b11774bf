/// `${name}` in a cell takes the value of `--param name=value`; `${name:-default}` falls back
/// to the default when the parameter is not given. An unset parameter without a default is
/// an error at its position (the notebook cannot run: exit code 2).
public struct Parameters: Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// Parses `name=value` arguments; nil names the malformed one.
    public static func parse(_ arguments: [String]) -> Result<Parameters, NotebookError> {
        var values: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex,
                  argument[..<equals].allSatisfy(Parameters.isNameCharacter) else {
                return .failure(NotebookError(path: "--param", message: "expected --param name=value, got \"\(argument)\""))
            }
            values[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
        }
        return .success(Parameters(values))
    }

    static func isNameCharacter(_ character: Character) -> Bool {
        character == "_" || (character.isASCII && (character.isLetter || character.isNumber))
    }

    /// `code` with every `${…}` replaced. `firstLine` is the file line of the code's first line
    /// (for error positions); columns count characters from 1.
    public func substitute(_ code: String, path: String, firstLine: Int) throws(NotebookError) -> String {
        guard code.contains("${") else { return code }
        var result = ""
        for (offset, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if offset > 0 { result += "\n" }
            result += try substituteLine(Array(line), path: path, line: firstLine + offset)
        }
        return result
    }

    private func substituteLine(_ characters: [Character], path: String, line: Int) throws(NotebookError) -> String {
        var result = ""
        var index = 0
        while index < characters.count {
            guard characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "{" else {
                result.append(characters[index])
                index += 1
                continue
            }
            let column = index + 1
            guard let close = characters[index...].firstIndex(of: "}") else {
                throw NotebookError(path: path, line: line, column: column, message: "${ is not closed: write ${name} or ${name:-default}")
            }
            let inside = String(characters[(index + 2)..<close])
            let name: String
            var fallback: String?
            if let separator = inside.range(of: ":-") {
                name = String(inside[..<separator.lowerBound])
                fallback = String(inside[separator.upperBound...])
            } else {
                name = inside
            }
            guard !name.isEmpty, name.allSatisfy(Parameters.isNameCharacter) else {
                throw NotebookError(path: path, line: line, column: column,
                                    message: "\"${\(inside)}\" is not a parameter: names are letters, digits and _")
            }
            guard let value = values[name] ?? fallback else {
                throw NotebookError(path: path, line: line, column: column,
                                    message: "parameter \"\(name)\" is not set: pass --param \(name)=VALUE or write ${\(name):-default}")
            }
            result += value
            index = close + 1
        }
        return result
    }
}
