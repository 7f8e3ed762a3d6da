"""Data files users may extend: agency registry, phrase lists."""
