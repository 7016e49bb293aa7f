import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct ConfinedPathTests {
    @Test func relativeInsideIsAccepted() throws {
        let dir = TemporaryDirectory()
        let confined = ConfinedPath(root: dir.url)
        let url = try confined.resolve("a/b.png")
        #expect(url.path.hasSuffix("/a/b.png"))
        #expect(url.path.hasPrefix(confined.root.path))
    }

    @Test func dotDotEscapeIsRefused() {
        let dir = TemporaryDirectory()
        let confined = ConfinedPath(root: dir.url)
        #expect(throws: ConfinedPath.Refusal.escapes("../x.png")) { try confined.resolve("../x.png") }
        #expect(throws: ConfinedPath.Refusal.escapes("a/../../x.png")) { try confined.resolve("a/../../x.png") }
        // Going down and back up stays inside.
        #expect(throws: Never.self) { try confined.resolve("a/../x.png") }
    }

    @Test func absoluteOutsideIsRefusedUnlessAllowed() throws {
        let dir = TemporaryDirectory()
        #expect(throws: ConfinedPath.Refusal.absolute("/etc/passwd")) {
            try ConfinedPath(root: dir.url).resolve("/etc/passwd")
        }
        let open = ConfinedPath(root: dir.url, allowOutside: true)
        #expect(try open.resolve("/etc/passwd").path == "/etc/passwd")
    }

    @Test func symlinkPointingOutsideIsRefused() throws {
        let dir = TemporaryDirectory()
        let outside = TemporaryDirectory()
        try Data("x".utf8).write(to: outside.path("secret.png"))
        try FileManager.default.createSymbolicLink(at: dir.path("link.png"), withDestinationURL: outside.path("secret.png"))
        #expect {
            try ConfinedPath(root: dir.url).resolve("link.png")
        } throws: { error in
            if case .symlinkEscapes = error as? ConfinedPath.Refusal { return true }
            return false
        }
    }

    @Test func prefixSiblingIsNotInside() {
        // /tmp/abc must not count as inside /tmp/ab.
        let dir = TemporaryDirectory()
        let root = dir.path("ab")
        let sibling = dir.path("abc")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(at: sibling, withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try ConfinedPath(root: root).resolve(sibling.path + "/x.png") }
    }
}
