/// An axis-aligned rectangle in pixel coordinates of a source picture
/// (top-left origin; may extend outside the picture for padded regions).
public struct PixelBox: Sendable, Equatable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

/// One transform applied to an image, with the exact parameters used, so the
/// output can be reproduced from the record alone.
public struct AppliedTransform: Sendable, Equatable, Codable {
    /// Transform name (`rotate`, `unsharp`, `flip`, `resize`, ...).
    public var name: String
    /// The stage that applied it (`crop`, `augment`, ...).
    public var stage: String
    /// Parameters as the transform's own Codable struct encodes them.
    public var parameters: JSONValue

    public init(name: String, stage: String, parameters: JSONValue) {
        self.name = name
        self.stage = stage
        self.parameters = parameters
    }
}

/// Where an image came from: the source picture, the box, the square region
/// cut from it, and every transform since. Later stages append; nothing here
/// is ever guessed.
public struct Provenance: Sendable, Equatable, Codable {
    /// Source picture path, relative to the crop root when inside it.
    public var source: String
    /// SHA-256 of the source picture's bytes.
    public var sourceSHA256: String?
    /// Source picture size after EXIF orientation.
    public var sourceWidth: Int?
    public var sourceHeight: Int?
    /// Index of the box within its picture (manifest order).
    public var boxIndex: Int?
    /// Box label from the manifest, if any.
    public var label: String?
    /// The annotated box, in upright source pixels.
    public var box: PixelBox?
    /// The square region cut (may extend past the picture; see `padFraction`).
    public var region: PixelBox?
    /// Fraction of the region's area that lay outside the picture and was filled.
    public var padFraction: Double?
    /// How outside pixels were filled (`mirror`, `edge`, `blur`, `color:#RRGGBB`, or `none`).
    public var padMode: String?
    /// Output side divided by region side (> 1 means upscaled).
    public var upscale: Double?
    /// Seed of the stage that produced the image, when it drew random numbers.
    public var seed: UInt64?
    /// Transforms after the crop, in order.
    public var transforms: [AppliedTransform]

    public init(source: String, sourceSHA256: String? = nil, sourceWidth: Int? = nil, sourceHeight: Int? = nil,
                boxIndex: Int? = nil, label: String? = nil, box: PixelBox? = nil, region: PixelBox? = nil,
                padFraction: Double? = nil, padMode: String? = nil, upscale: Double? = nil, seed: UInt64? = nil,
                transforms: [AppliedTransform] = []) {
        self.source = source
        self.sourceSHA256 = sourceSHA256
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.boxIndex = boxIndex
        self.label = label
        self.box = box
        self.region = region
        self.padFraction = padFraction
        self.padMode = padMode
        self.upscale = upscale
        self.seed = seed
        self.transforms = transforms
    }
}
