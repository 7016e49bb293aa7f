import DmanCore
import Testing

/// `ProgressEvent.itemFailed` carries the library's typed error (issue 15).
@Suite struct ItemFailureTests {
    @Test func keepsTheTypedErrorAndComparesByTypeAndText() {
        let a = ItemFailure(DatasetError.malformed(path: "x/dataset.json", detail: "line 1"))
        #expect(a.error is DatasetError)
        #expect(a.description == DatasetError.malformed(path: "x/dataset.json", detail: "line 1").description)
        #expect(ProgressEvent.itemFailed(a) == .itemFailed(ItemFailure(DatasetError.malformed(path: "x/dataset.json", detail: "line 1"))))
        #expect(a != ItemFailure(DatasetError.malformed(path: "y/dataset.json", detail: "line 1")))
    }
}
