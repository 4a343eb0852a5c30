"""The ``aigraph`` command line. Each command is one library call plus formatting."""
from __future__ import annotations

from .base import cli
from . import graph_cmds  # noqa: F401  (registers validate/build/export/stats)
from . import stats_cmd  # noqa: F401  (registers stats)
from . import cycles_cmd  # noqa: F401  (registers cycles)
from . import query_cmds  # noqa: F401  (registers query, moves, show, search)
from . import import_cmds  # noqa: F401  (registers import aiwatch|donations|ftm)
from . import render_cmd  # noqa: F401  (registers render)
from . import serve_cmds  # noqa: F401  (registers serve, push)


def main() -> None:
    cli(prog_name="aigraph")
