"""Reading Chromium's screenshots without an imaging library: where a glyph's ink is."""
from __future__ import annotations

import struct
import zlib


def png_pixels(png: bytes) -> list[list[tuple[int, ...]]]:
    """The rows of pixels of a PNG as Chromium writes a screenshot (8-bit RGB or RGBA, not
    interlaced), without an imaging library."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, header = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and not interlace, header
    size = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(data), width * size, [], bytearray(width * size)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                nearest = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
                line[i] = (line[i] + nearest) & 255
        rows.append([tuple(line[x * size:x * size + 3]) for x in range(width)])
        previous = line
    return rows


def ink_box(png: bytes) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of what differs from the top-left pixel: the ink of a glyph."""
    rows = png_pixels(png)
    background = rows[0][0]
    inked = [(x, y) for y, row in enumerate(rows) for x, pixel in enumerate(row)
             if max(abs(a - b) for a, b in zip(pixel, background)) > 60]
    if not inked:
        return None
    xs, ys = [x for x, _ in inked], [y for _, y in inked]
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1
