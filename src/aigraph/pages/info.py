"""What the pages' side panel shows: entities, records and sources as plain JSON data.

Everything here is data for ``textContent`` in the browser: no markup is ever produced.
Links are kept only when they are safe to put in an ``href`` (http(s) URLs, Wikidata Q-ids).
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..model import Amount, Dataset, Entity, Record, Source
from ..schema import load_schema

_HTTP = re.compile(r"^https?://[^\s<>\"']+$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_SCALE = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"),
          (Decimal(10) ** 3, "K"))


def human(value: Decimal | float | int) -> str:
    """Short figure: ``human(100_000_000_000) == '100B'``.

    >>> human(Decimal("2500000000")), human(950), human(Decimal("1.5"))
    ('2.5B', '950', '1.5')
    """
    value = Decimal(str(value))
    for size, suffix in _SCALE:
        if abs(value) >= size:
            return f"{(value / size):.3g}".rstrip(".") + suffix
    text = f"{value:.3g}"
    return text if "e" not in text else str(value)


def short_amount(amount: Amount) -> str:
    """Compact amount for an edge label: ``$100B``, ``≤$100B``, ``~CNY 2B``.

    >>> short_amount(Amount("USD", max=Decimal(10**11)))
    '≤$100B'
    >>> short_amount(Amount("CNY", value=Decimal(2 * 10**9), approximate=True))
    '~CNY 2B'
    """
    def fmt(v: Decimal) -> str:
        return ("$" + human(v)) if amount.currency == "USD" else f"{amount.currency} {human(v)}"

    if amount.value is not None:
        text = fmt(amount.value)
    elif amount.min is not None and amount.max is not None:
        text = f"{fmt(amount.min)}–{human(amount.max)}"
    elif amount.max is not None:
        text = "≤" + fmt(amount.max)
    else:
        text = "≥" + fmt(amount.min)
    return ("~" if amount.approximate else "") + text


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) URL, else None (never ``javascript:``).

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)")
    ('https://example.org/a', None)
    """
    return url if url and _HTTP.match(url) else None


def entity_info(e: Entity) -> dict:
    info = {"label": e.name, "type": e.type,
            "names": [[lang, name] for lang, name in sorted(e.names.items()) if lang != "en"]}
    if e.kind:
        info["kind"] = e.kind
    if e.aliases:
        info["aliases"] = list(e.aliases)
    if e.misspellings:
        info["misspellings"] = list(e.misspellings)
    if e.description:
        info["description"] = e.description
    if e.wikidata and _QID.match(e.wikidata):
        info["wikidata"] = e.wikidata
        info["wikidata_url"] = f"https://www.wikidata.org/wiki/{e.wikidata}"
    return info


def source_info(s: Source) -> dict:
    info = {"title": s.title, "publisher": s.publisher, "language": s.language,
            "published": s.published.text if s.published else "", "archive": s.archive}
    if safe_url(s.url):
        info["url"] = s.url
    return info


def _amount_text(amount: Amount) -> str:
    text = amount.describe()
    if amount.currency != "USD" and amount.usd is not None:
        text += f" (≈ {human(amount.usd)} USD)"
    if amount.as_reported:
        text += f" — as reported: {amount.as_reported}"
    return text


def record_fields(rec: Record) -> list[list[str]]:
    """``[[label, text], …]``: the record's fields worth showing, in a fixed order."""
    rows: list[list[str]] = []

    def add(label, value):
        if value not in (None, "", (), []):
            rows.append([label, value if isinstance(value, str) else str(value)])

    add("date", rec.date.text + (f" ({rec.date_basis})" if rec.date_basis else ""))
    if rec.amount is not None:
        add("amount", _amount_text(rec.amount))
    for key, q in sorted(rec.quantities.items()):
        point = q.point
        add(key.replace("_", " "), ("~" if q.approximate else "") + (f"{point:,}" if point is not None else ""))
    for key in ("role", "round", "goods", "purpose", "metric", "reason"):
        add(key, getattr(rec, key))
    if rec.period is not None:
        add("period", rec.period.text)
    if rec.lead:
        add("lead", ", ".join(rec.lead))
    for key, amount in sorted(rec.valuation.items()):
        add(f"valuation ({key})", _amount_text(amount))
    if rec.exercise_price is not None:
        add("exercise price", _amount_text(rec.exercise_price))
    add("certainty", rec.certainty)
    add("status", rec.status)
    if rec.inferred:
        add("inferred", "yes: implied by the article, not stated")
    return rows


def record_info(rec: Record) -> dict:
    info = {
        "kind": rec.kind, "group": load_schema().kinds[rec.kind].group, "date": rec.date.text,
        "certainty": rec.certainty, "status": rec.status, "fields": record_fields(rec),
        "participants": [[role, list(ids)] for role, ids in rec.participants.items()],
        "sources": [_citation(c) for c in rec.sources],
    }
    if rec.summary:
        info["summary"] = rec.summary
    if rec.amount is not None:
        info["amount"] = short_amount(rec.amount)
    if rec.claimed_by:
        info["claimed_by"] = list(rec.claimed_by)
    if rec.related:
        info["related"] = list(rec.related)
    if rec.inferred:
        info["inferred"] = True
    return info


def _citation(c) -> dict:
    out = {"source": c.source, "line": c.line}
    if c.note:
        out["note"] = c.note
    if c.context:
        out["context"] = list(c.context)
    return out


def panel_data(dataset: Dataset, record_ids) -> dict:
    """The ``records``, ``sources`` and ``entities`` a page's panel needs for some records."""
    records = {rid: record_info(dataset.records[rid]) for rid in sorted(set(record_ids))}
    cited = {c["source"] for r in records.values() for c in r["sources"]}
    sources = {sid: source_info(dataset.sources[sid]) for sid in sorted(cited) if sid in dataset.sources}
    return {"records": records, "sources": sources}


def entity_records(dataset: Dataset) -> dict[str, list[str]]:
    """Entity id → ids of the records it takes part in (one pass over the records)."""
    out: dict[str, list[str]] = {}
    for rec in dataset.records.values():
        for ident in rec.entity_ids():
            out.setdefault(ident, []).append(rec.id)
    return out
