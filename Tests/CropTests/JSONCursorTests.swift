import Crop
import DmanCore
import Foundation
import Testing

/// `JSONCursor` is reached end to end only through whole manifests; these
/// pin the paths and messages every manifest parser relies on.
@Suite struct JSONCursorTests {
    static func cursor(_ json: String) throws -> JSONCursor {
        try JSONCursor.parse(Data(json.utf8), file: "m.json")
    }

    /// The `(location, message)` of an `.entry` error, or nil for any other outcome.
    static func entry(_ body: () throws -> Void) -> (String, String)? {
        do { try body() } catch {
            if case .entry(let path, let location, let message)? = error as? CropError, path == "m.json" { return (location, message) }
        }
        return nil
    }

    @Test func pathsNameArrayIndicesAndKeys() throws {
        let root = try Self.cursor(#"{"images": [{"boxes": []}, {"boxes": [{"x": "7", "y": true}]}]}"#)
        let box = try root.field("images").array()[1].field("boxes").array()[0]
        #expect(box.path == "images[1].boxes[0]")
        #expect(try box.field("x").number() == 7)  // numbers written as strings are accepted
        let bad = Self.entry { _ = try box.field("y").number() }
        #expect(bad?.0 == "images[1].boxes[0].y" && bad?.1 == "expected a number, found true/false")
    }

    @Test func missingAndNullFieldsAreNamed() throws {
        let root = try Self.cursor(#"{"a": {"b": null}}"#)
        let a = try root.field("a")
        #expect(Self.entry { _ = try a.field("b") }?.0 == "a.b")
        #expect(Self.entry { _ = try a.field("c") }.map { [$0.0, $0.1] } == ["a.c", "required field is missing"])
        #expect(try a.optional("b") == nil && a.optional("c") == nil)
        #expect(Self.entry { _ = try root.field("a").field("b").string() }?.0 == "a.b")
    }

    @Test func topLevelErrorsSayTopLevel() throws {
        let root = try Self.cursor("[1, 2]")
        #expect(Self.entry { _ = try root.field("x") }.map { [$0.0, $0.1] } == ["(top level)", "expected an object"])
        #expect(try root.array().map { try $0.int() } == [1, 2])
    }

    @Test func aliasesTakeTheFirstPresentKey() throws {
        let root = try Self.cursor(#"{"w": 3, "width": 4}"#)
        #expect(try root.field(anyOf: ["width", "w"]).int() == 4)
        #expect(try root.field(anyOf: ["height", "w"]).int() == 3)
        #expect(Self.entry { _ = try root.field(anyOf: ["h", "height"]) }?.0 == "h")
    }

    @Test func wholeNumbersAndLabels() throws {
        let root = try Self.cursor(#"{"n": 2.5, "c": 3, "s": "cat", "big": 1e300}"#)
        #expect(Self.entry { _ = try root.field("n").int() }?.1 == "expected a whole number, found 2.5")
        #expect(Self.entry { _ = try root.field("big").int() } != nil)
        #expect(try root.field("c").label() == "3" && root.field("s").label() == "cat")
        #expect(Self.entry { _ = try root.field("n").label() }?.1 == "expected a string, found number 2.5")
    }

    @Test func booleansAreNotNumbers() throws {
        let root = try Self.cursor(#"{"t": true, "one": 1}"#)
        #expect(try root.field("t").value == .bool(true))
        #expect(try root.field("one").value == .number(1))
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        do {
            _ = try Self.cursor("{\n  \"a\": 1,\n  \"b\": ]\n}")
            Issue.record("malformed JSON was accepted")
        } catch {
            guard case .manifestMalformed(let path, let detail)? = error as? CropError else { Issue.record("\(error)"); return }
            #expect(path == "m.json")
            #expect(detail.hasPrefix("malformed JSON at line 3, column "), "\(detail)")
        }
    }
}
