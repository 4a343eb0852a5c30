"""Serialisers: every output is byte-stable (sorted, no timestamps, no blank nodes).

Turtle and N-Triples are written by Oxigraph's serialiser from the canonical sorted triple
list; JSON-LD by rdflib (with an @context); GraphML/GEXF by networkx; CSV by :mod:`csv`.
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .model import Dataset
from .nx_build import sources_text, to_networkx
from .rdf_build import rdf_triples
from .vocab import DEFAULT_BASE, Iris

FORMATS = ("turtle", "nt", "jsonld", "graphml", "gexf", "csv", "ftm", "schema-jsonld")
EXTENSIONS = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "graphml": "graphml", "gexf": "gexf", "csv": "csv",
              "ftm": "ftm.json", "schema-jsonld": "schema.jsonld"}


def _ox_term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    if isinstance(term, BNode):  # pragma: no cover - we never mint blank nodes
        raise ValueError("blank nodes are not allowed in aigraph output")
    raise TypeError(term)


def ox_triples(triples) -> list[ox.Triple]:
    return [ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in triples]


def turtle_bytes(triples, base: str = DEFAULT_BASE) -> bytes:
    """Turtle from sorted triples, with the project's prefixes (Oxigraph serialiser).

    The serialiser keeps the triples' order; the ``@prefix`` block is sorted here so the
    bytes never depend on a hash map's iteration order.
    """
    data = ox.serialize(ox_triples(triples), format=ox.RdfFormat.TURTLE, prefixes=Iris(base).prefixes())
    lines = data.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def ntriples_bytes(triples) -> bytes:
    lines = sorted({str(t) + " .\n" for t in ox_triples(triples)})
    return "".join(lines).encode("utf-8")


def jsonld_bytes(triples, base: str = DEFAULT_BASE) -> bytes:
    """JSON-LD with an @context of the project's prefixes; nodes sorted by @id."""
    import rdflib

    graph = rdflib.Graph()
    for s, p, o in triples:
        graph.add((s, p, o))
    context = {k: v for k, v in sorted(Iris(base).prefixes().items())}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda n: n.get("@id", ""))
    doc = {"@context": context, "@graph": nodes}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _sorted_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph(name=graph.graph.get("name", ""))
    for n in sorted(graph.nodes):
        out.add_node(n, **dict(sorted(graph.nodes[n].items())))
    for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        out.add_edge(u, v, key=k, **dict(sorted(d.items())))
    return out


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(_sorted_copy(graph), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(_sorted_copy(graph), buf, encoding="utf-8", prettyprint=True)
    text = buf.getvalue().decode("utf-8")
    # networkx stamps the current date into <meta lastmodifieddate=…>; drop it for byte-stability
    import re

    text = re.sub(r' lastmodifieddate="[^"]*"', "", text)
    return text.encode("utf-8")


CSV_COLUMNS = ("record_id", "kind", "from_id", "from_name", "to_id", "to_name", "date",
               "amount_usd", "certainty", "status", "sources")


def csv_bytes(dataset: Dataset) -> bytes:
    """Edge list: one row per projected edge, both endpoints named."""
    graph = to_networkx(dataset)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows = []
    for u, v, key, d in graph.edges(keys=True, data=True):
        rec = dataset.records[key]
        usd = rec.amount.usd_value if rec.amount else None
        rows.append((key, rec.kind, u, graph.nodes[u]["label"], v, graph.nodes[v]["label"], rec.date.text,
                     "" if usd is None else f"{usd}", rec.certainty, rec.status, sources_text(rec)))
    writer.writerows(sorted(rows))
    return buf.getvalue().encode("utf-8")


def export_bytes(dataset: Dataset, fmt: str, base: str = DEFAULT_BASE, triples=None) -> bytes:
    """One export format as bytes."""
    if fmt in ("turtle", "nt", "jsonld"):
        triples = triples if triples is not None else rdf_triples(dataset, base)
        return {"turtle": lambda: turtle_bytes(triples, base), "nt": lambda: ntriples_bytes(triples),
                "jsonld": lambda: jsonld_bytes(triples, base)}[fmt]()
    if fmt == "graphml":
        return graphml_bytes(to_networkx(dataset))
    if fmt == "gexf":
        return gexf_bytes(to_networkx(dataset))
    if fmt == "csv":
        return csv_bytes(dataset)
    if fmt == "ftm":  # FollowTheMoney JSON lines (Aleph, OpenSanctions tools)
        from .export_ftm import ftm_bytes

        return ftm_bytes(dataset)
    if fmt == "schema-jsonld":  # schema.org JSON-LD for web publishing
        from .export_schema_org import schema_org_bytes

        return schema_org_bytes(dataset, base)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def write_outputs(files: dict[str, bytes], out_dir: str | os.PathLike) -> list[Path]:
    """Write every file atomically: all are staged first, then renamed into place.

    If producing any output failed, the caller never gets here and the previous outputs
    stay intact; each rename is atomic, so no reader sees a half-written file.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in sorted(files.items()):
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=out)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            staged.append((Path(tmp), out / name))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        os.chmod(tmp, 0o644)
        os.replace(tmp, final)
    return [final for _, final in staged]
