"""Page assembly: one self-contained HTML file per page, nothing fetched at run time.

vis-network's script and stylesheet come from the installed pyvis package; our CSS and JS
from ``aigraph/assets/``; the shell from ``aigraph/templates/page.html``. The page's data is
embedded as JSON (escaped by :func:`script_json`) and read with ``JSON.parse``. A
Content-Security-Policy allows only the page's own scripts (by hash) and no network at all,
so even a missed escape could neither run injected script nor fetch anything.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources


_MARKER = re.compile(r"\$(TITLE|PAGE|CSP|VIS_CSS|CSS|DATA|SCRIPTS)\b")


@lru_cache(maxsize=None)
def vis_network_js() -> str:
    return resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js").read_text("utf-8")


@lru_cache(maxsize=None)
def vis_network_css() -> str:
    """The rules of vis-network's stylesheet the pages use: the tooltip. The rest (220 KB,
    mostly base64 icons) styles the navigation buttons, editor and configurator we never show.

    >>> vis_network_css().startswith("div.vis-tooltip{")
    True
    """
    text = resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.css").read_text("utf-8")
    rules = [r.strip() + "}" for r in text.split("}") if "{" in r]
    return "\n".join(r for r in rules if r.split("{", 1)[0].strip() == "div.vis-tooltip")


@lru_cache(maxsize=None)
def package_text(folder: str, name: str) -> str:
    return resources.files("aigraph").joinpath(folder, name).read_text("utf-8")


def script_json(data, compact: bool = False) -> str:
    """JSON safe to embed inside <script>: no ``</script>``, ``<!--`` or U+2028 breakouts.

    >>> script_json({"n": "</script><img src=x>"})
    '{"n": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":") if compact else None)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page_html(data: dict, scripts=("pages.js",)) -> bytes:
    """The complete page for ``data`` (a dict with ``page`` and ``title``), as UTF-8 bytes."""
    code = [vis_network_js()] + [package_text("assets", name) for name in scripts]
    for text in code:
        if "</script" in text.lower():
            raise ValueError("an inlined script contains '</script'")
    csp = ("default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; "
           f"script-src {' '.join(_sha256(t) for t in code)}; base-uri 'none'; form-action 'none'")
    replacements = {
        "$TITLE": html.escape(data["title"]),
        "$PAGE": html.escape(data["page"]),
        "$CSP": html.escape(csp, quote=False).replace('"', "&quot;"),
        "$VIS_CSS": vis_network_css(),
        "$CSS": package_text("assets", "pages.css"),
        "$DATA": script_json(data, compact=True),
        "$SCRIPTS": "\n".join(f"<script>{t}</script>" for t in code),
    }
    template = package_text("templates", "page.html")
    found = set(_MARKER.findall(template))
    if found != {m[1:] for m in replacements}:
        raise ValueError(f"page template markers {sorted(found)} do not match")
    # one pass over the template only: inserted text (data, scripts) is never re-scanned
    return _MARKER.sub(lambda m: replacements[m.group(0)], template).encode("utf-8")
