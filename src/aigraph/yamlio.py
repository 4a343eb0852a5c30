"""YAML reading that remembers where every value came from.

Curators need ``graph/people.yaml:41: …`` in error messages, so mappings and lists
are loaded as :class:`LDict` / :class:`LList`, which carry the 1-based line of the
node and of each of their values.

>>> doc = parse_yaml("people:\\n  - id: ada\\n    names: {en: Ada}\\n")
>>> doc["people"][0].line, doc["people"][0].line_of("names")
(2, 3)
"""
from __future__ import annotations

import datetime as _dt

import yaml


class LDict(dict):
    """A dict that knows the line it starts on and the line of each value."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LList(list):
    """A list that knows the line it starts on and the line of each item."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text (precision matters) and records lines."""


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = LDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "unhashable key", key_node.start_mark) from None
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = value_node.start_mark.line + 1
    return out


def _construct_sequence(loader, node):
    out = LList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_timestamp_as_text(loader, node):
    # 2026-01-14 must stay the string "2026-01-14": the loader decides precision.
    return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def parse_yaml(text: str):
    """Parse YAML text into LDict/LList/scalars. Raises ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass


def yaml_error_line(exc: yaml.YAMLError) -> tuple[int, str]:
    """Line (1-based) and a one-line message for a YAML error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    msg = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return line, msg


def is_date_like(value) -> bool:
    return isinstance(value, (str, _dt.date))
