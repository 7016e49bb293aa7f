import Foundation

/// Files of this repository (schemas, examples), found from this source file's path.
public enum RepositoryFiles {
    /// The repository's root folder.
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()   // DmanTestSupport
            .deletingLastPathComponent()                             // Tests
            .deletingLastPathComponent()                             // root
    }

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
