"""The derived talent model: stints (tenures) and moves, from talent records.

A **stint** is a person's time at one organisation. It opens with a hire, return, poaching,
co-founding or appointment and closes with the next departure or firing there, or when a
later join names that organisation as the one the person came from. Appointments inside an
open stint are title changes, not new stints; a return after an earlier stint at the same
organisation opens a new one, so several stints at one organisation stay apart (Noam
Shazeer at Google twice). Cancelled records and disputed joins are left out; a disputed end
(e.g. conflicting reasons for a firing) still ends the stint.

A **move** is the opening of a stint by joining organisation B: ``from_org`` is the
organisation the record states (``how = "stated"``), else the organisation of the person's
latest stint that ended on or before the join with no other stint starting in between
(``"inferred"``), else unknown. Co-foundings and appointments count as moves only when the
origin is known (stated or inferred).

>>> from aigraph.validate import load
>>> ds = load("graph")
>>> [(s.organization, s.start and s.start.text, s.end and s.end.text)
...  for s in stints(ds) if s.person == "noam-shazeer" and s.organization == "google"]
[('google', None, '2021'), ('google', '2024', '2026')]
>>> [(m.from_org, m.to_org, m.date.text) for m in moves(ds) if m.person == "noam-shazeer"][-1]
('google', 'openai', '2026-06')
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import PartialDate
from .model import Dataset, Record

JOINS = ("hired", "returned", "poached")
STARTS = JOINS + ("cofounded", "appointed")
ENDS = ("departed", "fired")
CERTAINTY_RANK = {"confirmed": 0, "reported": 1, "alleged": 2, "disputed": 3}
KIND_RANK = {"returned": 0, "hired": 0, "poached": 1, "cofounded": 2, "appointed": 3}


@dataclass(frozen=True)
class Stint:
    """A person's time at one organisation; ``start``/``end`` are None when not reported."""

    person: str
    organization: str
    start: PartialDate | None
    end: PartialDate | None
    role: str | None  # the latest title reported in the stint
    records: tuple[str, ...]  # every record of the stint, in date order
    start_record: str | None = None  # the best of ``opening`` (join kinds, then certainty)
    end_record: str | None = None  # the departure/firing, or the join that implied the end
    end_implied: bool = False  # True when a later join named this organisation as origin
    roles: tuple[str, ...] = ()  # every title, in order
    opening: tuple[str, ...] = ()  # the records that open it on its first date, best first

    @property
    def id(self) -> str:
        """``person/first-record``: unique and stable while the records keep their ids."""
        return f"{self.person}/{self.records[0]}"

    def active_on(self, day: dt.date) -> bool:
        """Whether the stint may cover ``day`` (known start on or before it, no end before it)."""
        return (self.start is not None and self.start.start <= day
                and (self.end is None or self.end.end >= day))


@dataclass(frozen=True, order=True)
class Move:
    date: PartialDate
    person: str
    from_org: str | None
    to_org: str
    how: str  # stated | inferred | unknown
    kind: str  # kind of the joining record: hired | returned | poached | cofounded | appointed
    role: str | None
    record: str  # the joining record the move is read from
    sources: str  # "source:line; …" of that record
    records: tuple[str, ...] = ()  # every record reporting this join (same stint, same date)

    @property
    def id(self) -> str:
        return f"{self.person}/{self.record}"


@dataclass(eq=False)
class _Open:
    organization: str
    starts: list[Record] = field(default_factory=list)
    ends: list[Record] = field(default_factory=list)
    implied_by: Record | None = None
    all: list[Record] = field(default_factory=list)


def _people(rec: Record) -> tuple[str, ...]:
    return rec.participants.get("person", ()) or rec.participants.get("founder", ())


def _usable(rec: Record) -> bool:
    return rec.status != "cancelled" and (
        rec.kind in ENDS or rec.kind in STARTS and rec.certainty != "disputed")


def _events_by_person(dataset: Dataset) -> dict[str, list[tuple[Record, str]]]:
    out: dict[str, list[tuple[Record, str]]] = {}
    for rec in dataset.records.values():
        if not _usable(rec):
            continue
        for p in _people(rec):
            if dataset.entities[p].type == "person":
                for org in rec.participants.get("organization", ()):
                    out.setdefault(p, []).append((rec, org))
    for events in out.values():
        events.sort(key=lambda e: (e[0].date.start, _tie(e[0]), e[0].id, e[1]))
    return out


def _tie(rec: Record) -> int:
    """Same-day order: starts, then ends, then returns (a return follows the exit it undoes)."""
    return 2 if rec.kind == "returned" else (1 if rec.kind in ENDS else 0)


def _overlap(a: PartialDate, b: PartialDate) -> bool:
    return a.start <= b.end and b.start <= a.end


def _person_stints(person: str, events: list[tuple[Record, str]]) -> list[Stint]:
    open_: dict[str, _Open] = {}
    closed: dict[str, _Open] = {}  # org -> latest closed stint, while no new one opened there
    done: list[_Open] = []
    for rec, org in events:
        if rec.kind in ENDS:
            cur = open_.pop(org, None)
            prev = closed.get(org)
            if cur is not None:
                done.append(cur)
            elif prev is not None and (prev.implied_by is not None and not prev.ends
                                       or prev.ends and _overlap(prev.ends[0].date, rec.date)):
                cur = prev  # another report of the same exit
            else:
                cur = _Open(org)
                done.append(cur)
            cur.ends.append(rec)
            cur.all.append(rec)
            closed[org] = cur
            continue
        cur = open_.get(org)
        reopen = (rec.kind == "returned" and cur is not None
                  and cur.starts and cur.starts[0].date.start < rec.date.start)
        if cur is None or reopen:
            if reopen:  # the earlier stint ended, unreported, before the return
                cur.implied_by = rec
                done.append(open_.pop(org))
            cur = open_[org] = _Open(org)
            closed.pop(org, None)
        cur.starts.append(rec)
        cur.all.append(rec)
        for origin in rec.participants.get("from_organization", ()):
            left = open_.get(origin)
            if origin != org and left is not None and left.starts and (
                    left.starts[0].date.start <= rec.date.end):
                left.implied_by = rec
                left.all.append(rec)
                done.append(open_.pop(origin))
                closed[origin] = left
    done.extend(open_.values())
    return [_stint(person, o) for o in done]


def _stint(person: str, o: _Open) -> Stint:
    roles: dict[str, None] = {}
    for rec in sorted(o.starts + o.ends, key=lambda r: (r.date.start, _tie(r), r.id)):
        if rec.role:
            roles.pop(rec.role, None)
            roles[rec.role] = None
    opening = sorted((r for r in o.starts if r.date.start == o.starts[0].date.start),
                     key=lambda r: (KIND_RANK[r.kind], CERTAINTY_RANK[r.certainty], r.id))
    start = opening[0] if opening else None
    if o.ends:
        end = min(o.ends, key=lambda r: (r.date.end - r.date.start, r.date.start, r.id))
    else:
        end = o.implied_by
    return Stint(person, o.organization, start.date if start else None, end.date if end else None,
                 next(reversed(roles), None), tuple(dict.fromkeys(r.id for r in o.all)),
                 start.id if start else None, end.id if end else None,
                 end is not None and not o.ends, tuple(roles), tuple(r.id for r in opening))


def _stint_key(s: Stint):
    when = s.start or s.end  # a stint known only by its end began before that end
    return (s.person, when.start, s.start is not None, s.organization, s.records[0])


def stints(dataset: Dataset) -> list[Stint]:
    """Every stint, ordered by person, start (or end when the start is unknown), organisation.

    >>> from aigraph.validate import load
    >>> [s.organization for s in stints(load("graph")) if s.person == "barret-zoph"]
    ['google', 'openai', 'thinking-machines-lab', 'openai']
    """
    out: list[Stint] = []
    for person, events in _events_by_person(dataset).items():
        out.extend(_person_stints(person, events))
    return sorted(out, key=_stint_key)


def _is_post(st: Stint, dataset: Dataset) -> bool:
    return bool(st.opening) and all(dataset.records[r].kind == "appointed" for r in st.opening)


def _origin(st: Stint, mine: list[Stint]) -> str | None:
    """The organisation of the latest stint that ended before ``st`` started, if nothing
    else started in between."""
    ended = [s for s in mine if s.end is not None and s.organization != st.organization
             and s.end.start <= st.start.end and s is not st]
    if not ended:
        return None
    last = max(ended, key=lambda s: (s.end.start, s.end.end, s.end_record or ""))
    between = [s for s in mine if s.start is not None and s.organization != st.organization
               and last.end.start < s.start.start < st.start.start]
    return None if between else last.organization


def moves(dataset: Dataset, all_stints: list[Stint] | None = None) -> list[Move]:
    """Every move (the opening of a stint by a join), ordered by date, person, destination.

    >>> from aigraph.validate import load
    >>> m = [m for m in moves(load("graph")) if m.person == "barret-zoph" and m.to_org == "openai"]
    >>> [(x.from_org, x.kind, x.how, x.date.text) for x in m]
    [('google', 'hired', 'stated', '2022'), ('thinking-machines-lab', 'returned', 'stated', '2026-01-14')]
    """
    by_person: dict[str, list[Stint]] = {}
    for s in all_stints if all_stints is not None else stints(dataset):
        by_person.setdefault(s.person, []).append(s)
    out: list[Move] = []
    for person, mine in by_person.items():
        for st in mine:
            if st.start is None:
                continue
            opening = [dataset.records[r] for r in st.opening]
            main = opening[0]
            stated = [r.participants["from_organization"][0] for r in opening
                      if r.participants.get("from_organization")]
            if stated:
                origin, how = stated[0], "stated"
            else:
                # a post (board seat, advisor: a stint opened only by appointments) is not
                # where one moves from when a job also qualifies (AI Watch: Dario Amodei)
                jobs = [s for s in mine if not _is_post(s, dataset)]
                origin = _origin(st, jobs) or _origin(st, mine)
                how = "inferred" if origin else "unknown"
            if main.kind not in JOINS and how == "unknown":
                continue
            role = main.role or next((r.role for r in opening if r.role), None)
            out.append(Move(main.date, person, origin, st.organization, how, main.kind, role,
                            main.id, "; ".join(f"{c.source}:{c.line}" for c in main.sources),
                            tuple(r.id for r in opening)))
    return sorted(out, key=lambda m: (m.date.start, m.person, m.to_org, m.record))


def find_moves(dataset: Dataset, person: str | None = None, from_org: str | None = None,
               to_org: str | None = None, since: PartialDate | None = None,
               until: PartialDate | None = None) -> list[Move]:
    """Moves filtered by person, origin, destination (entity ids) and a date window; a move
    is kept when its date may fall in the window (``since``/``until`` compare bounds).

    >>> from aigraph.validate import load
    >>> [m.person for m in find_moves(load("graph"), from_org="thinking-machines-lab", to_org="openai")]
    ['barret-zoph', 'luke-metz', 'sam-schoenholz', 'lia-guy']
    """
    return [m for m in moves(dataset)
            if (person is None or m.person == person)
            and (from_org is None or m.from_org == from_org)
            and (to_org is None or m.to_org == to_org)
            and (since is None or m.date.end >= since.start)
            and (until is None or m.date.start <= until.end)]


def boomerangs(dataset: Dataset) -> list[Stint]:
    """Stints in which a person rejoined a former employer: opened by a return, or following
    an earlier stint at the same organisation.

    >>> from aigraph.validate import load
    >>> sorted({(s.person, s.organization) for s in boomerangs(load("graph"))})[:2]
    [('barret-zoph', 'openai'), ('luke-metz', 'openai')]
    """
    first: dict[tuple[str, str], dt.date] = {}  # earliest known date of any stint there
    for st in stints(dataset):
        when = (st.start or st.end).start
        key = (st.person, st.organization)
        first[key] = min(first.get(key, when), when)
    return [st for st in stints(dataset) if st.start is not None and (
        first[(st.person, st.organization)] < st.start.start
        or any(dataset.records[r].kind == "returned" for r in st.opening))]


def affiliations_on(dataset: Dataset, day: dt.date) -> list[Stint]:
    """Stints that may cover ``day`` (known start on or before it, not ended before it).

    >>> import datetime as dt
    >>> from aigraph.validate import load
    >>> sorted(s.person for s in affiliations_on(load("graph"), dt.date(2025, 12, 1))
    ...        if s.organization == "thinking-machines-lab")[:3]
    ['andrew-tulloch', 'barret-zoph', 'john-schulman']
    """
    return [s for s in stints(dataset) if s.active_on(day)]
