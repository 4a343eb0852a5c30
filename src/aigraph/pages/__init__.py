"""Self-contained, offline HTML pages built with pyvis (never ``show()``).

pyvis builds the node/edge lists and options; our own template inlines vis-network's
script and stylesheet (read from the installed pyvis package) so a page requests nothing
outside ``file://``.
"""
from __future__ import annotations

from ..model import Dataset
from .graph_page import render_graph_page


def render_pages(dataset: Dataset) -> dict[str, bytes]:
    """Every page of the build, as ``{file name: bytes}``."""
    return {"graph.html": render_graph_page(dataset)}
