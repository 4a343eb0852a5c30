"""Row output for every command that prints rows: ``--format table|json|csv|tsv``.

>>> print(render([{"a": "x", "b": 1}, {"a": "yy", "b": None}], ["a", "b"], "table"))
a   b
--  -
x   1
yy
>>> render([{"a": "x"}], ["a"], "csv")
'a\\r\\nx\\r\\n'
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata

import click

FORMATS = ("table", "json", "csv", "tsv")


def format_option(default: str = "table", choices=FORMATS):
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default,
                         show_default=True, help="Output format.")


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def render(rows: list[dict], columns: list[str], fmt: str = "table") -> str:
    """Rows (dicts) as text in one of FORMATS. JSON keeps nested values; others flatten."""
    if fmt == "json":
        return json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False,
                          indent=2, default=str)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in columns])
        return buf.getvalue()
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])] + [line(row) for row in cells]
    return "\n".join(out)


def emit(rows: list[dict], columns: list[str], fmt: str = "table") -> None:
    text = render(rows, columns, fmt)
    click.echo(text, nl=not text.endswith("\n"))
