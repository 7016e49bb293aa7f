import DmanCore
import Testing

/// `ProgressEvent.warning` carries the library's value, and diagnostics name
/// settings by field so that the CLI can name them as flags (issue 15).
@Suite struct ItemWarningTests {
    /// A diagnostic naming one field, as the stage libraries' warnings do.
    struct TooSmall: NamesFields, Sendable {
        var path: String, minSize: Int
        func line(naming name: (String) -> String) -> String { "\(path): smaller than \(name("minSize")) \(minSize)" }
    }

    @Test func theLibraryLineKeepsFieldNamesAndAFrontEndRenamesThem() {
        let w = ItemWarning(TooSmall(path: "a.png", minSize: 16))
        #expect(w.description == "a.png: smaller than minSize 16")
        #expect(w.line { $0 == "minSize" ? "--min-size" : $0 } == "a.png: smaller than --min-size 16")
        #expect((w.warning as? TooSmall)?.minSize == 16, "the typed value is kept")
    }

    @Test func plainTextIsShownAsItIsAndComparesByTypeAndText() {
        let text = ItemWarning("b.gif: 2 frames (animated)")
        #expect(text.line { _ in "--never" } == "b.gif: 2 frames (animated)")
        #expect(ProgressEvent.warning(text) == .warning(ItemWarning("b.gif: 2 frames (animated)")))
        #expect(text != ItemWarning("c.gif: 2 frames (animated)"))
        // Same words, different types: not the same warning.
        #expect(ItemWarning(TooSmall(path: "a.png", minSize: 16)) != ItemWarning("a.png: smaller than minSize 16"))
    }

    @Test func refusalsNameNoFlag() {
        // Augment, audit and review cannot allow outside paths, so the refusal itself suggests nothing.
        for r in [ConfinedPath.Refusal.absolute("/etc/x.png"), .escapes("../x.png"), .symlinkEscapes("l.png", target: "/x")] {
            #expect(!r.description.contains("--") && !r.description.contains("allow"), "\(r)")
        }
    }
}
