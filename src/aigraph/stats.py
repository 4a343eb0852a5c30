"""Coverage statistics: what ``graph/`` holds, counted per kind, source article, certainty and
status, and which entities no record mentions.

Pure functions over a :class:`~aigraph.model.Dataset` that return plain data; printing is the
CLI's job (``aigraph stats``).

>>> from aigraph.validate import load
>>> cov = coverage(load("tests/fixtures/mini/graph"))
>>> cov["totals"]
{'records': 4, 'entities': 4, 'sources': 1, 'citations': 4}
>>> cov["kinds"]["invested"], cov["certainty"]["reported"], cov["without_records"]
(1, 4, [])
"""
from __future__ import annotations

from collections import Counter

from .model import Dataset
from .schema import load_schema

COLUMNS = ["section", "key", "count", "detail"]


def coverage(dataset: Dataset) -> dict:
    """Counts of ``dataset`` as a dict of plain data (ints, strings, lists, dicts).

    Keys: ``totals``; ``kinds``, ``certainty``, ``status`` (every value the schema allows, in
    schema order, zero included); ``groups`` (talent, capital, product, metric);
    ``entity_types``; ``sources`` (per article: records citing it, citations, distinct lines);
    ``inferred`` (records marked inferred); ``without_records`` (ids of entities that take
    part in no record, sorted); ``claims`` (for those of them that only assert claims:
    how many records name them in ``claimed_by``).
    """
    schema = load_schema()
    records = list(dataset.records.values())
    kinds = Counter(r.kind for r in records)
    used = {i for r in records for i in r.entity_ids()}
    per_source: dict[str, dict] = {}
    for sid in dataset.sources:
        cites = [(r.id, c.line) for r in records for c in r.sources if c.source == sid]
        per_source[sid] = {"records": len({rid for rid, _ in cites}), "citations": len(cites),
                           "lines": len({line for _, line in cites})}
    without = sorted(i for i in dataset.entities if i not in used)
    claims = Counter(i for r in records for i in set(r.claimed_by) if i in without)
    return {
        "totals": {"records": len(records), "entities": len(dataset.entities),
                   "sources": len(dataset.sources), "citations": sum(len(r.sources) for r in records)},
        "kinds": {k: kinds.get(k, 0) for k in schema.kinds},
        "groups": dict(sorted(Counter(schema.kinds[r.kind].group for r in records).items())),
        "certainty": {c: sum(r.certainty == c for r in records) for c in schema.certainty},
        "status": {s: sum(r.status == s for r in records) for s in schema.status},
        "inferred": sum(r.inferred for r in records),
        "entity_types": dict(sorted(Counter(e.type for e in dataset.entities.values()).items())),
        "sources": per_source,
        "without_records": without,
        "claims": dict(sorted(claims.items())),
    }


def coverage_rows(cov: dict, dataset: Dataset | None = None) -> list[dict]:
    """The coverage dict as rows of ``COLUMNS`` for tables, JSON or CSV. With ``dataset``,
    entity rows carry the entity's name and type and source rows the publisher and date.

    >>> rows = coverage_rows({"totals": {"records": 2}, "kinds": {"hired": 2}, "without_records": ["x"]})
    >>> [(r["section"], r["key"], r["count"]) for r in rows]
    [('total', 'records', 2), ('kind', 'hired', 2), ('no record', 'x', 0)]
    """
    rows: list[dict] = []

    def add(section, key, count, detail=None):
        rows.append({"section": section, "key": key, "count": count, "detail": detail})

    for key, n in cov.get("totals", {}).items():
        add("total", key, n)
    for section, field in (("group", "groups"), ("kind", "kinds"), ("certainty", "certainty"),
                           ("status", "status"), ("entity type", "entity_types")):
        for key, n in cov.get(field, {}).items():
            add(section, key, n)
    if "inferred" in cov:
        add("inferred", "inferred: true", cov["inferred"])
    for sid, s in cov.get("sources", {}).items():
        where = ""
        if dataset is not None and sid in dataset.sources:
            src = dataset.sources[sid]
            where = f"; {src.publisher}, {src.published}"
        add("source", sid, s["records"], f"{s['citations']} citations of {s['lines']} lines{where}")
    for ident in cov.get("without_records", []):
        parts = []
        if dataset is not None and ident in dataset.entities:
            ent = dataset.entities[ident]
            parts.append(f"{ent.name} ({ent.type})")
        if cov.get("claims", {}).get(ident):
            parts.append(f"claimant in {cov['claims'][ident]} record(s)")
        add("no record", ident, 0, "; ".join(parts) or None)
    return rows
