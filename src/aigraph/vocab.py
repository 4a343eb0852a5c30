"""Namespaces and the IRI scheme.

IRIs (``{base}`` defaults to ``https://w3id.org/aigraph/``, configurable everywhere):

==========================================  =========================================
``{base}ns#…``                              the aigraph vocabulary (classes, properties)
``{base}id/person/{id}``                    people
``{base}id/org/{id}``                       organisations
``{base}id/product/{id}``                   products and initiatives
``{base}id/record/{id}``                    records (one n-ary event node per fact)
``{base}id/source/{id}``                    archived articles
``{base}id/citation/{record}-{n}``          one cited line of one record (PROV entity)
``{base}id/derived/amount/{record}[-…]``    monetary amounts of a record
``{base}id/derived/leg/{record}-leg-{n}``   money/equity/goods/ip flow legs
==========================================  =========================================

>>> Iris().entity("person", "noam-shazeer")
rdflib.term.URIRef('https://w3id.org/aigraph/id/person/noam-shazeer')
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

DEFAULT_BASE = "https://w3id.org/aigraph/"
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

SEGMENTS = {"person": "person", "organization": "org", "product": "product"}


class Iris:
    """IRI minting for one base."""

    def __init__(self, base: str = DEFAULT_BASE):
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base
        self.ns = Namespace(base + "ns#")

    def entity(self, etype: str, ident: str) -> URIRef:
        return URIRef(f"{self.base}id/{SEGMENTS[etype]}/{ident}")

    def record(self, ident: str) -> URIRef:
        return URIRef(f"{self.base}id/record/{ident}")

    def source(self, ident: str) -> URIRef:
        return URIRef(f"{self.base}id/source/{ident}")

    def citation(self, record: str, n: int) -> URIRef:
        return URIRef(f"{self.base}id/citation/{record}-{n}")

    def amount(self, record: str, suffix: str = "") -> URIRef:
        return URIRef(f"{self.base}id/derived/amount/{record}{'-' + suffix if suffix else ''}")

    def leg(self, leg_id: str) -> URIRef:
        return URIRef(f"{self.base}id/derived/leg/{leg_id}")

    def prefixes(self) -> dict[str, str]:
        """Prefix map used in every serialisation (sorted, stable)."""
        return {
            "aig": str(self.ns), "citation": f"{self.base}id/citation/",
            "dcterms": str(DCTERMS), "leg": f"{self.base}id/derived/leg/",
            "amount": f"{self.base}id/derived/amount/", "org": f"{self.base}id/org/",
            "owl": str(OWL), "person": f"{self.base}id/person/", "product": f"{self.base}id/product/",
            "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS), "record": f"{self.base}id/record/",
            "schema": str(SCHEMA), "skos": str(SKOS), "source": f"{self.base}id/source/",
            "wd": str(WD), "xsd": str(XSD),
        }
