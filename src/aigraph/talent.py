"""The derived talent model: stints (tenures) and moves, from talent records.

A **stint** is a person's time at one organisation: it starts with a hire, return,
co-founding or appointment and ends with the next departure or firing at that
organisation. Several stints at one organisation stay apart (Noam Shazeer at Google twice).

A **move** is joining organisation B (a hire or return) after leaving A: ``A`` is the
``from_organization`` the record states, else the organisation of the person's latest
departure that ended on or before the join (``how = "inferred"``), else unknown.
"""
from __future__ import annotations

from dataclasses import dataclass

from .dates import PartialDate
from .model import Dataset, Record

STARTS = ("hired", "returned", "cofounded", "appointed")
JOINS = ("hired", "returned")
ENDS = ("departed", "fired")


@dataclass(frozen=True, order=True)
class Stint:
    person: str
    organization: str
    start: PartialDate | None
    end: PartialDate | None
    role: str | None
    records: tuple[str, ...]


@dataclass(frozen=True, order=True)
class Move:
    date: PartialDate
    person: str
    from_org: str | None
    to_org: str
    how: str  # stated | inferred | unknown
    kind: str  # hired | returned
    role: str | None
    record: str
    sources: str


def _people(rec: Record) -> tuple[str, ...]:
    return rec.participants.get("person", ()) or rec.participants.get("founder", ())


def _talent_events(dataset: Dataset):
    for rec in dataset.records.values():
        if rec.kind in STARTS + ENDS and rec.certainty != "disputed" or (
                rec.kind in ENDS and rec.certainty == "disputed"):
            for p in _people(rec):
                if dataset.entities[p].type == "person":
                    for org in rec.participants.get("organization", ()):
                        yield p, org, rec


def stints(dataset: Dataset) -> list[Stint]:
    """Every stint, ordered by person, organisation and start.

    >>> from aigraph.validate import load
    >>> [s.organization for s in stints(load("graph")) if s.person == "barret-zoph"][:1]
    ['google']
    """
    by_key: dict[tuple[str, str], list[Record]] = {}
    for p, org, rec in _talent_events(dataset):
        by_key.setdefault((p, org), []).append(rec)
    out: list[Stint] = []
    for (p, org), recs in sorted(by_key.items()):
        recs.sort(key=lambda r: (r.date.start, r.kind not in STARTS, r.id))
        current: list[Record] = []
        for rec in recs:
            if rec.kind in STARTS:
                if current and current[-1].kind in ENDS:
                    out.append(_stint(p, org, current))
                    current = []
                # appointments inside an open stint are role changes, not new stints
                current.append(rec)
            else:
                if current and current[-1].kind in ENDS:
                    # two reports of the end (e.g. a disputed firing and a departure): same stint
                    current.append(rec)
                    continue
                current.append(rec)
        if current:
            out.append(_stint(p, org, current))
    return sorted(out, key=lambda s: (s.person, s.start.start if s.start else s.end.start, s.organization))


def _stint(person: str, org: str, recs: list[Record]) -> Stint:
    starts = [r for r in recs if r.kind in STARTS]
    ends = [r for r in recs if r.kind in ENDS]
    role = next((r.role for r in reversed(starts) if r.role), None)
    return Stint(person, org, starts[0].date if starts else None, ends[0].date if ends else None,
                 role, tuple(r.id for r in recs))


def moves(dataset: Dataset) -> list[Move]:
    """Every move (join of B after leaving A), ordered by date then person.

    >>> from aigraph.validate import load
    >>> m = [m for m in moves(load("graph")) if m.person == "barret-zoph" and m.to_org == "openai"]
    >>> (m[-1].from_org, m[-1].kind)
    ('thinking-machines-lab', 'returned')
    """
    departures: dict[str, list[tuple[Record, str]]] = {}
    for p, org, rec in _talent_events(dataset):
        if rec.kind in ENDS:
            departures.setdefault(p, []).append((rec, org))
    out: list[Move] = []
    for rec in dataset.records.values():
        if rec.kind not in JOINS or rec.certainty == "disputed":
            continue
        for p in _people(rec):
            for to_org in rec.participants.get("organization", ()):
                stated = rec.participants.get("from_organization", ())
                if stated:
                    from_org, how = stated[0], "stated"
                else:
                    prior = [(d, org) for d, org in departures.get(p, ())
                             if d.date.start <= rec.date.end and org != to_org]
                    prior.sort(key=lambda x: (x[0].date.start, x[0].date.end, x[0].id))
                    from_org, how = (prior[-1][1], "inferred") if prior else (None, "unknown")
                out.append(Move(rec.date, p, from_org, to_org, how, rec.kind, rec.role, rec.id,
                                "; ".join(f"{c.source}:{c.line}" for c in rec.sources)))
    return sorted(out, key=lambda m: (m.date.start, m.person, m.to_org, m.record))
