"""Every .cypher file passes Neo4j's own parser and semantic checks (../shared/tools/cypher-lint)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT, SHARED

LINT = SHARED / "tools" / "cypher-lint" / "cypher-lint"


def test_cypher_files_pass_neo4j_lint():
    if not LINT.exists():
        pytest.skip(f"cypher-lint not found at {LINT}")
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("cypher-lint needs node and npm, which are not installed")
    files = sorted((ROOT / "vanban").rglob("*.cypher"))
    assert files, "no .cypher files found under vanban/"
    proc = subprocess.run([str(LINT), str(ROOT / "vanban")], capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert f"{len(files)} file(s)" in out, out
    assert " 0 error(s)" in out, out
