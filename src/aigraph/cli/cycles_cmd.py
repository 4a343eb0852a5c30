"""cycles: circular-financing loops (see docs/cycles.md)."""
from __future__ import annotations

import click

from .base import cli, handle_errors
from .format import emit, format_option

LOOP_COLUMNS = ["id", "participants", "labels", "length", "legs", "bottleneck_usd",
                "round_trip_ratio", "flags", "financing_legs", "commercial_legs", "capped"]
LEG_COLUMNS = ["loop", "path", "bottleneck_usd", "ratio", "flags", "hop", "from", "to", "kind",
               "flow", "amount", "date", "certainty", "status", "record", "sources"]
MAX_PER_CYCLE = 100  # aigraph.analysis.MAX_PER_CYCLE, repeated so --help needs no networkx


def leg_rows(found: list[dict], blank_repeats: bool) -> list[dict]:
    """One row per leg; loop-level cells only on a loop's first row when ``blank_repeats``."""
    rows = []
    for loop in found:
        head = {"loop": loop["id"], "path": " → ".join(loop["labels"] + loop["labels"][:1]),
                "bottleneck_usd": _usd(loop["bottleneck_usd"]), "ratio": loop["round_trip_ratio"],
                "flags": ", ".join(loop["flags"])}
        for hop, leg in enumerate(loop["legs"], 1):
            row = {**head} if hop == 1 or not blank_repeats else {}
            row.update({"hop": hop, "from": leg["from"], "to": leg["to"], "kind": leg["kind"],
                        "flow": leg["flow"] + ("*" if leg["inferred"] else ""),
                        "amount": leg["amount"], "date": leg["date"], "certainty": leg["certainty"],
                        "status": leg["status"], "record": leg["record"], "sources": leg["sources"]})
            rows.append(row)
    return rows


def _usd(value: float | None) -> str | None:
    return None if value is None else f"{value:,.0f}"


@cli.command()
@click.option("--max-length", default=5, show_default=True, type=click.IntRange(2, 10),
              help="Most parties in a loop.")
@click.option("--window", "window", default=None, type=click.IntRange(min=0), metavar="MONTHS",
              help="Keep loops whose legs could all fall within this many months.")
@click.option("--confirmed-only", is_flag=True,
              help="Leave out planned, disputed and inferred legs.")
@click.option("--through", default=None, metavar="ENTITY",
              help="Only loops through this entity (id or any name, in any script).")
@click.option("--include-disputed", is_flag=True,
              help="Also use the legs of disputed records (flagged 'disputed').")
@click.option("--money-only", is_flag=True, help="Money legs only (no equity-for-orders loops).")
@click.option("--max-per-cycle", default=MAX_PER_CYCLE, show_default=True, type=click.IntRange(min=0),
              help="Most loops listed per cycle of parties, most solid legs first (0: all).")
@format_option()
@click.pass_obj
@handle_errors
def cycles(obj, max_length, window, confirmed_only, through, include_disputed, money_only,
           max_per_cycle, fmt):
    """List circular-financing loops: money or equity that goes out as financing and comes
    back as revenue, each leg with its sources.

    \b
    Examples:
      aigraph cycles
      aigraph cycles --through 英伟达 --include-disputed
      aigraph cycles --window 24 --confirmed-only --format json
    Table rows are legs; a loop's id, path, bottleneck, ratio and flags are on its first
    row, and a * after the flow marks an inferred leg. See docs/cycles.md.
    """
    from ..analysis import loops
    from ..validate import load

    dataset = load(obj.graph, obj.archive)
    found = loops(dataset, max_length=max_length, window_months=window,
                  confirmed_only=confirmed_only, through=through,
                  include_disputed=include_disputed, max_per_cycle=max_per_cycle or None,
                  flows=("money",) if money_only else ("money", "equity"))
    if fmt == "json":
        emit(found, LOOP_COLUMNS, fmt)
    else:
        emit(leg_rows(found, blank_repeats=fmt == "table"), LEG_COLUMNS, fmt)
    capped = len({loop["id"].split("~")[0] for loop in found if loop["capped"]})
    if capped:
        click.echo(f"note: {capped} cycle(s) of parties had more than {max_per_cycle} loops; only the "
                   f"{max_per_cycle} most solid of each are listed (see --max-per-cycle)", err=True)
    if fmt == "table":
        hint = "" if found or include_disputed else " (try --include-disputed)"
        click.echo(f"{len(found)} loop(s){hint}", err=True)
