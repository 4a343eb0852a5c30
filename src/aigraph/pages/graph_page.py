"""``output/graph.html``: the whole graph (every entity, one edge per participant pair of
each record), with search, filters, date range, N-hop focus and a sources panel.

>>> from aigraph.validate import load
>>> data = graph_page_data(load("tests/fixtures/mini/graph"))
>>> len(data["vis"]["nodes"]), sorted(data["facts"])[:2]
(4, ['departed-ada-acme', 'hired-ada-openai'])
>>> data["vis"]["edges"][-1]["label"]
'supplies · 2025-09'
"""
from __future__ import annotations

from ..model import Dataset
from ..nx_build import to_networkx
from ..schema import load_schema
from .assets import page_html
from .common import (CERTAINTY, GROUP_COLORS, NODE_COLORS, STATUS, assemble, count,
                     filter_spec, is_dashed, node_spec)
from .info import entity_records, short_amount
from .network import build_network, vis_data

TITLE = "aigraph — the whole graph"


def record_fact(rec) -> dict:
    """Filter fields, date bounds and edge label of one record."""
    parts = [rec.kind.replace("_", " ")]
    if rec.amount is not None:
        parts.append(short_amount(rec.amount))
    parts.append(rec.date.text)
    title = " · ".join([rec.date.text] + parts[:-1]) + (f" — {rec.summary}" if rec.summary else "")
    return {"record": rec.id, "label": " · ".join(parts), "title": title,
            "f": {"kind": rec.kind, "certainty": rec.certainty, "status": rec.status},
            "s": rec.date.start.isoformat(), "e": rec.date.end.isoformat()}


def graph_page_data(dataset: Dataset) -> dict:
    """The JSON object embedded in graph.html (see :mod:`aigraph.pages.common`)."""
    schema = load_schema()
    graph = to_networkx(dataset)
    by_entity = entity_records(dataset)
    facts = {rid: record_fact(rec) for rid, rec in dataset.records.items()}
    nodes = [node_spec(dataset, n, len(by_entity.get(n, ()))) for n in sorted(graph.nodes)]
    edges, edge_facts = [], {}
    for u, v, rid in sorted(graph.edges(keys=True)):
        rec = dataset.records[rid]
        group = schema.kinds[rec.kind].group
        ident = f"{rid}:{u}:{v}"
        edges.append({"id": ident, "from": u, "to": v, "label": facts[rid]["label"],
                      "title": rec.summary or facts[rid]["label"],
                      "color": {"color": GROUP_COLORS[group], "highlight": GROUP_COLORS[group],
                                "hover": GROUP_COLORS[group]},
                      "dashes": is_dashed(rec.certainty, rec.inferred)})
        edge_facts[ident] = [rid]
    kinds = [k for g in ("talent", "capital", "product", "metric") for k, spec in schema.kinds.items()
             if spec.group == g]
    kind_colors = {k: GROUP_COLORS[schema.kinds[k].group] for k in kinds}
    filters = [filter_spec("kind", "Record kind", kinds, count(facts, "kind"), kind_colors),
               filter_spec("certainty", "Certainty", CERTAINTY, count(facts, "certainty")),
               filter_spec("status", "Status", STATUS, count(facts, "status"))]
    legend = {"nodes": [[t, c] for t, c in NODE_COLORS.items()],
              "edges": [[g, c, False] for g, c in GROUP_COLORS.items() if g != "metric"]
              + [["alleged, disputed or inferred", "#555555", True]],
              "note": "node size: number of facts; edge label: kind · amount · date"}
    node_facts = {n: by_entity.get(n, []) for n in graph.nodes}
    return assemble(
        dataset, page="graph", title=TITLE,
        heading=f"{graph.number_of_nodes()} entities · {graph.number_of_edges()} edges · "
                f"{len(dataset.records)} records · {len(dataset.sources)} sources",
        vis=vis_data(build_network(nodes, edges)), facts=facts, edge_facts=edge_facts,
        entity_ids=graph.nodes, record_ids=dataset.records, filters=filters, legend=legend,
        node_facts=node_facts)


def render_graph_page(dataset: Dataset) -> bytes:
    """graph.html for any Dataset (the bundled graph or an imported one), as bytes."""
    return page_html(graph_page_data(dataset))
