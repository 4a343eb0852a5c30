"""Dataset → RDF: one IRI-named node per record (n-ary event), PROV provenance, SKOS labels,
schema.org classes, shortcut triples, and derived money legs. No blank nodes anywhere.

The vocabulary is documented in ``docs/model.md`` (part 2).
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Iterator

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .dates import PartialDate
from .legs import leg_amount_usd, money_legs
from .model import Amount, Dataset, Entity, Record
from .names import has_cjk
from .schema import load_schema
from .talent_rdf import talent_triples
from .vocab import DEFAULT_BASE, SCHEMA, WD, Iris

Triple = tuple

ENTITY_CLASSES = {"person": SCHEMA.Person, "organization": SCHEMA.Organization, "product": SCHEMA.Product}
GROUP_CLASSES = {"talent": "TalentEvent", "capital": "CapitalEvent", "product": "ProductEvent",
                 "metric": "MetricObservation"}
QUANTITY_PROPS = {"gw": "gigawatts", "shares": "shareCount", "stake_pct": "percentage",
                  "term_years": "termYears", "gpus": "gpuCount", "users": "userCount",
                  "count": "count", "percent": "percent", "multiple": "multiple",
                  "months": "months"}
FLOW_SHORTCUTS = {"money": "paysTo", "equity": "transfersEquityTo", "goods": "suppliesGoodsTo",
                  "ip": "licensesTo"}


# Language tags are written in lower case (``zh-hans``): BCP 47 tags are case-insensitive and
# Oxigraph normalises them so, which keeps every engine's output identical.

def date_literal(d: PartialDate) -> Literal:
    """The as-reported date with its precision as an XSD type (string for quarters)."""
    if d.xsd_type is None:
        return Literal(d.text)
    return Literal(d.text, datatype=XSD[d.xsd_type])


def dec(value: Decimal) -> Literal:
    return Literal(value, datatype=XSD.decimal)


@lru_cache(maxsize=None)
def _opencc(config: str):
    """One OpenCC converter per config (building one takes ~15 ms)."""
    import opencc

    return opencc.OpenCC(config)


def label_language(text: str, default: str = "en") -> str:
    """Language tag for an alias: en for Latin script; zh-Hans / zh-Hant by OpenCC round-trip."""
    if not has_cjk(text):
        return default
    to_simple = _opencc("t2s").convert(text)
    to_trad = _opencc("s2t").convert(text)
    if to_simple != text and to_trad == text:
        return "zh-Hant"
    if to_trad != text and to_simple == text:
        return "zh-Hans"
    return "zh"


class _Builder:
    def __init__(self, dataset: Dataset, base: str):
        self.ds = dataset
        self.iri = Iris(base)
        self.ns = self.iri.ns
        self.schema = load_schema()

    def node(self, ident: str) -> URIRef:
        return self.iri.entity(self.ds.entities[ident].type, ident)

    def entity(self, e: Entity) -> Iterator[Triple]:
        s = self.iri.entity(e.type, e.id)
        yield s, RDF.type, ENTITY_CLASSES[e.type]
        yield s, DCTERMS.identifier, Literal(e.id)
        for lang, name in e.names.items():
            yield s, SKOS.prefLabel, Literal(name, lang=lang.lower())
        for alias in e.aliases:
            yield s, SKOS.altLabel, Literal(alias, lang=label_language(alias).lower())
        for wrong in e.misspellings:
            yield s, SKOS.hiddenLabel, Literal(wrong, lang=label_language(wrong).lower())
        if e.kind:
            yield s, self.ns.category, Literal(e.kind)
        if e.wikidata:
            yield s, OWL.sameAs, WD[e.wikidata]
        if e.description:
            yield s, SCHEMA.description, Literal(e.description, lang="en")

    def source(self, src) -> Iterator[Triple]:
        s = self.iri.source(src.id)
        yield s, RDF.type, self.ns.Source
        yield s, RDF.type, SCHEMA.Dataset if src.kind == "dataset" else SCHEMA.NewsArticle
        yield s, DCTERMS.identifier, Literal(src.id)
        yield s, DCTERMS.title, Literal(src.title, lang=src.language.lower())
        yield s, DCTERMS.publisher, Literal(src.publisher)
        yield s, DCTERMS.language, Literal(src.language)
        yield s, self.ns.archiveFile, Literal(src.archive)
        if src.published:
            yield s, DCTERMS.issued, date_literal(src.published)
        if src.url:
            yield s, SCHEMA.url, Literal(src.url, datatype=XSD.anyURI)

    def amount(self, rec: Record, amount: Amount, prop, suffix: str = "") -> Iterator[Triple]:
        a = self.iri.amount(rec.id, suffix)
        yield self.iri.record(rec.id), prop, a
        yield a, RDF.type, SCHEMA.MonetaryAmount
        yield a, SCHEMA.currency, Literal(amount.currency)
        for key, p in (("value", SCHEMA.value), ("min", SCHEMA.minValue), ("max", SCHEMA.maxValue)):
            if getattr(amount, key) is not None:
                yield a, p, dec(getattr(amount, key))
        if amount.approximate:
            yield a, self.ns.approximate, Literal(True)
        if amount.usd_value is not None:
            yield a, self.ns.usdValue, dec(amount.usd_value)
        if amount.as_reported:
            yield a, self.ns.asReported, Literal(amount.as_reported)

    def record(self, rec: Record) -> Iterator[Triple]:
        kind = self.schema.kinds[rec.kind]
        s = self.iri.record(rec.id)
        yield s, RDF.type, self.ns[kind.rdf_class]
        yield s, RDF.type, self.ns[GROUP_CLASSES[kind.group]]
        yield s, DCTERMS.identifier, Literal(rec.id)
        yield s, self.ns.kind, Literal(rec.kind)
        for role, ids in rec.participants.items():
            for ident in ids:
                yield s, self.ns[kind.roles[role].rdf], self.node(ident)
        yield s, self.ns.date, date_literal(rec.date)
        yield s, self.ns.dateMin, Literal(rec.date.start.isoformat(), datatype=XSD.date)
        yield s, self.ns.dateMax, Literal(rec.date.end.isoformat(), datatype=XSD.date)
        yield s, self.ns.datePrecision, Literal(rec.date.precision)
        if rec.date_basis:
            yield s, self.ns.dateBasis, Literal(rec.date_basis, lang="en")
        yield s, self.ns.certainty, self.ns[rec.certainty]
        yield s, self.ns.status, self.ns[rec.status]
        if rec.inferred:
            yield s, self.ns.inferred, Literal(True)
        if rec.summary:
            yield s, SCHEMA.description, Literal(rec.summary, lang="en")
        for text_field in ("role", "reason"):
            if getattr(rec, text_field):
                yield s, self.ns[text_field], Literal(getattr(rec, text_field), lang="en")
        # the goods field is aig:goodsType: aig:goods names the flow kind
        for plain, prop in (("round", "round"), ("goods", "goodsType"), ("purpose", "purpose")):
            if getattr(rec, plain):
                yield s, self.ns[prop], Literal(getattr(rec, plain))
        for ident in rec.lead:
            yield s, self.ns.leadInvestor, self.node(ident)
        for ident in rec.claimed_by:
            yield s, self.ns.claimedBy, self.node(ident)
        for other in rec.related:
            yield s, self.ns.relatedRecord, self.iri.record(other)
        if rec.amount:
            yield from self.amount(rec, rec.amount, self.ns.amount)
            if rec.amount.usd_value is not None:
                yield s, self.ns.amountUSD, dec(rec.amount.usd_value)
        for which, amount in rec.valuation.items():
            yield from self.amount(rec, amount, self.ns[f"{which}MoneyValuation"], which)
        if rec.exercise_price:
            yield from self.amount(rec, rec.exercise_price, self.ns.exercisePrice, "exercise-price")
        for key, q in rec.quantities.items():
            value = q.point
            yield s, self.ns[QUANTITY_PROPS[key]], (Literal(int(value)) if key in ("shares", "gpus", "users", "count")
                                                    and value == value.to_integral_value() else dec(value))
            if q.value is None:
                yield s, self.ns[QUANTITY_PROPS[key] + "Bound"], Literal("max" if q.max is not None else "min")
            if q.approximate:
                yield s, self.ns[QUANTITY_PROPS[key] + "Approximate"], Literal(True)
        if rec.metric:
            yield s, self.ns.metric, self.ns[rec.metric]
        if rec.period:
            yield s, self.ns.period, date_literal(rec.period)
            yield s, self.ns.periodStart, Literal(rec.period.start.isoformat(), datatype=XSD.date)
            yield s, self.ns.periodEnd, Literal(rec.period.end.isoformat(), datatype=XSD.date)
        for n, cit in enumerate(rec.sources, 1):
            c = self.iri.citation(rec.id, n)
            yield s, PROV.wasDerivedFrom, c
            yield c, RDF.type, self.ns.Citation
            yield c, RDF.type, PROV.Entity
            yield c, PROV.wasQuotedFrom, self.iri.source(cit.source)
            yield c, self.ns.line, Literal(cit.line)
            for ctx in cit.context:
                yield c, self.ns.contextLine, Literal(ctx)
            if cit.note:
                yield c, RDFS.comment, Literal(cit.note, lang="en")
        # plain shortcut triples for simple queries (person aig:joined org, a aig:investedIn b)
        if kind.shortcut:
            for src_role, dst_role in kind.edges:
                for a in rec.participants.get(src_role, ()):
                    for b in rec.participants.get(dst_role, ()):
                        if a != b:
                            yield self.node(a), self.ns[kind.shortcut], self.node(b)

    def legs(self) -> Iterator[Triple]:
        for leg in money_legs(self.ds):
            rec = self.ds.records[leg.record]
            node = self.iri.leg(leg.id)
            yield node, RDF.type, self.ns.Flow
            yield node, self.ns.ofEvent, self.iri.record(leg.record)
            yield node, self.ns.flowFrom, self.node(leg.source)
            yield node, self.ns.flowTo, self.node(leg.target)
            yield node, self.ns.flowKind, self.ns[leg.flow]
            yield node, self.ns.flowClass, self.ns[leg.cls]
            usd = leg_amount_usd(rec, leg)
            if usd is not None:
                yield node, self.ns.amountUSD, dec(usd)
            # direct org→org shortcut: loops and "who pays whom" without the n-ary hop
            yield self.node(leg.source), self.ns[FLOW_SHORTCUTS[leg.flow]], self.node(leg.target)

    def all(self) -> Iterator[Triple]:
        for src in self.ds.sources.values():
            yield from self.source(src)
        for ent in self.ds.entities.values():
            yield from self.entity(ent)
        for rec in self.ds.records.values():
            yield from self.record(rec)
        yield from self.legs()
        # derived talent model: aig:Stint and aig:Move nodes (see aigraph.talent_rdf)
        yield from talent_triples(self.ds, self.iri)


def rdf_triples(dataset: Dataset, base: str = DEFAULT_BASE) -> list[Triple]:
    """Every triple of the dataset, de-duplicated and sorted (the canonical order)."""
    return sorted(set(_Builder(dataset, base).all()), key=_sort_key)


def _sort_key(t: Triple):
    return tuple(term.n3() for term in t)


def to_rdf(dataset: Dataset, base: str = DEFAULT_BASE, engine: str = "oxigraph") -> rdflib.Graph:
    """The dataset as an rdflib Graph on the Oxigraph store (``engine="rdflib"``: Memory store).

    >>> from aigraph.validate import load
    >>> g = to_rdf(load("graph"))
    >>> len(g) > 1000
    True
    """
    if engine == "oxigraph":
        # triples go to Oxigraph's default graph: a query over rdflib's usual named graph is
        # planned far slower (the moves query at 100k triples: 0.05 s here, 10 s there)
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        graph = rdflib.Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
    else:
        graph = rdflib.Graph(store="Memory")
    for prefix, ns in Iris(base).prefixes().items():
        graph.bind(prefix, ns, override=True)
    graph.addN((s, p, o, graph) for s, p, o in rdf_triples(dataset, base))
    return graph
