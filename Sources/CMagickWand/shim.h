#ifndef CMAGICKWAND_SHIM_H
#define CMAGICKWAND_SHIM_H

// SwiftPM drops the `-D` flags from MagickWand's pkg-config file ("prohibited
// flag(s)"), so the two build-defining macros are pinned here to Debian 12's
// ImageMagick 6 Q16 non-HDRI build. Without them the quantum type can be wrong.
// They can go when SwiftPM passes pkg-config defines through.
// MagickWand's headers turn on X/Open features before the C library's
// headers run, so this module's `fd_set` would name its member `fds_bits`
// while Dispatch's (imported by Foundation) has `__fds_bits`; a Swift module
// that sees both then fails with "'fds_bits' ... is not present in definition
// of 'fd_set'" (on clean builds). Including <sys/select.h> first, with the
// default features, gives both modules the same definition.
#include <sys/select.h>

#ifndef MAGICKCORE_HDRI_ENABLE
#define MAGICKCORE_HDRI_ENABLE 0
#endif
#ifndef MAGICKCORE_QUANTUM_DEPTH
#define MAGICKCORE_QUANTUM_DEPTH 16
#endif

#if __has_include(<wand/MagickWand.h>)
#include <wand/MagickWand.h>
#else
#include <MagickWand/MagickWand.h>
#endif

#endif
