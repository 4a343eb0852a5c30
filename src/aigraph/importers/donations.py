"""Donations List (``donations.csv``) → ``pays`` records (donor → donee, purpose donation).

* Amounts are USD in the source. When it also gives the original figure in an ISO 4217
  currency, the record keeps that figure with the source's USD conversion (``usd``); a
  crypto-currency or token (ETH, BTC, SHIB…) is not ISO 4217, so the record keeps the USD
  value and the original figure in ``as_reported`` (``2.5 ETH``).
* A negative amount is a refund: a flow the other way. The record has the donee as payer and
  the donor as payee, the absolute amount, ``purpose: donation refund`` and the signed figure
  in ``as_reported``, so nothing is lost and amounts stay non-negative.
* Dates at year, quarter or multi-year precision (stored as ``YYYY-01-01``) become ``YYYY``
  with a ``date_basis`` saying what the source gave; rows without a date are rejected.
* Exact duplicate rows (the same grant listed twice upstream) are rejected, naming the first.

>>> from aigraph.importers.common import EntityIndex
>>> rows = [(2, {"donor": "Jaan Tallinn", "donee": "MIRI", "amount": "-5750",
...              "donation_date": "2019-01-01", "donation_date_precision": "year"}),
...         (3, {"donor": "Jaan Tallinn", "donee": "MIRI", "amount": "-5750",
...              "donation_date": "2019-01-01", "donation_date_precision": "year"})]
>>> conv = convert(rows, "donations", EntityIndex([]))
>>> r = conv.records[0]
>>> r["participants"], r["amount"], r["purpose"]
({'payer': 'miri', 'payee': 'jaan-tallinn'}, {'value': Decimal('5750'), 'currency': 'USD', 'as_reported': '-5750 USD'}, 'donation refund')
>>> conv.rejects
[(3, 'duplicate of line 2')]
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Iterable

from ..names import match_key
from ..records import currencies
from .common import (MALFORMED, Conversion, EntityIndex, Reject, check_row, citation, clean, clean_name,
                     messy_date, short_hash)

PARTY_TYPES = ("organization", "person")  # the source does not say which: match either
IGNORED = ("source_file",)  # the same grant listed in two upstream files is one grant


def _number(text: str, what: str) -> Decimal | None:
    text = clean(text).replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Reject(f"{what} {text!r} is not a number") from None
    if not value.is_finite():
        raise Reject(f"{what} {text!r} is not a number")
    return value


def _amount(row: dict) -> tuple[dict | None, bool]:
    """The amount mapping and whether the row is a refund (negative amount)."""
    usd = _number(row.get("amount", ""), "amount")
    original = _number(row.get("amount_original_currency", ""), "original amount")
    currency = clean(row.get("original_currency")).upper()
    if usd is None and original is None:
        return None, False
    sign = usd if usd is not None else original
    refund = sign < 0
    if currency and currency != "USD" and original is not None:
        if currency in currencies():
            amount = {"value": abs(original), "currency": currency}
            if usd is not None:
                amount["usd"] = abs(usd)
            if refund:
                amount["as_reported"] = f"{original} {currency}"
            return amount, refund
        if usd is None:
            raise Reject(f"amount in {currency}, which is not an ISO 4217 currency, and no USD value")
        return {"value": abs(usd), "currency": "USD", "as_reported": f"{original} {currency}"}, refund
    if usd is None:
        raise Reject("original amount without a currency or USD value")
    amount = {"value": abs(usd), "currency": "USD"}
    if currency and currency != "USD":  # paid in another currency, original figure not given
        amount["as_reported"] = f"{usd} USD (paid in {currency})"
    elif refund:
        amount["as_reported"] = f"{usd} USD"
    return amount, refund


def _note(row: dict) -> str | None:
    parts = []
    if url := clean(row.get("url")):
        parts.append(f"upstream source: {url}")
    if basis := clean(row.get("currency_conversion_basis")):
        when = clean(row.get("currency_conversion_date"))
        parts.append(f"USD conversion: {basis}" + (f" on {when}" if when else ""))
    return "; ".join(parts) or None


def _record(line: int, row: dict, source_id: str, index: EntityIndex, rid: str) -> dict:
    check_row(row)
    donor, donee = clean_name(row.get("donor")), clean_name(row.get("donee"))
    if not donor or not donee:
        raise Reject("no donor" if not donor else "no donee")
    if not match_key(donor) or not match_key(donee):
        raise Reject("a name without letters or digits")
    if match_key(donor) == match_key(donee):
        raise Reject("donor and donee are the same")
    when = messy_date(row.get("donation_date"), row.get("donation_date_precision") or "", "donation date")
    if when is None:
        raise Reject("no donation date")
    amount, refund = _amount(row)
    payer = index.resolve(donor, PARTY_TYPES, kind="unknown", line=line)
    payee = index.resolve(donee, PARTY_TYPES, kind="unknown", line=line)
    if refund:
        payer, payee = payee, payer
    cause = clean(row.get("cause_area"))
    rec = {"id": rid, "kind": "pays",
           "participants": {"payer": payer, "payee": payee}, "date": when.text}
    if when.basis:
        rec["date_basis"] = when.basis
    rec.update({"certainty": "reported", "status": "completed"})
    if amount is not None:
        rec["amount"] = amount
    rec["purpose"] = "donation refund" if refund else "donation"
    rec["summary"] = (f"Refund by {donee} of a donation from {donor}" if refund else
                      f"Donation from {donor} to {donee}") + (f" (cause area: {cause})." if cause else ".")
    rec["sources"] = [citation(source_id, line, _note(row))]
    return rec


def convert(rows: Iterable[tuple[int, dict]], source_id: str, index: EntityIndex) -> Conversion:
    """Donation rows (``(line, row)``) → ``pays`` records; every other row is a reject."""
    conv = Conversion()
    seen: dict[tuple, int] = {}
    ids: set[str] = set()
    for line, row in rows:
        conv.read += 1
        # exact duplicates: the same raw cells; sorted by column so ids survive a column reorder
        key = tuple(sorted((k, v) for k, v in row.items() if k not in IGNORED))
        if key in seen and MALFORMED not in row:
            conv.reject(line, f"duplicate of line {seen[key]}")
            continue
        rid = base = f"{source_id}-{short_hash(*key)}"
        n = 2
        while rid in ids:
            rid, n = f"{base}-{n}", n + 1
        try:
            rec = _record(line, row, source_id, index, rid)
        except Reject as exc:
            conv.reject(line, str(exc))
            continue
        seen[key] = line
        ids.add(rid)
        conv.records.append(rec)
        conv.kept_lines.add(line)
    conv.check()
    return conv
