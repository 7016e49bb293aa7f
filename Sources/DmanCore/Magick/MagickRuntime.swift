import Foundation
internal import CMagickWand

/// The process-wide ImageMagick runtime: started once, with dman's limits.
///
/// On first use it calls `MagickWandGenesis`, installs a security policy that
/// denies every coder except the raster ones in ``RasterFormat`` (whatever the
/// system's `policy.xml` says), forbids delegates and `@file` indirection, and
/// caps pixel area, memory and disk. Each wand runs one thread: dman
/// parallelises across images instead.
public final class MagickRuntime: @unchecked Sendable {
    /// Resource caps applied to every decode.
    public struct Limits: Sendable {
        /// Largest image area, in pixels, that will be decoded.
        public var maxPixels: Int
        /// Largest width or height.
        public var maxSide: Int
        /// Memory ImageMagick may use for pixel caches, in bytes.
        public var memoryBytes: Int

        public init(maxPixels: Int = 64_000_000, maxSide: Int = 32_768, memoryBytes: Int = 1 << 30) {
            self.maxPixels = maxPixels
            self.maxSide = maxSide
            self.memoryBytes = memoryBytes
        }
    }

    /// The shared runtime.
    public static let shared = MagickRuntime()

    /// The limits in force.
    public let limits: Limits
    /// Whether the restrictive policy was accepted by ImageMagick.
    public let policyInstalled: Bool

    /// The policy dman installs. Coders not listed are denied for read and write.
    static let policyXML = """
    <policymap>
      <policy domain="delegate" rights="none" pattern="*" />
      <policy domain="path" rights="none" pattern="@*" />
      <policy domain="coder" rights="none" pattern="*" />
      <policy domain="coder" rights="read | write" pattern="{PNG,PNG8,PNG24,PNG32,PNG48,PNG64,JPEG,JPG,GIF,GIF87,BMP,BMP2,BMP3,TIFF,TIF,TIFF64,WEBP}" />
      <policy domain="module" rights="none" pattern="{MSL,MVG,SVG,MSVG,RSVG,TEXT,TXT,URL,HTTP,HTTPS,FTP,EPHEMERAL,LABEL,CAPTION,PS,EPS,PDF,XPS,SHOW,WIN,PLT,HTML,INFO,MAGICK}" />
    </policymap>
    """

    private init(limits: Limits = Limits()) {
        self.limits = limits
        MagickWandGenesis()
        var exception = AcquireExceptionInfo()
        policyInstalled = SetMagickSecurityPolicy(MagickRuntime.policyXML, exception) == MagickTrue
        exception = DestroyExceptionInfo(exception)
        _ = MagickSetResourceLimit(AreaResource, MagickSizeType(limits.maxPixels) * 4)
        _ = MagickSetResourceLimit(WidthResource, MagickSizeType(limits.maxSide))
        _ = MagickSetResourceLimit(HeightResource, MagickSizeType(limits.maxSide))
        _ = MagickSetResourceLimit(MemoryResource, MagickSizeType(limits.memoryBytes))
        _ = MagickSetResourceLimit(MapResource, MagickSizeType(limits.memoryBytes) * 2)
        _ = MagickSetResourceLimit(DiskResource, MagickSizeType(limits.memoryBytes) * 4)
        _ = MagickSetResourceLimit(ListLengthResource, 256)
        _ = MagickSetResourceLimit(ThreadResource, 1)
    }

    deinit { MagickWandTerminus() }

    /// Whether ImageMagick would let a coder read (checked against the live policy).
    public func isCoderReadable(_ name: String) -> Bool {
        IsRightsAuthorized(CoderPolicyDomain, ReadPolicyRights, name) == MagickTrue
    }
}
