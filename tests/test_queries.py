"""The SPARQL query library: headers, binding, engines that agree, errors for users, speed."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from conftest import ROOT, run_cli

from aigraph.engines import QueryError, RoqetEngine, local_engine
from aigraph.query import (bind, library, load_query, parse_query, run_query, sparql_term,
                           values_clause, with_values)

QUERIES = sorted(library())
# roqet (Rasqal 0.9.33) cannot parse these queries; the reason is the SPARQL feature they use.
ROQET_UNSUPPORTED = {"loops-through": "property paths (aig:paysTo|aig:transfersEquityTo)"}
DEFAULTS = {"entity": "OpenAI", "date": "2025-06-01", "number": "1", "text": "x"}
MINE = {"moves", "person-timeline", "org-inflow", "org-outflow", "talent-flow", "boomerangs",
        "founders", "alumni-founders", "investors-of", "portfolio-of", "suppliers-of",
        "customers-of", "money-in", "money-out", "disputed-claims", "sources-of", "affiliations-on"}
BASE = "https://w3id.org/aigraph/id/"


def cases():
    """(query, params) for every example of every query (required parameters defaulted)."""
    out = []
    for name in QUERIES:
        q = load_query(name)
        examples = [dict(e) for e in q.examples] or [
            {p.name: DEFAULTS[p.type] for p in q.params if not p.optional}]
        out += [pytest.param(name, ex, id=f"{name}-{i}") for i, ex in enumerate(examples)]
    return out


def test_library_has_every_required_query():
    assert MINE <= set(QUERIES)


@pytest.mark.parametrize("name", QUERIES)
def test_headers(name):
    q = load_query(name)
    assert q.title and q.title != name and q.description, name
    assert all(p.description for p in q.params)
    assert "ORDER BY" in q.text, f"{name}: rows need a deterministic order"


@pytest.mark.parametrize("name,params", cases())
def test_both_engines_give_identical_rows(dataset, name, params):
    ox = run_query(name, params, dataset, "oxigraph")
    mem = run_query(name, params, dataset, "rdflib")
    assert (ox.columns, ox.rows) == (mem.columns, mem.rows)
    if name in MINE:
        assert ox.rows, f"{name} {params}: the example should find something"


@pytest.fixture(scope="session")
def roqet(built):
    if shutil.which("roqet") is None:
        pytest.skip("roqet (rasqal-utils) not installed")
    return RoqetEngine(built / "aigraph.ttl")


@pytest.mark.parametrize("name,params", cases())
def test_roqet_on_the_turtle_gives_the_same_rows(dataset, roqet, name, params):
    if name in ROQET_UNSUPPORTED:
        pytest.skip(f"roqet cannot parse {name}: {ROQET_UNSUPPORTED[name]}")
    ox = run_query(name, params, dataset, "oxigraph")
    rq = run_query(name, params, dataset, roqet)
    assert (rq.columns, rq.rows) == (ox.columns, ox.rows)


def test_unsupported_list_is_still_needed(roqet, dataset):
    """A query listed as unsupported by roqet must really fail there (else drop it from the list)."""
    for name in ROQET_UNSUPPORTED:
        q = load_query(name)
        params = {p.name: DEFAULTS[p.type] for p in q.params if not p.optional}
        with pytest.raises(QueryError, match="roqet could not run"):
            run_query(name, params, dataset, roqet)


# ---- the derived talent model answers the same in SPARQL and Python ----------------------

def _iri(kind, ident):
    return None if ident is None else f"{BASE}{kind}/{ident}"


def test_moves_query_equals_python_model(dataset):
    from aigraph.talent import moves

    expected = [{"person": _iri("person", m.person), "from": _iri("org", m.from_org),
                 "to": _iri("org", m.to_org), "date": m.date.text, "role": m.role, "kind": m.kind,
                 "how": m.how, "record": _iri("record", m.record), "sources": m.sources}
                for m in moves(dataset)]
    got = run_query("moves", {}, dataset).rows
    assert len(got) >= 15
    assert sorted(got, key=str) == sorted(expected, key=str)
    # and in the same order: by date, then person, destination, record
    key = [(r["person"], r["record"]) for r in got]
    assert key == [(_iri("person", m.person), _iri("record", m.record)) for m in moves(dataset)]


@pytest.mark.parametrize("on", ["2016-06-01", "2024-06-30", "2025-12-01", "2026-02-01"])
def test_affiliations_query_equals_python_model(dataset, on):
    import datetime as dt

    from aigraph.talent import affiliations_on

    expected = sorted((_iri("person", s.person), _iri("org", s.organization), s.start.text,
                       s.end.text if s.end else None, s.role)
                      for s in affiliations_on(dataset, dt.date.fromisoformat(on)))
    got = sorted((r["person"], r["org"], r["start"], r["end"], r["role"])
                 for r in run_query("affiliations-on", {"on": on}, dataset).rows)
    assert got == expected and got


def test_boomerangs_query_equals_python_model(dataset):
    from aigraph.talent import boomerangs

    expected = sorted((_iri("person", s.person), _iri("org", s.organization), s.start.text)
                      for s in boomerangs(dataset))
    got = sorted((r["person"], r["org"], r["date"]) for r in run_query("boomerangs", {}, dataset).rows)
    assert got == expected and len(got) >= 4


# ---- binding: parameters are terms, never text pasted into the query -----------------------

PROBE = """# title: Probe
# description: echoes its parameters
# param: t (text) any text
# param: n (number) a number
# param: d (date) a date
# param: e (entity) an entity
PREFIX aig: <https://w3id.org/aigraph/ns#>
SELECT ?t ?n ?d ?e WHERE { ?m a aig:Move ; aig:movePerson ?e . }
ORDER BY ?m
LIMIT 1
"""
NASTY = 'x" } } ; DROP ALL ; # \\u0022 \\ {\n\t中文 \'\'\' """ <urn:x> ?t'


def test_parameters_are_bound_not_pasted(dataset, tmp_path, roqet):
    probe = tmp_path / "probe.rq"
    probe.write_text(PROBE, encoding="utf-8")
    params = {"t": NASTY, "n": "2,000,000.50", "d": "2025-06", "e": "巴雷特·佐夫"}
    for engine in ("oxigraph", "rdflib", roqet):
        rows = run_query(probe, dict(params, e="Barret Zoph"), dataset, engine).rows
        assert rows == [{"t": NASTY, "n": "2000000.5", "d": "2025-06-01",
                         "e": BASE + "person/barret-zoph"}], engine


def test_values_block_escapes_and_refuses_bad_iris():
    block = values_clause({"a": Literal('say "hi"\n\\'), "b": URIRef("https://x.org/a#b"),
                           "c": Literal("5", datatype=XSD.integer), "d": Literal("猫", lang="zh-hans")})
    assert block == ('VALUES (?a ?b ?c ?d) { ("say \\"hi\\"\\n\\\\" <https://x.org/a#b> '
                     '"5"^^<http://www.w3.org/2001/XMLSchema#integer> "猫"@zh-hans) }')
    for bad in ("https://x.org/a> . <b", "https://x.org/a b", "https://x.org/{x}"):
        with pytest.raises(QueryError):
            sparql_term(URIRef(bad))
    with pytest.raises(QueryError):
        values_clause({"a b": Literal("x")})


def test_values_go_into_the_where_group_past_comments_strings_and_iris():
    text = ('# a { in a comment\nPREFIX x: <urn:x#{y}>\nPREFIX y: <urn:y#>\n'
            'SELECT ?a (CONCAT("{", \'\'\'}"{\'\'\', ?b) AS ?c)\nWHERE { ?a ?p ?b }')
    bound = with_values(text, {"a": URIRef("urn:a")})
    assert bound.startswith(text[:text.index("WHERE {") + 7])
    assert "VALUES (?a) { (<urn:a>) }" in bound.split("WHERE {", 1)[1]
    assert with_values(text, {}) == text


def test_entity_parameters_resolve_names_in_any_script(dataset):
    q = load_query("portfolio-of")
    iris = {str(bind(q, {"investor": n}, dataset)["investor"]) for n in ("英伟达", "英偉達", "輝達", "NVIDIA", "nvidia")}
    assert iris == {BASE + "org/nvidia"}


# ---- errors: clear message, exit 2, no traceback --------------------------------------------

@pytest.mark.parametrize("args,message", [
    (["query", "no-such-query"], "unknown query 'no-such-query'"),
    (["query", "movse"], "did you mean 'moves'"),
    (["query", "moves", "--param", "colour=red"], "has no parameter 'colour'"),
    (["query", "investors-of"], "needs --param org="),
    (["query", "investors-of", "-p", "org=Nobody Inc"], "no entity is called 'Nobody Inc'"),
    (["query", "investors-of", "-p", "org"], "parameters are written NAME=VALUE"),
    (["query", "investors-of", "-p", "org=openai", "-p", "org=nvidia"], "given twice"),
    (["query", "affiliations-on", "-p", "on=2025-13"], "month 13 is out of range"),
    (["query", "missing.rq"], "no query file at missing.rq"),
])
def test_user_mistakes_exit_2_with_a_message(args, message):
    result = run_cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("text,message", [
    ("SELECT ?x WHERE { ?x ?y }", "SPARQL syntax error"),
    ("# param: x (entity) e\nSELECT ?y WHERE { ?y ?p ?x } ORDER BY ?y", "must appear in the SELECT clause"),
    ("# param: x (colour) e\nSELECT ?x WHERE { ?x ?p ?o }", "malformed parameter header"),
    ("# param: n (number) n\nSELECT ?n WHERE { ?s ?p ?n }", "is not a number"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "only SELECT queries"),
])
def test_bad_user_query_files_exit_2(tmp_path, text, message):
    path = tmp_path / "mine.rq"
    path.write_text(text, encoding="utf-8")
    args = ["query", str(path)] + (["-p", "n=lots"] if "(number)" in text else [])
    result = run_cli(*args)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr


def test_user_query_file_runs_with_prefixes_of_the_project(tmp_path):
    path = tmp_path / "who.rq"
    path.write_text("# param: org (entity) org\nSELECT ?org ?p WHERE { ?m aig:movedTo ?org ; "
                    "aig:movePerson ?p } ORDER BY ?p", encoding="utf-8")
    result = run_cli("query", str(path), "-p", "org=Thinking Machines", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert f"{BASE}org/thinking-machines-lab,{BASE}person/mira-murati" in result.stdout


# ---- output formats -------------------------------------------------------------------------

def test_query_formats():
    table = run_cli("query", "founders", "-p", "org=TML")
    assert table.exit_code == 0 and "person:mira-murati" in table.stdout
    rows = json.loads(run_cli("query", "founders", "-p", "org=TML", "--format", "json").stdout)
    assert {r["founder"] for r in rows} >= {BASE + "person/mira-murati", BASE + "person/barret-zoph"}
    tsv = run_cli("query", "founders", "-p", "org=TML", "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == ["org", "founder", "date", "certainty", "record"]
    listing = run_cli("query", "--format", "json")
    assert {r["name"] for r in json.loads(listing.stdout)} == set(QUERIES)


def test_engine_option_switches_store():
    a = run_cli("query", "talent-flow", "--format", "csv", "--engine", "rdflib")
    b = run_cli("query", "talent-flow", "--format", "csv")
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout


# ---- docs/queries.md cannot drift ------------------------------------------------------------

def test_queries_doc_is_fresh(dataset):
    from aigraph.query_docs import render_queries_doc

    committed = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    assert committed == render_queries_doc(dataset), \
        "docs/queries.md is out of date: run `python -m aigraph.query_docs`"


# ---- a 20k-triple synthetic graph: the default engine stays fast ----------------------------

def synthetic_graph(directory: Path, people: int, orgs: int = 40, hops: int = 3) -> Path:
    """A valid graph/ directory: each person joins ``hops`` organisations in turn, leaving
    each before the next (the join states where from every other time)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sources.yaml").write_text(
        "sources:\n  - id: synthetic\n    title: Synthetic moves\n    publisher: tests\n"
        "    published: 2026-01-01\n    language: en\n    archive: synthetic.txt\n", encoding="utf-8")
    (directory / "organizations.yaml").write_text("organizations:\n" + "".join(
        f"  - id: org-{o}\n    names: {{en: Org {o}}}\n    kind: lab\n" for o in range(orgs)),
        encoding="utf-8")
    (directory / "people.yaml").write_text("people:\n" + "".join(
        f"  - id: person-{p}\n    names: {{en: Person {p}}}\n" for p in range(people)), encoding="utf-8")
    lines = ["records:"]
    for p in range(people):
        for h in range(hops):
            org, year = (p + h * 7) % orgs, 2000 + h * 3 + p % 3
            origin = f"\n      from_organization: org-{(p + (h - 1) * 7) % orgs}" if h and h % 2 else ""
            lines.append(f"  - id: hired-{p}-{h}\n    kind: hired\n    participants:\n"
                         f"      person: person-{p}\n      organization: org-{org}{origin}\n"
                         f"    date: {year}-03\n    certainty: reported\n    status: completed\n"
                         f"    sources: [{{source: synthetic, line: 1}}]")
            lines.append(f"  - id: departed-{p}-{h}\n    kind: departed\n    participants:\n"
                         f"      person: person-{p}\n      organization: org-{org}\n"
                         f"    date: {year + 2}-11\n    certainty: reported\n    status: completed\n"
                         f"    sources: [{{source: synthetic, line: 2}}]")
    (directory / "records.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def test_moves_query_stays_fast_at_20k_triples(tmp_path):
    from aigraph.rdf_build import rdf_triples
    from aigraph.talent import moves
    from aigraph.validate import load

    ds = load(synthetic_graph(tmp_path / "graph", people=110))
    assert len(rdf_triples(ds)) >= 20_000
    engine = local_engine(ds, "oxigraph")
    started = time.perf_counter()
    rows = run_query("moves", {}, ds, engine).rows
    elapsed = time.perf_counter() - started
    assert len(rows) == len(moves(ds)) == 110 * 3
    assert sum(r["how"] == "inferred" for r in rows) == 110  # the joins that state no origin
    assert elapsed < 3, f"moves took {elapsed:.1f} s on Oxigraph"
    started = time.perf_counter()
    assert len(run_query("moves", {"to": "org-7"}, ds, engine).rows) > 0
    assert time.perf_counter() - started < 3


# ---- the talent model's rules on a hand-made career ----------------------------------------

CAREER = [  # (id, kind, org, date, extra participants/fields)
    ("hired-a", "hired", "org-a", "2020-01", "    role: Engineer\n"),
    ("appointed-a", "appointed", "org-a", "2021", "    role: CTO\n"),  # a title change, not a move
    ("departed-a", "departed", "org-a", "2022-03", ""),
    ("hired-b", "hired", "org-b", "2022-06", ""),  # origin inferred from the exit at A
    ("returned-a", "returned", "org-a", "2024-02", "      from_organization: org-b\n"),
    ("hired-c", "hired", "org-c", "2023", "    status_override: cancelled\n"),
    ("hired-d", "hired", "org-d", "2023", "    certainty_override: disputed\n"),
]


def career_graph(directory: Path) -> Path:
    synthetic_graph(directory, people=1, orgs=1, hops=0)
    (directory / "organizations.yaml").write_text("organizations:\n" + "".join(
        f"  - id: org-{o}\n    names: {{en: Org {o.upper()}}}\n    kind: lab\n" for o in "abcd"), encoding="utf-8")
    lines = ["records:"]
    for ident, kind, org, date, extra in CAREER:
        status = "cancelled" if "status_override" in extra else "completed"
        certainty = "disputed" if "certainty_override" in extra else "reported"
        origin = extra if extra.startswith("      from") else ""
        role = extra if extra.startswith("    role") else ""
        lines.append(f"  - id: {ident}\n    kind: {kind}\n    participants:\n      person: person-0\n"
                     f"      organization: {org}\n{origin}{role}    date: {date}\n"
                     f"    certainty: {certainty}\n    status: {status}\n"
                     f"    sources: [{{source: synthetic, line: 1}}]")
    (directory / "records.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def test_talent_model_rules(tmp_path):
    import datetime as dt

    from aigraph.talent import affiliations_on, boomerangs, moves, stints
    from aigraph.validate import load

    ds = load(career_graph(tmp_path / "graph"))
    got = [(s.organization, s.start and s.start.text, s.end and s.end.text, s.roles, s.end_implied)
           for s in stints(ds)]
    assert got == [("org-a", "2020-01", "2022-03", ("Engineer", "CTO"), False),
                   ("org-b", "2022-06", "2024-02", (), True),
                   ("org-a", "2024-02", None, (), False)]
    assert [(m.from_org, m.to_org, m.date.text, m.kind, m.how) for m in moves(ds)] == [
        (None, "org-a", "2020-01", "hired", "unknown"),
        ("org-a", "org-b", "2022-06", "hired", "inferred"),
        ("org-b", "org-a", "2024-02", "returned", "stated")]
    assert [(s.organization, s.start.text) for s in boomerangs(ds)] == [("org-a", "2024-02")]
    assert [s.organization for s in affiliations_on(ds, dt.date(2023, 1, 1))] == ["org-b"]
    assert [s.organization for s in affiliations_on(ds, dt.date(2021, 6, 1))] == ["org-a"]
    # the same answers from SPARQL over the derived RDF
    rows = run_query("moves", {"person": "person-0"}, ds).rows
    assert [(r["from"], r["to"], r["how"]) for r in rows] == [
        (None, BASE + "org/org-a", "unknown"), (BASE + "org/org-a", BASE + "org/org-b", "inferred"),
        (BASE + "org/org-b", BASE + "org/org-a", "stated")]
