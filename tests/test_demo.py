"""The main job end to end on the seeds, and the `vanban viz` / `vanban demo` commands."""

from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner
from rich.console import Console

from vanban.cli import main
from vanban.demo import PICTURES, default_seeds, run_demo
from vanban.model import VanbanError


def offline(html: str) -> bool:
    """True when the page loads no script or style from anywhere and carries vis-network inline."""
    return ("vis.Network" in html and not re.search(r"<script[^>]+src=", html)
            and not re.search(r"<link[^>]+href=", html))


@pytest.fixture(scope="module")
def demo_run(seeds_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "out"
    buf = io.StringIO()
    console = Console(file=buf, width=220, record=False, color_system=None)
    res = run_demo(seeds_dir, out, console=console)
    text = buf.getvalue()
    print(text)
    return res, text


def test_demo_answers_the_five_questions(demo_run):
    res, text = demo_run
    assert res.failures == [], res.failures
    assert res.files == 5
    # 1. lineage: seed 000 (a Công văn without number) implements Chỉ thị 05, which implements 23-NQ/TU
    section = text.split("1. Dòng văn bản", 1)[1].split("2. Nhiệm vụ", 1)[0]
    assert re.search(r"down .*Công văn.*thực hiện.*Chỉ thị 05/CT-UBND", section)
    assert re.search(r"up .*Chỉ thị 05/CT-UBND.*thực hiện.*Nghị quyết 23-NQ/TU", section)
    assert re.search(r"up .*Chỉ thị 05/CT-UBND.*theo đề nghị.*Công văn 72/SNN-NTM", section)
    # 2. duties of Sở Xây dựng: leads a task due 10/10/2024 under the Công văn of seed 000
    section = text.split("2. Nhiệm vụ", 1)[1].split("3. Đơn vị bị phê bình", 1)[0]
    assert re.search(r"chủ trì.*10 tháng 10 năm 2024", section)
    # 3. criticised: Ủy ban nhân dân huyện Đăk Tô
    section = text.split("3. Đơn vị bị phê bình", 1)[1].split("4. Thời hạn", 1)[0]
    assert "huyện Đăk Tô" in section
    # 4. deadlines in October 2024 include 10/10/2024 (Sở Xây dựng)
    section = text.split("4. Thời hạn", 1)[1].split("5. Chỉ tiêu", 1)[0]
    assert re.search(r"10/10/2024.*Sở Xây dựng", section)
    # 5. targets of huyện Đăk Tô: xã Đăk Trăm đạt chuẩn nông thôn mới 2024
    section = text.split("5. Chỉ tiêu", 1)[1]
    assert re.search(r"Đăk Trăm.*nông thôn mới.*2024", section)
    assert "vanban serve" in text and "demo.db" in text


def test_demo_writes_three_offline_pictures(demo_run):
    res, text = demo_run
    assert set(res.pictures) == {name for name, _, _ in PICTURES}
    for name, path in res.pictures.items():
        html = path.read_text(encoding="utf-8")
        assert offline(html), name
        assert str(path.resolve()) in text.replace("\n", "")
    lineage = res.pictures["lineage"].read_text(encoding="utf-8")
    assert "05/CT-UBND" in lineage and "Nghị quyết\\n23-NQ/TU" in lineage
    assert "Sở Xây dựng" in res.pictures["duties"].read_text(encoding="utf-8")
    assert "Đăk Trăm" in res.pictures["place"].read_text(encoding="utf-8")


def test_demo_needs_an_existing_folder(tmp_path):
    with pytest.raises(VanbanError, match="no such folder"):
        run_demo(tmp_path / "missing", tmp_path / "out", console=Console(file=io.StringIO()))
    r = CliRunner().invoke(main, ["demo", str(tmp_path / "missing")])
    assert r.exit_code == 2 and "does not exist" in r.output


def test_default_seeds_is_the_shared_folder(seeds_dir):
    assert default_seeds().resolve() == seeds_dir.resolve()


def test_viz_commands_write_pages(tmp_path, monkeypatch):
    from tests.fixtures.small import SMALL_GRAPH
    from vanban.graph import open_store

    db = tmp_path / "viz.db"
    store = open_store(str(db))
    try:
        store.run(SMALL_GRAPH.read_text(encoding="utf-8"))
    finally:
        store.close()
    monkeypatch.delenv("VANBAN_STORE", raising=False)
    monkeypatch.setenv("VANBAN_DB", str(db))
    runner = CliRunner()
    for args, needle in ((["lineage", "CT 05", "--depth", "2"], "23-NQ/TU"),
                         (["duties", "so xay dung"], "Sở Xây dựng"),
                         (["place", "dak to", "--max-nodes", "3"], "nút bị lược bớt")):
        out = tmp_path / f"{args[0]}.html"
        r = runner.invoke(main, ["viz", *args, "-o", str(out)])
        assert r.exit_code == 0, r.output
        assert f"wrote {out}" in r.output
        html = out.read_text(encoding="utf-8")
        assert offline(html) and needle in html
    r = runner.invoke(main, ["viz", "lineage", "999/XX-YY", "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 1 and "vanban: error:" in r.output and "999/XX-YY" in r.output
    assert not (tmp_path / "x.html").exists()
