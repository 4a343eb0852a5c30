"""Names in any script: every spelling of an entity finds it; unknown or ambiguous names fail
with the closest matches."""
from __future__ import annotations

import json
import unicodedata

import pytest

from conftest import run_cli

from aigraph.resolve import EntityNotFound, RequestError, resolve_entity, search


def _opencc(config):
    import opencc

    return opencc.OpenCC(config)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize("names,expected", [
    (["英伟达", "英偉達", "輝達", "NVIDIA", "nvidia", "Nvidia", "ＮＶＩＤＩＡ", "ｎｖｉｄｉａ"], "nvidia"),
    (["微软", "微軟", "Microsoft", "MICROSOFT"], "microsoft"),
    (["山姆·奥特曼", "山姆·奧特曼", "Sam Altman", "sam altman", "SAM-ALTMAN", "奥特曼", "Altman"], "sam-altman"),
    (["黄仁勋", "黃仁勳", "Jensen Huang", "老黄", "老黃"], "jensen-huang"),
    (["TML", "tml", "Thinking Machines", "thinking-machines-lab", "ＴＭＬ"], "thinking-machines-lab"),
    (["a16z", "A16Z", "Andreessen Horowitz"], "andreessen-horowitz"),
    (["OpneAI", "openai", "https://w3id.org/aigraph/id/org/openai"], "openai"),
])
def test_every_script_case_and_width_finds_the_entity(dataset, names, expected):
    assert {resolve_entity(dataset, n).id for n in names} == {expected}


def test_names_in_each_of_three_scripts_resolve_to_the_same_entity(dataset):
    """For every entity with a Chinese name: English, simplified and traditional all agree."""
    s2t, t2s = _opencc("s2t"), _opencc("t2s")
    checked = 0
    for e in dataset.entities.values():
        chinese = [e.names[k] for k in ("zh-Hans", "zh-Hant") if k in e.names]
        if not chinese:
            continue
        spellings = {e.names["en"], *chinese, *(s2t.convert(c) for c in chinese),
                     *(t2s.convert(c) for c in chinese)}
        assert {resolve_entity(dataset, s).id for s in spellings} == {e.id}, e.id
        checked += 1
    assert checked >= 30


def test_every_spelling_finds_its_entity_or_says_it_is_ambiguous(dataset):
    for e in dataset.entities.values():
        for spelling in (*e.all_names(), e.id, e.name.upper(), full_width(e.name)):
            try:
                assert resolve_entity(dataset, spelling).id == e.id, spelling
            except EntityNotFound as exc:
                assert "ambiguous" in str(exc) and e.id in {m.entity.id for m in exc.matches}


def test_unknown_name_lists_the_closest_matches(dataset):
    with pytest.raises(EntityNotFound) as err:
        resolve_entity(dataset, "Barret Zop")
    assert "Barret Zoph (barret-zoph)" in str(err.value)
    assert err.value.matches[0].entity.id == "barret-zoph"
    assert isinstance(err.value, RequestError)


def test_type_filter(dataset):
    assert resolve_entity(dataset, "OpenAI", ("organization",)).id == "openai"
    with pytest.raises(EntityNotFound, match=r"no person is called 'OpenAI' \(it names OpenAI \(openai\), an organization\)"):
        resolve_entity(dataset, "OpenAI", ("person",))


def test_ambiguous_names_list_every_candidate(mini_copy):
    from aigraph.validate import load

    people = mini_copy / "graph" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") +
                      "  - id: ada-byron\n    names: {en: Ada Byron}\n    aliases: [Ada]\n"
                      "  - id: ada-lovelace-2\n    names: {en: Ada King}\n    aliases: [ADA]\n",
                      encoding="utf-8")
    ds = load(mini_copy / "graph")
    with pytest.raises(EntityNotFound, match="ambiguous") as err:
        resolve_entity(ds, "ａｄａ")
    assert {m.entity.id for m in err.value.matches} == {"ada-byron", "ada-lovelace-2"}
    result = run_cli("--graph", str(mini_copy / "graph"), "show", "Ada")
    assert result.exit_code == 2
    assert "Ada Byron (ada-byron, person)" in result.stderr and "Traceback" not in result.stderr


def test_redirects_follow_to_the_new_id(mini_copy):
    from aigraph.validate import load

    (mini_copy / "graph" / "redirects.yaml").write_text("redirects:\n  acme: acme-labs\n", encoding="utf-8")
    assert resolve_entity(load(mini_copy / "graph"), "acme").id == "acme-labs"


def test_search_ranks_exact_then_prefix_then_substring_then_fuzzy(dataset):
    assert [(m.entity.id, m.how) for m in search(dataset, "輝達")] == [("nvidia", "exact")]
    top = search(dataset, "thinking machine")
    assert top[0].entity.id == "thinking-machines-lab" and top[0].how == "prefix"
    assert search(dataset, "英伟")[0].entity.id == "nvidia"
    assert search(dataset, "schoen")[0].entity.id == "sam-schoenholz"
    fuzzy = search(dataset, "Shazer")
    assert fuzzy[0].entity.id == "noam-shazeer" and fuzzy[0].how == "fuzzy"
    scores = [m.score for m in search(dataset, "open")]
    assert scores == sorted(scores, reverse=True)
    assert search(dataset, "  ") == []


def test_search_command(dataset):
    rows = json.loads(run_cli("search", "英偉達", "--format", "json").stdout)
    assert rows == [{"id": "nvidia", "type": "organization", "name": "Nvidia", "matched": "英偉達",
                     "how": "exact", "score": 1.0}]
    people = json.loads(run_cli("search", "sam", "--type", "person", "--format", "json").stdout)
    assert {r["id"] for r in people} >= {"sam-altman", "sam-schoenholz"}
    assert all(r["type"] == "person" for r in people)
    table = run_cli("search", unicodedata.normalize("NFKC", "ＴＭＬ"))
    assert table.exit_code == 0 and "thinking-machines-lab" in table.stdout


def test_every_entity_argument_takes_any_script():
    a = run_cli("moves", "--from", "Thinking Machines Lab", "--to", "OpenAI", "--format", "csv")
    b = run_cli("moves", "--from", "tml", "--to", "ＯＰＥＮＡＩ", "--format", "csv")
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout and "barret-zoph" in a.stdout
    bad = run_cli("moves", "--to", "Barret Zoph")
    assert bad.exit_code == 2 and "no organization is called 'Barret Zoph'" in bad.stderr
