"""Money-leg projection: every capital record expanded into directed flow legs.

The direction table lives in ``schema.yaml`` (``legs:``). Disputed records yield no legs
(they are claims, not flows); planned and inferred ones are kept and flagged.

>>> from aigraph.validate import load
>>> ds = load("tests/fixtures/mini/graph")
>>> [(l.source, l.target, l.flow, l.cls) for l in money_legs(ds)]
[('nvidia', 'openai', 'money', 'financing'), ('openai', 'nvidia', 'equity', 'financing'), ('openai', 'nvidia', 'money', 'commercial'), ('nvidia', 'openai', 'goods', 'commercial')]
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .model import Dataset, Record
from .schema import load_schema


@dataclass(frozen=True, order=True)
class MoneyLeg:
    record: str
    index: int  # position within the record's legs, for stable ids
    source: str
    target: str
    flow: str  # money | equity | goods | ip
    cls: str  # financing | commercial
    kind: str  # the record kind

    @property
    def id(self) -> str:
        return f"{self.record}-leg-{self.index}"


def record_legs(record: Record) -> list[MoneyLeg]:
    """The flow legs of one record, in schema order (one per from/to participant pair)."""
    kind = load_schema().kinds[record.kind]
    out: list[MoneyLeg] = []
    for spec in kind.legs:
        for src in record.participants.get(spec.source, ()):
            for dst in record.participants.get(spec.target, ()):
                if src != dst:
                    out.append(MoneyLeg(record.id, len(out), src, dst, spec.flow, spec.cls, record.kind))
    return out


def money_legs(dataset: Dataset, include_disputed: bool = False) -> list[MoneyLeg]:
    """Every leg of every capital record (disputed records excluded unless asked)."""
    out: list[MoneyLeg] = []
    for rec in dataset.records.values():
        if rec.certainty == "disputed" and not include_disputed:
            continue
        out.extend(record_legs(rec))
    return out


def leg_amount_usd(record: Record, leg: MoneyLeg) -> Decimal | None:
    """The USD amount carried by a money leg: the record's amount split evenly only when the
    leg is the record's single leg of its flow; otherwise unknown per leg (None)."""
    if record.amount is None or leg.flow != "money":
        return None
    same = [l for l in record_legs(record) if l.flow == "money"]
    return record.amount.usd_value if len(same) == 1 else None
