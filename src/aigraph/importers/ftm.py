"""FollowTheMoney entities (JSON lines) → records.

Relationship schemata become records: ``Payment`` → ``pays`` (``amountEur`` as EUR,
``amount`` + ``currency``, ``amountUsd`` as the USD conversion), ``Ownership`` →
``owns_stake`` (``percentage`` as ``stake_pct``), ``Employment`` → ``hired`` (and
``departed`` when it has an end date), ``Directorship`` → ``appointed`` (and ``departed``).
Party entities (``Person``, ``Company``, ``Organization``, ``PublicBody``, ``LegalEntity``)
become people and organisations when a kept record names them; a leading honorific
(``Frau Dr.``) is dropped from the name and kept as an alias. Every other line (an
``Address``, an entity no kept record names, a relationship without a date) is a reject.

>>> from aigraph.importers.common import EntityIndex
>>> lines = [(1, {"id": "p", "schema": "Person", "properties": {"name": ["Frau Dr. Ada Lovelace"]}}),
...          (2, {"id": "o", "schema": "Organization", "properties": {"name": ["FDP "]}}),
...          (3, {"id": "a", "schema": "Address", "properties": {"full": ["Somewhere 1"]}}),
...          (4, {"id": "x", "schema": "Payment", "properties": {"payer": ["p"], "beneficiary": ["o"],
...               "amountEur": ["100000"], "date": ["2011-12-29"]}})]
>>> conv = convert(lines, "ftm-donations", EntityIndex([]))
>>> r = conv.records[0]
>>> r["kind"], r["participants"], r["amount"], r["date"]
('pays', {'payer': 'ada-lovelace', 'payee': 'fdp'}, {'value': Decimal('100000'), 'currency': 'EUR'}, '2011-12-29')
>>> conv.rejects
[(3, 'FtM Address: aigraph does not model addresses')]
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Iterable

from ..records import currencies
from .common import Conversion, EntityIndex, Reject, check_row, citation, clean, messy_date

PARTIES = {"Person": ("person", None), "Company": ("organization", "company"),
           "Organization": ("organization", "unknown"), "PublicBody": ("organization", "government"),
           "LegalEntity": ("organization", "unknown")}
_HONORIFIC = re.compile(r"^(?:(?:Frau|Herrn?|Dr\.?|Prof\.?|Dipl\.-\w+\.?|Mr\.?|Mrs\.?|Ms\.?)\s+)+",
                        re.IGNORECASE)


def _first(props: dict, *names: str) -> str:
    for name in names:
        values = props.get(name) or []
        if values:
            return clean(values[0])
    return ""


def _decimal(text: str, what: str) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise Reject(f"{what} {text!r} is not a number") from None
    if not value.is_finite() or value < 0:
        raise Reject(f"{what} {text!r} is not a non-negative number")
    return value


class _Converter:
    def __init__(self, lines: list[tuple[int, dict]], source_id: str, index: EntityIndex):
        self.source_id, self.index = source_id, index
        self.parties = {obj.get("id"): (line, obj) for line, obj in lines
                        if obj.get("schema") in PARTIES and obj.get("id")}
        self.used: set[int] = set()

    def lookup(self, ref: str, role: str) -> tuple:
        """The party a relationship names, checked but not yet matched (raises Reject)."""
        if ref not in self.parties:
            raise Reject(f"{role} {ref!r} is not an entity of this file")
        line, obj = self.parties[ref]
        raw = _first(obj.get("properties") or {}, "name")
        if not raw:
            raise Reject(f"{role} on line {line} has no name")
        return (line, raw, obj["schema"])

    def resolve(self, *parties: tuple) -> list[str]:
        out = []
        for line, raw, schema in parties:
            name = _HONORIFIC.sub("", raw).strip() or raw
            etype, kind = PARTIES[schema]
            ident = self.index.resolve(name, etype, kind=kind, line=line)
            if raw != name and ident in self.index.new and raw not in self.index.new[ident]["aliases"]:
                self.index.new[ident]["aliases"].append(raw)
            self.used.add(line)
            out.append(ident)
        return out

    def records(self, line: int, obj: dict) -> list[dict]:
        props, schema = obj.get("properties") or {}, obj.get("schema")
        rid = f"{self.source_id}-{clean(obj.get('id')).lower()}"
        base = {"certainty": "reported", "status": "completed",
                "sources": [citation(self.source_id, line, f"FtM {schema} {obj.get('id')}")]}
        start = messy_date(_first(props, "date", "startDate"), "", "date")
        if schema == "Payment":
            if start is None:
                raise Reject("FtM Payment without a date")
            amount = self.amount(props)
            payer, payee = self.resolve(self.lookup(_first(props, "payer"), "payer"),
                                        self.lookup(_first(props, "beneficiary"), "beneficiary"))
            rec = {"id": rid, "kind": "pays", "participants": {"payer": payer, "payee": payee},
                   "date": start.text, **base}
            if amount:
                rec["amount"] = amount
            if purpose := _first(props, "purpose", "programme"):
                rec["purpose"] = purpose
            return [rec]
        if schema == "Ownership":
            if start is None:
                raise Reject("FtM Ownership without a start date")
            pct = _decimal(_first(props, "percentage"), "percentage")
            owner, asset = self.resolve(self.lookup(_first(props, "owner"), "owner"),
                                        self.lookup(_first(props, "asset"), "asset"))
            rec = {"id": rid, "kind": "owns_stake", "participants": {"owner": owner, "asset": asset},
                   "date": start.text, **base}
            if pct is not None:
                rec["quantities"] = {"stake_pct": pct}
            return [rec]
        if schema in ("Employment", "Directorship"):
            person_key, org_key = ("employee", "employer") if schema == "Employment" else ("director", "organization")
            end = messy_date(_first(props, "endDate"), "", "end date")
            if start is None and end is None:
                raise Reject(f"FtM {schema} without a start or end date")
            person, org = self.resolve(self.lookup(_first(props, person_key), person_key),
                                       self.lookup(_first(props, org_key), org_key))
            parts = {"person": person, "organization": org}
            role = {"role": r} if (r := _first(props, "role")) else {}
            out = []
            if start:
                out.append({"id": f"{rid}-start", "kind": "hired" if schema == "Employment" else "appointed",
                            "participants": parts, **role, "date": start.text, **base})
            if end:
                out.append({"id": f"{rid}-end", "kind": "departed", "participants": parts, **role,
                            "date": end.text, **base})
            return out
        if schema == "Address":
            raise Reject("FtM Address: aigraph does not model addresses")
        raise Reject(f"FtM schema {schema!r} is not imported")

    @staticmethod
    def amount(props: dict) -> dict | None:
        eur = _decimal(_first(props, "amountEur"), "amountEur")
        usd = _decimal(_first(props, "amountUsd"), "amountUsd")
        value = _decimal(_first(props, "amount"), "amount")
        currency = _first(props, "currency").upper()
        if value is not None and currency in currencies():
            out = {"value": value, "currency": currency}
        elif eur is not None:
            out = {"value": eur, "currency": "EUR"}
        elif usd is not None:
            return {"value": usd, "currency": "USD"}
        else:
            return None
        if usd is not None and out["currency"] != "USD":
            out["usd"] = usd
        return out


def convert(rows: Iterable[tuple[int, dict]], source_id: str, index: EntityIndex) -> Conversion:
    """FtM entity lines (``(line, object)``) → records; every other line is a reject."""
    conv = Conversion()
    lines = []
    for line, obj in rows:
        conv.read += 1
        lines.append((line, obj))
    conv_ = _Converter([(l, o) for l, o in lines if "__malformed__" not in o], source_id, index)
    seen: set[str] = set()
    for line, obj in lines:
        if obj.get("schema") in PARTIES and "__malformed__" not in obj:
            continue
        try:
            check_row(obj)
            if clean(obj.get("id")) in seen:
                raise Reject(f"duplicate entity id {obj.get('id')!r}")
            seen.add(clean(obj.get("id")))
            recs = conv_.records(line, obj)
        except Reject as exc:
            conv.reject(line, str(exc))
            continue
        conv.records.extend(recs)
        conv.kept_lines.add(line)
    for line, obj in lines:
        if obj.get("schema") in PARTIES and "__malformed__" not in obj:
            if line in conv_.used:
                conv.kept_lines.add(line)
            else:
                conv.reject(line, f"FtM {obj['schema']} not named by any imported record")
    conv.check()
    return conv
