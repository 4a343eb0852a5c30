"""``aigraph push``: upload the build to any SPARQL 1.1 store by the Graph Store HTTP Protocol.

``PUT`` replaces the target graph (the default: pushing twice leaves one copy), ``POST`` adds
to it. The target is the store's Graph Store endpoint plus ``?default`` or ``?graph=IRI``:

=================  ==========================================================
Oxigraph           ``http://host:7878/store``
Apache Jena Fuseki ``http://host:3030/DATASET/data``
GraphDB            ``http://host:7200/repositories/REPO/rdf-graphs/service``
Virtuoso           ``http://host:8890/sparql-graph-crud-auth`` (Digest auth)
Amazon Neptune     ``https://cluster:8182/sparql/gsp/``
=================  ==========================================================

>>> gsp_url("http://localhost:7878/store")
'http://localhost:7878/store?default'
>>> gsp_url("http://localhost:3030/ai/data", "https://w3id.org/aigraph/graph")
'http://localhost:3030/ai/data?graph=https%3A%2F%2Fw3id.org%2Faigraph%2Fgraph'
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .remote import DEFAULT_TIMEOUT, RemoteError, http_request

CONTENT_TYPES = {".nt": "application/n-triples", ".ttl": "text/turtle"}


@dataclass(frozen=True)
class PushResult:
    url: str
    method: str
    status: int
    triples: int
    size: int  # bytes sent


def gsp_url(endpoint: str, graph: str | None = None) -> str:
    """The Graph Store Protocol URL of the default graph, or of the named graph ``graph``."""
    if graph is not None:
        parsed = urllib.parse.urlsplit(graph)
        if not parsed.scheme or any(c in graph for c in ' <>"{}|\\^`'):
            raise RemoteError(f"--graph must be an absolute IRI, not {graph!r}")
    query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def build_file(out_dir: str | Path) -> Path:
    """The N-Triples file of a build (``aigraph build`` writes it)."""
    path = Path(out_dir) / "aigraph.nt"
    if not path.is_file():
        raise RemoteError(f"{path} not found: run `aigraph build` first (or pass --out)")
    return path


def push_file(path: str | Path, endpoint: str, graph: str | None = None, *, replace: bool = True,
              user: str | None = None, password: str | None = None, token: str | None = None,
              timeout: float = DEFAULT_TIMEOUT) -> PushResult:
    """Upload an N-Triples or Turtle file to ``endpoint`` (PUT to replace, POST to add)."""
    path = Path(path)
    content_type = CONTENT_TYPES.get(path.suffix)
    if content_type is None:
        raise RemoteError(f"{path}: push sends .nt or .ttl files")
    data = path.read_bytes()
    url = gsp_url(endpoint, graph)
    method = "PUT" if replace else "POST"
    status, _body = http_request(url, method=method, data=data, user=user, password=password, token=token,
                                 timeout=timeout, headers={"Content-Type": f"{content_type}; charset=utf-8"})
    triples = data.count(b"\n") if path.suffix == ".nt" else -1
    return PushResult(url, method, status, triples, len(data))
