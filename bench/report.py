"""Printing a benchmark report: the table, the library queries, the targets."""
from __future__ import annotations

import os
import platform
from pathlib import Path

ENGINES = ("aigraph", "rdflib", "pyoxigraph")


def cell(r: dict | None) -> str:
    if r is None:
        return "n/a"
    if "timeout" in r:
        return f"> {r['timeout']:.0f} s" + (" (set-up)" if r.get("phase") == "setup" else "")
    if "error" in r:
        return "error"
    if "missing" in r:
        return "missing"
    if r.get("timeouts"):
        return f"> {r['seconds']:.1f} s"
    return f"{r['seconds']:.3f} s"


def _ratio(a: dict | None, b: dict | None) -> str:
    if not a or not b or "seconds" not in b or b["seconds"] <= 0:
        if a and b and "timeout" in a and "seconds" in b:
            return f"> {a['timeout'] / max(b['seconds'], 1e-6):.0f}×"
        return "–"
    if "seconds" not in a:
        return "–"
    return f"{a['seconds'] / b['seconds']:.1f}×"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        mem = 0
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}, "
            f"load average {os.getloadavg()[0]:.1f}")


def print_table(report: dict) -> None:
    results = report["results"]
    print(f"aigraph benchmark, size {report['size']}: {report['triples']} triples, {report['records']} records, "
          f"{report['entities']} entities")
    print(f"machine: {report['machine']}; time limit {report['limit']:.0f} s per run")
    head = f"{'figure':14} {'aigraph':>11} {'rdflib':>11} {'pyoxigraph':>11} {'aig/pyox':>9} {'rdflib/aig':>10} {'peak RSS':>9}"
    print(head)
    print("-" * len(head))
    for figure, by_engine in results.items():
        a, r, o = (by_engine.get(e) for e in ENGINES)
        rss = max((x.get("rss_mb", 0) for x in by_engine.values()), default=0)
        print(f"{figure:14} {cell(a):>11} {cell(r):>11} {cell(o):>11} {_ratio(a, o):>9} {_ratio(r, a):>10} "
              f"{rss:>6.0f} MB")
    for name, a, r, o in library_rows(report):
        if name in ("moves", "org-inflow"):
            print(f"{'  ' + name:14} {cell(a):>11} {cell(r):>11} {cell(o):>11} {_ratio(a, o):>9} {_ratio(r, a):>10}")
    for figure, by_engine in results.items():
        for engine, r in by_engine.items():
            if "error" in r:
                print(f"  {figure}/{engine} failed: {r['error']}")
            if "missing" in r:
                print(f"  {figure}/{engine}: {r['missing']}")
    print_library(report)
    print_targets(report)
    print(f"total {report['total_seconds']:.1f} s (preparation {report['prepare_seconds']:.1f} s)")


def library_rows(report: dict) -> list[tuple[str, dict | None, dict | None, dict | None]]:
    """(query, aigraph, rdflib, pyoxigraph) per library query; a query running when its
    engine's child was killed gets that child's timeout."""
    by_engine = report["results"].get("library", {})
    names = sorted({q for r in by_engine.values() for q in r.get("parts", {})})
    rows = []
    for name in names:
        cells = [(by_engine.get(engine) or {}).get("parts", {}).get(name) for engine in ENGINES]
        rows.append((name, *cells))
    return rows


def print_library(report: dict) -> None:
    rows = library_rows(report)
    if not rows:
        return
    print(f"\nlibrary queries (queries/*.rq){'':6} {'aigraph':>11} {'rdflib':>11} {'pyoxigraph':>11} {'aig/pyox':>9} {'rdflib/aig':>10}")
    for name, a, r, o in rows:
        print(f"  {name:34} {cell(a):>11} {cell(r):>11} {cell(o):>11} {_ratio(a, o):>9} {_ratio(r, a):>10}")
    print()


def print_targets(report: dict) -> None:
    res = report["results"]

    def s(fig, eng):
        return res.get(fig, {}).get(eng, {}).get("seconds")

    def check(label, value, ok):
        state = "n/a" if value is None else ("ok" if ok else "MISSED")
        print(f"target {label}: {value if value is not None else '–'} {state}")

    queries = {name: (a, r, o) for name, a, r, o in library_rows(report)}

    def q(name, i):
        return (queries.get(name, (None, None, None))[i] or {}).get("seconds")

    for label, a, o in (("load-turtle", s("load-turtle", "aigraph"), s("load-turtle", "pyoxigraph")),
                        ("moves query", q("moves", 0), q("moves", 2))):
        check(f"{label} within 2x pyoxigraph", f"{a / o:.2f}x" if a and o else None, bool(a and o and a <= 2 * o))
    worst = None
    for name, a, r, _ in library_rows(report):
        if a and "seconds" in a and r and ("seconds" in r or "timeout" in r):
            ratio = (r.get("seconds") or r["timeout"]) / max(a["seconds"], 1e-6)
            if worst is None or ratio < worst[0]:
                worst = (ratio, name)
    if worst:
        check("every library query: rdflib >= 10x slower", f"worst {worst[0]:.1f}x ({worst[1]})", worst[0] >= 10)
    rss = max((x.get("rss_mb", 0) for f in res.values() for x in f.values()), default=0)
    check("peak RSS < 1.5 GB", f"{rss:.0f} MB", rss < 1536)
    loops = s("loops", "aigraph")
    check("loops (length <= 4) < 20 s", f"{loops:.2f} s" if loops is not None else None, (loops or 99) < 20)
    po = res.get("page-open", {}).get("aigraph", {})
    opened = po.get("seconds")
    check(f"page ({report['entities']} nodes) opens < 10 s", f"{opened:.2f} s" if opened is not None else None,
          (opened or 99) < 10)
