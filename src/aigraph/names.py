"""Name normalisation: one match key for every way of writing a name.

Keys ignore case, full-/half-width forms, simplified vs traditional Chinese (OpenCC
t2s), the pinyin annotations article 001 carries inside words (``創(chuàng)``),
and punctuation/spacing differences.

>>> match_key("英偉達") == match_key("英伟达") == match_key("英偉達")
True
>>> match_key("ＮＶＩＤＩＡ") == match_key("nvidia")
True
>>> strip_pinyin("聯(lián)合創(chuàng)始人")
'聯合創始人'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PINYIN = re.compile(
    r"\((?:[a-zA-Z\u00c0-\u024f\u01cd-\u01dc\u1e3f\u0300-\u036f]|\u00fc)+\)")
_SEPARATORS = re.compile(r"[\s·•・.\-_'’‘\"“”()（）,，:：/]+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations like ``(chuàng)``: after a Chinese character, or anywhere
    when they carry tone marks (article 001 even has ``O(jiān)penAI``).

    >>> strip_pinyin("老東家”O(jiān)penAI (OpenAI) GPT(s)")
    '老東家”OpenAI (OpenAI) GPT(s)'
    """
    def repl(m: re.Match) -> str:
        after_cjk = m.start() > 0 and _is_cjk(text[m.start() - 1])
        toned = any(not c.isascii() for c in m.group(0))
        return "" if after_cjk or toned else m.group(0)

    return _PINYIN.sub(repl, text)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def has_cjk(text: str) -> bool:
    return any(_is_cjk(c) for c in text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC, casefold, drop pinyin, convert to simplified. Keeps spacing."""
    text = strip_pinyin(unicodedata.normalize("NFKC", text)).casefold()
    return _t2s().convert(text) if has_cjk(text) else text


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """The comparison key for a name: folded, with separators removed."""
    return _SEPARATORS.sub("", fold(name))


def mentions(text_folded: str, name: str) -> bool:
    """Whether folded text mentions ``name`` (ASCII names need word boundaries).

    >>> mentions(fold("Metz and Schoenholz left"), "Meta")
    False
    >>> mentions(fold("被Meta挖墙脚"), "Meta")
    True
    """
    needle = fold(name).strip()
    if not needle:
        return False
    if has_cjk(needle):
        return needle in text_folded or match_key(name) in _SEPARATORS.sub("", text_folded)
    pattern = r"(?<![a-z0-9])" + re.escape(needle) + r"(?![a-z0-9])"
    return re.search(pattern, text_folded) is not None


def slugify(text: str) -> str:
    """Kebab-case slug of an English name.

    >>> slugify("Character.AI"), slugify("AT&T Inc")
    ('character-ai', 'at-and-t-inc')
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:64].rstrip("-")


KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
