import DmanCore
import Foundation

/// Everything that controls a crop run besides the manifest and the output
/// folder. Defaults match the `dman crop` CLI.
public struct CropOptions: Sendable, Equatable {
    /// Force a manifest format instead of detecting it.
    public var format: ManifestFormat?
    /// Dataset root pictures must stay inside (default: the manifest's folder,
    /// or for a folder of VOC/YOLO files, its parent).
    public var root: URL?
    /// Extra folder searched first for pictures (`--images`).
    public var imagesFolder: URL?
    /// Accept picture paths outside the root (`../`, absolute, symlinks).
    public var allowOutside = false
    /// Square side = max(w, h) × (1 + margin).
    public var margin = 0.1
    /// Move the square to stay inside the picture (`--no-shift` turns it off).
    public var shift = true
    /// Give up margin (down to none) before padding (`--keep-margin` turns it off).
    public var shrinkMargin = true
    /// Fill for the part of a square outside the picture: a soft fade by
    /// default, never a copy of the content (``PadMode/mirror`` draws ghosts).
    public var pad: PadMode = .fade
    /// Crops whose pad fraction exceeds this get a warning.
    public var maxPad = 0.25
    /// Output side in pixels (Lanczos resize); nil keeps the region's size.
    public var size: Int?
    /// Colour alpha is flattened onto, unless ``keepAlpha``.
    public var background: RGBColor = .white
    /// Keep the alpha channel instead of flattening it.
    public var keepAlpha = false
    /// Only boxes with one of these labels (empty: all boxes).
    public var labels: Set<String> = []
    /// Boxes whose longer side is below this many pixels are skipped with a warning.
    public var minSize: Double = 0
    /// Clip boxes that lie partly outside the picture instead of refusing them.
    public var clip = false
    /// Stop at the first bad item.
    public var strict = false
    /// Worker threads.
    public var jobs = Parallel.defaultJobs
    /// Pixel-area cap per picture (default: ``MagickRuntime/Limits/maxPixels``).
    public var maxPixels: Int?
    /// Decode JPEGs at 1/2, 1/4 or 1/8 size (libjpeg DCT scaling) when every
    /// crop of the picture is downscaled at least 4×, 8× or 16× by ``size``;
    /// the reduction is recorded in each crop's provenance.
    public var reducedJPEGDecode = true
    /// Decode only the rows and columns of a JPEG that its crops read
    /// (``CropDecodeWindow``); the crops are the same either way.
    public var partialJPEGDecode = true
    /// Output upscaled more than this factor is recorded and warned about.
    public var upscaleWarning = 2.0

    /// The slice of pictures this run handles (`--shard I/N`); outputs of all
    /// shards joined with `dman merge` equal one unsharded run.
    public var shard: Shard = .all
    /// Rebuild from nothing: an existing output folder is first moved aside
    /// (`OUT.before-rebuild-N`, never deleted). Without it, a rerun into a
    /// folder a later stage decided on keeps the decisions or refuses (``StageDecisions``).
    public var force = false

    public init() {}

    /// The geometry these options imply.
    public var planner: SquareCropPlanner { SquareCropPlanner(margin: margin, shift: shift, shrinkMargin: shrinkMargin) }
}
