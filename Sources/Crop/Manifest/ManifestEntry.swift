import Foundation

/// A box as a manifest states it, before the picture's size is known.
public enum BoxGeometry: Sendable, Equatable {
    /// Pixel coordinates, top-left origin (native, COCO, VOC, CreateML).
    case pixels(x: Double, y: Double, width: Double, height: Double)
    /// Fractions of the picture's width and height, top-left origin, with an
    /// optional clockwise rotation in degrees about the top-left corner
    /// (YOLO, Label Studio); resolved once the upright picture is decoded.
    case fraction(x: Double, y: Double, width: Double, height: Double, rotation: Double)
}

/// One annotated box of a manifest entry.
public struct ManifestBox: Sendable, Equatable {
    public var geometry: BoxGeometry
    /// Class name, when the format gives one.
    public var label: String?

    public init(geometry: BoxGeometry, label: String? = nil) {
        self.geometry = geometry
        self.label = label
    }
}

/// How a manifest names its picture.
public enum PictureReference: Sendable, Equatable, Hashable {
    /// A path, relative to the annotation's folder (or absolute).
    case path(String)
    /// Only a file stem (YOLO): any raster extension matches.
    case stem(String)
    /// Alternatives to try in order (Label Studio upload names).
    case anyOf([String])

    /// The reference as a user would recognise it in messages.
    public var display: String {
        switch self {
        case .path(let p): return p
        case .stem(let s): return s + ".*"
        case .anyOf(let names): return names.first ?? ""
        }
    }
}

/// One picture of a manifest with its boxes, in manifest order.
public struct ManifestEntry: Sendable, Equatable {
    public var picture: PictureReference
    /// The annotation file this entry came from (pictures are looked up
    /// beside it, in its parent, and in the usual sibling folders).
    public var annotationFile: URL
    /// Size the manifest declares, if any (checked against the picture).
    public var declaredWidth: Int?
    public var declaredHeight: Int?
    public var boxes: [ManifestBox]

    public init(picture: PictureReference, annotationFile: URL, declaredWidth: Int? = nil,
                declaredHeight: Int? = nil, boxes: [ManifestBox]) {
        self.picture = picture
        self.annotationFile = annotationFile
        self.declaredWidth = declaredWidth
        self.declaredHeight = declaredHeight
        self.boxes = boxes
    }
}
