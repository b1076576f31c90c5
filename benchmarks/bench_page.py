"""Graph page speed in headless Chromium, for graphs of 500, 2,000 and 10,000 entities.

The graphs are the demo corpus's graph (built here into a temporary folder) copied
under fresh IRIs until they reach the size, the districts shared by all copies (a
larger corpus of the same kind: more unions and sites in the same districts).

Figures, all in milliseconds from the start of navigation (performance.now()):
- first draw: vis-network's first ``afterDrawing`` event;
- interactive: a click on a drawn node, sent as soon as the first draw is seen, has
  been handled (the side panel is filled);
- longest task: the longest main-thread task (PerformanceObserver "longtask") up to
  then: the time the tab could not answer input;
- for a summary page, expanding its largest group (script time until the next frame).

Also printed: the seconds Python takes to make the page (layout included), and the
page's size. Goals: 2,000 entities interactive within 2 s; 10,000 open without freezing.

    .venv/bin/python -m benchmarks.bench_page [--sizes 500 2000 10000] [--full]

``--full`` also times pages drawn whole (no summary) at every size.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from kg.cli import main as kg
from kg.graph.network import to_networkx
from kg.graph.store import OxigraphStore, current_store_path
from kg.page import SUMMARY_ABOVE, graph_page
from tests.browser import launch_chromium

LONG_TASKS = """
window.longestTask = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.longestTask = Math.max(window.longestTask, entry.duration);
  }
}).observe({ type: "longtask", buffered: true });
"""


def copies(graph: nx.MultiDiGraph, size: int) -> nx.MultiDiGraph:
    """``graph`` repeated under fresh IRIs (districts shared) up to ``size`` nodes."""
    result = nx.MultiDiGraph()
    result.graph["articles"] = graph.graph["articles"]
    copy = 0
    while result.number_of_nodes() < size:

        def fresh(node: str, copy: int = copy) -> str:
            return node if graph.nodes[node]["type"] == "District" else f"{node}#{copy}"

        for node, data in graph.nodes(data=True):
            if result.number_of_nodes() >= size:
                break
            result.add_node(fresh(node), **data)
        for s, o, key, data in graph.edges(keys=True, data=True):
            if fresh(s) in result and fresh(o) in result:
                result.add_edge(fresh(s), fresh(o), key=key, **data)
        copy += 1
    return result


def measure(browser, path: Path, summary: bool) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.add_init_script(LONG_TASKS)
    page.goto(path.as_uri())
    page.wait_for_function("window.kgPage && window.kgPage.firstDraw !== null", timeout=120_000)
    first_draw = page.evaluate("kgPage.firstDraw")
    x, y = page.evaluate(
        """() => {
        const network = kgPage.network;
        const box = document.getElementById('network').getBoundingClientRect();
        for (const id of kgPage.nodes.getIds()) {
            const p = network.canvasToDOM(network.getPosition(id));
            if (p.x > 20 && p.y > 20 && p.x < box.width - 20 && p.y < box.height - 20)
                return [box.left + p.x, box.top + p.y];
        }
        return [box.left + box.width / 2, box.top + box.height / 2];
    }"""
    )
    page.mouse.click(x, y)
    page.wait_for_function("kgPage.clicks > 0", timeout=120_000)
    figures = {
        "first draw": first_draw,
        "interactive": page.evaluate("kgPage.lastClick"),
        "longest task": page.evaluate("window.longestTask"),
        "drawn nodes": page.evaluate("kgPage.nodes.length"),
    }
    if summary:
        figures["expand largest group"] = page.evaluate(
            """() => new Promise((done) => {
            const groups = kgPage.data.groups;
            let largest = 0;
            groups.forEach((g, k) => {
                if (g.members.length > groups[largest].members.length) largest = k;
            });
            const start = performance.now();
            kgPage.expand(largest);
            const drawn = () => done(performance.now() - start);
            requestAnimationFrame(() => requestAnimationFrame(drawn));
        })"""
        )
    page.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--full", action="store_true", help="also time pages without summary")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        print("building the demo graph …", flush=True)
        kg(["build", "-o", str(out / "demo")])
        demo = to_networkx(OxigraphStore(current_store_path(out / "demo"), read_only=True))
        runs = [(size, SUMMARY_ABOVE) for size in args.sizes]
        if args.full:
            runs += [(size, 10**9) for size in args.sizes if size > SUMMARY_ABOVE]
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for size, summary_above in runs:
                graph = copies(demo, size)
                start = time.perf_counter()
                html = graph_page(graph, title="bench", summary_above=summary_above)
                made = time.perf_counter() - start
                path = out / f"page-{size}-{summary_above}.html"
                path.write_text(html, encoding="utf-8")
                summary = graph.number_of_nodes() > summary_above
                figures = measure(browser, path, summary)
                shown = ", ".join(
                    f"{name} {value:.0f}" + ("" if name == "drawn nodes" else " ms")
                    for name, value in figures.items()
                )
                print(
                    f"{graph.number_of_nodes():>6} entities {graph.number_of_edges():>6} relations"
                    f" ({'summary' if summary else 'whole'}): page made in {made:.1f} s, "
                    f"{len(html.encode()) / 1e6:.1f} MB; {shown}",
                    flush=True,
                )
            browser.close()


if __name__ == "__main__":
    main()
