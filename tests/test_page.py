"""The graph page in a real browser: Debian's headless Chromium driven by Playwright
(the Makefile's `browser` target installs it; nothing is downloaded)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from kg.folder import build
from kg.page import find_entity, graph_page, neighbourhood
from tests import screenshot
from tests.browser import launch_chromium
from tests.conftest import REPO, SHARED, network_of
from tests.test_page_data import SEED_UNION, add_daxing

pytestmark = pytest.mark.slow  # drives a browser

SCREENSHOT = REPO / "docs" / "demo-graph.png"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seed_built(tmp_path_factory: pytest.TempPathFactory, records) -> Path:
    out = tmp_path_factory.mktemp("seed") / "output"
    build([SHARED / "corpus" / "seed"], out, records)
    return out


@dataclass
class Opened:
    page: Page
    url: str
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def drawn_names(self) -> list[str]:
        return sorted(self.page.evaluate("kgPage.nodes.get().map((n) => n.label)"))

    def index_of(self, name: str) -> int:
        return self.page.evaluate(
            "(name) => kgPage.data.entities.findIndex((e) => e.name === name)", name
        )

    def point_at(self, node: int | str) -> tuple[float, float]:
        """Centre the view on a node; where it is on the screen."""
        x, y = self.page.evaluate(
            """(id) => {
            const network = kgPage.network;
            network.moveTo({position: network.getPosition(id)});
            const box = document.getElementById('network').getBoundingClientRect();
            const p = network.canvasToDOM(network.getPosition(id));
            return [box.left + p.x, box.top + p.y];
        }""",
            node,
        )
        return x, y

    def click_node(self, node: int | str) -> None:
        x, y = self.point_at(node)
        clicks = self.page.evaluate("kgPage.clicks")
        self.page.mouse.click(x, y)
        self.page.wait_for_function(f"kgPage.clicks > {clicks}")


def _open(browser: Browser, path: Path) -> Opened:
    console: list[str] = []
    requests: list[str] = []

    def listen(page: Page) -> None:
        page.on(
            "console",
            lambda m: (
                console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None
            ),
        )
        page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
        page.on("request", lambda request: requests.append(request.url))

    page = screenshot.open_page(browser, path, listen)
    return Opened(page, path.as_uri(), console, requests)


def _search(opened: Opened, text: str, pick: str) -> None:
    screenshot.search(opened.page, text, pick)


def test_the_demo_page_loads_alone_and_draws_every_entity_and_relation(
    browser: Browser, demo_built: Path
) -> None:
    graph = network_of(demo_built)
    opened = _open(browser, demo_built / "graph.html")
    assert opened.console == []
    assert opened.requests == [opened.url]
    assert opened.page.evaluate("kgPage.nodes.length") == graph.number_of_nodes()
    assert opened.page.evaluate("kgPage.edges.length") == graph.number_of_edges()
    assert opened.drawn_names() == sorted(name for _, name in graph.nodes(data="name"))
    drawn_pairs = opened.page.evaluate(
        """kgPage.edges.get().map((e) => [kgPage.nodes.get(e.from).label,
                                          kgPage.nodes.get(e.to).label])"""
    )
    names = dict(graph.nodes(data="name"))
    assert sorted(map(tuple, drawn_pairs)) == sorted((names[s], names[o]) for s, o in graph.edges())
    opened.page.close()


# Drawn nodes whose disc is not wholly inside the canvas, and the names drawn readable
# (at least vis-network's drawThreshold on the screen).
_OUTSIDE = """() => {
  const network = kgPage.network;
  const box = document.getElementById("network").getBoundingClientRect();
  const scale = network.getScale();
  return kgPage.nodes.get().filter((node) => {
    const at = network.canvasToDOM(network.getPosition(node.id));
    const r = (node.size || 10) * scale;
    return at.x - r < 0 || at.y - r < 0 || at.x + r > box.width || at.y + r > box.height;
  }).map((node) => node.label);
}"""
_READABLE = """() => {
  const threshold = kgPage.data.options.nodes.scaling.label.drawThreshold;
  const base = kgPage.data.options.nodes.font.size;
  const scale = kgPage.network.getScale();
  return kgPage.nodes.get().filter((node) => ((node.font && node.font.size) || base) * scale
    >= threshold).map((node) => node.label);
}"""

# Every drawn node's disc and the box of its name as vis-network draws it (centred under
# the disc, 3 px below it, one font size high, as wide as the canvas measures the
# text), in canvas coordinates; ``shown`` when the name is drawn at this zoom.
_BOXES = """() => {
  const network = kgPage.network;
  const options = kgPage.data.options.nodes;
  const scale = network.getScale();
  const context = document.createElement("canvas").getContext("2d");
  return kgPage.nodes.get().map((node) => {
    const font = (node.font && node.font.size) || options.font.size;
    const at = network.getPosition(node.id);
    const r = node.size;
    context.font = font + "px " + options.font.face;
    const half = context.measureText(node.label).width / 2;
    return { id: node.id, label: node.label,
      shown: font * scale >= options.scaling.label.drawThreshold,
      disc: [at.x - r, at.y - r, at.x + r, at.y + r],
      name: [at.x - half, at.y + r + 3, at.x + half, at.y + r + 3 + font] };
  });
}"""
# The entities of the largest connected component.
_LARGEST = """() => {
  const next = kgPage.data.entities.map(() => []);
  kgPage.data.links.forEach((l) => { next[l.from].push(l.to); next[l.to].push(l.from); });
  const seen = new Set();
  let largest = [];
  next.forEach((_, i) => {
    if (seen.has(i)) return;
    const part = [i];
    seen.add(i);
    for (let k = 0; k < part.length; k++) {
      for (const j of next[part[k]]) if (!seen.has(j)) { seen.add(j); part.push(j); }
    }
    if (part.length > largest.length) largest = part;
  });
  return largest;
}"""


def _cross(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _overlapping_names(boxes: list[dict]) -> list[tuple[str, str]]:
    shown = [b for b in boxes if b["shown"]]
    return [
        (a["label"], b["label"])
        for k, a in enumerate(shown)
        for b in shown[k + 1 :]
        if _cross(a["name"], b["name"])
    ]


def _zoom(page: Page, move: str, arg: object = None) -> None:
    """Call ``move`` (a function of ``arg`` that moves the view, animated) and wait until
    the page has relabelled after it (on vis-network's animationFinished)."""
    page.evaluate(
        f"""(arg) => new Promise((done) => {{
        kgPage.network.once("animationFinished", () => requestAnimationFrame(() => done()));
        ({move})(arg);
    }})""",
        arg,
    )


def _small_page(demo_built: Path, tmp_path: Path) -> tuple[Path, nx.MultiDiGraph]:
    """The page of one union and what lies within two relations of it."""
    graph = network_of(demo_built)
    around = neighbourhood(graph, find_entity(graph, SEED_UNION), 2)
    target = tmp_path / "small.html"
    target.write_text(graph_page(around, title="小图"), encoding="utf-8")
    return target, around


def test_the_first_view_shows_every_node_the_hubs_names_and_only_what_is_there(
    browser: Browser, demo_built: Path, tmp_path: Path
) -> None:
    small, around = _small_page(demo_built, tmp_path)
    for page_file, graph in ((demo_built / "graph.html", network_of(demo_built)), (small, around)):
        opened = _open(browser, page_file)
        page = opened.page
        assert page.evaluate(_OUTSIDE) == []
        readable = set(page.evaluate(_READABLE))
        hubs = sorted(graph, key=lambda n: -graph.degree(n))[:3]
        assert {graph.nodes[n]["name"] for n in hubs[:1]} <= readable
        assert len(readable) >= min(5, graph.number_of_nodes())
        # The legends list what is there, with no relation of 0 edges.
        relations = page.eval_on_selector_all(
            "input[data-relation]", "(boxes) => boxes.map((b) => b.dataset.relation)"
        )
        assert sorted(relations) == sorted({key for _, _, key in graph.edges(keys=True)})
        types = page.eval_on_selector_all(
            "input[data-type]", "(boxes) => boxes.map((b) => b.dataset.type)"
        )
        assert sorted(types) == sorted({kind for _, kind in graph.nodes(data="type")})
        assert opened.console == []
        page.close()


def test_names_do_not_overlap_at_the_first_view_nor_zoomed_in_on_the_largest_component(
    browser: Browser, demo_built: Path, tmp_path: Path
) -> None:
    """At the opening fit no two names drawn overlap (the page leaves out a hub's name
    that would); zoomed in on the demo's largest component until every name is drawn at
    its own size, at most 2% of its names touch another name or another entity's disc
    (the layout gives each name room; before it, 49 of 193 crossed a name, 74 a disc)."""
    small, _ = _small_page(demo_built, tmp_path)
    for page_file in (demo_built / "graph.html", small):
        opened = _open(browser, page_file)
        page = opened.page
        boxes = page.evaluate(_BOXES)
        assert sum(b["shown"] for b in boxes) >= min(5, len(boxes))
        assert _overlapping_names(boxes) == []
        page.close()

    opened = _open(browser, demo_built / "graph.html")
    page = opened.page
    largest = set(page.evaluate(_LARGEST))
    assert len(largest) > 100
    _zoom(
        page,
        "(ids) => kgPage.network.fit({nodes: ids, animation: {duration: 50}})",
        sorted(largest),
    )
    _zoom(page, "() => kgPage.network.moveTo({scale: 1, animation: {duration: 50}})")
    boxes = page.evaluate(_BOXES)
    inside = [b for b in boxes if b["id"] in largest]
    assert all(b["shown"] for b in inside)
    crossing = [
        a["label"]
        for a in inside
        if any(
            _cross(a["name"], b["name"]) or _cross(a["name"], b["disc"])
            for b in inside
            if b is not a
        )
    ]
    assert len(crossing) <= 0.02 * len(inside), crossing
    assert opened.console == []
    page.close()


def test_entities_without_relations_are_gathered_and_can_be_hidden(
    browser: Browser, demo_built: Path
) -> None:
    graph = network_of(demo_built)
    alone = [n for n in graph if graph.degree(n) == 0]
    assert alone
    opened = _open(browser, demo_built / "graph.html")
    page = opened.page
    assert page.inner_text("#isolated-count") == str(len(alone))
    # Together: no other node lies within the smallest box that holds them all.
    positions = page.evaluate("kgPage.network.getPositions()")
    index = {
        name: k for k, name in enumerate(page.evaluate("kgPage.data.entities.map((e) => e.name)"))
    }
    names = dict(graph.nodes(data="name"))
    lonely = {str(index[names[n]]) for n in alone}
    xs = [positions[k]["x"] for k in lonely]
    ys = [positions[k]["y"] for k in lonely]
    inside = [
        k
        for k, p in positions.items()
        if k not in lonely and min(xs) <= p["x"] <= max(xs) and min(ys) <= p["y"] <= max(ys)
    ]
    assert inside == []
    scale = page.evaluate("kgPage.network.getScale()")
    page.uncheck("#isolated")
    page.wait_for_timeout(600)  # the fit's animation
    assert page.evaluate("kgPage.nodes.length") == graph.number_of_nodes() - len(alone)
    assert page.evaluate(_OUTSIDE) == []
    assert page.evaluate("kgPage.network.getScale()") > scale
    page.check("#isolated")
    page.wait_for_timeout(600)
    assert page.evaluate("kgPage.nodes.length") == graph.number_of_nodes()
    page.close()


def test_the_district_filter_zooms_to_what_it_selects(browser: Browser, demo_built: Path) -> None:
    opened = _open(browser, demo_built / "graph.html")
    page = opened.page
    scale = page.evaluate("kgPage.network.getScale()")
    page.select_option("#district-filter", label="北京市/朝阳区")
    page.wait_for_timeout(600)  # the fit's animation
    shown = page.evaluate("kgPage.nodes.length")
    assert 0 < shown < len(page.evaluate("kgPage.data.entities"))
    assert page.evaluate(_OUTSIDE) == []
    assert page.evaluate("kgPage.network.getScale()") > 2 * scale
    assert len(page.evaluate(_READABLE)) >= min(shown, 5)
    page.close()


def test_a_screenshot_of_the_demo_graph_is_kept_for_the_readme(
    browser: Browser, demo_built: Path, tmp_path: Path
) -> None:
    """Taken on every run as `make demo-picture` takes it; that replaces the README's
    picture, since no two renderings are byte-identical."""
    target = tmp_path / "g.png"
    screenshot.take(browser, demo_built / "graph.html", target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "docs/demo-graph.png" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.shared
def test_searching_the_seed_union_focuses_it_and_clicking_shows_its_evidence(
    browser: Browser, seed_built: Path
) -> None:
    graph = network_of(seed_built)
    (union,) = [n for n, name in graph.nodes(data="name") if name == SEED_UNION]
    opened = _open(browser, seed_built / "graph.html")
    page = opened.page
    _search(opened, "大兴区总", SEED_UNION)
    index = opened.index_of(SEED_UNION)
    assert page.locator("#panel h2").inner_text().strip().endswith(SEED_UNION)
    assert page.evaluate("kgPage.network.getSelectedNodes()") == [index]
    page.wait_for_timeout(600)  # the focus animation
    centre = page.evaluate("kgPage.network.getViewPosition()")
    position = page.evaluate(f"kgPage.network.getPosition({index})")
    assert abs(centre["x"] - position["x"]) < 1 and abs(centre["y"] - position["y"]) < 1
    neighbours = {opened.index_of(graph.nodes[n]["name"]) for n in nx.all_neighbors(graph, union)}
    bright = set(
        page.evaluate("kgPage.nodes.get().filter((n) => n.opacity === 1).map((n) => n.id)")
    )
    assert bright == {index} | neighbours

    page.click("#panel-close")
    opened.click_node(index)
    panel = page.locator("#panel").inner_text()
    assert SEED_UNION in panel
    sentences = {
        e["sentence"] for _, _, data in graph.edges(union, data=True) for e in data["evidence"]
    } | {e["sentence"] for _, _, data in graph.in_edges(union, data=True) for e in data["evidence"]}
    assert sentences and all(sentence in panel for sentence in sentences)
    headlines = {graph.graph["articles"][a]["headline"] for a in graph.nodes[union]["articles"]}
    assert all(headline in panel for headline in headlines)

    (district,) = [o for _, o, key in graph.out_edges(union, keys=True) if key == "locatedIn"]
    edge = page.evaluate(
        "([a, b]) => kgPage.edges.get().find((e) => e.from === a && e.to === b).id",
        [index, opened.index_of(graph.nodes[district]["name"])],
    )
    x, y = page.evaluate(
        """(id) => {
        const network = kgPage.network;
        const edge = kgPage.edges.get(id);
        const [a, b] = [network.getPosition(edge.from), network.getPosition(edge.to)];
        const middle = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
        network.moveTo({position: middle, scale: 1.5});
        const box = document.getElementById('network').getBoundingClientRect();
        const p = network.canvasToDOM(middle);
        return [box.left + p.x, box.top + p.y];
    }""",
        edge,
    )
    page.mouse.click(x, y)
    page.wait_for_function("document.querySelector('#panel h2').textContent === '位于'")
    evidence = graph.edges[union, district, "locatedIn"]["evidence"]
    assert all(e["sentence"] in page.locator("#panel").inner_text() for e in evidence)
    assert opened.console == []
    page.close()


@pytest.mark.shared
def test_filters_hide_types_relations_and_what_is_outside_a_district(
    browser: Browser, seed_built: Path
) -> None:
    graph = network_of(seed_built)
    opened = _open(browser, seed_built / "graph.html")
    page = opened.page
    names = dict(graph.nodes(data="name"))
    people = {n for n, kind in graph.nodes(data="type") if kind == "Person"}
    assert people

    page.uncheck("input[data-type=Person]")
    assert opened.drawn_names() == sorted(names[n] for n in graph if n not in people)
    assert page.evaluate("kgPage.edges.length") == sum(
        1 for s, o in graph.edges() if s not in people and o not in people
    )
    page.check("input[data-type=Person]")
    assert page.evaluate("kgPage.nodes.length") == graph.number_of_nodes()

    located = sum(1 for _, _, key in graph.edges(keys=True) if key == "locatedIn")
    page.uncheck("input[data-relation=locatedIn]")
    assert page.evaluate("kgPage.edges.length") == graph.number_of_edges() - located
    page.check("input[data-relation=locatedIn]")

    (daxing,) = [n for n, d in graph.nodes(data=True) if d.get("path") == "北京市/大兴区"]
    within = nx.DiGraph(
        [(s, o) for s, o, key in graph.edges(keys=True) if key == "locatedIn"]
        + [(n, d["parent"]) for n, d in graph.nodes(data=True) if d.get("parent") in graph]
    )
    inside = {daxing} | {n for n in within if daxing in nx.descendants(within, n)}
    expected = inside | {m for n in inside for m in nx.all_neighbors(graph, n)}
    page.select_option("#district-filter", label="北京市/大兴区")
    assert opened.drawn_names() == sorted(names[n] for n in expected)
    assert SEED_UNION in opened.drawn_names()
    assert "顺义区总工会" not in opened.drawn_names()
    page.click("#reset")
    assert page.evaluate("kgPage.nodes.length") == graph.number_of_nodes()
    assert opened.console == []
    page.close()


@pytest.mark.shared
def test_physics_moves_nodes_only_when_switched_on(browser: Browser, seed_built: Path) -> None:
    opened = _open(browser, seed_built / "graph.html")
    page = opened.page
    positions = "JSON.stringify(kgPage.network.getPositions())"
    before = page.evaluate(positions)
    page.wait_for_timeout(500)
    assert page.evaluate(positions) == before
    page.check("#physics")
    page.wait_for_timeout(1000)
    assert page.evaluate(positions) != before
    page.uncheck("#physics")
    page.wait_for_timeout(200)
    settled = page.evaluate(positions)
    page.wait_for_timeout(500)
    assert page.evaluate(positions) == settled
    page.close()


HOSTILE = [
    "<script>window.pwned = 'script'</script>",
    "<img src=x onerror=\"window.pwned = 'img'\">",
    "\"'><svg onload=\"window.pwned = 'svg'\">",
    "</script><script>window.pwned = 'breakout'</script><!--",
]


def test_names_and_sentences_with_markup_are_shown_as_text(
    browser: Browser, tmp_path: Path
) -> None:
    graph = nx.MultiDiGraph()
    article = "https://w3id.org/union-kg/id/article/x"
    graph.graph["articles"] = {
        article: {"headline": HOSTILE[1] + "标题", "date": "2025-01-01", "source": "s", "url": None}
    }
    for k, text in enumerate(HOSTILE):
        graph.add_node(
            f"n{k}", name=f"工会{k}{text}", type="Union", aliases=[text], articles=[article]
        )
    add_daxing(graph, "d")
    for k, text in enumerate(HOSTILE):
        evidence = {
            "sentence": f"句子{k}{text}\u2028",
            "start": 0,
            "end": 1,
            "rule": text,
            "article": article,
        }
        graph.add_edge(f"n{k}", "d", key="locatedIn", relation="locatedIn", evidence=[evidence])
    path = tmp_path / "hostile.html"
    path.write_text(graph_page(graph, title=HOSTILE[0]), encoding="utf-8")

    opened = _open(browser, path)
    page = opened.page
    assert page.evaluate("kgPage.nodes.length") == len(HOSTILE) + 1
    assert page.title() == HOSTILE[0]
    for k, text in enumerate(HOSTILE):
        _search(opened, text[:6], f"工会{k}")
        assert page.locator("#panel h2").inner_text().strip().endswith(f"工会{k}{text}")
        assert f"句子{k}{text}" in page.locator("#panel").inner_text()
    opened.click_node(opened.index_of("大兴区"))
    assert all(f"句子{k}{t}" in page.locator("#panel").inner_text() for k, t in enumerate(HOSTILE))
    page.click("#panel-close")
    for k, text in enumerate(HOSTILE):  # vis-network's tooltip shows the title as text
        x, y = opened.point_at(opened.index_of(f"工会{k}{text}"))
        page.mouse.move(x - 4, y - 4)
        page.mouse.move(x, y, steps=3)  # vis-network starts its tooltip on moves over a node
        page.wait_for_function(
            "(text) => document.querySelector('.vis-tooltip')?.textContent.includes(text)",
            arg=text,
        )
        assert page.evaluate("document.querySelector('.vis-tooltip').childElementCount") == 0
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('img, svg, iframe').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert opened.console == []
    assert opened.requests == [opened.url]
    page.close()


def test_a_large_graph_opens_on_groups_that_expand(browser: Browser, demo_built: Path) -> None:
    graph = network_of(demo_built)
    path = demo_built.parent / "summary.html"
    path.write_text(graph_page(graph, title="summary", summary_above=50), encoding="utf-8")
    opened = _open(browser, path)
    page = opened.page
    drawn = page.evaluate("kgPage.nodes.get().map((n) => n.id)")
    groups = [d for d in drawn if isinstance(d, str)]
    assert groups and len(drawn) < graph.number_of_nodes()
    members = page.evaluate(
        """kgPage.nodes.get().filter((n) => typeof n.id === 'string')
            .map((n) => Number(n.label.split('\\n').pop()))"""
    )
    assert sum(members) + len(drawn) - len(groups) == graph.number_of_nodes()

    largest = max(range(len(groups)), key=lambda k: (members[k], -k))
    group = groups[largest]
    page.evaluate(
        f"kgPage.network.moveTo({{position: kgPage.network.getPosition('{group}'), scale: 1}})"
    )
    position = page.evaluate(
        f"""(() => {{ const box = document.getElementById('network').getBoundingClientRect();
        const p = kgPage.network.canvasToDOM(kgPage.network.getPosition('{group}'));
        return [box.left + p.x, box.top + p.y]; }})()"""
    )
    page.mouse.dblclick(*position)
    page.wait_for_function(f"kgPage.nodes.get('{group}') === null")
    expanded = page.evaluate(f"kgPage.data.groups[{group[1:]}].members")
    assert len(expanded) == members[largest]
    assert all(page.evaluate(f"kgPage.nodes.get({i}) !== null") for i in expanded)

    page.click("#collapse")
    assert page.evaluate("kgPage.nodes.length") == len(drawn)
    _search(opened, SEED_UNION, SEED_UNION)
    assert page.evaluate(f"kgPage.nodes.get({opened.index_of(SEED_UNION)}) !== null")
    assert opened.console == []
    page.close()


@pytest.mark.shared
def test_kg_view_opens_focused_on_its_entity(browser: Browser, seed_built: Path) -> None:
    from kg.cli import main

    target = seed_built.parent / "view.html"
    assert (
        main(["view", SEED_UNION, "--depth", "1", "-o", str(seed_built), "--out", str(target)]) == 0
    )
    opened = _open(browser, target)
    page = opened.page
    page.wait_for_function("!document.getElementById('panel').hidden")
    assert page.locator("#panel h2").inner_text().strip().endswith(SEED_UNION)
    assert page.evaluate("kgPage.network.getSelectedNodes()") == [opened.index_of(SEED_UNION)]
    assert opened.console == []
    page.close()


def test_the_english_page_speaks_english_in_its_panel(
    browser: Browser, demo_built: Path, tmp_path: Path
) -> None:
    graph = network_of(demo_built)
    target = tmp_path / "en.html"
    target.write_text(graph_page(graph, title="graph", lang="en"), encoding="utf-8")
    opened = _open(browser, target)
    _search(opened, SEED_UNION, SEED_UNION)
    panel = opened.page.inner_text("#panel")
    assert "Relations (" in panel and "Articles (" in panel and "关系" not in panel
    assert opened.page.inner_text("#status").startswith("Entities ")
    assert opened.console == []
    opened.page.close()
