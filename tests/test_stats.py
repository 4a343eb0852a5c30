"""`aigraph stats`: coverage counts per kind, source, certainty and status; entities without records."""
from __future__ import annotations

import csv
import io
import json

from conftest import GRAPH, MINI, run_cli


def test_coverage_of_the_fixture_is_exact():
    from aigraph.stats import coverage
    from aigraph.validate import load

    cov = coverage(load(MINI / "graph"))
    assert cov["totals"] == {"records": 4, "entities": 4, "sources": 1, "citations": 4}
    assert {k: n for k, n in cov["kinds"].items() if n} == {"hired": 1, "departed": 1, "invested": 1, "supplies": 1}
    assert cov["groups"] == {"capital": 2, "talent": 2}
    assert cov["certainty"] == {"confirmed": 0, "reported": 4, "alleged": 0, "disputed": 0}
    assert cov["status"] == {"planned": 2, "announced": 0, "completed": 2, "cancelled": 0}
    assert cov["entity_types"] == {"organization": 3, "person": 1}
    # lines 2, 3 and 4 are cited; line 4 by two records
    assert cov["sources"] == {"demo-article": {"records": 4, "citations": 4, "lines": 3}}
    assert cov["without_records"] == [] and cov["claims"] == {}


def test_entity_without_record_is_listed(mini_copy):
    from aigraph.stats import coverage
    from aigraph.validate import load

    path = mini_copy / "graph" / "people.yaml"
    path.write_text(path.read_text() + "  - id: grace-hopper\n    names: {en: Grace Hopper}\n", encoding="utf-8")
    cov = coverage(load(mini_copy / "graph"))
    assert cov["without_records"] == ["grace-hopper"]
    assert cov["totals"]["entities"] == 5


def test_counts_of_the_bundled_graph_add_up(dataset):
    from aigraph.stats import coverage

    cov = coverage(dataset)
    n = cov["totals"]["records"]
    assert n == len(dataset.records) > 150
    assert sum(cov["kinds"].values()) == sum(cov["certainty"].values()) == sum(cov["status"].values()) == n
    assert sum(cov["groups"].values()) == n
    assert cov["totals"]["citations"] == sum(s["citations"] for s in cov["sources"].values())
    # every article is cited, and the disputes of the issue are there
    assert all(s["records"] > 10 for s in cov["sources"].values())
    assert cov["certainty"]["disputed"] >= 7
    for ident in cov["without_records"]:
        assert dataset.records_of(ident) == []
    assert set(cov["claims"]) <= set(cov["without_records"])


def test_stats_command_table_json_csv():
    result = run_cli("--graph", str(MINI / "graph"), "stats")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["section", "key", "count", "detail"]
    assert any(line.split()[:3] == ["kind", "invested", "1"] for line in lines)
    assert any(line.startswith("source") and "demo-article" in line for line in lines)

    rows = json.loads(run_cli("--graph", str(MINI / "graph"), "stats", "--format", "json").output)
    assert {"section": "certainty", "key": "reported", "count": 4, "detail": None} in rows

    table = list(csv.DictReader(io.StringIO(run_cli("--graph", str(MINI / "graph"), "stats", "--format", "csv").output)))
    assert {r["key"]: r["count"] for r in table if r["section"] == "total"}["records"] == "4"


def test_stats_command_lists_entities_without_records():
    rows = json.loads(run_cli("--graph", str(GRAPH), "stats", "--format", "json").output)
    listed = {r["key"] for r in rows if r["section"] == "no record"}
    assert "demis-hassabis" in listed  # named in article 000, in no record
    assert "openai" not in listed


def test_stats_help_has_an_example():
    result = run_cli("stats", "--help")
    assert result.exit_code == 0 and "aigraph stats --format json" in result.output
