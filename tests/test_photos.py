"""Photos users send are checked, turned upright, made smaller and stripped of metadata (bot/infra/photos.py)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bot.infra.photos import MAX_SIDE, NotAPhoto, prepare
from tests.photo_support import metadata_of, phone_photo, size_of


def test_location_and_name_are_stripped_and_the_photo_made_smaller() -> None:
    raw = phone_photo(4000, 3000)
    assert metadata_of(raw), "the phone photo carries metadata"
    photo = prepare(raw)
    assert photo.mime_type == "image/jpeg" and (photo.width, photo.height) == (MAX_SIDE, 1200)
    assert size_of(photo.content) == (MAX_SIDE, 1200)
    assert metadata_of(photo.content) == {}, "no GPS, no owner's name"
    assert len(photo.content) < len(raw)


def test_a_sideways_stored_photo_is_turned_upright() -> None:
    photo = prepare(phone_photo(800, 600, rotated=True))
    assert (photo.width, photo.height) == (600, 800)
    with Image.open(io.BytesIO(photo.content)) as image:
        assert image.convert("RGB").getpixel((599, 0))[2] < 100, "the yellow corner is where the camera saw it"


def test_a_flyer_with_transparency_stays_png() -> None:
    image = Image.new("RGBA", (300, 200), (255, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    photo = prepare(out.getvalue())
    assert (photo.mime_type, photo.extension) == ("image/png", "png")
    assert metadata_of(photo.content) == {}


@pytest.mark.parametrize("raw", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n broken", phone_photo()[:200]])
def test_what_is_no_photo_is_refused(raw: bytes) -> None:
    with pytest.raises(NotAPhoto):
        prepare(raw)


def test_an_image_too_large_to_open_safely_is_refused_unopened() -> None:
    out = io.BytesIO()
    Image.new("1", (12_000, 6_000)).save(out, "PNG")  # small file, 72 million pixels
    with pytest.raises(NotAPhoto):
        prepare(out.getvalue())
