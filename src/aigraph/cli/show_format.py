"""Formatting of ``aigraph show``: a profile as text, JSON or fact rows."""
from __future__ import annotations

import json

from ..model import Dataset
from ..profile import Profile
from .format import render

FACT_COLUMNS = ["date", "kind", "as", "with", "certainty", "status", "record", "sources"]


def _name(ds: Dataset, ident: str | None) -> str | None:
    return ds.entities[ident].name if ident else None


def _ref(ds: Dataset, ident: str | None) -> dict | None:
    return {"id": ident, "name": ds.entities[ident].name} if ident else None


def _date(d) -> str | None:
    return d.text if d else None


def show_json(ds: Dataset, p: Profile) -> str:
    e = p.entity
    data = {
        "id": e.id, "type": e.type, "kind": e.kind, "name": e.name, "names": dict(e.names),
        "aliases": list(e.aliases), "misspellings": list(e.misspellings), "wikidata": e.wikidata,
        "description": e.description, "roles": p.roles,
        "stints": [{"person": _ref(ds, s.person), "organization": _ref(ds, s.organization),
                    "start": _date(s.start), "end": _date(s.end), "role": s.role,
                    "roles": list(s.roles), "end_implied": s.end_implied, "records": list(s.records)}
                   for s in p.stints],
        "moves": [{"person": _ref(ds, m.person), "from": _ref(ds, m.from_org), "to": _ref(ds, m.to_org),
                   "date": m.date.text, "role": m.role, "kind": m.kind, "how": m.how,
                   "record": m.record} for m in p.moves],
        "facts": [{"record": f.record.id, "kind": f.record.kind, "date": f.record.date.text,
                   "as": list(f.roles),
                   "with": [{"role": role, **_ref(ds, other)} for role, other in f.others],
                   "certainty": f.record.certainty, "status": f.record.status,
                   "summary": f.record.summary,
                   "sources": [{"source": c.source, "title": c.title, "line": c.line, "note": c.note}
                               for c in f.sources]} for f in p.facts],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def show_rows(ds: Dataset, p: Profile) -> list[dict]:
    """One row per fact (for table, csv and tsv)."""
    return [{"date": f.record.date.text, "kind": f.record.kind, "as": ", ".join(f.roles),
             "with": "; ".join(f"{role}: {_name(ds, other)}" for role, other in f.others),
             "certainty": f.record.certainty, "status": f.record.status, "record": f.record.id,
             "sources": "; ".join(f"{c.source}:{c.line}" for c in f.sources)} for f in p.facts]


def show_text(ds: Dataset, p: Profile) -> str:
    e = p.entity
    head = f"{e.name}  ({e.type}{', ' + e.kind if e.kind else ''}; id {e.id})"
    lines = [head, "=" * min(len(head), 80)]
    lines += [f"name ({lang}): {name}" for lang, name in e.names.items()]
    if e.aliases:
        lines.append("aliases: " + ", ".join(e.aliases))
    if e.misspellings:
        lines.append("misspellings: " + ", ".join(e.misspellings))
    if e.wikidata:
        lines.append(f"wikidata: {e.wikidata}")
    if e.description:
        lines.append(f"description: {e.description}")
    if p.roles:
        lines.append("roles: " + ", ".join(f"{r} ×{n}" for r, n in p.roles.items()))
    if p.stints:
        rows = [{"person": _name(ds, s.person), "organization": _name(ds, s.organization),
                 "start": _date(s.start) or "?", "end": _date(s.end) or "", "role": s.role}
                for s in p.stints]
        cols = ["organization", "start", "end", "role"] if e.type == "person" else \
            ["person", "start", "end", "role"]
        lines += ["", "Stints", render(rows, cols)]
    if p.moves:
        rows = [{"person": _name(ds, m.person), "from": _name(ds, m.from_org) or "?",
                 "to": _name(ds, m.to_org), "date": m.date.text, "kind": m.kind, "how": m.how}
                for m in p.moves]
        lines += ["", "Moves", render(rows, ["date", "person", "from", "to", "kind", "how"])]
    if p.facts:
        lines += ["", "Facts", render(show_rows(ds, p), FACT_COLUMNS)]
        titles = {c.source: c.title for f in p.facts for c in f.sources}
        lines += ["", "Sources (article: title)"]
        lines += [f"{sid}: {title}" for sid, title in sorted(titles.items())]
    return "\n".join(lines)
