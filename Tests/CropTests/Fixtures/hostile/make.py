#!/usr/bin/env python3
"""Regenerates the hostile picture fixtures in this folder (see README.md).

Run from this folder: python3 make.py   (Pillow 13, ImageMagick 6 /usr/bin/convert)
Deterministic: no timestamps or random content is written.
"""
import struct, subprocess, zlib
from PIL import Image

MSL_MARKER = "/tmp/dman-hostile-msl-marker.png"
SENTINEL = "/tmp/dman-hostile-ephemeral-sentinel.png"

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

# --- Script/vector payloads under raster names: each would write MSL_MARKER,
# or delete SENTINEL (ephemeral: reads then deletes), if its coder ran.
msl = f"""<?xml version="1.0" encoding="UTF-8"?>
<image>
<read filename="xc:red" />
<resize geometry="2x2" />
<write filename="{MSL_MARKER}" />
</image>
"""
write("payload-msl.png", msl.encode())
write("payload-msl.jpg", msl.encode())
mvg = f"""push graphic-context
viewbox 0 0 4 4
image over 0,0 4,4 'ephemeral:{SENTINEL}'
image over 0,0 4,4 'msl:payload-msl.png'
pop graphic-context
"""
write("payload-mvg.png", mvg.encode())
write("payload-mvg.jpg", mvg.encode())
svg = f"""<?xml version="1.0" standalone="no"?>
<svg width="4px" height="4px" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<image xlink:href="ephemeral:{SENTINEL}" x="0" y="0" height="4px" width="4px"/>
<image xlink:href="msl:payload-msl.png" x="0" y="0" height="4px" width="4px"/>
</svg>
"""
write("payload-svg.png", svg.encode())
write("payload-svg.jpg", svg.encode())

# --- Not pictures.
write("zero-bytes.png", b"")
write("text.png", b"this is a text file, not a picture\n")

# --- Valid PNG header claiming 100000 x 100000 (CRC correct), one tiny IDAT.
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
write("huge-header.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
      + chunk(b"IDAT", zlib.compress(b"\x00" * 301)) + chunk(b"IEND", b""))

# --- An upright reference picture: four flat quadrants (red, green / blue, white).
def quadrants(w=48, h=32):
    im = Image.new("RGB", (w, h))
    colors = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)]
    for y in range(h):
        for x in range(w):
            im.putpixel((x, y), colors[(y >= h // 2) * 2 + (x >= w // 2)])
    return im

up = quadrants()
up.save("rgb.png")
up.save("photo.jpg", quality=95)
data = open("rgb.png", "rb").read()
write("truncated.png", data[: len(data) // 2])
jpg = open("photo.jpg", "rb").read()
write("truncated.jpg", jpg[: len(jpg) // 2])
write("png-named.jpg", data)                     # wrong extension: content wins
Image.new("RGB", (1, 1), (10, 20, 30)).save("one-pixel.png")
up.convert("L").save("gray.png")
up.convert("P", palette=Image.ADAPTIVE, colors=4).save("palette.png")
rgba = up.convert("RGBA"); rgba.putalpha(128); rgba.save("alpha.png")
up.convert("CMYK").save("cmyk.jpg", quality=95)
frames = [quadrants(), Image.new("RGB", (48, 32), (0, 0, 0))]
frames[0].save("animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
# 16-bit RGB via ImageMagick (Pillow writes 16-bit only for gray).
subprocess.run(["/usr/bin/convert", "rgb.png", "-depth", "16", "-define", "png:exclude-chunks=date,time",
                "+set", "date:create", "+set", "date:modify", "PNG48:rgb16.png"], check=True)

# --- EXIF orientations 1-8: stored pixels are the upright picture transformed
# by the inverse of the orientation, so a correct reader shows `up` again.
inverse = {1: None, 2: Image.FLIP_LEFT_RIGHT, 3: Image.ROTATE_180, 4: Image.FLIP_TOP_BOTTOM,
           5: Image.TRANSPOSE, 6: Image.ROTATE_90, 7: Image.TRANSVERSE, 8: Image.ROTATE_270}
for k, op in inverse.items():
    stored = up if op is None else up.transpose(op)
    exif = Image.Exif(); exif[0x0112] = k
    stored.save(f"orient-{k}.jpg", quality=95, exif=exif.tobytes())
