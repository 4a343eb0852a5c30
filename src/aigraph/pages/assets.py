"""Inline assets: vis-network from the installed pyvis package, our CSS/JS, safe JSON."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def vis_network_js() -> str:
    return resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js").read_text("utf-8")


@lru_cache(maxsize=None)
def vis_network_css() -> str:
    return resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.css").read_text("utf-8")


def script_json(data) -> str:
    """JSON safe to embed inside <script>: no ``</script>``, ``<!--`` or U+2028 breakouts.

    >>> script_json({"n": "</script><img src=x>"})
    '{"n": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
