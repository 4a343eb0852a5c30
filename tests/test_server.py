"""Real servers on loopback: push the build to an Oxigraph server, run the query library against
it, and drive `aigraph serve` with SPARQLWrapper, roqet and plain HTTP. Every process started
here is stopped by a fixture finalizer."""
from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import rdflib

from conftest import run_cli

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def triple_count(built) -> int:
    return (built / "aigraph.nt").read_bytes().count(b"\n")


# ---- a read-write Oxigraph server, and the build pushed into it ------------------------------


@pytest.fixture(scope="module")
def store():
    from aigraph.serve import OxigraphServer, free_port

    server = OxigraphServer(None, port=free_port())  # `oxigraph serve`, in memory
    server.start()
    yield server
    server.stop()
    assert not server.alive()


@pytest.fixture(scope="module")
def pushed(store, built):
    result = run_cli("--out", str(built), "push", "--endpoint", store.store_url)
    assert result.exit_code == 0, result.output
    assert f"pushed {triple_count(built)} triples" in result.stdout
    return store


def test_push_replaces_the_default_graph(pushed, built):
    from aigraph.remote import RemoteEngine

    engine = RemoteEngine(pushed.query_url)
    assert engine.select(COUNT, {}) == (["n"], [{"n": str(triple_count(built))}])
    again = run_cli("--out", str(built), "push", "--endpoint", pushed.store_url)  # PUT: still one copy
    assert again.exit_code == 0, again.output
    assert engine.select(COUNT, {})[1] == [{"n": str(triple_count(built))}]


def test_push_to_a_named_graph(pushed, built):
    from aigraph.remote import RemoteEngine

    iri = "https://w3id.org/aigraph/graph/test"
    result = run_cli("--out", str(built), "push", "--endpoint", pushed.store_url, "--graph", iri)
    assert result.exit_code == 0, result.output
    assert f"graph <{iri}>" in result.stdout
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    assert RemoteEngine(pushed.query_url).select(query, {})[1] == [{"n": str(triple_count(built))}]


def query_runs():
    """(query name, params) for every library query: each example, or made-up values for the
    required parameters of a query without examples."""
    from aigraph.query import library, load_query

    defaults = {"entity": "OpenAI", "date": "2025-06", "number": "0", "text": "x"}
    runs = []
    for name in library():
        q = load_query(name)
        examples = [dict(e) for e in q.examples] or [{p.name: defaults[p.type] for p in q.params if not p.optional}]
        runs += [(name, params) for params in examples]
    return runs


def test_every_library_query_gives_the_same_rows_remotely(pushed, dataset):
    from aigraph.query import run_query
    from aigraph.remote import RemoteEngine

    from aigraph.query import library

    runs = query_runs()
    assert {name for name, _ in runs} == set(library()) and len(library()) > 0
    remote = RemoteEngine(pushed.query_url)
    nonempty = 0
    for name, params in runs:
        local = run_query(name, params, dataset)
        there = run_query(name, params, dataset, engine=remote)
        assert there.columns == local.columns, name
        assert there.rows == local.rows, (name, params)
        nonempty += bool(local.rows)
    assert nonempty >= len(runs) // 2  # the comparison is not vacuous


def test_cli_query_endpoint_prints_the_same_as_locally(pushed, dataset):
    """`aigraph query NAME --endpoint URL` for every library query prints the JSON that the
    local run renders (one run per query; every example is compared at library level above)."""
    import json

    from aigraph.query import run_query

    done = set()
    for name, params in query_runs():
        if name in done:
            continue
        done.add(name)
        args = ["query", name, "--format", "json", "--endpoint", pushed.query_url]
        for key, value in params.items():
            args += ["-p", f"{key}={value}"]
        remote = run_cli(*args)
        assert remote.exit_code == 0, (name, remote.output)
        local = run_query(name, params, dataset)
        assert json.loads(remote.stdout) == [{c: r[c] for c in local.columns} for r in local.rows], name


def test_cli_query_endpoint_errors_are_messages(store):
    from aigraph.serve import free_port

    for url, message in ((f"http://127.0.0.1:{free_port()}/query", "connection refused"),
                         (store.url + "/sparql-nowhere", "404 Not Found"),
                         ("ftp://example.org/sparql", "is not an http:// or https:// URL")):
        result = run_cli("query", "founders", "-p", "org=OpenAI", "--endpoint", url)
        assert result.exit_code == 2, url
        assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
        assert "Traceback" not in result.output


def test_remote_engine_binds_parameters_as_values(pushed, dataset):
    """A hostile parameter value stays a literal: it is escaped into VALUES, never pasted."""
    from rdflib import Literal

    from aigraph.remote import RemoteEngine

    engine = RemoteEngine(pushed.query_url)
    hostile = Literal('x" } ; DROP ALL ; SELECT * { "')
    columns, rows = engine.select("SELECT ?name WHERE { ?e <http://purl.org/dc/terms/identifier> ?name }",
                                  {"name": hostile})
    assert columns == ["name"] and rows == []


# ---- errors from remote stores are clear messages, exit 2 ------------------------------------


def test_a_query_cut_off_by_the_store_is_reported():
    from aigraph.remote import RemoteError, parse_json_results

    cut = b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled'
    with pytest.raises(RemoteError, match="stopped the query part-way"):
        parse_json_results(cut)
    with pytest.raises(RemoteError, match="did not answer with SPARQL JSON results"):
        parse_json_results(b"<html>Bad gateway</html>")


def _push(built, endpoint, *extra, env=None):
    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        return run_cli("--out", str(built), "push", "--endpoint", endpoint, *extra)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_push_connection_refused(built):
    from aigraph.serve import free_port

    result = _push(built, f"http://127.0.0.1:{free_port()}/store")
    assert result.exit_code == 2
    assert "connection refused" in result.stderr and "Traceback" not in result.output


def test_push_404_names_the_url(store, built):
    result = _push(built, store.url + "/no-such-endpoint")
    assert result.exit_code == 2
    assert "answered 404 Not Found: check the endpoint URL" in result.stderr


def test_push_timeout(built):
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/store"
        started = time.monotonic()
        result = _push(built, url, "--timeout", "0.5")
    assert result.exit_code == 2
    assert f"no answer from {url}?default within 0.5 s" in result.stderr
    assert time.monotonic() - started < 10


def test_push_needs_a_build(tmp_path):
    result = run_cli("--out", str(tmp_path), "push", "--endpoint", "http://127.0.0.1:9/store")
    assert result.exit_code == 2
    assert "aigraph.nt not found: run `aigraph build` first" in result.stderr


def test_push_rejects_a_bad_graph_iri(built):
    result = _push(built, "http://127.0.0.1:9/store", "--graph", "not an iri")
    assert result.exit_code == 2 and "--graph must be an absolute IRI" in result.stderr


class _AuthStore(BaseHTTPRequestHandler):
    """A Graph Store endpoint that wants HTTP Basic credentials user:secret."""

    seen: list = []

    def do_PUT(self):
        auth = self.headers.get("Authorization")
        self.seen.append(auth)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        expected = "Basic " + base64.b64encode(b"user:secret").decode()
        if auth == expected or auth == "Bearer tok3n":
            self.send_response(204)
            self.end_headers()
            return
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="aigraph-test"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def auth_store():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AuthStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _AuthStore.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_push_401_without_and_with_credentials(built, auth_store):
    result = _push(built, auth_store)
    assert result.exit_code == 2
    assert "answered 401 Unauthorized: it needs credentials" in result.stderr
    wrong = _push(built, auth_store, "--user", "user", env={"AIGRAPH_PASSWORD": "nope"})
    assert wrong.exit_code == 2 and "the credentials were refused" in wrong.stderr
    right = _push(built, auth_store, "--user", "user", env={"AIGRAPH_PASSWORD": "secret"})
    assert right.exit_code == 0, right.output
    token = _push(built, auth_store, env={"AIGRAPH_TOKEN": "tok3n"})
    assert token.exit_code == 0, token.output
    assert _AuthStore.seen[-1] == "Bearer tok3n"


# ---- `aigraph serve`: a read-only SPARQL endpoint and the pages -------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        out += [int(x) for x in task.read_text().split()]
    return out


def start_serve(out_dir, port, pages_port, timeout=30.0):
    proc = subprocess.Popen(
        [sys.executable, "-m", "aigraph", "--out", str(out_dir), "serve", "--port", str(port),
         "--pages-port", str(pages_port), "--timeout", "10"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"aigraph serve exited: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1):
                break
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    else:
        proc.kill()
        raise AssertionError("aigraph serve did not start")
    banner = []  # the URLs it prints, up to its last start-up line (it flushes each line)
    while not banner or banner[-1] != "Press Ctrl-C to stop.\n":
        line = proc.stdout.readline()
        assert line, "aigraph serve closed its output"
        banner.append(line)
    proc.banner = "".join(banner)
    return proc


def stop_serve(proc) -> tuple[int, str, str]:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def served(built):
    from aigraph.serve import free_port

    port, pages_port = free_port(), free_port()
    proc = start_serve(built, port, pages_port)
    yield f"http://127.0.0.1:{port}", f"http://127.0.0.1:{pages_port}"
    stop_serve(proc)


def _wrapper(url, query, fmt, method):
    from SPARQLWrapper import GET, POST, SPARQLWrapper

    sparql = SPARQLWrapper(url + "/query")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(POST if method == "POST" else GET)
    return sparql.query().convert()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_answers_sparqlwrapper_in_every_result_format(served, built, method):
    from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML

    url, _pages = served
    n = str(triple_count(built))
    assert _wrapper(url, COUNT, JSON, method)["results"]["bindings"][0]["n"]["value"] == n
    xml = _wrapper(url, COUNT, XML, method)
    assert xml.getElementsByTagName("literal")[0].firstChild.data == n
    assert _wrapper(url, COUNT, CSV, method).decode().split() == ["n", n]
    assert _wrapper(url, COUNT, TSV, method).decode().split()[0] == "?n"
    construct = "CONSTRUCT { ?s a ?o } WHERE { ?s a <https://schema.org/Person> ; a ?o }"
    turtle = _wrapper(url, construct, TURTLE, method)
    people = rdflib.Graph().parse(data=turtle, format="turtle")
    expected = (built / "aigraph.nt").read_text(encoding="utf-8").count("<https://schema.org/Person> .")
    assert len(people) == expected > 0


@pytest.mark.skipif(shutil.which("roqet") is None, reason="roqet (rasqal-utils) not installed")
def test_serve_answers_roqet(served, dataset):
    url, _pages = served
    query = "SELECT ?id WHERE { ?p a <https://schema.org/Person> ; <http://purl.org/dc/terms/identifier> ?id }"
    proc = subprocess.run(["roqet", "-q", "-p", url + "/query", "-e", query, "-r", "csv"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    ids = sorted(line.strip() for line in proc.stdout.splitlines()[1:])
    assert ids == sorted(e.id for e in dataset.people())


def test_serve_refuses_updates(served, built):
    from aigraph.remote import RemoteEngine

    url, _pages = served
    for target, body, ctype in (
            (url + "/update", b"update=" + urllib.parse.quote_plus("INSERT DATA { <urn:a> <urn:b> <urn:c> }").encode(),
             "application/x-www-form-urlencoded"),
            (url + "/update", b"DROP ALL", "application/sparql-update"),
            (url + "/store?default", b"<urn:a> <urn:b> <urn:c> .", "application/n-triples")):
        request = urllib.request.Request(target, data=body, method="PUT" if "store" in target else "POST",
                                         headers={"Content-Type": ctype})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403, target
    assert RemoteEngine(url + "/query").select(COUNT, {})[1] == [{"n": str(triple_count(built))}]
    result = _push(built, url + "/store")  # and `aigraph push` explains it
    assert result.exit_code == 2 and "403 Forbidden" in result.stderr


def test_serve_serves_the_pages_read_only(served, built):
    _url, pages = served
    with urllib.request.urlopen(pages + "/graph.html", timeout=10) as r:
        assert r.status == 200 and r.read() == (built / "graph.html").read_bytes()
    with urllib.request.urlopen(pages + "/aigraph.ttl", timeout=10) as r:
        assert r.headers["Content-Type"] == "text/turtle"
    request = urllib.request.Request(pages + "/graph.html", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 501
    with pytest.raises(urllib.error.HTTPError) as outside:
        urllib.request.urlopen(pages + "/../pyproject.toml", timeout=10)
    assert outside.value.code == 404


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_serve_stops_cleanly_on_ctrl_c(built):
    from aigraph.serve import free_port, port_is_free

    port, pages_port = free_port(), free_port()
    proc = start_serve(built, port, pages_port)
    children = _children(proc.pid)
    assert children, "oxigraph runs as a child of aigraph serve"
    cmdline = Path(f"/proc/{children[0]}/cmdline").read_bytes().split(b"\0")
    store = Path(cmdline[cmdline.index(b"--location") + 1].decode())
    assert store.is_dir()
    code, out, err = stop_serve(proc)
    assert code == 0, err
    assert f"SPARQL endpoint  http://127.0.0.1:{port}/query" in proc.banner
    assert f"pages            http://127.0.0.1:{pages_port}/" in proc.banner
    assert out == "stopped.\n"
    assert not any(Path(f"/proc/{c}").exists() for c in children)
    assert not store.parent.exists()  # the temporary store is removed
    assert port_is_free("127.0.0.1", port) and port_is_free("127.0.0.1", pages_port)


def test_serve_reports_a_taken_port(built):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_cli("--out", str(built), "serve", "--port", str(port))
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr


def test_serve_needs_a_build(tmp_path):
    from aigraph.serve import free_port

    result = run_cli("--out", str(tmp_path), "serve", "--port", str(free_port()))
    assert result.exit_code == 2
    assert "aigraph.nt not found: run `aigraph build` first" in result.stderr
