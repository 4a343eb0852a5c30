"""validate, build, export, stats."""
from __future__ import annotations

import sys

import click

from ..validate import validate as run_validate
from .base import UserError, cli, handle_errors


@cli.command()
@click.option("--no-archive", is_flag=True, help="Skip the check of cited lines against the articles.")
@click.option("--shacl", is_flag=True, help="Also check the built RDF against the SHACL shapes (pySHACL).")
@click.option("--rdf", "rdf_file", type=click.Path(dir_okay=False), default=None,
              help="Check this RDF file (.ttl, .nt, .jsonld) against the SHACL shapes instead of graph/.")
@click.pass_obj
@handle_errors
def validate(obj, no_archive, shacl, rdf_file):
    """Check graph/ and report every problem as path:line: message.

    \b
    Example:
      aigraph validate
      aigraph --archive ../shared/seeds validate
      aigraph validate --shacl
      aigraph validate --rdf output/aigraph.ttl
    Exits 2 when there is any problem or SHACL violation (SHACL warnings are printed only).
    """
    if rdf_file:
        from ..shacl import validate_file

        try:
            return _echo_shacl(validate_file(rdf_file))
        except ValueError as exc:
            raise UserError(str(exc)) from None
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
    if shacl:
        from ..shacl import validate_dataset

        _echo_shacl(validate_dataset(ds))


def _echo_shacl(report) -> None:
    """SHACL results one per line (focus node, path: message (value; constraint)); exit 2 on violations."""
    for result in report.results:
        click.echo(str(result), err=True)
    counts = f"{len(report.violations)} SHACL violation(s), {len(report.warnings)} warning(s)"
    if not report.conforms:
        click.echo(f"{counts}.", err=True)
        sys.exit(2)
    click.echo(f"shacl: conforms ({counts})")


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

    from ..progress import bar_for

    started = time.perf_counter()
    dataset = load(obj.graph, obj.archive)
    result = run_build(dataset, obj.out, base or DEFAULT_BASE, progress=bar_for(obj.quiet))
    elapsed = time.perf_counter() - started
    click.echo(f"built {result.records} records, {result.entities} entities, {result.sources} sources, "
               f"{result.triples} triples in {elapsed:.1f} s")
    for path in result.paths:
        click.echo(f"  {path}")


@cli.command()
@click.option("--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "nt", "jsonld", "graphml", "gexf", "csv", "ftm", "schema-jsonld"]),
              help="ftm: FollowTheMoney JSON lines (Aleph); schema-jsonld: schema.org JSON-LD for the web.")
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
      aigraph export --format ftm -o aigraph.ftm.json
    """
    from ..progress import bar_for, steps
    from ..validate import load
    from ..vocab import DEFAULT_BASE
    from ..write import export_bytes, write_outputs

    loaded = []
    *_, data = steps(bar_for(obj.quiet), [
        ("reading the graph", lambda: loaded.append(load(obj.graph, obj.archive))),
        (f"writing {fmt}", lambda: export_bytes(loaded[0], fmt, base or DEFAULT_BASE))], f"export {fmt}")
    if output == "-":
        click.get_binary_stream("stdout").write(data)
    else:
        from pathlib import Path

        path = Path(output)
        write_outputs({path.name: data}, path.parent if str(path.parent) else ".")
