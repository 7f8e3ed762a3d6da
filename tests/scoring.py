"""Run `vanban extract` on the seeds and score it with ../shared/tools/score-extraction."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import SHARED
from vanban.cli import main

SCORER = SHARED / "tools" / "score-extraction"


def score_seeds(seed_files: list[Path], gold_dir: Path, tmp_path: Path, bounds: dict[str, float]) -> dict[str, float]:
    """Extract the seeds, score them with bounds, print the scorer's lines; return F1 per section.

    Fails the calling test when extraction fails, a file is not paired with
    gold, a section is below its bound, or the scorer exits non-zero.
    """
    assert len(seed_files) == 5
    res = CliRunner().invoke(main, ["extract", "--format", "json", *map(str, seed_files)])
    assert res.exit_code == 0, res.output
    pred = tmp_path / "pred.json"
    pred.write_text(res.stdout, encoding="utf-8")
    args = [sys.executable, str(SCORER), str(pred), str(gold_dir)]
    for sec, bound in bounds.items():
        args += ["--min-f1", f"{sec}={bound}"]
    run = subprocess.run(args, capture_output=True, text=True, timeout=120)
    print(run.stdout)
    assert "documents paired with gold: 5" in run.stdout
    scores = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+P=.*F1=([\d.]+)", run.stdout, re.M)}
    for sec, bound in bounds.items():
        assert scores[sec] >= bound, (sec, scores[sec], run.stderr)
    assert run.returncode == 0, run.stdout
    return scores
