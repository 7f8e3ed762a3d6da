"""`python -m vanban.cli`: the same as the `vanban` command."""

from vanban.cli import main

main()
