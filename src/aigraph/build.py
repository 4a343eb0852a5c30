"""``aigraph build``: everything in ``output/`` from a Dataset, written atomically."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Dataset
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


def build_files(dataset: Dataset, base: str = DEFAULT_BASE) -> tuple[dict[str, bytes], int]:
    """Every output file as bytes (nothing written yet), and the triple count."""
    from .pages import render_pages

    triples = rdf_triples(dataset, base)
    files = {
        "aigraph.ttl": export_bytes(dataset, "turtle", base, triples),
        "aigraph.nt": export_bytes(dataset, "nt", base, triples),
        "aigraph.jsonld": export_bytes(dataset, "jsonld", base, triples),
    }
    files.update(render_pages(dataset))
    return files, len(triples)


def build(dataset: Dataset, out_dir: str | Path = "output", base: str = DEFAULT_BASE) -> BuildResult:
    """Build every output of ``dataset`` into ``out_dir`` (atomically, byte-stable)."""
    files, n = build_files(dataset, base)
    paths = write_outputs(files, out_dir)
    return BuildResult(paths, n, len(dataset.records), len(dataset.entities), len(dataset.sources))
