"""``aigraph serve``: Oxigraph's SPARQL server over the build, plus a static server for the pages.

* **SPARQL** — the ``oxigraph`` server from PyPI (Rust), ``serve-read-only`` over a store
  loaded from ``output/aigraph.nt`` into a temporary directory: the SPARQL 1.1 Protocol at
  ``/query`` (GET and POST; JSON, XML, CSV and TSV results; Turtle, N-Triples, RDF/XML for
  CONSTRUCT/DESCRIBE), the Graph Store Protocol read side at ``/store``, and the YASGUI query
  editor at ``/``. Updates are refused (HTTP 403); each query may run ``timeout_s`` seconds.
* **Pages** — ``output/`` served read-only (GET/HEAD) by Python's ``http.server`` on a second
  port: Oxigraph does not serve static files.

Both listen on loopback unless told otherwise. :class:`OxigraphServer` (read-write and
in-memory when no store is given) is also what the tests push to.

>>> url_host("::1"), url_host("127.0.0.1")
('[::1]', '127.0.0.1')
"""
from __future__ import annotations

import functools
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class ServeError(Exception):
    """The server could not be started or stopped; the message says why and what to do."""


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable (the PyPI package installs it beside Python)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on ``host:port`` now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Oxigraph and http.server do
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on (picked by the OS)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _check_port(host: str, port: int, what: str) -> None:
    try:
        socket.getaddrinfo(host, port)
    except socket.gaierror:
        raise ServeError(f"unknown host {host!r}") from None
    if not port_is_free(host, port):
        raise ServeError(f"port {port} on {host} is already in use (needed for the {what}): stop what "
                         f"is using it, or choose another port with --port / --pages-port")


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, ask for SIGTERM when the parent dies (even killed)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def load_store(nt_file: str | Path, store_dir: str | Path) -> None:
    """Load an N-Triples file into an Oxigraph store directory (``oxigraph load``)."""
    proc = subprocess.run([oxigraph_binary(), "load", "--location", str(store_dir), "--file", str(nt_file)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise ServeError(f"oxigraph could not load {nt_file}: {proc.stderr.strip()}")


class OxigraphServer:
    """An ``oxigraph serve-read-only`` process over ``store_dir`` (``serve``, read-write and
    in memory, when ``store_dir`` is None); a context manager that stops it on exit."""

    def __init__(self, store_dir: str | Path | None, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 timeout_s: int = DEFAULT_TIMEOUT_S, log_dir: str | Path | None = None):
        self.store_dir, self.host, self.port, self.timeout_s = store_dir, host, port, timeout_s
        self.log_dir = Path(log_dir) if log_dir else None
        self.proc: subprocess.Popen | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://{url_host(self.host)}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def store_url(self) -> str:
        return self.url + "/store"

    def start(self, ready_within: float = 20.0) -> "OxigraphServer":
        _check_port(self.host, self.port, "SPARQL endpoint")
        args = [oxigraph_binary()]
        args += ["serve-read-only", "--location", str(self.store_dir)] if self.store_dir else ["serve"]
        args += ["--bind", f"{url_host(self.host)}:{self.port}", "--timeout-s", str(self.timeout_s), "--cors"]
        self._log = tempfile.TemporaryFile(dir=self.log_dir) if self.log_dir else tempfile.TemporaryFile()
        # own session: a Ctrl-C in the terminal reaches only us, and we stop the server in order
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                message = self.output() or f"exit status {self.proc.returncode}"
                self.stop()
                raise ServeError(f"the Oxigraph server did not start: {message}")
            if self._answers():
                return self
            time.sleep(0.05)
        self.stop()
        raise ServeError(f"the Oxigraph server did not answer on {self.url} within {ready_within:g} s")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=1) as r:
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def output(self) -> str:
        """What the server printed so far."""
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace").strip()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, grace: float = 5.0) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> "OxigraphServer":
        return self.start() if self.proc is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


class _PageHandler(SimpleHTTPRequestHandler):
    """Read-only static files (GET and HEAD only); RDF files get their media types; no log."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".ttl": "text/turtle",
                      ".nt": "application/n-triples", ".jsonld": "application/ld+json",
                      ".graphml": "application/xml", ".gexf": "application/xml"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class PagesServer:
    """``directory`` served read-only by :mod:`http.server` in a background thread."""

    def __init__(self, directory: str | Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT + 1):
        self.directory, self.host, self.port = Path(directory), host, port
        self.httpd: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{url_host(self.host)}:{self.port}/"

    def start(self) -> "PagesServer":
        _check_port(self.host, self.port, "pages")
        handler = functools.partial(_PageHandler, directory=str(self.directory))
        server_class = ThreadingHTTPServer
        if ":" in self.host:
            server_class = type("V6Server", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6})
        try:
            self.httpd = server_class((self.host, self.port), handler)
        except OSError as exc:
            raise ServeError(f"cannot serve pages on {self.host}:{self.port}: {exc.strerror or exc}") from None
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="aigraph-pages", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None
        if self.thread is not None:
            self.thread.join(5)
            self.thread = None


class Service:
    """``aigraph serve``: load the build into a temporary store, run both servers, and clean
    everything up (processes, threads, the store) on exit."""

    def __init__(self, out_dir: str | Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 pages_port: int | None = None, timeout_s: int = DEFAULT_TIMEOUT_S):
        self.out_dir = Path(out_dir)
        self.host, self.port = host, port
        self.pages_port = port + 1 if pages_port is None else pages_port
        self.timeout_s = timeout_s
        self.tmp: Path | None = None
        self.sparql: OxigraphServer | None = None
        self.pages: PagesServer | None = None

    def start(self) -> "Service":
        nt_file = self.out_dir / "aigraph.nt"
        if not nt_file.is_file():
            raise ServeError(f"{nt_file} not found: run `aigraph build` first (or pass --out)")
        if self.pages_port == self.port:
            raise ServeError("the pages need their own port: --pages-port must differ from --port")
        _check_port(self.host, self.port, "SPARQL endpoint")
        _check_port(self.host, self.pages_port, "pages")
        try:
            self.tmp = Path(tempfile.mkdtemp(prefix="aigraph-serve-"))
            load_store(nt_file, self.tmp / "store")
            self.sparql = OxigraphServer(self.tmp / "store", self.host, self.port, self.timeout_s, self.tmp)
            self.sparql.start()
            self.pages = PagesServer(self.out_dir, self.host, self.pages_port).start()
        except BaseException:
            self.stop()
            raise
        return self

    def wait(self) -> None:
        """Block until the SPARQL server exits (Ctrl-C interrupts); raise if it died."""
        assert self.sparql is not None and self.sparql.proc is not None
        code = self.sparql.proc.wait()
        raise ServeError(f"the Oxigraph server stopped (exit status {code}): {self.sparql.output()}")

    def stop(self) -> None:
        if self.pages is not None:
            self.pages.stop()
        if self.sparql is not None:
            self.sparql.stop()
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def __enter__(self) -> "Service":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
