import DmanCore
import Foundation

/// Finds the picture a manifest entry names, where annotation tools usually
/// put them, and keeps every path inside the dataset root.
///
/// Folders searched, in order: `--images DIR` (if given), the annotation
/// file's folder, its parent, and the sibling folders of the usual layouts
/// (`labels/` → `images/`, `Annotations/` → `JPEGImages/`, and a sibling
/// `images/`). A path leaving the root through `../`, an absolute path, or a
/// symbolic link is refused unless `allowOutside`.
public struct PictureLocator: Sendable {
    public let confinement: ConfinedPath
    public let imagesFolder: URL?

    public init(root: URL, imagesFolder: URL? = nil, allowOutside: Bool = false) {
        confinement = ConfinedPath(root: root, allowOutside: allowOutside)
        self.imagesFolder = imagesFolder?.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The picture file for `entry`, and its path as recorded (relative to the root when inside it).
    public func locate(_ entry: ManifestEntry) throws(CropError) -> (url: URL, recorded: String) {
        let names: [String]
        switch entry.picture {
        case .path(let p): names = [p]
        case .anyOf(let list): names = list
        case .stem(let s): names = RasterFormat.fileExtensions.sorted().flatMap { [s + "." + $0, s + "." + $0.uppercased()] }
        }
        let display = entry.picture.display
        var tried: [String] = []
        var refusal: ConfinedPath.Refusal?
        for name in names where !name.isEmpty {
            if name.hasPrefix("/") {
                let url = URL(fileURLWithPath: name).standardizedFileURL
                guard FileManager.default.fileExists(atPath: url.path) else {
                    tried.append(name)
                    if !confinement.allowOutside && !Self.isInside(url.path, root: confinement.root.path) { refusal = refusal ?? .absolute(name) }
                    continue
                }
                return try confine(url, reference: name)
            }
            let climbs = name.split(separator: "/").contains("..")
            for base in searchFolders(for: entry.annotationFile) {
                let url = base.appendingPathComponent(name).standardizedFileURL
                if !tried.contains(url.path) { tried.append(url.path) }
                guard FileManager.default.fileExists(atPath: url.path) else {
                    // `../` leaving the root is refused whether or not the file exists.
                    if climbs && !confinement.allowOutside && !Self.isInside(url.path, root: confinement.root.path) {
                        refusal = refusal ?? .escapes(name)
                    }
                    continue
                }
                do { return try confine(url, reference: name) } catch {
                    if case .pathRefused(_, let r) = error { refusal = refusal ?? r }
                }
            }
        }
        if let refusal { throw .pathRefused(reference: display, reason: refusal) }
        throw .pictureNotFound(reference: display, tried: tried.map { relative($0) })
    }

    /// Folders that may hold the pictures of an annotation file.
    func searchFolders(for annotation: URL) -> [URL] {
        let dir = annotation.deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath()
        let parent = dir.deletingLastPathComponent()
        var out: [URL] = []
        if let imagesFolder { out.append(imagesFolder) }
        out.append(dir)
        switch dir.lastPathComponent {
        case "labels": out.append(parent.appendingPathComponent("images"))
        case "Annotations": out.append(parent.appendingPathComponent("JPEGImages"))
        default: out.append(dir.appendingPathComponent("images"))
        }
        out.append(parent)
        var seen = Set<String>()
        return out.filter { seen.insert($0.path).inserted }
    }

    private func confine(_ url: URL, reference: String) throws(CropError) -> (url: URL, recorded: String) {
        if let imagesFolder, Self.isInside(url.path, root: imagesFolder.path) {
            // A folder the user named explicitly: confine to it instead of the root.
            let inner = ConfinedPath(root: imagesFolder, allowOutside: confinement.allowOutside)
            do { _ = try inner.resolve(String(url.path.dropFirst(imagesFolder.path.count + 1))) } catch {
                throw .pathRefused(reference: reference, reason: error)
            }
            return (url, relative(url.path))
        }
        let rootPath = confinement.root.path
        let rel: String
        if Self.isInside(url.path, root: rootPath) {
            rel = String(url.path.dropFirst(rootPath.count + 1))
        } else if confinement.allowOutside {
            return (url, url.path)
        } else {
            throw .pathRefused(reference: reference, reason: reference.hasPrefix("/") ? .absolute(reference) : .escapes(reference))
        }
        do { _ = try confinement.resolve(rel) } catch { throw .pathRefused(reference: reference, reason: error) }
        return (url, rel)
    }

    private func relative(_ path: String) -> String {
        let r = confinement.root.path
        return Self.isInside(path, root: r) && path != r ? String(path.dropFirst(r.count + 1)) : path
    }

    static func isInside(_ path: String, root: String) -> Bool {
        let r = root.hasSuffix("/") ? root : root + "/"
        return path == root || path.hasPrefix(r)
    }
}
