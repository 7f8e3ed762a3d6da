"""Read stage: a file's bytes → RawText (decoded text + sidecar metadata).

`.txt` and `.md` are decoded here (UTF-8, UTF-8 with BOM, UTF-16 with BOM);
`.pdf` and `.docx` are delegated to `read_pdf` / `read_docx` (imported lazily).
A sidecar `<file>.meta.json`, `<file>.meta.yaml` or `<stem>.meta.json` beside the
input supplies metadata that wins over the text (e.g. number and date).
"""

from __future__ import annotations

import codecs
import hashlib
import importlib
import json
import os
import re
from pathlib import Path
from typing import Any

import yaml

from vanban.model import InputError, RawText

#: Control characters other than the line/page breaks and tabs, and the replacement character.
_BAD_CHAR = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
DELEGATED = {".pdf": ("vanban.loaders.read.pdf", "read_pdf"), ".docx": ("vanban.loaders.read.docx", "read_docx")}
#: RawText.meta key of the reader's warnings (stray bytes replaced, double encoding undone).
READ_WARNINGS = "_read_warnings"
#: What a file's first bytes say it is (suffix it is read as) whatever its name.
MAGIC = ((b"%PDF-", ".pdf"), (b"PK\x03\x04", ".zip"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),
         (b"\x1f\x8b", ".gz"), (b"\x89PNG", ".png"), (b"\xff\xd8\xff", ".jpg"))
SNIFF_NAMES = {".zip": "a ZIP archive (not a DOCX)", ".doc": "a legacy Word .doc (OLE) file; save it as .docx",
               ".gz": "a gzip archive", ".png": "a PNG image", ".jpg": "a JPEG image"}
SIDECAR_FIELDS = {
    "type", "number", "date", "issuer", "signer", "signer_title", "signing_mode", "title", "recipients", "place",
}


class StrayBytes(Exception):
    """Raised by decode_text for UTF-8 text with a few invalid bytes: carries the text (with U+FFFD)
    and the warning; `read_file` loads it and reports the warning."""

    def __init__(self, text: str, encoding: str, notes: list[str]):
        super().__init__(notes[0])
        self.text, self.encoding, self.notes = text, encoding, notes


def max_bytes() -> int:
    """Return the size limit in bytes (env VANBAN_MAX_BYTES, default 50 MB). Raises InputError if the env value is bad."""
    raw = os.environ.get("VANBAN_MAX_BYTES")
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"VANBAN_MAX_BYTES must be an integer, got {raw!r}") from None
    if value <= 0:
        raise InputError(f"VANBAN_MAX_BYTES must be positive, got {value}")
    return value


def check_size(path: str | os.PathLike, source: str | None = None, size: int | None = None) -> int:
    """Return the size of `path` in bytes; raise InputError (naming `source`) when it is over max_bytes().

    Looks only at the file's metadata (or at `size`, when the caller has it): an oversized file
    is never read. Raises OSError when the file cannot be looked at.
    """
    limit = max_bytes()
    if size is None:
        size = Path(path).stat().st_size
    if size > limit:
        raise InputError(f"file is {size} bytes, over the {limit}-byte limit (VANBAN_MAX_BYTES)",
                         source if source is not None else str(path))
    return size


def read_binary(path: str | os.PathLike) -> bytes:
    """Return the bytes of a binary document (PDF, DOCX) for its reader.

    Raises InputError naming the file when it cannot be read or holds only white space.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError(f"cannot read file ({e.strerror or e})", path=str(path)) from e
    if not data.strip():
        raise InputError("empty file", path=str(path))
    return data


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Decode text bytes; return (text, encoding name).

    Accepts UTF-8 (with or without BOM) and UTF-16 with a BOM. Raises InputError
    naming `source` for binary content (NUL bytes, control characters) or bytes
    that are not valid in any accepted encoding.
    """
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(f"undecodable UTF-16 text at byte {e.start}", source) from None
    elif data.startswith(codecs.BOM_UTF8):
        try:
            text, enc = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(f"undecodable UTF-8 text at byte {e.start + 3}", source) from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError("binary file (NUL bytes), not a text document", source)
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            from vanban.loaders.read.fixes import decode_with_stray_bytes

            if (fixed := decode_with_stray_bytes(data)) is not None:  # UTF-8 but for a few stray bytes
                raise StrayBytes(*fixed) from None
            text, enc = _legacy_8bit(data), "cp1252"
            if text is None:
                raise InputError(
                    f"not UTF-8 text (invalid byte 0x{data[e.start]:02x} at offset {e.start})"
                    " and not legacy TCVN3/VNI text", source) from None
    sample = text[:8192]
    if sample:
        bad = len(_BAD_CHAR.findall(sample))
        if bad > max(8, len(sample) // 100):
            raise InputError("binary or corrupt content (control characters), not a text document", source)
    return text, enc


def _legacy_8bit(data: bytes) -> str | None:
    """Return `data` decoded as 8-bit text when it reads as TCVN3/VNI Vietnamese, else None.

    Legacy-font files are 8-bit text; decoded as cp1252 (latin-1 for the five
    bytes cp1252 leaves undefined) they show the legacy letters that
    `vanban.loaders.repair.legacy.convert_legacy` recognises and repair converts.
    """
    from vanban.loaders.repair.legacy import convert_legacy

    # cp1252 is single-byte, so text[i] comes from data[i]; its five undefined bytes keep their latin-1 value.
    text = "".join(chr(b) if c == "\ufffd" else c for b, c in zip(data, data.decode("cp1252", errors="replace")))
    return text if convert_legacy(text)[1] is not None else None


def sidecar_paths(path: Path) -> list[Path]:
    """Return the candidate sidecar paths of `path`, in priority order."""
    return [
        path.with_name(path.name + ".meta.json"),
        path.with_name(path.name + ".meta.yaml"),
        path.with_name(path.name + ".meta.yml"),
        path.with_name(path.stem + ".meta.json"),
        path.with_name(path.stem + ".meta.yaml"),
    ]


def load_sidecar(path: Path) -> dict[str, Any]:
    """Return the metadata of the first sidecar found beside `path` ({} if none).

    Raises InputError naming the sidecar when it is not valid JSON/YAML, is not a
    mapping, or has unknown fields.
    """
    for side in sidecar_paths(path):
        if not side.is_file() or side == path:
            continue
        try:
            body = side.read_text(encoding="utf-8")
            data = json.loads(body) if side.suffix == ".json" else yaml.safe_load(body)
        except (UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as e:
            raise InputError(f"malformed metadata sidecar: {str(e).splitlines()[0]}", str(side)) from None
        except OSError as e:
            raise InputError(f"cannot read metadata sidecar: {e.strerror}", str(side)) from None
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise InputError("metadata sidecar must be a mapping of field: value", str(side))
        unknown = sorted(set(data) - SIDECAR_FIELDS)
        if unknown:
            raise InputError(f"unknown metadata field(s) {', '.join(unknown)}", str(side))
        if "recipients" in data and not isinstance(data["recipients"], list):
            raise InputError("metadata field 'recipients' must be a list", str(side))
        for k, v in data.items():
            if k != "recipients" and v is not None and not isinstance(v, (str, int)):
                raise InputError(f"metadata field {k!r} must be a string", str(side))
        out = {k: (str(v) if isinstance(v, int) else v) for k, v in data.items()}
        out["_sidecar"] = str(side)
        return out
    return {}


def sniff(path: Path) -> str | None:
    """Return the suffix the file's first bytes say it is (".pdf", ".docx", ".zip", ".doc", …), or None.

    A ZIP holding word/document.xml is a DOCX. Raises nothing (an unreadable file sniffs as None).
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return None
    start = head.lstrip(b"\r\n\t \xef\xbb\xbf")[:8]
    for magic, kind in MAGIC:
        if start.startswith(magic) if kind == ".pdf" else head.startswith(magic):
            if kind == ".zip":
                import zipfile

                try:
                    with zipfile.ZipFile(path) as z:
                        return ".docx" if "word/document.xml" in z.namelist() else ".zip"
                except (zipfile.BadZipFile, OSError, ValueError):
                    return ".zip"
            return kind
    return None


def read_file(path: str | os.PathLike) -> RawText:
    """Read one input file and return its RawText (text, encoding, sha256, sidecar meta).

    Raises InputError (naming the file) when the file is missing, too large, of an
    unsupported format, binary or undecodable, or when its sidecar is malformed.
    """
    source = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", source)
    if not p.is_file():
        raise InputError("not a regular file", source)
    check_size(p, source)
    suffix = p.suffix.lower()
    meta = load_sidecar(p)
    sniffed = sniff(p)
    if sniffed is not None and sniffed != suffix and not (suffix in DELEGATED and sniffed not in DELEGATED):
        if sniffed not in DELEGATED:  # (a damaged .pdf/.docx gets its reader's own message)
            raise InputError(f"{SNIFF_NAMES[sniffed]} by its content, whatever its name ({p.name}): "
                             "not a document vanban reads", source)
        suffix = sniffed  # a PDF or DOCX is read as what it is, whatever its name
    if suffix in DELEGATED:
        mod_name, fn_name = DELEGATED[suffix]
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError:
            raise InputError(f"unsupported format {suffix} (reader not installed)", source) from None
        raw = getattr(mod, fn_name)(p)
        if meta:
            raw = RawText(raw.source, raw.text, raw.encoding, raw.sha256, {**raw.meta, **meta})
        return raw
    if suffix not in TEXT_SUFFIXES:
        raise InputError(f"unsupported format {suffix or '(none)'}: expected .txt, .md, .pdf or .docx", source)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", source) from None
    try:
        text, enc = decode_text(data, source)
        notes = []
    except StrayBytes as e:
        text, enc, notes = e.text, e.encoding, list(e.notes)
    from vanban.loaders.read.fixes import undo_double_utf8

    if (undone := undo_double_utf8(text)) is not None:
        text, enc = undone, enc + "+double-encoded"
        notes.append("text was UTF-8 encoded twice (mojibake such as 'Ã¡', 'Ä‘'); repaired")
    if not text.strip():
        raise InputError("empty document", source)
    if notes:
        meta = {**meta, READ_WARNINGS: tuple(notes)}
    return RawText(source=source, text=text, encoding=enc, sha256=hashlib.sha256(data).hexdigest(), meta=meta)


def raw_from_string(text: str, source: str = "<text>", meta: dict[str, Any] | None = None) -> RawText:
    """Wrap an in-memory string as RawText (for tests and the API)."""
    return RawText(source=source, text=text, encoding="str",
                   sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), meta=dict(meta or {}))
