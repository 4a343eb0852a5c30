"""Names in any script: find the entity a user means.

Every spelling of an entity (its id, names in every language, aliases, misspellings) is
compared by :func:`aigraph.names.match_key`, which ignores case, full-/half-width forms,
simplified vs traditional Chinese and punctuation. So 英伟达, 英偉達, NVIDIA and ｎｖｉｄｉａ all
name Nvidia.

>>> from aigraph.validate import load
>>> ds = load("graph")
>>> {resolve_entity(ds, n).id for n in ("英伟达", "英偉達", "NVIDIA", "nvidia", "ＮＶＩＤＩＡ")}
{'nvidia'}
>>> resolve_entity(ds, "Barret Zop")
Traceback (most recent call last):
...
aigraph.resolve.EntityNotFound: no entity is called 'Barret Zop'; closest matches: Barret Zoph (barret-zoph)
"""
from __future__ import annotations

import difflib
import weakref
from dataclasses import dataclass

from .model import Dataset, Entity
from .names import match_key


class RequestError(Exception):
    """A mistake in what a user asked for (an unknown name, query or parameter). The CLI
    prints it as ``error: …`` and exits 2."""


class EntityNotFound(RequestError, LookupError):
    """No entity (or more than one) answers to a name; ``matches`` holds the closest ones."""

    def __init__(self, message: str, matches: list["Match"] | None = None):
        super().__init__(message)
        self.matches = matches or []


@dataclass(frozen=True)
class Match:
    entity: Entity
    spelling: str  # the name, alias or id that matched
    score: float  # 1.0 = the same name; lower = prefix, substring, then fuzzy
    how: str  # exact | prefix | substring | contains | fuzzy

    def label(self) -> str:
        return f"{self.entity.name} ({self.entity.id})"


class _Index:
    def __init__(self, dataset: Dataset):
        self.keys: dict[str, dict[str, str]] = {}  # match key -> {entity id: spelling}
        self.spellings: list[tuple[str, str, Entity]] = []  # (key, spelling, entity)
        for e in dataset.entities.values():
            for spelling in (*e.all_names(), e.id):
                key = match_key(spelling)
                if key:
                    self.keys.setdefault(key, {}).setdefault(e.id, spelling)
                    self.spellings.append((key, spelling, e))


_INDEXES: dict[int, tuple[weakref.ref, _Index]] = {}


def _index(dataset: Dataset) -> _Index:
    hit = _INDEXES.get(id(dataset))
    if hit is not None and hit[0]() is dataset:
        return hit[1]
    index = _Index(dataset)
    _INDEXES[id(dataset)] = (weakref.ref(dataset, lambda _r, k=id(dataset): _INDEXES.pop(k, None)), index)
    return index


def _allowed(e: Entity, types) -> bool:
    return types is None or e.type in types


def _from_iri(dataset: Dataset, text: str) -> Entity | None:
    """``…/id/org/openai`` → the entity ``openai`` (any base)."""
    parts = text.rstrip("/").split("/")
    if len(parts) >= 3 and parts[-3] == "id" and text.startswith(("http://", "https://")):
        ident = parts[-1]
        if ident in dataset.entities or ident in dataset.redirects:
            return dataset.entity(ident)
    return None


def resolve_entity(dataset: Dataset, text: str, types: tuple[str, ...] | None = None) -> Entity:
    """The one entity called ``text`` (id, IRI, name, alias or misspelling, in any script,
    case or width), optionally only among ``types`` (``person``, ``organization``,
    ``product``). Raises :class:`EntityNotFound` listing the closest matches.

    >>> from aigraph.validate import load
    >>> resolve_entity(load("graph"), "a16z").id
    'andreessen-horowitz'
    """
    text = text.strip()
    kinds = " or ".join(types) if types else "entity"
    if not text:
        raise EntityNotFound(f"an empty name names no {kinds}")
    direct = None
    if text in dataset.entities or text in dataset.redirects:
        direct = dataset.entity(text)
    else:
        direct = _from_iri(dataset, text)
    if direct is not None and _allowed(direct, types):
        return direct
    hits = _index(dataset).keys.get(match_key(text), {})
    found = [dataset.entities[i] for i in sorted(hits) if _allowed(dataset.entities[i], types)]
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{e.name} ({e.id}, {e.type})" for e in found)
        raise EntityNotFound(f"{text!r} is ambiguous: it names {listed}; give an id",
                             [Match(e, hits[e.id], 1.0, "exact") for e in found])
    close = search(dataset, text, types, limit=5)
    what = f"no {kinds} is called {text!r}"
    others = [direct] if direct is not None else [dataset.entities[i] for i in sorted(hits)]
    if others:
        what += " (it names " + ", ".join(
            f"{e.name} ({e.id}), {'an' if e.type[0] in 'aeiou' else 'a'} {e.type}" for e in others) + ")"
    if close:
        what += "; closest matches: " + ", ".join(m.label() for m in close)
    raise EntityNotFound(what, close)


def _score(query: str, key: str) -> tuple[float, str] | None:
    if key == query:
        return 1.0, "exact"
    if key.startswith(query):
        return 0.8 + 0.1 * len(query) / len(key), "prefix"
    if query in key:
        return 0.6 + 0.2 * len(query) / len(key), "substring"
    if len(key) >= 3 and key in query and len(key) * 2 >= len(query):
        return 0.5 + 0.1 * len(key) / len(query), "contains"
    if len(query) < 4:  # too short for spelling mistakes to be told from other names
        return None
    matcher = difflib.SequenceMatcher(None, query, key, autojunk=False)
    if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
        return None
    ratio = matcher.ratio()
    return (0.5 * ratio, "fuzzy") if ratio >= 0.6 else None


def search(dataset: Dataset, text: str, types: tuple[str, ...] | None = None,
           limit: int | None = None) -> list[Match]:
    """Entities whose spellings match ``text``, best first: the same name, then names that
    start with it, contain it or are contained in it, then close spellings (fuzzy).

    >>> from aigraph.validate import load
    >>> [m.entity.id for m in search(load("graph"), "thinking machine")][:1]
    ['thinking-machines-lab']
    >>> [(m.entity.id, m.how) for m in search(load("graph"), "輝達")]
    [('nvidia', 'exact')]
    """
    query = match_key(text)
    if not query:
        return []
    literal = text.strip().casefold()
    best: dict[str, tuple] = {}
    for key, spelling, entity in _index(dataset).spellings:
        if not _allowed(entity, types):
            continue
        scored = _score(query, key)
        if scored is None:
            continue
        score, how = scored
        rank = (score, spelling.casefold() == literal)  # among equals, the spelling as typed
        if entity.id not in best or rank > best[entity.id][0]:
            best[entity.id] = (rank, Match(entity, spelling, round(score, 3), how))
    best = {k: v[1] for k, v in best.items()}
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.entity.name.casefold(), m.entity.id))
    return ranked[:limit] if limit else ranked
