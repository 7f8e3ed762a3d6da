"""Small helpers shared by the views: labels and tooltips of documents, dates, legends."""

from __future__ import annotations

from typing import Any

from vanban.viz.shapes import DOC_COLORS, DOC_OTHER_COLOR, STUB_COLOR, LegendItem, VizNode, doc_color


def vn_date(iso: str | None) -> str | None:
    """Return "dd/mm/yyyy" for an ISO date "yyyy-mm-dd" (other strings unchanged, None stays None)."""
    if not iso:
        return None
    parts = str(iso)[:10].split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    return str(iso)


def doc_label(doc: dict[str, Any]) -> str:
    """Return the short label of a document: type, number (or "không số"), date — one per line."""
    number = doc.get("number")
    if not number and str(doc.get("key") or "").startswith("doc:name:") and doc.get("title"):
        number = str(doc["title"])[:48]  # a law known by its name (catalogue of names)
    lines = [doc.get("type") or "Văn bản", number or "(không số)"]
    d = vn_date(doc.get("date")) or (str(doc["year"]) if doc.get("year") else None)
    if d:
        lines.append(d)
    return "\n".join(lines)


def doc_title(doc: dict[str, Any]) -> str:
    """Return the tooltip of a document: its key facts, one per line."""
    head = " ".join(x for x in (doc.get("type"), doc.get("number")) if x) or "Văn bản"
    lines = [head]
    facts = (
        ("Ngày", vn_date(doc.get("date"))),
        ("Năm", doc.get("year") if not doc.get("date") else None),
        ("Cơ quan ban hành", doc.get("issuer")),
        ("Trích yếu", doc.get("title")),
        ("Người ký", doc.get("signer")),
        ("Tệp", doc.get("source")),
        ("Khóa", doc.get("key")),
    )
    lines += [f"{k}: {v}" for k, v in facts if v]
    if doc.get("stub"):
        lines.append("Văn bản chỉ biết qua trích dẫn (chưa có toàn văn).")
    return "\n".join(lines)


def doc_node(doc: dict[str, Any], *, focus: bool = False, rank: int = 0, level: int | None = None) -> VizNode:
    """Return the node of a document dict (keys as in schema.Document)."""
    stub = bool(doc.get("stub"))
    return VizNode(
        id=doc["key"], label=doc_label(doc), kind="document", title=doc_title(doc),
        color=doc_color(doc.get("type"), stub), shape="box", dashed=stub, focus=focus,
        rank=rank, level=level, doctype="stub" if stub else (doc.get("type") or "other"),
    )


def doc_legend(doc_types: set[str]) -> list[LegendItem]:
    """Return legend lines for the document types in use (plus "stub" and "other")."""
    items = [LegendItem(t, c, "box", fkey=t) for t, c in DOC_COLORS.items() if t in doc_types]
    if "other" in doc_types:
        items.append(LegendItem("Văn bản khác", DOC_OTHER_COLOR, "box", fkey="other"))
    if "stub" in doc_types:
        items.append(LegendItem("Chỉ biết qua trích dẫn (stub)", STUB_COLOR, "dashed-box", fkey="stub"))
    return items


def provenance(props: dict[str, Any], prefix: str = "") -> list[str]:
    """Return tooltip lines for an extracted edge: clause and the sentence it came from."""
    lines = []
    clause = props.get(prefix + "clause")
    if clause:
        lines.append(f"Mục: {clause}")
    surface = props.get(prefix + "surface")
    if surface:
        lines.append(f"Nguyên văn: «{surface}»")
    return lines
