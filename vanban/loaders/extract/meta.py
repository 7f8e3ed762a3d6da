"""Extract document metadata (type, number, date, issuer, signer, title, recipients).

Values come from the segmented header and signature; a sidecar (RawText.meta)
wins over the text. When the header lacks a type word, the form decides: a
number symbol implies its type, and a letter with Kính gửi (or a V/v title)
is a Công văn. Missing number and date stay None.
"""

from __future__ import annotations

import re
from collections import Counter

from vanban import vocab
from vanban.loaders.extract.issuers import clean_issuer
from vanban.loaders.read import SIDECAR_FIELDS
from vanban.model import DocumentMeta, InputError, Segmented
from vanban.text import squash

_UNITS = vocab.unit_words("province", "district", "commune", without=("đặc khu",))
_ADMIN = re.compile(rf"\b({vocab.unit_pattern(_UNITS, ' ')})\s+(.+)$")
_PROVINCE = re.compile(r"tỉnh\s+((?:[A-ZĐ][a-zđà-ỹ'’]*)(?:\s+[A-ZĐ][a-zđà-ỹ'’]*){0,3})")
_ORGAN_LEVEL = re.compile(r"(Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+(tỉnh|huyện|thành phố|xã)\b")


def canonical_organ(printed: str) -> str:
    """Return an organ name printed in capitals in its usual case:
    'ỦY BAN NHÂN DÂN TỈNH KON TUM' → 'Ủy ban nhân dân tỉnh Kon Tum'. Mixed case is kept."""
    s = squash(printed)
    if s != s.upper():
        return s
    low = vocab.canonical_title(s)
    m = _ADMIN.search(low)
    if m:
        place = " ".join(w[:1].upper() + w[1:] for w in m.group(2).split())
        low = low[:m.start(2)] + place
    return low.replace("uỷ", "ủy").replace("Uỷ", "Ủy")


def _infer_issuer(seg: Segmented) -> str | None:
    """Issuer when the header is missing: the organ in the signing mode (TM. Ủy ban nhân dân),
    its level and province from the body ('Ủy ban nhân dân tỉnh có ý kiến', 'tỉnh Kon Tum')."""
    mode = seg.signature.mode or ""
    organ = None
    m = re.search(r"TM\.\s*([^;]+)", mode)
    if m:
        organ = m.group(1).strip()
    text = seg.repaired.text
    body = " ".join(c.text for c in seg.body[:1] + seg.body[-1:]) if seg.body else ""
    if organ is None:
        if seg.signature.title in ("Chủ tịch", "Phó Chủ tịch") and re.search(r"Ủy ban nhân dân|UBND", body):
            organ = "Ủy ban nhân dân"
        else:
            return None
    level = Counter(m.group(2) for m in _ORGAN_LEVEL.finditer(body) if m.group(1)[0] in "UỦ" or organ.startswith("H"))
    lvl = level.most_common(1)[0][0] if level else None
    if lvl == "tỉnh":
        prov = Counter(m.group(1) for m in _PROVINCE.finditer(text))
        if prov:
            return f"{organ} tỉnh {prov.most_common(1)[0][0]}"
    return f"{organ} {lvl}" if lvl else organ


def extract_meta(seg: Segmented, sidecar: dict | None = None) -> DocumentMeta:
    """Return the DocumentMeta of `seg`, with sidecar fields (already validated by read) winning.

    Raises InputError when a sidecar date is not ISO yyyy-mm-dd.
    """
    h, sig = seg.header, seg.signature
    typ = vocab.type_from_word(h.type_word) if h.type_word else None
    if typ is None and h.number:
        typ = vocab.type_from_symbol(h.number)
    if typ is None and h.symbol:
        typ = vocab.type_from_symbol("0" + h.symbol)
    if typ is None and (seg.kinh_gui or (h.title and re.match(r"(?i)v/v\b", h.title))):
        typ = "Công văn"
    issuer = canonical_organ(h.issuer) if h.issuer else _infer_issuer(seg)
    if h.parent_issuer and h.issuer:
        issuer = canonical_organ(h.issuer)
    issuer = clean_issuer(issuer)
    mode = sig.mode
    if mode is None and sig.title is None:
        mode = None
    meta = dict(
        type=typ, number=h.number, date=h.date, issuer=issuer, signer=sig.signer,
        signer_title=sig.title, signing_mode=mode, title=h.title,
        recipients=tuple(r.text for r in seg.kinh_gui), place=h.place,
    )
    for k, v in (sidecar or {}).items():
        if k not in SIDECAR_FIELDS:  # reader metadata (pdf, docx, tables…) is not document metadata
            continue
        if k == "date" and v is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(v)):
            raise InputError(f"sidecar date must be yyyy-mm-dd, got {v!r}", (sidecar or {}).get("_sidecar"))
        if k == "recipients":
            v = tuple(v or ())
        meta[k] = v
    return DocumentMeta(**meta)
