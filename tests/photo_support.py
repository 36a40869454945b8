"""Photos as phones make them: with the place they were taken and the owner's name in their metadata."""

from __future__ import annotations

import io

from PIL import Image

GPS_IFD = 0x8825
ARTIST = 0x013B
ORIENTATION = 0x0112


def phone_photo(width: int = 2400, height: int = 1800, *, rotated: bool = False, fmt: str = "JPEG") -> bytes:
    """A photo with GPS coordinates (a house in Presikhaaf) and the owner's name in its EXIF."""
    image = Image.new("RGB", (width, height), (40, 120, 200))
    image.paste((250, 200, 30), (0, 0, width // 2, height // 2))  # a corner to see which way is up
    exif = image.getexif()
    exif[ARTIST] = "Anna de Vries"
    exif[GPS_IFD] = {1: "N", 2: (51.0, 59.0, 10.0), 3: "E", 4: (5.0, 56.0, 20.0)}
    if rotated:
        exif[ORIENTATION] = 6  # taken upright, stored sideways: viewers must turn it
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    return out.getvalue()


NOT_PERSONAL = frozenset({"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression"})


def metadata_of(content: bytes) -> dict[str, object]:
    """Every EXIF tag of an image and its other embedded data (XMP, ICC, PNG text): what another person could
    read besides the picture."""
    with Image.open(io.BytesIO(content)) as image:
        found: dict[str, object] = {f"exif:{tag}": value for tag, value in image.getexif().items()}
        found |= {key: value for key, value in image.info.items() if key not in NOT_PERSONAL}
    return found


def size_of(content: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(content)) as image:
        return image.size
