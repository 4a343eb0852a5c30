"""AI Watch positions (``positions.csv``) → talent records.

Each row says a person held a title at an organisation from a start date to an end date
(empty end: current or unknown). Rows of one person at one organisation whose dates touch or
overlap (within :data:`GAP_DAYS`) are one **stint**: the earliest row opens it (``hired``, or
``appointed`` for posts such as board seats), each later row is a role change (``appointed``),
and the latest end date closes it (``departed``). So a title change is never a move, while
leaving and coming back after a gap is. Rows with only an end date become a ``departed``.

>>> from aigraph.importers.common import EntityIndex
>>> rows = [(2, {"person": "Ada", "organization": "Acme", "title": "Engineer",
...              "start_date": "2016-10-01", "start_date_precision": "month",
...              "end_date": "2018-10-01", "end_date_precision": "month"}),
...         (3, {"person": "Ada ", "organization": "Acme", "title": "Director",
...              "start_date": "2018-10-01", "start_date_precision": "Month", "end_date": ""}),
...         (4, {"person": "Ada", "organization": "", "title": "x"})]
>>> conv = convert(rows, "aiwatch-positions", EntityIndex([]))
>>> [(r["kind"], r["date"], r["role"]) for r in conv.records]
[('hired', '2016-10', 'Engineer'), ('appointed', '2018-10', 'Director')]
>>> conv.rejects
[(4, 'no organization')]
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, NamedTuple

from ..names import match_key
from .common import (Conversion, Dated, EntityIndex, Reject, check_row, citation, clean, clean_name,
                     kebab, messy_date, urls_note)

GAP_DAYS = 31  # a new title starting within a month of the last one's end continues the stint
POSTS = frozenset({"board member", "advisor", "affiliate", "volunteer"})  # not employment


class Position(NamedTuple):
    line: int
    person: str
    org: str
    title: str
    start: Dated | None
    end: Dated | None
    employment: str
    note: str | None

    @property
    def first(self) -> dt.date:
        return (self.start or self.end).date.start


def _position(line: int, row: dict, index: EntityIndex, seen: dict) -> Position:
    check_row(row)
    person, org = clean_name(row.get("person")), clean_name(row.get("organization"))
    if not person:
        raise Reject("no person")
    if not org:
        raise Reject("no organization")
    title = clean(row.get("title"))
    start = messy_date(row.get("start_date"), row.get("start_date_precision") or "", "start date")
    end = messy_date(row.get("end_date"), row.get("end_date_precision") or "", "end date")
    if start is None and end is None:
        raise Reject("no start or end date: an undated position cannot be placed in time")
    if start and end and end.date.end < start.date.start:
        raise Reject(f"end date {end.text} is before start date {start.text}")
    employment = clean(row.get("employment_type")).lower()
    if not match_key(person) or not match_key(org):
        raise Reject("a name without letters or digits")
    key = (match_key(person), match_key(org), title.casefold(), start and start.text,
           end and end.text, employment)
    if key in seen:
        raise Reject(f"duplicate of line {seen[key]}")
    seen[key] = line
    return Position(line, index.resolve(person, "person", line=line),
                    index.resolve(org, "organization", kind="unknown", line=line),
                    title, start, end, employment, urls_note(row.get("urls", "")))


def _stints(positions: list[Position]) -> list[list[Position]]:
    """Group one person's positions at one organisation into contiguous stints."""
    groups: list[list[Position]] = []
    open_end: tuple[bool, dt.date] | None = None  # (is_open, last end) of the current group
    for pos in sorted(positions, key=lambda p: (p.first, p.line)):
        if pos.start is not None and groups and groups[-1][0].start is not None and open_end and (
                open_end[0] or pos.start.date.start <= open_end[1] + dt.timedelta(days=GAP_DAYS)):
            groups[-1].append(pos)
        else:
            groups.append([pos])
            open_end = None
            if pos.start is None:
                continue
        is_open = (open_end[0] if open_end else False) or pos.end is None
        last = max(open_end[1] if open_end else dt.date.min, pos.end.date.end if pos.end else dt.date.min)
        open_end = (is_open, last)
    return groups


def _summary(pos: Position, org_name: str) -> str:
    span = f"{pos.start.text if pos.start else '?'} to {pos.end.text if pos.end else 'present'}"
    what = f"{pos.title} at {org_name}" if pos.title else f"a position at {org_name}"
    kind = f" ({pos.employment})" if pos.employment else ""
    return f"AI Watch lists {what}{kind}, {span}."


class _Emitter:
    def __init__(self, conv: Conversion, source_id: str, names: dict[str, str]):
        self.conv, self.source_id, self.names = conv, source_id, names
        self.ids: set[str] = set()

    def record(self, kind: str, pos: Position, when: Dated, cites: list[Position]) -> None:
        base = kebab("aiw", pos.person, pos.org, when.text, kind, limit=150)
        rid, n = base, 2
        while rid in self.ids:
            rid, n = f"{base}-{n}", n + 1
        self.ids.add(rid)
        rec = {"id": rid, "kind": kind, "participants": {"person": pos.person, "organization": pos.org}}
        if pos.title:
            rec["role"] = pos.title
        rec["date"] = when.text
        if when.basis:
            rec["date_basis"] = when.basis
        rec.update({"certainty": "reported", "status": "completed",
                    "summary": _summary(pos, self.names.get(pos.org, pos.org)),
                    "sources": [citation(self.source_id, p.line, p.note) for p in cites]})
        self.conv.records.append(rec)
        self.conv.kept_lines.update(p.line for p in cites)

    def stint(self, group: list[Position]) -> None:
        head = group[0]
        if head.start is None:  # only an end date is known
            self.record("departed", head, head.end, [head])
            return
        self.record("appointed" if head.employment in POSTS else "hired", head, head.start, [head])
        for pos in group[1:]:
            self.record("appointed", pos, pos.start, [pos])
        if all(p.end is not None for p in group):
            last = max(p.end.date.end for p in group)
            enders = [p for p in group if p.end.date.end == last]
            self.record("departed", enders[-1], enders[-1].end, enders)


def convert(rows: Iterable[tuple[int, dict]], source_id: str, index: EntityIndex,
            org_names: dict[str, str] | None = None) -> Conversion:
    """Positions rows (``(line, row)``) → talent records; every other row is a reject."""
    conv = Conversion()
    seen: dict[tuple, int] = {}
    by_pair: dict[tuple[str, str], list[Position]] = {}
    for line, row in rows:
        conv.read += 1
        try:
            pos = _position(line, row, index, seen)
        except Reject as exc:
            conv.reject(line, str(exc))
            continue
        by_pair.setdefault((pos.person, pos.org), []).append(pos)
    names = dict(org_names or {})
    names.update({i: e["names"]["en"] for i, e in index.new.items()})
    names.update({i: lab_ent[1].name for i, lab_ent in index.known.items()})
    emit = _Emitter(conv, source_id, names)
    for pair in sorted(by_pair):
        for group in _stints(by_pair[pair]):
            emit.stint(group)
    conv.check()
    return conv
