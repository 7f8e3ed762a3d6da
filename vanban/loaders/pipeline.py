"""The extraction pipeline: read → repair → segment → metadata → citations → who-does-what.

`extract_text` runs the pure stages on a RawText; `extract_file` reads a file
first; `extract_many` runs over many files, yielding an error in place of an
Extraction for a bad file so one failure does not stop the others, and then
identifies documents whose text lacks number/date by the citations of the
other documents of the batch (`identify_in_batch`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from vanban.loaders.extract.citations import extract_citations
from vanban.loaders.extract.meta import extract_meta
from vanban.loaders.extract.who import extract_who
from vanban.loaders.read import read_file
from vanban.loaders.repair import repair
from vanban.loaders.segment import segment
from vanban.model import Extraction, InputError, RawText, VanbanError
from vanban.text import fold


def extract_text(raw: RawText) -> Extraction:
    """Run repair, segment and every extractor on `raw`; return the Extraction.

    Raises InputError for a malformed sidecar value; never swallows errors of the stages.
    """
    rep = repair(raw)
    seg = segment(rep)
    meta = extract_meta(seg, raw.meta)
    cits = extract_citations(seg)
    warnings: list[str] = list(raw.meta.get("_read_warnings", ()))  # the reader's repairs (read.READ_WARNINGS)
    if not seg.body:
        warnings.append("no body text found")
    who = extract_who(seg, meta, cits)
    warnings.extend(who.warnings)
    return Extraction(
        source=raw.source, sha256=raw.sha256, document=meta, citations=cits, agencies=who.agencies,
        places=who.places, responsibilities=who.responsibilities, targets=who.targets, warnings=tuple(warnings),
        repairs=rep.repairs, text=rep.text, noi_nhan=seg.noi_nhan,
    )


def extract_file(path: str | os.PathLike) -> Extraction:
    """Read and extract one file. Raises InputError (naming the file) when it cannot be read."""
    return extract_text(read_file(path))


def _strip_subject(s: str | None) -> str:
    s = fold(s)
    s = re.sub(r"^(?:ve viec|v/v|ve)\s+", "", s)
    return s.rstrip(" .;")


def identify_in_batch(results: list[Extraction]) -> list[Extraction]:
    """Fill a document's missing number/date from another document of the batch that cites it.

    A citation identifies a document when its type is the document's type and its
    subject ("về việc …", prefix dropped, folded) equals the document's title.
    Only unambiguous matches are used; each fill adds a warning naming the source.
    """
    index: dict[tuple[str, str], list[tuple[Extraction, object]]] = {}
    for ex in results:
        for c in ex.citations:
            if c.number and c.subject and c.type:
                index.setdefault((fold(c.type), _strip_subject(c.subject)), []).append((ex, c))
    out = []
    for ex in results:
        d = ex.document
        if d.number or not d.title or not d.type:
            out.append(ex)
            continue
        title = _strip_subject(d.title)
        hits = [(src, c) for src, c in index.get((fold(d.type), title), []) if src is not ex]
        if not hits and len(title.split()) >= 8:
            # a subject cut short (or a title printed shorter): one must be a prefix of the other
            hits = [(src, c) for (typ, subj), pairs in index.items() if typ == fold(d.type)
                    and len(subj.split()) >= 8 and (subj.startswith(title) or title.startswith(subj))
                    for src, c in pairs if src is not ex]
        numbers = {c.number for _, c in hits}
        if len(numbers) != 1:
            out.append(ex)
            continue
        src, c = hits[0]
        doc = replace(d, number=c.number, date=d.date or c.date)
        note = f"number {c.number} and date {c.date} identified from a citation in {src.source}"
        out.append(replace(ex, document=doc, warnings=ex.warnings + (note,)))
    return out


def extract_many(paths: Iterable[str | os.PathLike], identify: bool = True
                 ) -> Iterator[tuple[str, Extraction | VanbanError]]:
    """Extract each path; yield (path, Extraction) or (path, the VanbanError it raised), in input order.

    With `identify`, documents lacking a number are identified from the batch's
    citations (see identify_in_batch) before being yielded.
    """
    results: list[tuple[str, Extraction | VanbanError]] = []
    for p in paths:
        try:
            results.append((str(p), extract_file(p)))
        except VanbanError as e:
            results.append((str(p), e))
        except Exception as e:  # noqa: BLE001 - a bug on one file must not stop the others
            results.append((str(p), InputError(f"extraction crashed ({type(e).__name__}: {e})", str(p))))
    if identify:
        good = [r for _, r in results if isinstance(r, Extraction)]
        fixed = iter(identify_in_batch(good))
        results = [(p, next(fixed) if isinstance(r, Extraction) else r) for p, r in results]
    yield from results
