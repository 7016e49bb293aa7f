import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct CropperTests {
    @Test func everyFormatGivesIdenticalCrops() throws {
        let tmp = TemporaryDirectory()
        var reference: [String: DatasetRecord]?
        for (path, _) in ManifestFormatTests.cases {
            let out = tmp.path(URL(fileURLWithPath: path).lastPathComponent + "-out")
            let (summary, log) = try crop(Fixtures.path(path), into: out) { $0.size = 16 }
            #expect(log.failures.isEmpty, "\(path): \(log.failures)")
            #expect(summary.crops == 3 && summary.images == 2 && summary.failed == 0)
            let recs = try records(in: out)
            #expect(Set(recs.keys) == ["a_0", "a_1", "b_0"])
            if let reference {
                for (id, r) in recs {
                    #expect(r.sha256 == reference[id]?.sha256, "\(path) \(id)")
                    #expect(r.provenance == reference[id]?.provenance, "\(path) \(id)")
                }
            } else {
                reference = recs
            }
        }
        // b's box spans the picture's width: the margin is given up, so the 30 px square pads nothing.
        let b = try #require(reference?["b_0"])
        #expect(b.provenance.region == PixelBox(x: 0, y: 0, width: 30, height: 30))
        #expect(b.provenance.padFraction == 0)
        #expect(b.provenance.box == PixelBox(x: 0, y: 0, width: 30, height: 25))
        #expect(b.provenance.source == "b.png" && b.provenance.boxIndex == 0 && b.provenance.label == "cat")
        #expect(b.provenance.sourceSHA256 == SHA256.hex(try Data(contentsOf: Fixtures.path("formats/b.png"))))
        #expect(b.family == "b_0" && b.width == 16 && b.height == 16)
    }

    @Test func goldenCropMatchesImageMagickCLI() throws {
        let tmp = TemporaryDirectory()
        let (summary, _) = try crop(Fixtures.path("golden/source.json"), into: tmp.url) { $0.size = 16 }
        #expect(summary.crops == 1 && summary.padded == 0)
        let r = try #require(try records(in: tmp.url)["source_0"])
        #expect(r.provenance.region == PixelBox(x: 19, y: 12, width: 26, height: 26))
        let ours = try ImageCodec.decode(Data(contentsOf: tmp.path(r.file))).image
        let golden = try ImageCodec.decode(Data(contentsOf: Fixtures.path("golden/golden-16.png"))).image
        #expect(ours.width == golden.width && ours.height == golden.height && ours.channels == golden.channels)
        let maxDiff = zip(ours.pixels, golden.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 255
        #expect(maxDiff <= 2, "largest channel difference \(maxDiff)")
        #expect(abs((r.provenance.upscale ?? 0) - 16.0 / 26.0) < 1e-12)
    }

    @Test func exifRotatedJPEGCropsTheUprightRegion() throws {
        let tmp = TemporaryDirectory()
        try FileManager.default.copyItem(at: Fixtures.path("exif/rotated-righttop.jpg"), to: tmp.path("phone.jpg"))
        let manifest = #"{"images": [{"file": "phone.jpg", "boxes": [{"x": 2, "y": 2, "w": 12, "h": 12}, {"x": 30, "y": 10, "w": 12, "h": 12}]}]}"#
        try Data(manifest.utf8).write(to: tmp.path("m.json"))
        let out = tmp.path("out")
        let (summary, _) = try crop(tmp.path("m.json"), into: out) { $0.margin = 0 }
        #expect(summary.crops == 2)
        let recs = try records(in: out)
        #expect(recs["phone_0"]?.provenance.sourceWidth == 48 && recs["phone_0"]?.provenance.sourceHeight == 32)
        func mean(_ id: String) throws -> [Int] {
            let img = try ImageCodec.decode(Data(contentsOf: out.appendingPathComponent(id + ".png"))).image
            return (0..<3).map { c in (0..<img.area).map { Int(img.pixels[$0 * 3 + c]) }.reduce(0, +) / img.area }
        }
        let yellow = try mean("phone_0"), blue = try mean("phone_1")
        #expect(yellow[0] > 180 && yellow[1] > 180 && yellow[2] < 90, "top-left is the yellow square: \(yellow)")
        #expect(blue[2] > 160 && blue[0] < 90, "right half is blue: \(blue)")
        // Decoded at half size (the orientation is read from the header first): same regions, same colours.
        let small = tmp.path("small")
        _ = try crop(tmp.path("m.json"), into: small) { $0.margin = 0; $0.size = 3 }
        let reduced = try records(in: small)
        #expect(reduced["phone_0"]?.provenance.region == recs["phone_0"]?.provenance.region)
        #expect(reduced["phone_0"]?.provenance.transforms.first?.parameters == .object([
            "width": .number(3), "height": .number(3), "filter": .string("Lanczos"), "jpegReduction": .number(2),
        ]))
        let y = try ImageCodec.decode(Data(contentsOf: small.appendingPathComponent("phone_0.png"))).image
        #expect(y[1, 1][0] > 180 && y[1, 1][1] > 180 && y[1, 1][2] < 90, "still yellow: \(y[1, 1])")
    }

    @Test func borderTouchingCropHoldsMirroredPixelsAndNoFlatBand() throws {
        let tmp = TemporaryDirectory()
        let src = SyntheticImage.textured(width: 60, height: 40, seed: 21)
        try writePNG(src, to: tmp.path("s.png"))
        // Tall box on the left edge: side round(40 × 1.1) = 44 > height 40.
        try Data(#"{"images": [{"file": "s.png", "boxes": [{"x": 0, "y": 0, "w": 20, "h": 40}]}]}"#.utf8).write(to: tmp.path("m.json"))
        let out = tmp.path("out")
        _ = try crop(tmp.path("m.json"), into: out) { $0.shrinkMargin = false; $0.pad = .mirror }
        let r = try #require(try records(in: out)["s_0"])
        let region = try #require(r.provenance.region)
        #expect(region == PixelBox(x: 0, y: -2, width: 44, height: 44))
        let img = try ImageCodec.decode(Data(contentsOf: out.appendingPathComponent(r.file))).image
        #expect(img.width == 44)
        // Rows -2, -1 are rows 2, 1; rows 40, 41 are rows 38, 37.
        for x in 0..<44 {
            #expect(img[x, 0] == src[x, 2] && img[x, 1] == src[x, 1])
            #expect(img[x, 42] == src[x, 38] && img[x, 43] == src[x, 37])
        }
        // No flat band: no row or column is one colour, and no two neighbours are equal.
        for y in 0..<44 { #expect(Set((0..<44).map { img[$0, y] }).count > 1) }
        for x in 0..<44 { #expect(Set((0..<44).map { img[x, $0] }).count > 1) }
        for y in 1..<44 { #expect((0..<44).map { img[$0, y] } != (0..<44).map { img[$0, y - 1] }, "rows \(y - 1), \(y)") }
    }

    @Test func rerunKeepsFinishedCropsAndRemovesLeftovers() throws {
        let tmp = TemporaryDirectory()
        let root = try Fixtures.copy("formats", into: tmp)
        let out = tmp.path("out")
        let (first, _) = try crop(root.appendingPathComponent("boxes.json"), into: out) { $0.size = 16 }
        #expect(first.written == 3 && first.resumed == 0)
        let before = try records(in: out)
        // A killed run leaves a temporary file and a missing crop behind.
        try Data("partial".utf8).write(to: out.appendingPathComponent(".a_1.png.1234abcd.tmp"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("a_1.png"))
        let (second, _) = try crop(root.appendingPathComponent("boxes.json"), into: out) { $0.size = 16 }
        #expect(second.crops == 3)
        #expect(second.resumed == 1, "b_0 is kept; a's picture is redone because a_1 is missing")
        #expect(second.written == 2)
        #expect(try records(in: out) == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".dman") }.sorted()
        #expect(names == ["a_0.png", "a_1.png", "b_0.png", "dataset.json"])
        // Changing an option redoes the crops it affects.
        let (third, _) = try crop(root.appendingPathComponent("boxes.json"), into: out) { $0.size = 24 }
        #expect(third.resumed == 0 && third.written == 3)
        #expect(try records(in: out)["a_0"]?.width == 24)
    }

    @Test func sameOutputForAnyJobCount() throws {
        let tmp = TemporaryDirectory()
        let (_, _) = try crop(Fixtures.path("formats/coco.json"), into: tmp.path("j1")) { $0.jobs = 1; $0.size = 20 }
        let (_, _) = try crop(Fixtures.path("formats/coco.json"), into: tmp.path("j2")) { $0.jobs = 2; $0.size = 20 }
        let a = try Data(contentsOf: tmp.path("j1/dataset.json")), b = try Data(contentsOf: tmp.path("j2/dataset.json"))
        #expect(a == b)
    }

    @Test func labelFilterMinSizeAndUpscale() throws {
        let tmp = TemporaryDirectory()
        let (dogs, _) = try crop(Fixtures.path("formats/coco.json"), into: tmp.path("dogs")) { $0.labels = ["dog"] }
        #expect(dogs.crops == 1 && dogs.filtered == 2)
        #expect(try Set(records(in: tmp.path("dogs")).keys) == ["a_1"], "box indices do not change when filtering")
        let (big, log) = try crop(Fixtures.path("formats/coco.json"), into: tmp.path("big")) { $0.minSize = 16; $0.size = 64; $0.shrinkMargin = false }
        #expect(big.skipped == 1 && big.crops == 2)
        #expect(log.typedWarnings.contains {
            guard case .boxTooSmall("a.png", 0, _, 16)? = $0.warning as? CropWarning else { return false }
            return true
        }, "\(log.warnings)")
        #expect(log.warnings.contains { $0.contains("a.png: box 0") && $0.contains("is smaller than minSize 16.0; skipped") })
        #expect(big.upscaled == 1, "a_1 (20 px) → 64 px is 3.2×")
        #expect(try records(in: tmp.path("big"))["a_1"]?.provenance.upscale == 64.0 / 20.0)
        #expect(big.failed == 0)
    }

    @Test func alphaIsFlattenedUnlessKept() throws {
        let tmp = TemporaryDirectory()
        var img = PixelImage(width: 10, height: 10, channels: 4)
        for y in 0..<10 { for x in 0..<10 { img[x, y] = [200, 10, 10, x < 5 ? 0 : 255] } }
        try writePNG(img, to: tmp.path("t.png"))
        try Data(#"{"images": [{"file": "t.png", "boxes": [{"x": 0, "y": 0, "w": 10, "h": 10}]}]}"#.utf8).write(to: tmp.path("m.json"))
        _ = try crop(tmp.path("m.json"), into: tmp.path("flat")) { $0.margin = 0; $0.background = .black }
        let flat = try ImageCodec.decode(Data(contentsOf: tmp.path("flat/t_0.png"))).image
        #expect(flat.channels == 3 && flat[0, 0] == [0, 0, 0] && flat[9, 9] == [200, 10, 10])
        #expect(try records(in: tmp.path("flat"))["t_0"]?.provenance.transforms.first?.name == "flatten")
        _ = try crop(tmp.path("m.json"), into: tmp.path("kept")) { $0.margin = 0; $0.keepAlpha = true }
        let kept = try ImageCodec.decode(Data(contentsOf: tmp.path("kept/t_0.png"))).image
        #expect(kept.channels == 4 && kept[0, 0][3] == 0 && kept[9, 9] == [200, 10, 10, 255])
    }
}

@Suite struct ExampleManifestTests {
    /// `manifests/examples/demo.manifest.json`, found from this source file.
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("manifests/examples/demo.manifest.json")

    @Test func demoManifestCrops() throws {
        let tmp = TemporaryDirectory()
        let (summary, log) = try crop(Self.demo, into: tmp.url) { $0.size = 32 }
        #expect(log.failures.isEmpty && log.warnings.isEmpty, "\(log.failures) \(log.warnings)")
        // demo-2's box 1 is as tall as the picture: its margin is given up instead of padding 12 px a side.
        #expect(summary.crops == 4 && summary.images == 2 && summary.padded == 0)
        let group = try #require(try records(in: tmp.url)["demo-2_1"])
        #expect(group.provenance.region == PixelBox(x: 0, y: 30, width: 120, height: 120))
    }
}

@Suite struct ReducedJPEGDecodeTests {
    @Test func reducedDecodeMatchesFullDecodeClosely() throws {
        let tmp = TemporaryDirectory()
        try FileManager.default.copyItem(at: Fixtures.path("jpeg/plasma-256x192.jpg"), to: tmp.path("p.jpg"))
        try Data(#"{"images": [{"file": "p.jpg", "boxes": [{"x": 40, "y": 20, "w": 160, "h": 150}]}]}"#.utf8).write(to: tmp.path("m.json"))
        _ = try crop(tmp.path("m.json"), into: tmp.path("fast")) { $0.size = 16 }
        _ = try crop(tmp.path("m.json"), into: tmp.path("full")) { $0.size = 16; $0.reducedJPEGDecode = false }
        let fast = try #require(try records(in: tmp.path("fast"))["p_0"])
        let full = try #require(try records(in: tmp.path("full"))["p_0"])
        #expect(fast.provenance.region == full.provenance.region)
        #expect(fast.provenance.region == PixelBox(x: 32, y: 7, width: 176, height: 176))
        #expect(fast.provenance.sourceWidth == 256 && fast.provenance.sourceHeight == 192, "full size is recorded")
        #expect(fast.provenance.transforms.first?.parameters == .object([
            "width": .number(16), "height": .number(16), "filter": .string("Lanczos"), "jpegReduction": .number(4),
        ]))
        #expect(full.provenance.transforms.first?.parameters == .object([
            "width": .number(16), "height": .number(16), "filter": .string("Lanczos"),
        ]))
        let a = try ImageCodec.decode(Data(contentsOf: tmp.path("fast/p_0.png"))).image
        let b = try ImageCodec.decode(Data(contentsOf: tmp.path("full/p_0.png"))).image
        let diffs = zip(a.pixels, b.pixels).map { abs(Int($0) - Int($1)) }
        let mean = Double(diffs.reduce(0, +)) / Double(diffs.count)
        #expect(mean < 2 && diffs.max()! <= 12, "mean \(mean), max \(diffs.max()!)")
    }
}
