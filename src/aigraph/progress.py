"""Progress reporting that keeps the core pure: a :data:`Progress` is a function that wraps an
iterable (``progress(items, length, label)``) and yields the same items. The core accepts one
and defaults to :func:`no_progress`; only the CLI passes a bar (:func:`bar_for`).

>>> list(no_progress(iter("abc"), 3, "letters"))
['a', 'b', 'c']
>>> list(steps(no_progress, [("one", lambda: 1), ("two", lambda: 2)]))
[1, 2]
"""
from __future__ import annotations

import sys
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
Progress = Callable[[Iterable[T], "int | None", str], Iterable[T]]


def no_progress(items: Iterable[T], length: int | None = None, label: str = "") -> Iterable[T]:
    """The silent progress: the items unchanged."""
    return items


def steps(progress: Progress, named: list[tuple[str, Callable[[], T]]], label: str = "") -> Iterator[T]:
    """Run named steps in order under ``progress``, yielding each step's result (a bar shows
    the name of the step running)."""
    for _, run in progress(iter(named), len(named), label):
        yield run()


def _step_name(item) -> str | None:
    if isinstance(item, tuple) and item and isinstance(item[0], str):
        return item[0]
    return None


def bar_for(quiet: bool = False, stream=None) -> Progress:
    """A click progress bar on a terminal; silent in pipes, files and with ``--quiet``."""
    stream = stream if stream is not None else sys.stderr
    if quiet or not getattr(stream, "isatty", lambda: False)():
        return no_progress

    def progress(items, length=None, label=""):
        import click

        with click.progressbar(items, length=length, label=label, file=stream, show_pos=True,
                               show_eta=True, item_show_func=_step_name) as bar:
            yield from bar

    return progress
