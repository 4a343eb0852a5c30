"""serve (a read-only SPARQL endpoint plus the pages) and push (upload to a SPARQL store)."""
from __future__ import annotations

import os
import signal

import click

from .base import UserError, cli, handle_errors


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; anything else exposes the endpoint).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port of the SPARQL endpoint.")
@click.option("--pages-port", type=click.IntRange(1, 65535), default=None,
              help="Port of the pages in output/ (default: --port + 1).")
@click.option("--timeout", "timeout_s", default=30, show_default=True, type=click.IntRange(1, 86400),
              help="Time limit of one SPARQL query, in seconds (Oxigraph's --timeout-s: not exact, "
                   "see docs/interop.md).")
@click.pass_obj
@handle_errors
def serve(obj, host, port, pages_port, timeout_s):
    """Serve the build read-only: a SPARQL 1.1 endpoint (Oxigraph) and the pages of output/.

    \b
    Example:
      aigraph serve
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7878/query
    Stop with Ctrl-C. Updates are refused; see docs/interop.md.
    """
    from ..serve import ServeError, Service

    # Ctrl-C and `kill` both stop it cleanly, even when started in the background (SIGINT ignored)
    previous = {signum: signal.signal(signum, _interrupt) for signum in (signal.SIGINT, signal.SIGTERM)}
    service = Service(obj.out, host, port, pages_port, timeout_s)
    try:
        with service:
            sparql = service.sparql
            click.echo(f"SPARQL endpoint  {sparql.query_url}   (GET/POST; read-only; "
                       f"query time limit {timeout_s} s)")
            click.echo(f"query editor     {sparql.url}/")
            click.echo(f"pages            {service.pages.url}   (from {obj.out}/)")
            if host not in ("127.0.0.1", "::1", "localhost"):
                click.echo(f"warning: listening on {host}: other machines can reach these servers", err=True)
            click.echo("Press Ctrl-C to stop.")
            service.wait()
    except KeyboardInterrupt:
        click.echo("stopped.")
    except ServeError as exc:
        raise UserError(str(exc)) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph), "
                   "http://localhost:3030/DATASET/data (Fuseki).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="Named graph to replace (default: the default graph).")
@click.option("--append", is_flag=True, help="Add to the graph (POST) instead of replacing it (PUT).")
@click.option("--user", envvar="AIGRAPH_USER", default=None, help="User name (or $AIGRAPH_USER).")
@click.option("--password", envvar="AIGRAPH_PASSWORD", default=None,
              help="Password (better: $AIGRAPH_PASSWORD, so it stays out of the shell history).")
@click.option("--timeout", default=120.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds to wait for the store.")
@click.pass_obj
@handle_errors
def push(obj, endpoint, graph_iri, append, user, password, timeout):
    """Upload the build (output/aigraph.nt) to a SPARQL 1.1 store.

    \b
    Examples:
      aigraph push --endpoint http://localhost:7878/store
      AIGRAPH_PASSWORD=… aigraph push --endpoint http://localhost:3030/ai/data --user admin \\
          --graph https://w3id.org/aigraph/graph
    A bearer token is read from $AIGRAPH_TOKEN. Store URLs: docs/interop.md.
    """
    from ..push import build_file, push_file
    from ..remote import RemoteError

    token = os.environ.get("AIGRAPH_TOKEN") or None
    try:
        result = push_file(build_file(obj.out), endpoint, graph_iri, replace=not append, user=user,
                           password=password, token=token, timeout=timeout)
    except RemoteError as exc:
        raise UserError(str(exc)) from None
    what = "replaced" if result.method == "PUT" else "added to"
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(f"pushed {result.triples} triples ({result.size:,} bytes): {what} {target} at {endpoint} "
               f"(HTTP {result.status})")
