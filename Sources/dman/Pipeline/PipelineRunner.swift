import ArgumentParser
import DmanCore
import Foundation

/// Runs the stages of `dman pipeline` (and `dman demo`) one after another,
/// each through its own command so flags, validation and resume behave
/// exactly as when a user runs the stage by hand.
///
/// A stage that finished is recorded in `DIR/.pipeline/<stage>.json` with
/// the arguments it ran with; rerunning skips it when the arguments are the
/// same, and reruns it (and every later stage) when they changed.
struct PipelineRunner {
    /// One stage: its command name, input and output folders, default flags.
    struct Stage {
        var name: String
        var input: String
        var output: String?
        /// Further positional arguments after `input` (eval's dataset).
        var positional: [String] = []
        var defaults: [String]
    }

    /// What happened to a stage.
    struct Outcome: Codable {
        var stage: String
        var status: String          // done, skipped (done earlier), errors (finished with item errors)
        var arguments: [String]
        var seconds: Double
    }

    let root: URL
    let config: PipelineConfig
    let global: GlobalOptions
    let console: Console

    func run(_ stages: [Stage]) throws -> [Outcome] {
        let marks = root.appendingPathComponent(".pipeline")
        try FileManager.default.createDirectory(at: marks, withIntermediateDirectories: true)
        var outcomes: [Outcome] = []
        var invalidated = false
        var redone = false   // an earlier stage ran again with other arguments
        for stage in stages {
            var args = [stage.name, stage.input] + stage.positional
            if let output = stage.output { args += ["-o", output] }
            args += stage.defaults + config.arguments(for: stage.name)
            if let jobs = global.jobs { args += ["--jobs", String(jobs)] }
            if global.json || global.quiet { args.append("--quiet") }
            let mark = marks.appendingPathComponent("\(stage.name).json")
            let hadMark = FileManager.default.fileExists(atPath: mark.path)
            if !invalidated, let data = try? Data(contentsOf: mark),
               let previous = try? JSONDecoder().decode([String].self, from: data), previous == args {
                console.say("· \(stage.name): done earlier, skipped")
                outcomes.append(Outcome(stage: stage.name, status: "skipped", arguments: args, seconds: 0))
                continue
            }
            invalidated = true
            // Redoing a stage redoes the later ones, so their decisions (audit's quarantine and
            // order) would be made again: rebuild the output (old folder moved aside) instead of refusing.
            var runArgs = args
            if hadMark || redone, let output = stage.output,
               !StageDecisions(try? DatasetFolder(URL(fileURLWithPath: output)).load()).isEmpty { runArgs.append("--force") }
            redone = redone || hadMark
            try? FileManager.default.removeItem(at: mark)
            console.say("▶ dman \(runArgs.map(Self.quoted).joined(separator: " "))")
            let started = Date()
            var status = "done"
            do {
                var command = try Dman.parseAsRoot(runArgs)
                try command.run()
            } catch let exit as ExitCode where exit == DmanExit.finishedWithErrors {
                status = "errors"
            } catch let exit as ExitCode where exit == .success {
            } catch {
                console.error("pipeline stopped at \(stage.name): \(Dman.message(for: error))")
                throw DmanExit.fatal
            }
            try AtomicFile.write(try JSONEncoder().encode(args), to: mark)
            outcomes.append(Outcome(stage: stage.name, status: status, arguments: args,
                                    seconds: Date().timeIntervalSince(started)))
        }
        return outcomes
    }

    static func quoted(_ s: String) -> String {
        s.contains(" ") || s.isEmpty ? "'\(s)'" : s
    }
}
