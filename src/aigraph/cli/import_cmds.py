"""``aigraph import aiwatch|donations|ftm PATH --into DIR``."""
from __future__ import annotations

import time
from pathlib import Path

import click

from ..progress import bar_for
from .base import UserError, cli, handle_errors


@cli.group(name="import")
def import_group():
    """Import third-party data into a graph directory of its own (never into graph/).

    \b
    Examples:
      aigraph import aiwatch ../shared/data/external/aiwatch-positions/positions.csv --into imported
      aigraph import donations ../shared/data/external/donations-list/donations.csv --into imported
      aigraph import ftm ../shared/data/external/ftm-german-party-donations/donations.ijson --into imported
      aigraph --graph imported moves --from OpenAI --to Anthropic
    """


def _run(obj, importer: str, path: Path, into: Path, source_id: str | None) -> None:
    from ..importers.run import ImportProblem, run_import

    started = time.perf_counter()
    graph = obj.graph if Path(obj.graph).is_dir() else None
    try:
        report = run_import(importer, path, into, graph, source_id, progress=bar_for(obj.quiet))
    except ImportProblem as exc:
        raise UserError(str(exc)) from None
    elapsed = time.perf_counter() - started
    click.echo(f"read {report.read}, kept {report.kept}, rejected {report.rejected} "
               f"({report.records} records from {path.name} in {elapsed:.1f} s)")
    click.echo(f"entities: {len(report.matched_graph)} matched in {obj.graph}, "
               f"{len(report.matched_into)} matched in {into}, {len(report.new)} new "
               f"({report.variants} name variants kept as aliases)")
    if report.matched_graph and not obj.quiet:
        shown = ", ".join(report.matched_graph[:12]) + (" …" if len(report.matched_graph) > 12 else "")
        click.echo(f"  matched in {obj.graph}: {shown}")
    click.echo(f"rejects with line and reason: {report.rejects_path}")
    click.echo(f"entity matches: {into / 'reports' / (report.source_id + '-entities.csv')}")
    click.echo(f"check it: aigraph --graph {into} validate")


def _command(importer: str, what: str, example: str):
    @import_group.command(name=importer, help=f"""Import {what}.

    \b
    Example:
      aigraph import {importer} {example} --into imported
    Prints `read N, kept K, rejected R`; every rejected row is in DIR/rejects/<source>.csv.
    """)
    @click.argument("path", type=click.Path(path_type=Path))
    @click.option("--into", "into", required=True, type=click.Path(path_type=Path),
                  help="Graph directory to import into (created if missing; never graph/).")
    @click.option("--source-id", default=None, help="Id of the source entry (default: importer-file).")
    @click.pass_obj
    @handle_errors
    def command(obj, path, into, source_id):
        _run(obj, importer, path, into, source_id)

    return command


_command("aiwatch", "AI Watch positions (positions.csv) as hired/appointed/departed records",
         "../shared/data/external/aiwatch-positions/positions.csv")
_command("donations", "Donations List donations (donations.csv) as pays records",
         "../shared/data/external/donations-list/donations.csv")
_command("ftm", "FollowTheMoney entities (JSON lines): Payment, Ownership, Employment",
         "../shared/data/external/ftm-german-party-donations/donations.ijson")
