"""The cycle search behind :func:`aigraph.analysis.find_loops`.

Three steps, each cheap on its own:

1. :func:`usable_legs` keeps the money-graph edges that may take part in a loop and groups
   them by ``(from, to)`` pair (parallel legs stay apart, keyed by leg id);
2. the pairs form a plain ``DiGraph`` whose simple cycles up to ``k`` hops are enumerated by
   :func:`all_cycles` (or :func:`anchored_cycles` when the loops must pass through one
   entity): bounded depth-first walks inside strongly connected components, pruned by
   distances back to the start. ``networkx.simple_cycles(length_bound=k)`` gives the same
   cycles but recomputes components per node, which took ~300 times longer on a sparse graph
   of 25,000 legs;
3. :func:`leg_choices` expands each node cycle back into one leg per hop, pruning as it
   goes (distinct records, time window, financing + commercial), so hubs with many parallel
   legs never build the full product of choices.

>>> H = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "a")])
>>> sorted(anchored_cycles(H, "c", 3))
[['c', 'a', 'b']]
>>> add_months(dt.date(2025, 1, 31), 1)
datetime.date(2025, 2, 28)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import networkx as nx

from .schema import load_schema

CLASSES = frozenset({"financing", "commercial"})
BITS = {"financing": 1, "commercial": 2}
BOTH = 3  # a loop needs a financing bit and a commercial bit


@dataclass(frozen=True)
class Leg:
    """One money-graph edge that may take part in a loop."""

    key: str  # the leg id (edge key)
    source: str
    target: str
    record: str
    flow: str
    cls: str  # financing | commercial
    start: dt.date  # earliest date the record's date allows
    end: dt.date  # latest date the record's date allows
    amount_usd: float | None
    attrs: dict = field(compare=False, hash=False)
    flags: frozenset = frozenset()  # planned | disputed | inferred | unknown-amount
    token: str = ""  # what identifies the leg within a loop: "record:flow"
    deadline: dt.date = dt.date.max  # with a window: the latest start any other leg may have


@lru_cache(maxsize=1)
def paid_equity_kinds() -> frozenset[str]:
    """Kinds whose equity leg is paid for by a money leg of the same record running the other
    way (an investor's shares): the equity is the price of that money, not value given away.

    >>> sorted(paid_equity_kinds())
    ['invested']
    """
    out = set()
    for name, kind in load_schema().kinds.items():
        for eq in kind.legs:
            if eq.flow == "equity" and any(
                    m.flow == "money" and (m.source, m.target) == (eq.target, eq.source)
                    for m in kind.legs):
                out.add(name)
    return frozenset(out)


def excluded_reason(attrs: dict, flows, confirmed_only: bool, include_paid_equity: bool):
    """Why an edge cannot take part in a loop (None when it can)."""
    if attrs.get("flow") not in flows:
        return "flow"
    if attrs.get("leg_class") not in CLASSES:
        return "class"
    if attrs.get("status") == "cancelled":
        return "cancelled"
    if not include_paid_equity and attrs["flow"] == "equity" and attrs.get("kind") in paid_equity_kinds():
        return "paid-equity"
    if confirmed_only and (attrs.get("status") == "planned" or attrs.get("certainty") == "disputed"
                           or attrs.get("inferred")):
        return "unconfirmed"
    return None


def usable_legs(graph: nx.MultiDiGraph, flows, confirmed_only: bool, include_paid_equity: bool,
                window_months: int | None = None) -> dict[tuple[str, str], list[Leg]]:
    """The legs that may close a loop, grouped by (from, to): fewest flags first, then by id."""
    out: dict[tuple[str, str], list[Leg]] = {}
    for u, v, key, d in graph.edges(keys=True, data=True):
        if u == v or excluded_reason(d, flows, confirmed_only, include_paid_equity):
            continue
        usd = d.get("amount_usd")
        end = _day(d["date_end"])
        out.setdefault((u, v), []).append(Leg(
            str(key), u, v, d["record"], d["flow"], d["leg_class"], _day(d["date_start"]), end,
            None if usd is None else float(usd), d, leg_flags(d), f"{d['record']}:{d['flow']}",
            dt.date.max if window_months is None else add_months(end, window_months)))
    for legs in out.values():
        legs.sort(key=lambda leg: (len(leg.flags), leg.key))  # most solid first
    return out


def leg_flags(attrs: dict) -> frozenset[str]:
    """The loop flags one leg raises."""
    flags = set()
    if attrs.get("status") == "planned":
        flags.add("planned")
    if attrs.get("certainty") == "disputed":
        flags.add("disputed")
    if attrs.get("inferred"):
        flags.add("inferred")
    if attrs.get("amount_usd") is None:
        flags.add("unknown-amount")
    return frozenset(flags)


@lru_cache(maxsize=65536)
def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def anchored_cycles(graph: nx.DiGraph, anchor: str, max_length: int) -> Iterator[list[str]]:
    """Every simple cycle of at most ``max_length`` hops through ``anchor``, starting there."""
    if anchor not in graph:
        return iter(())
    succ = {n: list(graph.successors(n)) for n in graph}
    pred = {n: list(graph.predecessors(n)) for n in graph}
    return _anchored(succ, pred, anchor, max_length, set())


def _anchored(succ: dict, pred: dict, anchor: str, max_length: int, done: set) -> Iterator[list[str]]:
    """Cycles through ``anchor`` that avoid the ``done`` nodes: a depth-first walk that only
    enters nodes which can still get back to the anchor within the hops left (their distance
    to it comes from a bounded reverse breadth-first search)."""
    back, frontier = {anchor: 0}, [anchor]
    for depth in range(1, max_length):
        ahead = []
        for node in frontier:
            for p in pred.get(node, ()):
                if p not in back and p not in done:
                    back[p] = depth
                    ahead.append(p)
        frontier = ahead
    path, on_path = [anchor], {anchor}

    def walk(node: str) -> Iterator[list[str]]:
        for nxt in succ.get(node, ()):
            if nxt == anchor:
                if len(path) > 1:
                    yield list(path)
            elif nxt in back and nxt not in on_path and len(path) + back[nxt] <= max_length:
                path.append(nxt)
                on_path.add(nxt)
                yield from walk(nxt)
                path.pop()
                on_path.discard(nxt)

    return walk(anchor)


def all_cycles(graph: nx.DiGraph, max_length: int) -> Iterator[list[str]]:
    """Every simple cycle of 2..max_length nodes, each once.

    Only edges inside a strongly connected component can lie on a cycle. Each node in turn
    (best-connected first) is the anchor of the cycles that avoid the nodes already done, so
    the hubs are searched from once and then never walked through again.
    """
    component = {}
    for i, nodes in enumerate(nx.strongly_connected_components(graph)):
        if len(nodes) > 1:
            component.update(dict.fromkeys(nodes, i))
    succ: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    for u, v in graph.edges():
        if u in component and component[u] == component.get(v):
            succ.setdefault(u, []).append(v)
            pred.setdefault(v, []).append(u)
    order = sorted(succ, key=lambda n: (-len(succ[n]) - len(pred.get(n, ())), n))
    done: set[str] = set()
    for anchor in order:
        yield from _anchored(succ, pred, anchor, max_length, done)
        done.add(anchor)


def node_cycles(graph: nx.DiGraph, max_length: int, through: str | None) -> Iterator[list[str]]:
    """Simple cycles of 2..max_length nodes (through one node when asked), each once."""
    if through is not None:
        return anchored_cycles(graph, through, max_length)
    return all_cycles(graph, max_length)


def canonical_rotation(cycle: list[str]) -> list[str]:
    """The rotation that starts at the smallest id, so each loop has one spelling.

    >>> canonical_rotation(["openai", "amd"])
    ['amd', 'openai']
    """
    i = cycle.index(min(cycle))
    return cycle[i:] + cycle[:i]


@lru_cache(maxsize=4096)
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the end of a shorter month."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    if year > dt.MAXYEAR:
        return dt.date.max
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def leg_choices(cycle: list[str], legs: dict[tuple[str, str], list[Leg]]) -> Iterator[tuple[Leg, ...]]:
    """One leg per hop of ``cycle`` (closing back to its start), from distinct records, with
    at least one financing and one commercial leg, and dates that fit the window the legs'
    ``deadline`` encodes (no leg may start after another leg's deadline).

    An iterative depth-first walk over the hops that prunes as soon as a record repeats, the
    window breaks or the hops left can no longer supply a missing class.
    """
    hops = [legs[(u, v)] for u, v in zip(cycle, cycle[1:] + cycle[:1])]
    n = len(hops)
    later = [0] * (n + 1)  # class bits still available from hop i on
    for i in range(n - 1, -1, -1):
        later[i] = later[i + 1] | sum({BITS[leg.cls] for leg in hops[i]})
    if later[0] != BOTH:
        return
    chosen: list = [None] * n
    records: set[str] = set()
    # per depth: the earliest deadline and latest start so far, the class bits so far
    deadline, start, bits = [dt.date.max] * (n + 1), [dt.date.min] * (n + 1), [0] * (n + 1)
    position = [0] * n
    i = 0
    while i >= 0:
        hop, p, descended = hops[i], position[i], False
        while p < len(hop):
            leg = hop[p]
            p += 1
            if leg.record in records:
                continue
            lo = deadline[i] if deadline[i] < leg.deadline else leg.deadline
            hi = start[i] if start[i] > leg.start else leg.start
            got = bits[i] | BITS[leg.cls]
            if hi > lo or got | later[i + 1] != BOTH:
                continue
            chosen[i] = leg
            if i + 1 == n:
                yield tuple(chosen)
                continue
            position[i] = p
            records.add(leg.record)
            deadline[i + 1], start[i + 1], bits[i + 1] = lo, hi, got
            i += 1
            position[i] = 0
            descended = True
            break
        if not descended:
            i -= 1
            if i >= 0:
                records.discard(chosen[i].record)
