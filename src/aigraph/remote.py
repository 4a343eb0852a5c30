"""Remote SPARQL 1.1 stores: the query engine for ``aigraph query --endpoint`` and the HTTP
plumbing (credentials, readable errors) shared with ``aigraph push``.

:class:`RemoteEngine` has the interface of :mod:`aigraph.engines`: ``select(query_text,
bindings)`` sends the query by the SPARQL 1.1 Protocol (``POST``, form-encoded) with its
parameters bound by an escaped ``VALUES`` block (:func:`aigraph.query.with_values`), never
pasted, and reads the JSON results. Any SPARQL 1.1 endpoint works: Oxigraph
(``http://host:7878/query``), Fuseki (``http://host:3030/DATASET/sparql``), GraphDB
(``http://host:7200/repositories/REPO``), Virtuoso (``http://host:8890/sparql``), Neptune
(``https://cluster:8182/sparql``).

Credentials: ``user``/``password`` (HTTP Basic or Digest, whichever the server asks for) or a
bearer ``token``; :func:`auth_from_env` reads ``AIGRAPH_USER``, ``AIGRAPH_PASSWORD`` and
``AIGRAPH_TOKEN``.

>>> auth_from_env({"AIGRAPH_TOKEN": "s3cret"})
{'user': None, 'password': None, 'token': 's3cret'}
>>> parse_json_results(b'{"head": {"vars": ["a", "b"]}, "results": {"bindings": '
...     b'[{"a": {"type": "uri", "value": "http://x/y"}}]}}')
(['a', 'b'], [{'a': 'http://x/y', 'b': None}])
"""
from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Mapping

from rdflib.term import Node

from .engines import QueryError, Rows, plain_value

DEFAULT_TIMEOUT = 60.0
RESULTS_JSON = "application/sparql-results+json"


class RemoteError(QueryError):
    """A remote store could not be reached or refused the request; the message says why."""


def auth_from_env(environ: Mapping[str, str]) -> dict[str, str | None]:
    """Credentials from environment variables (empty values count as unset)."""
    return {key: environ.get(f"AIGRAPH_{key.upper()}") or None for key in ("user", "password", "token")}


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list = []
    if user is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, user, password or "")
        handlers += [urllib.request.HTTPBasicAuthHandler(manager), urllib.request.HTTPDigestAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def _body_text(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read().decode("utf-8", "replace").strip()
    except OSError:
        return ""
    text = " ".join(text.split())
    return text[:400] + ("…" if len(text) > 400 else "")


def http_request(url: str, *, method: str = "GET", data: bytes | None = None,
                 headers: Mapping[str, str] | None = None, user: str | None = None,
                 password: str | None = None, token: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> tuple[int, bytes]:
    """One HTTP request; returns (status, body). Every failure becomes a :class:`RemoteError`
    whose message names the URL and what to check."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise RemoteError(f"{url!r} is not an http:// or https:// URL")
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    elif user is not None and parsed.scheme == "https":
        # send Basic credentials up front over TLS (servers that want Digest answer 401 and get it)
        pair = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        all_headers["Authorization"] = f"Basic {pair}"
    request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with _opener(url, user, password).open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        raise RemoteError(_http_message(url, exc, user is not None or bool(token))) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise RemoteError(f"cannot connect to {url}: connection refused (is the server running, "
                              f"and is the port right?)") from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise RemoteError(f"no answer from {url} within {timeout:g} s (raise --timeout, or check "
                              f"the server)") from None
        if isinstance(reason, socket.gaierror):
            raise RemoteError(f"cannot find the host of {url}: {reason.strerror or reason}") from None
        raise RemoteError(f"cannot reach {url}: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise RemoteError(f"no answer from {url} within {timeout:g} s (raise --timeout, or check "
                          f"the server)") from None
    except ConnectionError as exc:
        raise RemoteError(f"the connection to {url} failed: {exc}") from None


def _http_message(url: str, exc: urllib.error.HTTPError, had_credentials: bool) -> str:
    code, body = exc.code, _body_text(exc)
    detail = f": {body}" if body else ""
    if code == 401:
        hint = ("the credentials were refused" if had_credentials else
                "it needs credentials: pass --user and --password, or set AIGRAPH_TOKEN")
        return f"{url} answered 401 Unauthorized: {hint}"
    if code == 403:
        return f"{url} answered 403 Forbidden (read-only server, or an account without this right){detail}"
    if code == 404:
        return (f"{url} answered 404 Not Found: check the endpoint URL (each server's URL is listed "
                f"in docs/interop.md){detail}")
    if code == 405:
        return f"{url} answered 405 Method Not Allowed: this URL does not accept {exc.msg or 'it'}{detail}"
    if 400 <= code < 500:
        return f"{url} rejected the request (HTTP {code}){detail}"
    return f"{url} failed (HTTP {code}){detail}"


def parse_json_results(data: bytes) -> tuple[list[str], Rows]:
    """SPARQL 1.1 JSON results → (columns, rows) of plain strings (unbound → None)."""
    try:
        doc = json.loads(data)
        columns = list(doc["head"]["vars"])
        bindings = doc["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        tail = " ".join(data[-300:].decode("utf-8", "replace").split())
        if "cancelled" in tail.lower():  # Oxigraph ends a 200 answer this way at its time limit
            raise RemoteError(f"the endpoint stopped the query part-way (its time limit?): {tail[-120:]}") from None
        raise RemoteError(f"the endpoint did not answer with SPARQL JSON results (it sent: {tail[:120]!r})") from None
    rows: Rows = []
    for binding in bindings:
        row: dict[str, str | None] = dict.fromkeys(columns)
        for name, term in binding.items():
            kind, value = term.get("type"), term.get("value", "")
            if kind in ("literal", "typed-literal"):
                row[name] = plain_value(value, term.get("datatype"))
            elif kind == "bnode":
                row[name] = f"_:{value}"
            else:
                row[name] = value
        rows.append(row)
    return columns, rows


class RemoteEngine:
    """A SPARQL 1.1 query endpoint (read-only use: SELECT queries only)."""

    name = "remote"

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None,
                 token: str | None = None, timeout: float = DEFAULT_TIMEOUT):
        self.endpoint = endpoint
        self.user, self.password, self.token = user, password, token
        self.timeout = timeout

    def select(self, query_text: str, bindings: dict[str, Node]) -> tuple[list[str], Rows]:
        from .query import with_values

        body = urllib.parse.urlencode({"query": with_values(query_text, bindings)}).encode("utf-8")
        _status, data = http_request(
            self.endpoint, method="POST", data=body, user=self.user, password=self.password,
            token=self.token, timeout=self.timeout,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULTS_JSON})
        return parse_json_results(data)
