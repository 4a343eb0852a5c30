"""Parse ``records:`` entries into :class:`~aigraph.model.Record`, reporting every problem."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from types import MappingProxyType
from importlib import resources

from .dates import parse_date
from .model import Amount, Citation, Quantity, Record, Where, freeze
from .names import KEBAB, match_key
from .problems import did_you_mean
from .schema import QUANTITY_KEYS
from .yamlio import LDict

TYPE_WORDS = {"person": "person", "organization": "organisation", "product": "product"}


@lru_cache(maxsize=1)
def currencies() -> frozenset[str]:
    text = resources.files("aigraph").joinpath("iso4217.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def _decimal(value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidOperation
    d = Decimal(str(value).replace(",", "").replace("_", ""))
    if not d.is_finite():
        raise InvalidOperation
    return d


class RecordParser:
    def __init__(self, schema, entities, redirects, sources, report, broken=frozenset()):
        self.schema, self.entities, self.redirects, self.sources = schema, entities, redirects, sources
        self.report = report
        # when a file of sources or entities could not be read, unknown ids are expected:
        # stay quiet about them rather than bury the one real error
        self.quiet_sources = "sources" in broken
        self.quiet_entities = bool(set(broken) & {"people", "organizations", "products", "redirects"})
        self.by_name: dict[str, set[str]] = {}
        for ent in entities.values():
            for n in (ent.id, *ent.all_names()):
                self.by_name.setdefault(match_key(n), set()).add(ent.id)

    # -- helpers --------------------------------------------------------------
    def resolve(self, value, path, line, types, what) -> str | None:
        """Entity id for ``value`` (an id or redirected id); report unknown ids."""
        if not isinstance(value, str):
            self.report(path, line, f"{what}: expected an entity id, got {value!r}")
            return None
        ident = self.redirects.get(value, value)
        if ident in self.entities:
            ent = self.entities[ident]
            if types and ent.type not in types:
                want = " or ".join(TYPE_WORDS[t] for t in types)
                self.report(path, line, f"{what}: '{value}' is a {TYPE_WORDS[ent.type]}, expected {want}")
                return None
            return ident
        if self.quiet_entities:
            return None
        word = TYPE_WORDS[types[0]] if types and len(types) == 1 else "entity"
        named = sorted(self.by_name.get(match_key(value), ()))
        hint = f"did you mean {named[0]!r}?" if named else did_you_mean(
            value, [e.id for e in self.entities.values() if not types or e.type in types])
        self.report(path, line, f"unknown {word} '{value}'", hint)
        return None

    def amount(self, raw, path, line, what) -> Amount | None:
        if not isinstance(raw, dict):
            self.report(path, line, f"{what} must be a mapping like {{value: 100, currency: USD}}")
            return None
        ok = True
        unknown = set(raw) - {"value", "min", "max", "currency", "approximate", "usd", "as_reported"}
        for key in sorted(unknown):
            self.report(path, raw.line_of(key), f"unknown field '{key}' in {what}",
                        did_you_mean(key, ["value", "min", "max", "currency", "approximate", "usd", "as_reported"]))
        nums = {}
        for key in ("value", "min", "max", "usd"):
            if raw.get(key) is None:
                continue
            try:
                nums[key] = _decimal(raw[key])
            except InvalidOperation:
                self.report(path, raw.line_of(key), f"{what}.{key} is not a number: {raw[key]!r}")
                ok = False
                continue
            if nums[key] < 0:
                self.report(path, raw.line_of(key), f"{what}.{key} is negative: {raw[key]}",
                            "amounts are non-negative; model refunds as a flow the other way")
                ok = False
        if not any(k in nums for k in ("value", "min", "max")) and ok:
            self.report(path, line, f"{what} needs a value, min or max")
            ok = False
        if "min" in nums and "max" in nums and nums["min"] > nums["max"]:
            self.report(path, raw.line_of("min"), f"{what}: min is greater than max")
            ok = False
        currency = raw.get("currency")
        if currency not in currencies():
            hint = "use an ISO 4217 code such as USD"
            if isinstance(currency, str) and currency.upper() in currencies():
                hint = f"did you mean '{currency.upper()}'?"
            self.report(path, raw.line_of("currency"), f"unknown currency {currency!r} in {what}", hint)
            ok = False
        if not ok:
            return None
        return Amount(currency, nums.get("value"), nums.get("min"), nums.get("max"),
                      bool(raw.get("approximate", False)), nums.get("usd"),
                      str(raw["as_reported"]) if raw.get("as_reported") is not None else None)

    def quantities(self, raw, path, line) -> dict[str, Quantity]:
        out = {}
        if not isinstance(raw, dict):
            self.report(path, line, "quantities must be a mapping like {gw: 10}")
            return out
        for key, value in raw.items():
            kline = raw.line_of(key)
            if key not in QUANTITY_KEYS:
                self.report(path, kline, f"unknown quantity '{key}'",
                            did_you_mean(key, QUANTITY_KEYS) or "one of: " + ", ".join(QUANTITY_KEYS))
                continue
            spec = value if isinstance(value, dict) else {"value": value}
            try:
                nums = {k: _decimal(spec[k]) for k in ("value", "min", "max") if spec.get(k) is not None}
            except InvalidOperation:
                self.report(path, kline, f"quantity '{key}' is not a number: {value!r}")
                continue
            if not nums or any(v < 0 for v in nums.values()):
                self.report(path, kline, f"quantity '{key}' needs a non-negative value, min or max")
                continue
            out[key] = Quantity(nums.get("value"), nums.get("min"), nums.get("max"),
                                bool(spec.get("approximate", False)))
        return out

    def citations(self, raw, path, line, rid) -> tuple[Citation, ...]:
        if not isinstance(raw, list) or not raw:
            self.report(path, line, f"record '{rid}' has no sources", "every fact cites ≥ 1 {source, line, note}")
            return ()
        out = []
        for i, c in enumerate(raw):
            cline = raw.line_of(i)
            if not isinstance(c, dict):
                self.report(path, cline, "a source reference must be {source, line, note}")
                continue
            sid, num = c.get("source"), c.get("line")
            for key in sorted(set(c) - {"source", "line", "note", "context"}, key=str):
                self.report(path, c.line_of(key), f"unknown field '{key}' in source reference",
                            "quote the note: an unquoted ',' or ': ' inside {…} starts a new field"
                            if " " in str(key) else "allowed: source, line, context, note")
            if sid not in self.sources:
                if self.quiet_sources:
                    continue
                self.report(path, c.line_of("source"), f"unknown source '{sid}'",
                            did_you_mean(str(sid), self.sources))
                continue
            if isinstance(num, bool) or not isinstance(num, int) or num < 1:
                self.report(path, c.line_of("line"), f"source reference needs a line number ≥ 1, got {num!r}")
                continue
            context = _as_list(c.get("context"))
            if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in context):
                self.report(path, c.line_of("context"), f"context must be a list of line numbers, got {context!r}")
                continue
            out.append(Citation(sid, num, c.get("note"), tuple(context), Where(path, cline)))
        return tuple(out)

    # -- records ---------------------------------------------------------------
    def parse_all(self, items) -> dict[str, Record]:
        records: dict[str, Record] = {}
        pending_links = []
        for path, item in items:
            rec = self.parse(path, item)
            if rec is None:
                continue
            if rec.id in records:
                self.report(path, item.line, f"duplicate record id '{rec.id}'",
                            f"first defined at {records[rec.id].where}")
                continue
            records[rec.id] = rec
            pending_links.append((path, item, rec))
        for path, item, rec in pending_links:
            for rid in rec.related:
                if rid not in records:
                    self.report(path, item.line_of("related"), f"unknown record '{rid}' in related",
                                did_you_mean(rid, records))
        return records

    def parse(self, path, item: LDict) -> Record | None:
        rid = item.get("id")
        if not isinstance(rid, str) or not KEBAB.match(rid):
            self.report(path, item.line_of("id"), f"bad or missing record id {rid!r}", "use kebab-case")
            return None
        kind_name = item.get("kind")
        kind = self.schema.kinds.get(kind_name)
        if kind is None:
            self.report(path, item.line_of("kind"), f"unknown kind {kind_name!r} in record '{rid}'",
                        did_you_mean(str(kind_name), self.schema.kinds))
            return None
        allowed = self.schema.allowed_fields(kind.name)
        for key in item:
            if key not in allowed:
                self.report(path, item.line_of(key), f"field '{key}' is not allowed on a '{kind.name}' record",
                            did_you_mean(str(key), allowed))
        ok = True
        parts = self.participants(item, path, kind, rid)
        if parts is None:
            ok = False
        date = None
        if item.get("date") is None:
            self.report(path, item.line, f"record '{rid}' has no date")
            ok = False
        else:
            try:
                date = parse_date(item["date"], allow_periods=False)
            except ValueError as exc:
                self.report(path, item.line_of("date"), str(exc))
                ok = False
        for axis, choices in (("certainty", self.schema.certainty), ("status", self.schema.status)):
            if item.get(axis) not in choices:
                self.report(path, item.line_of(axis), f"bad {axis} {item.get(axis)!r} in record '{rid}'",
                            did_you_mean(str(item.get(axis)), choices) or "one of: " + ", ".join(choices))
                ok = False
        sources = self.citations(item.get("sources"), path, item.line_of("sources"), rid)
        ok = ok and bool(sources)
        amount = self.amount(item["amount"], path, item.line_of("amount"), "amount") if "amount" in item else None
        ok = ok and ("amount" not in item or amount is not None)
        extra = self.kind_fields(item, path, kind, parts or {}, rid)
        if extra is None or not ok:
            return None
        quantities = self.quantities(item["quantities"], path, item.line_of("quantities")) if "quantities" in item else {}
        claimed = tuple(filter(None, (self.resolve(v, path, item.line_of("claimed_by"), None, "claimed_by")
                                      for v in _as_list(item.get("claimed_by")))))
        return Record(
            id=rid, kind=kind.name, date=date,
            participants=MappingProxyType({r: parts[r] for r in kind.roles if r in parts}),
            certainty=item["certainty"], status=item["status"], sources=sources,
            date_basis=item.get("date_basis"), summary=item.get("summary"), amount=amount,
            quantities=freeze(quantities), inferred=bool(item.get("inferred", False)),
            claimed_by=claimed, related=tuple(str(r) for r in _as_list(item.get("related"))),
            where=Where(path, item.line), **extra)

    def participants(self, item, path, kind, rid) -> dict | None:
        raw = item.get("participants")
        if not isinstance(raw, dict):
            self.report(path, item.line_of("participants"), f"record '{rid}' needs participants",
                        "roles: " + ", ".join(kind.roles))
            return None
        out, ok = {}, True
        for role_name, value in raw.items():
            line = raw.line_of(role_name)
            role = kind.roles.get(role_name)
            if role is None:
                self.report(path, line, f"unknown role '{role_name}' for kind '{kind.name}'",
                            did_you_mean(str(role_name), kind.roles) or "roles: " + ", ".join(kind.roles))
                ok = False
                continue
            values = _as_list(value)
            if len(values) > 1 and not role.many:
                self.report(path, line, f"role '{role_name}' of '{kind.name}' takes one entity, got {len(values)}")
                ok = False
            ids = [self.resolve(v, path, line, role.types, role_name) for v in values]
            if None in ids:
                ok = False
            out[role_name] = tuple(i for i in ids if i)
        for role in kind.roles.values():
            if role.required and not out.get(role.name) and role.name not in raw:
                self.report(path, raw.line, f"record '{rid}' ({kind.name}) is missing role '{role.name}'")
                ok = False
        return out if ok else None

    def kind_fields(self, item, path, kind, parts, rid) -> dict | None:
        out: dict = {}
        ok = True
        for key in ("role", "reason", "round", "goods", "purpose"):
            if key in item and item[key] is not None:
                out[key] = str(item[key])
        if "lead" in item:
            lead = _as_list(item["lead"])
            investors = set(parts.get("investor", ()))
            resolved = []
            for v in lead:
                ident = self.redirects.get(v, v)
                if ident not in investors:
                    self.report(path, item.line_of("lead"), f"lead '{v}' is not among the investors of '{rid}'")
                    ok = False
                else:
                    resolved.append(ident)
            out["lead"] = tuple(resolved)
        if "valuation" in item:
            val = item["valuation"]
            if not isinstance(val, dict) or not set(val) <= {"pre", "post"} or not val:
                self.report(path, item.line_of("valuation"), "valuation must be {pre: amount} and/or {post: amount}")
                ok = False
            else:
                vals = {k: self.amount(v, path, val.line_of(k), f"valuation.{k}") for k, v in val.items()}
                ok = ok and all(vals.values())
                out["valuation"] = freeze({k: v for k, v in vals.items() if v})
        if "exercise_price" in item:
            out["exercise_price"] = self.amount(item["exercise_price"], path, item.line_of("exercise_price"),
                                                "exercise_price")
            ok = ok and out["exercise_price"] is not None
        if kind.name == "metric":
            metric = item.get("metric")
            if metric not in self.schema.metrics:
                self.report(path, item.line_of("metric"), f"unknown metric {metric!r} in record '{rid}'",
                            did_you_mean(str(metric), self.schema.metrics) or "see metrics in schema.yaml")
                ok = False
            out["metric"] = metric
            if item.get("period") is None:
                self.report(path, item.line, f"metric record '{rid}' needs a period")
                ok = False
            else:
                try:
                    out["period"] = parse_date(item["period"])
                except ValueError as exc:
                    self.report(path, item.line_of("period"), str(exc).replace("date", "period", 1))
                    ok = False
        return out if ok else None


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
