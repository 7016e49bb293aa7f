extension DatasetExport {
    /// What `dman export` (and a pipeline's `[export]` section) writes: the layout and its dataset name.
    public struct Settings: Sendable, Equatable {
        /// The keys ``init(settings:)`` reads: `dman export`'s long flags without the dashes.
        public static let settingKeys = ["layout", "name"]

        public var layout = Layout.imagefolder
        /// Folder name of the dcgan-tensorflow layout.
        public var name = "dman"

        public init() {}

        /// Settings read and checked as `dman export` checks its flags.
        public init(settings s: StageSettings) throws(SettingError) {
            if let l = try s.choice("layout", Layout.self) { layout = l }
            if let n = try s.string("name") { name = n }
        }
    }
}
