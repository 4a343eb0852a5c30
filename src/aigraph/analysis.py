"""Graph analyses that return plain data. First: circular-financing loops.

A **circular-financing loop** is a directed cycle of money and equity legs drawn from
distinct records, with at least one financing leg (investment, loan, warrant, equity grant,
stake) and at least one commercial leg (purchase, compute contract, licence, payment): money
or equity goes out as financing and comes back as revenue. The full definition, the
round-trip ratio and every option are in ``docs/cycles.md``.

>>> from aigraph.validate import load
>>> from aigraph.nx_build import money_graph
>>> [loop] = find_loops(money_graph(load("tests/fixtures/mini/graph")))
>>> loop["participants"], loop["flags"]
(['nvidia', 'openai'], ['planned', 'unknown-amount'])
>>> [(leg["from"], leg["to"], leg["kind"], leg["class"]) for leg in loop["legs"]]
[('nvidia', 'openai', 'invested', 'financing'), ('openai', 'nvidia', 'supplies', 'commercial')]
>>> loop["bottleneck_usd"], loop["round_trip_ratio"]
(100000000000.0, None)
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import time
from typing import Iterator

import networkx as nx

from .analysis_cycles import Leg, canonical_rotation, leg_choices, node_cycles, usable_legs
from .model import Dataset
from .nx_build import money_graph
from .resolve import resolve_entity

FLAGS = ("disputed", "inferred", "planned", "unknown-amount")
MAX_PER_CYCLE = 100  # loops listed per cycle of parties by default (see find_loops)
LEG_FIELDS = ("leg", "record", "kind", "flow", "class", "from", "to", "amount", "amount_usd",
              "date", "certainty", "status", "inferred", "sources")


def find_loops(graph: nx.MultiDiGraph, *, max_length: int = 5, window_months: int | None = None,
               confirmed_only: bool = False, through: str | None = None,
               flows=("money", "equity"), include_paid_equity: bool = False,
               max_per_cycle: int | None = MAX_PER_CYCLE) -> list[dict]:
    """The circular-financing loops of ``graph`` (as built by
    :func:`aigraph.nx_build.money_graph`), each once, sorted by length then id.

    * ``max_length``: most parties in a loop (2 or more);
    * ``window_months``: keep loops whose legs could all fall within that many months;
    * ``confirmed_only``: leave out planned, disputed and inferred legs;
    * ``through``: only loops through this entity id;
    * ``flows``: the leg flows that may form loops (``("money",)`` for money-only loops);
    * ``include_paid_equity``: also let the shares an investor receives for its money close
      a loop (off by default: that equity was paid for, so no value goes round);
    * ``max_per_cycle``: most loops listed for one cycle of parties (parallel legs between
      hubs multiply); the most solid leg combinations come first and the loops of a cycle
      that had more are marked ``capped``. ``None`` lists them all.

    Cancelled deals never take part. Each loop is a dict: ``id``, ``participants`` (loop
    order, starting at the smallest id), ``labels``, ``length``, ``legs`` (one per hop, with
    the fields in ``LEG_FIELDS``), ``bottleneck_usd``, ``round_trip_ratio``, ``flags``,
    ``financing_legs``, ``commercial_legs``, ``capped``.
    """
    with _no_gc_pauses():  # millions of small dicts on hubs: cyclic GC passes would dominate
        out = list(iter_loops(graph, max_length=max_length, window_months=window_months,
                              confirmed_only=confirmed_only, through=through, flows=flows,
                              include_paid_equity=include_paid_equity,
                              max_per_cycle=max_per_cycle))
        out.sort(key=lambda loop: (loop["length"], loop["id"]))
    return out


def iter_loops(graph: nx.MultiDiGraph, *, max_length: int = 5, window_months: int | None = None,
               confirmed_only: bool = False, through: str | None = None,
               flows=("money", "equity"), include_paid_equity: bool = False,
               max_per_cycle: int | None = MAX_PER_CYCLE) -> Iterator[dict]:
    """The loops of :func:`find_loops` one at a time, in discovery order (not sorted): to
    count them, or stop early, on graphs with more loops than fit in memory.

    >>> from aigraph.validate import load
    >>> sum(1 for _ in iter_loops(money_graph(load("tests/fixtures/mini/graph"))))
    1
    """
    if max_length < 2:
        raise ValueError(f"max_length must be at least 2 (got {max_length}): a loop needs two parties")
    if window_months is not None and window_months < 0:
        raise ValueError(f"window_months must not be negative (got {window_months})")
    if max_per_cycle is not None and max_per_cycle < 1:
        raise ValueError(f"max_per_cycle must be at least 1 (got {max_per_cycle})")
    legs = usable_legs(graph, tuple(flows), confirmed_only, include_paid_equity, window_months)
    collapsed = nx.DiGraph()
    collapsed.add_edges_from(legs)
    return _generate(graph, collapsed, legs, max_length, through, max_per_cycle)


def _generate(graph, collapsed, legs, max_length, through, cap) -> Iterator[dict]:
    rows: dict = {}
    for cycle in node_cycles(collapsed, max_length, through):
        cycle = canonical_rotation(cycle)
        choices = leg_choices(cycle, legs)
        batch = list(itertools.islice(choices, cap)) if cap else list(choices)
        capped = cap is not None and next(choices, None) is not None
        head = (">".join(cycle) + "~", [graph.nodes[n].get("label", n) for n in cycle], capped)
        for chosen in batch:
            yield _loop(cycle, head, chosen, rows)


@contextlib.contextmanager
def _no_gc_pauses():
    """Pause the cyclic garbage collector (the loops hold no reference cycles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def loops(dataset: Dataset, *, include_disputed: bool = False, through: str | None = None,
          **options) -> list[dict]:
    """The loops of a dataset: builds the money graph and calls :func:`find_loops`.

    ``through`` may be an id or any name or alias of the entity, in any script (an unknown
    name raises :class:`aigraph.resolve.EntityNotFound`, a ``LookupError``);
    ``include_disputed`` adds the legs of disputed records (flagged ``disputed``).

    >>> from aigraph.validate import load
    >>> [loop["id"] for loop in loops(load("tests/fixtures/mini/graph"), through="英偉達")]
    ['nvidia>openai~ddebb6416b43']
    """
    anchor = resolve_entity(dataset, through).id if through is not None else None
    graph = money_graph(dataset, include_disputed=include_disputed)
    return find_loops(graph, through=anchor, **options)


def timed_find_loops(graph: nx.MultiDiGraph, **options) -> tuple[list[dict], float]:
    """:func:`find_loops` and the seconds it took (wall clock), for benchmarks.

    >>> found, seconds = timed_find_loops(nx.MultiDiGraph())
    >>> found, seconds >= 0
    ([], True)
    """
    started = time.perf_counter()
    found = find_loops(graph, **options)
    return found, time.perf_counter() - started


def _loop(cycle: list[str], head: tuple, chosen: tuple[Leg, ...], rows: dict) -> dict:
    """One loop dict. ``head`` holds what a cycle's loops share (id prefix, labels, capped
    mark); ``rows`` caches each leg's row, of which every loop gets its own copy."""
    known = [leg.amount_usd for leg in chosen if leg.amount_usd is not None]
    bottleneck = min(known) if known else None
    ratio = None
    if len(known) == len(chosen) and max(known) > 0:
        ratio = round(bottleneck / max(known), 4)
    digest = hashlib.sha256("|".join(leg.token for leg in chosen).encode()).hexdigest()
    financing = sum(leg.cls == "financing" for leg in chosen)
    return {
        "id": head[0] + digest[:12],
        "participants": list(cycle),
        "labels": list(head[1]),
        "length": len(cycle),
        "legs": [dict(rows.get(leg.key) or rows.setdefault(leg.key, _leg_row(leg))) for leg in chosen],
        "bottleneck_usd": bottleneck,
        "round_trip_ratio": ratio,
        "flags": sorted(frozenset().union(*(leg.flags for leg in chosen))),
        "financing_legs": financing,
        "commercial_legs": len(chosen) - financing,
        "capped": head[2],
    }


def _leg_row(leg: Leg) -> dict:
    d = leg.attrs
    return {
        "leg": leg.key, "record": leg.record, "kind": d.get("kind"), "flow": leg.flow,
        "class": leg.cls, "from": leg.source, "to": leg.target, "amount": d.get("amount"),
        "amount_usd": leg.amount_usd, "date": d.get("date"), "certainty": d.get("certainty"),
        "status": d.get("status"), "inferred": bool(d.get("inferred")), "sources": d.get("sources"),
    }
