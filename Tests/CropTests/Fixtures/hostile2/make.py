# Hostile pictures, round 2 (issue 17). Run in this folder: python3 make.py (Pillow 13.0 with WebP). Deterministic.
import io, struct, zlib, json, os
from PIL import Image

def ref(mode="RGB"):
    im = Image.new("RGB", (48, 32))
    px = im.load()
    for y in range(32):
        for x in range(48):
            px[x, y] = [(255,0,0),(0,255,0),(0,0,255),(255,255,255)][(x >= 24) + 2*(y >= 16)]
    return im

def save(name, data):
    open(name, "wb").write(data)

def png_bytes(im, **kw):
    b = io.BytesIO(); im.save(b, "PNG", **kw); return b.getvalue()

def chunk(t, body):
    return struct.pack(">I", len(body)) + t + body + struct.pack(">I", zlib.crc32(t + body) & 0xffffffff)

def insert_before_idat(png, extra):
    i = png.index(b"IDAT") - 4
    return png[:i] + extra + png[i:]

r = ref()
save("jpeg-named.png", (lambda b: (r.save(b, "JPEG", quality=95), b.getvalue())[1])(io.BytesIO()))
save("progressive.jpg", (lambda b: (r.save(b, "JPEG", quality=95, progressive=True), b.getvalue())[1])(io.BytesIO()))
# Pillow cannot write Adam7; build it by hand: 8-bit RGB, interlace method 1.
def adam7(im):
    w, h = im.size; px = im.load(); raw = b""
    passes = [(0,0,8,8),(4,0,8,8),(0,4,4,8),(2,0,4,4),(0,2,2,4),(1,0,2,2),(0,1,1,2)]
    for x0, y0, dx, dy in passes:
        xs = list(range(x0, w, dx)); ys = list(range(y0, h, dy))
        if not xs or not ys: continue
        for y in ys:
            raw += b"\x00" + b"".join(bytes(px[x, y]) for x in xs)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 1)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
save("interlaced.png", adam7(r))
pal = r.convert("P", palette=Image.ADAPTIVE, colors=4)
save("palette-trns.png", png_bytes(pal, transparency=0))
ga = Image.merge("LA", (r.convert("L"), Image.new("L", r.size, 200)))
save("gray-alpha.png", png_bytes(ga))
base = png_bytes(r)
save("trailing-garbage.png", base + b"\xde\xad\xbe\xef" * 4096)
jb = io.BytesIO(); r.save(jb, "JPEG", quality=95)
save("trailing-garbage.jpg", jb.getvalue() + b"GARBAGE" * 4096)
# Decompression bombs in metadata: zTXt with 128 MiB of zeros (~130 KB), iCCP with 16 MiB (~16 KB).
bomb = zlib.compress(b"\x00" * (128 << 20), 9)
small_bomb = zlib.compress(b"\x00" * (16 << 20), 9)
save("ztxt-bomb.png", insert_before_idat(base, chunk(b"zTXt", b"Comment\x00\x00" + bomb)))
save("iccp-bomb.png", insert_before_idat(base, chunk(b"iCCP", b"icc\x00\x00" + small_bomb)))
webp = io.BytesIO(); r.save(webp, "WEBP", lossless=True); save("lossless.webp", webp.getvalue())
t = io.BytesIO(); r.save(t, "TIFF", save_all=True, append_images=[Image.new("RGB", (48, 32))]); save("two-page.tif", t.getvalue())
# JPEG whose SOF claims 60000x60000.
j = bytearray(jb.getvalue()); k = j.index(b"\xff\xc0"); j[k+5:k+9] = struct.pack(">HH", 60000, 60000); save("huge-header.jpg", bytes(j))
save("svg-named.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="48" height="32"><rect width="48" height="32" fill="red"/></svg>')
