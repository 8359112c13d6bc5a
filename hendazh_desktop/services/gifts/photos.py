"""A gift's photo on import: read with Pillow, refused with a field message when it is not an
image or is too large, reduced to the stored size and a thumbnail (JPEG)."""

from __future__ import annotations

import io
import os
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.gifts import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, PHOTO_SIDE, THUMB_SIDE

FIELD = "photo"


def read_photo(path: str) -> tuple[bytes, bytes]:
    """(reduced photo, thumbnail) as JPEG bytes from an image file; nothing is kept of a file
    that is not a readable image, or is larger than a camera's photo."""
    try:
        size = os.path.getsize(path)
    except OSError:
        raise ValidationError(FIELD, "photo_unreadable") from None
    if size > MAX_PHOTO_BYTES:
        raise ValidationError(FIELD, "photo_too_large", maximum=MAX_PHOTO_BYTES // (1024 * 1024))
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        raise ValidationError(FIELD, "photo_unreadable") from None
    return reduce_photo(data)


def reduce_photo(data: bytes) -> tuple[bytes, bytes]:
    """(reduced photo, thumbnail) from an image's bytes."""
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(FIELD, "photo_too_large", maximum=MAX_PHOTO_BYTES // (1024 * 1024))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                if width * height > MAX_PHOTO_PIXELS:
                    raise ValidationError(
                        FIELD, "photo_too_large", maximum=MAX_PHOTO_BYTES // (1024 * 1024)
                    )
                probe.load()
                image = ImageOps.exif_transpose(probe).convert("RGB")
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
    ):
        raise ValidationError(FIELD, "photo_invalid") from None
    if width < 16 or height < 16:
        raise ValidationError(FIELD, "photo_invalid")
    return _jpeg(image, PHOTO_SIDE, 85), _jpeg(image, THUMB_SIDE, 80)


def _jpeg(image: Image.Image, side: int, quality: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()
