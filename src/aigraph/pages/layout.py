"""Node positions computed in Python for graphs too big for in-browser physics.

Pivot MDS (Brandes & Pich, 2006) per connected component: breadth-first distances from a
few well-spread pivot nodes, double-centred, projected on their two main axes. It costs
``O(pivots × (nodes + edges))`` in pure Python (20,000 nodes: a few seconds), needs no
numpy, and is deterministic, so pages stay byte-stable. Nodes that land on the same spot
(leaves of one hub) are spread on a small sunflower; components are packed in rows.

>>> pos = layout(["a", "b", "c", "d"], [("a", "b"), ("b", "c")])
>>> sorted(pos) == ["a", "b", "c", "d"] and all(isinstance(v, int) for p in pos.values() for v in p)
True
>>> pos == layout(["d", "c", "b", "a"], [("b", "c"), ("a", "b")])
True
"""
from __future__ import annotations

import math
import operator
from collections import deque

SPACING = 60.0  # vis-network units between neighbours
GOLDEN = math.pi * (3 - math.sqrt(5))


def layout(nodes, edges, pivots: int = 24) -> dict[str, tuple[int, int]]:
    """``{node: (x, y)}`` for an undirected view of ``edges``; integer coordinates."""
    order = sorted(set(nodes))
    index = {n: i for i, n in enumerate(order)}
    adj: list[set[int]] = [set() for _ in order]
    for u, v in edges:
        a, b = index[u], index[v]
        if a != b:
            adj[a].add(b)
            adj[b].add(a)
    neighbours = [sorted(s) for s in adj]
    comps = _components(neighbours)
    alone = [c[0] for c in comps if len(c) == 1]
    placed = [_component_layout(c, neighbours, pivots) for c in comps if len(c) > 1]
    if alone:  # isolated nodes: one square block, not a strip as wide as the graph
        side = math.ceil(math.sqrt(len(alone)))
        placed.append({i: ((k % side) * SPACING, (k // side) * SPACING) for k, i in enumerate(alone)})
    placed.sort(key=lambda c: (-len(c), min(c)))
    out: dict[str, tuple[int, int]] = {}
    for comp, (dx, dy) in zip(placed, _pack([_extent(c) for c in placed])):
        for i, (x, y) in comp.items():
            out[order[i]] = (round(x + dx), round(y + dy))
    return out


def _components(neighbours: list[list[int]]) -> list[list[int]]:
    seen = [False] * len(neighbours)
    comps = []
    for start in range(len(neighbours)):
        if seen[start]:
            continue
        seen[start] = True
        comp, queue = [start], deque([start])
        while queue:
            for w in neighbours[queue.popleft()]:
                if not seen[w]:
                    seen[w] = True
                    comp.append(w)
                    queue.append(w)
        comps.append(sorted(comp))
    return comps


def _bfs(start: int, neighbours, local: dict[int, int]) -> list[int]:
    dist = [-1] * len(local)
    dist[local[start]] = 0
    queue = deque([start])
    while queue:
        u = queue.popleft()
        du = dist[local[u]] + 1
        for w in neighbours[u]:
            if dist[local[w]] < 0:
                dist[local[w]] = du
                queue.append(w)
    return dist


def _component_layout(comp: list[int], neighbours, pivots: int) -> dict[int, tuple[float, float]]:
    n = len(comp)
    if n <= 3:
        return {i: (k * SPACING, 0.0) for k, i in enumerate(comp)}
    local = {node: k for k, node in enumerate(comp)}
    first = max(comp, key=lambda i: (len(neighbours[i]), -i))
    chosen, columns = [first], [_bfs(first, neighbours, local)]
    nearest = list(columns[0])
    while len(chosen) < min(pivots, n):
        far = max(range(n), key=lambda k: (nearest[k], -k))
        if nearest[far] == 0:
            break
        chosen.append(comp[far])
        col = _bfs(comp[far], neighbours, local)
        columns.append(col)
        nearest = [min(a, b) for a, b in zip(nearest, col)]
    coords = _pivot_mds(columns, n)
    return _spread(comp, coords)


def _pivot_mds(columns: list[list[int]], n: int) -> list[tuple[float, float]]:
    """Double-centre the squared distances (one column per pivot) and project every node
    on the two main axes of ``CᵀC`` (power iteration with deflation)."""
    k = len(columns)
    sq = [[float(d * d) for d in col] for col in columns]
    col_mean = [sum(c) / n for c in sq]
    row_mean = [sum(t) / k for t in zip(*sq)]
    grand = sum(col_mean) / k
    cols = [[-0.5 * (s - r - cm + grand) for s, r in zip(col, row_mean)] for col, cm in zip(sq, col_mean)]
    ctc = [[0.0] * k for _ in range(k)]
    for a in range(k):
        for b in range(a, k):
            ctc[a][b] = ctc[b][a] = sum(map(operator.mul, cols[a], cols[b]))
    axes = []
    for _ in range(2):
        vec = [1.0 + 0.01 * j for j in range(k)]
        for _ in range(100):
            nxt = [sum(map(operator.mul, row, vec)) for row in ctc]
            for prev in axes:  # deflate: stay orthogonal to the axes found so far
                dot = sum(map(operator.mul, nxt, prev))
                nxt = [x - dot * y for x, y in zip(nxt, prev)]
            norm = math.sqrt(sum(x * x for x in nxt)) or 1.0
            vec = [x / norm for x in nxt]
        axes.append(vec)
    xs, ys = [0.0] * n, [0.0] * n
    for col, ax, ay in zip(cols, axes[0], axes[1]):
        xs = [x + ax * c for x, c in zip(xs, col)]
        ys = [y + ay * c for y, c in zip(ys, col)]
    return list(zip(xs, ys))


def _spread(comp: list[int], coords) -> dict[int, tuple[float, float]]:
    """Scale to ~SPACING per hop-neighbourhood and fan out nodes sharing a spot."""
    n = len(comp)
    xs, ys = [p[0] for p in coords], [p[1] for p in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = SPACING * math.sqrt(n) * 1.5 / span
    cells: dict[tuple[int, int], list[int]] = {}
    for k, (x, y) in enumerate(coords):
        cells.setdefault((round(x * scale / SPACING), round(y * scale / SPACING)), []).append(k)
    out = {}
    for (cx, cy), members in sorted(cells.items()):
        for j, k in enumerate(members):
            r = SPACING * 0.35 * math.sqrt(j)
            out[comp[k]] = (cx * SPACING + r * math.cos(j * GOLDEN), cy * SPACING + r * math.sin(j * GOLDEN))
    return out


def _extent(comp: dict[int, tuple[float, float]]):
    xs = [p[0] for p in comp.values()]
    ys = [p[1] for p in comp.values()]
    return min(xs), min(ys), max(xs) - min(xs) + SPACING, max(ys) - min(ys) + SPACING


def _pack(extents) -> list[tuple[float, float]]:
    """Shelf packing: components left to right in rows about as wide as the whole is tall."""
    total = sum(w * h for _, _, w, h in extents)
    row_width = max(math.sqrt(total) * 1.2, max((w for _, _, w, _ in extents), default=0))
    offsets, x, y, row_h = [], 0.0, 0.0, 0.0
    for minx, miny, w, h in extents:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        offsets.append((x - minx, y - miny))
        x += w
        row_h = max(row_h, h)
    return offsets
