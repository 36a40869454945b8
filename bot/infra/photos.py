"""Photos users send (a flyer, a story's picture): checked, turned upright, made smaller and stripped of
metadata before anyone else sees them.

Why re-encode: a phone's original can carry where it was taken (EXIF GPS), the camera and the owner's name;
nothing personal may cross to another person without consent. Pillow is already installed with matplotlib.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1600
"""Longest side in pixels of a photo as others see it: sharp on a phone, small in the database."""
MAX_PIXELS = 50_000_000
"""Larger images are refused unopened (a "decompression bomb" could exhaust memory)."""
JPEG_QUALITY = 85


class NotAPhoto(ValueError):
    """The bytes are not an image Pillow can read."""


@dataclass(frozen=True, slots=True)
class PhotoFile:
    content: bytes
    mime_type: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return extension_of(self.mime_type)


def extension_of(mime_type: str) -> str:
    """The file name extension of a prepared photo: PNG when it kept its transparency, else JPEG."""
    return "png" if mime_type == "image/png" else "jpg"


def prepare(raw: bytes) -> PhotoFile:
    """The photo as others will see it: upright, at most MAX_SIDE pixels, JPEG (PNG if it has transparency),
    without EXIF, XMP or any other metadata."""
    try:
        original = Image.open(io.BytesIO(raw))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise NotAPhoto(str(exc)) from exc
    with original:
        if original.width * original.height > MAX_PIXELS:
            raise NotAPhoto("the image has too many pixels to open safely")
        try:
            original.load()
            image = ImageOps.exif_transpose(original)
        except (Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
            raise NotAPhoto(str(exc)) from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    transparent = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    out = io.BytesIO()
    if transparent:
        clean = image.convert("RGBA")
        clean.save(out, format="PNG", optimize=True)
        mime_type = "image/png"
    else:
        clean = image.convert("RGB")
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        mime_type = "image/jpeg"
    return PhotoFile(out.getvalue(), mime_type, clean.width, clean.height)
