import Crop
import DmanCore
import Testing

/// Crop's warnings and box rejections are values naming ``CropOptions``
/// fields; the CLI names them as flags (issue 15: diagnostics as data).
@Suite struct CropWarningTests {
    static let flags = ["minSize": "--min-size", "maxPad": "--max-pad", "clip": "--clip", "allowOutside": "--allow-outside"]
    static func asFlags(_ field: String) -> String { flags[field] ?? field }

    @Test(arguments: [
        (CropWarning.boxTooSmall(path: "a.png", boxIndex: 0, box: "x=0 y=0 w=4 h=4", minSize: 16),
         "a.png: box 0 x=0 y=0 w=4 h=4 is smaller than minSize 16.0; skipped",
         "a.png: box 0 x=0 y=0 w=4 h=4 is smaller than --min-size 16.0; skipped"),
        (.mostlyPadding(path: "b.jpg", boxIndex: 2, fraction: 0.404, maxPad: 0.25),
         "b.jpg: box 2: crop is 40% padding (above maxPad 25%)", "b.jpg: box 2: crop is 40% padding (above --max-pad 25%)"),
        (.upscaled(path: "c.png", boxIndex: 1, factor: 3.2, regionSide: 20),
         "c.png: box 1: upscaled 3.2× (region 20 px); may look blurry", "c.png: box 1: upscaled 3.2× (region 20 px); may look blurry"),
        (.sizeMismatch(path: "s.jpg", declaredWidth: 20, declaredHeight: 30, width: 30, height: 20, orientation: 6),
         "s.jpg: manifest says 20×30 but the picture is 30×20 after EXIF orientation 6; boxes are read in the picture's upright pixels",
         "s.jpg: manifest says 20×30 but the picture is 30×20 after EXIF orientation 6; boxes are read in the picture's upright pixels"),
        (.animated(path: "d.gif", frames: 3), "d.gif: 3 frames (animated); only the first is cropped",
         "d.gif: 3 frames (animated); only the first is cropped"),
    ])
    func eachWarningNamesItsFileAndItsField(warning: CropWarning, library: String, cli: String) {
        #expect(warning.description == library)
        #expect(ItemWarning(warning).line(naming: Self.asFlags) == cli)
    }

    @Test func rejectionsNameTheClipFieldAndRefusalsTheAllowOutsideField() {
        let outside = CropError.invalidBox(path: "g.png", boxIndex: 4, box: "x=35 y=5 w=20 h=4", reason: .outside(width: 40, height: 30))
        #expect(outside.description == "g.png: box 4 x=35 y=5 w=20 h=4: outside the 40×30 picture (use clip to clip it)")
        #expect(outside.line(naming: Self.asFlags).hasSuffix("(use --clip to clip it)"))
        let gone = CropError.invalidBox(path: "g.png", boxIndex: 5, box: "x=90 y=5 w=2 h=4", reason: .entirelyOutside(width: 40, height: 30))
        #expect(!gone.line(naming: Self.asFlags).contains("--"), "clipping cannot save a box entirely outside")
        let refused = CropError.pathRefused(reference: "../x.png", reason: .escapes("../x.png"))
        #expect(refused.line(naming: Self.asFlags) == "../x.png: path ../x.png escapes the dataset root (use --allow-outside)")
        #expect(!CropError.pathRefused(reference: "", reason: .empty).description.contains("allowOutside"))
    }
}
