"""Generate a realistic synthetic aigraph graph directory of a given size (in RDF triples).

People hold dated stints at organisations (hire, sometimes a title change, departure; the
next stint starts after the last one ended, so moves are real moves); organisations invest in
each other and buy from each other along power-law (Zipf) degree distributions, so a few hubs
carry most edges and money loops exist, as in the real data. Everything is seeded: the same
size gives the same bytes.

    python bench/generate.py --size 100k --out /tmp/aigraph-bench/100k/graph

Sizes: 10k, 100k, 1M, 5M (approximate triple counts of ``aigraph build``).
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from aigraph.importers.yamlout import dump_lines, dump_section  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "5M": 5_000_000}
TRIPLES_PER_PERSON = 120  # measured: people + their stints/moves + a share of orgs and deals
TITLES = ["Member of Technical Staff", "Research Scientist", "Engineer", "Product Manager",
          "Head of Research", "CTO", "Chief Scientist", "Policy Lead", "Advisor", "Director"]
ORG_KINDS = ["lab", "company", "investor", "cloud", "chipmaker", "university", "nonprofit"]
FIRST = ["Ada", "Alan", "Grace", "Claude", "Barbara", "Edsger", "Donald", "Frances", "John", "Kathleen",
         "Leslie", "Margaret", "Niklaus", "Radia", "Shafi", "Tim", "Yoshua", "Fei-Fei", "Geoffrey", "Ilya"]
LAST = ["Lovelace", "Turing", "Hopper", "Shannon", "Liskov", "Dijkstra", "Knuth", "Allen", "McCarthy",
        "Booth", "Lamport", "Hamilton", "Wirth", "Perlman", "Goldwasser", "Berners-Lee", "Bengio", "Li",
        "Hinton", "Sutskever"]


def parse_size(text: str) -> int:
    if text in SIZES:
        return SIZES[text]
    return int(float(text.lower().rstrip("kmb")) * {"k": 1e3, "m": 1e6}.get(text.lower()[-1:], 1))


def _zipf(n: int, s: float = 1.1) -> list[float]:
    weights = [1 / (rank ** s) for rank in range(1, n + 1)]
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out


def _month(m: int) -> str:
    return f"{2000 + m // 12}-{m % 12 + 1:02d}"


def generate(triples: int, seed: int = 7) -> dict[str, str]:
    """The files of a synthetic graph directory of about ``triples`` triples."""
    rng = random.Random(seed)
    n_people = max(20, triples // TRIPLES_PER_PERSON)
    n_orgs = max(10, n_people // 3)
    orgs = [{"id": f"org-{i:06d}", "names": {"en": f"Org {i:06d} {rng.choice(['Labs', 'AI', 'Capital', 'Inc'])}"},
             "aliases": [], "kind": ORG_KINDS[i % len(ORG_KINDS)], "description": None} for i in range(n_orgs)]
    people = [{"id": f"person-{i:07d}", "names": {"en": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"},
               "aliases": [], "description": None} for i in range(n_people)]
    by_kind: dict[str, list[str]] = {}
    for o in orgs:
        by_kind.setdefault(o["kind"], []).append(o["id"])
    labs = by_kind["lab"] + by_kind["company"]
    investors = by_kind["investor"]
    suppliers = by_kind["cloud"] + by_kind["chipmaker"]
    cums = {id(group): _zipf(len(group)) for group in (labs, investors, suppliers, [o["id"] for o in orgs])}
    everyone = [o["id"] for o in orgs]
    line = iter(range(2, 1 << 40))
    records = []

    def pick(group: list[str] = everyone) -> str:
        cum = cums[id(group)]
        return group[min(len(group) - 1, _bisect(cum, rng.random() * cum[-1]))]

    def rec(rid, kind, parts, date, **extra):
        records.append({"id": rid, "kind": kind, "participants": parts, **extra, "date": date,
                        "certainty": "reported", "status": "completed",
                        "sources": [{"source": "synthetic", "line": next(line)}]})

    for p in people:
        month = rng.randrange(0, 240)
        previous = None
        for n in range(1 + min(4, int(rng.expovariate(0.8)))):
            org = pick()
            if org == previous:
                continue
            parts = {"person": p["id"], "organization": org}
            rec(f"{p['id']}-hired-{n}", "hired", parts, _month(month), role=rng.choice(TITLES))
            length = rng.randrange(6, 60)
            if rng.random() < 0.2:
                rec(f"{p['id']}-title-{n}", "appointed", parts, _month(month + length // 2),
                    role=rng.choice(TITLES))
            if n < 4 and rng.random() < 0.75:
                rec(f"{p['id']}-departed-{n}", "departed", parts, _month(month + length))
            else:
                break
            month += length + rng.randrange(0, 3)
            previous = org
    # capital: VCs fund labs, suppliers sell them compute and chips, and some suppliers also
    # invest in their customers (vendor financing): the money loops of the real data
    for i in range(n_orgs * 2):
        draw = rng.random()
        usd = int(rng.lognormvariate(16, 2))
        when = _month(rng.randrange(0, 300))
        if draw < 0.6 or draw >= 0.9:
            a, b = pick(investors if draw < 0.6 else suppliers), pick(labs)
            rec(f"deal-{i:07d}", "invested", {"investor": [a], "investee": b}, when,
                amount={"value": usd, "currency": "USD"}, round=rng.choice(["seed", "series-a", "series-b"]))
        else:
            a, b = pick(suppliers), pick(labs)
            rec(f"deal-{i:07d}", "supplies", {"supplier": [a], "customer": [b]}, when,
                amount={"value": usd, "currency": "USD"}, goods=rng.choice(["chips", "compute", "cloud"]))
    source = {"id": "synthetic", "kind": "dataset", "title": "Synthetic benchmark graph",
              "publisher": "aigraph bench/generate.py", "language": "en", "archive": "synthetic.csv"}
    return {"sources.yaml": dump_section("sources", [source]),
            "people.yaml": dump_lines("people", people),
            "organizations.yaml": dump_lines("organizations", orgs),
            "records.yaml": dump_lines("records", records)}


def _bisect(cum: list[float], x: float) -> int:
    lo, hi = 0, len(cum)
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def write(out: Path, triples: int, seed: int = 7) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in generate(triples, seed).items():
        (out / name).write_text(text, encoding="utf-8")
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="10k", help="10k, 100k, 1M, 5M or a number of triples")
    ap.add_argument("--out", type=Path, required=True, help="graph directory to write")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    write(args.out, parse_size(args.size), args.seed)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
