"""Partial dates as reported: ``2026-01-14``, ``2026-01``, ``2025``, ``2026-Q1``, ``2026-H2``.

The text keeps the precision; ``start``/``end`` are the normalised bounds used to order
and compare facts.

>>> d = parse_date("2026-01")
>>> d.precision, d.start.isoformat(), d.end.isoformat()
('month', '2026-01-01', '2026-01-31')
>>> parse_date("2026-Q1").end.isoformat()
'2026-03-31'
>>> parse_date("2026-13")
Traceback (most recent call last):
...
ValueError: month 13 is out of range (use YYYY, YYYY-MM or YYYY-MM-DD)
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-(Q[1-4]|H[12]))?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    start: dt.date
    end: dt.date
    text: str
    precision: str  # year | half | quarter | month | day

    def __str__(self) -> str:
        return self.text

    @property
    def xsd_type(self) -> str | None:
        """XSD datatype for the as-reported value (None for quarters/halves)."""
        return {"day": "date", "month": "gYearMonth", "year": "gYear"}.get(self.precision)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_date(value, *, allow_periods: bool = True) -> PartialDate:
    """Parse a reported date. Raises ValueError with a curator-readable message."""
    text = str(value).strip()
    m = _PATTERN.match(text)
    if not m:
        raise ValueError(f"malformed date {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m.group(1))
    month, day, part = m.group(2), m.group(3), m.group(4)
    if part:
        if not allow_periods:
            raise ValueError(f"date {text!r} is a period; use YYYY, YYYY-MM or YYYY-MM-DD")
        if part[0] == "Q":
            q = int(part[1])
            return PartialDate(dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), text, "quarter")
        h = int(part[1])
        return PartialDate(dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h), text, "half")
    if month is None:
        return PartialDate(dt.date(year, 1, 1), dt.date(year, 12, 31), text, "year")
    mo = int(month)
    if not 1 <= mo <= 12:
        raise ValueError(f"month {mo} is out of range (use YYYY, YYYY-MM or YYYY-MM-DD)")
    if day is None:
        return PartialDate(dt.date(year, mo, 1), _month_end(year, mo), text, "month")
    try:
        d = dt.date(year, mo, int(day))
    except ValueError:
        raise ValueError(f"day {int(day)} does not exist in {year}-{mo:02d}") from None
    return PartialDate(d, d, text, "day")
