"""Score who-does-what on the five seeds with ../shared/tools/score-extraction; fail below the bounds.

Bounds of issue 3: responsibilities F1 ≥ 0.85, places ≥ 0.95, targets ≥ 0.9, and
citations must stay ≥ 0.97. The scorer's printed lines are shown with -s.
"""

from __future__ import annotations

import re

from click.testing import CliRunner

from tests.scoring import score_seeds
from vanban.cli import main

BOUNDS = {"responsibilities": 0.85, "places": 0.95, "targets": 0.9, "citations": 0.97}


def test_who_scores_on_all_seeds(seed_files, gold_dir, tmp_path):
    score_seeds(seed_files, gold_dir, tmp_path, BOUNDS)


def test_table_shows_who_does_what(seed_files):
    seed = next(p for p in seed_files if p.name.startswith("003_"))
    res = CliRunner(env={"COLUMNS": "220"}).invoke(main, ["extract", "--format", "table", str(seed)])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "Who does what by when" in out
    # a row: clause, actor, roles, deadline as value and printed text
    assert re.search(r"2\.2\s+│\s+Sở Nông nghiệp và Phát triển nông thôn\s+│\s+lead, advise, monitor", out), out
    assert "month:2019-07" in out and "Places (1)" in out
