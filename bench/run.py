"""Side-by-side benchmark: aigraph's default path vs rdflib's Memory store vs raw pyoxigraph.

    python bench/run.py --size 100k            # synthetic graph of ~100k triples
    python bench/run.py --size 1M --json       # machine-readable figures
    python bench/run.py --size aiwatch         # the real AI Watch data, imported first

Every figure runs in its own subprocess with a time limit (``--limit``, seconds): a run
that goes past it is killed and reported as ``> LIMIT`` (rdflib's engine can go quadratic).
Each child reports its wall time and its peak RSS. Printed: each figure per engine, the
ratios aigraph / pyoxigraph (the floor) and rdflib / aigraph, and the targets. This is a
benchmark, not a test: it prints numbers and never fails on them.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from report import cell, machine, print_table  # noqa: E402

ENGINES = ("aigraph", "rdflib", "pyoxigraph")
SETUP_FACTOR = 3  # a run's set-up (loading what it measures on) may take 3× the time limit
# figure -> engines that have it (loops, pages: aigraph's own networkx / page code only)
FIGURES = {
    "load-yaml": ("aigraph",),
    "build-store": ENGINES,
    "load-turtle": ENGINES,
    "export-turtle": ENGINES,
    "library": ENGINES,  # every query of queries/*.rq (moves, org-inflow…), one time each
    "loops": ("aigraph",),
    "render-pages": ("aigraph",),
    "page-open": ("aigraph",),
}
REAL = {"aiwatch": ("aiwatch", "aiwatch-positions/positions.csv"),
        "donations": ("donations", "donations-list/donations.csv")}
EXTERNAL = ROOT.parent / "shared" / "data" / "external"


# -- preparation (parent) ----------------------------------------------------------------------
def prepare(size: str, work: Path) -> Path:
    """The graph directory, Turtle file and facts the children need, cached in ``work/size``."""
    base = work / size
    meta = base / "meta.json"
    if meta.is_file():
        return base
    base.mkdir(parents=True, exist_ok=True)
    graph = base / "graph"
    if size in REAL:
        from aigraph.importers.run import run_import

        importer, rel = REAL[size]
        run_import(importer, EXTERNAL / rel, graph, ROOT / "graph")
    else:
        import generate

        generate.write(graph, generate.parse_size(size))
    from aigraph.talent import moves
    from aigraph.validate import load
    from aigraph.write import export_bytes

    from aigraph.rdf_build import rdf_triples

    ds = load(graph)
    triples = rdf_triples(ds)
    (base / "aigraph.ttl").write_bytes(export_bytes(ds, "turtle", triples=triples))
    inflow: dict[str, int] = {}
    movers: dict[str, int] = {}
    for m in moves(ds):
        inflow[m.to_org] = inflow.get(m.to_org, 0) + 1
        movers[m.person] = movers.get(m.person, 0) + 1
    hub = max(sorted(inflow), key=inflow.get) if inflow else next(iter(ds.entities))
    person = max(sorted(movers), key=movers.get) if movers else None
    meta.write_text(json.dumps({"hub": hub, "person": person, "records": len(ds.records),
                                "entities": len(ds.entities), "triples": len(triples)}))
    return base


# -- parent -----------------------------------------------------------------------------------
def run_child(figure: str, engine: str, base: Path, limit: float) -> dict:
    """Run one figure in a subprocess: its set-up (loading the data it needs) may take up to
    ``SETUP_FACTOR × limit``, the measured part ``limit``; past either it is killed."""
    import selectors
    import tempfile

    cmd = [sys.executable, str(HERE / "figures.py"), figure, engine, str(base)]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, start_new_session=True)
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        phase, deadline, lines = "setup", time.monotonic() + SETUP_FACTOR * limit, []
        while True:
            if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return {"timeout": limit if phase == "run" else SETUP_FACTOR * limit, "phase": phase,
                        "parts": _parts(lines)}
            line = proc.stdout.readline()
            if not line:
                break
            if line.strip() == "READY":  # each timed section gets the full limit
                phase, deadline = "run", time.monotonic() + limit
            else:
                lines.append(line)
        proc.wait()
        if proc.returncode != 0:
            err.seek(0)
            return {"error": (err.read().strip().splitlines() or ["exit %d" % proc.returncode])[-1]}
    result = json.loads(lines[-1])
    result["process_seconds"] = time.perf_counter() - started
    if parts := _parts(lines[:-1]):
        result["parts"] = parts
    return result


def run_library(engine: str, base: Path, limit: float) -> dict:
    """The library figure: when a query goes past the limit, note it and carry on with the
    next query in a fresh process."""
    from aigraph.query import library

    names, parts, total, start = sorted(library()), {}, {"seconds": 0.0}, ""
    while True:
        result = run_child(f"library:{start}", engine, base, limit)
        parts.update(result.pop("parts", {}))
        if "timeout" in result and result.get("phase") == "run":
            pending = [n for n in names if n >= start and n not in parts]
            if not pending:
                break
            parts[pending[0]] = {"timeout": limit}
            if len(pending) == 1:
                break
            start = pending[1]
            continue
        total.update({k: v for k, v in result.items() if k != "seconds"})
        break
    timed = [p["seconds"] for p in parts.values() if "seconds" in p]
    # a lower bound when some query went past the limit (each counted at the limit)
    total["seconds"] = sum(timed) + limit * sum("timeout" in p for p in parts.values())
    total["parts"] = parts
    if any("timeout" in p for p in parts.values()):
        total["timeouts"] = sorted(n for n, p in parts.items() if "timeout" in p)
    return total


def _parts(lines: list[str]) -> dict:
    """Per-query results a library run printed before its summary (or before it was killed)."""
    out = {}
    for line in lines:
        if line.startswith('{"query"'):
            item = json.loads(line)
            out[item.pop("query")] = item
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="10k", help="10k, 100k, 1M, 5M, aiwatch or donations")
    ap.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
    ap.add_argument("--limit", type=float, default=20, help="seconds each engine run may take")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "aigraph-bench")
    ap.add_argument("--figures", default=",".join(FIGURES), help="comma-separated subset")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    base = prepare(args.size, args.work)
    prep = time.perf_counter() - started
    meta = json.loads((base / "meta.json").read_text())
    results: dict[str, dict[str, dict]] = {}
    for figure in args.figures.split(","):
        results[figure] = {}
        for engine in FIGURES[figure]:
            run = run_library if figure == "library" else (lambda e, b, lim, f=figure: run_child(f, e, b, lim))
            results[figure][engine] = run(engine, base, args.limit)
            print(f"  {figure:14} {engine:11} {cell(results[figure][engine])}", file=sys.stderr, flush=True)
    report = {"size": args.size, "triples": meta.get("triples"), **meta, "machine": machine(), "limit": args.limit,
              "prepare_seconds": prep, "total_seconds": time.perf_counter() - started, "results": results}
    if args.json:
        print(json.dumps(report, indent=1, default=str))
        return
    print_table(report)


if __name__ == "__main__":
    main()
