import Foundation
import GANCore
import Testing

@Suite struct SafeTensorsTests {
    @Test func roundTripsFloatsInt64sAndMetadata() throws {
        var st = SafeTensors()
        let values: [Float] = [1.5, -2, 0, .greatestFiniteMagnitude, 3e-38, 7]
        values.withUnsafeBufferPointer { st.add("a.weight", shape: [2, 3], floats: $0.baseAddress!, count: 6) }
        st.add("a.num_batches_tracked", shape: [], int64s: [42])
        st.metadata = ["step": "12", "note": "quote \" and \\ backslash"]
        let data = st.encoded()
        let headerLength = data.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        #expect(headerLength % 8 == 0 && Int(headerLength) + 8 + 24 + 8 == data.count)
        let back = try SafeTensors(decoding: data)
        #expect(back.names == ["a.weight", "a.num_batches_tracked"])
        #expect(try back.floats("a.weight", shape: [2, 3]) == values)
        #expect(try back.int64s("a.num_batches_tracked") == [42])
        #expect(back.metadata == st.metadata)
        #expect(throws: SafeTensorsError.wrongShape("a.weight", expected: [3, 2], found: [2, 3])) {
            try back.floats("a.weight", shape: [3, 2])
        }
        #expect(throws: SafeTensorsError.missing("b")) { try back.floats("b", shape: [1]) }
    }

    @Test func truncatedFilesAreRejected() throws {
        var st = SafeTensors()
        let v: [Float] = [1, 2, 3, 4]
        v.withUnsafeBufferPointer { st.add("x", shape: [4], floats: $0.baseAddress!, count: 4) }
        let data = st.encoded()
        #expect(throws: SafeTensorsError.self) { try SafeTensors(decoding: data.prefix(data.count - 4)) }
        #expect(throws: SafeTensorsError.self) { try SafeTensors(decoding: data.prefix(5)) }
    }

    @Test func trainingEventsEncodeAsTaggedJSON() throws {
        let e = TrainingEvent.checkpointWritten(step: 3, file: URL(fileURLWithPath: "/tmp/x.safetensors"))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(e)) as? [String: Any]
        #expect(json?["event"] as? String == "checkpoint" && json?["step"] as? Int == 3)
    }
}
