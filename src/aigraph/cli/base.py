"""The click group, global options and the shared error handling of the CLI."""
from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from ..problems import GraphError
from ..resolve import RequestError


@dataclass
class Context:
    graph: Path
    out: Path
    archive: str | None
    quiet: bool


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--graph", "graph", default="graph", show_default=True, type=click.Path(path_type=Path),
              help="Directory of curated YAML data.")
@click.option("--out", "out", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Directory for built artifacts.")
@click.option("--archive", default=None, type=click.Path(),
              help="Directory of archived articles (default: $AIGRAPH_ARCHIVE, else ../shared/seeds).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars or chatter.")
@click.version_option(package_name="aigraph")
@click.pass_context
def cli(ctx, graph, out, archive, quiet):
    """aigraph: AI talent moves and capital flows as a sourced knowledge graph.

    \b
    Examples:
      aigraph validate
      aigraph build
      aigraph moves "Barret Zoph"
      aigraph query investors-of --param org=英伟达
    """
    ctx.obj = Context(graph, out, archive, quiet)


def fail(message: str, code: int = 2) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def handle_errors(func):
    """Turn library errors into curator-readable messages and exit 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GraphError as exc:
            for p in exc.problems:
                click.echo(str(p), err=True)
            click.echo(f"{len(exc.problems)} problem(s) found.", err=True)
            sys.exit(2)
        except UserError as exc:
            fail(f"error: {exc}")
        except RequestError as exc:  # library-level mistakes: unknown names, queries, parameters
            fail(f"error: {exc}")

    return wrapper


class UserError(Exception):
    """A mistake in what the user asked for (unknown query, bad parameter, ...)."""
