"""query, moves, show, search: who-moved-where and who-funds-whom from the command line."""
from __future__ import annotations

import click

from ..dates import parse_date
from .base import UserError, cli, handle_errors
from .format import FORMATS, emit, format_option, render


def _dataset(obj):
    from ..validate import load

    return load(obj.graph, obj.archive)


def _ref(dataset, ident: str | None) -> dict | None:
    if ident is None:
        return None
    return {"id": ident, "name": dataset.entities[ident].name}


def _sources(dataset, record) -> list[dict]:
    from ..profile import cited

    return [{"source": c.source, "title": c.title, "line": c.line} for c in cited(dataset, record)]


def _compact(value, prefixes: list[tuple[str, str]]):
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        for prefix, ns in prefixes:
            if value.startswith(ns) and len(value) > len(ns):
                return f"{prefix}:{value[len(ns):]}"
    return value


@cli.command()
@click.argument("name", required=False, metavar="NAME|FILE")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable); entities may be given by any name.")
@format_option(choices=FORMATS)
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph",
              show_default=True, help="Local SPARQL engine.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Run on a SPARQL 1.1 endpoint instead (credentials: $AIGRAPH_USER and "
                   "$AIGRAPH_PASSWORD, or $AIGRAPH_TOKEN); see docs/interop.md.")
@click.pass_obj
@handle_errors
def query(obj, name, params, fmt, engine, endpoint):
    """Run a SPARQL query from the library (queries/*.rq) or a file; without NAME, list them.

    \b
    Examples:
      aigraph query
      aigraph query moves --param person="Barret Zoph"
      aigraph query investors-of --param org=TML --format json
      aigraph query affiliations-on -p on=2025-12-01 -p org=OpenAI
      aigraph query my-query.rq --engine rdflib
      aigraph query founders -p org=OpenAI --endpoint http://127.0.0.1:7878/query
    Parameters are bound, never pasted into the query. Table output shortens IRIs
    (org:openai); json, csv and tsv keep them whole.
    """
    from ..query import library, load_query, parse_params, run_query
    from ..vocab import DEFAULT_BASE, Iris

    if name is None:
        if params:
            raise UserError("give a query NAME or FILE for the parameters")
        rows = []
        for qname in library():
            q = load_query(qname)
            rows.append({"name": qname, "title": q.title, "params": [
                f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in q.params]})
        emit(rows, ["name", "title", "params"], fmt)
        return
    if endpoint:
        import os

        from ..remote import RemoteEngine, auth_from_env

        engine = RemoteEngine(endpoint, **auth_from_env(os.environ))
    result = run_query(name, parse_params(params), _dataset(obj), engine)
    rows = result.rows
    if fmt == "table":
        prefixes = sorted(Iris(DEFAULT_BASE).prefixes().items(), key=lambda kv: -len(kv[1]))
        rows = [{c: _compact(v, prefixes) for c, v in row.items()} for row in rows]
    emit(rows, result.columns, fmt)


MOVE_TABLE = ["person", "from", "to", "date", "role", "kind", "how", "sources"]
MOVE_FLAT = ["person_id", "person", "from_id", "from", "to_id", "to", "date", "precision",
             "role", "kind", "how", "record", "sources"]
MOVE_JSON = ["person", "from", "to", "date", "precision", "role", "kind", "how", "record",
             "records", "sources"]


def _date_option(value: str | None, what: str):
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise UserError(f"{what}: {exc}") from None


@cli.command()
@click.argument("person", required=False)
@click.option("--from", "from_org", metavar="ORG", help="Only moves out of this organisation.")
@click.option("--to", "to_org", metavar="ORG", help="Only moves into this organisation.")
@click.option("--since", metavar="DATE", help="Only moves that may be on or after DATE.")
@click.option("--until", metavar="DATE", help="Only moves that may be on or before DATE.")
@format_option(choices=FORMATS)
@click.pass_obj
@handle_errors
def moves(obj, person, from_org, to_org, since, until, fmt):
    """Who moved where: people joining an organisation after leaving another (or returning).

    \b
    Examples:
      aigraph moves "Barret Zoph"
      aigraph moves --from "Thinking Machines Lab" --to OpenAI
      aigraph moves --to openai --since 2026 --format json
    Names may be given in any script, case or width (英伟达 = 輝達 = NVIDIA).
    `how` is stated (the record names the origin), inferred (the previous exit) or unknown.
    """
    from ..resolve import resolve_entity
    from ..talent import find_moves

    ds = _dataset(obj)
    who = resolve_entity(ds, person, ("person",)).id if person else None
    src = resolve_entity(ds, from_org, ("organization",)).id if from_org else None
    dst = resolve_entity(ds, to_org, ("organization",)).id if to_org else None
    found = find_moves(ds, who, src, dst, _date_option(since, "--since"), _date_option(until, "--until"))
    rows = []
    for m in found:
        rec = ds.records[m.record]
        sources = _sources(ds, rec)
        row = {"person": _ref(ds, m.person), "from": _ref(ds, m.from_org), "to": _ref(ds, m.to_org),
               "date": m.date.text, "precision": m.date.precision, "role": m.role, "kind": m.kind,
               "how": m.how, "record": m.record, "records": list(m.records), "sources": sources}
        if fmt != "json":
            cites = "; ".join(f"{s['source']}:{s['line']}" for s in sources)
            row = {**row, "person": row["person"]["name"], "person_id": m.person,
                   "from": row["from"]["name"] if row["from"] else None, "from_id": m.from_org,
                   "to": row["to"]["name"], "to_id": m.to_org, "sources": cites}
        rows.append(row)
    columns = MOVE_JSON if fmt == "json" else MOVE_TABLE if fmt == "table" else MOVE_FLAT
    emit(rows, columns, fmt)


@cli.command()
@click.argument("text")
@click.option("--type", "etype", type=click.Choice(["person", "organization", "product"]),
              help="Only entities of this type.")
@click.option("--limit", default=10, show_default=True, help="At most this many matches (0: all).")
@format_option(choices=FORMATS)
@click.pass_obj
@handle_errors
def search(obj, text, etype, limit, fmt):
    """Find entities by any name, alias or id, in any script, case or width.

    \b
    Examples:
      aigraph search 英偉達
      aigraph search "thinking mach" --type organization
      aigraph search shazeer --format json
    Best first: the same name, then names starting with TEXT, containing it, then close
    spellings.
    """
    from ..resolve import search as find

    ds = _dataset(obj)
    matches = find(ds, text, (etype,) if etype else None, limit or None)
    rows = [{"id": m.entity.id, "type": m.entity.type, "name": m.entity.name, "matched": m.spelling,
             "how": m.how, "score": m.score} for m in matches]
    emit(rows, ["id", "type", "name", "matched", "how", "score"], fmt)


@cli.command()
@click.argument("entity")
@format_option(choices=FORMATS)
@click.pass_obj
@handle_errors
def show(obj, entity, fmt):
    """Everything about one person, organisation or product, with the article lines behind it.

    \b
    Examples:
      aigraph show "Noam Shazeer"
      aigraph show 英伟达 --format json
      aigraph show tml --format csv
    Table output lists names, roles, stints, moves and facts, then the articles cited;
    csv/tsv give one row per fact; json gives everything (keys in docs/cli.md).
    """
    from ..profile import profile
    from ..resolve import resolve_entity
    from .show_format import show_json, show_rows, show_text, FACT_COLUMNS

    ds = _dataset(obj)
    prof = profile(ds, resolve_entity(ds, entity).id)
    if fmt == "json":
        click.echo(show_json(ds, prof))
    elif fmt in ("csv", "tsv"):
        click.echo(render(show_rows(ds, prof), FACT_COLUMNS, fmt), nl=False)
    else:
        click.echo(show_text(ds, prof))
