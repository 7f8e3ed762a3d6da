"""Score `vanban extract` on the five seeds with ../shared/tools/score-extraction; fail below the bounds."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner

from tests.conftest import SHARED
from vanban.cli import main

SCORER = SHARED / "tools" / "score-extraction"
BOUNDS = {"citations": 0.97, "document": 0.9}


def test_scorer_on_all_seeds(seed_files, gold_dir, tmp_path):
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
