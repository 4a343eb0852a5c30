"""SHACL shapes and the vocabulary: the bundled graph conforms, broken graphs give exactly the
expected results, and shapes.ttl / ontology.ttl agree with schema.yaml and the RDF we write."""
from __future__ import annotations

from importlib import resources

import pytest
import rdflib
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV, SH, SKOS

from conftest import ROOT, run_cli

BROKEN = ROOT / "tests" / "fixtures" / "broken-rdf" / "broken.ttl"
NS = "https://w3id.org/aigraph/ns#"
AIG = rdflib.Namespace(NS)
AIGSH = rdflib.Namespace("https://w3id.org/aigraph/shapes#")
SCHEMA = rdflib.Namespace("https://schema.org/")
CLASSES = {"person": SCHEMA.Person, "organization": SCHEMA.Organization, "product": SCHEMA.Product}


@pytest.fixture(scope="module")
def triples(dataset):
    from aigraph.rdf_build import rdf_triples

    return rdf_triples(dataset)


@pytest.fixture(scope="module")
def bundled_report(dataset):
    from aigraph.shacl import validate_dataset

    return validate_dataset(dataset)


def expected_warnings(dataset) -> set[tuple[str, str]]:
    """(focus, path) of every warning the shapes should give: records whose optional money-leg
    role is empty, and sources without a publication date."""
    from aigraph.schema import load_schema

    schema = load_schema()
    out = set()
    for rec in dataset.records.values():
        kind = schema.kinds[rec.kind]
        for role in {x for leg in kind.legs for x in (leg.source, leg.target)}:
            if not kind.roles[role].required and not rec.participants.get(role):
                out.add((f"record:{rec.id}", f"aig:{kind.roles[role].rdf}"))
    for src in dataset.sources.values():
        if src.published is None:
            out.add((f"source:{src.id}", "dcterms:issued"))
    return out


def test_bundled_graph_conforms(bundled_report, dataset):
    assert bundled_report.conforms, "\n".join(map(str, bundled_report.violations))
    assert {(r.focus, r.path) for r in bundled_report.warnings} == expected_warnings(dataset)
    assert all(r.severity == "Warning" for r in bundled_report.warnings)


# Every result the broken fixture must give: (severity, focus node, path, constraint, value).
BROKEN_RESULTS = [
    ("Violation", "amount:bad-loan", "schema:currency", "sh:InConstraintComponent", '"usd"'),
    ("Violation", "amount:bad-loan", "schema:value", "sh:MinInclusiveConstraintComponent", '"-5.0"^^xsd:decimal'),
    ("Violation", "amount:ok-metric", "", "sh:OrConstraintComponent", "amount:ok-metric"),
    ("Violation", "citation:bad-hire-1", "aig:line", "sh:MinCountConstraintComponent", ""),
    ("Violation", "org:zeta", "skos:prefLabel", "sh:LanguageInConstraintComponent", '"Zeta GmbH"@de'),
    ("Violation", "org:zeta", "skos:prefLabel", "sh:QualifiedMinCountConstraintComponent", ""),
    ("Violation", "person:bob", "owl:sameAs", "sh:PatternConstraintComponent", "<https://www.wikidata.org/wiki/Q42>"),
    ("Violation", "person:bob", "skos:altLabel", "sh:DatatypeConstraintComponent", '"Bobby"'),
    ("Violation", "person:bob", "skos:altLabel", "sh:LanguageInConstraintComponent", '"Bobby"'),
    ("Violation", "person:bob", "skos:prefLabel", "sh:UniqueLangConstraintComponent", ""),
    ("Violation", "record:bad-hire", "aig:certainty", "sh:InConstraintComponent", "aig:maybe"),
    ("Violation", "record:bad-hire", "aig:date", "sh:OrConstraintComponent", '"2026-13"^^xsd:gYearMonth'),
    ("Violation", "record:bad-hire", "aig:organization", "sh:MinCountConstraintComponent", ""),
    ("Violation", "record:bad-hire", "aig:person", "sh:ClassConstraintComponent", "org:acme"),
    ("Violation", "record:bad-loan", "aig:dateMin", "sh:LessThanOrEqualsConstraintComponent",
     '"2025-12-31"^^xsd:date'),
    ("Violation", "record:bad-loan", "prov:wasDerivedFrom", "sh:MinCountConstraintComponent", ""),
    ("Violation", "source:s2", "dcterms:issued", "sh:OrConstraintComponent", '"2026-06"^^xsd:date'),
    ("Warning", "record:bad-loan", "aig:lender", "sh:MinCountConstraintComponent", ""),
]


def test_broken_graph_gives_exactly_the_expected_results():
    from aigraph.shacl import validate_file

    report = validate_file(BROKEN)
    got = [(r.severity, r.focus, r.path, r.constraint, r.value) for r in report.results]
    assert got == BROKEN_RESULTS
    assert not report.conforms
    # valid parts stay quiet: lower-case language tags (zh-hans) match sh:languageIn "zh-Hans",
    # a Wikidata entity IRI is accepted, a quarter period is a valid plain string
    assert not [r for r in report.results if r.focus in ("person:ada", "record:ok-metric", "source:s1")]


def test_messages_are_readable():
    from aigraph.shacl import validate_file

    lines = [str(r) for r in validate_file(BROKEN).results]
    assert ("violation: record:bad-hire aig:organization: hired needs exactly one organization "
            "(schema:Organization) (sh:MinCountConstraintComponent)") in lines
    assert ("warning: record:bad-loan aig:lender: loan without a named lender: no flow leg is derived "
            "for it (sh:MinCountConstraintComponent)") in lines


def test_cli_validate_shacl_on_the_bundled_graph():
    result = run_cli("validate", "--no-archive", "--shacl")
    assert result.exit_code == 0, result.output
    assert "shacl: conforms (0 SHACL violation(s)" in result.stdout


def test_cli_validate_rdf_file_exits_2_with_every_violation():
    result = run_cli("validate", "--rdf", str(BROKEN))
    assert result.exit_code == 2
    assert "17 SHACL violation(s), 1 warning(s)." in result.stderr
    assert "violation: person:bob owl:sameAs: owl:sameAs must point at a Wikidata entity IRI" in result.stderr
    assert "Traceback" not in result.output


def test_cli_validate_rdf_unreadable_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<\n", encoding="utf-8")
    for path, message in ((bad, "cannot parse as turtle"), (tmp_path / "missing.ttl", "no such file")):
        result = run_cli("validate", "--rdf", str(path))
        assert result.exit_code == 2
        assert result.stderr.startswith("error: ") and message in result.stderr


def _replace(graph, s, p, new=None):
    for o in list(graph.objects(s, p)):
        graph.remove((s, p, o))
    if new is not None:
        graph.add((s, p, new))


def test_mutations_of_the_bundled_graph_are_caught(dataset, triples):
    """Break the real graph in known ways (one required role of one record per kind, sources,
    certainty, amounts, labels, a stint) and expect exactly those violations."""
    from aigraph.schema import load_schema
    from aigraph.shacl import validate_graph
    from aigraph.vocab import Iris

    iris, schema = Iris(), load_schema()
    graph = rdflib.Graph()
    for t in triples:
        graph.add(t)
    expected = set()
    seen_kinds = set()
    for rec in dataset.records.values():
        kind = schema.kinds[rec.kind]
        required = [r for r in kind.roles.values() if r.required]
        if rec.kind in seen_kinds or not required:
            continue
        seen_kinds.add(rec.kind)
        role = required[0]
        _replace(graph, iris.record(rec.id), AIG[role.rdf])
        expected.add((f"record:{rec.id}", f"aig:{role.rdf}", "sh:MinCountConstraintComponent"))
    records = list(dataset.records.values())
    first, second = records[0], records[1]
    _replace(graph, iris.record(first.id), PROV.wasDerivedFrom)
    expected.add((f"record:{first.id}", "prov:wasDerivedFrom", "sh:MinCountConstraintComponent"))
    _replace(graph, iris.record(second.id), AIG.certainty, AIG.maybe)
    expected.add((f"record:{second.id}", "aig:certainty", "sh:InConstraintComponent"))
    with_amount = next(r for r in records if r.amount is not None)
    _replace(graph, iris.amount(with_amount.id), SCHEMA.currency, Literal("usd"))
    expected.add((f"amount:{with_amount.id}", "schema:currency", "sh:InConstraintComponent"))
    person = dataset.people()[0]
    graph.add((iris.entity("person", person.id), SKOS.prefLabel, Literal("Another name", lang="en")))
    expected.add((f"person:{person.id}", "skos:prefLabel", "sh:UniqueLangConstraintComponent"))
    stint = next(graph.subjects(RDF.type, AIG.Stint), None)
    if stint is not None:
        _replace(graph, stint, AIG.stintPerson)
        short = "<" + str(stint) + ">"
        expected.add((short, "aig:stintPerson", "sh:MinCountConstraintComponent"))
    report = validate_graph(graph)
    got = {(r.focus, r.path, r.constraint) for r in report.violations}
    assert got == expected
    assert len(seen_kinds) >= 5  # the bundled graph exercises many kinds


def test_custom_base_iri(mini_copy):
    from aigraph.load import read_graph
    from aigraph.rdf_build import rdf_triples
    from aigraph.shacl import validate_graph

    base = "https://example.org/ai/"
    ds, _ = read_graph(mini_copy / "graph")
    graph = rdflib.Graph()
    for t in rdf_triples(ds, base):
        graph.add(t)
    assert validate_graph(graph, base).conforms
    rec = URIRef(base + "id/record/" + next(iter(ds.records)))
    _replace(graph, rec, PROV.wasDerivedFrom)
    assert [(r.focus, r.path) for r in validate_graph(graph, base).violations] == [
        (f"record:{next(iter(ds.records))}", "prov:wasDerivedFrom")]


# ---- the shapes and the ontology agree with schema.yaml and with the RDF we write -------------


@pytest.fixture(scope="module")
def shapes():
    from aigraph.shacl import shapes_graph

    return shapes_graph()


@pytest.fixture(scope="module")
def ontology():
    from aigraph.shacl import ontology_graph

    return ontology_graph()


def _classes_of(shapes, prop_shape) -> set:
    direct = set(shapes.objects(prop_shape, SH["class"]))
    for alt in shapes.objects(prop_shape, SH["or"]):
        for member in Collection(shapes, alt):
            direct |= set(shapes.objects(member, SH["class"]))
    return direct


def test_role_shapes_mirror_schema_yaml(shapes):
    from aigraph.schema import load_schema

    for kind in load_schema().kinds.values():
        node = AIGSH[kind.rdf_class]
        assert (node, SH.targetClass, AIG[kind.rdf_class]) in shapes, f"no shape aigsh:{kind.rdf_class}"
        props = {shapes.value(p, SH.path): p for p in shapes.objects(node, SH.property)
                 if shapes.value(p, SH.severity) is None}
        for role in kind.roles.values():
            p = props.get(AIG[role.rdf])
            assert p is not None, f"aigsh:{kind.rdf_class} has no shape for aig:{role.rdf} ({kind.name}.{role.name})"
            where = f"{kind.name}.{role.name}"
            assert (shapes.value(p, SH.minCount) == Literal(1)) == role.required, where
            assert (shapes.value(p, SH.maxCount) == Literal(1)) == (not role.many), where
            assert _classes_of(shapes, p) == {CLASSES[t] for t in role.types}, where


def _in_list(shapes, prop_shape) -> list:
    return list(Collection(shapes, shapes.value(prop_shape, SH["in"])))


def test_controlled_lists_match_the_data_files(shapes):
    from aigraph.schema import load_schema

    schema = load_schema()
    assert _in_list(shapes, AIGSH["Metric-metric"]) == [AIG[m] for m in schema.metrics]
    assert _in_list(shapes, AIGSH["Record-certainty"]) == [AIG[c] for c in schema.certainty]
    assert _in_list(shapes, AIGSH["Record-status"]) == [AIG[s] for s in schema.status]
    text = resources.files("aigraph").joinpath("iso4217.txt").read_text("utf-8")
    codes = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    assert [str(c) for c in _in_list(shapes, AIGSH["Amount-currency"])] == codes


def test_ontology_places_every_kind_under_its_group(ontology):
    from aigraph.rdf_build import GROUP_CLASSES
    from aigraph.schema import load_schema

    for group in GROUP_CLASSES.values():
        assert (AIG[group], RDFS.subClassOf, AIG.Event) in ontology, group
    for kind in load_schema().kinds.values():
        group = AIG[GROUP_CLASSES[kind.group]]
        cls = AIG[kind.rdf_class]
        assert cls == group or (cls, RDFS.subClassOf, group) in ontology, kind.name


def test_ontology_declares_every_term_the_rdf_uses(ontology, triples):
    declared = {str(s) for s in ontology.subjects(RDF.type, None)}
    used = {str(t) for triple in triples for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    missing = sorted(t.removeprefix(NS) for t in used - declared)
    assert not missing, f"declare these terms in src/aigraph/ontology.ttl: {', '.join(missing)}"
    for term in declared:  # every declared term is documented
        if term.startswith(NS):
            assert ontology.value(URIRef(term), RDFS.comment) is not None, term


def test_shape_terms_exist(shapes, ontology):
    """Shapes only name classes and properties the vocabulary declares (no typos)."""
    declared = {str(s) for s in ontology.subjects(RDF.type, None)}
    named = {str(o) for p in (SH.targetClass, SH.path, SH["class"]) for o in shapes.objects(None, p)}
    for alt in shapes.objects(None, SH["in"]):
        named |= {str(x) for x in Collection(shapes, alt) if isinstance(x, URIRef)}
    typos = sorted(t for t in named if t.startswith(NS) and t not in declared)
    assert not typos


def test_shapes_and_ontology_parse_with_rapper_and_pyoxigraph():
    import shutil
    import subprocess

    import pyoxigraph as ox

    for name in ("shapes.ttl", "ontology.ttl"):
        path = resources.files("aigraph").joinpath(name)
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        assert len(quads) == len(rdflib.Graph().parse(str(path), format="turtle"))
        if shutil.which("rapper"):
            proc = subprocess.run(["rapper", "-q", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
            assert proc.returncode == 0, proc.stderr


def test_wikidata_links_pass_the_pattern(triples):
    from rdflib.namespace import OWL

    links = [o for _s, p, o in triples if p == OWL.sameAs]
    assert links and all(str(o).startswith("http://www.wikidata.org/entity/Q") for o in links)
