"""Everything the graph says about one entity, for ``aigraph show``: names, the roles it
plays, its stints and moves (people) or the people and moves through it (organisations),
and every fact it takes part in with the article lines that support it.

>>> from aigraph.validate import load
>>> p = profile(load("graph"), "noam-shazeer")
>>> [(s.organization, s.start and s.start.text) for s in p.stints][:3]
[('google', None), ('character-ai', '2021'), ('google', '2024')]
>>> p.facts[0].sources[0].title[:6]
'全网吹爆 N'
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Dataset, Entity, Record
from .talent import Move, Stint, moves, stints


@dataclass(frozen=True)
class Cited:
    source: str
    title: str
    line: int
    note: str | None


@dataclass(frozen=True)
class Fact:
    record: Record
    roles: tuple[str, ...]  # the entity's roles in the record (``claimed_by`` included)
    others: tuple[tuple[str, str], ...]  # (role, entity id) of every other participant
    sources: tuple[Cited, ...]


@dataclass(frozen=True)
class Profile:
    entity: Entity
    roles: dict[str, int]  # role → number of records
    stints: list[Stint]  # a person's stints, or the stints at an organisation
    moves: list[Move]  # a person's moves, or the moves into and out of an organisation
    facts: list[Fact]  # every record the entity takes part in, oldest first


def cited(dataset: Dataset, record: Record) -> tuple[Cited, ...]:
    """The record's citations with their articles' titles."""
    out = []
    for c in record.sources:
        src = dataset.sources.get(c.source)
        out.append(Cited(c.source, src.title if src else c.source, c.line, c.note))
    return tuple(out)


def _fact(dataset: Dataset, rec: Record, ident: str) -> Fact | None:
    roles = [role for role, ids in rec.participants.items() if ident in ids]
    if ident in rec.lead:
        roles.append("lead")
    if ident in rec.claimed_by:
        roles.append("claimed_by")
    if not roles:
        return None
    others = tuple((role, other) for role, ids in rec.participants.items() for other in ids
                   if other != ident)
    return Fact(rec, tuple(roles), others, cited(dataset, rec))


def profile(dataset: Dataset, ident: str) -> Profile:
    """The profile of the entity ``ident`` (an id; see :mod:`aigraph.resolve` for names)."""
    entity = dataset.entity(ident)
    facts = [f for rec in dataset.records.values() if (f := _fact(dataset, rec, entity.id))]
    facts.sort(key=lambda f: (f.record.date.start, f.record.date.end, f.record.id))
    roles: dict[str, int] = {}
    for f in facts:
        for role in f.roles:
            roles[role] = roles.get(role, 0) + 1
    all_stints = stints(dataset)
    if entity.type == "person":
        mine = [s for s in all_stints if s.person == entity.id]
        its_moves = [m for m in moves(dataset, all_stints) if m.person == entity.id]
    else:
        mine = [s for s in all_stints if s.organization == entity.id]
        its_moves = [m for m in moves(dataset, all_stints) if entity.id in (m.from_org, m.to_org)]
    return Profile(entity, dict(sorted(roles.items())), mine, its_moves, facts)
