"""Reading input files (the I/O edge of importing): rows with the line they start on, and
the source description from the ``SOURCE.md`` that sits beside a data file."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Iterator

from ..dates import parse_date
from .common import MALFORMED


def count_lines(path: Path) -> int:
    """Physical lines in a file (for progress bars), read in binary blocks."""
    n = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            n += block.count(b"\n")
    return n


def csv_rows(path: Path) -> Iterator[tuple[int, dict]]:
    """``(line, row)`` for each data row of a CSV file with a header; ``line`` is the 1-based
    line the row starts on (quoted cells may span lines). A row with the wrong number of cells
    comes back as ``{MALFORMED: reason}``."""
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return
        start = reader.line_num + 1
        for cells in reader:
            if len(cells) != len(header):
                row = {MALFORMED: f"malformed CSV row: {len(cells)} cells, the header has {len(header)}"}
            else:
                row = dict(zip(header, cells))
            yield start, row
            start = reader.line_num + 1


def json_lines(path: Path) -> Iterator[tuple[int, dict]]:
    """``(line, object)`` for each non-empty line of a JSON-lines file; unreadable lines come
    back as ``{MALFORMED: reason}``."""
    with open(path, encoding="utf-8") as fh:
        for number, text in enumerate(fh, 1):
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                obj = {MALFORMED: f"not JSON: {exc.msg}"}
            if not isinstance(obj, dict):
                obj = {MALFORMED: "a line must hold one JSON object"}
            yield number, obj


_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.M)
_REPO = re.compile(r"Repository:\s*(https?://\S+)(?:\s*\(([^);]+))?")
_COMMIT = re.compile(r"Commit:\s*[0-9a-f]{7,40}\s*\((\d{4}-\d{2}-\d{2})\)")
_LICENSE = re.compile(r"Licen[cs]e:\s*\**([^*\n(]+)")


def describe_source(path: Path) -> dict:
    """Title, publisher, date, URL and licence of a data file, from ``SOURCE.md`` beside it
    (everything optional; the file name stands in for a missing title or publisher)."""
    out = {"title": path.name, "publisher": path.parent.name or path.name, "published": None,
           "url": None, "licence": None}
    readme = path.parent / "SOURCE.md"
    if not readme.is_file():
        return out
    text = readme.read_text(encoding="utf-8", errors="replace")
    if m := _HEADING.search(text):
        out["title"] = f"{m.group(1)}: {path.name}"
    if m := _REPO.search(text):
        out["url"] = m.group(1).rstrip(").,")
        owner = out["url"].rstrip("/").split("/")[-2] if out["url"].count("/") >= 4 else None
        out["publisher"] = (m.group(2) or owner or out["publisher"]).strip()
    if m := _COMMIT.search(text):
        try:
            parse_date(m.group(1))
            out["published"] = m.group(1)
        except ValueError:
            pass
    if m := _LICENSE.search(text):
        out["licence"] = m.group(1).strip()
    return out
