import Foundation

/// Reader and writer of the safetensors format (Hugging Face).
///
/// A file is an 8-byte little-endian header length, a JSON header mapping
/// each tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}`
/// (offsets into the data section) plus an optional `"__metadata__"` map of
/// strings, padded with spaces to a multiple of 8, then the raw little-endian
/// tensor bytes. `safetensors.torch.load_file` reads what this writes.
public struct SafeTensors: Sendable {
    /// Element types this implementation reads and writes.
    public enum DType: String, Sendable {
        case f32 = "F32"
        case i64 = "I64"

        var size: Int { self == .f32 ? 4 : 8 }
    }

    /// One stored tensor.
    public struct Entry: Sendable {
        public var dtype: DType
        public var shape: [Int]
        /// Raw little-endian bytes.
        public var bytes: Data
    }

    /// Tensors in file order.
    public private(set) var names: [String] = []
    public private(set) var entries: [String: Entry] = [:]
    /// String metadata (`__metadata__`).
    public var metadata: [String: String] = [:]

    public init() {}

    /// Adds a Float32 tensor.
    public mutating func add(_ name: String, shape: [Int], floats: UnsafePointer<Float>, count: Int) {
        precondition(shape.reduce(1, *) == count)
        var d = Data(count: count * 4)
        d.withUnsafeMutableBytes { raw in
            let out = raw.bindMemory(to: UInt32.self)
            for i in 0..<count { out[i] = floats[i].bitPattern.littleEndian }
        }
        append(name, Entry(dtype: .f32, shape: shape, bytes: d))
    }

    /// Adds an Int64 tensor.
    public mutating func add(_ name: String, shape: [Int], int64s: [Int64]) {
        var d = Data(count: int64s.count * 8)
        d.withUnsafeMutableBytes { raw in
            let out = raw.bindMemory(to: Int64.self)
            for (i, v) in int64s.enumerated() { out[i] = v.littleEndian }
        }
        append(name, Entry(dtype: .i64, shape: shape, bytes: d))
    }

    private mutating func append(_ name: String, _ e: Entry) {
        precondition(entries[name] == nil, "duplicate tensor \(name)")
        names.append(name)
        entries[name] = e
    }

    /// Float32 values of `name`, checked against `shape`.
    public func floats(_ name: String, shape: [Int]) throws(SafeTensorsError) -> [Float] {
        guard let e = entries[name] else { throw .missing(name) }
        guard e.dtype == .f32 else { throw .wrongType(name, e.dtype.rawValue) }
        guard e.shape == shape else { throw .wrongShape(name, expected: shape, found: e.shape) }
        return e.bytes.withUnsafeBytes { raw in
            (0..<(e.bytes.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }

    /// Int64 values of `name`.
    public func int64s(_ name: String) throws(SafeTensorsError) -> [Int64] {
        guard let e = entries[name] else { throw .missing(name) }
        guard e.dtype == .i64 else { throw .wrongType(name, e.dtype.rawValue) }
        return e.bytes.withUnsafeBytes { raw in
            (0..<(e.bytes.count / 8)).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
        }
    }

    /// The file's bytes.
    public func encoded() -> Data {
        var header = "{"
        var offset = 0
        var parts: [String] = []
        if !metadata.isEmpty {
            let m = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }.joined(separator: ",")
            parts.append("\"__metadata__\":{\(m)}")
        }
        for name in names {
            let e = entries[name]!
            let shape = e.shape.map(String.init).joined(separator: ",")
            parts.append("\(jsonString(name)):{\"dtype\":\"\(e.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + e.bytes.count)]}")
            offset += e.bytes.count
        }
        header += parts.joined(separator: ",") + "}"
        var h = Data(header.utf8)
        while h.count % 8 != 0 { h.append(0x20) }
        var out = Data(capacity: 8 + h.count + offset)
        var len = UInt64(h.count).littleEndian
        withUnsafeBytes(of: &len) { out.append(contentsOf: $0) }
        out.append(h)
        for name in names { out.append(entries[name]!.bytes) }
        return out
    }

    /// Parses a file's bytes.
    public init(decoding data: Data) throws(SafeTensorsError) {
        guard data.count >= 8 else { throw .malformed("file shorter than 8 bytes") }
        let len = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard len <= UInt64(data.count - 8) else { throw .malformed("header length \(len) beyond end of file") }
        let start = data.startIndex
        let headerData = data.subdata(in: (start + 8)..<(start + 8 + Int(len)))
        guard let obj = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
            throw .malformed("header is not a JSON object")
        }
        let base = start + 8 + Int(len)
        var spans: [(Int, String)] = []
        for (name, value) in obj {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else { throw .malformed("__metadata__ is not a map of strings") }
                metadata = m
                continue
            }
            guard let d = value as? [String: Any], let ds = d["dtype"] as? String,
                  let shape = d["shape"] as? [Int], let offs = d["data_offsets"] as? [Int], offs.count == 2 else {
                throw .malformed("entry \(name) lacks dtype, shape or data_offsets")
            }
            guard let dtype = DType(rawValue: ds) else { throw .wrongType(name, ds) }
            let b = offs[0], e = offs[1]
            guard b >= 0, e >= b, base + e <= data.endIndex, e - b == shape.reduce(1, *) * dtype.size else {
                throw .malformed("entry \(name) has inconsistent data_offsets \(offs) for shape \(shape)")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, bytes: data.subdata(in: (base + b)..<(base + e)))
            spans.append((b, name))
        }
        names = spans.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// Problems reading a safetensors file.
public enum SafeTensorsError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case missing(String)
    case wrongType(String, String)
    case wrongShape(String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .malformed(let m): return m
        case .missing(let n): return "tensor \(n) is missing"
        case .wrongType(let n, let t): return "tensor \(n) has dtype \(t)"
        case .wrongShape(let n, let e, let f): return "tensor \(n) has shape \(f), expected \(e)"
        }
    }
}

private func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
        }
    }
    return out + "\""
}
