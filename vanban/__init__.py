"""vanban — a knowledge graph of Vietnamese government directives.

Library first: `vanban.loaders` (text → records), `vanban.graph` (records →
graph store), `vanban.queries` (named Cypher), `vanban.api` (HTTP),
`vanban.viz` (pictures); `vanban.cli` is a thin layer over them.
"""

from vanban.model import VanbanError

__version__ = "0.1.0"
__all__ = ["VanbanError", "__version__"]
