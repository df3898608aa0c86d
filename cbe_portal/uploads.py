"""What an uploaded file really is, read from its content: never from its name nor from the type the
browser declares, both chosen by the uploader.

puremagic reads the signature; then an image must decode with Pillow and a PDF must have the shape
of one, so that a script behind a forged signature (`RIFF....WEBP` followed by JavaScript, an HTML
page named `.pdf`) is refused. The fields say which types they accept and how large a file may be.
"""

import re
import warnings

import puremagic
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from PIL import Image

PNG, JPEG, WEBP, PDF = "image/png", "image/jpeg", "image/webp", "application/pdf"
PILLOW_FORMATS = {PNG: "PNG", JPEG: "JPEG", WEBP: "WEBP"}
LABELS = {PNG: "PNG", JPEG: "JPEG", WEBP: "WebP", PDF: "PDF"}
# Images are shown in the page; anything else is served as a download (see views.public.stored_file).
IMAGE_TYPES = frozenset(PILLOW_FORMATS)
KNOWN_TYPES = IMAGE_TYPES | {PDF}
UNKNOWN = "application/octet-stream"

# A photo of a book page is ~50 Mpx at most; more is a decompression bomb (and ~150 Mo of memory).
MAX_PIXELS = 50_000_000
# What makes a file a web page or a script if a browser or a reader ever takes it for one.
SCRIPT_MARKERS = re.compile(rb"<(?:script|html|!doctype|iframe|object|embed)\b|javascript:|/JavaScript\b", re.I)
# Only in the first bytes, where a browser sniffs: a short marker would turn up by chance in 20 Mo.
HEAD_MARKERS = re.compile(rb"<(?:svg|body|head)\b", re.I)
CHUNK = 1024 * 1024


def detect(file) -> str:
    """The type of `file` (an open file or an upload) read from its content: one of KNOWN_TYPES for
    a well-formed PNG, JPEG, WebP or PDF, else UNKNOWN. Leaves the file at its start."""
    try:
        file.seek(0)
        head = file.read(8192)
        mime = puremagic.from_string(head, mime=True) if head else ""
    except (puremagic.PureError, ValueError):
        mime = ""
    well_formed = (
        (mime in IMAGE_TYPES and _decodes(file, PILLOW_FORMATS[mime])) or (mime == PDF and _is_pdf(file))
    ) and not _carries_script(file, head)
    file.seek(0)
    return mime if well_formed else UNKNOWN


def _decodes(file, pillow_format: str) -> bool:
    """The whole image decodes as `pillow_format`: a forged signature before anything else fails."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=[pillow_format]) as image:
                if image.width * image.height > MAX_PIXELS:
                    return False
                image.load()
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return False
    return True


def _is_pdf(file) -> bool:
    """A PDF begins with `%PDF-` and ends with `%%EOF` (a few bytes of padding allowed after it)."""
    file.seek(0)
    if file.read(5) != b"%PDF-":
        return False
    file.seek(0, 2)
    file.seek(max(0, file.tell() - 1024))
    return b"%%EOF" in file.read()


def _carries_script(file, head: bytes) -> bool:
    if HEAD_MARKERS.search(head[:1024]):
        return True
    file.seek(0)
    tail = b""
    while chunk := file.read(CHUNK):
        # The overlap finds a marker cut in two by the chunks.
        if SCRIPT_MARKERS.search(tail + chunk):
            return True
        tail = chunk[-32:]
    return False


@deconstructible
class FileTypeValidator:
    """A field's accepted types (from KNOWN_TYPES) and size limit, checked on the content.

    A file already stored was checked when it was uploaded: it is not read again on every edit."""

    def __init__(self, types: list[str], max_megabytes: int):
        self.types = list(types)
        self.max_megabytes = max_megabytes

    def __call__(self, file):
        if getattr(file, "_committed", False):
            return
        if file.size > self.max_megabytes * 1024 * 1024:
            raise ValidationError(
                f"Le fichier dépasse {self.max_megabytes} Mo : réduisez-le avant de l'envoyer.", code="file_size"
            )
        if detect(file) not in self.types:
            names = [LABELS[kind] for kind in self.types]
            accepted = f"{', '.join(names[:-1])} ou {names[-1]}" if len(names) > 1 else names[0]
            raise ValidationError(
                f"Ce fichier n'est pas un {accepted} valide : seul son contenu compte, pas son nom.",
                code="file_type",
            )

    def __eq__(self, other):
        return (
            isinstance(other, FileTypeValidator)
            and self.types == other.types
            and self.max_megabytes == other.max_megabytes
        )


validate_logo = FileTypeValidator([PNG, JPEG, WEBP], max_megabytes=2)
validate_document = FileTypeValidator([PDF, PNG, JPEG, WEBP], max_megabytes=20)
