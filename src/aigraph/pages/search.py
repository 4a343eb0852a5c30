"""Search keys for the pages: the rules of :mod:`aigraph.names`, split between Python and JS.

Python computes every name's match keys at build time; the page's JS folds the query with
the same steps (NFKC, pinyin strip, case fold, traditional→simplified, separators removed)
using a small character table embedded in the page. The table holds only the traditional
characters whose simplified form occurs in some key, so it stays a few hundred bytes.

JS converts the query character by character, while :func:`aigraph.names.match_key` uses
OpenCC's phrase-aware conversion; :func:`name_keys` therefore embeds both keys when they
differ, so a query matches whichever way a name is written.

>>> keys = name_keys(["Nvidia", "英伟达", "輝達"])
>>> keys
['nvidia', '英伟达', '辉达']
>>> table = t2s_pairs(keys)
>>> query_key("英偉達", dict(zip(table[::2], table[1::2]))) in keys
True
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..names import _PINYIN, _SEPARATORS, match_key, strip_pinyin

_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@lru_cache(maxsize=1)
def char_t2s() -> dict[str, str]:
    """OpenCC t2s applied to each CJK character on its own: {traditional: simplified}."""
    import opencc

    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    return {a: b for a, b in zip(chars, converted) if a != b and len(b) == 1}


def query_key(text: str, table: dict[str, str] | None = None) -> str:
    """The key the page's JS computes for ``text`` (character-wise t2s).

    >>> query_key("ＮＶＩＤＩＡ Corp."), query_key("創(chuàng)新")
    ('nvidiacorp', '创新')
    """
    table = char_t2s() if table is None else table
    folded = strip_pinyin(unicodedata.normalize("NFKC", text)).casefold()
    folded = "".join(table.get(c, c) for c in folded)
    return _SEPARATORS.sub("", folded)


def name_keys(names) -> list[str]:
    """Sorted, distinct match keys of some names (phrase-wise and character-wise)."""
    keys = set()
    for name in names:
        for key in (match_key(name), query_key(name)):
            if key:
                keys.add(key)
    return sorted(keys)


def t2s_pairs(keys) -> str:
    """``"偉伟達达…"``: each traditional character followed by its simplified form, for the
    traditional characters whose simplified form occurs in ``keys`` (sorted, compact)."""
    used = {c for key in keys for c in key}
    return "".join(t + s for t, s in sorted(char_t2s().items()) if s in used)


def js_patterns() -> dict[str, str]:
    """The regular expressions of :mod:`aigraph.names`, handed to the page's JS verbatim
    (both are valid JS ``RegExp`` sources without the ``u`` flag)."""
    return {"separators": _SEPARATORS.pattern, "pinyin": _PINYIN.pattern}
