import DmanCore
import Foundation

/// `loss-curve.png`: D's and G's losses per iteration, with a title, axis
/// titles, tick values and a legend. A series on another scale gets its own right-hand axis, drawn and
/// labelled in its colour: the adaptive augmentation probability (0–1) and the R1 penalty (logged every
/// few iterations and joined across the ones without it; some hundred times smaller than the losses, so
/// on the loss axis it would be a flat line at zero).
public enum LossCurve {
    typealias RGB = [UInt8]
    static let blue: RGB = [31, 119, 180], orange: RGB = [255, 127, 14], green: RGB = [44, 160, 44]
    static let purple: RGB = [148, 103, 189], red: RGB = [214, 39, 40], ink: RGB = [0, 0, 0], grid: RGB = [225, 225, 225]
    static let scale = 2

    /// A series with its own right-hand axis: title above the axis, tick values and series in `colour`.
    struct RightAxis {
        let title: String, legend: String, colour: RGB, ticks: [Double]
        let value: (IterationRecord) -> Double?
    }

    /// The right-hand axes the records need, in drawing order (nearest the plot first).
    static func rightAxes(_ records: [IterationRecord]) -> [RightAxis] {
        var axes: [RightAxis] = []
        if records.contains(where: { $0.losses.augmentProbability != nil }) {
            axes.append(RightAxis(title: "augment p", legend: "augment p (right axis)", colour: purple,
                                  ticks: [0, 0.5, 1], value: { $0.losses.augmentProbability }))
        }
        let r1 = records.compactMap(\.losses.r1Penalty).filter(\.isFinite)
        if let high = r1.max() {
            axes.append(RightAxis(title: "R1", legend: "R1 penalty (right axis)", colour: red,
                                  ticks: ticks(low: min(0, r1.min()!), high: max(high, 1e-6)), value: { $0.losses.r1Penalty }))
        }
        return axes
    }

    public static func draw(_ records: [IterationRecord], width: Int = 800, height: Int = 400) -> PixelImage {
        var img = PixelImage(width: width, height: height, channels: 3)
        img.pixels = [UInt8](repeating: 255, count: width * height * 3)
        let glyphH = TinyFont.height * scale, rowH = glyphH + 6
        let axes = rightAxes(records)
        // Each right-hand axis is as wide as its tick values; their titles take one row each above the plot.
        let axisWidths = axes.map { axis in 9 + (axis.ticks.map { TinyFont.textWidth(format($0, axis.ticks), scale: scale) }.max() ?? 0) + 16 }
        let left = 70, right = max(60, axisWidths.reduce(0, +) + 10)
        let top = 36 + max(axes.count - 1, 0) * rowH, bottom = 50
        let plotW = width - left - right, plotH = height - top - bottom
        let values = records.flatMap { [$0.losses.discriminator, $0.losses.generator] }.filter(\.isFinite)
        let yTicks = Self.ticks(low: min(0, values.min() ?? 0), high: max(1, values.max() ?? 1))
        let firstStep = Double(records.first?.step ?? 0), lastStep = Double(records.last?.step ?? 1)
        let xTicks = Self.ticks(low: records.count > 1 ? firstStep : 0, high: max(lastStep, firstStep + 1))
        let (x0, x1) = (xTicks.first!, xTicks.last!)
        func px(_ step: Double) -> Int { left + Int((step - x0) / (x1 - x0) * Double(plotW)) }
        func py(_ v: Double, _ ticks: [Double]) -> Int {
            let (lo, hi) = (ticks.first!, ticks.last!)
            return top + plotH - Int((min(max(v, lo), hi) - lo) / (hi - lo) * Double(plotH))
        }
        func put(_ x: Int, _ y: Int, _ c: RGB) {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let o = img.offset(x, y)
            img.pixels[o] = c[0]; img.pixels[o + 1] = c[1]; img.pixels[o + 2] = c[2]
        }
        func text(_ s: String, _ x: Int, _ y: Int, _ c: RGB = ink) { TinyFont.draw(s, into: &img, x: x, y: y, color: c, scale: scale) }
        // Grid, ticks and tick values.
        for v in yTicks {
            let y = py(v, yTicks)
            for x in left...(left + plotW) { put(x, y, v == 0 ? ink : grid) }
            for x in (left - 5)..<left { put(x, y, ink) }
            let label = Self.format(v, yTicks)
            text(label, left - 8 - TinyFont.textWidth(label, scale: scale), y - glyphH / 2)
        }
        for v in xTicks {
            let x = px(v)
            for y in (top + plotH)...(top + plotH + 5) { put(x, y, ink) }
            let label = Self.format(v, xTicks)
            text(label, x - TinyFont.textWidth(label, scale: scale) / 2, top + plotH + 9)
        }
        for y in top...(top + plotH) { put(left, y, ink) }
        for x in left...(left + plotW) { put(x, top + plotH, ink) }
        var axisX = left + plotW
        for (k, axis) in axes.enumerated() {
            for y in top...(top + plotH) { put(axisX, y, axis.colour) }
            for v in axis.ticks {
                let y = py(v, axis.ticks)
                for x in axisX...(axisX + 5) { put(x, y, axis.colour) }
                text(Self.format(v, axis.ticks), axisX + 9, y - glyphH / 2, axis.colour)
            }
            let titleW = TinyFont.textWidth(axis.title, scale: scale)
            text(axis.title, min(axisX, width - 4 - titleW), top - glyphH - 6 - (axes.count - 1 - k) * rowH, axis.colour)
            axisX += axisWidths[k]
        }
        // Titles.
        let title = "training losses per iteration"
        text(title, (width - TinyFont.textWidth(title, scale: scale)) / 2, 8)
        text("iteration", left + (plotW - TinyFont.textWidth("iteration", scale: scale)) / 2, height - glyphH - 8)
        text("loss", 8, top - glyphH - 6)
        // Series: (legend, colour, value, its axis's ticks, joined across records without a value).
        var series: [(String, RGB, (IterationRecord) -> Double?, [Double], Bool)] = [
            ("d loss", blue, { $0.losses.discriminator }, yTicks, false), ("g loss", orange, { $0.losses.generator }, yTicks, false),
        ]
        series += axes.map { ($0.legend, $0.colour, $0.value, $0.ticks, true) }
        for (_, colour, value, ticks, joinsGaps) in series {
            var prev: (Int, Int)?
            for r in records {
                guard let v = value(r), v.isFinite else { if !joinsGaps { prev = nil }; continue }
                let x = px(Double(r.step)), y = py(v, ticks)
                if let (qx, qy) = prev { line(qx, qy, x, y) { put($0, $1, colour) } } else { put(x, y, colour) }
                prev = (x, y)
            }
        }
        // Legend, top right inside the plot.
        let legendW = (series.map { TinyFont.textWidth($0.0, scale: scale) }.max() ?? 0) + 40
        let lx = left + plotW - legendW - 10, ly = top + 8
        for y in (ly - 4)...(ly + rowH * series.count) {
            for x in (lx - 6)...(lx + legendW) { put(x, y, y == ly - 4 || y == ly + rowH * series.count || x == lx - 6 || x == lx + legendW ? grid : [255, 255, 255]) }
        }
        for (k, (name, colour, _, _, _)) in series.enumerated() {
            let y = ly + k * rowH + glyphH / 2
            for x in lx..<(lx + 24) { put(x, y, colour); put(x, y + 1, colour) }
            text(name, lx + 30, y - glyphH / 2)
        }
        return img
    }

    /// Round tick values covering [low, high]: steps of 1, 2 or 5 × 10ᵏ, at most 8 intervals.
    static func ticks(low: Double, high: Double) -> [Double] {
        let span = max(high - low, 1e-9)
        let base = pow(10, (log10(span / 8)).rounded(.down))
        var step = base * 10
        for m in [1.0, 2, 5] where span / (base * m) <= 8 { step = base * m; break }
        let first = (low / step).rounded(.down) * step, last = (high / step).rounded(.up) * step
        var out: [Double] = []
        var v = first
        while v <= last + step * 1e-6 { out.append(abs(v) < step * 1e-6 ? 0 : v); v += step }
        return out.count >= 2 ? out : [first, first + step]
    }

    /// A tick value with as many decimals as the tick step needs.
    static func format(_ v: Double, _ ticks: [Double]) -> String {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let decimals = step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
        return String(format: "%.\(decimals)f", v)
    }

    static func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ plot: (Int, Int) -> Void) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            plot(x, y)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }
}
