"""Score who-does-what on the five seeds with ../shared/tools/score-extraction; fail below the bounds.

Bounds of issue 3: responsibilities F1 ≥ 0.85, places ≥ 0.95, targets ≥ 0.9, and
citations must stay ≥ 0.97. The scorer's printed lines are shown with -s.
"""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner

from tests.conftest import SHARED
from vanban.cli import main

SCORER = SHARED / "tools" / "score-extraction"
BOUNDS = {"responsibilities": 0.85, "places": 0.95, "targets": 0.9, "citations": 0.97}


def test_who_scores_on_all_seeds(seed_files, gold_dir, tmp_path):
    assert len(seed_files) == 5
    res = CliRunner().invoke(main, ["extract", "--format", "json", *map(str, seed_files)])
    assert res.exit_code == 0, res.output
    pred = tmp_path / "pred.json"
    pred.write_text(res.stdout, encoding="utf-8")
    args = [sys.executable, str(SCORER), str(pred), str(gold_dir)]
    for sec, bound in BOUNDS.items():
        args += ["--min-f1", f"{sec}={bound}"]
    run = subprocess.run(args, capture_output=True, text=True, timeout=120)
    print(run.stdout)
    assert "documents paired with gold: 5" in run.stdout
    scores = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+P=.*F1=([\d.]+)", run.stdout, re.M)}
    for sec, bound in BOUNDS.items():
        assert scores[sec] >= bound, (sec, scores[sec], run.stderr)
    assert run.returncode == 0, run.stdout


def test_table_shows_who_does_what(seed_files):
    seed = next(p for p in seed_files if p.name.startswith("003_"))
    res = CliRunner(env={"COLUMNS": "220"}).invoke(main, ["extract", "--format", "table", str(seed)])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "Who does what by when" in out
    # a row: clause, actor, roles, deadline as value and printed text
    assert re.search(r"2\.2\s+│\s+Sở Nông nghiệp và Phát triển nông thôn\s+│\s+lead, advise, monitor", out), out
    assert "month:2019-07" in out and "Places (1)" in out
