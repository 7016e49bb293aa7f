import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 17: things that are not pictures, named as pictures, each give one
/// plain reason instead of blocking, reading forever or a Cocoa error number.
@Suite struct InputFileTests {
    @Test func regularFileIsReadWhole() throws {
        let dir = TemporaryDirectory()
        let bytes = Data((0..<70_000).map { UInt8($0 % 251) })
        try bytes.write(to: dir.path("a.png"))
        #expect(try InputFile.read(dir.path("a.png")) == bytes)
    }

    @Test func fifoIsRefusedWithoutBlocking() throws {
        let dir = TemporaryDirectory()
        let url = dir.path("pipe.png")
        #expect(mkfifo(url.path, 0o600) == 0)
        #expect(throws: FileError(path: url.path, reason: "is a FIFO (named pipe), not a regular file")) { try InputFile.read(url) }
    }

    @Test func folderDeviceAndLinkLoopAreRefused() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(at: dir.path("d.png"), withIntermediateDirectories: true)
        #expect(throws: FileError(path: dir.path("d.png").path, reason: "is a folder, not a regular file")) { try InputFile.read(dir.path("d.png")) }
        let zero = URL(fileURLWithPath: "/dev/zero")
        #expect(throws: FileError(path: "/dev/zero", reason: "is a character device, not a regular file")) { try InputFile.read(zero) }
        try FileManager.default.createSymbolicLink(atPath: dir.path("a.png").path, withDestinationPath: dir.path("b.png").path)
        try FileManager.default.createSymbolicLink(atPath: dir.path("b.png").path, withDestinationPath: dir.path("a.png").path)
        do { _ = try InputFile.read(dir.path("a.png")); Issue.record("a link loop was read") } catch {
            #expect(error.reason == "symbolic link loop (too many levels of links)")
        }
    }

    @Test func fileAboveTheSizeLimitIsRefusedBeforeReading() throws {
        let dir = TemporaryDirectory()
        try Data(count: 4096).write(to: dir.path("big.png"))
        do { _ = try InputFile.read(dir.path("big.png"), maxBytes: 1024); Issue.record("read above the limit") } catch {
            #expect(error.reason.hasPrefix("is 4096 bytes, above the"))
        }
    }
}
