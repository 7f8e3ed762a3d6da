"""Score `vanban extract` on the five seeds with ../shared/tools/score-extraction; fail below the bounds."""

from __future__ import annotations

from tests.scoring import score_seeds

BOUNDS = {"citations": 0.97, "document": 0.9}


def test_scorer_on_all_seeds(seed_files, gold_dir, tmp_path):
    score_seeds(seed_files, gold_dir, tmp_path, BOUNDS)
