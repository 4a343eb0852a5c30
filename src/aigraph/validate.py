"""Validation entry points: read ``graph/``, check it, and (optionally) the archive.

>>> report = validate("graph", archive=None, use_archive=False)
>>> report.ok, report.notices
(True, ['archive check skipped: no article archive given'])
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .archive import Archive, check_archive, find_archive
from .load import read_graph
from .model import Dataset
from .problems import GraphError, Problem


@dataclass
class Report:
    dataset: Dataset
    problems: list[Problem]
    notices: list[str] = field(default_factory=list)
    archive: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(graph_dir="graph", archive=None, use_archive: bool = True) -> Report:
    """Read and check ``graph_dir``; with an archive, also check every cited line."""
    dataset, problems = read_graph(graph_dir)
    notices = []
    directory = find_archive(archive, graph_dir) if use_archive else None
    if directory is None:
        notices.append("archive check skipped: no article archive given")
    elif not Path(directory).is_dir():
        problems.append(Problem(str(directory), 0, "archive directory not found"))
    else:
        problems.extend(check_archive(dataset, Archive(directory)))
    return Report(dataset, sorted(set(problems)), notices, directory)


def load(graph_dir="graph", archive=None, use_archive: bool = False) -> Dataset:
    """The Dataset of ``graph_dir``; raises :class:`GraphError` listing every problem."""
    report = validate(graph_dir, archive, use_archive)
    if report.problems:
        raise GraphError(report.problems)
    return report.dataset
