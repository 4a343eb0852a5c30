"""The SPARQL query library: ``queries/*.rq`` with comment headers, bound parameters.

Each query file starts with comment headers::

    # title: Who moved where
    # description: Every move from one organisation to another.
    # param: person (entity, optional) only the moves of this person
    # example: person=Barret Zoph

``param`` types: ``entity`` (any name, alias or id, in any script: resolved to its IRI),
``date`` (YYYY, YYYY-MM or YYYY-MM-DD: bound as the ``xsd:date`` of its first day),
``number`` (``xsd:integer`` or ``xsd:decimal``) and ``text`` (a plain string). Parameters are
never pasted into query text: local engines get them as bindings, and engines without a
bindings API get an escaped ``VALUES`` block (:func:`with_values`). Every parameter must be
projected by the SELECT clause (Oxigraph binds by substitution, which requires it).

>>> q = load_query("moves")
>>> [(p.name, p.type, p.optional) for p in q.params]
[('person', 'entity', True), ('to', 'entity', True)]
>>> print(values_clause({"p": URIRef("https://w3id.org/aigraph/id/org/openai"), "t": Literal('a "b"')}))
VALUES (?p ?t) { (<https://w3id.org/aigraph/id/org/openai> "a \\"b\\"") }
"""
from __future__ import annotations

from functools import lru_cache

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .dates import parse_date
from .engines import Engine, QueryError, Rows, local_engine
from .model import Dataset
from .resolve import resolve_entity
from .vocab import DEFAULT_BASE, Iris

PARAM_TYPES = ("entity", "date", "number", "text")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<type>[a-z]+)(?P<opt>\s*,\s*optional)?\)\s*(?P<desc>.*)$")
_HEADER = re.compile(r"^#\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*)$")
_IRI_BAD = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_CONTINUATION = re.compile(r"^#\s{2,}\S")
_LANG = re.compile(r"^[a-zA-Z]+(-[a-zA-Z0-9]+)*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    optional: bool = False


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    title: str
    description: str
    params: tuple[Param, ...] = ()
    examples: tuple[tuple[tuple[str, str], ...], ...] = ()  # each: ((param, value), ...)
    path: Path | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: Rows
    query: Query | None = field(default=None, compare=False)


def query_dirs() -> list[Path]:
    """Where library queries are looked up: ``$AIGRAPH_QUERIES``, the repository's
    ``queries/`` (beside ``src/``), then ``./queries``."""
    dirs = [Path(os.environ["AIGRAPH_QUERIES"])] if os.environ.get("AIGRAPH_QUERIES") else []
    dirs += [Path(__file__).resolve().parents[2] / "queries", Path.cwd() / "queries"]
    return [d for d in dict.fromkeys(d.resolve() for d in dirs) if d.is_dir()]


def library() -> dict[str, Path]:
    """Every library query name → its file (first directory wins), sorted by name."""
    found: dict[str, Path] = {}
    for d in query_dirs():
        for path in sorted(d.glob("*.rq")):
            found.setdefault(path.stem, path)
    return dict(sorted(found.items()))


def parse_query(text: str, name: str, path: Path | None = None, base: str = DEFAULT_BASE) -> Query:
    """Read the headers of a query and check its syntax and parameters."""
    where = str(path) if path else name
    headers: dict[str, str] = {}
    params: list[Param] = []
    examples = []
    last = None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        if last in ("title", "description") and _CONTINUATION.match(line):
            headers[last] += " " + line[1:].strip()  # an indented line continues the header
            continue
        m = _HEADER.match(line.strip())
        if not m:
            last = None
            continue
        key, value = m["key"], m["value"].strip()
        last = key
        if key == "param":
            p = _PARAM.match(value)
            if not p or p["type"] not in PARAM_TYPES:
                raise QueryError(f"{where}:{n}: malformed parameter header {value!r} "
                                 f"(write: # param: NAME ({'|'.join(PARAM_TYPES)}[, optional]) description)")
            params.append(Param(p["name"], p["type"], p["desc"].strip(), bool(p["opt"])))
        elif key == "example":
            examples.append(tuple(_split_param(v) for v in value.split(";") if v.strip()))
        else:
            headers[key] = (headers[key] + " " + value) if key in headers else value
    query = Query(name, text, headers.get("title", name), headers.get("description", ""),
                  tuple(params), tuple(examples), path)
    _check(query, where, base)
    return query


def _check(query: Query, where: str, base: str) -> None:
    _check_text(query.text, tuple(query.params), where, base)


@lru_cache(maxsize=512)
def _check_text(text: str, params: tuple[Param, ...], where: str, base: str) -> None:
    """The checks of :func:`_check`, once per query text (rdflib's parser takes ~20 ms, far more
    than running a library query on Oxigraph); failures are not cached, so they re-raise."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(text, initNs=Iris(base).prefixes())
    except Exception as exc:  # pyparsing and rdflib raise several types for bad SPARQL
        raise QueryError(f"{where}: SPARQL syntax error: {exc}") from None
    algebra = prepared.algebra
    if algebra.name != "SelectQuery":
        raise QueryError(f"{where}: only SELECT queries can be run")
    projected = {str(v) for v in algebra.get("PV", [])}
    for p in params:
        if p.name not in projected:
            raise QueryError(f"{where}: parameter {p.name!r} must appear in the SELECT clause as ?{p.name}")


def _split_param(text: str) -> tuple[str, str]:
    key, sep, value = text.strip().partition("=")
    if not sep or not key.strip():
        raise QueryError(f"parameters are written NAME=VALUE, not {text.strip()!r}")
    return key.strip(), value.strip()


def load_query(name_or_path: str | Path, base: str = DEFAULT_BASE) -> Query:
    """A library query by name (``moves``) or a query file by path (``my.rq``)."""
    text = str(name_or_path)
    path = Path(text)
    if text.endswith(".rq") or os.sep in text or "/" in text:
        if not path.is_file():
            raise QueryError(f"no query file at {text}")
        try:
            body = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read {text}: {exc}") from None
        return parse_query(body, path.stem, path, base)
    known = library()
    if text not in known:
        from .problems import did_you_mean

        hint = did_you_mean(text, known) or f"known queries: {', '.join(known) or 'none'}"
        raise QueryError(f"unknown query {text!r} ({hint})")
    return parse_query(known[text].read_text(encoding="utf-8"), text, known[text], base)


def parse_params(pairs) -> dict[str, str]:
    """``["org=英伟达", "on=2025-06"]`` → ``{"org": "英伟达", "on": "2025-06"}``."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, value = _split_param(pair)
        if key in out:
            raise QueryError(f"parameter {key!r} is given twice")
        out[key] = value
    return out


def bind(query: Query, params: dict[str, str], dataset: Dataset, base: str = DEFAULT_BASE) -> dict[str, Node]:
    """Check ``params`` against the query's headers and turn each value into an RDF term."""
    declared = ", ".join(p.name for p in query.params) or "none"
    for key in params:
        if query.param(key) is None:
            raise QueryError(f"query {query.name!r} has no parameter {key!r} (parameters: {declared})")
    missing = [p.name for p in query.params if not p.optional and p.name not in params]
    if missing:
        raise QueryError(f"query {query.name!r} needs " + ", ".join(
            f"--param {m}=… ({query.param(m).type}: {query.param(m).description})" for m in missing))
    return {key: _term(query.param(key), value, dataset, base) for key, value in params.items()}


def _term(param: Param, value: str, dataset: Dataset, base: str) -> Node:
    if param.type == "entity":
        entity = resolve_entity(dataset, value)
        return Iris(base).entity(entity.type, entity.id)
    if param.type == "date":
        try:
            day = parse_date(value).start
        except ValueError as exc:
            raise QueryError(f"parameter {param.name!r}: {exc}") from None
        return Literal(day.isoformat(), datatype=XSD.date)
    if param.type == "number":
        try:
            number = Decimal(value.replace(",", "").replace("_", ""))
        except InvalidOperation:
            raise QueryError(f"parameter {param.name!r}: {value!r} is not a number") from None
        if not number.is_finite():
            raise QueryError(f"parameter {param.name!r}: {value!r} is not a finite number")
        if number == number.to_integral_value() and "." not in value and "e" not in value.lower():
            return Literal(int(number))
        return Literal(number, datatype=XSD.decimal)
    return Literal(value)


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t").replace("\b", "\\b").replace("\f", "\\f"))


def sparql_term(term: Node) -> str:
    """An IRI or literal written safely for query text (escaped; bad IRIs refused)."""
    if isinstance(term, URIRef):
        if _IRI_BAD.search(str(term)):
            raise QueryError(f"cannot bind {str(term)!r}: not a valid IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{_escape(str(term))}"'
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"cannot bind a literal with language tag {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^{sparql_term(URIRef(str(term.datatype)))}"
        return text
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be parameters")


def values_clause(bindings: dict[str, Node]) -> str:
    """One-row ``VALUES`` block binding every variable (empty string when nothing is bound)."""
    if not bindings:
        return ""
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"cannot bind variable name {name!r}")
    return (f"VALUES ({' '.join('?' + n for n in names)}) "
            f"{{ ({' '.join(sparql_term(bindings[n]) for n in names)}) }}")


def _where_brace(text: str) -> int:
    """Index of the ``{`` opening the outermost group, skipping comments, strings and IRIs."""
    i, n = 0, len(text)
    iri = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
    while i < n:
        c = text[i]
        if c == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            continue
        elif c == "<" and (m := iri.match(text, i)):
            i = m.end()
            continue
        elif c == "{":
            return i
        i += 1
    raise QueryError("the query has no WHERE { … } group to bind parameters in")


def with_values(query_text: str, bindings: dict[str, Node]) -> str:
    """The query with its parameters bound by a VALUES block at the start of the WHERE group
    (for engines without a bindings API: roqet, SPARQL endpoints)."""
    block = values_clause(bindings)
    if not block:
        return query_text
    at = _where_brace(query_text) + 1
    return f"{query_text[:at]}\n  {block}\n{query_text[at:]}"


def run_query(name_or_path: str | Path, params: dict[str, str], dataset: Dataset,
              engine: str | Engine = "oxigraph", base: str = DEFAULT_BASE) -> QueryResult:
    """Load a query, bind its parameters and run it.

    >>> from aigraph.validate import load
    >>> r = run_query("investors-of", {"org": "TML"}, load("graph"))
    >>> sorted({row["investor"].rsplit("/", 1)[1] for row in r.rows if row["lead"] == "true"})
    ['andreessen-horowitz']
    """
    query = load_query(name_or_path, base)
    bindings = bind(query, params, dataset, base)
    runner = local_engine(dataset, engine, base) if isinstance(engine, str) else engine
    columns, rows = runner.select(query.text, bindings)
    return QueryResult(columns, rows, query)
