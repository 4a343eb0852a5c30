"""Context lines on citations: names on a citation's `context` lines count for that citation,
and only for it; a wrong or missing context still fails the archive check."""
from __future__ import annotations

import shutil

import pytest

from conftest import ARCHIVE, GRAPH

# tests/fixtures/mini/archive/demo-article.txt:
#   2  names Nvidia (英伟达) and OpenAI      3  names OpenAI and NVIDIA
#   4  names Ada Lovelace, Acme Labs, OpenAI  1, 5  name nobody
RECORDS = "graph/records.yaml"
SUPPLIES_CITATION = "{source: demo-article, line: 3, note: GPU purchases}"


def check(mini):
    from aigraph.validate import validate

    return validate(mini / "graph", mini / "archive")


def cite(mini, citation):
    path = mini / RECORDS
    text = path.read_text(encoding="utf-8")
    assert SUPPLIES_CITATION in text
    path.write_text(text.replace(SUPPLIES_CITATION, citation, 1), encoding="utf-8")


def messages(report):
    return [p.message for p in report.problems]


def test_line_naming_nobody_fails_without_context(mini_copy):
    cite(mini_copy, "{source: demo-article, line: 5, note: GPU purchases}")
    assert any("demo-article:5 names none of the participants of 'supplies-nvidia-openai'" in m
               for m in messages(check(mini_copy)))


def test_context_line_makes_the_citation_pass(mini_copy):
    cite(mini_copy, "{source: demo-article, line: 5, context: [3], note: GPU purchases}")
    report = check(mini_copy)
    assert report.problems == []
    cit = report.dataset.records["supplies-nvidia-openai"].sources[0]
    assert (cit.line, cit.context) == (5, (3,))


def test_context_naming_nobody_still_fails(mini_copy):
    cite(mini_copy, "{source: demo-article, line: 5, context: [1], note: GPU purchases}")
    found = messages(check(mini_copy))
    assert any("demo-article:5 names none of the participants" in m for m in found)
    assert any("no cited line of 'supplies-nvidia-openai' names 'nvidia'" in m for m in found)


def test_context_naming_only_one_participant_leaves_the_other_missing(mini_copy):
    cite(mini_copy, "{source: demo-article, line: 5, context: [4], note: GPU purchases}")
    found = messages(check(mini_copy))
    assert not any("names none of the participants" in m for m in found)  # line 4 names OpenAI
    assert found == ["no cited line of 'supplies-nvidia-openai' names 'nvidia' (Nvidia / 英伟达 / 輝達)"]


def test_context_past_the_end_is_reported(mini_copy):
    cite(mini_copy, "{source: demo-article, line: 5, context: [99], note: GPU purchases}")
    assert any("a context line of demo-article:5 is past the end of 'demo-article'" in m
               for m in messages(check(mini_copy)))


def test_context_must_be_line_numbers(mini_copy):
    cite(mini_copy, "{source: demo-article, line: 5, context: [three], note: GPU purchases}")
    assert any("context must be a list of line numbers" in m for m in messages(check(mini_copy)))


@pytest.mark.skipif(not ARCHIVE.is_dir(), reason="article archive not beside the repo")
def test_bundled_context_citation_is_needed(tmp_path):
    """000:37 gives OpenAI's 2025 R&D cost but names OpenAI only on line 35: without its
    context the bundled record fails."""
    from aigraph.validate import validate

    graph = tmp_path / "graph"
    shutil.copytree(GRAPH, graph)
    path = graph / "records-000.yaml"
    text = path.read_text(encoding="utf-8")
    citation = "line: 37, context: [35], note: total 2025 R&D cost"
    assert citation in text
    assert validate(graph, ARCHIVE).problems == []
    path.write_text(text.replace(citation, "line: 37, note: total 2025 R&D cost"), encoding="utf-8")
    found = [p.message for p in validate(graph, ARCHIVE).problems]
    assert any("000_abe8f7d22145ce3a:37 names none of the participants of 'metric-openai-rd-cost-2025'" in m
               for m in found)
