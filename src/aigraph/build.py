"""``aigraph build``: everything in ``output/`` from a Dataset, written atomically."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Dataset
from .progress import Progress, no_progress, steps
from .rdf_build import rdf_triples
from .vocab import DEFAULT_BASE
from .write import export_bytes, write_outputs


@dataclass
class BuildResult:
    paths: list[Path]
    triples: int
    records: int
    entities: int
    sources: int


def build_files(dataset: Dataset, base: str = DEFAULT_BASE,
                progress: Progress = no_progress) -> tuple[dict[str, bytes], int]:
    """Every output file as bytes (nothing written yet), and the triple count; ``progress``
    (see :mod:`aigraph.progress`) is told each step."""
    from .pages import render_pages

    triples: list = []
    files: dict[str, bytes] = {}
    for _ in steps(progress, [
            ("RDF triples", lambda: triples.extend(rdf_triples(dataset, base))),
            ("Turtle", lambda: files.update({"aigraph.ttl": export_bytes(dataset, "turtle", base, triples)})),
            ("N-Triples", lambda: files.update({"aigraph.nt": export_bytes(dataset, "nt", base, triples)})),
            ("JSON-LD", lambda: files.update({"aigraph.jsonld": export_bytes(dataset, "jsonld", base, triples)})),
            ("pages", lambda: files.update(render_pages(dataset)))], "building"):
        pass
    return files, len(triples)


def build(dataset: Dataset, out_dir: str | Path = "output", base: str = DEFAULT_BASE,
          progress: Progress = no_progress) -> BuildResult:
    """Build every output of ``dataset`` into ``out_dir`` (atomically, byte-stable)."""
    files, n = build_files(dataset, base, progress)
    paths = write_outputs(files, out_dir)
    return BuildResult(paths, n, len(dataset.records), len(dataset.entities), len(dataset.sources))
