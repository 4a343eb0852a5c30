"""SPARQL engines behind ``aigraph query``: one interface, several back ends.

An engine answers ``select(query_text, bindings) -> (columns, rows)``: columns in SELECT
order, each row a dict of plain strings (IRI → the full IRI, literal → its lexical form with
numbers written one way, unbound → None), rows in the query's ORDER BY order.

* :class:`GraphEngine` — an rdflib Graph: on the Oxigraph store (``oxigraph``, the default;
  oxrdflib passes the bindings to Oxigraph as substitutions) or the in-memory store
  (``rdflib``; bindings go to rdflib's ``initBindings``).
* :class:`RoqetEngine` — Debian's ``roqet`` (Rasqal) over a Turtle file; roqet has no
  bindings API, so they are written into the query as an escaped ``VALUES`` block
  (:func:`aigraph.query.with_values`).

``aigraph.remote.RemoteEngine`` (SPARQL endpoints) has the same interface.

>>> plain_value("2000000000.0", "http://www.w3.org/2001/XMLSchema#decimal")
'2000000000'
>>> plain_value("007", "http://www.w3.org/2001/XMLSchema#integer")
'7'
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import weakref
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
import rdflib
from rdflib.term import Literal, Node, URIRef

from .model import Dataset
from .resolve import RequestError
from .vocab import DEFAULT_BASE

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
ENGINES = ("oxigraph", "rdflib")

Rows = list[dict[str, str | None]]


class QueryError(RequestError):
    """A query that cannot be loaded, bound or run; the message says why."""


class Engine(Protocol):
    name: str

    def select(self, query_text: str, bindings: dict[str, Node]) -> tuple[list[str], Rows]:
        ...


def plain_value(lexical: str, datatype: str | None = None) -> str:
    """One spelling per number, so every engine prints the same: integers without leading
    zeros, decimals without trailing zeros, booleans as true/false."""
    try:
        if datatype in INTEGER_TYPES:
            return str(int(lexical))
        if datatype == XSD + "decimal":
            d = Decimal(lexical)
            return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")
        if datatype in (XSD + "double", XSD + "float"):
            f = float(lexical)
            return str(int(f)) if f.is_integer() and abs(f) < 1e16 else repr(f)
    except (ValueError, InvalidOperation):
        return lexical
    if datatype == XSD + "boolean":
        return "true" if lexical.strip() in ("true", "1") else "false"
    return lexical


def plain(term) -> str | None:
    """An rdflib term as a plain string (see :func:`plain_value`)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return plain_value(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    return str(term)


def _to_ox(term: Node):
    if isinstance(term, Literal):
        return ox.Literal(str(term), language=term.language,
                          datatype=ox.NamedNode(str(term.datatype)) if term.datatype and not term.language else None)
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


def _ox_plain(term) -> str | None:
    """A pyoxigraph term as :func:`plain` writes the same rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return plain_value(term.value, term.datatype.value if term.datatype else None)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _ox_select(store, query_text: str, bindings: dict[str, Node], namespaces, name: str):
    """SELECT on a pyoxigraph Store (what oxrdflib does, minus converting every value to an
    rdflib term and back: the moves query at 100k triples took 5× the raw query that way)."""
    # Parameters go in as an escaped VALUES block at the start of the WHERE group (house rule
    # 11), not as Oxigraph substitutions: Oxigraph applies substitutions after evaluating the
    # pattern, so a VALUES block let its planner start from the bound value (person-timeline
    # at 1M triples: 0.124 s -> 0.001 s).
    from .query import with_values

    try:
        result = store.query(with_values(query_text, bindings), prefixes={p: str(ns) for p, ns in namespaces})
        if not isinstance(result, ox.QuerySolutions):
            kind = "ASK" if isinstance(result, ox.QueryBoolean) else "CONSTRUCT"
            raise QueryError(f"only SELECT queries can be run (this is a {kind} query)")
        columns = [v.value for v in result.variables]
        rows = [{c: _ox_plain(v) for c, v in zip(columns, solution)} for solution in result]
    except QueryError:
        raise
    except Exception as exc:  # engines raise their own types for bad queries
        raise QueryError(f"the {name} engine could not run the query: {exc}") from None
    return columns, rows


class GraphEngine:
    """An rdflib Graph; bindings are passed as ``initBindings``."""

    def __init__(self, graph: rdflib.Graph, name: str):
        self.graph = graph
        self.name = name

    def select(self, query_text: str, bindings: dict[str, Node]) -> tuple[list[str], Rows]:
        inner = getattr(self.graph.store, "_inner", None)
        if isinstance(inner, ox.Store):  # Oxigraph underneath: ask it directly, no rdflib terms
            return _ox_select(inner, query_text, bindings, self.graph.namespaces(), self.name)
        try:
            result = self.graph.query(query_text, initBindings=dict(bindings))
            if result.type != "SELECT":
                raise QueryError(f"only SELECT queries can be run (this is a {result.type} query)")
            columns = [str(v) for v in result.vars]
            rows = [{c: plain(row[i]) for i, c in enumerate(columns)} for row in result]
        except QueryError:
            raise
        except Exception as exc:  # engines raise their own types for bad queries
            raise QueryError(f"the {self.name} engine could not run the query: {exc}") from None
        return columns, rows


_CACHE: dict[tuple[int, str, str], tuple[weakref.ref, GraphEngine]] = {}


def local_engine(dataset: Dataset, name: str = "oxigraph", base: str = DEFAULT_BASE) -> GraphEngine:
    """The dataset loaded into an engine (``oxigraph`` or ``rdflib``), built once per dataset."""
    if name not in ENGINES:
        raise QueryError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
    key = (id(dataset), name, base)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is dataset:
        return hit[1]
    from .rdf_build import to_rdf

    engine = GraphEngine(to_rdf(dataset, base, engine=name), name)
    _CACHE[key] = (weakref.ref(dataset, lambda _r, k=key: _CACHE.pop(k, None)), engine)
    return engine


class RoqetEngine:
    """Rasqal's ``roqet`` over an RDF file (Turtle by default); bindings become VALUES."""

    name = "roqet"

    def __init__(self, data: str | Path, executable: str = "roqet"):
        self.data = Path(data)
        found = shutil.which(executable)
        if found is None:
            raise QueryError("roqet is not installed (Debian package rasqal-utils)")
        self.executable = found

    def select(self, query_text: str, bindings: dict[str, Node]) -> tuple[list[str], Rows]:
        from .query import with_values

        text = with_values(query_text, bindings)
        with tempfile.NamedTemporaryFile("w", suffix=".rq", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            proc = subprocess.run([self.executable, "-q", "-i", "sparql", "-r", "xml", "-D",
                                   str(self.data), f.name], capture_output=True, timeout=120)
        if proc.returncode not in (0, 2):  # roqet exits 2 after warnings (e.g. unused variables)
            message = proc.stderr.decode("utf-8", "replace").strip()
            raise QueryError(f"roqet could not run the query: {message}")
        return parse_xml_results(proc.stdout)


_NS = "{http://www.w3.org/2005/sparql-results#}"


def parse_xml_results(data: bytes) -> tuple[list[str], Rows]:
    """SPARQL XML results → (columns, rows) of plain strings."""
    root = ET.fromstring(data)
    columns = [v.get("name") for v in root.iter(_NS + "variable")]
    rows: Rows = []
    for result in root.iter(_NS + "result"):
        row: dict[str, str | None] = dict.fromkeys(columns)
        for binding in result.findall(_NS + "binding"):
            term = binding[0]
            tag = term.tag.removeprefix(_NS)
            text = term.text or ""
            if tag == "literal":
                row[binding.get("name")] = plain_value(text, term.get("datatype"))
            elif tag == "unbound":
                row[binding.get("name")] = None
            elif tag == "bnode":
                row[binding.get("name")] = f"_:{text}"
            else:
                row[binding.get("name")] = text
        rows.append(row)
    return columns, rows

