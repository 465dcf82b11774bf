import Foundation
import StrataCore
import StrataLang

/// One statement typed at the top level and what it printed.
public struct TranscriptEntry: Sendable, Equatable {
    public var statement: String
    public var output: String
    /// The working folder when it ran (relative paths in it resolve against this).
    public var workingDirectory: String
}

/// `.save notebook PATH.md`: the session's statements since it started, one cell each, with
/// their outputs, so an exploration becomes a regression check for `strata test`.
///
/// Failed statements are left out (the notebook replays what worked); `.save`, `.help`,
/// `.quit` and `.timer` are left out too, and `Run Time:` lines and terminal colours are
/// dropped so the recorded outputs replay exactly (`strata test` prints without colour). Relative paths of `load` and `.read` are rewritten to be relative
/// to the notebook's folder. When the session never set `.asof`, the notebook starts with
/// the session's as-of date so "days since" replays the same way.
extension Session {
    static let largestRecordedOutput = 256 * 1024
    static let unrecordedCommands: Set<String> = [".save", ".help", ".quit", ".exit", ".timer"]

    func record(_ statement: String, _ outcome: Outcome) {
        let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        guard outcome.succeeded, !trimmed.isEmpty else { return }
        if trimmed.hasPrefix("."), let name = DotCommand.split(trimmed).first, Session.unrecordedCommands.contains(name) {
            return
        }
        // A huge output (`.mode csv` of millions of rows) is not kept: the saved cell then only
        // has to run, and the session does not hold a second copy of the data as text.
        let output = outcome.output.utf8.count > Session.largestRecordedOutput ? ""
            : Session.withoutColor(outcome.output).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("Run Time: ") }.joined(separator: "\n")
        transcript.append(TranscriptEntry(statement: trimmed, output: output, workingDirectory: workingDirectory))
    }

    /// `text` without ANSI escape sequences (ESC `[` … a final letter), as the renderer's
    /// bold and dim styles write them.
    static func withoutColor(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{1B}") else { return text }
        var result = String.UnicodeScalarView()
        var inEscape = false
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if inEscape {
                // Parameters and intermediates, then one final byte from @ to ~.
                if scalar != "[" || previous != "\u{1B}", (0x40...0x7E).contains(scalar.value) { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                result.append(scalar)
            }
            previous = scalar
        }
        return String(result)
    }

    /// Writes the transcript as a notebook at `path` (atomically).
    func saveNotebook(_ path: String) throws -> Outcome {
        guard path.lowercased().hasSuffix(".md") else {
            throw Diagnostic("a notebook is a Markdown file: .save notebook NAME.md")
        }
        let target = try accessiblePath(path)
        let folder = (target as NSString).deletingLastPathComponent
        var cells: [(String, String)] = []
        if !transcript.contains(where: { $0.statement.hasPrefix(".asof") }) {
            cells.append((".asof \(CivilDate(days: settings.asOf))", ""))
        }
        for entry in transcript {
            let moved = Session.relocated(entry.statement, from: entry.workingDirectory, to: folder)
            cells.append((moved, Session.relocatedOutput(entry.output, of: entry.statement, movedTo: moved)))
        }
        let text = Session.notebookText(cells)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw Diagnostic("cannot write \(path): \(Session.fileProblem(target))")
        }
        let count = cells.count
        return Outcome(output: "saved \(count) \(count == 1 ? "cell" : "cells") to \(path)\n")
    }

    /// Markdown with one ```strata cell per statement and an ```output fence when it printed.
    static func notebookText(_ cells: [(code: String, output: String)]) -> String {
        var text = "# Saved session\n\nWhich business question does this notebook answer? Say it here.\n"
        for cell in cells {
            text += "\n" + fenced(cell.code, info: "strata")
            let output = cell.output.trimmingCharacters(in: .newlines)
            if !output.isEmpty { text += "\n" + fenced(output, info: "output") }
        }
        return text
    }

    /// A fence longer than any backtick run inside `body`, so the body cannot close it.
    static func fenced(_ body: String, info: String) -> String {
        var longest = 0, run = 0
        for character in body {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + info + "\n" + body + (body.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }

    /// `statement` with the relative path of a `load` or `.read` made relative to `folder`.
    static func relocated(_ statement: String, from workingDirectory: String, to folder: String) -> String {
        if statement.hasPrefix(".read ") {
            let path = String(statement.dropFirst(6)).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            guard !path.hasPrefix("/"), !path.hasPrefix("~") else { return statement }
            return ".read \"" + relativePath((workingDirectory as NSString).appendingPathComponent(path), from: folder) + "\""
        }
        guard case .load(_, let path, let range, _)? = try? Parser.parse(statement),
              !path.hasPrefix("/"), !path.hasPrefix("~") else { return statement }
        var characters = Array(statement)
        guard range.lowerBound >= 0, range.upperBound <= characters.count, characters[range.lowerBound] == "\"" else {
            return statement
        }
        let moved = relativePath((workingDirectory as NSString).appendingPathComponent(path), from: folder)
        characters.replaceSubrange(range, with: Array("\"" + moved.replacingOccurrences(of: "\"", with: "\\\"") + "\""))
        return String(characters)
    }

    /// A `load` summary names the path as written (`from datasets/demo/orders.csv (UTF-8)`):
    /// after the path moved, the recorded output names the new one, so the cell replays.
    static func relocatedOutput(_ output: String, of statement: String, movedTo moved: String) -> String {
        guard moved != statement,
              case .load(_, let oldPath, _, _)? = try? Parser.parse(statement),
              case .load(_, let newPath, _, _)? = try? Parser.parse(moved) else { return output }
        return output.replacingOccurrences(of: " from \(oldPath) (", with: " from \(newPath) (")
    }

    /// The path of `target` seen from `folder` (both made canonical): `../datasets/demo/orders.csv`.
    static func relativePath(_ target: String, from folder: String) -> String {
        let to = FileAccessPolicy.canonical(target).split(separator: "/")
        let from = FileAccessPolicy.canonical(folder).split(separator: "/")
        var common = 0
        while common < min(to.count, from.count), to[common] == from[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}
