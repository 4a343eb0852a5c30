"""What every page embeds: colours, legends, filters, search index, date bounds.

A page's data is one JSON object (see docs/pages.md). Its parts:

* ``vis``: the pyvis network (nodes, edges, options);
* ``facts``: what the filters act on: ``{id: {"record", "f": {filter: value}, "s", "e",
  "label", "title"}}``; each vis edge lists its facts in ``edge_facts`` and is shown
  while any of them passes the filters (dates: the fact's ``s``–``e`` overlaps the range);
* ``entities``: labels, names and match keys of every entity a page mentions;
* ``records``/``sources``: what the side panel shows for a fact.
"""
from __future__ import annotations

from ..model import Dataset
from .info import entity_info, panel_data
from .search import js_patterns, name_keys, t2s_pairs

NODE_COLORS = {"person": "#4e79a7", "organization": "#f28e2b", "product": "#59a14f"}
GROUP_COLORS = {"talent": "#76b7b2", "capital": "#e15759", "product": "#8c6d31", "metric": "#9d9d9d"}
FLOW_COLORS = {"money": "#2f9e44", "equity": "#9c36b5", "goods": "#e8590c", "ip": "#1971c2"}
CERTAINTY = ("confirmed", "reported", "alleged", "disputed")
STATUS = ("planned", "announced", "completed", "cancelled")
DASHED = ("alleged", "disputed")


def is_dashed(certainty: str, inferred: bool) -> bool:
    return certainty in DASHED or inferred


def node_spec(dataset: Dataset, ident: str, value: int) -> dict:
    """A vis node for an entity: coloured by type, sized by ``value`` (its fact count)."""
    e = dataset.entities[ident]
    color = NODE_COLORS.get(e.type, "#bab0ac")
    return {"id": ident, "label": e.name, "title": e.description or e.name, "value": max(value, 1),
            "color": {"background": color, "border": "#333333",
                      "highlight": {"background": color, "border": "#000000"}}}


def entities_data(dataset: Dataset, ids) -> dict:
    """Panel and search data of some entities: info plus match keys of every spelling."""
    out = {}
    for ident in sorted(set(ids)):
        e = dataset.entities[ident]
        info = entity_info(e)
        info["keys"] = name_keys((e.id, *e.all_names()))
        out[ident] = info
    return out


def filter_spec(key: str, label: str, values, counts: dict, colors: dict | None = None) -> dict:
    """A filter group: only the values that occur, in the given order, with their counts."""
    return {"key": key, "label": label,
            "options": [[v, v.replace("_", " "), (colors or {}).get(v, ""), counts[v]]
                        for v in values if counts.get(v)]}


def count(facts: dict, key: str) -> dict:
    out: dict[str, int] = {}
    for fact in facts.values():
        v = fact["f"][key]
        out[v] = out.get(v, 0) + 1
    return out


def date_bounds(facts: dict) -> list[str]:
    """``[first month, last month]`` over the facts (``YYYY-MM``), or empty."""
    starts = [f["s"] for f in facts.values()]
    ends = [f["e"] for f in facts.values()]
    return [min(starts)[:7], max(ends)[:7]] if starts else []


def assemble(dataset: Dataset, *, page: str, title: str, heading: str, vis: dict, facts: dict,
             edge_facts: dict, entity_ids, record_ids, filters: list, legend: dict,
             **extra) -> dict:
    """The page's JSON object; every mapping is sorted when serialised. Entities named by
    the embedded records (participants, claimants) are added to ``entity_ids``."""
    panel = panel_data(dataset, record_ids)
    ids = set(entity_ids)
    for rec in panel["records"].values():
        ids.update(i for _, members in rec["participants"] for i in members)
        ids.update(rec.get("claimed_by", ()))
    entities = entities_data(dataset, ids & set(dataset.entities))
    data = {
        "page": page, "title": title, "heading": heading, "vis": vis, "facts": facts,
        "edge_facts": edge_facts, "entities": entities, "filters": filters, "legend": legend,
        "dates": date_bounds(facts),
        "t2s": t2s_pairs(k for info in entities.values() for k in info["keys"]),
        "patterns": js_patterns(),
        **panel,
    }
    data.update(extra)
    return data
