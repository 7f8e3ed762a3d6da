"""Synthetic directives as realistic Vietnamese text, with the generator's truth.

`generate_texts(n, seed)` yields `SynthText(name, text, truth)`: the text of a
provincial directive laid out as Nghị định 30/2020 prescribes — issuer and
quốc hiệu, "Số: 05/CT-UBND", "Kon Tum, ngày 22 tháng 01 năm 2024", type word,
trích yếu, Kính gửi, a preamble citing earlier documents ("Thực hiện Chỉ thị
số 05/CT-UBND ngày 22 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh Kon Tum về
việc …", "Căn cứ Nghị định số …", "Xét đề nghị của Sở … tại Tờ trình số …"),
a clause tree (1. / a) / - / +) assigning tasks to agencies ("Sở X chủ trì,
phối hợp với Sở Y … hoàn thành trước ngày …"), districts and communes taken
from the vietnamadminunits gazetteer, Nơi nhận and a signature — and `truth`,
the facts the generator put in (metadata, citations with their relation,
tasks with actor/role/deadline, places). The benchmark prints a citations score
against that truth as a sanity figure of its throughput run; it is no measure of
extraction quality (the text and its truth come from the same hand), which is
scored on the seeds' gold and checked on real documents in tests/.

Documents cite only earlier documents of the same province (plus central
documents and party resolutions, which become stubs), so a corpus has real
lineage chains. Deterministic for (n, seed).

CLI: `python -m benchmarks.synth_text N FOLDER [--seed S] [--short]` writes
N .txt files and FOLDER/truth.jsonl (one truth object per line).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sqlite3
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from benchmarks.synth import ACTIONS, CENTRAL, DRAFTING, SO, SUBJECTS
from vanban.model import InputError

#: (type word, code in the number) of the documents a province issues; None: Công văn.
TYPES = (("Chỉ thị", "CT"), ("Kế hoạch", "KH"), ("Quyết định", "QĐ"), ("Công văn", None),
         ("Thông báo", "TB"), ("Hướng dẫn", "HD"), ("Báo cáo", "BC"))
TYPE_WEIGHTS = (2, 3, 3, 5, 1, 1, 1)
#: Sở abbreviations used in Tờ trình numbers ("45/TTr-STC").
SO_CODE = {"Sở Kế hoạch và Đầu tư": "SKHĐT", "Sở Tài chính": "STC", "Sở Nông nghiệp và Phát triển nông thôn":
           "SNN", "Sở Xây dựng": "SXD", "Sở Giao thông vận tải": "SGTVT", "Sở Tài nguyên và Môi trường":
           "STNMT", "Sở Y tế": "SYT", "Sở Giáo dục và Đào tạo": "SGDĐT", "Sở Lao động - Thương binh và Xã hội":
           "SLĐTBXH", "Sở Công Thương": "SCT", "Sở Nội vụ": "SNV", "Sở Tư pháp": "STP",
           "Sở Văn hóa, Thể thao và Du lịch": "SVHTTDL", "Sở Thông tin và Truyền thông": "STTTT",
           "Sở Khoa học và Công nghệ": "SKHCN"}
PROVINCES = ("Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Quảng Ngãi", "Bình Định", "Phú Yên",
             "Khánh Hòa", "Quảng Nam", "Quảng Trị", "Quảng Bình", "Hà Tĩnh", "Nghệ An", "Thanh Hóa",
             "Ninh Bình", "Nam Định", "Thái Bình", "Hưng Yên", "Lào Cai", "Yên Bái", "Sơn La", "Điện Biên",
             "Lai Châu", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Lạng Sơn", "Tuyên Quang", "An Giang",
             "Đồng Tháp", "Tiền Giang", "Bến Tre")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE = ("Văn", "Hữu", "Ngọc", "Thị", "Đức", "Minh", "Quang")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hùng", "Tuấn", "Tháp", "Hải", "Long", "Phúc", "Thắng", "Lan")
LETTERS = "abcdđeghiklmn"
PREAMBLE_TEXT = (
    "Thời gian qua, các cấp, các ngành đã tích cực triển khai thực hiện và đạt được một số kết quả "
    "nhất định; tuy nhiên, việc thực hiện ở một số địa phương còn chậm, chất lượng chưa cao, công tác "
    "phối hợp giữa các cơ quan, đơn vị có lúc chưa chặt chẽ.")
SUB_ITEMS = ("rà soát, cập nhật danh mục dự án ưu tiên", "bảo đảm sử dụng vốn đúng mục đích",
             "tổng hợp khó khăn, vướng mắc và đề xuất giải pháp tháo gỡ", "công khai kết quả thực hiện",
             "huy động sự tham gia của Nhân dân")
#: actions without role words (no "chủ trì", "phối hợp", "kiểm tra", "đôn đốc", "tham mưu")
PLAIN_ACTIONS = ("rà soát, tổng hợp nhu cầu vốn", "xây dựng kế hoạch triển khai", "bố trí đủ nguồn vốn đối ứng",
                 "tổ chức tuyên truyền, phổ biến", "giải phóng mặt bằng các công trình")


@dataclass(frozen=True, slots=True)
class SynthText:
    """One synthetic file: its name, its text and the generator's truth (a JSON-ready dict)."""

    name: str
    text: str
    truth: dict[str, Any]


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[tuple[str, str, list[tuple[str, str]]]]]:
    """Return {province: [(district type word, district, [(commune type word, commune)])]} (pre-2025 units).

    Read from the vietnamadminunits package's SQLite data; raises InputError when it is missing.
    """
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the vietnamadminunits package is not installed")
    db = Path(list(spec.submodule_search_locations)[0]) / "data" / "dataset.db"
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            rows = conn.execute(
                "SELECT provinceShort, districtType, districtShort, wardType, wardShort FROM admin_units_legacy"
                " ORDER BY provinceCode, districtCode, wardCode").fetchall()
    except sqlite3.Error as e:
        raise InputError(f"cannot read the vietnamadminunits gazetteer: {e}", str(db)) from e
    out: dict[str, dict[tuple[str, str], list[tuple[str, str]]]] = {}
    for prov, dtype, dist, wtype, ward in rows:
        # the package disambiguates duplicated short names: "Cai Lậy (Huyện)" / "Cai Lậy (Thị xã)"
        dist = re.sub(r"\s*\(.*\)$", "", dist or "")
        ward = re.sub(r"\s*\(.*\)$", "", ward or "")
        if prov not in PROVINCES or dtype not in ("Huyện", "Thị xã", "Thành phố"):
            continue
        lst = out.setdefault(prov, {}).setdefault((dtype.lower(), dist), [])
        if ward and wtype == "Xã":
            lst.append((wtype.lower(), ward))
    return {p: [(t, d, c) for (t, d), c in ds.items() if c] for p, ds in out.items()}


def _date_words(iso: str, rng: random.Random) -> str:
    y, m, d = iso[:4], int(iso[5:7]), int(iso[8:10])
    r = rng.random()
    if r < 0.6:
        return f"ngày {d:02d} tháng {m:02d} năm {y}" if rng.random() < 0.5 else f"ngày {d} tháng {m} năm {y}"
    return f"ngày {d:02d}/{m:02d}/{y}"


def _wrap(text: str, width: int) -> str:
    """Wrap a paragraph the way PDF-to-text output does: lines of about `width`, ending in ' \\n'."""
    words, lines, cur = text.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur + " ")
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return "\n".join(lines)


def _number(code: str | None, seq: int, year: int, rng: random.Random) -> str:
    if code is None:
        return f"{seq}/UBND-{rng.choice(DRAFTING)}"
    if code == "QĐ" and rng.random() < 0.3:
        return f"{seq}/{year}/QĐ-UBND"
    return f"{seq}/{code}-UBND"


def generate_texts(n: int, seed: int = 7, short: bool = False, start: int = 0) -> Iterator[SynthText]:
    """Yield synthetic documents start..start+n-1 as text with truth (deterministic for seed and n+start)."""
    gaz = gazetteer()
    provinces = [p for p in PROVINCES if p in gaz and len(gaz[p]) >= 3]
    rng = random.Random(seed)
    total = start + n
    seq: dict[tuple[str, int, str], int] = {}
    issued: dict[str, list[dict[str, Any]]] = {}  # province → recent documents (as citations)
    for i in range(total):
        province = rng.choice(provinces)
        year = 2019 + (i * 7 // max(1, total)) % 7
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        type_, code = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        k = (province, year, code or "CV")
        # a province issues hundreds of documents a year and the corpus holds a sample of them
        seq[k] = seq.get(k, rng.randint(0, 40)) + rng.randint(1, 9)
        number = _number(code, seq[k], year, rng)
        subject = rng.choice(SUBJECTS)
        issuer = f"Ủy ban nhân dân tỉnh {province}"
        doc = _render(i, rng, province, type_, number, date, issuer, subject, issued.get(province, []),
                      gaz[province], short)
        lst = issued.setdefault(province, [])
        lst.append({"type": type_, "number": number, "date": date, "issuer": issuer, "subject": subject})
        if len(lst) > 200:
            del lst[:100]
        if i >= start:
            yield doc


def _render(i: int, rng: random.Random, province: str, type_: str, number: str, date: str, issuer: str,
            subject: str, earlier: list[dict[str, Any]], districts: list, short: bool) -> SynthText:
    year = int(date[:4])
    wrap = rng.random() < 0.5
    width = rng.randint(70, 90)

    def para(s: str) -> str:
        return _wrap(s, width) if wrap else s

    sos = rng.sample(SO, 5)
    cits: list[dict[str, Any]] = []
    parts: list[str] = []
    # ---------------------------------------------------------------- header
    title = (f"V/v {subject} năm {year}" if type_ == "Công văn" else f"Về việc {subject} năm {year}")
    place_line = f"{province}, ngày {int(date[8:10]):02d} tháng {int(date[5:7]):02d} năm {date[:4]}"
    parts.append(f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}\n")
    parts.append("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n")
    parts.append(f"Số: {number}\n{place_line}\n\n")
    if type_ == "Công văn":
        parts.append(f"{title}\n\n")
    else:
        parts.append(f"{type_.upper()}\n{title}\n\n")
    kinh_gui: list[str] = []
    if type_ in ("Công văn", "Hướng dẫn") or rng.random() < 0.2:
        kinh_gui = [sos[0], sos[1], "Ủy ban nhân dân các huyện, thành phố"]
        parts.append("Kính gửi:\n" + "".join(f"- {a};\n" for a in kinh_gui[:-1]) + f"- {kinh_gui[-1]}.\n\n")
    # ---------------------------------------------------------------- preamble
    pre: list[str] = []
    footnotes: list[str] = []
    if rng.random() < 0.5:
        c = rng.choice(CENTRAL)
        cits.append({"type": c[1], "number": c[0], "date": c[2], "issuer": c[3], "relation": "based_on"})
        pre.append(para(f"Căn cứ {c[1]} số {c[0]} {_date_words(c[2], rng)} của {c[3]} "
                        f"quy định chi tiết một số điều;"))
    if rng.random() < 0.3:
        pn = f"{rng.randint(1, 60):02d}-{rng.choice(('NQ', 'CT', 'KL'))}/TU"
        pt = {"NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận"}[pn.split("-")[1].split("/")[0]]
        pd = f"{year - 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        cits.append({"type": pt, "number": pn, "date": pd, "issuer": f"Tỉnh ủy {province}", "relation": "implements"})
        pre.append(para(f"Thực hiện {pt} số {pn} {_date_words(pd, rng)} của Ban Thường vụ Tỉnh ủy về "
                        f"{rng.choice(SUBJECTS)};"))
    # never an earlier document with this document's own number (the extractor reads that as a self-mention)
    pool = [e for e in earlier if e["number"] != number]
    picks = rng.sample(pool, min(len(pool), rng.randint(0 if short else 1, 2 if short else 3)))
    picks = list({e["number"]: e for e in picks}.values())  # one document per number in a text
    for e in picks:
        cits.append({**e, "relation": "implements"})
        verb = rng.choice(("Thực hiện", "Triển khai", "Thực hiện"))
        of = e["issuer"] if rng.random() < 0.6 else "Ủy ban nhân dân tỉnh"
        about = "về việc" if rng.random() < 0.7 else "về"
        so = "số " if rng.random() < 0.8 else ""  # "Kế hoạch 12/KH-UBND" without "số" is common too
        head = f"{verb} {e['type']} {so}{e['number']} {_date_words(e['date'], rng)} của {of}"
        if not short and rng.random() < 0.2:
            # the subject in a footnote, its marker glued to the issuer (as PDF text prints it)
            footnotes.append(f"({len(footnotes) + 1}) Về việc {e['subject']}.")
            pre.append(para(f"{head}({len(footnotes)});"))
        else:
            pre.append(para(f"{head} {about} {e['subject']};"))
    if rng.random() < 0.3:
        so = sos[2]
        tn = f"{rng.randint(10, 400)}/TTr-{SO_CODE.get(so, 'SKHĐT')}"
        td = f"{date[:8]}{max(1, int(date[8:10]) - rng.randint(0, 5)):02d}" if int(date[8:10]) > 1 else date
        cits.append({"type": "Tờ trình", "number": tn, "date": td, "issuer": so, "relation": "proposal"})
        pre.append(para(f"Xét đề nghị của {so} tại Tờ trình số {tn} {_date_words(td, rng)},"))
    if not short:
        pre.insert(0, para(PREAMBLE_TEXT))
    lead_in = {"Chỉ thị": "Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:", "Công văn": "Ủy ban nhân dân tỉnh có ý kiến như sau:",
               "Quyết định": "Ủy ban nhân dân tỉnh quyết định giao nhiệm vụ như sau:"}.get(
        type_, "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai thực hiện các nội dung sau:")
    if footnotes:
        # a page break as PDF text shows it: the footnote rule (a run of spaces), the page's
        # footnotes, then the next page resuming with one leading space
        pre.append("\n" + " " * 43 + "\n" + "\n".join(footnotes) + "\n")
    pre.append((" " if footnotes else "") + para(lead_in))
    parts.append("\n".join(pre) + "\n")
    # ---------------------------------------------------------------- body
    tasks: list[dict[str, Any]] = []
    places: list[dict[str, str]] = []
    n_clauses = rng.randint(1, 2) if short else rng.randint(2, 5)
    sec = ""
    if type_ == "Kế hoạch" and not short:
        # a plan: I. purposes (no actors), II. the tasks, numbered inside the section ("II.1", "II.2.a")
        parts.append("I. MỤC ĐÍCH, YÊU CẦU\n1. Triển khai kịp thời, đồng bộ, hiệu quả các nhiệm vụ, giải pháp.\n"
                     "2. Bảo đảm sự phối hợp chặt chẽ, thống nhất giữa các cấp, các ngành.\n"
                     "II. TỔ CHỨC THỰC HIỆN\n")
        sec = "II."
    for j in range(1, n_clauses + 1):
        kind = rng.random()
        if kind < 0.45:
            lead, co = sos[j % 5], sos[(j + 2) % 5]
            dl = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            text = (f"{j}. {lead} chủ trì, phối hợp với {co} và các đơn vị liên quan {rng.choice(ACTIONS)} "
                    f"về {rng.choice(SUBJECTS)}; hoàn thành trước {_date_words(dl, rng)}.")
            tasks += [{"clause": f"{sec}{j}", "actor": lead, "role": "lead", "deadline": dl},
                      {"clause": f"{sec}{j}", "actor": co, "role": "coordinate", "deadline": dl},
                      {"clause": f"{sec}{j}", "actor": "Các đơn vị liên quan", "role": "coordinate", "deadline": dl}]
            if pool and rng.random() < 0.3 and not short:
                e = rng.choice(pool)
                same = [c for c in cits if c["number"] == e["number"]]
                if same and same[0]["date"] != e["date"]:
                    e = same[0]
                if not same:
                    cits.append({**e, "relation": "implements"})
                text = text[:-1] + (f" theo đúng yêu cầu tại {e['type']} số {e['number']} "
                                    f"{_date_words(e['date'], rng)} của Ủy ban nhân dân tỉnh.")
            parts.append(para(text) + "\n")
        elif kind < 0.8:
            dtype, dist, communes = rng.choice(districts)
            actor = f"Ủy ban nhân dân {dtype} {dist}"
            places.append({"kind": "district" if dtype == "huyện" else "city" if dtype == "thành phố" else "town",
                           "name": dist})
            parts.append(para(f"{j}. {actor} thực hiện các nhiệm vụ sau:") + "\n")
            tasks.append({"clause": f"{sec}{j}", "actor": actor, "role": "execute", "deadline": None})
            for li in range(rng.randint(1, 2 if short else 3)):
                letter = LETTERS[li]
                ctype, commune = rng.choice(communes)
                places.append({"kind": "commune", "name": commune})
                tasks.append({"clause": f"{sec}{j}.{letter}", "actor": actor, "role": "execute", "deadline": None})
                parts.append(para(f"{letter}) Tập trung {rng.choice(PLAIN_ACTIONS)} tại {ctype} {commune}, "
                                  f"bảo đảm đúng tiến độ đề ra;") + "\n")
                if not short and rng.random() < 0.4:
                    for k, s in enumerate(rng.sample(SUB_ITEMS, 2), 1):
                        parts.append(f"- {s[0].upper()}{s[1:]};\n")  # a sub-item inherits its parent's actor
                        tasks.append({"clause": f"{sec}{j}.{letter}.-{k}", "actor": actor, "role": "execute",
                                      "deadline": None})
        else:
            mon = sos[(j + 3) % 5]
            text = (f"{j}. Giao {mon} theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ báo cáo "
                    f"Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng.")
            tasks += [{"clause": f"{sec}{j}", "actor": mon, "role": "monitor", "deadline": None},
                      {"clause": f"{sec}{j}", "actor": mon, "role": "report", "deadline": "monthly:15"}]
            parts.append(para(text) + "\n")
    closing = (f"{n_clauses + 1}. Yêu cầu Thủ trưởng các sở, ban ngành, Chủ tịch Ủy ban nhân dân các huyện, "
               f"thành phố nghiêm túc triển khai thực hiện Chỉ thị này./." if type_ == "Chỉ thị" else
               f"{n_clauses + 1}. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời "
               f"báo cáo Ủy ban nhân dân tỉnh để xem xét, chỉ đạo./.")
    if type_ == "Chỉ thị":
        tasks += [{"clause": f"{sec}{n_clauses + 1}", "actor": a, "role": "execute", "deadline": None}
                  for a in ("Thủ trưởng các sở, ban ngành", "Chủ tịch Ủy ban nhân dân các huyện, thành phố")]
    parts.append(para(closing) + "\n\n")
    # ---------------------------------------------------------------- tail
    signer = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    deputy = rng.random() < 0.6
    noi_nhan = ["Như trên" if kinh_gui else f"{sos[0]}", "Thường trực Tỉnh ủy (b/c)",
                "Thường trực HĐND tỉnh (b/c)", "Chủ tịch, các PCT UBND tỉnh", "Văn phòng UBND tỉnh"]
    parts.append("Nơi nhận:\n" + "".join(f"- {r};\n" for r in noi_nhan)
                 + f"- Lưu: VT, {rng.choice(DRAFTING)}.\n\n")
    parts.append("TM. ỦY BAN NHÂN DÂN\n" + ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n" if deputy else "CHỦ TỊCH\n")
                 + f"\n\n{signer}\n")
    truth = {
        "name": f"{i:07d}.txt",
        "document": {"type": type_, "number": number, "date": date, "issuer": issuer, "title": title,
                     "signer": signer, "signer_title": "Phó Chủ tịch" if deputy else "Chủ tịch",
                     "recipients": kinh_gui},
        "citations": cits,
        "tasks": tasks,
        "places": places,
    }
    return SynthText(truth["name"], "".join(parts), truth)


def write_corpus(folder: str | Path, n: int, seed: int = 7, short: bool = False) -> list[Path]:
    """Write n synthetic .txt files and truth.jsonl into `folder` (created); return the file paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    with open(out / "truth.jsonl", "w", encoding="utf-8") as fh:
        for d in generate_texts(n, seed, short):
            p = out / d.name
            p.write_text(d.text, encoding="utf-8")
            paths.append(p)
            fh.write(json.dumps(d.truth, ensure_ascii=False) + "\n")
    return paths


def citation_key(number: str | None, date: str | None) -> tuple[str, str | None]:
    """Identity of a citation for scoring: the normalised number and the ISO date."""
    from vanban.numbers import normalise_number

    return normalise_number(number or ""), date


def score_citations(pairs: list[tuple[dict[str, Any], Any]]) -> dict[str, float]:
    """Score extracted citations against truth over (truth dict, Extraction) pairs.

    A citation matches when number and date agree; relation accuracy is over matched ones.
    Returns tp, fp, fn, precision, recall, f1, relation_accuracy.
    """
    tp = fp = fn = rel_ok = 0
    for truth, ex in pairs:
        want = {citation_key(c["number"], c["date"]): c for c in truth["citations"]}
        got = {citation_key(c.number, c.date): c for c in ex.citations if c.number}
        for k, c in got.items():
            if k in want:
                tp += 1
                rel_ok += c.relation == want[k]["relation"]
            else:
                fp += 1
        fn += sum(1 for k in want if k not in got)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0, "relation_accuracy": rel_ok / tp if tp else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write N synthetic directive texts and their truth.jsonl.")
    ap.add_argument("n", type=int)
    ap.add_argument("folder")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--short", action="store_true", help="short documents (fewer clauses, no filler)")
    a = ap.parse_args(argv)
    paths = write_corpus(a.folder, a.n, a.seed, a.short)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} files ({size / 1e6:.1f} MB) and truth.jsonl to {a.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
