"""pyvis networks for the pages, filled in linear time, with layout and curve choices.

pyvis's ``add_node``/``add_edge`` scan lists on every call (quadratic: 18 s for 20k nodes),
so :func:`build_network` builds the node and edge dicts with pyvis's own ``Node``/``Edge``
classes and appends them directly; the options go through ``Network.set_options`` and the
data comes back out through ``Network.get_network_data``.

>>> net = build_network([{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
...                     [{"id": "e1", "from": "a", "to": "b"}, {"id": "e2", "from": "b", "to": "a"}])
>>> [e["smooth"]["type"] for e in net.edges]
['curvedCW', 'curvedCW']
>>> net.num_nodes(), "x" in net.nodes[0]
(2, False)
"""
from __future__ import annotations

import json

from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from .layout import layout

PHYSICS_LIMIT = 2000  # above this many nodes, positions come from Python and physics is off
LABEL_FONT = {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}


def curve_parallel(edges: list[dict]) -> None:
    """Give edges between the same two nodes distinct curves, so every one stays visible.

    Edges of one direction bend to one side (vis ``curvedCW`` is relative to direction,
    so the two directions of a pair bend apart); several edges of one direction get
    growing roundness; a pair's only edge stays straight.
    """
    pairs: dict[tuple, list[dict]] = {}
    for e in edges:
        pairs.setdefault(tuple(sorted((e["from"], e["to"]))), []).append(e)
    for group in pairs.values():
        if len(group) == 1:
            group[0]["smooth"] = {"enabled": False}
            continue
        both = len({e["from"] for e in group}) > 1
        counts: dict[str, int] = {}
        for e in group:
            k = counts[e["from"]] = counts.get(e["from"], 0) + 1
            if both:
                kind, roundness = "curvedCW", 0.3 + 0.2 * (k - 1)
            else:  # one direction only: alternate sides
                kind = "curvedCW" if k % 2 else "curvedCCW"
                roundness = 0.2 * ((k + 1) // 2)
            e["smooth"] = {"enabled": True, "type": kind, "roundness": round(min(roundness, 0.9), 2)}


SOLVERS = {
    # compact: pulls stray components and isolated nodes towards the centre
    "forceAtlas2Based": {"gravitationalConstant": -70, "centralGravity": 0.035, "springLength": 90,
                         "springConstant": 0.08, "avoidOverlap": 0.5},
    # airy: for small, sparse graphs whose edge labels need room
    "barnesHut": {"gravitationalConstant": -4000, "centralGravity": 0.3, "springLength": 120,
                  "springConstant": 0.04, "avoidOverlap": 0.2},
}


def base_options(n_nodes: int, solver: str = "forceAtlas2Based") -> dict:
    """vis-network options: in-browser physics for small graphs, fixed layout for big ones."""
    big = n_nodes > PHYSICS_LIMIT
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 200},
        "physics": {"enabled": not big, "solver": solver, solver: dict(SOLVERS[solver]),
                    "stabilization": {"enabled": not big, "iterations": 600, "fit": True}},
        "nodes": {"shape": "dot", "font": LABEL_FONT, "borderWidth": 1,
                  "scaling": {"min": 8, "max": 34, "label": {"enabled": False, "drawThreshold": 4}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
                  "font": {"size": 10, "face": "sans-serif", "align": "horizontal", "strokeWidth": 3,
                           "strokeColor": "#ffffff", "color": "#333333"},
                  "scaling": {"label": {"enabled": False, "drawThreshold": 11}},
                  "width": 1.3, "selectionWidth": 2, "hoverWidth": 1,
                  **({"smooth": False} if big else {})},
        "interaction": {"hover": not big, "tooltipDelay": 250, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "keyboard": False},
    }


def build_network(nodes: list[dict], edges: list[dict], options: dict | None = None) -> Network:
    """A pyvis Network of these vis node/edge dicts (ids unique; edges between known nodes).

    Graphs over :data:`PHYSICS_LIMIT` nodes get Python-computed positions and straight
    edges; smaller ones get curved parallel edges and in-browser physics."""
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    big = len(nodes) > PHYSICS_LIMIT
    pos = layout([n["id"] for n in nodes], [(e["from"], e["to"]) for e in edges]) if big else {}
    for spec in nodes:
        spec = dict(spec)
        ident, label = spec.pop("id"), spec.pop("label")
        shape = spec.pop("shape", "dot")
        if ident in pos:
            spec["x"], spec["y"] = pos[ident]
        options_ = Node(ident, shape, label=label, **spec).options
        net.nodes.append(options_)
        net.node_ids.append(ident)
        net.node_map[ident] = options_
    known = net.node_map
    built = []
    for spec in edges:
        if spec["from"] not in known or spec["to"] not in known:
            raise ValueError(f"edge {spec['id']!r} joins an unknown node")
        spec = dict(spec)
        built.append(Edge(spec.pop("from"), spec.pop("to"), directed=True, **spec).options)
    if not big:
        curve_parallel(built)
    net.edges.extend(built)
    net.set_options(json.dumps(options or base_options(len(nodes))))
    return net


def vis_data(net: Network) -> dict:
    """``{"nodes", "edges", "options"}`` as the page's JS hands them to ``vis.Network``."""
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}
