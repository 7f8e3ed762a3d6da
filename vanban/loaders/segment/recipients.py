"""One recipient line of Kính gửi or Nơi nhận, with its purpose ("(b/c)", "(để biết)" …)."""

from __future__ import annotations

import re

from vanban.loaders.segment.lines import LinedText
from vanban.model import Recipient, Span
from vanban.text import squash

_PURPOSE = re.compile(r"\(((?:để\s+)?(?:b/c|t/h|đ/b|p/h|đ/t|đ\s*/\s*b|báo\s+cáo|thực\s+hiện|phối\s+hợp)|để\s+biết"
                      r"|đưa\s+tin)\)", re.I)
_PURPOSE_CANON = {"để biết": "đ/b", "báo cáo": "b/c", "thực hiện": "t/h", "phối hợp": "p/h",
                  "để báo cáo": "b/c", "để thực hiện": "t/h", "để phối hợp": "p/h",
                  "đểb/c": "b/c", "đểt/h": "t/h", "đểđ/b": "đ/b", "đểp/h": "p/h", "đểđ/t": "đ/t"}


def recipient(doc: LinedText, a: int, b: int) -> Recipient:
    """Return the recipient printed in [a, b): its name without the purpose and the closing ";.,:",
    its trimmed span, and its purpose abbreviated (b/c, t/h, đ/b, p/h, đ/t, đưa tin) or None."""
    a, b = doc.trim(a, b)
    raw = doc.clean(a, b)
    purpose = None
    pm = _PURPOSE.search(raw)
    if pm:
        p = re.sub(r"\s+", "", pm.group(1).lower()) if "/" in pm.group(1) else squash(pm.group(1).lower())
        purpose = _PURPOSE_CANON.get(p, p)
        raw = (raw[:pm.start()] + raw[pm.end():]).strip()
    name = raw.strip(" ;.,:").strip()
    return Recipient(text=name, span=Span(a, b), purpose=purpose)
