"""Self-contained, offline HTML pages built with pyvis (never ``show()``).

* ``graph.html``: the whole graph (:func:`render_graph_page`);
* ``talent.html``: organisation → organisation talent flows (:func:`render_talent_page`);
* ``circular-financing.html``: circular-financing loops (:func:`render_loops_page`).

Each renderer takes any :class:`~aigraph.model.Dataset` (the bundled graph or an imported
one) and returns the page as bytes; graphs over ~2,000 nodes get a layout computed in
Python with physics off. See docs/pages.md.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Dataset
from .graph_page import render_graph_page
from .loops_page import render_loops_page
from .talent_page import render_talent_page

PAGES = {"graph.html": render_graph_page, "talent.html": render_talent_page,
         "circular-financing.html": render_loops_page}


def render_pages(dataset: Dataset, names=None) -> dict[str, bytes]:
    """Every page of the build (or the ``names`` among :data:`PAGES`), as ``{file name: bytes}``.

    >>> from aigraph.validate import load
    >>> sorted(render_pages(load("tests/fixtures/mini/graph")))
    ['circular-financing.html', 'graph.html', 'talent.html']
    """
    unknown = sorted(set(names or ()) - set(PAGES))
    if unknown:
        raise ValueError(f"unknown page {unknown[0]!r} (pages: {', '.join(PAGES)})")
    return {name: render(dataset) for name, render in PAGES.items() if names is None or name in names}


def write_pages(dataset: Dataset, out_dir: str | Path = "output", names=None) -> list[Path]:
    """Render the pages and write them atomically into ``out_dir``; returns the paths."""
    from ..write import write_outputs

    return write_outputs(render_pages(dataset, names), out_dir)


__all__ = ["PAGES", "render_pages", "write_pages", "render_graph_page", "render_loops_page", "render_talent_page"]
