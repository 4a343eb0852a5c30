"""Problems found in graph/ data, written for curators.

>>> str(Problem("graph/moves.yaml", 41, "unknown organisation 'Nvida'", "did you mean 'nvidia'?"))
"graph/moves.yaml:41: unknown organisation 'Nvida' (did you mean 'nvidia'?)"
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class GraphError(Exception):
    """Raised when graph/ data has problems; carries every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _order(p: Problem):
    return (p.path, p.line, p.message)


def did_you_mean(word: str, choices, n: int = 1) -> str | None:
    """A did-you-mean hint for ``word`` among ``choices`` (None when nothing is close).

    >>> did_you_mean("Nvida", ["nvidia", "openai"])
    "did you mean 'nvidia'?"
    """
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(repr(lowered[c]) for c in close) + "?"
