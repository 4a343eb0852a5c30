"""``output/graph.html``: the whole graph, nodes coloured by type, edges labelled by kind."""
from __future__ import annotations

import html

from pyvis.network import Network

from ..model import Dataset
from ..nx_build import to_networkx
from .assets import script_json, vis_network_css, vis_network_js

COLORS = {"person": "#4e79a7", "organization": "#f28e2b", "product": "#59a14f"}


def build_network(dataset: Dataset) -> Network:
    graph = to_networkx(dataset)
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    for n, d in sorted(graph.nodes(data=True)):
        net.add_node(n, label=d["label"], color=COLORS[d["type"]], title=d.get("description", d["label"]),
                     group=d["type"])
    for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        net.add_edge(u, v, id=k, label=d["kind"], title=d.get("summary", d["kind"]), arrows="to")
    return net


def render_graph_page(dataset: Dataset) -> bytes:
    net = build_network(dataset)
    data = {"nodes": net.nodes, "edges": net.edges}
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape("aigraph — the whole graph")}</title>
<style>{vis_network_css()}</style>
<style>html,body{{margin:0;height:100%;font-family:sans-serif}}#net{{position:absolute;inset:0}}</style>
<script>{vis_network_js()}</script></head>
<body><div id="net"></div>
<script id="data" type="application/json">{script_json(data)}</script>
<script>
const data = JSON.parse(document.getElementById("data").textContent);
const network = new vis.Network(document.getElementById("net"),
  {{nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}},
  {{physics: {{stabilization: {{iterations: 200}}}}, edges: {{smooth: {{type: "curvedCW", roundness: 0.15}}}}}});
</script></body></html>
"""
    return page.encode("utf-8")
