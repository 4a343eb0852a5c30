"""The interactive pages: offline, error-free, searchable, filterable, shareable, safe.

Browser tests drive Debian's Chromium headless through Playwright (one launch for the
module) and block every request that is not file:// or data:. Screenshots of every page go
to test-artifacts/ (the README's docs/img/ pictures are copies of them).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_cli

HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "graph"
MINI = ROOT / "tests" / "fixtures" / "mini" / "graph"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
PAGES = ("graph.html", "talent.html", "circular-financing.html")


# ---------------------------------------------------------------- without a browser

def test_pages_are_byte_stable():
    from aigraph.pages import render_pages
    from aigraph.validate import load

    first, second = render_pages(load(MINI)), render_pages(load(MINI))
    assert sorted(first) == sorted(PAGES)
    for name, data in first.items():
        assert data == second[name], name


def test_pages_link_nothing_and_forbid_the_network():
    from aigraph.pages import render_pages
    from aigraph.validate import load

    for name, data in render_pages(load(MINI)).items():
        text = data.decode("utf-8")
        assert "<script src" not in text and "<link" not in text and "@import" not in text, name
        assert "default-src 'none'" in text, name  # the CSP: no fetch of any kind


def test_parallel_edges_in_both_directions_bend_apart(dataset):
    from aigraph.pages.graph_page import graph_page_data

    edges = [e for e in graph_page_data(dataset)["vis"]["edges"]
             if {e["from"], e["to"]} == {"nvidia", "openai"}]
    assert {e["from"] for e in edges} == {"nvidia", "openai"}, "the bundled graph has both directions"
    shapes = [(e["from"], e["smooth"]["type"], e["smooth"]["roundness"]) for e in edges]
    assert all(e["smooth"]["enabled"] for e in edges)
    assert len(set(shapes)) == len(shapes), "two edges would be drawn on top of each other"


def test_edge_labels_carry_amount_and_date(dataset):
    from aigraph.pages.graph_page import graph_page_data

    data = graph_page_data(dataset)
    for e in data["vis"]["edges"]:
        rec = dataset.records[data["edge_facts"][e["id"]][0]]
        assert rec.date.text in e["label"]
        if rec.amount is not None:
            assert any(c.isdigit() for c in e["label"].replace(rec.date.text, "")), e["label"]


def test_big_graphs_get_python_layout_and_no_physics():
    from aigraph.pages.network import PHYSICS_LIMIT, build_network, vis_data

    n = PHYSICS_LIMIT + 50
    nodes = [{"id": f"n{i}", "label": f"N{i}"} for i in range(n)]
    edges = [{"id": f"e{i}", "from": f"n{i}", "to": f"n{(i * 7 + 1) % n}"} for i in range(n)]
    data = vis_data(build_network(nodes, edges))
    assert data["options"]["physics"]["enabled"] is False
    positions = {(v["x"], v["y"]) for v in data["nodes"]}
    assert len(positions) == n, "every node has its own spot"
    small = vis_data(build_network(nodes[:10], edges[:0]))
    assert small["options"]["physics"]["enabled"] is True and "x" not in small["nodes"][0]


def test_search_keys_cover_simplified_traditional_and_width(dataset):
    from aigraph.pages.search import name_keys, query_key, t2s_pairs

    keys = name_keys(dataset.entity("nvidia").all_names())
    table = t2s_pairs(keys)
    pairs = dict(zip(table[::2], table[1::2]))
    for query in ("英伟达", "英偉達", "輝達", "NVIDIA", "ｎｖｉｄｉａ"):
        assert any(query_key(query, pairs) in k for k in keys), query


def test_render_command_writes_pages(tmp_path):
    result = run_cli("--graph", str(MINI), "render", "--out", str(tmp_path), "--page", "graph")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]
    result = run_cli("--graph", str(MINI), "render", "--out", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(PAGES)
    assert "graph.html" in result.output


def test_render_command_reports_a_bad_graph(tmp_path):
    result = run_cli("--graph", str(tmp_path / "missing"), "render", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- in Chromium

@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make deb)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    from aigraph.pages import write_pages
    from aigraph.validate import load

    out = tmp_path_factory.mktemp("hostile")
    write_pages(load(HOSTILE), out)
    return out


class Opened:
    """A loaded page plus everything that went wrong while it ran."""

    def __init__(self, browser, path: Path, fragment: str = ""):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)

    def _route(self, route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _request(self, request):
        if not request.url.startswith(("file:", "data:", "blob:")):
            self.requests.append(request.url)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def search(self, text: str) -> None:
        self.page.fill("#q", text)
        self.page.press("#q", "Enter")

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.requests == [], f"requested outside file://: {self.requests}"
        assert self.dialogs == [], f"a script ran: {self.dialogs}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser):
    pages: list[Opened] = []

    def open_(path, fragment=""):
        page = Opened(browser, path, fragment)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


HIDDEN_EDGES = "() => Object.values(aigraph.network.body.edges).filter(e => e.options.hidden).map(e => e.id).sort()"
SHOWN_NODES = "() => Object.values(aigraph.network.body.nodes).filter(n => !n.options.hidden).map(n => n.id).sort()"


def expected_node_count(name, dataset) -> int:
    from aigraph.nx_build import money_graph, to_networkx
    from aigraph.talent import moves

    if name == "graph.html":
        return to_networkx(dataset).number_of_nodes()
    if name == "talent.html":
        return len({o for m in moves(dataset) if m.from_org for o in (m.from_org, m.to_org)})
    return money_graph(dataset).number_of_nodes()


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_without_errors(opened, built, dataset, artifacts, name):
    page = opened(built / name)
    counts = page.js("() => [aigraph.nodes.length, Object.keys(aigraph.network.body.nodes).length]")
    assert counts == [expected_node_count(name, dataset)] * 2
    assert page.js("() => document.getElementById('legend').children.length") >= 3
    assert page.page.inner_text("#panel").strip()
    page.page.screenshot(path=str(artifacts / name.replace(".html", ".png")))
    page.clean()


@pytest.mark.browser
def test_search_focuses_nvidia_in_any_script(opened, built):
    page = opened(built / "graph.html")
    for query in ("英伟达", "英偉達", "NVIDIA", "ｎｖｉｄｉａ", "輝達"):
        page.page.click("#reset")
        assert page.js("() => aigraph.network.getSelectedNodes()") == []
        page.search(query)
        assert page.js("() => aigraph.network.getSelectedNodes()") == ["nvidia"], query
        assert page.page.inner_text("#panel h2") == "Nvidia", query
        assert "focus=nvidia" in page.js("() => location.hash"), query
    page.clean()


@pytest.mark.browser
def test_page_folds_names_like_python(opened, built, dataset):
    from aigraph.pages.search import name_keys

    page = opened(built / "graph.html")
    names = sorted({n for e in dataset.entities.values() for n in e.all_names()})
    folded = page.js("(names) => names.map(aigraph.matchKey)", names)
    for name, key in zip(names, folded):
        assert key in name_keys([name]), (name, key)


@pytest.mark.browser
def test_kind_filter_hides_exactly_those_edges(opened, built, dataset, artifacts):
    page = opened(built / "graph.html")
    page.page.uncheck("fieldset[data-key=kind] input[value=supplies]")
    hidden = page.js(HIDDEN_EDGES)
    expected = sorted(e["id"] for e in page.js("() => aigraph.data.vis.edges")
                      if dataset.records[e["id"].split(":")[0]].kind == "supplies")
    assert expected and hidden == expected
    assert "hide.kind=supplies" in page.js("() => location.hash")
    page.page.check("fieldset[data-key=kind] input[value=supplies]")
    assert page.js(HIDDEN_EDGES) == []
    page.clean()


@pytest.mark.browser
def test_date_range_hides_older_edges(opened, built, dataset):
    page = opened(built / "graph.html", "#from=2025-06")
    hidden = set(page.js(HIDDEN_EDGES))
    for e in page.js("() => aigraph.data.vis.edges"):
        rec = dataset.records[e["id"].split(":")[0]]
        assert (e["id"] in hidden) == (rec.date.end.isoformat()[:7] < "2025-06"), e["id"]
    assert page.page.inner_text("#range-text").startswith("2025-06")
    # the same through the slider
    slid = opened(built / "graph.html")
    start = page.js("() => aigraph.data.dates[0]")
    y, m = map(int, start.split("-"))
    steps = (2025 - y) * 12 + (6 - m)
    slid.page.fill("#date-from", str(steps))
    slid.page.wait_for_timeout(100)  # the slider applies once per animation frame
    assert set(slid.js(HIDDEN_EDGES)) == hidden
    assert "from=2025-06" in slid.js("() => location.hash")
    page.clean()
    slid.clean()


@pytest.mark.browser
def test_url_hash_restores_a_view(opened, built, dataset, artifacts):
    from aigraph.nx_build import to_networkx

    page = opened(built / "graph.html", "#focus=nvidia&hops=1&hide.certainty=alleged")
    graph = to_networkx(dataset)
    near = {"nvidia"}
    for u, v, d in graph.edges(data=True):
        if d["certainty"] != "alleged" and "nvidia" in (u, v):
            near.update((u, v))
    assert page.js(SHOWN_NODES) == sorted(near)
    assert page.js("() => aigraph.network.getSelectedNodes()") == ["nvidia"]
    assert page.page.input_value("#hops") == "1"
    assert not page.page.is_checked("fieldset[data-key=certainty] input[value=alleged]")
    assert page.page.inner_text("#panel h2") == "Nvidia"
    page.page.screenshot(path=str(artifacts / "graph-focus.png"))
    # a view built by hand survives a reload through its URL
    page.page.select_option("#hops", "2")
    page.page.uncheck("fieldset[data-key=status] input[value=planned]")
    shared = page.js("() => location.href")
    shown = page.js(SHOWN_NODES)
    again = opened(Path(shared.split("#")[0].removeprefix("file://")), "#" + shared.split("#")[1])
    assert again.js(SHOWN_NODES) == shown
    assert again.js("() => aigraph.network.getSelectedNodes()") == ["nvidia"]
    page.clean()
    again.clean()


@pytest.mark.browser
def test_clicking_a_node_and_an_edge_shows_details_and_sources(opened, built, dataset):
    page = opened(built / "graph.html")
    box = page.page.locator("#net canvas").bounding_box()
    x, y = page.js("() => { const p = aigraph.network.getPositions(['openai']).openai;"
                   " const d = aigraph.network.canvasToDOM(p); return [d.x, d.y]; }")
    page.page.mouse.click(box["x"] + x, box["y"] + y)
    assert page.page.inner_text("#panel h2") == "OpenAI"
    edge = next(e["id"] for e in page.js("() => aigraph.data.vis.edges")
                if e["id"].startswith("invested-") and e["to"] == "openai")
    page.js("(id) => aigraph.selectEdge(id)", edge)
    rec = dataset.records[edge.split(":")[0]]
    text = page.page.inner_text("#panel")
    for c in rec.sources:
        src = dataset.sources[c.source]
        assert src.title in text and f"line {c.line}" in text and src.publisher in text
    page.clean()


@pytest.mark.browser
def test_talent_search_of_a_person_selects_their_flows(opened, built, dataset, artifacts):
    from aigraph.talent import moves

    page = opened(built / "talent.html")
    page.search("Barret Zoph")
    expected = sorted({f"{m.from_org}>{m.to_org}" for m in moves(dataset)
                       if m.person == "barret-zoph" and m.from_org})
    assert sorted(page.js("() => aigraph.network.getSelectedEdges()")) == expected
    assert page.page.inner_text("#panel h2") == "Barret Zoph"
    page.clean()


@pytest.mark.browser
def test_picking_a_loop_highlights_exactly_its_legs(opened, built, dataset, artifacts):
    from aigraph.analysis import loops

    found = loops(dataset)
    assert found, "the bundled graph has circular-financing loops"
    page = opened(built / "circular-financing.html")
    buttons = page.page.locator("#loops button.loop")
    assert buttons.count() == len(found)
    for i, loop in enumerate(found):
        buttons.nth(i).click()
        lit = page.js("() => aigraph.edges.get({filter: e => e.hl}).map(e => e.id).sort()")
        assert lit == sorted({leg["leg"] for leg in loop["legs"]}), loop["id"]
        faded = page.js("(c) => aigraph.edges.get({filter: e => !e.hl}).every(e => e.color.color !== c)",
                        page.js("() => aigraph.data.highlight"))
        assert faded
        assert page.page.locator("#panel table.legs tbody").count() == len(loop["legs"])
        assert f"loop={loop['id']}" in page.js("() => decodeURIComponent(location.hash)")
    buttons.nth(len(found) - 1).click()  # picking it again clears the highlight
    assert page.js("() => aigraph.edges.get({filter: e => e.hl}).length") == 0
    best = max(range(len(found)), key=lambda i: (found[i]["bottleneck_usd"] or 0, found[i]["length"]))
    buttons.nth(best).click()
    page.page.screenshot(path=str(artifacts / "circular-financing-loop.png"))
    # the loop is part of the shareable view
    again = opened(built / "circular-financing.html", page.js("() => location.hash"))
    assert again.js("() => aigraph.edges.get({filter: e => e.hl}).length") == len(found[best]["legs"])
    page.clean()
    again.clean()


@pytest.mark.browser
def test_png_export_downloads_the_view(opened, built, tmp_path):
    page = opened(built / "graph.html")
    with page.page.expect_download() as info:
        page.page.click("#png")
    target = tmp_path / "view.png"
    info.value.save_as(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000
    page.clean()


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_hostile_names_render_as_text_and_run_nothing(opened, hostile_pages, artifacts, name):
    page = opened(hostile_pages / name)
    if name == "circular-financing.html":
        page.page.locator("#loops button.loop").first.click()
    page.search("evil-corp")
    page.js("() => document.querySelectorAll('#panel details').forEach(d => d.open = true)")
    assert page.page.inner_text("#panel h2") == "<img src=x onerror=alert(1)>"
    text = page.js("() => document.body.textContent")
    assert "</script><script>alert(2)</script>" in text
    if name != "talent.html":
        assert "</script><script>alert('note')</script>" in text
    assert page.js("() => document.querySelectorAll('img, iframe, svg, marquee, b').length") == 0
    assert page.js("() => document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    page.page.screenshot(path=str(artifacts / f"hostile-{name.replace('.html', '.png')}"))
    page.clean()


def test_readme_shows_a_screenshot_of_each_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("graph.png", "circular-financing.png", "talent.png"):
        path = ROOT / "docs" / "img" / name
        assert path.exists() and path.read_bytes()[:4] == b"\x89PNG", name
        assert f"docs/img/{name}" in readme, name
