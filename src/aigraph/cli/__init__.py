"""The ``aigraph`` command line. Each command is one library call plus formatting."""
from __future__ import annotations

from .base import cli
from . import graph_cmds  # noqa: F401  (registers validate/build/export/stats)


def main() -> None:
    cli(prog_name="aigraph")
