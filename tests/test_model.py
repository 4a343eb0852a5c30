"""The Dataset, the networkx projections and the CLI plumbing."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "aigraph", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "aigraph validate" in result.stdout


def test_networkx_edges_are_keyed_by_record(mini_copy):
    from aigraph.load import read_graph
    from aigraph.nx_build import money_graph, to_networkx

    ds, problems = read_graph(mini_copy / "graph")
    assert problems == []
    g = to_networkx(ds)
    assert set(g["nvidia"]["openai"]) == {"invested-nvidia-openai", "supplies-nvidia-openai"}
    edge = g["nvidia"]["openai"]["invested-nvidia-openai"]
    assert (edge["kind"], edge["date"], edge["certainty"], edge["status"], edge["amount_usd"]) == (
        "invested", "2025-09-22", "reported", "planned", 100000000000.0)
    assert edge["sources"] == "demo-article:2"
    m = money_graph(ds, flows=("money",))
    assert sorted((u, v, d["kind"]) for u, v, d in m.edges(data=True)) == [
        ("nvidia", "openai", "invested"), ("openai", "nvidia", "supplies")]


def test_moves_inferred_from_departure(mini_copy):
    from aigraph.load import read_graph
    from aigraph.talent import moves

    ds, _ = read_graph(mini_copy / "graph")
    [m] = moves(ds)
    assert (m.person, m.from_org, m.to_org, m.how, m.role) == (
        "ada-lovelace", "acme-labs", "openai", "inferred", "Chief Scientist")


def test_dataset_is_immutable(dataset):
    import dataclasses

    import pytest

    rec = next(iter(dataset.records.values()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.kind = "other"
    with pytest.raises(TypeError):
        dataset.records["x"] = rec


def test_every_fact_has_source_line_and_date(dataset):
    for rec in dataset.records.values():
        assert rec.sources and all(c.line >= 1 for c in rec.sources)
        assert rec.date.text
