"""Every export format: FollowTheMoney, schema.org JSON-LD, GraphML/GEXF, CSV, and the RDF
serialisations read back by independent parsers."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import run_cli

SCALARS = (str, int, float, bool)


@pytest.fixture(scope="module")
def exported(dataset):
    from aigraph.write import FORMATS, export_bytes

    return {fmt: export_bytes(dataset, fmt) for fmt in FORMATS}


def test_every_format_is_byte_stable(dataset, exported):
    from aigraph.write import export_bytes

    for fmt, data in exported.items():
        assert export_bytes(dataset, fmt) == data, fmt


def test_cli_offers_every_format_and_writes_it(tmp_path, exported):
    from aigraph.write import EXTENSIONS, FORMATS

    for fmt in FORMATS:
        out = tmp_path / f"aigraph.{EXTENSIONS[fmt]}"
        result = run_cli("export", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == exported[fmt], fmt


# ---- FollowTheMoney ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ftm(exported):
    return [json.loads(line) for line in exported["ftm"].decode("utf-8").splitlines()]


def test_ftm_lines_are_sorted_unique_and_canonical(ftm, exported):
    ids = [e["id"] for e in ftm]
    assert ids == sorted(set(ids))
    for line, entity in zip(exported["ftm"].decode("utf-8").splitlines(), ftm):
        assert line == json.dumps(entity, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert set(entity) == {"id", "schema", "properties"}
        assert all(values == sorted(set(values)) and values for values in entity["properties"].values())


def test_ftm_validates_with_followthemoney(ftm):
    """Schemata, property names, required properties, value syntax (already clean), entity
    references that resolve to an entity of the property's range, and id syntax."""
    from followthemoney import model
    from followthemoney.types import registry

    by_id = {e["id"]: e for e in ftm}
    problems = []
    for e in ftm:
        schema = model.get(e["schema"])
        assert schema is not None and not schema.abstract, e["schema"]
        if not registry.entity.validate(e["id"]):
            problems.append((e["id"], "id"))
        for name in schema.required:
            if not e["properties"].get(name):
                problems.append((e["id"], "missing", name))
        for name, values in e["properties"].items():
            prop = schema.get(name)
            if prop is None or prop.stub:
                problems.append((e["id"], "unknown property", name))
                continue
            for value in values:
                if not prop.type.validate(value):
                    problems.append((e["id"], "invalid", name, value))
                elif prop.type != registry.text and prop.type.clean(value) != value:
                    problems.append((e["id"], "not clean", name, value))
                if prop.type == registry.entity:
                    target = by_id.get(value)
                    if target is None or not model.get(target["schema"]).is_a(prop.range):
                        problems.append((e["id"], "reference", name, value))
        schema.validate(model.get_proxy(e, cleaned=False).to_dict())  # raises InvalidData
    assert problems == []


@pytest.mark.skipif(not (Path(sys.executable).parent / "ftm").exists(), reason="ftm CLI not installed")
def test_ftm_cli_validate_round_trips(tmp_path, exported, ftm):
    """``ftm validate`` re-parses and cleans every entity: nothing may change."""
    src = tmp_path / "aigraph.ftm.json"
    src.write_bytes(exported["ftm"])
    out = tmp_path / "clean.ftm.json"
    proc = subprocess.run([str(Path(sys.executable).parent / "ftm"), "validate", "-i", str(src), "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    cleaned = {e["id"]: e for e in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(cleaned) == {e["id"] for e in ftm}
    for e in ftm:
        again = cleaned[e["id"]]
        assert again["schema"] == e["schema"]
        assert {k: sorted(v) for k, v in again["properties"].items()} == e["properties"], e["id"]


def test_ftm_mapping_follows_the_records(dataset, ftm):
    from aigraph.export_ftm import ftm_id
    from aigraph.vocab import SEGMENTS

    by_id = {e["id"]: e for e in ftm}

    def eid(ident):
        return ftm_id("aigraph", SEGMENTS[dataset.entities[ident].type], ident)

    for e in dataset.entities.values():
        assert by_id[eid(e.id)]["properties"]["name"] == [e.name]
    for src in dataset.sources.values():
        assert ftm_id("aigraph", "source", src.id) in by_id
    for rec in dataset.records.values():
        made = [x for x in ftm if x["properties"].get("recordId") == [rec.id]
                or x["id"] == ftm_id("aigraph", rec.id, "contract")]
        if rec.kind == "metric":
            assert made == []
            continue
        if rec.kind in ("hired", "returned", "appointed", "poached", "departed", "fired"):
            for person in rec.participants["person"]:
                links = [x for x in made if x["schema"] in ("Employment", "Directorship")
                         and eid(person) in (x["properties"].get("employee", []) + x["properties"].get("director", []))]
                assert len(links) == 1, rec.id
                date_key = "endDate" if rec.kind in ("departed", "fired") else "startDate"
                assert links[0]["properties"][date_key] == [rec.date.text]
        if rec.kind == "invested" and rec.participants.get("investor"):
            payment = by_id[ftm_id("aigraph", rec.id, "payment")]
            assert payment["properties"]["payer"] == sorted(eid(i) for i in rec.participants["investor"])
            if rec.amount is not None and rec.amount.point is not None:
                assert payment["properties"]["currency"] == [rec.amount.currency]
        if rec.kind == "loan":
            assert [x["schema"] for x in made] == ["Debt"] * len(rec.participants["borrower"])
        for x in made:  # every record entity cites the record's sources
            proof = x["properties"].get("proof", [])
            assert proof == sorted({ftm_id("aigraph", "source", c.source) for c in rec.sources}), x["id"]


def test_ftm_ids_stay_valid_when_long():
    from aigraph.export_ftm import MAX_ID, ftm_id

    long_id = ftm_id("aigraph", "x" * 300, "participant_with_underscore")
    assert len(long_id) <= MAX_ID and long_id == ftm_id("aigraph", "x" * 300, "participant_with_underscore")
    assert ftm_id("aigraph", "source", "001_abc") == "aigraph-source-001-abc"


# ---- schema.org JSON-LD -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema_graph(exported):
    return rdflib.Graph().parse(data=exported["schema-jsonld"], format="json-ld")


def test_schema_org_jsonld_is_self_contained_and_blank_node_free(exported, schema_graph):
    doc = json.loads(exported["schema-jsonld"])
    assert doc["@context"] == {"@vocab": "https://schema.org/"}  # inline: readable offline
    assert len(schema_graph) > 500
    assert not any(isinstance(t, rdflib.BNode) for triple in schema_graph for t in triple)
    types = {str(o) for o in schema_graph.objects(None, rdflib.RDF.type)}
    assert all(t.startswith("https://schema.org/") for t in types)
    quads = list(ox.parse(exported["schema-jsonld"], format=ox.RdfFormat.JSON_LD))
    assert len(quads) == len(schema_graph)


def test_schema_org_roles_follow_the_talent_records(dataset, schema_graph):
    from aigraph.vocab import Iris

    S = rdflib.Namespace("https://schema.org/")
    iris = Iris()
    for e in dataset.entities.values():
        node = iris.entity(e.type, e.id)
        assert rdflib.Literal(e.name, lang="en") in set(schema_graph.objects(node, S.name)), e.id
    checked = 0
    for rec in dataset.records.values():
        if rec.kind not in ("hired", "departed") or rec.certainty == "disputed" or rec.status == "cancelled":
            continue
        person, org = rec.participants["person"][0], rec.participants["organization"][0]
        role = rdflib.URIRef(f"{iris.base}id/derived/role/{rec.id}-{person}")
        assert (iris.entity("person", person), S.worksFor, role) in schema_graph
        assert (role, S.worksFor, iris.entity("organization", org)) in schema_graph
        key = S.endDate if rec.kind == "departed" else S.startDate
        assert str(schema_graph.value(role, key)) == rec.date.text
        checked += 1
    assert checked > 0
    for rec in dataset.records.values():
        if rec.kind == "invested" and rec.certainty != "disputed" and rec.status != "cancelled":
            for investor in rec.participants.get("investor", ()):
                investee = rec.participants["investee"][0]
                assert (iris.entity("organization", investee), S.funder,
                        iris.entity(dataset.entities[investor].type, investor)) in schema_graph


# ---- GraphML, GEXF, CSV -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nx_graph(dataset):
    from aigraph.nx_build import to_networkx

    return to_networkx(dataset)


def test_graph_attributes_are_scalars(nx_graph):
    """Gephi reads only scalar attributes: no lists, dicts or None anywhere."""
    for _n, data in nx_graph.nodes(data=True):
        assert all(isinstance(v, SCALARS) for v in data.values()), data
    for *_e, data in nx_graph.edges(keys=True, data=True):
        assert all(isinstance(v, SCALARS) for v in data.values()), data


def _as_dicts(graph):
    nodes = {n: dict(d) for n, d in graph.nodes(data=True)}
    edges = {(u, v, k): dict(d) for u, v, k, d in graph.edges(keys=True, data=True)}
    return nodes, edges


def test_graphml_reads_back_equal(exported, nx_graph):
    back = nx.read_graphml(io.BytesIO(exported["graphml"]), force_multigraph=True)
    assert back.is_directed() and back.is_multigraph()
    assert _as_dicts(back) == _as_dicts(nx_graph)


def test_gexf_reads_back_equal(exported, nx_graph):
    back = nx.read_gexf(io.BytesIO(exported["gexf"]))
    assert back.is_directed() and back.is_multigraph()
    nodes, edges = _as_dicts(back)
    ids = [d.pop("id") for d in edges.values()]  # GEXF's own edge ids: unique, as Gephi needs
    assert len(set(ids)) == len(ids)
    assert (nodes, edges) == _as_dicts(nx_graph)


def test_csv_names_both_endpoints(exported, nx_graph):
    rows = list(csv.DictReader(io.StringIO(exported["csv"].decode("utf-8"))))
    assert len(rows) == nx_graph.number_of_edges()
    for row in rows:
        assert nx_graph.has_edge(row["from_id"], row["to_id"], key=row["record_id"])
        assert row["from_name"] == nx_graph.nodes[row["from_id"]]["label"]
        assert row["to_name"] == nx_graph.nodes[row["to_id"]]["label"]


# ---- RDF files read back by independent parsers -------------------------------------------------

RDF_FILES = (("turtle", "turtle", ox.RdfFormat.TURTLE, "turtle"), ("nt", "nt", ox.RdfFormat.N_TRIPLES, "ntriples"),
             ("jsonld", "json-ld", ox.RdfFormat.JSON_LD, None))


@pytest.mark.parametrize("fmt, rdflib_format, ox_format, rapper_format", RDF_FILES)
def test_rdf_exports_parse_everywhere_and_round_trip(dataset, exported, fmt, rdflib_format, ox_format,
                                                     rapper_format, tmp_path):
    from aigraph.rdf_build import rdf_triples, to_rdf

    data = exported[fmt]
    original = to_rdf(dataset, engine="rdflib")
    assert isomorphic(rdflib.Graph().parse(data=data, format=rdflib_format), original)
    assert len(list(ox.parse(data, format=ox_format))) == len(rdf_triples(dataset))
    if rapper_format and shutil.which("rapper"):
        path = tmp_path / f"export.{fmt}"
        path.write_bytes(data)
        proc = subprocess.run(["rapper", "-q", "-i", rapper_format, "-c", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


def test_built_files_all_parse(built):
    """Every RDF file a build writes (whatever its name) parses with pyoxigraph and rdflib alike."""
    formats = {".ttl": ("turtle", ox.RdfFormat.TURTLE), ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
               ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}
    seen = 0
    for path in sorted(built.iterdir()):
        if path.suffix in formats:
            rdflib_format, ox_format = formats[path.suffix]
            n = len(rdflib.Graph().parse(path, format=rdflib_format))
            assert len(list(ox.parse(path=str(path), format=ox_format))) == n, path.name
            seen += 1
    assert seen >= 3
