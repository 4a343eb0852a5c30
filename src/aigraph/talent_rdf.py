"""The derived talent model in RDF: one ``aig:Stint`` node per stint and one ``aig:Move`` node
per move (see :mod:`aigraph.talent`), so SPARQL answers who-moved-where with plain patterns
and gives the same rows as the Python model.

IRIs (derived from record ids, so they stay stable while the records do):

* ``{base}id/derived/stint/{person}/{first-record}``
* ``{base}id/derived/move/{person}/{joining-record}``

The properties have their own names (``aig:stintPerson``, ``aig:movedTo``…) so that patterns
written for records (``?r aig:person ?p``) never match derived nodes. Terms are listed in
``docs/model.md`` (part 2) and ``docs/queries.md``.

>>> from aigraph.validate import load
>>> from aigraph.vocab import Iris
>>> triples = talent_triples(load("graph"), Iris())
>>> from rdflib import RDF
>>> ns = Iris().ns
>>> sum(1 for s, p, o in triples if p == RDF.type and o == ns.Move) > 10
True
"""
from __future__ import annotations

from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from .dates import PartialDate
from .model import Dataset
from .talent import Move, Stint, moves, stints
from .vocab import Iris


def stint_iri(iris: Iris, stint: Stint) -> URIRef:
    return URIRef(f"{iris.base}id/derived/stint/{stint.id}")


def move_iri(iris: Iris, move: Move) -> URIRef:
    return URIRef(f"{iris.base}id/derived/move/{move.id}")


def _date(d: PartialDate) -> Literal:
    return Literal(d.text, datatype=XSD[d.xsd_type]) if d.xsd_type else Literal(d.text)


def _day(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _stint_triples(iris: Iris, st: Stint) -> Iterator[tuple]:
    ns = iris.ns
    s = stint_iri(iris, st)
    yield s, RDF.type, ns.Stint
    yield s, ns.stintPerson, iris.entity("person", st.person)
    yield s, ns.stintOrganization, iris.entity("organization", st.organization)
    if st.role:
        yield s, ns.stintRole, Literal(st.role, lang="en")
    if st.start is not None:
        yield s, ns.startDate, _date(st.start)
        yield s, ns.startMin, _day(st.start.start)
        yield s, ns.startMax, _day(st.start.end)
        yield s, ns.startRecord, iris.record(st.start_record)
        for rec in st.opening:
            yield s, ns.openedBy, iris.record(rec)
    if st.end is not None:
        yield s, ns.endDate, _date(st.end)
        yield s, ns.endMin, _day(st.end.start)
        yield s, ns.endMax, _day(st.end.end)
        yield s, ns.endRecord, iris.record(st.end_record)
        if st.end_implied:
            yield s, ns.endImplied, Literal(True)
    for rec in st.records:
        yield s, PROV.wasDerivedFrom, iris.record(rec)


def _move_triples(iris: Iris, m: Move, stint: Stint) -> Iterator[tuple]:
    ns = iris.ns
    s = move_iri(iris, m)
    yield s, RDF.type, ns.Move
    yield s, ns.movePerson, iris.entity("person", m.person)
    if m.from_org:
        yield s, ns.movedFrom, iris.entity("organization", m.from_org)
    yield s, ns.movedTo, iris.entity("organization", m.to_org)
    yield s, ns.moveDate, _date(m.date)
    yield s, ns.moveDateMin, _day(m.date.start)
    yield s, ns.moveDateMax, _day(m.date.end)
    yield s, ns.moveKind, Literal(m.kind)
    yield s, ns.moveBasis, Literal(m.how)
    if m.role:
        yield s, ns.moveRole, Literal(m.role, lang="en")
    yield s, ns.moveRecord, iris.record(m.record)
    yield s, ns.citedLines, Literal(m.sources)
    yield s, ns.opensStint, stint_iri(iris, stint)
    for rec in m.records:
        yield s, PROV.wasDerivedFrom, iris.record(rec)


def talent_triples(dataset: Dataset, iris: Iris) -> list[tuple]:
    """Every derived stint and move triple of ``dataset`` (unsorted)."""
    all_stints = stints(dataset)
    opened = {(s.person, r): s for s in all_stints for r in s.opening}
    out: list[tuple] = []
    for st in all_stints:
        out.extend(_stint_triples(iris, st))
    for m in moves(dataset, all_stints):
        out.extend(_move_triples(iris, m, opened[(m.person, m.record)]))
    return out
