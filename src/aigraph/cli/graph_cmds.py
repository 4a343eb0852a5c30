"""validate, build, export, stats."""
from __future__ import annotations

import sys

import click

from ..validate import validate as run_validate
from .base import cli, handle_errors


@cli.command()
@click.option("--no-archive", is_flag=True, help="Skip the check of cited lines against the articles.")
@click.pass_obj
@handle_errors
def validate(obj, no_archive):
    """Check graph/ and report every problem as path:line: message.

    \b
    Example:
      aigraph validate
      aigraph --archive ../shared/seeds validate
    Exits 2 when there is any problem.
    """
    report = run_validate(obj.graph, obj.archive, use_archive=not no_archive)
    for notice in report.notices:
        click.echo(f"notice: {notice}", err=True)
    for p in report.problems:
        click.echo(str(p), err=True)
    ds = report.dataset
    if report.problems:
        click.echo(f"{len(report.problems)} problem(s) found.", err=True)
        sys.exit(2)
    checked = f", cited lines checked against {report.archive}" if report.archive else ""
    click.echo(f"ok: {len(ds.records)} records, {len(ds.entities)} entities, "
               f"{len(ds.sources)} sources{checked}")


@cli.command()
@click.option("--base", default=None, help="Base IRI for minted IRIs (default https://w3id.org/aigraph/).")
@click.pass_obj
@handle_errors
def build(obj, base):
    """Validate graph/ and write every output (Turtle, N-Triples, JSON-LD, pages) to output/.

    \b
    Example:
      aigraph build
      aigraph --out /tmp/out build --base https://example.org/ai/
    Outputs are byte-stable and written atomically.
    """
    import time

    from ..build import build as run_build
    from ..validate import load
    from ..vocab import DEFAULT_BASE

    started = time.perf_counter()
    dataset = load(obj.graph, obj.archive)
    result = run_build(dataset, obj.out, base or DEFAULT_BASE)
    elapsed = time.perf_counter() - started
    click.echo(f"built {result.records} records, {result.entities} entities, {result.sources} sources, "
               f"{result.triples} triples in {elapsed:.1f} s")
    for path in result.paths:
        click.echo(f"  {path}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "jsonld", "graphml", "gexf", "csv"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="File to write, or - for stdout.")
@click.option("--base", default=None, help="Base IRI for minted IRIs.")
@click.pass_obj
@handle_errors
def export(obj, fmt, output, base):
    """Export the graph in one format.

    \b
    Examples:
      aigraph export --format graphml -o aigraph.graphml
      aigraph export --format csv | head
    """
    from ..validate import load
    from ..vocab import DEFAULT_BASE
    from ..write import export_bytes, write_outputs

    data = export_bytes(load(obj.graph, obj.archive), fmt, base or DEFAULT_BASE)
    if output == "-":
        click.get_binary_stream("stdout").write(data)
    else:
        from pathlib import Path

        path = Path(output)
        write_outputs({path.name: data}, path.parent if str(path.parent) else ".")
