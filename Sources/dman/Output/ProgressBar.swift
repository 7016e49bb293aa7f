import Foundation

/// A one-line progress bar with rate and ETA on stderr (terminals only).
/// Not thread-safe by itself: ``Console`` serialises calls.
final class ProgressBar {
    private var label = ""
    private var total = 0
    private var completed = 0
    private var startDone = 0
    private var started = Date()
    private var lastDraw = Date.distantPast
    private var visible = false
    var suffix = ""

    func start(label: String, total: Int, done: Int) {
        self.label = label
        self.total = total
        completed = done
        startDone = done
        started = Date()
        lastDraw = .distantPast
        redraw()
    }

    func update(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
        if Date().timeIntervalSince(lastDraw) > 0.1 || completed == total { redraw() }
    }

    func redraw() {
        guard total > 0 else { return }
        lastDraw = Date()
        let width = 28
        let frac = min(1, Double(completed) / Double(total))
        let filled = Int(frac * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let elapsed = Date().timeIntervalSince(started)
        let doneHere = completed - startDone
        let rate = elapsed > 0 ? Double(doneHere) / elapsed : 0
        let eta = rate > 0 ? Double(total - completed) / rate : 0
        let rateText = rate >= 1 ? String(format: "%.1f/s", rate) : (rate > 0 ? String(format: "%.1fs/it", 1 / rate) : "")
        let line = "\(label) \(bar) \(completed)/\(total) \(rateText) ETA \(Self.duration(eta)) \(suffix)"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        visible = true
    }

    func clear() {
        guard visible else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        visible = false
    }

    func finish() {
        guard visible else { return }
        redraw()
        FileHandle.standardError.write(Data("\n".utf8))
        visible = false
        total = 0
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--" }
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
