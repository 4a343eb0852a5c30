"""Importers of real third-party data: counts, rejects with reasons, known rows, loadability."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from conftest import GRAPH, ROOT, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "external"
EXTERNAL = ROOT.parent / "shared" / "data" / "external"
AIWATCH = "aiwatch-positions/positions.csv"
DONATIONS = "donations-list/donations.csv"
FTM = "ftm-german-party-donations/donations.ijson"
COUNTS = re.compile(r"read (\d+), kept (\d+), rejected (\d+)")


def do_import(importer, path, into, *extra):
    result = run_cli("--graph", str(GRAPH), "import", importer, str(path), "--into", str(into), *extra)
    assert result.exit_code == 0, result.output
    n, k, r = map(int, COUNTS.search(result.output).groups())
    assert n == k + r
    return result.output, (n, k, r)


def rejects(into, source):
    with open(into / "rejects" / f"{source}.csv", encoding="utf-8", newline="") as fh:
        return {int(row["line"]): row["reason"] for row in csv.DictReader(fh)}


def load_dir(into):
    from aigraph.validate import load

    return load(into)


def moves_between(ds, a, b):
    from aigraph.talent import find_moves

    return {m.person: m for m in find_moves(ds, from_org=a, to_org=b)}


@pytest.fixture(scope="module")
def fixture_import(tmp_path_factory):
    """All three fixture slices imported into one directory."""
    into = tmp_path_factory.mktemp("imported")
    outputs = {name: do_import(name, FIXTURES / path, into)
               for name, path in (("aiwatch", AIWATCH), ("donations", DONATIONS), ("ftm", FTM))}
    return into, outputs


def test_aiwatch_counts_and_rejects(fixture_import):
    into, outputs = fixture_import
    assert outputs["aiwatch"][1] == (36, 30, 6)
    reasons = rejects(into, "aiwatch-positions")
    assert reasons[4] == "duplicate of line 3"
    assert reasons[33] == "no organization"
    assert reasons[5].startswith("no start or end date")
    assert "entities: 2 matched in" in outputs["aiwatch"][0]  # openai, anthropic
    assert "matched in" in outputs["aiwatch"][0] and "anthropic, openai" in outputs["aiwatch"][0]


def test_aiwatch_moves_and_title_changes(fixture_import):
    into, _ = fixture_import
    ds = load_dir(into)
    moved = moves_between(ds, "openai", "anthropic")
    assert {"dario-amodei", "jack-clark", "tom-brown"} <= set(moved)
    assert moved["jack-clark"].date.text == "2021-01"
    assert moved["dario-amodei"].how == "inferred"
    from aigraph.talent import moves, stints

    # Jack Clark's two contiguous OpenAI titles are one stint, not a move OpenAI -> OpenAI
    at_openai = [s for s in stints(ds) if s.person == "jack-clark" and s.organization == "openai"]
    assert [(s.start.text, s.end.text, s.roles) for s in at_openai] == [
        ("2016-10", "2020-12", ("Strategy and Communications", "Policy Director"))]
    assert [m.date.text for m in moves(ds) if m.person == "jack-clark" and m.to_org == "openai"] == ["2016-10"]


def test_aiwatch_messy_dates_and_names(fixture_import):
    into, _ = fixture_import
    ds = load_dir(into)
    by_line = {c.line: r for r in ds.records.values() for c in r.sources
               if c.source == "aiwatch-positions" and r.kind != "departed"}
    text = (FIXTURES / AIWATCH).read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "2017-01-01-" in t)
    assert by_line[line].date.text == "2017"  # trailing dash dropped, year precision as stated
    line = next(i for i, t in enumerate(text, 1) if "2019-7-01" in t)
    assert by_line[line].date.text == "2019-07"
    assert ds.entity("cullen-o-keefe").name == "Cullen O'Keefe"  # SQL-to-CSV quote artefact undone
    dario = next(r for r in ds.records.values() if r.id == "aiw-dario-amodei-openai-2016-07-hired")
    note = dario.sources[0].note  # the five space-separated upstream URLs of the row, each kept
    assert note.startswith("upstream sources: ") and note.count("https://") == 5
    # every citation points at a real row of the file that names the person
    for line, rec in by_line.items():
        person = ds.entity(rec.participants["person"][0]).name.split()[-1].replace("'", '"')
        assert person.split('"')[0] in text[line - 1]


def test_donations(fixture_import):
    into, outputs = fixture_import
    assert outputs["donations"][1] == (40, 33, 7)
    reasons = rejects(into, "donations-donations")
    assert sorted(set(reasons.values())) == ["duplicate of line 20", "duplicate of line 22",
                                             "no donation date", "no donee"]
    ds = load_dir(into)
    recs = [r for r in ds.records.values() if r.sources[0].source == "donations-donations"]
    refunds = [r for r in recs if r.purpose == "donation refund"]
    assert len(refunds) == 4
    assert all(r.amount.value > 0 and r.amount.as_reported.startswith("-") for r in refunds)
    earhart = [r for r in refunds if r.participants["payee"] == ("earhart-foundation",)]
    assert earhart, "a refund flows from the donee back to the donor"
    gbp = [r for r in recs if r.amount and r.amount.currency == "GBP"]
    assert gbp and all(r.amount.usd is not None for r in gbp)
    eth = [r for r in recs if r.amount and r.amount.as_reported and "ETH" in r.amount.as_reported]
    assert eth and all(r.amount.currency == "USD" for r in eth)  # not ISO 4217: USD value kept
    quarter = [r for r in recs if r.date_basis and "quarter" in r.date_basis]
    assert quarter and all(r.date.precision == "year" for r in quarter)


def test_ftm(fixture_import):
    into, outputs = fixture_import
    assert outputs["ftm"][1] == (60, 46, 14)
    reasons = rejects(into, "ftm-donations")
    assert reasons[2] == "FtM Address: aigraph does not model addresses"
    assert reasons[59] == "FtM Organization not named by any imported record"
    ds = load_dir(into)
    lina = ds.entity("lina-dachner")
    assert lina.type == "person" and "Frau Lina Dachner" in lina.aliases
    pay = [r for r in ds.records.values() if r.sources[0].source == "ftm-donations"]
    assert pay[0].kind == "pays" and pay[0].amount.currency == "EUR"


def test_imported_dir_loads_with_normal_commands(fixture_import, tmp_path):
    into, _ = fixture_import
    result = run_cli("--graph", str(into), "validate")
    assert result.exit_code == 0, result.output
    assert "ok: 105 records" in result.output
    result = run_cli("--graph", str(into), "export", "--format", "csv", "-o", str(tmp_path / "e.csv"))
    assert result.exit_code == 0, result.output
    assert "aiw-jack-clark-anthropic-2021-01-hired" in (tmp_path / "e.csv").read_text(encoding="utf-8")


def test_moves_command(fixture_import):
    into, _ = fixture_import
    result = run_cli("--graph", str(into), "moves", "--from", "OpenAI", "--to", "Anthropic")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "Anthropic" in line]
    for name in ("Dario Amodei", "Jack Clark", "Tom Brown"):
        row = next(r for r in rows if r.startswith(name))
        assert "OpenAI" in row and "aiwatch-positions:" in row
    assert not any(r.startswith("Jack Clark") and "OpenAI  OpenAI" in r for r in result.output.splitlines())


def test_dataset_sources_skip_the_archive_check_only_when_declared(fixture_import, tmp_path):
    import shutil

    into, _ = fixture_import
    archive = tmp_path / "archive"
    archive.mkdir()
    result = run_cli("--graph", str(into), "--archive", str(archive), "validate")
    assert result.exit_code == 0, result.output  # positions.csv etc. absent: datasets skip cleanly
    copy = tmp_path / "copy"
    shutil.copytree(into, copy)
    text = (copy / "sources.yaml").read_text(encoding="utf-8")
    (copy / "sources.yaml").write_text(text.replace("    kind: dataset\n", "", 1), encoding="utf-8")
    result = run_cli("--graph", str(copy), "--archive", str(archive), "validate")
    assert result.exit_code == 2
    assert "not found in" in result.output


def test_reimport_is_byte_stable(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    do_import("aiwatch", FIXTURES / AIWATCH, a)
    do_import("aiwatch", FIXTURES / AIWATCH, b)
    do_import("aiwatch", FIXTURES / AIWATCH, b)  # again into the same directory
    for name in ("records-aiwatch-positions.yaml", "people.yaml", "organizations.yaml", "sources.yaml"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_user_errors(tmp_path):
    result = run_cli("--graph", str(GRAPH), "import", "aiwatch", str(tmp_path / "nope.csv"),
                     "--into", str(tmp_path / "x"))
    assert result.exit_code == 2 and "no such file" in result.output
    result = run_cli("--graph", str(GRAPH), "import", "aiwatch", str(FIXTURES / AIWATCH), "--into", str(GRAPH))
    assert result.exit_code == 2 and "never goes into the curated graph" in result.output


def test_fast_yaml_path_reads_what_yaml_reads():
    import yaml

    from aigraph.importers.yamlout import dump_lines
    from aigraph.yamlio import _LineLoader, parse_yaml

    text = "# header\n" + dump_lines("records", [
        {"id": "a", "n": 3, "s": "x\u2028y: z", "l": ["p", {"q": None}], "t": True},
        {"id": "b", "sources": [{"source": "s", "line": 2}]}])
    fast, slow = parse_yaml(text), yaml.load(text, Loader=_LineLoader)
    assert fast == slow
    assert [r.line for r in fast["records"]] == [r.line for r in slow["records"]] == [3, 4]
    assert fast["records"][1]["sources"].line_of(0) == 4
    with pytest.raises(yaml.YAMLError, match="duplicate key"):
        parse_yaml('records:\n  - {"id": "a", "id": "b"}\n')


def test_progress_is_quiet_off_a_terminal():
    import io

    from aigraph.progress import bar_for, no_progress

    assert bar_for(quiet=True) is no_progress
    assert bar_for(stream=io.StringIO()) is no_progress


def full(name):
    path = EXTERNAL / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return path


@pytest.mark.slow
def test_full_aiwatch(tmp_path):
    output, (n, k, r) = do_import("aiwatch", full(AIWATCH), tmp_path)
    assert n == 15616 and r == 1348
    reasons = rejects(tmp_path, "aiwatch-positions")
    assert sum(v.startswith("duplicate of line") for v in reasons.values()) == 90
    ds = load_dir(tmp_path)
    moved = moves_between(ds, "openai", "anthropic")
    assert {"dario-amodei", "jack-clark", "tom-brown", "daniela-amodei", "benjamin-mann"} <= set(moved)


@pytest.mark.slow
def test_full_donations(tmp_path):
    output, (n, k, r) = do_import("donations", full(DONATIONS), tmp_path)
    assert n == 97678
    reasons = rejects(tmp_path, "donations-donations")
    assert sum(v.startswith("duplicate of line") for v in reasons.values()) == 7582
    assert sum(v == "no donation date" for v in reasons.values()) == 3495
    result = run_cli("--graph", str(tmp_path), "validate")
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_full_ftm(tmp_path):
    output, (n, k, r) = do_import("ftm", full(FTM), tmp_path)
    assert (n, r) == (474, 89)
    ds = load_dir(tmp_path)
    assert sum(rec.kind == "pays" for rec in ds.records.values()) == 290


def test_bench_generator_is_deterministic_and_loads(tmp_path):
    """bench/generate.py: the same size gives the same bytes, and the graph loads cleanly with
    real moves in it (the benchmark's numbers mean nothing on a broken graph)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    assert generate.generate(3000) == generate.generate(3000)
    assert generate.parse_size("1M") == 1_000_000 and generate.parse_size("250k") == 250_000
    ds = load_dir(generate.write(tmp_path / "g", 3000))
    from aigraph.talent import moves

    assert ds.records and any(m.from_org for m in moves(ds))
