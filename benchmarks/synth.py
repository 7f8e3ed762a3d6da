"""Synthetic corpus generator: realistic directives as Extraction records.

`generate(n, seed)` yields `SynthDoc`s — the *facts* of one document (number,
issuer, date, citations of earlier documents and of central legal documents,
recipients, places, tasks with actors/roles/deadlines, targets). Each SynthDoc
is rendered to a plain directive text (`render()`, the Nghị định 30/2020
layout: header, trích yếu, preamble citing documents, numbered clauses, Nơi
nhận, signature) and `to_extraction()` builds the Extraction whose mentions
point at real offsets of that text. A richer renderer (issue 7: text that the
extractor reads back) can replace `render()` without touching the facts.

Issuers: the Ủy ban nhân dân of one of the 63 pre-2025 provinces; the units
it assigns tasks to are that province's Sở ("Sở Xây dựng tỉnh Gia Lai"), so a
unit carries hundreds of tasks in 100,000 documents, as in reality.

Numbers: every SynthDoc is deterministic for (index, seed); documents cite
only earlier ones (plus a fixed pool of central documents that become stubs).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import Iterator

from vanban.model import (
    Agency, Citation, DocumentMeta, Extraction, Mention, Place, Responsibility, Span, Target,
)

#: The 63 provinces and centrally-run cities before the 2025 merger: documents come from
#: all of them, and every Sở is a unit of its own province ("Sở Xây dựng tỉnh Gia Lai"), so
#: one unit carries a few hundred tasks in 100,000 documents, as in reality (not 20,000).
PROVINCES = ("Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Quảng Ngãi", "Bình Định",
             "Phú Yên", "Khánh Hòa", "Quảng Nam", "Thừa Thiên Huế", "Quảng Trị", "Quảng Bình",
             "Hà Tĩnh", "Nghệ An", "Thanh Hóa", "Ninh Bình", "Nam Định", "Thái Bình", "Hưng Yên",
             "Lào Cai", "Yên Bái", "Sơn La", "Điện Biên", "Lai Châu", "Hà Giang", "Cao Bằng",
             "Bắc Kạn", "Lạng Sơn", "Tuyên Quang", "An Giang", "Đồng Tháp", "Tiền Giang", "Bến Tre",
             "Hà Nam", "Hải Dương", "Bắc Ninh", "Bắc Giang", "Vĩnh Phúc", "Phú Thọ", "Thái Nguyên",
             "Hòa Bình", "Quảng Ninh", "Ninh Thuận", "Bình Thuận", "Bình Phước", "Tây Ninh",
             "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Long An", "Vĩnh Long", "Trà Vinh",
             "Sóc Trăng", "Hậu Giang", "Kiên Giang", "Bạc Liêu", "Cà Mau", "Hà Nội", "Hải Phòng",
             "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh")
CITIES = frozenset(("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh"))


def unit(province: str) -> str:
    """Return "tỉnh X" or, for the five centrally-run cities, "thành phố X"."""
    return f"thành phố {province}" if province in CITIES else f"tỉnh {province}"

SYLL = ("Đăk", "Kon", "Ia", "Sa", "Ngọc", "Tân", "Phú", "Hòa", "Bình", "An", "Thạnh", "Mường",
        "Tu", "Plông", "Hà", "Tô", "Rẫy", "Thầy", "Hồi", "Lộc", "Xuân", "Sơn", "Vĩnh", "Long")
SO = ("Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Nông nghiệp và Phát triển nông thôn",
      "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Tài nguyên và Môi trường", "Sở Y tế",
      "Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội", "Sở Công Thương",
      "Sở Nội vụ", "Sở Tư pháp", "Sở Văn hóa, Thể thao và Du lịch", "Sở Thông tin và Truyền thông",
      "Sở Khoa học và Công nghệ")
DOC_TYPES = (("Chỉ thị", "CT"), ("Quyết định", "QĐ"), ("Kế hoạch", "KH"), ("Công văn", None),
             ("Thông báo", "TB"), ("Báo cáo", "BC"), ("Hướng dẫn", "HD"))
DRAFTING = ("NNTN", "KTTH", "HTKT", "KGVX", "TH")
CENTRAL = tuple(
    [(f"{n}/{y}/NĐ-CP", "Nghị định", f"{y}-{(n % 12) + 1:02d}-{(n % 27) + 1:02d}", "Chính phủ") for n, y in
     [(10 + 7 * i, 2015 + i % 10) for i in range(150)]]
    + [(f"{n}/QĐ-TTg", "Quyết định", f"{2016 + i % 9}-{(i % 12) + 1:02d}-15", "Thủ tướng Chính phủ")
       for i, n in enumerate(range(100, 2600, 25))]
    + [(f"{n}/{2017 + i % 8}/TT-BTC", "Thông tư", f"{2017 + i % 8}-06-{(i % 27) + 1:02d}", "Bộ Tài chính")
       for i, n in enumerate(range(5, 505, 5))]
)
SUBJECTS = ("tăng cường công tác quản lý đầu tư công", "đẩy nhanh tiến độ giải ngân vốn",
            "thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
            "phòng, chống thiên tai và tìm kiếm cứu nạn", "cải cách hành chính",
            "bảo đảm trật tự an toàn giao thông", "phát triển kinh tế - xã hội",
            "quản lý, bảo vệ rừng", "chuyển đổi số", "phòng, chống dịch bệnh")
ACTIONS = ("chủ trì, phối hợp với các đơn vị liên quan rà soát, tổng hợp",
           "hướng dẫn, kiểm tra, đôn đốc việc thực hiện", "xây dựng kế hoạch triển khai",
           "tham mưu Ủy ban nhân dân tỉnh ban hành", "báo cáo kết quả thực hiện",
           "bố trí đủ nguồn vốn đối ứng", "tổ chức tuyên truyền, phổ biến")
ROLES = ("lead", "coordinate", "execute", "monitor", "advise")


@dataclass
class SynthCitation:
    type: str
    number: str
    date: str
    issuer: str
    subject: str
    relation: str


@dataclass
class SynthTask:
    clause: str
    actors: list[tuple[str, str]]  # (agency, role)
    action: str
    deadline: str | None
    deadline_text: str | None
    report_to: str | None
    place: str | None


@dataclass
class SynthDoc:
    """The facts of one synthetic document (render/to_extraction turn them into text/records)."""

    index: int
    province: str
    type: str
    number: str
    date: str
    issuer: str
    title: str
    signer: str
    citations: list[SynthCitation] = field(default_factory=list)
    kinh_gui: list[str] = field(default_factory=list)
    noi_nhan: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    tasks: list[SynthTask] = field(default_factory=list)
    targets: list[tuple[str, str, int]] = field(default_factory=list)  # (district, target, year)

    @property
    def source(self) -> str:
        return f"synth/{self.index:07d}.txt"

    # ------------------------------------------------------------ text

    def render(self) -> tuple[str, dict[str, list[Span]]]:
        """Return (text, where) — a plain directive text and the spans of each named thing in it."""
        parts: list[str] = []
        where: dict[str, list[Span]] = {}
        pos = 0

        def put(s: str, tag: str | None = None) -> None:
            nonlocal pos
            if tag is not None:
                where.setdefault(tag, []).append(Span(pos, pos + len(s)))
            parts.append(s)
            pos += len(s)

        put(self.issuer.upper(), "issuer")
        put(f"\nSố: {self.number}\n")
        put(f"{self.province}, ngày {self.date[8:10]} tháng {self.date[5:7]} năm {self.date[:4]}\n")
        put(f"{self.type.upper()}\n{self.title}\n")
        if self.kinh_gui:
            put("Kính gửi:\n")
            for a in self.kinh_gui:
                put("- ")
                put(a, "kg:" + a)
                put(";\n")
        for c in self.citations:
            put("Căn cứ " if c.relation == "based_on" else "Thực hiện ")
            put(f"{c.type} số {c.number} ngày {int(c.date[8:10])} tháng {int(c.date[5:7])} năm {c.date[:4]}",
                "cite:" + c.number)
            put(f" của {c.issuer} về việc {c.subject};\n")
        for d in self.districts:
            put("Tình hình tại ")
            put(f"huyện {d}", "place:" + d)
            put(f", {unit(self.province)} cần được quan tâm.\n")
        for t in self.tasks:
            start = pos
            put(f"{t.clause}. ")
            for j, (a, role) in enumerate(t.actors):
                put(("Giao " if j == 0 else ", phối hợp với ") if role != "lead" else "Giao ")
                put(a, f"actor:{t.clause}:{a}")
            put(f" {t.action}")
            if t.place:
                put(" tại ")
                put(f"huyện {t.place}", "place:" + t.place)
            if t.deadline_text:
                put(f", {t.deadline_text}")
            if t.report_to:
                put(f"; báo cáo {t.report_to}")
            put(".\n")
            where.setdefault("task:" + t.clause, []).append(Span(start, pos))
        for d, target, year in self.targets:
            start = pos
            put(f"Phấn đấu năm {year} huyện {d} đạt {target}.\n")
            where.setdefault(f"target:{d}", []).append(Span(start, pos))
        put("Nơi nhận:\n")
        for a in self.noi_nhan:
            put("- ")
            put(a, "nn:" + a)
            put(" (t/h);\n")
        put(f"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n{self.signer}\n")
        return "".join(parts), where

    def to_extraction(self) -> Extraction:
        """Return the Extraction of this document, mentions pointing into `render()`'s text."""
        text, where = self.render()

        def mentions(tag: str, clause: str | None = None) -> tuple[Mention, ...]:
            return tuple(Mention(s.start, s.end, text[s.start:s.end], clause) for s in where.get(tag, ()))

        cites = tuple(
            Citation(type=c.type, number=c.number, date=c.date, issuer=c.issuer, subject=c.subject,
                     relation=c.relation, mentions=mentions("cite:" + c.number, "preamble"))
            for c in self.citations)
        agencies: dict[str, Agency] = {}

        def agency(name: str, where_: str, ms: tuple[Mention, ...] = ()) -> None:
            a = agencies.get(name)
            kind = "ubnd" if name.startswith("Ủy ban") else "so" if name.startswith("Sở") else None
            level = "district" if "huyện" in name else "province"
            if a is None:
                agencies[name] = Agency(name=name, where=(where_,), kind=kind, level=level, mentions=ms)
            else:
                agencies[name] = Agency(name=name, where=tuple(sorted(set(a.where) | {where_})), kind=kind,
                                        level=level, mentions=a.mentions + ms)

        agency(self.issuer, "header", mentions("issuer", "header"))
        for a in self.kinh_gui:
            agency(a, "kinh_gui", mentions("kg:" + a, "kinh_gui"))
        for a in self.noi_nhan:
            agency(a, "noi_nhan", mentions("nn:" + a, "noi_nhan"))
        resp: list[Responsibility] = []
        for t in self.tasks:
            span = where["task:" + t.clause][0]
            for a, role in t.actors:
                agency(a, "body", mentions(f"actor:{t.clause}:{a}", t.clause))
                resp.append(Responsibility(
                    clause=t.clause, actor=a, role=role, action=t.action, deadline=t.deadline,
                    deadline_text=t.deadline_text, places=(t.place,) if t.place else (),
                    report_to=(t.report_to,) if t.report_to else (), span=span, surface=a))
        places = [Place(kind="province", name=self.province, mentions=())]
        for d in dict.fromkeys(self.districts + [t.place for t in self.tasks if t.place]
                               + [d for d, _, _ in self.targets]):
            places.append(Place(kind="district", name=d, parent=f"{unit(self.province)}",
                                mentions=mentions("place:" + d)))
        targets = tuple(
            Target(place=d, target=target, year=year, place_kind="district", parent=f"{unit(self.province)}",
                   clause="targets", span=where[f"target:{d}"][0],
                   surface=text[where[f"target:{d}"][0].start:where[f"target:{d}"][0].end])
            for d, target, year in self.targets)
        meta = DocumentMeta(type=self.type, number=self.number, date=self.date, issuer=self.issuer,
                            signer=self.signer, signer_title="Chủ tịch", signing_mode="TM. Ủy ban nhân dân",
                            title=self.title, recipients=tuple(self.kinh_gui), place=self.province)
        return Extraction(source=self.source, sha256=hashlib.sha256(text.encode()).hexdigest(), document=meta,
                          citations=cites, agencies=tuple(agencies.values()), places=tuple(places),
                          responsibilities=tuple(resp), targets=targets, text=text)


def _districts(province: str, rng: random.Random) -> list[str]:
    r = random.Random(province)
    return sorted({f"{r.choice(SYLL)} {r.choice(SYLL)}" for _ in range(9)})


def generate(n: int, seed: int = 7, start: int = 0) -> Iterator[SynthDoc]:
    """Yield synthetic documents start..start+n-1 (deterministic for seed); later ones cite earlier ones."""
    rng = random.Random(seed)
    issued: list[tuple[str, str, str, str, str]] = []  # (type, number, date, issuer, subject) of done docs
    seq: dict[tuple[str, int, str], int] = {}
    for i in range(start + n):
        province = rng.choice(PROVINCES)
        ubnd = f"Ủy ban nhân dân {unit(province)}"
        type_, code = rng.choice(DOC_TYPES)
        year = 2019 + (i * 7 // max(1, start + n)) % 7
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        k = (province, year, code or "CV")
        seq[k] = seq.get(k, 0) + 1
        if code is None:
            number = f"{seq[k]}/UBND-{rng.choice(DRAFTING)}"
        elif code == "QĐ" and rng.random() < 0.3:
            number = f"{seq[k]}/{year}/QĐ-UBND"
        else:
            number = f"{seq[k]}/{code}-UBND"
        subject = rng.choice(SUBJECTS)
        title = f"Về việc {subject} năm {year}"
        districts = _districts(province, rng)
        doc = SynthDoc(index=i, province=province, type=type_, number=number, date=date, issuer=ubnd,
                       title=title, signer=f"{rng.choice(('Nguyễn', 'Trần', 'Lê', 'Phạm'))} Văn "
                                            f"{rng.choice(('An', 'Bình', 'Cường', 'Dũng', 'Hùng'))}")
        same = [d for d in issued[-400:] if d[3] == ubnd]
        for t, num, dt, iss, subj in rng.sample(same, min(len(same), rng.randint(1, 3))):
            doc.citations.append(SynthCitation(t, num, dt, iss, subj, rng.choice(("implements", "references"))))
        c = rng.choice(CENTRAL)
        doc.citations.append(SynthCitation(c[1], c[0], c[2], c[3], "quy định chi tiết", "based_on"))
        sos = [f"{so} {unit(province)}" for so in rng.sample(SO, 4)]
        doc.kinh_gui = sos[:2] if type_ == "Công văn" else []
        doc.noi_nhan = [f"Văn phòng Ủy ban nhân dân {unit(province)}", sos[3]]
        doc.districts = rng.sample(districts, 1)
        for j in range(rng.randint(1, 3)):
            actors = [(sos[j % 3], "lead")] + ([(sos[(j + 1) % 3], "coordinate")] if rng.random() < 0.5 else [])
            dl = rng.random()
            if dl < 0.4:
                deadline, dtext = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "hoàn thành trước ngày"
            elif dl < 0.55:
                deadline, dtext = "monthly:15", "trước ngày 15 hằng tháng"
            else:
                deadline, dtext = None, None
            doc.tasks.append(SynthTask(clause=str(j + 1), actors=actors, action=rng.choice(ACTIONS),
                                       deadline=deadline, deadline_text=dtext,
                                       report_to=ubnd if rng.random() < 0.3 else None,
                                       place=rng.choice(districts) if rng.random() < 0.2 else None))
        if rng.random() < 0.1:
            doc.targets.append((rng.choice(districts), "đạt chuẩn nông thôn mới", year))
        issued.append((type_, number, date, ubnd, subject))
        if i >= start:
            yield doc


def extractions(n: int, seed: int = 7) -> Iterator[Extraction]:
    """Yield the Extractions of `generate(n, seed)`."""
    for d in generate(n, seed):
        yield d.to_extraction()
