import Foundation
import StrataEngine

/// Sessions for notebooks, and `.read NB.md` for any session.
public enum NotebookSession {
    /// A fresh session for the notebook at `path`: working folder = the notebook's folder,
    /// confined to the allowed folders, timer off, `.read` able to run notebooks.
    public static func make(for path: String, in directory: String, allowing allowed: [String],
                            parameters: Parameters, settings: Settings = Settings()) -> Session {
        let folder = (NotebookFiles.absolutePath(path, in: directory) as NSString).deletingLastPathComponent
        var settings = settings
        settings.timer = false
        settings.render.color = false
        let session = Session(workingDirectory: folder, settings: settings)
        session.fileAccess = NotebookFiles.policy(for: path, in: directory, allowing: allowed, parameters: parameters)
        installReader(in: session)
        return session
    }

    /// Lets `.read NB.md` run a notebook's cells into `session` (the REPL installs this too).
    /// The cells run until the first failure; `${name:-default}` parameters take their
    /// defaults; the outputs are returned as one outcome.
    public static func installReader(in session: Session) {
        session.notebookRunner = { session, text, displayPath in
            let notebook: Notebook
            do { notebook = try Notebook.parse(text, path: displayPath) } catch {
                return Outcome(error: String(describing: error), succeeded: false)
            }
            let run: NotebookRun
            do { run = try NotebookRunner(path: displayPath).run(notebook, in: session) } catch {
                return Outcome(error: String(describing: error), succeeded: false)
            }
            var output = ""
            var failure = ""
            for cell in run.cells where cell.ran {
                output += cell.output
                if let message = cell.failure { failure += message }
            }
            return Outcome(output: output, error: failure, succeeded: failure.isEmpty)
        }
    }
}
