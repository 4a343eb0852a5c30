"""render: the interactive pages only (graph.html, talent.html, circular-financing.html)."""
from __future__ import annotations

from pathlib import Path

import click

from .base import UserError, cli, handle_errors

PAGE_NAMES = {"graph": "graph.html", "talent": "talent.html", "loops": "circular-financing.html"}


@cli.command()
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write the pages to (default: the global --out, i.e. output/).")
@click.option("--page", "pages", multiple=True, type=click.Choice(sorted(PAGE_NAMES)),
              help="Render only this page (repeatable; default: all three).")
@click.pass_obj
@handle_errors
def render(obj, out_dir, pages):
    """Write the self-contained interactive pages (no RDF) from graph/.

    \b
    Examples:
      aigraph render
      aigraph render --out /tmp/pages --page graph
      aigraph --graph tests/fixtures/mini/graph render --out /tmp/mini
    Pages open offline in any browser; the view state lives in the URL hash.
    """
    from ..pages import write_pages
    from ..validate import load

    target = out_dir or obj.out
    if target.exists() and not target.is_dir():
        raise UserError(f"{target} exists and is not a directory")
    paths = write_pages(load(obj.graph, obj.archive), target,
                        [PAGE_NAMES[p] for p in pages] if pages else None)
    for path in paths:
        click.echo(f"{path}  ({path.stat().st_size:,} bytes)")
