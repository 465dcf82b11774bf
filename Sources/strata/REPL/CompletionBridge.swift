#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrataEngine

/// Translates a ``Completion`` (character offsets, whole candidates) into what libedit's
/// readline interface wants: text to put in place of *its* word, and a list to show.
enum CompletionBridge {
    /// What libedit should do for one Tab press.
    struct Plan: Equatable {
        /// Replaces the text from libedit's word start to the cursor.
        var insertion: String
        /// Shown when several candidates remain (file names without their folder); empty for one.
        var listed: [String]
        /// Typed after a single match: a space, a closing quote for a file, nothing for a folder.
        var appendCharacter: Int32
    }

    /// The plan for a Tab press at scalar offset `cursor`, where libedit's word starts at
    /// scalar offset `wordStart`; nil when nothing matches.
    static func plan(
        line: String, pending: String, wordStart: Int, cursor: Int, provider: CompletionProvider
    ) -> Plan? {
        let scalars = Array(line.unicodeScalars)
        guard wordStart >= 0, wordStart <= cursor, cursor <= scalars.count else { return nil }
        // The completer sees earlier continuation lines too; offsets shift by their length.
        let prefix = pending.isEmpty ? "" : pending + "\n"
        let prefixCount = prefix.count
        let characterCursor = characterOffset(ofScalar: cursor, in: line)
        let completion = provider(prefix + line, prefixCount + characterCursor)
        guard !completion.candidates.isEmpty, completion.replacementStart >= prefixCount else { return nil }
        let replacementScalar = scalarOffset(ofCharacter: completion.replacementStart - prefixCount, in: line)

        let common = Array(commonPrefix(completion.candidates).unicodeScalars)
        var insertion = String.UnicodeScalarView()
        if replacementScalar <= wordStart {
            // The completer's word starts earlier (a path with spaces): drop what is typed already.
            let typed = scalars[replacementScalar..<wordStart]
            guard common.starts(with: typed) else { return nil }
            insertion.append(contentsOf: common.dropFirst(typed.count))
        } else {
            insertion.append(contentsOf: scalars[wordStart..<replacementScalar])
            insertion.append(contentsOf: common)
        }

        let isPath = replacementScalar > 0 && scalars[replacementScalar - 1] == "\""
        let single = completion.candidates.count == 1
        var append: Int32 = 0x20
        if let only = completion.candidates.first, single, isPath {
            let closed = cursor < scalars.count && scalars[cursor] == "\""
            append = only.hasSuffix("/") || closed ? 0 : 0x22
        }
        let listed = single ? [] : completion.candidates.map { isPath ? displayName(ofPath: $0) : $0 }
        return Plan(insertion: String(insertion), listed: listed, appendCharacter: append)
    }

    /// The last path component, keeping a folder's trailing `/`.
    static func displayName(ofPath path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Longest common prefix, whole characters only.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            let characters = Array(string)
            var length = 0
            while length < min(prefix.count, characters.count), prefix[length] == characters[length] { length += 1 }
            prefix.removeSubrange(length...)
        }
        return String(prefix)
    }

    /// Character offset of scalar offset `scalar` (rounded down to a character boundary).
    static func characterOffset(ofScalar scalar: Int, in line: String) -> Int {
        var scalars = 0
        var characters = 0
        for character in line {
            scalars += character.unicodeScalars.count
            if scalars > scalar { break }
            characters += 1
        }
        return characters
    }

    /// Scalar offset where character `offset` starts.
    static func scalarOffset(ofCharacter offset: Int, in line: String) -> Int {
        line.prefix(max(0, offset)).unicodeScalars.count
    }

    /// A malloc'd NULL-terminated array of strdup'd strings, as libedit frees them. When the
    /// array would hold one entry, the entry is repeated: libedit reads `matches[2]` and treats
    /// `matches[0] == matches[1]` as the single-match case.
    static func cArray(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        let entries = strings.count == 1 ? strings + strings : strings
        guard let array = malloc((entries.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)?
            .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        else { return nil }
        for (index, entry) in entries.enumerated() { array[index] = strdup(entry) }
        array[entries.count] = nil
        return array
    }
}
