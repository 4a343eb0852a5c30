"""The record schema (``schema.yaml``): kinds, roles, edge and money-leg projections.

>>> s = load_schema()
>>> s.kinds["invested"].roles["investor"].many
True
>>> [(l.source, l.target, l.flow) for l in s.kinds["invested"].legs]
[('investor', 'investee', 'money'), ('investee', 'investor', 'equity')]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

COMMON_FIELDS = (
    "id", "kind", "participants", "date", "date_basis", "certainty", "status", "sources",
    "summary", "amount", "quantities", "inferred", "claimed_by", "related",
)
QUANTITY_KEYS = ("gw", "shares", "stake_pct", "term_years", "gpus", "users", "count", "percent",
                 "multiple", "months")


@dataclass(frozen=True)
class Role:
    name: str
    types: tuple[str, ...]
    many: bool
    required: bool
    rdf: str


@dataclass(frozen=True)
class Leg:
    source: str
    target: str
    flow: str  # money | equity | goods | ip
    cls: str  # financing | commercial


@dataclass(frozen=True)
class Kind:
    name: str
    group: str
    rdf_class: str
    description: str
    roles: dict
    edges: tuple[tuple[str, str], ...]
    shortcut: str | None
    fields: tuple[str, ...]
    legs: tuple[Leg, ...]


@dataclass(frozen=True)
class Schema:
    kinds: dict
    entity_types: dict
    organization_kinds: tuple[str, ...]
    product_kinds: tuple[str, ...]
    certainty: tuple[str, ...]
    status: tuple[str, ...]
    metrics: tuple[str, ...]

    def allowed_fields(self, kind: str) -> set[str]:
        return set(COMMON_FIELDS) | set(self.kinds[kind].fields)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


@lru_cache(maxsize=1)
def load_schema() -> Schema:
    raw = yaml.safe_load(resources.files("aigraph").joinpath("schema.yaml").read_text("utf-8"))
    kinds = {}
    for name, k in raw["kinds"].items():
        roles = {
            r: Role(r, tuple(spec["types"]), bool(spec.get("many")), bool(spec.get("required")),
                    spec.get("rdf", _camel(r)))
            for r, spec in k["roles"].items()
        }
        legs = tuple(Leg(l["from"], l["to"], l["flow"], l["class"]) for l in k.get("legs", ()))
        kinds[name] = Kind(name, k["group"], k["rdf_class"], k["description"], roles,
                           tuple(tuple(e) for e in k.get("edges", ())), k.get("shortcut"),
                           tuple(k.get("fields", ())), legs)
    return Schema(kinds, raw["entity_types"], tuple(raw["organization_kinds"]),
                  tuple(raw["product_kinds"]), tuple(raw["certainty"]), tuple(raw["status"]),
                  tuple(raw["metrics"]))
