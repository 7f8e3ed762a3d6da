"""Imported only as the forkserver's preload: the forkserver ends with the process that started it."""

from vanban.loaders.orphans import die_with_parent

die_with_parent()
