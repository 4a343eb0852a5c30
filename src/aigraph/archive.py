"""The archive check: does each cited line really name the record's participants?

Reads the archived article texts (``../shared/seeds`` by default) and checks, for every
record, that (1) every participant is named — by a name or alias — in at least one of the
record's cited lines and (2) every cited line names at least one participant. A citation may
add ``context`` lines (the sentence before, the paragraph's first line) for a line that only
refers back to a participant ("its revenue…"): their names count for that citation. It also
catches cited lines past the end of an article and sources whose file is missing.
"""
from __future__ import annotations

import os
from pathlib import Path

from .model import Dataset
from .names import fold, mentions
from .problems import Problem

ENV_VAR = "AIGRAPH_ARCHIVE"


def find_archive(explicit: str | os.PathLike | None, graph_dir: str | os.PathLike) -> Path | None:
    """The archive directory: --archive, else $AIGRAPH_ARCHIVE, else ../shared/seeds if present."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    for base in (Path(graph_dir).resolve().parent, Path.cwd()):
        candidate = base.parent / "shared" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


class Archive:
    """Lines of the archived articles, read once and folded for matching."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._lines: dict[str, list[str] | None] = {}

    def lines(self, filename: str) -> list[str] | None:
        if filename not in self._lines:
            path = self.directory / filename
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                self._lines[filename] = None
            else:
                self._lines[filename] = text.split("\n")
        return self._lines[filename]

    def line(self, filename: str, number: int) -> str | None:
        lines = self.lines(filename)
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]


def check_archive(dataset: Dataset, archive: Archive) -> list[Problem]:
    """Every problem the archive reveals in ``dataset`` (see the module docstring)."""
    problems: list[Problem] = []
    for source in dataset.sources.values():
        if archive.lines(source.archive) is None:
            if source.kind == "dataset":
                continue  # an imported data file not kept in the archive: nothing to check against
            w = source.where
            problems.append(Problem(w.path if w else "graph/sources.yaml", w.line if w else 0,
                                    f"archive file '{source.archive}' of source '{source.id}' not found "
                                    f"in {archive.directory}"))
    for rec in dataset.records.values():
        ids = rec.entity_ids()
        named: set[str] = set()
        for cit in rec.sources:
            source = dataset.sources[cit.source]
            lines = archive.lines(source.archive)
            if lines is None:
                continue
            where = cit.where or rec.where
            text = archive.line(source.archive, cit.line)
            if text is None:
                problems.append(Problem(where.path, where.line,
                                        f"line {cit.line} is past the end of '{source.id}' "
                                        f"({len(lines)} lines)"))
                continue
            context = [archive.line(source.archive, n) for n in cit.context]
            if None in context:
                problems.append(Problem(where.path, where.line,
                                        f"a context line of {cit.source}:{cit.line} is past the end of "
                                        f"'{source.id}' ({len(lines)} lines)"))
                continue
            folded = fold("\n".join([text, *context]))
            here = {i for i in ids if any(mentions(folded, n) for n in dataset.entities[i].all_names())}
            if not here:
                problems.append(Problem(where.path, where.line,
                                        f"{cit.source}:{cit.line} names none of the participants of "
                                        f"'{rec.id}' ({', '.join(ids)})",
                                        "check the line number, or add the spelling used there as an alias"))
            named |= here
        if any(archive.lines(dataset.sources[c.source].archive) is not None for c in rec.sources):
            for ident in ids:
                if ident not in named:
                    ent = dataset.entities[ident]
                    where = rec.where
                    problems.append(Problem(where.path, where.line,
                                            f"no cited line of '{rec.id}' names '{ident}' "
                                            f"({' / '.join(ent.all_names()[:3])})",
                                            "cite the line that names it, or add the spelling used as an alias"))
    return problems
