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
import json
import re

import yaml

_BREAKS = re.compile("[\x85\u2028\u2029\t]")  # line breaks to YAML, not JSON; tabs: keep YAML's rules


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


# The same constructors over libyaml's C parser (≈10× faster; its marks carry lines too).
# Errors are re-raised from the pure-Python loader, so messages stay the same everywhere.
_FastLoader = type("_FastLoader", (getattr(yaml, "CSafeLoader", _LineLoader),), {})

for _loader in {_LineLoader, _FastLoader}:
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def _no_floats(text: str):
    raise ValueError("floats differ between JSON and YAML 1.1")


class _Hook:
    """A json ``object_pairs_hook`` that builds LDict/LList, every value on ``self.line``."""

    line = 0

    def __call__(self, pairs):
        line = self.line
        out = dict.__new__(LDict)  # skip __init__: this runs once per object of big files
        out.update(pairs)
        if len(out) != len(pairs):
            raise ValueError("duplicate key")  # the YAML loader reports it with its line
        out.line, out.lines = line, dict.fromkeys(out, line)
        for key, value in out.items():
            if type(value) is list:
                out[key] = seq = list.__new__(LList)
                seq.extend(value)
                seq.line, seq.lines = line, [line] * len(value)
        return out


def _parse_json_lines(text: str):
    """The fast path for generated files (e.g. ``aigraph import``): ``section:`` then one
    ``- {JSON object}`` per line. JSON is a subset of YAML, so this reads exactly what the
    YAML loader would, every value on its entry's line; None when the text is not so shaped."""
    lines = text.split("\n")
    head = [i for i, s in enumerate(lines) if s.strip() and not s.lstrip().startswith("#")]
    if len(head) < 2 or not re.fullmatch(r"[a-z_]+:", lines[head[0]]) or _BREAKS.search(text):
        return None
    items, item_lines = [], []
    hook = _Hook()
    decode = json.JSONDecoder(parse_float=_no_floats, object_pairs_hook=hook).decode
    indent = lines[head[1]][:len(lines[head[1]]) - len(lines[head[1]].lstrip())]
    try:
        for i in head[1:]:
            s = lines[i].rstrip()
            if not (s.startswith(indent + "- {") and s.endswith("}")):
                return None
            s = s[len(indent):]
            hook.line = i + 1
            items.append(decode(s[2:]))
            item_lines.append(i + 1)
    except ValueError:
        return None
    seq = LList(items)
    seq.line, seq.lines = item_lines[0], item_lines
    doc = LDict({lines[head[0]][:-1]: seq})
    doc.line, doc.lines = head[0] + 1, {lines[head[0]][:-1]: item_lines[0]}
    return doc


def parse_yaml(text: str):
    """Parse YAML text into LDict/LList/scalars. Raises ``yaml.YAMLError``."""
    fast = _parse_json_lines(text)
    if fast is not None:
        return fast
    try:
        return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError:
        if _FastLoader is _LineLoader:
            raise
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - the same error, in our words


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
