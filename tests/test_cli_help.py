"""Every command has help text (a command without help is a defect)."""

from __future__ import annotations

import click
from click.testing import CliRunner

from vanban.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


def test_top_level_help_lists_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in main.commands:
        assert name in result.output


def test_every_command_has_help():
    missing = []
    runner = CliRunner()
    for path, cmd in _commands(main):
        if not (cmd.help or cmd.short_help):
            missing.append(" ".join(path))
            continue
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output
    assert not missing, f"commands without help: {missing}"


def test_expected_commands_exist():
    expected = {"extract", "load", "stats", "export", "lineage", "duties", "deadlines",
                "place", "cypher", "ask", "serve", "viz", "demo"}
    assert expected <= set(main.commands), sorted(expected - set(main.commands))
