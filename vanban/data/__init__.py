"""Data files users may extend: agency registry, phrase lists, document types, programmes, laws.

`DIR` is this folder; the modules that read a file here name it as `DIR / "<file>"`.
"""

from pathlib import Path

DIR = Path(__file__).resolve().parent
