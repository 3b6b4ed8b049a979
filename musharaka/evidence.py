"""Evidence files of a status update (photos and PDFs), checked by their content (pure).

A file is recognised by its first bytes, never by its name: JPEG, PNG and WebP photos are
opened and verified by Pillow, a PDF must parse (pypdf) and have a page. A photo is
published only as a re-encoding of its pixels, turned upright, without its EXIF (the GPS
position a phone writes, the camera, the time), XMP or comments; its thumbnail is made
once, here, from the same clean pixels. A PDF is published rewritten with its pages
intact and without its document information (author, creator, producer), XMP metadata
or comments' authors. The sha256 of each file names it in the store.

`prepare` returns the files ready to store, or the problems a reader is told, each a
reason code (`evidence_problem_<reason>` in the catalogs) with the file's name and the
limit it broke.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

if TYPE_CHECKING:
    from pypdf import PdfReader

# Limits: a phone's photo is 2-8 MB; a scanned letter a few MB. A status update is one
# event, not an album.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UPDATE_BYTES = 30 * 1024 * 1024
MAX_FILES = 10
# A photo larger than this in pixels is refused before it is decoded (a "decompression
# bomb" is a small file that decodes into gigabytes).
MAX_PIXELS = 50_000_000
THUMB_SIZE = 320  # the thumbnail's longer side, in pixels
# A published photo's longer side: a full-HD screen's, enough to read a sign on it; a
# phone's 12 MP JPEG is then decoded at half scale (draft), four times faster.
PUBLISHED_MAX_SIDE = 1920

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF_TYPE = "application/pdf"
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", PDF_TYPE: "pdf"}
ACCEPTED_SUFFIXES = ("jpg", "jpeg", "png", "webp", "pdf")  # what the file picker offers
# Where serve.py serves the published files (not /media/: Streamlit keeps that prefix).
MEDIA_PATH = "/evidence"


def media_url(sha256: str, media_type: str, base: str = "") -> str:
    """A published file's address (under `base`, the public address, for an export)."""
    return f"{base}{MEDIA_PATH}/{sha256}.{EXTENSIONS[media_type]}"


@dataclass(frozen=True)
class Stored:
    """One file's bytes as they go to the store, named by their sha256."""

    data: bytes
    media_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def name(self) -> str:
        return f"{self.sha256}.{EXTENSIONS[self.media_type]}"


@dataclass(frozen=True)
class Prepared:
    """One accepted file: what visitors get (`published`), its thumbnail (photos), and
    the bytes as sent (`original`), stored only when the administrator keeps originals."""

    file_name: str
    media_type: str
    published: Stored
    original: Stored
    thumbnail: Stored | None = None
    width: int | None = None
    height: int | None = None
    pages: int | None = None


@dataclass(frozen=True)
class Problem:
    """Why a file (or the whole set, file "") was refused: a reason code and its figures."""

    file_name: str
    reason: str  # not_accepted, too_large, too_many, total_too_large, image_unreadable,
    # image_too_many_pixels, pdf_unreadable, empty
    limit: str = ""


@dataclass
class Checked:
    files: list[Prepared] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def sniff(data: bytes) -> str | None:
    """The media type the first bytes announce, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    # A PDF's header may follow a little junk (the specification allows 1024 bytes).
    if b"%PDF-" in data[:1024]:
        return PDF_TYPE
    return None


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def prepare(files: list[tuple[str, bytes]]) -> Checked:
    """Check and prepare the files sent with one status update: all accepted, or the
    problems (the update is then not saved, so nothing half-sent is published)."""
    checked = Checked()
    if len(files) > MAX_FILES:
        checked.problems.append(Problem("", "too_many", str(MAX_FILES)))
        return checked
    total = sum(len(data) for _, data in files)
    if total > MAX_UPDATE_BYTES:
        checked.problems.append(Problem("", "total_too_large", megabytes(MAX_UPDATE_BYTES)))
        return checked
    for name, data in files:
        result = prepare_one(name, data)
        if isinstance(result, Problem):
            checked.problems.append(result)
        else:
            checked.files.append(result)
    return checked


def prepare_one(name: str, data: bytes) -> Prepared | Problem:
    if not data:
        return Problem(name, "empty")
    if len(data) > MAX_FILE_BYTES:
        return Problem(name, "too_large", megabytes(MAX_FILE_BYTES))
    media_type = sniff(data)
    if media_type is None:
        return Problem(name, "not_accepted")
    if media_type == PDF_TYPE:
        return _prepare_pdf(name, data)
    return _prepare_image(name, data, media_type)


def _prepare_pdf(name: str, data: bytes) -> Prepared | Problem:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        # An encrypted file cannot be read by everyone who downloads it: refused.
        pages = 0 if reader.is_encrypted else len(reader.pages)
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError):
        return Problem(name, "pdf_unreadable")
    if pages < 1:
        return Problem(name, "pdf_unreadable")
    try:
        published = _pdf_without_metadata(reader)
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError):
        # A file that cannot be rewritten cannot be published without what it says of
        # its author: refused like an unreadable one.
        return Problem(name, "pdf_unreadable")
    return Prepared(
        name,
        PDF_TYPE,
        published=Stored(published, PDF_TYPE),
        original=Stored(data, PDF_TYPE),
        pages=pages,
    )


# What a PDF says of who made it, besides its pages: the document information (/Info:
# author, creator, producer, dates), XMP streams (/Metadata, on the document, a page or
# an image), application data (/PieceInfo) and the author of each comment (/T of a
# markup annotation; a form field's /T is its name and stays).
PDF_PRIVATE_KEYS = ("/Metadata", "/PieceInfo")


def _pdf_without_metadata(reader: PdfReader) -> bytes:
    """The document rewritten with its pages intact and none of its metadata; the
    objects only the metadata used are left out of the new file."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    writer = PdfWriter(clone_from=reader)
    writer.metadata = None  # no /Info in the trailer (pypdf's own "Producer" included)
    seen: set[int] = set()
    stack: list[object] = [writer._root_object]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # streams are dictionaries too
            for key in PDF_PRIVATE_KEYS:
                item.pop(key, None)
            if item.get("/Subtype") not in (None, "/Widget") and "/Rect" in item:
                item.pop("/T", None)
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _prepare_image(name: str, data: bytes, media_type: str) -> Prepared | Problem:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if IMAGE_TYPES.get(probe.format or "") != media_type:
                    return Problem(name, "not_accepted")
                if probe.width * probe.height > MAX_PIXELS:
                    return Problem(name, "image_too_many_pixels")
                probe.verify()  # the file's structure and checksums, without decoding
            with Image.open(io.BytesIO(data)) as image:
                if image.format == "JPEG":
                    image.draft(None, (PUBLISHED_MAX_SIDE, PUBLISHED_MAX_SIDE))
                _load_whole(image)  # every pixel decodes: a truncated file is refused here
                clean = _clean_pixels(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Problem(name, "image_too_many_pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return Problem(name, "image_unreadable")
    published = Stored(_encode(clean, media_type), media_type)
    thumb = clean.copy()
    thumb.thumbnail((THUMB_SIZE, THUMB_SIZE))
    thumbnail = Stored(_encode(thumb, "image/webp", quality=70), "image/webp")
    return Prepared(
        name,
        media_type,
        published=published,
        original=Stored(data, media_type),
        thumbnail=thumbnail,
        width=clean.width,
        height=clean.height,
    )


# WeasyPrint (the council report, the posters) sets Pillow's LOAD_TRUNCATED_IMAGES for the
# whole process when it is imported; a photo cut in the middle of its sending would then
# decode with a grey band and be published. The setting is turned off while a photo is
# checked, under a lock (a server checks photos on several threads), and put back after.
_STRICT = threading.Lock()


def _load_whole(image: Image.Image) -> None:
    with _STRICT:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _clean_pixels(image: Image.Image) -> Image.Image:
    """The photo's pixels alone, upright: a new image carries none of the file's metadata
    (EXIF with its GPS position, XMP, ICC comments, text chunks)."""
    upright = ImageOps.exif_transpose(image)
    keep = upright.mode if upright.mode in ("RGB", "RGBA", "L", "LA") else None
    pixels = upright.convert(keep or ("RGBA" if "A" in upright.getbands() else "RGB"))
    pixels.thumbnail((PUBLISHED_MAX_SIDE, PUBLISHED_MAX_SIDE))
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    return clean


def _encode(image: Image.Image, media_type: str, quality: int = 85) -> bytes:
    out = io.BytesIO()
    if media_type == "image/jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=quality, optimize=True)
    elif media_type == "image/png":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=quality, method=4)
    return out.getvalue()


def problem_text(problem: Problem, t) -> str:
    """A problem in the reader's language; `t(key)` reads the catalog."""
    text = t(f"evidence_problem_{problem.reason}").format(limit=problem.limit)
    return f"{problem.file_name}: {text}" if problem.file_name else text
