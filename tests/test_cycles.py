"""Circular-financing loops: aigraph.analysis, `aigraph cycles` and queries/loops-through.rq."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import re
from types import MappingProxyType

import networkx as nx
import pytest

from conftest import ROOT, run_cli

from aigraph.analysis import FLAGS, LEG_FIELDS, find_loops, loops
from aigraph.analysis_cycles import add_months, paid_equity_kinds
from aigraph.nx_build import money_graph

# ---- a small hand-made graph whose loops are worked out by hand -------------------------

ORGS = """organizations:
  - {id: chipco, names: {en: Chip Co, zh-Hans: 芯片公司}, kind: chipmaker}
  - {id: chip2, names: {en: Second Chips}, kind: chipmaker}
  - {id: labco, names: {en: Lab Co}, kind: lab}
  - {id: cloudco, names: {en: Cloud Co}, kind: cloud}
  - {id: fundco, names: {en: Fund Co}, kind: investor}
"""


def _record(ident, kind, participants, date, *, amount=None, certainty="reported",
            status="completed", extra=""):
    parts = ", ".join(f"{role}: {who}" for role, who in participants.items())
    money = f"\n    amount: {{value: {amount}, currency: USD}}" if amount else ""
    return f"""  - id: {ident}
    kind: {kind}
    participants: {{{parts}}}
    date: {date}{money}
    certainty: {certainty}
    status: {status}{extra}
    sources:
      - {{source: demo-article, line: 2, note: synthetic}}
"""


RECORDS = "records:\n" + "".join([
    _record("inv-chipco-labco", "invested", {"investor": "[chipco]", "investee": "labco"},
            "2025-01", amount=10_000_000_000),
    _record("buy-labco-chipco", "supplies", {"supplier": "chipco", "customer": "labco"},
            "2025-03", amount=4_000_000_000),
    _record("compute-labco-cloudco", "compute_contract", {"supplier": "cloudco", "customer": "labco"},
            "2025-06", amount=6_000_000_000),
    _record("buy-cloudco-chipco", "supplies", {"supplier": "chipco", "customer": "cloudco"},
            "2025-07", amount=5_000_000_000),
    _record("warrant-chip2-labco", "warrant", {"issuer": "chip2", "holder": "labco"}, "2025-10",
            status="announced"),
    _record("compute-labco-chip2", "compute_contract", {"supplier": "chip2", "customer": "labco"},
            "2025-10", status="planned"),
    _record("loan-cloudco-labco", "loan", {"lender": "cloudco", "borrower": "labco"}, "2025-05",
            amount=1_000_000_000, status="cancelled"),
    _record("inv-fundco-labco", "invested", {"investor": "fundco", "investee": "labco"}, "2025-02",
            amount=2_000_000_000),
    _record("pays-fundco-labco", "pays", {"payer": "fundco", "payee": "labco"}, "2025-04",
            amount=100_000_000),
    _record("pays-labco-chipco-2023", "pays", {"payer": "labco", "payee": "chipco"}, "2023"),
    _record("loan-chipco-cloudco", "loan", {"lender": "chipco", "borrower": "cloudco"}, "2025-08",
            amount=3_000_000_000, certainty="disputed"),
    _record("pays-labco-cloudco", "pays", {"payer": "labco", "payee": "cloudco"}, "2025-09",
            certainty="alleged", extra="\n    inferred: true"),
])

# every loop of the default run, as (participants, records in hop order)
EXPECTED = {
    (("chip2", "labco"), ("warrant-chip2-labco", "compute-labco-chip2")),
    (("chipco", "labco"), ("inv-chipco-labco", "buy-labco-chipco")),
    (("chipco", "labco"), ("inv-chipco-labco", "pays-labco-chipco-2023")),
    (("chipco", "labco", "cloudco"), ("inv-chipco-labco", "compute-labco-cloudco", "buy-cloudco-chipco")),
    (("chipco", "labco", "cloudco"), ("inv-chipco-labco", "pays-labco-cloudco", "buy-cloudco-chipco")),
}


def shape(found):
    return {(tuple(loop["participants"]), tuple(leg["record"] for leg in loop["legs"])) for loop in found}


@pytest.fixture
def hand_dir(mini_copy):
    graph = mini_copy / "graph"
    (graph / "organizations.yaml").write_text(ORGS, encoding="utf-8")
    (graph / "records.yaml").write_text(RECORDS, encoding="utf-8")
    return graph


@pytest.fixture
def hand(hand_dir):
    from aigraph.validate import load

    return load(hand_dir)


def test_hand_graph_loops(hand):
    found = loops(hand)
    assert shape(found) == EXPECTED
    assert [(loop["length"], loop["id"]) for loop in found] == sorted(
        (loop["length"], loop["id"]) for loop in found)
    by_records = {tuple(leg["record"] for leg in loop["legs"]): loop for loop in found}
    two = by_records[("inv-chipco-labco", "buy-labco-chipco")]
    assert (two["bottleneck_usd"], two["round_trip_ratio"], two["flags"]) == (4e9, 0.4, [])
    assert (two["financing_legs"], two["commercial_legs"], two["labels"]) == (1, 1, ["Chip Co", "Lab Co"])
    assert [(leg["from"], leg["to"], leg["flow"], leg["class"], leg["kind"]) for leg in two["legs"]] == [
        ("chipco", "labco", "money", "financing", "invested"),
        ("labco", "chipco", "money", "commercial", "supplies")]
    three = by_records[("inv-chipco-labco", "compute-labco-cloudco", "buy-cloudco-chipco")]
    assert (three["bottleneck_usd"], three["round_trip_ratio"], three["flags"]) == (5e9, 0.5, [])
    old = by_records[("inv-chipco-labco", "pays-labco-chipco-2023")]
    assert (old["bottleneck_usd"], old["round_trip_ratio"], old["flags"]) == (1e10, None, ["unknown-amount"])
    inferred = by_records[("inv-chipco-labco", "pays-labco-cloudco", "buy-cloudco-chipco")]
    assert inferred["flags"] == ["inferred", "unknown-amount"] and inferred["legs"][1]["inferred"] is True
    warrant = by_records[("warrant-chip2-labco", "compute-labco-chip2")]
    assert warrant["flags"] == ["planned", "unknown-amount"]
    assert [leg["flow"] for leg in warrant["legs"]] == ["equity", "money"]
    assert warrant["legs"][0]["sources"] == "demo-article:2"
    assert warrant["capped"] is False
    assert tuple(warrant["legs"][0]) == LEG_FIELDS == (
        "leg", "record", "kind", "flow", "class", "from", "to", "amount", "amount_usd", "date",
        "certainty", "status", "inferred", "sources")
    assert all(set(loop["flags"]) <= set(FLAGS) for loop in found)


def test_options_filter_loops(hand):
    def records(**options):
        return {recs for _, recs in shape(loops(hand, **options))}

    everything = {recs for _, recs in EXPECTED}
    planned_or_inferred = {("warrant-chip2-labco", "compute-labco-chip2"),
                           ("inv-chipco-labco", "pays-labco-cloudco", "buy-cloudco-chipco")}
    assert records(confirmed_only=True) == everything - planned_or_inferred
    assert records(max_length=2) == {r for r in everything if len(r) == 2}
    assert records(flows=("money",)) == everything - {("warrant-chip2-labco", "compute-labco-chip2")}
    # windows: legs that could all fall within N months of each other
    assert records(window_months=0) == {("warrant-chip2-labco", "compute-labco-chip2")}
    assert records(window_months=1) == {("warrant-chip2-labco", "compute-labco-chip2")}
    assert records(window_months=2) == {("warrant-chip2-labco", "compute-labco-chip2"),
                                        ("inv-chipco-labco", "buy-labco-chipco")}
    assert records(window_months=6) == records(window_months=2) | {
        ("inv-chipco-labco", "compute-labco-cloudco", "buy-cloudco-chipco")}
    assert records(window_months=1000) == everything


def test_disputed_legs_only_when_asked_and_flagged(hand):
    found = loops(hand, include_disputed=True)
    extra = [loop for loop in found if (tuple(loop["participants"]), tuple(leg["record"] for leg in loop["legs"]))
             not in EXPECTED]
    assert shape(extra) == {(("chipco", "cloudco"), ("loan-chipco-cloudco", "buy-cloudco-chipco"))}
    assert extra[0]["flags"] == ["disputed"] and extra[0]["round_trip_ratio"] == 0.6
    assert shape(loops(hand, include_disputed=True, confirmed_only=True)) == shape(loops(hand, confirmed_only=True))


def test_cancelled_deals_and_paid_equity_never_close_a_loop(hand):
    graph = money_graph(hand)
    assert any(d["record"] == "loan-cloudco-labco" for _, _, d in graph.edges(data=True))
    assert not any("loan-cloudco-labco" in recs for _, recs in shape(find_loops(graph)))
    assert paid_equity_kinds() == {"invested"}
    # the literal reading: Fund Co's shares (paid for) + Fund Co buying from Lab Co
    literal = shape(find_loops(graph, include_paid_equity=True)) - shape(find_loops(graph))
    assert literal == {(("fundco", "labco"), ("pays-fundco-labco", "inv-fundco-labco"))}
    # ...but one investment's own money and equity legs never form a loop
    for loop in find_loops(graph, include_paid_equity=True):
        records = [leg["record"] for leg in loop["legs"]]
        assert len(records) == len(set(records))


def test_through_accepts_names_in_any_script(hand):
    every = loops(hand)
    assert loops(hand, through="芯片公司") == loops(hand, through="chipco") == [
        loop for loop in every if "chipco" in loop["participants"]]
    assert shape(loops(hand, through="Cloud Co")) == {s for s in EXPECTED if "cloudco" in s[0]}
    assert loops(hand, through="fundco") == []
    with pytest.raises(LookupError, match="no entity is called"):
        loops(hand, through="Nobody Inc")


def test_cap_lists_the_most_solid_loops_first(hand):
    [loop] = [x for x in loops(hand, max_per_cycle=1, max_length=2) if x["participants"] == ["chipco", "labco"]]
    assert loop["capped"] is True and loop["flags"] == []
    assert [leg["record"] for leg in loop["legs"]] == ["inv-chipco-labco", "buy-labco-chipco"]
    assert not any(x["capped"] for x in loops(hand))


def test_bad_options_raise():
    with pytest.raises(ValueError, match="at least 2"):
        find_loops(nx.MultiDiGraph(), max_length=1)
    with pytest.raises(ValueError, match="negative"):
        find_loops(nx.MultiDiGraph(), window_months=-1)
    with pytest.raises(ValueError, match="max_per_cycle"):
        find_loops(nx.MultiDiGraph(), max_per_cycle=0)


def test_window_bounds_are_inclusive():
    def leg(record, day, cls, kind):
        return {"record": record, "kind": kind, "flow": "money", "leg_class": cls, "date": day,
                "date_start": day, "date_end": day, "certainty": "reported", "status": "completed",
                "inferred": False, "sources": "s:1"}

    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", key="r1-leg-0", **leg("r1", "2025-01-31", "financing", "loan"))
    graph.add_edge("b", "a", key="r2-leg-0", **leg("r2", "2025-02-28", "commercial", "pays"))
    assert [loop["id"][:4] for loop in find_loops(graph, window_months=1)] == ["a>b~"]
    assert find_loops(graph, window_months=0) == []
    [loop] = find_loops(graph)
    assert (loop["labels"], loop["flags"]) == (["a", "b"], ["unknown-amount"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cycle_search_matches_networkx(seed):
    from aigraph.analysis_cycles import all_cycles, anchored_cycles, canonical_rotation

    graph = nx.gnp_random_graph(40, 0.08, seed=seed, directed=True)
    graph = nx.relabel_nodes(graph, {n: f"n{n:02d}" for n in graph})
    for k in (2, 3, 4, 5):
        expected = sorted(canonical_rotation(c) for c in nx.simple_cycles(graph, length_bound=k))
        got = sorted(canonical_rotation(c) for c in all_cycles(graph, k))
        assert got == expected and len(got) == len({tuple(c) for c in got})
        through = sorted(canonical_rotation(c) for c in anchored_cycles(graph, "n07", k))
        assert through == [c for c in expected if "n07" in c]


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 3, 15), 0) == dt.date(2025, 3, 15)


# ---- an independent brute-force reference --------------------------------------------------

def reference_loops(graph, max_length=5, window_months=None, confirmed_only=False, through=None,
                    flows=("money", "equity"), include_paid_equity=False, max_per_cycle=None):
    """Every loop by walking legs directly (no collapsing, no pruning), as shape()."""
    def usable(d):
        if d["flow"] not in flows or d["status"] == "cancelled":
            return False
        if d["flow"] == "equity" and d["kind"] == "invested" and not include_paid_equity:
            return False
        return not (confirmed_only and (d["status"] == "planned" or d["certainty"] == "disputed"
                                        or d["inferred"]))

    edges = [(u, v, d) for u, v, d in graph.edges(data=True) if usable(d) and u != v]
    out = set()

    def walk(start, path_nodes, legs):
        node = legs[-1][1] if legs else start
        for u, v, d in edges:
            if u != node:
                continue
            if v == start:
                chosen = legs + [(u, v, d)]
                recs = [x[2]["record"] for x in chosen]
                classes = {x[2]["leg_class"] for x in chosen}
                starts = [dt.date.fromisoformat(x[2]["date_start"]) for x in chosen]
                ends = [dt.date.fromisoformat(x[2]["date_end"]) for x in chosen]
                if (len(set(recs)) == len(recs) and classes == {"financing", "commercial"}
                        and (window_months is None or max(starts) <= add_months(min(ends), window_months))
                        and (through is None or through in path_nodes)):
                    out.add((tuple(path_nodes), tuple(recs)))
            elif v > start and v not in path_nodes and len(path_nodes) < max_length:
                walk(start, path_nodes + [v], legs + [(u, v, d)])

    for start in sorted(graph.nodes):
        walk(start, [start], [])
    return out


@pytest.mark.parametrize("options", [
    {}, {"include_disputed": True}, {"include_disputed": True, "max_length": 3, "window_months": 12},
    {"confirmed_only": True}, {"include_disputed": True, "flows": ("money",)},
    {"include_disputed": True, "include_paid_equity": True, "max_length": 4},
])
def test_bundled_graph_matches_brute_force(dataset, options):
    options = dict(options)
    graph = money_graph(dataset, include_disputed=options.pop("include_disputed", False))
    assert shape(find_loops(graph, max_per_cycle=None, **options)) == reference_loops(graph, **options)


def test_synthetic_graph_matches_brute_force():
    """A seeded random money graph with hubs and parallel legs (a behaviour test, not a
    benchmark): the pruned search finds exactly the brute-force loops, with and without an
    anchor and a window."""
    graph = synthetic_money_graph(orgs=25, records=140, seed=7)
    for options in ({"max_length": 4}, {"max_length": 4, "window_months": 18},
                    {"max_length": 3, "through": "org-03"}, {"max_length": 4, "confirmed_only": True}):
        options["max_per_cycle"] = None
        found = find_loops(graph, **options)
        assert shape(found) == reference_loops(graph, **options)
        assert len({loop["id"] for loop in found}) == len(found)
        assert all(loop["participants"][0] == min(loop["participants"]) for loop in found)
    every = find_loops(graph, max_length=4, max_per_cycle=None)
    assert len(every) > 50
    for org in ("org-00", "org-05"):
        assert find_loops(graph, max_length=4, through=org, max_per_cycle=None) == [
            loop for loop in every if org in loop["participants"]]
    # a cap keeps at most N loops per cycle of parties, marks them, and keeps the rest whole
    capped = find_loops(graph, max_length=4, max_per_cycle=2)
    per_cycle = {}
    for loop in every:
        per_cycle.setdefault(tuple(loop["participants"]), []).append(loop)
    for parties, listed in per_cycle.items():
        kept = [loop for loop in capped if tuple(loop["participants"]) == parties]
        assert len(kept) == min(2, len(listed))
        assert all(loop["capped"] == (len(listed) > 2) for loop in kept)
        assert {loop["id"] for loop in kept} <= {loop["id"] for loop in listed}
    assert any(loop["capped"] for loop in capped)


def synthetic_money_graph(orgs: int, records: int, seed: int) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    names = [f"org-{i:02d}" for i in range(orgs)]
    weights = [1 / (i + 1) for i in range(orgs)]
    kinds = [("invested", "financing"), ("supplies", "commercial"), ("pays", "commercial"),
             ("loan", "financing"), ("warrant", "financing")]
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((n, {"label": n.upper()}) for n in names)
    for r in range(records):
        a, b = rnd.choices(names, weights, k=2)
        if a == b:
            continue
        kind, cls = rnd.choice(kinds)
        year, month = rnd.randint(2022, 2026), rnd.randint(1, 12)
        attrs = {"record": f"rec-{r:03d}", "kind": kind, "group": "capital", "date": f"{year}-{month:02d}",
                 "date_start": dt.date(year, month, 1).isoformat(),
                 "date_end": add_months(dt.date(year, month, 1), 1).replace(day=1).isoformat(),
                 "certainty": rnd.choice(["reported", "reported", "disputed"]),
                 "status": rnd.choice(["completed", "planned", "cancelled", "announced"]),
                 "inferred": rnd.random() < 0.1, "sources": f"s:{r}", "leg_class": cls}
        if rnd.random() < 0.6:
            attrs.update(amount=f"{r} USD", amount_usd=float(rnd.randint(1, 50)) * 1e8)
        flow = "equity" if kind == "warrant" else "money"
        graph.add_edge(a, b, key=f"rec-{r:03d}-leg-0", flow=flow, **attrs)
        if kind == "invested":
            graph.add_edge(b, a, key=f"rec-{r:03d}-leg-1", flow="equity",
                           **{k: v for k, v in attrs.items() if k != "amount_usd"})
    return graph


# ---- the bundled graph ---------------------------------------------------------------------

def test_bundled_graph_has_the_loops_the_articles_support(dataset):
    found = loops(dataset)
    pairs = {tuple(loop["participants"]) for loop in found if loop["length"] == 2}
    # AMD grants OpenAI warrants while OpenAI orders AMD chips (equity for orders, 002/003);
    # Nvidia pledges up to $100B to OpenAI, which buys Nvidia GPUs (002/003/004);
    # Nvidia invested in CoreWeave, which buys Nvidia chips (003); Microsoft, OpenAI's largest
    # backer, is paid $10.59B of compute rent by it (000/002)
    assert {("amd", "openai"), ("nvidia", "openai"), ("coreweave", "nvidia"),
            ("microsoft", "openai")} <= pairs
    amd = [loop for loop in found if loop["participants"] == ["amd", "openai"]]
    assert all([(leg["flow"], leg["class"]) for leg in loop["legs"]] ==
               [("equity", "financing"), ("money", "commercial")] for loop in amd)
    assert any(loop["legs"][0]["kind"] == "warrant" for loop in amd)
    nvidia = [loop for loop in found if loop["participants"] == ["nvidia", "openai"]]
    assert any(loop["legs"][0]["kind"] == "invested" and loop["legs"][0]["amount_usd"] == 1e11
               for loop in nvidia)
    microsoft = [loop for loop in found if loop["participants"] == ["microsoft", "openai"]]
    assert any([(leg["kind"], leg["class"]) for leg in loop["legs"]] == [
        ("invested", "financing"), ("pays", "commercial")] and loop["bottleneck_usd"] == 10.59e9
        for loop in microsoft)


def test_every_bundled_leg_names_its_record_and_cited_lines(dataset):
    for loop in loops(dataset, include_disputed=True):
        for leg in loop["legs"]:
            record = dataset.records[leg["record"]]
            assert {leg["from"], leg["to"]} <= set(record.entity_ids())
            cited = [f"{c.source}:{c.line}" for c in record.sources]
            assert leg["sources"].split("; ") == cited and cited
            assert (leg["date"], leg["certainty"], leg["status"]) == (
                record.date.text, record.certainty, record.status)


def test_dropping_a_record_breaks_exactly_the_loops_through_it(dataset):
    before = loops(dataset, include_disputed=True, max_per_cycle=None)
    used = sorted({leg["record"] for loop in before for leg in loop["legs"]})
    assert used
    for record in used:
        rest = {k: v for k, v in dataset.records.items() if k != record}
        smaller = dataclasses.replace(dataset, records=MappingProxyType(rest))
        after = loops(smaller, include_disputed=True, max_per_cycle=None)
        assert after == [loop for loop in before if record not in {leg["record"] for leg in loop["legs"]}], record


def test_loop_ids_are_stable_and_unique(dataset):
    first = loops(dataset, include_disputed=True)
    again = loops(dataset, include_disputed=True)
    assert first == again
    ids = [loop["id"] for loop in first]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+(>[a-z0-9-]+)+~[0-9a-f]{12}", i) for i in ids)


# ---- the command line ----------------------------------------------------------------------

def test_cli_table_lists_legs_with_sources(hand_dir):
    result = run_cli("--graph", str(hand_dir), "cycles")
    assert result.exit_code == 0
    out = result.stdout
    assert "Chip Co → Lab Co → Cloud Co → Chip Co" in out
    assert "demo-article:2" in out and "inv-chipco-labco" in out
    assert "5 loop(s)" in result.stderr


def test_cli_json_is_the_library_result(hand_dir, hand):
    result = run_cli("--graph", str(hand_dir), "cycles", "--through", "Lab Co", "--window", "6",
                     "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == loops(hand, through="labco", window_months=6)


def test_cli_csv_repeats_loop_columns_on_every_leg(hand_dir):
    result = run_cli("--graph", str(hand_dir), "cycles", "--confirmed-only", "--money-only",
                     "--max-length", "2", "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("loop,path,")
    assert len(lines) == 1 + 2 * 2  # two loops, two legs each
    assert all(line.startswith("chipco>labco~") and ",Chip Co → Lab Co → Chip Co," in line
               for line in lines[1:])


def test_cli_notes_capped_cycles(hand_dir):
    result = run_cli("--graph", str(hand_dir), "cycles", "--max-per-cycle", "1")
    assert result.exit_code == 0
    assert "note: 2 cycle(s) of parties had more than 1 loops" in result.stderr
    assert "3 loop(s)" in result.stderr


def test_cli_unknown_entity_is_a_user_error(hand_dir):
    result = run_cli("--graph", str(hand_dir), "cycles", "--through", "Chip Coo")
    assert result.exit_code == 2
    assert "error: no entity is called 'Chip Coo'" in result.stderr and "Chip Co (chipco)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_help_has_an_example():
    from aigraph import analysis
    from aigraph.cli import cycles_cmd

    result = run_cli("cycles", "--help")
    assert result.exit_code == 0 and "aigraph cycles --through" in result.stdout
    assert cycles_cmd.MAX_PER_CYCLE == analysis.MAX_PER_CYCLE


# ---- the SPARQL query ----------------------------------------------------------------------

QUERY = ROOT / "queries" / "loops-through.rq"


def sparql_loops(dataset, org, engine):
    from aigraph.rdf_build import to_rdf
    from aigraph.vocab import Iris

    graph = to_rdf(dataset, engine=engine)
    rows = graph.query(QUERY.read_text(encoding="utf-8"),
                       initBindings={"org": Iris().entity("organization", org)})
    return {tuple(str(r[f"record{i}"]) for i in (1, 2, 3) if r[f"record{i}"] is not None) for r in rows}


def anchored(found, org):
    """Record sequences of loops through ``org``, rotated to start there."""
    out = set()
    for loop in found:
        i = loop["participants"].index(org)
        records = [leg["record"] for leg in loop["legs"]]
        out.add(tuple(records[i:] + records[:i]))
    return out


def test_query_header():
    text = QUERY.read_text(encoding="utf-8")
    assert re.search(r"^# title: \S", text, re.M) and re.search(r"^# description: \S", text, re.M)
    assert re.search(r"^# param: org \(entity\) \S", text, re.M)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_query_matches_find_loops(hand, dataset, engine):
    for ds, orgs in ((hand, ("chipco", "labco", "cloudco", "chip2", "fundco")),
                     (dataset, ("openai", "nvidia", "amd"))):
        for org in orgs:
            expected = anchored(loops(ds, through=org, max_length=3), org)
            assert sparql_loops(ds, org, engine) == expected, org
    assert len(anchored(loops(hand, through="cloudco", max_length=3), "cloudco")) == 2
