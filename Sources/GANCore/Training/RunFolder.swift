import DmanCore
import Foundation

/// The files of one training run.
///
///     RUN/config.json                      the DCGANConfig (JSON)
///     RUN/checkpoints/step-00000200.safetensors   (the last two by default, --keep-checkpoints)
///     RUN/samples/step-00000200.png        grid from one fixed z
///     RUN/losses.csv                       one row per iteration
///     RUN/loss-curve.png                   D and G losses (and the augmentation probability)
///     RUN/nearest.png                      memorisation check at the end of a run
///     RUN/training-time.json               wall-clock seconds trained up to the newest checkpoint
public struct RunFolder: Sendable {
    public let url: URL

    public init(_ url: URL) { self.url = url.standardizedFileURL }

    public var configURL: URL { url.appendingPathComponent("config.json") }
    public var checkpointsURL: URL { url.appendingPathComponent("checkpoints") }
    public var samplesURL: URL { url.appendingPathComponent("samples") }
    public var lossesURL: URL { url.appendingPathComponent("losses.csv") }
    public var lossCurveURL: URL { url.appendingPathComponent("loss-curve.png") }
    /// Memorisation check picture (sample | nearest | second nearest training image).
    public var nearestURL: URL { url.appendingPathComponent("nearest.png") }

    /// `{"step": N, "seconds": S}`: training time up to checkpoint N (for `--time-limit`).
    public var trainingTimeURL: URL { url.appendingPathComponent("training-time.json") }

    /// The checkpoint file for `step`.
    public func checkpointURL(step: Int) -> URL {
        checkpointsURL.appendingPathComponent(String(format: "step-%08d.safetensors", step))
    }

    /// The sample grid file for `step`.
    public func sampleURL(step: Int) -> URL {
        samplesURL.appendingPathComponent(String(format: "step-%08d.png", step))
    }

    /// Whether the sample grid of `step` exists.
    func hasSample(step: Int) -> Bool { FileManager.default.fileExists(atPath: sampleURL(step: step).path) }

    private struct TrainingTime: Codable { var step: Int; var seconds: Double }

    /// Seconds trained up to checkpoint `step`, if recorded for that step.
    func trainingSeconds(atStep step: Int) -> Double? {
        guard let data = try? Data(contentsOf: trainingTimeURL),
              let t = try? JSONDecoder().decode(TrainingTime.self, from: data), t.step == step else { return nil }
        return t.seconds
    }

    func writeTrainingSeconds(_ seconds: Double, atStep step: Int) throws(GANError) {
        let json = (try? JSONEncoder().encode(TrainingTime(step: step, seconds: seconds))) ?? Data()
        try write(json + Data("\n".utf8), to: trainingTimeURL)
    }

    /// Checkpoints present, oldest first.
    public func checkpoints() -> [(step: Int, url: URL)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: checkpointsURL.path)) ?? []
        return names.compactMap { name -> (Int, URL)? in
            guard name.hasPrefix("step-"), name.hasSuffix(".safetensors"),
                  let s = Int(name.dropFirst(5).dropLast(12)) else { return nil }
            return (s, checkpointsURL.appendingPathComponent(name))
        }.sorted { $0.0 < $1.0 }
    }

    /// The newest checkpoint, if any.
    public var latestCheckpoint: URL? { checkpoints().last?.url }

    func create() throws(GANError) {
        for dir in [url, checkpointsURL, samplesURL] {
            do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                throw .write(file: dir.path, reason: (error as NSError).localizedDescription)
            }
        }
        AtomicFile.removeLeftovers(in: checkpointsURL)
        AtomicFile.removeLeftovers(in: samplesURL)
        AtomicFile.removeLeftovers(in: url)
    }

    func write(_ data: Data, to file: URL) throws(GANError) {
        do { try AtomicFile.write(data, to: file) } catch { throw GANError(error) }
    }

    func writePNG(_ image: PixelImage, to file: URL) throws(GANError) {
        let data: Data
        do { data = try ImageCodec.pngData(image) } catch { throw .write(file: file.path, reason: error.description) }
        try write(data, to: file)
    }

    /// Rows of `losses.csv` up to `step` (a resumed run drops rows past its checkpoint).
    func readLosses(upTo step: Int, batchesPerEpoch: Int) -> [IterationRecord] {
        guard let text = try? String(contentsOf: lossesURL, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { IterationRecord(csvLine: $0, batchesPerEpoch: batchesPerEpoch) }
            .filter { $0.step <= step }
    }

    func writeLosses(_ rows: [IterationRecord]) throws(GANError) {
        var text = IterationRecord.csvHeader + "\n"
        for r in rows { text += r.csvLine + "\n" }
        try write(Data(text.utf8), to: lossesURL)
        try writePNG(LossCurve.draw(rows), to: lossCurveURL)
    }
}
