"""The one loader of the project's .cypher files (they ship inside their packages).

`load("vanban.queries", "deadlines")` returns the text of vanban/queries/deadlines.cypher;
texts are read once and cached. `names(package)` lists a package's queries.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from vanban.model import QueryError


@lru_cache(maxsize=None)
def load(package: str, name: str) -> str:
    """Return the text of `<name>.cypher` in `package` (a dotted package name, e.g. "vanban.graph").

    Raises QueryError naming the missing file when there is none.
    """
    try:
        return resources.files(package).joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as e:
        raise QueryError(f"no query named {name!r} ({package.replace('.', '/')}/{name}.cypher is missing)") from e


def names(package: str) -> list[str]:
    """Return the names (without .cypher) of every query file in `package`, sorted."""
    return sorted(p.name[: -len(".cypher")] for p in resources.files(package).iterdir()
                  if p.name.endswith(".cypher"))
