"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC and VNI-Windows) → Unicode NFC.

Files typed with the .VnTime (TCVN3) or VNI-Times fonts store Vietnamese in
8-bit codes that show up, once read as cp1252/latin-1 (or extracted from a PDF
or DOCX that uses those fonts), as `Uû ban nh©n d©n` (TCVN3) or
`Coäng hoøa xaõ hoäi` (VNI). `convert_legacy` detects such lines and converts
them; clean Unicode comes back as the identical string.

No maintained converter exists on PyPI (checked: `vniencoder` is VNI-only and
abandoned), so the maps are built here from the published code tables.

Detection works line by line: a line holding any Unicode-only Vietnamese
letter (ă đ ơ ư ạ ố …, U+0100 and above) is native Unicode and is never
touched; the other lines that hold a legacy marker character are scored by
how many of their words are valid Vietnamese syllables before and after each
conversion (a common syllable, from vanban/data/syllables.txt, counts 3, any
other well-formed one 1). The encoding with the best total gain wins (at least
2 points), then every non-native line is converted with it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from vanban.vocab import syllables

# ---------------------------------------------------------------- code tables

# TCVN3 (ABC, .VnTime): one legacy character per Unicode letter. The order of
# each group is: plain, grave, acute, hook, tilde, dot.
_TCVN3_SPEC = (
    # unicode letters          tcvn3 characters (as cp1252 / latin-1)
    ("aàáảãạ", "aµ¸¶·¹"),
    ("ăằắẳẵặ", "¨»¾¼½Æ"),
    ("âầấẩẫậ", "©ÇÊÈÉË"),
    ("eèéẻẽẹ", "eÌÐÎÏÑ"),
    ("êềếểễệ", "ªÒÕÓÔÖ"),
    ("iìíỉĩị", "i×ÝØÜÞ"),
    ("oòóỏõọ", "oßãáâä"),
    ("ôồốổỗộ", "«åèæçé"),
    ("ơờớởỡợ", "¬êíëìî"),
    ("uùúủũụ", "uïóñòô"),
    ("ưừứửữự", "\u00adõøö÷ù"),
    ("yỳýỷỹỵ", "yúýûüþ"),
    ("đĂÂĐÊÔƠƯ", "®¡¢§£¤¥¦"),
)
TCVN3_TO_UNICODE: dict[str, str] = {
    t: u for us, ts in _TCVN3_SPEC for u, t in zip(us, ts) if t != u
}

# VNI-Windows: base letter followed by a diacritic character. Marks combine
# with the letter before them; a few letters are single characters.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_MARKS_LOWER = {
    "ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "à": _CIRC + _GRAVE, "á": _CIRC + _ACUTE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "è": _BREVE + _GRAVE, "é": _BREVE + _ACUTE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}
VNI_MARKS: dict[str, str] = {**_VNI_MARKS_LOWER, **{k.upper(): v for k, v in _VNI_MARKS_LOWER.items()}}
_VNI_SINGLE_LOWER = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
VNI_SINGLE: dict[str, str] = {
    **_VNI_SINGLE_LOWER, **{k.upper(): v.upper() for k, v in _VNI_SINGLE_LOWER.items()}
}
_TONES = frozenset((_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT))

# ---------------------------------------------------------------- detection helpers

# Latin-1 letters that also occur in Unicode Vietnamese.
_VIET_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
# Characters that betray a legacy encoding: the rest of U+00A1..U+00FF.
_MARKERS = "".join(c for c in map(chr, range(0xA1, 0x100)) if c not in _VIET_LATIN1)
# ... or a VNI mark that is itself a Vietnamese letter, right after a vowel ("caùc").
_MARKER_RE = re.compile("[" + re.escape(_MARKERS) + "]|[aeiouyAEIOUYôöÔÖ][ùõâàáãêèéúÙÕÂÀÁÃÊÈÉÚ]")
# Unicode-only Vietnamese letters (and combining tone marks): a line with one is native.
_NATIVE_RE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
                        "\u01af\u01b0\u1ea0-\u1ef9\u0300-\u0323]")
_TOKEN_RE = re.compile("[A-Za-z\u00a1-\u00ff\u0100-\u01b0\u1ea0-\u1ef9\u0300-\u0323]+")

_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
_OPEN = "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|iêu|yêu|uya|uyu"
_CLOSED = "ă|â|iê|yê|uô|ươ|uyê|oă|uâ"
_EITHER = "a|e|ê|i|o|ô|ơ|u|ư|y|oa|oe|uê|uy|uơ"
_CODA = "(?:ch|ng|nh|c|k|m|n|p|t)"  # k: Tây Nguyên names (Đăk, Lắk)
_SYLLABLE_RE = re.compile(
    f"{_ONSET}(?:(?:{_OPEN})|(?:{_CLOSED}){_CODA}|(?:{_EITHER}){_CODA}?)"
)


@functools.lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Return True if `word` (any case, NFC or NFD) is a well-formed Vietnamese syllable."""
    d = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONES for c in d) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    return _SYLLABLE_RE.fullmatch(toneless) is not None


def _score(tokens: list[str]) -> int:
    """1 point per well-formed syllable, 3 for a common one."""
    lex = syllables()
    return sum(1 + 2 * (unicodedata.normalize("NFC", t.lower()) in lex) for t in tokens if is_syllable(t))


# ---------------------------------------------------------------- converters
# Each returns (converted text, origins) where origins[i] is the index in the
# input of the character that produced output character i.


_TCVN3_TABLE = str.maketrans(TCVN3_TO_UNICODE)
# a word of capitals that also holds a legacy letter (candidates for .VnTimeH)
_CAPS_TOKEN_RE = re.compile("[A-Z\u00a1-\u00ff]*[A-Z][A-Z\u00a1-\u00ff]*")


def _tcvn3_line(line: str) -> tuple[str, list[int]]:
    out = line.translate(_TCVN3_TABLE)  # one character for one: same length
    letters = [c for c in line if c.isascii() and c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):  # a whole line in .VnTimeH
        upper = out.upper()
        if len(upper) == len(out):
            return upper, list(range(len(line)))
    # .VnTimeH (capitals font) uses the lower-case codes: upper-case a word whose
    # plain letters are all capitals, if there are two of them or one follows a
    # legacy letter ("TØNH" → "TỈNH", "ñY" → "ỦY", but "Uû" → "Uỷ" → "Ủy").
    spans = []
    for m in _CAPS_TOKEN_RE.finditer(line):
        tok = m.group()
        if tok.isascii() or (m.start() and line[m.start() - 1].isalpha()) or (
            m.end() < len(line) and line[m.end()].isalpha()
        ):
            continue
        ascii_at = [k for k, c in enumerate(tok) if c.isascii()]
        if len(ascii_at) >= 2 or (ascii_at[-1] > 0 and not tok[ascii_at[-1] - 1].isascii()):
            spans.append((m.start(), m.end()))
    for a, b in spans:
        out = out[:a] + out[a:b].upper() + out[b:]
    return out, list(range(len(line)))


def _vni_line(line: str) -> tuple[str, list[int]]:
    out: list[str] = []
    origins: list[int] = []
    for i, c in enumerate(line):
        mark = VNI_MARKS.get(c)
        if mark is not None and out:
            base = unicodedata.normalize("NFD", out[-1])
            if base[0].lower() in "aeiouyơư" and not (_TONES & set(base[1:])):
                letter = base[0].lower()
                modifier = _CIRC in mark or _BREVE in mark
                if not modifier or (len(base) == 1 and letter in ("a" if _BREVE in mark else "aeo")):
                    combined = unicodedata.normalize("NFC", base + mark)
                    if len(combined) == 1:
                        out[-1] = combined
                        continue
        out.append(VNI_SINGLE.get(c, c))
        origins.append(i)
    return "".join(out), origins


_UY_TONE = str.maketrans("ỳýỷỹỵỲÝỶỸỴ", "yyyyyYYYYY")
_U_WITH = {"ỳ": "ù", "ý": "ú", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}
_UY_RE = re.compile("(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?![A-Za-z\u00c0-\u1ef9])")


def _modern_uy(s: str) -> str:
    """Move the tone of an open 'uy' syllable onto the u ('Uỷ ban' → 'Ủy ban'); same length."""

    def fix(m: re.Match) -> str:
        u, y = m.group(1), m.group(2)
        nu = _U_WITH[y.lower()]
        return (nu.upper() if u.isupper() else nu) + y.translate(_UY_TONE)

    return _UY_RE.sub(fix, s)


_CONVERTERS = {"tcvn3": _tcvn3_line, "vni": _vni_line}


# ---------------------------------------------------------------- public API


def detect_legacy(text: str) -> str | None:
    """Return "tcvn3" or "vni" when `text` is (partly) in that legacy encoding, else None.

    Cheap for clean text: one regex scan finds no marker character and returns None.
    """
    if not _MARKER_RE.search(text):
        return None
    gains = {name: 0 for name in _CONVERTERS}
    for line in text.splitlines():
        if _NATIVE_RE.search(line) or not _MARKER_RE.search(line):  # native test first: it stops early
            continue
        before = _score(_TOKEN_RE.findall(line))
        for name, conv in _CONVERTERS.items():
            gains[name] += _score(_TOKEN_RE.findall(conv(line)[0])) - before
        first, second = sorted(gains.values(), reverse=True)
        if first >= 60 and first - second >= 60:  # clear enough: stop scoring
            break
    best = max(gains, key=lambda n: gains[n])
    return best if gains[best] >= 2 else None


def convert_legacy_mapped(text: str) -> tuple[str, str | None, list[int] | None]:
    """Convert legacy-encoded lines of `text` to Unicode NFC, keeping an offset map.

    Returns (text, name, origins): name is "tcvn3", "vni" or None; origins is None
    when nothing changed (then `text` is returned as is), else a list where
    origins[i] is the index in the input of the character that became output
    character i. Never raises on any str input.
    """
    name = detect_legacy(text)
    if name is None:
        return text, None, None
    conv = _CONVERTERS[name]
    out: list[str] = []
    origins: list[int] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        if body and not _NATIVE_RE.search(body):
            conv_text, conv_orig = conv(body)
            fixed, fixed_orig = _nfc_mapped(_modern_uy(conv_text), conv_orig)
            out.append(fixed)
            origins.extend(pos + o for o in fixed_orig)
        else:
            out.append(body)
            origins.extend(range(pos, pos + len(body)))
        tail = line[len(body):]
        out.append(tail)
        origins.extend(range(pos + len(body), pos + len(line)))
        pos += len(line)
    return "".join(out), name, origins


def _nfc_mapped(s: str, origins: list[int]) -> tuple[str, list[int]]:
    """NFC `s` character cluster by cluster, carrying each cluster's first origin."""
    if unicodedata.is_normalized("NFC", s):
        return s, origins
    out: list[str] = []
    orig: list[int] = []
    i = 0
    while i < len(s):
        j = i + 1
        while j < len(s) and unicodedata.combining(s[j]):
            j += 1
        piece = unicodedata.normalize("NFC", s[i:j])
        out.append(piece)
        orig.extend([origins[i]] * len(piece))
        i = j
    return "".join(out), orig


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Convert TCVN3/ABC or VNI-Windows text to Unicode NFC.

    Returns (text, name) where name is "tcvn3", "vni" or None; with None the
    very same string object is returned. Lines that already hold Unicode-only
    Vietnamese letters are left as they are. Never raises on any str input.
    """
    converted, name, _ = convert_legacy_mapped(text)
    return converted, name


def encode_legacy(text: str, name: str) -> str:
    """Return `text` (Unicode Vietnamese) written in legacy encoding `name` ("tcvn3" or "vni").

    The inverse of convert_legacy, for making test inputs. Characters that the
    encoding cannot express are kept as they are. Raises ValueError for an unknown name.
    """
    if name == "tcvn3":
        table = {u: t for us, ts in _TCVN3_SPEC for u, t in zip(us, ts) if not u.isascii()}
        # capitals with tone marks only exist in the .VnTimeH font, on the lower-case codes
        table.update({u.upper(): table[u] for u in list(table) if u.islower() and u.upper() not in table})
        return "".join(table.get(c, c) for c in unicodedata.normalize("NFC", text))
    if name != "vni":
        raise ValueError(f"unknown legacy encoding {name!r}")
    single = {v: k for k, v in VNI_SINGLE.items()}
    marks = {v: k for k, v in _VNI_MARKS_LOWER.items()}
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in single:
            out.append(single[c])
            continue
        d = unicodedata.normalize("NFD", c)
        base, rest = d[0], d[1:]
        if rest and base.lower() in "aeouy" and not (base.lower() == "o" and rest[0] == "\u031b") \
                and not (base.lower() == "u" and rest[0] == "\u031b"):
            mods = "".join(x for x in rest if x in (_CIRC, _BREVE))
            tones = "".join(x for x in rest if x in _TONES)
            key = marks.get(mods + tones)
            if key is not None and len(mods + tones) == len(rest):
                out.append(base + (key.upper() if base.isupper() else key))
                continue
        if rest and rest[0] == "\u031b" and base.lower() in "ou":  # horn: ơ ư + tone
            horn = single[unicodedata.normalize("NFC", base + "\u031b")]
            tone = rest[1:]
            key = marks.get(tone) if tone else ""
            if key is not None:
                out.append(horn + ((key.upper() if base.isupper() else key) if key else ""))
                continue
        if rest and base.lower() in "iy" and len(rest) == 1:
            # ì í (same code), ỉ ĩ ị ỵ are single characters in VNI
            if c in "ìíÌÍ":
                out.append(c)
                continue
            key = marks.get(rest)
            if key is not None and base.lower() == "y":
                out.append(base + (key.upper() if base.isupper() else key))
                continue
        out.append(c)
    return "".join(out)
