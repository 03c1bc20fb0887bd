"""The `sitmap` command line (`sitmap --help`): `main` is the console entry point."""

from sitmap.cli.commands import build_parser, main
from sitmap.cli.common import CliError

__all__ = ["CliError", "build_parser", "main"]
