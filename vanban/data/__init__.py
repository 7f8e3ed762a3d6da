"""Data files users may extend: agency registry, unit words, phrase lists, document types, programmes, laws.

`DIR` is this folder. vanban.vocab reads the files here (each once, on first use); a recogniser asks vocab,
never opens a file itself.
"""

from pathlib import Path

DIR = Path(__file__).resolve().parent
