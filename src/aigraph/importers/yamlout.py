"""A small, fast, deterministic YAML writer for imported graph files.

``yaml.dump`` is pure Python and slow for a hundred thousand records; imported files only
need mappings, lists and scalars, written the way curators write them: one block mapping per
entry, short mappings and lists in flow style (``{person: ada, organization: acme}``).

>>> print(dump_section("people", [{"id": "ada", "names": {"en": "Ada: Countess"}, "aliases": []}]))
people:
  - id: ada
    names: {en: "Ada: Countess"}
    aliases: []
<BLANKLINE>
>>> scalar("2016-07"), scalar("yes"), scalar("Tom Brown"), scalar(3), scalar("a, b")
('2016-07', '"yes"', 'Tom Brown', '3', '"a, b"')
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache

import yaml

# plain scalars: letters, digits and a few safe punctuation marks; never flow indicators
_PLAIN = re.compile(r"^[\w(][\w .()/+&'-]*$")
_RESOLVER = yaml.resolver.Resolver()
# characters YAML treats as line breaks or refuses outright: always escape them
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


@lru_cache(maxsize=200_000)
def _text(value: str) -> str:
    if value and _PLAIN.match(value) and not value.endswith(" ") and \
            _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str":
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def scalar(value) -> str:
    """One scalar as YAML text that reads back as the same value."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        # exact decimals stay exact: integers plain, others quoted (YAML floats are binary)
        return str(value) if value == value.to_integral_value() and "E" not in str(value) \
            else json.dumps(str(value))
    if isinstance(value, float):
        return repr(value)
    return _text(str(value))


def flow(value) -> str:
    """A value in flow style: scalars, ``[a, b]``, ``{k: v}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def _entry(item: dict, out: list[str]) -> None:
    first = True
    for key, value in item.items():
        prefix = "  - " if first else "    "
        first = False
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, dict) for v in value):
            out.append(f"{prefix}{scalar(key)}:")
            out.extend(f"      - {flow(v)}" for v in value)
        else:
            out.append(f"{prefix}{scalar(key)}: {flow(value)}")


def dump_section(section: str, items) -> str:
    """``section:`` followed by each mapping of ``items`` as one list entry."""
    out = [f"{section}:"]
    for item in items:
        _entry(item, out)
    return "\n".join(out) + "\n"


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, float):
        return str(value)
    return value


def dump_lines(section: str, items) -> str:
    """``section:`` then one ``- {JSON object}`` per line: valid YAML that the loader reads
    through its fast path (:func:`aigraph.yamlio.parse_yaml`), every value on its entry's line.

    >>> print(dump_lines("people", [{"id": "ada", "names": {"en": "Ada"}}]), end="")
    people:
      - {"id": "ada", "names": {"en": "Ada"}}
    """
    out = [f"{section}:"]
    out.extend("  - " + json.dumps(_plain(item), ensure_ascii=False).translate(_ESCAPES) for item in items)
    return "\n".join(out) + "\n"


_ESCAPES = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029", 0xFEFF: "\\ufeff"}


def dump_header(text: str) -> str:
    """A comment block (each line prefixed with ``# ``)."""
    return "".join(f"# {line}".rstrip() + "\n" for line in text.splitlines())
