import DmanCore
import Foundation

extension CropOptions {
    /// The keys ``init(settings:)`` reads: `dman crop`'s long flags without the dashes.
    public static let settingKeys = ["format", "images", "root", "allow-outside", "margin", "pad", "no-shift", "keep-margin",
                                     "max-pad", "size", "full-decode", "background", "keep-alpha", "label", "min-size",
                                     "clip", "strict", "force", "shard"]

    /// Options read from named settings (a pipeline config's `[crop]`
    /// section), each value parsed and checked here, so a key means what
    /// `dman crop --<key>` means; absent keys keep the defaults.
    ///
    ///     let options = try CropOptions(settings: StageSettings([("size", .number(96)), ("pad", .string("edge"))]))
    public init(settings s: StageSettings) throws(SettingError) {
        self.init()
        format = try s.choice("format")
        imagesFolder = try s.string("images").map { URL(fileURLWithPath: $0) }
        root = try s.string("root").map { URL(fileURLWithPath: $0) }
        allowOutside = try s.bool("allow-outside")
        if let m = try s.double("margin") { margin = m }
        try s.require(margin.isFinite && margin >= 0, "margin", "must be 0 or more")
        if let p = try s.parsed("pad", expected: "expects fade, mirror, edge, blur or color:<#RRGGBB|white|black|gray>",
                                PadMode.init(parsing:)) { pad = p }
        shift = !(try s.bool("no-shift"))
        shrinkMargin = !(try s.bool("keep-margin"))
        if let m = try s.double("max-pad") { maxPad = m }
        try s.require(maxPad.isFinite && maxPad >= 0 && maxPad <= 1, "max-pad", "must be between 0 and 1")
        size = try s.int("size")
        if let size { try s.require(size >= 1 && size <= 16_384, "size", "must be between 1 and 16384") }
        reducedJPEGDecode = !(try s.bool("full-decode"))
        if let c = try s.parsed("background", expected: "expects #RRGGBB or white, black, gray", RGBColor.init(parsing:)) {
            background = c
        }
        keepAlpha = try s.bool("keep-alpha")
        labels = Set(try s.strings("label"))
        if let m = try s.double("min-size") { minSize = m }
        try s.require(minSize.isFinite && minSize >= 0, "min-size", "must be 0 or more")
        clip = try s.bool("clip")
        strict = try s.bool("strict")
        force = try s.bool("force")
        if let sh = try s.parsed("shard", expected: "expects I/N with 0 ≤ I < N, e.g. 0/3", Shard.init(parsing:)) { shard = sh }
    }
}
