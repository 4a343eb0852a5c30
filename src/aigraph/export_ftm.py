"""Dataset → FollowTheMoney (FtM) entities, as sorted JSON lines for Aleph / OpenSanctions tools.

Each line is ``{"id": …, "schema": …, "properties": {name: [values…]}}`` with values as FtM
expects them (strings; dates as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). Ids are stable:
``aigraph-person-{id}``, ``aigraph-org-{id}``, ``aigraph-product-{id}``, ``aigraph-source-{id}``,
and ``aigraph-{record}-{what}[-{participant}…]`` for the entities a record becomes.

==========================  ===================================================================
aigraph                     FtM
==========================  ===================================================================
person                      Person
organisation                Company (PublicBody for governments; Organization for nonprofits,
                            universities)
product                     Project (initiatives) or Asset
source                      Article (Document for imported data files); every record entity
                            cites its sources as ``proof``
hired/returned/appointed/   Employment, or Directorship when the role is an officer's or
poached/departed/fired      director's (CEO, Chief …, President, board); departures and firings
                            set ``endDate``
cofounded                   Membership (role "co-founder")
reports_to                  Associate (relationship "reports to")
invested                    Ownership per investor + one Payment (all investors → investee)
owns_stake, warrant,        Ownership
equity_grant, acquisition
supplies, compute_contract  Contract (authority = customers) + ContractAward per supplier
pays, licensing_deal        Payment
loan                        Debt
joint_venture               Ownership / ProjectParticipant per partner + Payment
partnership, support_sought UnknownLink
product_launch              ProjectParticipant (Project) or UnknownLink (Asset)
metric                      not exported (FtM has no schema for a reported figure)
==========================  ===================================================================

>>> from aigraph.validate import load
>>> for e in ftm_lines(load("tests/fixtures/mini/graph"))[:3]:
...     print(e["schema"], e["id"])
Employment aigraph-departed-ada-acme-employment-ada-lovelace
Directorship aigraph-hired-ada-openai-directorship-ada-lovelace
Ownership aigraph-invested-nvidia-openai-ownership-nvidia
"""
from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from itertools import combinations

from .model import Amount, Dataset, Entity, Record
from .vocab import SEGMENTS

ORG_SCHEMA = {"government": "PublicBody", "nonprofit": "Organization", "university": "Organization"}
ASSETS = ("Company", "Asset", "Project")  # FtM schemata that are Assets (can be owned)
OFFICER = re.compile(r"\b(C[A-Z]{1,2}O|chief|president|chair\w*|board|director)\b", re.IGNORECASE)
EMPLOYMENT_KINDS = ("hired", "returned", "appointed", "poached", "departed", "fired")
OWNERSHIP_TYPE = {"owns_stake": "shareholding", "warrant": "warrant", "equity_grant": "equity grant",
                  "acquisition": "acquisition", "invested": "investment", "joint_venture": "joint venture"}
INTERESTS = ("Employment", "Directorship", "Membership", "Ownership", "ContractAward", "UnknownLink",
             "ProjectParticipant")  # FtM schemata with a ``status`` property
LANGUAGES = {"en": "eng", "zh": "zho"}  # FtM languages are ISO 639-3
_ID_CHARS = re.compile(r"[^0-9A-Za-z.-]+")
MAX_ID = 200  # followthemoney's entity id limit


def ftm_id(*parts: str) -> str:
    """A valid FtM entity id from readable parts (hashed only when too long).

    >>> ftm_id("aigraph", "source", "001_2532603675fd852f")
    'aigraph-source-001-2532603675fd852f'
    """
    text = "-".join(_ID_CHARS.sub("-", p).strip("-.") for p in parts)
    if len(text) <= MAX_ID:
        return text
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return text[:MAX_ID - 17].rstrip("-.") + "-" + digest


def number(value: Decimal) -> str:
    """A plain decimal string (no exponent, no trailing zeros)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class _Mapper:
    def __init__(self, dataset: Dataset):
        self.ds = dataset
        self.entities: dict[str, dict] = {}

    # ---- helpers ------------------------------------------------------------------------
    def add(self, ident: str, schema: str, **props) -> None:
        properties = {}
        for key, values in props.items():
            if not isinstance(values, (list, tuple)):
                values = [values]
            clean = sorted({str(v) for v in values if v is not None and str(v) != ""})
            if clean:
                properties[key] = clean
        self.entities[ident] = {"id": ident, "schema": schema, "properties": properties}

    def schema_of(self, entity: Entity) -> str:
        if entity.type == "person":
            return "Person"
        if entity.type == "product":
            return "Project" if entity.kind == "initiative" else "Asset"
        return ORG_SCHEMA.get(entity.kind or "", "Company")

    def eid(self, ident: str) -> str:
        return ftm_id("aigraph", SEGMENTS[self.ds.entities[ident].type], ident)

    def legal(self, ident: str) -> bool:
        """Whether the entity can be a party (FtM LegalEntity): people and organisations."""
        return self.ds.entities[ident].type != "product"

    def provenance(self, rec: Record) -> dict:
        sources = [self.ds.sources[c.source] for c in rec.sources if c.source in self.ds.sources]
        return {"recordId": rec.id, "summary": rec.summary,
                "description": f"aigraph {rec.kind} record; certainty: {rec.certainty}",
                "proof": [ftm_id("aigraph", "source", s.id) for s in sources],
                "publisher": [s.publisher for s in sources], "sourceUrl": [s.url for s in sources]}

    def money(self, amount: Amount | None) -> dict:
        if amount is None or amount.point is None:
            return {}
        usd = amount.usd_value
        return {"amount": number(amount.point), "currency": amount.currency,
                "amountUsd": number(usd) if usd is not None else None}

    def roles(self, rec: Record, role: str) -> tuple[str, ...]:
        return rec.participants.get(role, ())

    # ---- entities -----------------------------------------------------------------------
    def entity(self, e: Entity) -> None:
        others = [n for lang, n in e.names.items() if lang != "en"] + list(e.aliases)
        self.add(self.eid(e.id), self.schema_of(e), name=e.name, alias=[n for n in others if n != e.name],
                 weakAlias=list(e.misspellings), wikidataId=e.wikidata, description=e.description)

    def source(self, src) -> None:
        schema = "Document" if getattr(src, "kind", "article") == "dataset" else "Article"
        self.add(ftm_id("aigraph", "source", src.id), schema, name=src.title, title=src.title,
                 publisher=src.publisher, publishedAt=src.published.text if src.published else None,
                 language=LANGUAGES.get(src.language.split("-")[0].lower()),
                 sourceUrl=src.url, fileName=src.archive)

    # ---- records ------------------------------------------------------------------------
    def record(self, rec: Record) -> None:
        handler = getattr(self, f"rec_{rec.kind}", None)
        if handler is not None:
            handler(rec, self.provenance(rec))

    def link(self, ident: str, schema: str, rec: Record, prov: dict, **props) -> None:
        """A relationship entity of a record: its properties plus the record's provenance."""
        status = {"status": rec.status} if schema in INTERESTS else {}
        self.add(ident, schema, **props, **prov, **status)

    def _employment(self, rec: Record, prov: dict) -> None:
        ended = rec.kind in ("departed", "fired")
        schema = "Directorship" if rec.role and OFFICER.search(rec.role) else "Employment"
        person_key = "director" if schema == "Directorship" else "employee"
        org_key = "organization" if schema == "Directorship" else "employer"
        dates = {"endDate": rec.date.text} if ended else {"startDate": rec.date.text}
        for person in self.roles(rec, "person"):
            for org in self.roles(rec, "organization"):
                self.link(ftm_id("aigraph", rec.id, schema.lower(), person), schema, rec, prov,
                          **{person_key: self.eid(person), org_key: self.eid(org)}, role=rec.role, **dates)

    rec_hired = rec_returned = rec_appointed = rec_poached = rec_departed = rec_fired = _employment

    def rec_cofounded(self, rec: Record, prov: dict) -> None:
        for founder in self.roles(rec, "founder"):
            for org in self.roles(rec, "organization"):
                self.link(ftm_id("aigraph", rec.id, "membership", founder), "Membership", rec, prov,
                          member=self.eid(founder), organization=self.eid(org),
                          role=rec.role or "co-founder", startDate=rec.date.text)

    def rec_reports_to(self, rec: Record, prov: dict) -> None:
        for person in self.roles(rec, "person"):
            for manager in self.roles(rec, "manager"):
                self.link(ftm_id("aigraph", rec.id, "associate", person), "Associate", rec, prov,
                          person=self.eid(person), associate=self.eid(manager), relationship="reports to",
                          date=rec.date.text)

    def _ownership(self, rec: Record, prov: dict, owners: str, assets: str, **extra) -> None:
        for owner in self.roles(rec, owners):
            for asset in self.roles(rec, assets):
                if owner == asset:
                    continue
                if self.legal(owner) and self.schema_of(self.ds.entities[asset]) in ASSETS:
                    self.link(ftm_id("aigraph", rec.id, "ownership", owner), "Ownership", rec, prov,
                              owner=self.eid(owner), asset=self.eid(asset),
                              ownershipType=OWNERSHIP_TYPE[rec.kind], startDate=rec.date.text, **extra)

    def _shares(self, rec: Record) -> dict:
        q = rec.quantities
        return {"percentage": number(q["stake_pct"].point) if "stake_pct" in q else None,
                "sharesCount": number(q["shares"].point) if "shares" in q else None}

    def _payment(self, rec: Record, prov: dict, payers: str, payees: str, purpose=None) -> None:
        payer_ids = [self.eid(p) for p in self.roles(rec, payers) if self.legal(p)]
        payee_ids = [self.eid(p) for p in self.roles(rec, payees) if self.legal(p)]
        if payer_ids and payee_ids:
            self.link(ftm_id("aigraph", rec.id, "payment"), "Payment", rec, prov, payer=payer_ids,
                      beneficiary=payee_ids, purpose=purpose, date=rec.date.text, **self.money(rec.amount))

    def rec_invested(self, rec: Record, prov: dict) -> None:
        self._ownership(rec, prov, "investor", "investee")
        self._payment(rec, prov, "investor", "investee", f"{rec.round} round" if rec.round else "investment")

    def rec_owns_stake(self, rec: Record, prov: dict) -> None:
        self._ownership(rec, prov, "owner", "asset", sharesValue=number(rec.amount.point)
                        if rec.amount and rec.amount.point is not None else None,
                        sharesCurrency=rec.amount.currency if rec.amount else None, **self._shares(rec))

    def rec_warrant(self, rec: Record, prov: dict) -> None:
        self._ownership(rec, prov, "holder", "issuer", **self._shares(rec))

    rec_equity_grant = rec_warrant

    def rec_acquisition(self, rec: Record, prov: dict) -> None:
        self._ownership(rec, prov, "acquirer", "target")

    def rec_joint_venture(self, rec: Record, prov: dict) -> None:
        ventures = self.roles(rec, "venture")
        projects = [v for v in ventures if self.schema_of(self.ds.entities[v]) == "Project"]
        self._ownership(rec, prov, "partner", "venture")
        for partner in self.roles(rec, "partner"):
            for venture in projects:
                self.link(ftm_id("aigraph", rec.id, "participant", partner), "ProjectParticipant", rec, prov,
                          participant=self.eid(partner), project=self.eid(venture),
                          role="joint venture partner", startDate=rec.date.text)
        self._payment(rec, prov, "partner", "venture", "joint venture")
        if not ventures:
            self._links(rec, prov, "partner", None, "joint venture partners")

    def _contract(self, rec: Record, prov: dict) -> None:
        contract = ftm_id("aigraph", rec.id, "contract")
        self.add(contract, "Contract", title=rec.summary or f"{rec.goods or 'supply'} contract",
                 authority=[self.eid(c) for c in self.roles(rec, "customer")], contractDate=rec.date.text,
                 type=rec.goods, **self.money(rec.amount),
                 status=rec.status, **{k: v for k, v in prov.items() if k != "recordId"})
        for supplier in self.roles(rec, "supplier"):
            self.link(ftm_id("aigraph", rec.id, "award", supplier), "ContractAward", rec, prov,
                      contract=contract, supplier=self.eid(supplier), date=rec.date.text)

    rec_supplies = rec_compute_contract = _contract

    def rec_pays(self, rec: Record, prov: dict) -> None:
        self._payment(rec, prov, "payer", "payee", rec.purpose)

    def rec_licensing_deal(self, rec: Record, prov: dict) -> None:
        self._payment(rec, prov, "licensee", "licensor", "licence")

    def rec_loan(self, rec: Record, prov: dict) -> None:
        for borrower in self.roles(rec, "borrower"):
            self.link(ftm_id("aigraph", rec.id, "debt", borrower), "Debt", rec, prov,
                      debtor=self.eid(borrower), creditor=[self.eid(x) for x in self.roles(rec, "lender")],
                      date=rec.date.text, **self.money(rec.amount))

    def _links(self, rec: Record, prov: dict, subjects: str, objects: str | None, role: str) -> None:
        if objects is None:  # every pair of one role, e.g. partners
            pairs = combinations(sorted(self.roles(rec, subjects)), 2)
        else:
            pairs = ((a, b) for a in self.roles(rec, subjects) for b in self.roles(rec, objects))
        for a, b in pairs:
            if a != b:
                self.link(ftm_id("aigraph", rec.id, "link", a, b), "UnknownLink", rec, prov,
                          subject=self.eid(a), object=self.eid(b), role=role, date=rec.date.text)

    def rec_partnership(self, rec: Record, prov: dict) -> None:
        self._links(rec, prov, "partner", None, "partnership")

    def rec_support_sought(self, rec: Record, prov: dict) -> None:
        self._links(rec, prov, "requester", "provider", "seeks support from")

    def rec_product_launch(self, rec: Record, prov: dict) -> None:
        for dev in self.roles(rec, "developer"):
            for product in self.roles(rec, "product"):
                if self.schema_of(self.ds.entities[product]) == "Project" and self.legal(dev):
                    self.link(ftm_id("aigraph", rec.id, "participant", dev), "ProjectParticipant", rec, prov,
                              participant=self.eid(dev), project=self.eid(product), role="developer",
                              startDate=rec.date.text)
                else:
                    self.link(ftm_id("aigraph", rec.id, "link", dev, product), "UnknownLink", rec, prov,
                              subject=self.eid(dev), object=self.eid(product), role="develops",
                              date=rec.date.text)


def ftm_lines(dataset: Dataset) -> list[dict]:
    """Every FtM entity of the dataset, sorted by id."""
    m = _Mapper(dataset)
    for src in dataset.sources.values():
        m.source(src)
    for e in dataset.entities.values():
        m.entity(e)
    for rec in dataset.records.values():
        m.record(rec)
    return [m.entities[k] for k in sorted(m.entities)]


def ftm_bytes(dataset: Dataset) -> bytes:
    """FtM JSON lines (one entity per line, sorted by id, keys sorted): byte-stable."""
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
                   for e in ftm_lines(dataset)).encode("utf-8")
