import ArgumentParser
import Augment
import Crop
import DatasetAudit
import DmanCore
import DmanPipeline
import Foundation
import GANCore
import WebUI

/// The one place where an error a library raised becomes what the user sees:
/// one `error:` line on stderr, with `--json` also one `{"error": …, "exit_code": …}`
/// document on stdout, and the exit code of README's table (1 for a fatal
/// error, 64 for an option value only the library could judge).
///
///     do { … } catch { throw console.fail(error) }
enum ErrorPresenter {
    /// The exit code for `error`.
    static func exitCode(for error: Error) -> ExitCode {
        if let code = error as? ExitCode { return code }
        return isUsage(error) ? .validationFailure : DmanExit.fatal
    }

    /// Whether `error` rejects an option's value (so the exit code is 64).
    static func isUsage(_ error: Error) -> Bool {
        switch error {
        case let e as GANError:
            if case .invalidConfig = e { return true }
            if case .invalidValue = e { return true }
        case let e as AugmentError: if case .invalidParameter = e { return true }
        case let e as AuditError: if case .invalidValue = e { return true }
        case let e as DiffAugmentError: _ = e; return true
        case is SettingError: return true
        case let e as PipelineError: if case .setting = e { return true }
        default: break
        }
        return false
    }

    /// The one line for `error`; `context` (a file or folder) is prefixed when
    /// the error does not name its own place.
    static func line(for error: Error, context: String? = nil) -> String {
        if let e = error as? SettingError { return e.line { "--\($0)" } }   // keys are the flags without dashes
        if let e = error as? PipelineError { return e.line { line(for: $0) } }
        if case .invalidValue(let field, let value, let rule)? = error as? GANError {
            return flag(forField: field).map { "\($0) \(value): \(rule)" } ?? "\(field) = \(value): \(rule)"
        }
        if case .invalidParameter(let what, let detail)? = error as? AugmentError, let key = AugmentPlan.settingKeyByField[what] {
            return "--\(key): \(detail)"
        }
        if case .invalidValue(let field, let value, let rule)? = error as? AuditError {
            return "--\(field) \(value): \(rule)"   // audit's fields are named as its flags (batch, cap, seed)
        }
        if let named = error as? any NamesFields { return named.line(naming: flagName) }
        if isTyped(error) { return String(describing: error) }   // its CustomStringConvertible line
        let text = (error as NSError).localizedDescription   // Foundation errors: the plain reason, not a dump
        return context.map { "\($0): \(text)" } ?? text
    }

    /// The one line for a library's warning, its fields named as flags.
    static func line(for warning: ItemWarning) -> String { warning.line(naming: flagName) }

    /// The flag for a field a diagnostic mentions, or the field's own name
    /// when no flag sets it.
    static func flagName(_ field: String) -> String { flag(forField: field) ?? cropFlags[field] ?? field }

    /// The `dman crop` flag that sets a ``CropOptions`` field.
    static let cropFlags = ["minSize": "--min-size", "maxPad": "--max-pad", "clip": "--clip",
                            "allowOutside": "--allow-outside", "format": "--format"]

    /// The flag that sets a library field (GANCore's ``DCGANConfig`` and calls): its setting key with dashes.
    static func flag(forField field: String) -> String? {
        (TrainSettings.settingKeyByField[field] ?? (field == "count" ? "count" : nil)).map { "--" + $0 }
    }

    /// dman's own typed errors already name their file or field.
    static func isTyped(_ error: Error) -> Bool {
        error is CropError || error is AugmentError || error is AuditError || error is GANError || error is DatasetError
            || error is WebUIError || error is MagickError || error is FileError || error is DiffAugmentError
            || error is SafeTensorsError || error is SlicedWassersteinError || error is MemorisationError
            || error is PipelineError || error is ConfinedPath.Refusal
    }

    /// The `--json` document of a failure.
    struct Document: Encodable {
        var error: String
        var exitCode: Int32
        enum CodingKeys: String, CodingKey { case error, exitCode = "exit_code" }
    }
}

extension Console {
    /// Reports `error` once (stderr line; JSON document with `--json`) and
    /// returns the exit code to throw. An `ExitCode` passes through unreported.
    func fail(_ error: Error, context: String? = nil) -> ExitCode {
        if let code = error as? ExitCode { return code }
        finishProgress()
        let line = ErrorPresenter.line(for: error, context: context)
        let code = ErrorPresenter.exitCode(for: error)
        self.error(line)
        emitJSON(ErrorPresenter.Document(error: line, exitCode: code.rawValue))
        return code
    }
}
