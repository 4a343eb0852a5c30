"""Validation: every problem reported as path:line: message, exit 2, no traceback."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ARCHIVE, GRAPH, ROOT


def validate_mini(mini, *extra):
    """Run `aigraph validate` on a copy of the fixture graph from inside its directory."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, "-m", "aigraph", "--graph", "graph", "--archive", "archive", "validate", *extra],
        cwd=mini, capture_output=True, text=True, env=env)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_is_clean(mini_copy):
    result = validate_mini(mini_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 4 records, 4 entities, 1 sources")


def test_misspelled_id_gets_did_you_mean(mini_copy):
    edit(mini_copy / "graph/records.yaml", "investor: [nvidia]", "investor: [Nvida]")
    result = validate_mini(mini_copy)
    assert result.returncode == 2
    assert "graph/records.yaml:5: unknown entity 'Nvida' (did you mean 'nvidia'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_organisation_named_by_alias(mini_copy):
    edit(mini_copy / "graph/records.yaml", "investee: openai", "investee: acme")
    result = validate_mini(mini_copy)
    assert "graph/records.yaml:6: unknown organisation 'acme' (did you mean 'acme-labs'?)" in result.stderr


def test_bad_date(mini_copy):
    edit(mini_copy / "graph/records.yaml", "date: 2025-09-22", "date: 2025-13-01")
    result = validate_mini(mini_copy)
    assert result.returncode == 2
    assert ("graph/records.yaml:7: month 13 is out of range (use YYYY, YYYY-MM or YYYY-MM-DD)"
            in result.stderr)


def test_missing_sources(mini_copy):
    edit(mini_copy / "graph/records.yaml",
         "    sources:\n      - {source: demo-article, line: 3, note: GPU purchases}\n", "")
    result = validate_mini(mini_copy)
    assert result.returncode == 2
    assert ("graph/records.yaml:13: record 'supplies-nvidia-openai' has no sources "
            "(every fact cites ≥ 1 {source, line, note})") in result.stderr


def test_cited_line_naming_no_participant(mini_copy):
    edit(mini_copy / "graph/records.yaml", "line: 3, note: GPU", "line: 5, note: GPU")
    result = validate_mini(mini_copy)
    assert result.returncode == 2
    assert ("graph/records.yaml:22: demo-article:5 names none of the participants of "
            "'supplies-nvidia-openai' (nvidia, openai) (check the line number, or add the "
            "spelling used there as an alias)") in result.stderr
    assert "graph/records.yaml:13: no cited line of 'supplies-nvidia-openai' names 'nvidia'" in result.stderr


def test_line_past_end(mini_copy):
    edit(mini_copy / "graph/records.yaml", "line: 3, note: GPU", "line: 99, note: GPU")
    result = validate_mini(mini_copy)
    assert "graph/records.yaml:22: line 99 is past the end of 'demo-article' (6 lines)" in result.stderr


def test_broken_yaml(mini_copy):
    edit(mini_copy / "graph/people.yaml", "names: {en: Ada Lovelace}", "names: {en: Ada Lovelace")
    result = validate_mini(mini_copy)
    assert result.returncode == 2
    assert "graph/people.yaml:" in result.stderr and "YAML syntax error" in result.stderr
    # a broken entity file must not bury its one error under cascades of unknown ids
    assert "unknown person" not in result.stderr


def test_negative_amount_and_bad_currency(mini_copy):
    edit(mini_copy / "graph/records.yaml", "{max: 100000000000, currency: USD",
         "{max: -5, currency: usd")
    result = validate_mini(mini_copy)
    assert "graph/records.yaml:8: amount.max is negative: -5" in result.stderr
    assert "graph/records.yaml:8: unknown currency 'usd' in amount (did you mean 'USD'?)" in result.stderr


def test_wrong_participant_type(mini_copy):
    edit(mini_copy / "graph/records.yaml", "investee: openai", "investee: ada-lovelace")
    result = validate_mini(mini_copy)
    assert "graph/records.yaml:6: investee: 'ada-lovelace' is a person, expected organisation" in result.stderr


def test_duplicate_id(mini_copy):
    path = mini_copy / "graph/organizations.yaml"
    path.write_text(path.read_text() + "  - id: openai\n    names: {en: Open AI}\n    kind: lab\n")
    result = validate_mini(mini_copy)
    assert "graph/organizations.yaml:12: duplicate id 'openai' (first defined at graph/organizations.yaml:6)" in result.stderr


def test_all_problems_collected(mini_copy):
    edit(mini_copy / "graph/records.yaml", "investor: [nvidia]", "investor: [Nvida]")
    edit(mini_copy / "graph/records.yaml", "date: 2025-10", "date: 2025-10-32")
    result = validate_mini(mini_copy)
    assert "unknown entity 'Nvida'" in result.stderr and "day 32 does not exist" in result.stderr
    assert result.stderr.strip().endswith("problem(s) found.")


def test_without_archive_notice(mini_copy, monkeypatch):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("AIGRAPH_ARCHIVE", None)
    result = subprocess.run([sys.executable, "-m", "aigraph", "--graph", "graph", "validate", "--no-archive"],
                            cwd=mini_copy, capture_output=True, text=True, env=env)
    assert result.returncode == 0
    assert "notice: archive check skipped" in result.stderr


@pytest.mark.skipif(not ARCHIVE.is_dir(), reason="article archive not beside the repo")
def test_bundled_graph_passes_archive_check():
    from aigraph.validate import validate

    report = validate(GRAPH, ARCHIVE)
    assert report.problems == []
    assert len(report.dataset.records) > 0
