"""What every importer shares: cleaned cells, messy dates, entity matching, the result.

Importers are pure: each turns ``(line, row)`` pairs into plain record and entity mappings
(the same shapes a curator writes in ``graph/``) plus a reject for every row it cannot keep.
Reading files and writing the graph directory happen in :mod:`aigraph.importers.run`.

>>> clean("  Mercy  For Animals ")
'Mercy For Animals'
>>> messy_date("2019-7-01", "Month").text, messy_date("2017-01-01-", "day").text
('2019-07', '2017-01-01')
>>> messy_date("2012-01-01", "multi-year").text, messy_date("2012-01-01", "multi-year").basis
('2012', 'the source gives this date as multi-year precision')
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable

from ..dates import PartialDate, parse_date
from ..model import Dataset, Entity
from ..names import KEBAB, match_key, slugify

_SPACES = re.compile(r"\s+")
_LOOSE_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?-?$")
MALFORMED = "__malformed__"  # key of a row the reader could not split into cells
PRECISIONS = {"day": "day", "month": "month", "year": "year", "multi-year": "year", "quarter": "year"}


class Reject(Exception):
    """A row that cannot become a record; the message is the reason written to the rejects file."""


def check_row(row: dict) -> None:
    """Reject a row the reader marked as malformed."""
    if MALFORMED in row:
        raise Reject(row[MALFORMED])


def clean(value) -> str:
    """A cell without stray, doubled or non-breaking whitespace ('' for None)."""
    return _SPACES.sub(" ", str(value or "")).strip()


def clean_name(value) -> str:
    """A name as :func:`clean`, with the apostrophe the upstream SQL-to-CSV conversion turned
    into a double quote restored (``Cullen O"Keefe`` → ``Cullen O'Keefe``).

    >>> clean_name(' Cullen O"Keefe ')
    "Cullen O'Keefe"
    """
    return clean(value).replace('"', "'")


@dataclass(frozen=True)
class Dated:
    """A date at the precision the source states, and how it was read when not as written."""

    date: PartialDate
    basis: str | None = None

    @property
    def text(self) -> str:
        return self.date.text


def messy_date(value: str, precision: str = "day", what: str = "date") -> Dated | None:
    """Read a date like ``2019-7-01``, `` 2002-01-01`` or ``2017-01-01-`` at ``precision``
    (day/month/year/quarter/multi-year, any case; empty: as written). None when empty;
    raises :class:`Reject` when unreadable."""
    text = clean(value)
    if not text:
        return None
    m = _LOOSE_DATE.match(text)
    if not m:
        raise Reject(f"unreadable {what} {value!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    prec = clean(precision).lower()
    basis = None
    if prec in ("multi-year", "quarter"):
        basis = f"the source gives this date as {prec} precision"
    elif not prec:
        prec = "day" if day else ("month" if month else "year")
        basis = "the source does not state this date's precision; taken as written" if day else None
    elif prec not in PRECISIONS:
        raise Reject(f"unknown {what} precision {precision!r}")
    level = PRECISIONS[prec]
    parts = [year] + ([f"{int(month):02d}"] if month and level != "year" else []) + \
        ([f"{int(day):02d}"] if day and level == "day" else [])
    try:
        return Dated(parse_date("-".join(parts), allow_periods=False), basis)
    except ValueError as exc:
        raise Reject(f"{what}: {exc}") from None


def short_hash(*parts) -> str:
    """A stable 10-hex-digit digest of the parts (for ids of rows without a natural key)."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:10]


def kebab(*parts: str, limit: int = 120) -> str:
    """A kebab-case id from parts, e.g. ``kebab('aiw', 'Dario Amodei', '2016-07')``."""
    text = "-".join(p for p in (slugify(str(x)) for x in parts) if p)
    text = text[:limit].strip("-")
    assert KEBAB.match(text), text
    return text


@dataclass
class Match:
    """How one name was resolved: to an entity already in a graph, or to a new entity."""

    name: str
    id: str
    type: str
    status: str  # graph | into | new
    rows: int = 0


class EntityIndex:
    """Entities by normalised name and alias (:func:`aigraph.names.match_key`).

    ``existing`` are the graphs to match against, in priority order, each with a label
    (``graph`` for curated ``graph/``, ``into`` for the import directory). Names that match
    nothing become new entities with a fresh kebab-case id; later rows reuse them.

    >>> idx = EntityIndex([])
    >>> idx.resolve("Mercy for Animals", "organization", kind="unknown", line=2)
    'mercy-for-animals'
    >>> idx.resolve("Mercy For  Animals", "organization", line=9)
    'mercy-for-animals'
    >>> idx.new["mercy-for-animals"]["aliases"]
    ['Mercy For Animals']
    """

    def __init__(self, existing: Iterable[tuple[str, Dataset]]):
        self.by_key: dict[str, list[tuple[str, Entity]]] = {}
        self.taken: set[str] = set()
        self.known: dict[str, tuple[str, Entity]] = {}
        for label, ds in existing:
            for ent in ds.entities.values():
                if ent.id in self.known:
                    continue
                self.known[ent.id] = (label, ent)
                self.taken.add(ent.id)
                for n in {ent.id, *ent.all_names()}:
                    self.by_key.setdefault(match_key(n), []).append((label, ent))
            self.taken.update(ds.redirects)
        self.new: dict[str, dict] = {}  # id -> entity mapping as written to YAML
        self.used: dict[str, str] = {}  # existing id -> label, for entities records point to
        self.matches: dict[tuple[str, str], Match] = {}

    def resolve(self, name: str, etype: str | tuple[str, ...], kind: str | None = None,
                line: int = 0) -> str:
        """The id for ``name``: an existing entity of an allowed type, else a new one."""
        types = (etype,) if isinstance(etype, str) else tuple(etype)
        name = clean(name)
        key = match_key(name)
        if not key:
            raise Reject(f"name {name!r} has no letters or digits")
        for label, ent in self.by_key.get(key, ()):
            if ent.type in types:
                if label != "new":
                    self.used.setdefault(ent.id, label)
                    self._count(name, ent.id, ent.type, label)
                else:
                    self._variant(ent.id, name)
                    self._count(self.new[ent.id]["names"]["en"], ent.id, ent.type, "new")
                return ent.id
        ident = self._fresh_id(name, types[0])
        entry = {"id": ident, "names": {"en": name}, "aliases": []}
        if types[0] != "person":
            entry["kind"] = kind or "unknown"
        entry["description"] = None
        self.new[ident] = entry
        ent = Entity(ident, types[0], {"en": name})
        self.by_key.setdefault(key, []).append(("new", ent))
        self.taken.add(ident)
        self._count(name, ident, types[0], "new")
        return ident

    def _variant(self, ident: str, name: str) -> None:
        entry = self.new[ident]
        if name != entry["names"]["en"] and name not in entry["aliases"]:
            entry["aliases"].append(name)

    def _count(self, name, ident, etype, status) -> None:
        m = self.matches.get((ident, status))
        if m is None:
            m = self.matches[(ident, status)] = Match(name, ident, etype, status)
        m.rows += 1

    def _fresh_id(self, name: str, etype: str) -> str:
        base = slugify(name).strip("-") or f"{'person' if etype == 'person' else 'org'}-{short_hash(name)}"
        if base in self.taken:
            base = f"{base}-{'person' if etype == 'person' else 'org'}"
        ident, n = base, 2
        while ident in self.taken:
            ident, n = f"{base}-{n}", n + 1
        return ident


@dataclass
class Conversion:
    """What an importer made of its rows: N read = K kept + R rejected, always."""

    records: list[dict] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    read: int = 0
    kept_lines: set[int] = field(default_factory=set)

    @property
    def kept(self) -> int:
        return len(self.kept_lines)

    def reject(self, line: int, reason: str) -> None:
        self.rejects.append((line, reason))

    def check(self) -> None:
        """Every row read is either kept or rejected, never both, never neither."""
        rejected = {line for line, _ in self.rejects}
        assert len(rejected) == len(self.rejects), "a row was rejected twice"
        assert not rejected & self.kept_lines, "a row was both kept and rejected"
        assert self.read == self.kept + len(self.rejects), (self.read, self.kept, len(self.rejects))


def citation(source_id: str, line: int, note: str | None = None) -> dict:
    out = {"source": source_id, "line": line}
    if note:
        out["note"] = note
    return out


def urls_note(cell: str) -> str | None:
    """The URLs of a cell that holds several, separated by spaces, as a citation note."""
    urls = list(dict.fromkeys(u for u in clean(cell).split(" ") if u))
    if not urls:
        return None
    return "upstream source" + ("s" if len(urls) > 1 else "") + ": " + " ".join(urls)
