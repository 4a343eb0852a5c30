"""Build outputs: parseable by independent tools, isomorphic, byte-stable, not stale."""
from __future__ import annotations

import shutil
import subprocess

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import OUTPUT


def test_build_is_byte_stable(dataset, tmp_path, built):
    from aigraph.build import build

    build(dataset, tmp_path)
    for path in built.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_committed_output_is_fresh(built):
    """Fails when graph/ changed but output/ was not rebuilt (run `make build`)."""
    for path in sorted(built.iterdir()):
        committed = OUTPUT / path.name
        assert committed.exists(), f"output/{path.name} is missing: run `make build`"
        assert committed.read_bytes() == path.read_bytes(), f"output/{path.name} is stale: run `make build`"


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
def test_turtle_parses_with_rapper(built):
    result = subprocess.run(["rapper", "-i", "turtle", "-c", str(built / "aigraph.ttl")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "rapper: Parsing returned" in result.stderr


def test_turtle_and_ntriples_roundtrip_isomorphic(dataset, built):
    from aigraph.rdf_build import to_rdf

    original = to_rdf(dataset, engine="rdflib")
    for name, fmt in (("aigraph.ttl", "turtle"), ("aigraph.nt", "nt"), ("aigraph.jsonld", "json-ld")):
        reparsed = rdflib.Graph().parse(built / name, format=fmt)
        assert isomorphic(original, reparsed), name


def test_turtle_parses_with_pyoxigraph(built, dataset):
    from aigraph.rdf_build import rdf_triples

    quads = list(ox.parse(path=str(built / "aigraph.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(quads) == len(rdf_triples(dataset))


def test_no_blank_nodes(dataset):
    from aigraph.rdf_build import rdf_triples

    assert not any(isinstance(t, rdflib.BNode) for triple in rdf_triples(dataset) for t in triple)


def test_oxigraph_store_is_default(dataset):
    from aigraph.rdf_build import to_rdf

    assert type(to_rdf(dataset).store).__name__ == "OxigraphStore"
    assert type(to_rdf(dataset, engine="rdflib").store).__name__ == "Memory"


def test_base_iri_is_configurable(mini_copy):
    from aigraph.load import read_graph
    from aigraph.rdf_build import rdf_triples

    ds, _ = read_graph(mini_copy / "graph")
    subjects = {str(s) for s, _, _ in rdf_triples(ds, "https://example.org/ai/")}
    assert "https://example.org/ai/id/org/nvidia" in subjects
    assert not any(s.startswith("https://w3id.org/") for s in subjects)


def test_failed_build_leaves_previous_outputs(tmp_path, monkeypatch, dataset):
    from aigraph import build as build_mod

    build_mod.build(dataset, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(_dataset):
        raise RuntimeError("page renderer crashed")

    monkeypatch.setattr("aigraph.pages.render_pages", broken)
    with pytest.raises(RuntimeError):
        build_mod.build(dataset, tmp_path)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == before
