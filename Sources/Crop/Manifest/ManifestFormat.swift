/// The annotation formats `dman crop` reads; all normalise to ``ManifestEntry``.
public enum ManifestFormat: String, Sendable, CaseIterable, Codable {
    /// dman's own JSON (`manifests/crop-manifest.schema.json`), pixel top-left boxes;
    /// also the plain `{"images":[{"file","boxes":[{"x","y","w","h"}]}]}` form.
    case native
    /// COCO instances JSON (`images`, `annotations` with `bbox` [x, y, w, h], `categories`).
    case coco
    /// Pascal VOC XML, one file per picture (1-based inclusive corners); a file or a folder.
    case voc
    /// YOLO txt, one file per picture (`class cx cy w h`, normalised) plus `classes.txt`.
    case yolo
    /// CreateML JSON (`[{"image", "annotations":[{"label","coordinates":{x,y,width,height}}]}]`, pixel centre boxes).
    case createml
    /// Label Studio JSON export (percent units, top-left, `rotation` in degrees).
    case labelstudio
}
