import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct AtomicFileTests {
    @Test func replacesWholeFileAndLeavesNoTemporary() throws {
        let dir = TemporaryDirectory()
        let url = dir.path("out.bin")
        try AtomicFile.write(Data("old".utf8), to: url)
        try AtomicFile.write(Data(repeating: 7, count: 100_000), to: url)
        #expect(try Data(contentsOf: url) == Data(repeating: 7, count: 100_000))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
        #expect(names == ["out.bin"])
    }

    @Test func failureNamesThePathAndKeepsTheOldFile() throws {
        let dir = TemporaryDirectory()
        let sub = dir.path("ro")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let url = sub.appendingPathComponent("x.png")
        try AtomicFile.write(Data("keep".utf8), to: url)
        chmod(sub.path, 0o555)
        defer { chmod(sub.path, 0o755) }
        if getuid() == 0 {
            // Root ignores directory permissions; write into a missing folder instead.
            let missing = dir.path("missing/x.png")
            #expect { try AtomicFile.write(Data("new".utf8), to: missing) } throws: {
                ($0 as? FileError)?.path == missing.path
            }
        } else {
            #expect { try AtomicFile.write(Data("new".utf8), to: url) } throws: { ($0 as? FileError)?.path == url.path }
        }
        #expect(try Data(contentsOf: url) == Data("keep".utf8))
    }

    @Test func leftoverTemporariesAreRemoved() throws {
        let dir = TemporaryDirectory()
        try Data("partial".utf8).write(to: dir.path(".a.png.1234.tmp"))
        try Data("real".utf8).write(to: dir.path("a.png"))
        AtomicFile.removeLeftovers(in: dir.url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["a.png"])
    }
}
