"""Import a data file into a graph directory of its own (the I/O around the pure converters).

The directory (``--into``) is an ordinary graph directory: ``sources.yaml`` (one entry per
imported file, ``kind: dataset``), ``people.yaml``, ``organizations.yaml``, one
``records-<source>.yaml`` per imported file, plus ``rejects/<source>.csv`` (every row not
kept, with its line and the reason) and ``reports/<source>-entities.csv`` (how every name was
matched). Importing the same file again replaces its records and keeps every entity.
"""
from __future__ import annotations

import csv
import gc
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..load import read_graph
from ..model import Dataset, Entity
from ..names import slugify
from ..problems import GraphError
from ..progress import Progress, no_progress
from ..write import write_outputs
from . import aiwatch, donations, ftm
from .common import Conversion, EntityIndex
from .read import count_lines, csv_rows, describe_source, json_lines
from .yamlout import dump_header, dump_lines, dump_section

IMPORTERS: dict[str, tuple[Callable, Callable]] = {
    "aiwatch": (csv_rows, aiwatch.convert),
    "donations": (csv_rows, donations.convert),
    "ftm": (json_lines, ftm.convert),
}
ENTITY_FILES = {"person": "people.yaml", "organization": "organizations.yaml", "product": "products.yaml"}
SECTIONS = {"people.yaml": "people", "organizations.yaml": "organizations", "products.yaml": "products"}


class ImportProblem(Exception):
    """A problem with what was asked (missing file, bad directory): shown to the user as is."""


@dataclass
class ImportReport:
    source_id: str
    read: int
    kept: int
    rejected: int
    records: int
    matched_graph: list[str]
    matched_into: list[str]
    new: list[str]
    variants: int
    paths: list[Path]
    rejects_path: Path


def _existing(directory: Path) -> Dataset | None:
    if not directory.is_dir() or not any(directory.glob("*.yaml")):
        return None
    dataset, problems = read_graph(directory, records=False)  # entities and sources suffice
    if problems:
        raise GraphError(problems)
    return dataset


def entity_entry(e: Entity) -> dict:
    """An entity as the mapping a curator writes."""
    out: dict = {"id": e.id, "names": dict(e.names), "aliases": list(e.aliases)}
    if e.misspellings:
        out["misspellings"] = list(e.misspellings)
    if e.kind:
        out["kind"] = e.kind
    if e.wikidata:
        out["wikidata"] = e.wikidata
    out["description"] = e.description
    return out


def source_of(s) -> dict:
    """A source already in the directory, as the mapping it was written as."""
    out = {"id": s.id}
    if s.kind != "article":
        out["kind"] = s.kind
    out.update({"title": s.title, "publisher": s.publisher})
    if s.published:
        out["published"] = s.published.text
    if s.published_basis:
        out["published_basis"] = s.published_basis
    out["language"] = s.language
    if s.url:
        out["url"] = s.url
    out["archive"] = s.archive
    return out


def _source_entry(source_id: str, path: Path) -> dict:
    info = describe_source(path)
    entry = {"id": source_id, "kind": "dataset", "title": info["title"], "publisher": info["publisher"]}
    if info["published"]:
        entry["published"] = info["published"]
        entry["published_basis"] = "date of the upstream commit the file was taken from"
    entry["language"] = "en"
    if info["url"]:
        entry["url"] = info["url"]
    entry["archive"] = path.name
    return entry, info["licence"]


def _entity_files(into_ds: Dataset | None, graph_ds: Dataset | None, index: EntityIndex) -> dict[str, bytes]:
    by_file: dict[str, dict[str, dict]] = {name: {} for name in SECTIONS}
    if into_ds is not None:
        for e in into_ds.entities.values():
            name = Path(e.where.path).name if e.where else ENTITY_FILES[e.type]
            if name in by_file:
                by_file[name][e.id] = entity_entry(e)
    for ident, label in index.used.items():
        if label == "graph" and graph_ds is not None and (into_ds is None or ident not in into_ds.entities):
            e = graph_ds.entities[ident]
            by_file[ENTITY_FILES[e.type]][ident] = entity_entry(e)
    for ident, entry in index.new.items():
        etype = "person" if "kind" not in entry else "organization"
        by_file[ENTITY_FILES[etype]][ident] = entry
    return {name: dump_lines(SECTIONS[name], [items[k] for k in sorted(items)]).encode("utf-8")
            for name, items in by_file.items() if items}


def _csv(rows, header) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def run_import(importer: str, path: str | Path, into: str | Path, graph: str | Path | None = "graph",
               source_id: str | None = None, progress: Progress = no_progress) -> ImportReport:
    """Import ``path`` with ``importer`` into the graph directory ``into``, matching entities
    against ``graph`` (curated; None to skip) and what ``into`` already holds."""
    if importer not in IMPORTERS:
        raise ImportProblem(f"unknown importer {importer!r}; choose from {', '.join(IMPORTERS)}")
    path, into = Path(path), Path(into)
    if not path.is_file():
        raise ImportProblem(f"no such file: {path}")
    if graph is not None and into.resolve() == Path(graph).resolve():
        raise ImportProblem("imported data never goes into the curated graph: choose another --into")
    source_id = source_id or slugify(f"{importer} {path.stem}")
    graph_ds = _existing(Path(graph)) if graph is not None else None
    into_ds = _existing(into)
    index = EntityIndex([(label, ds) for label, ds in (("graph", graph_ds), ("into", into_ds)) if ds])
    reader, convert = IMPORTERS[importer]
    rows = progress(reader(path), count_lines(path), f"importing {path.name}")
    enabled = gc.isenabled()
    gc.disable()  # a hundred thousand long-lived dicts and no cycles: GC passes would dominate
    try:
        conv: Conversion = convert(rows, source_id, index)
    finally:
        if enabled:
            gc.enable()

    source, licence = _source_entry(source_id, path)
    sources = {s.id: s for s in into_ds.sources.values()} if into_ds else {}
    sources.pop(source_id, None)
    files = _entity_files(into_ds, graph_ds, index)
    entries = sorted([*(source_of(s) for s in sources.values()), source], key=lambda e: e["id"])
    files["sources.yaml"] = dump_section("sources", entries).encode("utf-8")
    header = dump_header(f"Imported by `aigraph import {importer}` from {path.name} "
                         f"(licence: {licence or 'see the source'}). Regenerated on every import: "
                         "do not edit by hand.")
    files[f"records-{source_id}.yaml"] = (header + dump_lines("records", conv.records)).encode("utf-8")
    paths = write_outputs(files, into)
    rejects = _csv(sorted(conv.rejects), ["line", "reason"])
    paths += write_outputs({f"{source_id}.csv": rejects}, into / "rejects")
    matches = sorted(index.matches.values(), key=lambda m: (m.status, m.id))
    report_rows = [(m.name, m.id, m.type, m.status, m.rows) for m in matches]
    paths += write_outputs({f"{source_id}-entities.csv": _csv(report_rows, ["name", "id", "type", "matched",
                                                                           "rows"])}, into / "reports")
    return ImportReport(
        source_id, conv.read, conv.kept, len(conv.rejects), len(conv.records),
        sorted({m.id for m in matches if m.status == "graph"}),
        sorted({m.id for m in matches if m.status == "into"}),
        sorted(index.new), sum(len(e["aliases"]) for e in index.new.values()),
        paths, into / "rejects" / f"{source_id}.csv")
