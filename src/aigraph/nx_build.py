"""Dataset → networkx. Records are the truth; edges are projections of them.

* :func:`to_networkx` — the whole graph: one ``MultiDiGraph`` edge per participant pair of
  each record (pairs come from ``edges:`` in ``schema.yaml``), keyed by record id.
* :func:`talent_graph` — person → organisation edges of talent records.
* :func:`moves_graph` — organisation → organisation, one edge per derived move.
* :func:`money_graph` — money/equity/goods/ip legs between entities (see :mod:`aigraph.legs`).

Attributes are scalars only (str, int, float, bool), so GraphML and GEXF can store them.
"""
from __future__ import annotations

import networkx as nx

from .legs import leg_amount_usd, money_legs
from .model import Dataset, Entity, Record
from .schema import load_schema


def node_attrs(e: Entity) -> dict:
    attrs = {"type": e.type, "label": e.name}
    if e.kind:
        attrs["kind"] = e.kind
    for lang, key in (("zh-Hans", "name_zh_hans"), ("zh-Hant", "name_zh_hant")):
        if lang in e.names:
            attrs[key] = e.names[lang]
    if e.aliases:
        attrs["aliases"] = "; ".join(e.aliases)
    if e.wikidata:
        attrs["wikidata"] = e.wikidata
    if e.description:
        attrs["description"] = e.description
    return attrs


def sources_text(rec: Record) -> str:
    """``000_abe8f7d22145ce3a:12; 001_…:18`` — every citation of a record."""
    return "; ".join(f"{c.source}:{c.line}" for c in rec.sources)


def record_attrs(rec: Record) -> dict:
    attrs = {
        "record": rec.id, "kind": rec.kind, "group": load_schema().kinds[rec.kind].group,
        "date": rec.date.text, "date_start": rec.date.start.isoformat(),
        "date_end": rec.date.end.isoformat(), "certainty": rec.certainty, "status": rec.status,
        "inferred": rec.inferred, "sources": sources_text(rec),
    }
    if rec.amount is not None:
        attrs["amount"] = rec.amount.describe()
        if rec.amount.usd_value is not None:
            attrs["amount_usd"] = float(rec.amount.usd_value)
    for key in ("role", "round", "summary"):
        if getattr(rec, key):
            attrs[key] = getattr(rec, key)
    return attrs


def _add_nodes(graph: nx.MultiDiGraph, dataset: Dataset, types=None) -> None:
    for e in dataset.entities.values():
        if types is None or e.type in types:
            graph.add_node(e.id, **node_attrs(e))


def to_networkx(dataset: Dataset) -> nx.MultiDiGraph:
    """The whole graph: nodes are entities, edges are participant pairs keyed by record id.

    >>> from aigraph.validate import load
    >>> g = to_networkx(load("graph"))
    >>> g.nodes["openai"]["type"]
    'organization'
    """
    graph = nx.MultiDiGraph(name="aigraph")
    _add_nodes(graph, dataset)
    schema = load_schema()
    for rec in dataset.records.values():
        attrs = record_attrs(rec)
        for src_role, dst_role in schema.kinds[rec.kind].edges:
            for a in rec.participants.get(src_role, ()):
                for b in rec.participants.get(dst_role, ()):
                    if a != b and not graph.has_edge(a, b, key=rec.id):
                        graph.add_edge(a, b, key=rec.id, **attrs)
    return graph


def talent_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Person → organisation edges of every talent record, keyed by record id."""
    graph = nx.MultiDiGraph(name="aigraph-talent")
    _add_nodes(graph, dataset, {"person", "organization"})
    for rec in dataset.records.values():
        if load_schema().kinds[rec.kind].group != "talent":
            continue
        orgs = rec.participants.get("organization", ())
        people = rec.participants.get("person", ()) + rec.participants.get("founder", ())
        for p in people:
            for o in orgs:
                if dataset.entities[p].type == "person":
                    graph.add_edge(p, o, key=rec.id, **record_attrs(rec))
    return graph


def moves_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Organisation → organisation, one edge per move (see :func:`aigraph.talent.moves`)."""
    from .talent import moves

    graph = nx.MultiDiGraph(name="aigraph-moves")
    _add_nodes(graph, dataset, {"organization"})
    for m in moves(dataset):
        if m.from_org is None:
            continue
        graph.add_edge(m.from_org, m.to_org, key=f"{m.person}:{m.record}", person=m.person,
                       date=m.date.text, date_start=m.date.start.isoformat(), how=m.how,
                       record=m.record, role=m.role or "", sources=m.sources)
    return graph


def money_graph(dataset: Dataset, flows=("money", "equity", "goods", "ip"),
                include_disputed: bool = False) -> nx.MultiDiGraph:
    """Flow legs between entities, keyed by leg id. Disputed records are left out unless
    ``include_disputed`` (their legs then carry ``certainty="disputed"``)."""
    graph = nx.MultiDiGraph(name="aigraph-money")
    for leg in money_legs(dataset, include_disputed=include_disputed):
        if leg.flow not in flows:
            continue
        rec = dataset.records[leg.record]
        for n in (leg.source, leg.target):
            if n not in graph:
                graph.add_node(n, **node_attrs(dataset.entities[n]))
        attrs = record_attrs(rec)
        attrs.pop("amount_usd", None)
        usd = leg_amount_usd(rec, leg)
        if usd is not None:
            attrs["amount_usd"] = float(usd)
        graph.add_edge(leg.source, leg.target, key=leg.id, flow=leg.flow, leg_class=leg.cls, **attrs)
    return graph
