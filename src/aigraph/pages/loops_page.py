"""``output/circular-financing.html``: the money graph and its circular-financing loops.

The network is :func:`aigraph.nx_build.money_graph` (one edge per money, equity, goods or IP
leg); the loops come from :func:`aigraph.analysis.loops`. Picking a loop highlights exactly
its legs, fades everything else and shows a legs table with amounts, dates, flags and
sources.

>>> from aigraph.validate import load
>>> data = loops_page_data(load("tests/fixtures/mini/graph"))
>>> [loop["legs"] for loop in data["loops"]]
[['invested-nvidia-openai-leg-0', 'supplies-nvidia-openai-leg-0']]
"""
from __future__ import annotations

from ..model import Dataset
from ..nx_build import money_graph
from .assets import page_html
from .common import CERTAINTY, FLOW_COLORS, NODE_COLORS, STATUS, assemble, count, filter_spec, \
    is_dashed, node_spec
from .info import human
from .network import base_options, build_network, vis_data

TITLE = "aigraph — circular financing"
MAX_LOOPS = 2000  # loops listed on the page; the rest are counted in the heading
HIGHLIGHT = "#d6336c"


def leg_fact(u: str, v: str, d: dict, names) -> dict:
    amount = f"${human(d['amount_usd'])}" if d.get("amount_usd") is not None else None
    label = " · ".join(x for x in (d["flow"], amount, d["date"]) if x)
    extra = [["leg", f"{d['flow']} ({d['leg_class']}) {names(u)} → {names(v)}"]]
    if amount:
        extra.append(["leg amount", amount])
    return {"record": d["record"], "label": label, "extra": extra,
            "title": f"{d['date']} · {d['kind'].replace('_', ' ')} · {d['flow']} {names(u)} → {names(v)}"
                     + (f" · {amount}" if amount else ""),
            "f": {"flow": d["flow"], "class": d["leg_class"], "kind": d["kind"],
                  "certainty": d["certainty"], "status": d["status"]},
            "s": d["date_start"], "e": d["date_end"]}


def loop_entry(loop: dict) -> dict:
    """What the page needs of a loop from :func:`aigraph.analysis.find_loops`."""
    return {"id": loop["id"], "participants": list(loop["participants"]),
            "length": loop["length"], "legs": [leg["leg"] for leg in loop["legs"]],
            "rows": [{k: leg[k] for k in ("leg", "record", "kind", "flow", "class", "from", "to",
                                          "amount", "amount_usd", "date", "certainty", "status",
                                          "inferred")} for leg in loop["legs"]],
            "bottleneck_usd": loop["bottleneck_usd"], "round_trip_ratio": loop["round_trip_ratio"],
            "flags": list(loop["flags"]), "financing_legs": loop["financing_legs"],
            "commercial_legs": loop["commercial_legs"]}


def loops_page_data(dataset: Dataset, found: list[dict] | None = None) -> dict:
    """The JSON object embedded in circular-financing.html; ``found`` defaults to
    :func:`aigraph.analysis.loops` of the dataset."""
    if found is None:
        from ..analysis import loops

        found = loops(dataset)
    graph = money_graph(dataset)
    names = lambda ident: dataset.entities[ident].name  # noqa: E731
    facts, edges, edge_facts, node_facts = {}, [], {}, {}
    for u, v, key, d in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        facts[key] = leg_fact(u, v, d, names)
        edges.append({"id": key, "from": u, "to": v, "label": facts[key]["label"],
                      "title": d.get("summary") or facts[key]["label"],
                      "color": {"color": FLOW_COLORS[d["flow"]], "highlight": FLOW_COLORS[d["flow"]],
                                "hover": FLOW_COLORS[d["flow"]]},
                      "dashes": is_dashed(d["certainty"], d.get("inferred", False))})
        edge_facts[key] = [key]
        node_facts.setdefault(u, []).append(key)
        node_facts.setdefault(v, []).append(key)
    nodes = [node_spec(dataset, n, len(node_facts.get(n, ()))) for n in sorted(graph.nodes)]
    filters = [filter_spec("flow", "Flow", tuple(FLOW_COLORS), count(facts, "flow"), FLOW_COLORS),
               filter_spec("class", "Class", ("financing", "commercial"), count(facts, "class")),
               filter_spec("kind", "Record kind", sorted({f["f"]["kind"] for f in facts.values()}),
                           count(facts, "kind")),
               filter_spec("certainty", "Certainty", CERTAINTY, count(facts, "certainty")),
               filter_spec("status", "Status", STATUS, count(facts, "status"))]
    legend = {"nodes": [[t, NODE_COLORS[t]] for t in ("organization", "person")],
              "edges": [[f, c, False] for f, c in FLOW_COLORS.items()]
              + [["loop legs (when a loop is picked)", HIGHLIGHT, False],
                 ["alleged, disputed or inferred", "#555555", True]],
              "note": "edge label: flow · amount (USD) · date"}
    shown = found[:MAX_LOOPS]
    more = f" (first {MAX_LOOPS} listed)" if len(found) > MAX_LOOPS else ""
    return assemble(
        dataset, page="loops", title=TITLE,
        heading=f"{len(found)} loops{more} · {graph.number_of_nodes()} parties · "
                f"{graph.number_of_edges()} money, equity, goods and IP legs",
        vis=vis_data(build_network(nodes, edges, base_options(len(nodes), "barnesHut"))), facts=facts, edge_facts=edge_facts,
        entity_ids=graph.nodes, record_ids={f["record"] for f in facts.values()},
        filters=filters, legend=legend, node_facts=node_facts, node_facts_label="Legs",
        loops=[loop_entry(loop) for loop in shown], highlight=HIGHLIGHT,
        intro="A circular-financing loop is a cycle of money and equity legs from distinct records "
              "with at least one financing leg and one commercial leg: money goes out as financing "
              "and comes back as revenue. Pick a loop to highlight its legs.")


def render_loops_page(dataset: Dataset, found: list[dict] | None = None) -> bytes:
    """circular-financing.html for any Dataset, as bytes."""
    return page_html(loops_page_data(dataset, found), scripts=("pages.js", "loops.js"))
