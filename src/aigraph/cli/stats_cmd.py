"""stats: coverage of graph/ per kind, source article, certainty and status."""
from __future__ import annotations

import click

from .base import cli, handle_errors
from .format import emit, format_option


@cli.command()
@format_option()
@click.pass_obj
@handle_errors
def stats(obj, fmt):
    """Count records per kind, source article, certainty and status; list entities without any record.

    \b
    Examples:
      aigraph stats
      aigraph stats --format json
      aigraph stats --format csv > coverage.csv
    """
    from ..stats import COLUMNS, coverage, coverage_rows
    from ..validate import load

    dataset = load(obj.graph, obj.archive)
    emit(coverage_rows(coverage(dataset), dataset), COLUMNS, fmt)
