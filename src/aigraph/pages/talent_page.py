"""``output/talent.html``: organisation → organisation talent flows.

One arrow per (from, to) pair of organisations, carrying every move between them (see
:func:`aigraph.talent.moves`) and labelled with the people who moved. Joins whose origin is
not reported have no arrow; they are listed in the panel of the organisation joined.

>>> from aigraph.validate import load
>>> data = talent_page_data(load("tests/fixtures/mini/graph"))
>>> [(e["from"], e["to"], e["label"]) for e in data["vis"]["edges"]]
[('acme-labs', 'openai', 'Ada Lovelace (2025-10)')]
"""
from __future__ import annotations

from ..model import Dataset
from ..talent import Move, moves
from .assets import page_html
from .common import CERTAINTY, NODE_COLORS, STATUS, assemble, count, filter_spec, node_spec
from .network import base_options, build_network, vis_data

TITLE = "aigraph — talent flows"
FLOW_COLOR = "#4e79a7"
HOW = {"stated": "origin stated by the record", "inferred": "origin inferred from the latest departure",
       "unknown": "origin not reported"}


def move_id(m: Move) -> str:
    return f"{m.person}:{m.record}:{m.to_org}"


def move_fact(dataset: Dataset, m: Move) -> dict:
    rec = dataset.records[m.record]
    person = dataset.entities[m.person].name
    origin = dataset.entities[m.from_org].name if m.from_org else "?"
    to = dataset.entities[m.to_org].name
    extra = [["person", person], ["move", f"{origin} → {to}"], ["origin", HOW[m.how]]]
    if m.role:
        extra.append(["role", m.role])
    return {"record": m.record, "label": f"{person} ({m.date.text})",
            "title": f"{m.date.text} · {person} · {origin} → {to} ({m.kind})", "extra": extra,
            "f": {"kind": m.kind, "how": m.how, "certainty": rec.certainty, "status": rec.status},
            "s": m.date.start.isoformat(), "e": m.date.end.isoformat()}


def talent_page_data(dataset: Dataset) -> dict:
    """The JSON object embedded in talent.html."""
    all_moves = moves(dataset)
    facts = {move_id(m): move_fact(dataset, m) for m in all_moves}
    flows: dict[tuple[str, str], list[str]] = {}
    node_facts: dict[str, list[str]] = {}
    for m in all_moves:
        fid = move_id(m)
        for ident in (m.person, m.to_org, m.from_org):
            if ident:
                node_facts.setdefault(ident, []).append(fid)
        if m.from_org:
            flows.setdefault((m.from_org, m.to_org), []).append(fid)
    orgs = sorted({o for pair in flows for o in pair})
    degree = _degrees(flows)
    nodes = [node_spec(dataset, o, degree[o]) for o in orgs]
    edges, edge_facts = [], {}
    for (a, b), fids in sorted(flows.items()):
        ident = f"{a}>{b}"
        labels = [facts[f]["label"] for f in fids]
        edges.append({"id": ident, "from": a, "to": b, "value": len(fids),
                      "label": "\n".join(labels[:3]) + (f"\n+{len(labels) - 3} more" if len(labels) > 3 else ""),
                      "title": f"{len(fids)} moved: " + ", ".join(labels),
                      "color": {"color": FLOW_COLOR, "highlight": FLOW_COLOR, "hover": FLOW_COLOR},
                      "dashes": all(facts[f]["f"]["how"] == "inferred" for f in fids)})
        edge_facts[ident] = fids
    filters = [filter_spec("kind", "Move", ("hired", "returned"), count(facts, "kind")),
               filter_spec("how", "Origin", tuple(HOW), count(facts, "how")),
               filter_spec("certainty", "Certainty", CERTAINTY, count(facts, "certainty")),
               filter_spec("status", "Status", STATUS, count(facts, "status"))]
    legend = {"nodes": [["organization", NODE_COLORS["organization"]]],
              "edges": [["people moving (width: how many)", FLOW_COLOR, False],
                        ["origin inferred", "#555555", True]],
              "note": "edge label: who moved, and when"}
    people = {m.person for m in all_moves}
    unknown = sum(1 for m in all_moves if m.from_org is None)
    options = base_options(len(nodes), "barnesHut")
    options["edges"]["scaling"] = {"min": 1, "max": 7, "label": {"enabled": False, "drawThreshold": 5}}
    options["edges"]["font"] = {**options["edges"]["font"], "size": 15}
    options["nodes"]["font"] = {**options["nodes"]["font"], "size": 20}
    options["physics"]["barnesHut"].update(gravitationalConstant=-6000, springLength=220, centralGravity=0.25)
    return assemble(
        dataset, page="talent", title=TITLE,
        heading=f"{sum(len(f) for f in flows.values())} moves between {len(orgs)} organisations · "
                f"{len(people)} people · {unknown} joins with no reported origin",
        vis=vis_data(build_network(nodes, edges, options)), facts=facts, edge_facts=edge_facts,
        entity_ids=set(orgs) | people | {m.to_org for m in all_moves},
        record_ids={m.record for m in all_moves}, filters=filters, legend=legend,
        node_facts=node_facts, node_facts_label="Moves",
        intro="Each arrow is people moving from one organisation to the next: a hire or return "
              "after leaving. Search a person to see their moves.")


def _degrees(flows) -> dict[str, int]:
    out: dict[str, int] = {}
    for (a, b), fids in flows.items():
        out[a] = out.get(a, 0) + len(fids)
        out[b] = out.get(b, 0) + len(fids)
    return out


def render_talent_page(dataset: Dataset) -> bytes:
    """talent.html for any Dataset, as bytes."""
    return page_html(talent_page_data(dataset))
