"""Dataset → schema.org JSON-LD, for publishing on the web (search engines, link previews).

A self-contained document (inline ``@context`` with ``@vocab`` schema.org, so no network is
needed to read it) whose ``@graph`` holds:

* every person (``Person``), organisation (``Corporation``, ``ResearchOrganization``,
  ``GovernmentOrganization``, ``NGO``, ``NewsMediaOrganization``…) and product (``Product``),
  with multilingual ``name``, ``alternateName``, ``description``, ``sameAs`` (Wikidata);
* organisations' ``founder`` (co-founding records) and ``funder`` (investment records);
  products' ``manufacturer`` (product launches by organisations);
* one ``EmployeeRole`` per talent record (the schema.org role pattern:
  person ``worksFor`` role, role ``worksFor`` organisation, with ``roleName`` and
  ``startDate`` — or ``endDate`` for departures and firings);
* every source as a ``NewsArticle`` (``Dataset`` for imported data files) that ``mentions``
  the entities of the records citing it.

Every node has an IRI (``{base}id/…``; roles ``{base}id/derived/role/{record}-{person}``), so
there are no blank nodes. Disputed and cancelled records add no roles and no ``founder``,
``funder`` or ``manufacturer`` links (they still count for ``mentions``).

>>> from aigraph.validate import load
>>> doc = schema_org_document(load("tests/fixtures/mini/graph"))
>>> sorted({n["@type"] for n in doc["@graph"]})
['Corporation', 'EmployeeRole', 'NewsArticle', 'Person', 'ResearchOrganization']
"""
from __future__ import annotations

import json

from .model import Dataset, Entity, Record
from .vocab import DEFAULT_BASE, WD, Iris

ORG_TYPES = {"government": "GovernmentOrganization", "university": "CollegeOrUniversity",
             "nonprofit": "NGO", "media": "NewsMediaOrganization", "lab": "ResearchOrganization",
             "research-firm": "Organization", "unknown": "Organization"}
STARTS = ("hired", "returned", "appointed", "poached", "cofounded")
ENDS = ("departed", "fired")


def _ref(iri) -> dict:
    return {"@id": str(iri)}


class _Builder:
    def __init__(self, dataset: Dataset, base: str):
        self.ds = dataset
        self.iri = Iris(base)
        self.nodes: dict[str, dict] = {}

    def node_id(self, ident: str) -> str:
        return str(self.iri.entity(self.ds.entities[ident].type, ident))

    def put(self, node_id: str, prop: str, value) -> None:
        """Add a value to a multi-valued property (kept unique; sorted at the end)."""
        values = self.nodes[node_id].setdefault(prop, [])
        if value not in values:
            values.append(value)

    def entity(self, e: Entity) -> None:
        if e.type == "person":
            kind = "Person"
        elif e.type == "product":
            kind = "Product"
        else:
            kind = ORG_TYPES.get(e.kind or "", "Corporation")
        node = {"@id": self.node_id(e.id), "@type": kind, "identifier": e.id,
                "name": [{"@value": n, "@language": lang} for lang, n in sorted(e.names.items())]}
        if e.aliases:
            node["alternateName"] = sorted(set(e.aliases))
        if e.description:
            node["description"] = {"@value": e.description, "@language": "en"}
        if e.wikidata:
            node["sameAs"] = _ref(WD[e.wikidata])
        self.nodes[node["@id"]] = node

    def source(self, src) -> None:
        node = {"@id": str(self.iri.source(src.id)),
                "@type": "Dataset" if getattr(src, "kind", "article") == "dataset" else "NewsArticle",
                "identifier": src.id, "headline": {"@value": src.title, "@language": src.language},
                "inLanguage": src.language, "publisher": src.publisher}
        if src.published:
            node["datePublished"] = src.published.text
        if src.url:
            node["url"] = src.url
        self.nodes[node["@id"]] = node

    def role(self, rec: Record) -> None:
        people = rec.participants.get("person", ()) + rec.participants.get("founder", ())
        for person in people:
            if self.ds.entities[person].type != "person":
                continue
            for org in rec.participants.get("organization", ()):
                role_id = f"{self.iri.base}id/derived/role/{rec.id}-{person}"
                node = {"@id": role_id, "@type": "EmployeeRole", "identifier": rec.id,
                        "worksFor": _ref(self.node_id(org)),
                        ("endDate" if rec.kind in ENDS else "startDate"): rec.date.text}
                role_name = rec.role or ("co-founder" if rec.kind == "cofounded" else None)
                if role_name:
                    node["roleName"] = role_name
                if rec.summary:
                    node["description"] = {"@value": rec.summary, "@language": "en"}
                self.nodes[role_id] = node
                self.put(self.node_id(person), "worksFor", _ref(role_id))

    def record(self, rec: Record) -> None:
        for cit in rec.sources:
            if cit.source in self.ds.sources:
                for ident in rec.entity_ids():
                    self.put(str(self.iri.source(cit.source)), "mentions", _ref(self.node_id(ident)))
        if rec.certainty == "disputed" or rec.status == "cancelled":
            return
        if rec.kind in STARTS + ENDS:
            self.role(rec)
        links = {"cofounded": ("organization", "founder", "founder"),
                 "invested": ("investee", "investor", "funder"),
                 "product_launch": ("product", "developer", "manufacturer")}
        if rec.kind in links:
            target_role, source_role, prop = links[rec.kind]
            for target in rec.participants.get(target_role, ()):
                for other in rec.participants.get(source_role, ()):
                    if prop == "manufacturer" and self.ds.entities[other].type != "organization":
                        continue
                    self.put(self.node_id(target), prop, _ref(self.node_id(other)))


def schema_org_document(dataset: Dataset, base: str = DEFAULT_BASE) -> dict:
    """The JSON-LD document (a dict): ``@context`` and the ``@graph`` sorted by ``@id``."""
    b = _Builder(dataset, base)
    for src in dataset.sources.values():
        b.source(src)
    for e in dataset.entities.values():
        b.entity(e)
    for rec in dataset.records.values():
        b.record(rec)
    key = lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)  # noqa: E731
    for node in b.nodes.values():
        for prop, value in node.items():
            if isinstance(value, list):
                node[prop] = sorted(value, key=key)
    return {"@context": {"@vocab": "https://schema.org/"}, "@graph": [b.nodes[k] for k in sorted(b.nodes)]}


def schema_org_bytes(dataset: Dataset, base: str = DEFAULT_BASE) -> bytes:
    """The document as UTF-8 JSON (sorted keys, one-space indent): byte-stable."""
    doc = schema_org_document(dataset, base)
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
