"""One benchmark figure for one engine, run in its own process by ``bench/run.py``.

A figure does its set-up (loading the data it measures on), prints ``READY`` (the parent's
time limit for the measured part starts then), measures, and returns its seconds and extras;
``main`` adds the process's peak RSS and prints one JSON line.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

def _ready() -> float:
    """Tell the parent the set-up is done (its time limit now starts); the clock for the figure."""
    print("READY", flush=True)
    return time.perf_counter()


def _ox_store(base: Path):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(base / "aigraph.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def _ox_rows(result) -> int:
    n = 0
    for solution in result:
        [str(v) if v is not None else None for v in solution]
        n += 1
    return n


def _params(query, meta: dict) -> dict[str, str]:
    """Parameters for a library query on this graph: the busiest organisation or person for
    required entity parameters, the query's own example for others; optional ones left out."""
    example = dict(query.examples[0]) if query.examples else {}
    out = {}
    for p in query.params:
        if p.optional:
            continue
        if p.type == "entity":
            out[p.name] = meta.get("person") if p.name in ("person", "entity") and meta.get("person") else meta["hub"]
        elif p.name in example:
            out[p.name] = example[p.name]
    return out


def _library_child(engine: str, base: Path, meta: dict, start: str = "") -> dict:
    """Every library query from ``start`` on, in name order; one JSON line each (the parent's
    limit is per query, and it restarts the run after the query that went past it)."""
    from aigraph.query import bind, library, load_query, run_query, with_values
    from aigraph.validate import load

    ds = load(base / "graph")
    if engine == "pyoxigraph":
        import pyoxigraph as ox

        store = _ox_store(base)
    else:
        from aigraph.engines import local_engine

        eng = local_engine(ds, "oxigraph" if engine == "aigraph" else "rdflib")
    times = {}
    for name in sorted(n for n in library() if n >= start):
        query = load_query(name)
        params = _params(query, meta)
        try:
            if engine == "pyoxigraph":
                # the same bound text aigraph sends (parameters in an escaped VALUES block)
                text = with_values(query.text, bind(query, params, ds))
                started = _ready()
                rows = _ox_rows(store.query(text))
            else:
                started = _ready()
                rows = len(run_query(name, params, ds, eng).rows)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
            print(json.dumps({"query": name, "error": str(exc)[:200]}), flush=True)
            continue
        times[name] = time.perf_counter() - started
        print(json.dumps({"query": name, "seconds": times[name], "rows": rows}), flush=True)
    return {"seconds": sum(times.values()), "queries": len(times)}


def child(figure: str, engine: str, base: Path) -> dict:
    """Run one figure for one engine in this process; return its seconds and extras."""
    meta = json.loads((base / "meta.json").read_text())
    extra: dict = {}
    ttl = base / "aigraph.ttl"
    if figure.startswith("library"):
        return _library_child(engine, base, meta, figure.partition(":")[2])
    from aigraph.validate import load

    if figure == "load-yaml":
        started = _ready()
        ds = load(base / "graph")
        return {"seconds": time.perf_counter() - started, "records": len(ds.records)}
    if figure == "load-turtle":
        import rdflib

        started = _ready()
        if engine == "aigraph":
            g = rdflib.Graph(store="Oxigraph")
            g.parse(str(ttl), format="ox-turtle")
            n = len(g)
        elif engine == "rdflib":
            g = rdflib.Graph()
            g.parse(str(ttl), format="turtle")
            n = len(g)
        else:
            n = len(_ox_store(base))
        return {"seconds": time.perf_counter() - started, "triples": n}
    ds = load(base / "graph")
    if figure == "build-store":
        from aigraph.rdf_build import rdf_triples, to_rdf

        started = _ready()
        if engine == "pyoxigraph":
            import pyoxigraph as ox

            from aigraph.write import ox_triples

            store = ox.Store()
            store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox_triples(rdf_triples(ds)))
            n = len(store)
        else:
            n = len(to_rdf(ds, engine="oxigraph" if engine == "aigraph" else "rdflib"))
        return {"seconds": time.perf_counter() - started, "triples": n}
    if figure == "export-turtle":
        if engine == "aigraph":
            from aigraph.write import export_bytes

            started = _ready()
            data = export_bytes(ds, "turtle")
        elif engine == "rdflib":
            import rdflib

            g = rdflib.Graph()
            g.parse(str(ttl), format="turtle")
            started = _ready()
            data = g.serialize(format="turtle", encoding="utf-8")
        else:
            import pyoxigraph as ox

            store = _ox_store(base)
            started = _ready()
            data = ox.serialize(store, format=ox.RdfFormat.TURTLE)
        return {"seconds": time.perf_counter() - started, "bytes": len(data)}
    if figure == "loops":
        from aigraph.analysis import find_loops
        from aigraph.nx_build import money_graph

        started = _ready()
        graph = money_graph(ds)
        built = time.perf_counter() - started
        loops = find_loops(graph, max_length=4)
        return {"seconds": time.perf_counter() - started, "money_graph_seconds": built,
                "loops": len(loops), "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    if figure == "render-pages":
        from aigraph.pages import render_pages

        started = _ready()
        pages = render_pages(ds)
        seconds = time.perf_counter() - started
        for name, data in pages.items():
            (base / name).write_bytes(data)
        return {"seconds": seconds, "pages": sorted(pages), "bytes": sum(map(len, pages.values())),
                "nodes": len(ds.entities)}
    if figure == "page-open":
        return _page_open(base)
    raise SystemExit(f"unknown figure {figure}")


def _page_open(base: Path) -> dict:
    """Seconds until graph.html has loaded and drawn its canvas in headless Chromium."""
    page_file = base / "graph.html"
    if not page_file.is_file():
        return {"missing": "render-pages did not write graph.html"}
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("AIGRAPH_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium if Path(chromium).exists() else None,
                                    args=["--no-sandbox"])
        page = browser.new_page()
        started = _ready()
        page.goto(page_file.as_uri(), wait_until="load", timeout=0)
        page.wait_for_selector("canvas", timeout=0)
        seconds = time.perf_counter() - started
        browser.close()
    return {"seconds": seconds, "bytes": page_file.stat().st_size}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM). Not ``getrusage``: Linux carries its
    ``ru_maxrss`` over ``exec``, so a child would report its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(figure: str, engine: str, base: Path) -> None:
    import gc

    gc.collect()
    out = child(figure, engine, base)
    out["rss_mb"] = peak_rss_mb()
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
