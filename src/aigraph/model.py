"""The immutable in-memory model: a :class:`Dataset` of sources, entities and records.

Everything downstream (networkx, RDF, pages, queries) reads a Dataset; nothing writes one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Mapping

from .dates import PartialDate


@dataclass(frozen=True)
class Where:
    """Where a value was written: file path and 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    published: PartialDate | None
    language: str
    archive: str
    url: str | None = None
    published_basis: str | None = None
    where: Where | None = field(default=None, compare=False)
    kind: str = "article"  # article | dataset (an imported data file: its line = its row)


@dataclass(frozen=True)
class Entity:
    id: str
    type: str  # person | organization | product
    names: Mapping[str, str]  # language tag -> name; "en" always present
    aliases: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    kind: str | None = None
    wikidata: str | None = None
    description: str | None = None
    where: Where | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        return self.names["en"]

    def all_names(self) -> tuple[str, ...]:
        """Every spelling: names in every language, aliases, misspellings."""
        seen: dict[str, None] = {}
        for n in (*self.names.values(), *self.aliases, *self.misspellings):
            seen.setdefault(n, None)
        return tuple(seen)


@dataclass(frozen=True)
class Amount:
    currency: str
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    approximate: bool = False
    usd: Decimal | None = None  # conversion given by the source when currency != USD
    as_reported: str | None = None

    @property
    def point(self) -> Decimal | None:
        """The single best figure: value, else the upper bound, else the lower bound."""
        return best_figure(self.value, self.max, self.min)

    @property
    def bound(self) -> str:
        return "exact" if self.value is not None else ("max" if self.max is not None else "min")

    @property
    def usd_value(self) -> Decimal | None:
        """The figure in USD: the point value when in USD, else the given conversion."""
        if self.currency == "USD":
            return self.point
        return self.usd

    def describe(self) -> str:
        """Short human text, e.g. ``up to 100,000,000,000 USD``."""
        def fmt(v: Decimal) -> str:
            return f"{v:,.0f}" if v == v.to_integral_value() else f"{v:,}"
        if self.value is not None:
            text = fmt(self.value)
        elif self.min is not None and self.max is not None:
            text = f"{fmt(self.min)}–{fmt(self.max)}"
        elif self.max is not None:
            text = f"up to {fmt(self.max)}"
        else:
            text = f"at least {fmt(self.min)}"
        return ("~" if self.approximate else "") + f"{text} {self.currency}"


@dataclass(frozen=True)
class Quantity:
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    approximate: bool = False

    @property
    def point(self) -> Decimal | None:
        return best_figure(self.value, self.max, self.min)


def best_figure(*candidates: Decimal | None) -> Decimal | None:
    """The first known figure, in order of preference (value, upper bound, lower bound)."""
    return next((v for v in candidates if v is not None), None)


@dataclass(frozen=True)
class Citation:
    source: str
    line: int
    note: str | None = None
    context: tuple[int, ...] = ()  # nearby lines that name participants the cited line refers to
    where: Where | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    participants: Mapping[str, tuple[str, ...]]  # role -> entity ids (resolved)
    date: PartialDate
    certainty: str
    status: str
    sources: tuple[Citation, ...]
    date_basis: str | None = None
    summary: str | None = None
    amount: Amount | None = None
    quantities: Mapping[str, Quantity] = field(default_factory=lambda: MappingProxyType({}))
    inferred: bool = False
    claimed_by: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    # kind-specific fields
    role: str | None = None
    reason: str | None = None
    round: str | None = None
    lead: tuple[str, ...] = ()
    valuation: Mapping[str, Amount] = field(default_factory=lambda: MappingProxyType({}))
    goods: str | None = None
    exercise_price: Amount | None = None
    purpose: str | None = None
    metric: str | None = None
    period: PartialDate | None = None
    where: Where | None = field(default=None, compare=False)

    def entity_ids(self) -> tuple[str, ...]:
        """Every participant id, in role order, without repeats."""
        seen: dict[str, None] = {}
        for ids in self.participants.values():
            for i in ids:
                seen.setdefault(i, None)
        return tuple(seen)


@dataclass(frozen=True)
class Dataset:
    """A validated, immutable graph: look-ups by id, iteration in id order."""

    sources: Mapping[str, Source]
    entities: Mapping[str, Entity]
    records: Mapping[str, Record]
    redirects: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def entity(self, ident: str) -> Entity:
        """The entity with this id (following redirects)."""
        return self.entities[self.redirects.get(ident, ident)]

    def people(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == "person"]

    def organizations(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == "organization"]

    def records_of(self, entity_id: str) -> list[Record]:
        return [r for r in self.records.values() if entity_id in r.entity_ids()]


def freeze(mapping: dict) -> Mapping:
    return MappingProxyType(dict(sorted(mapping.items())))
