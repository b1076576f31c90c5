"""The report's pictures, drawn with matplotlib's object API on the Agg canvas (no
pyplot, no display, no global style changed) and returned as PNG bytes.

Chinese labels need a font with CJK glyphs: ``cjk_font`` asks fontconfig for one
and registers it with matplotlib; without one, the pictures are still drawn (the
labels then show as boxes) and the caller is told once.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache

import networkx as nx
from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from kg.analysis import DistrictCounts, Month
from kg.page.data import load_style
from kg.report.content import DEFAULT_LANG, Words, load_words

LAYOUT_SEED = 7  # the network picture is laid out the same on every run


@cache
def type_colours() -> dict[str, str]:
    """Each entity type's colour on the graph page (kg/page/style.toml): a type looks
    the same in the report's pictures as on the page."""
    return {kind: style["color"] for kind, style in load_style()["types"].items()}


@cache
def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs (fontconfig's choice
    for sans-serif Chinese), registered with matplotlib; None when there is none."""
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(
        ["fc-list", "-f", "%{file}\\n", ":lang=zh"], capture_output=True, text=True, check=False
    ).stdout
    files = sorted(line.strip() for line in listed.splitlines() if line.strip())
    if not files:
        return None
    preferred = subprocess.run(
        ["fc-match", "-f", "%{file}", "sans-serif:lang=zh"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    path = preferred if preferred in files else files[0]
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


@contextmanager
def _style() -> Iterator[None]:
    family = cjk_font()
    with rc_context({"font.family": [family, "sans-serif"] if family else ["sans-serif"]}):
        if family:
            yield
            return
        with warnings.catch_warnings():
            # One warning for the missing font is enough, not one per missing glyph.
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            yield


def png(figure: Figure) -> bytes:
    """The figure drawn as PNG on the Agg canvas (in the report's font)."""
    out = io.BytesIO()
    with _style():
        FigureCanvasAgg(figure).print_png(out)
    return out.getvalue()


def district_chart(
    rows: Sequence[DistrictCounts], labels: dict[str, str], words: Words | None = None
) -> Figure:
    """Horizontal bars per district: facilities, initiatives held, initiatives
    organised; ``labels`` names each district (e.g. by its path)."""
    text = (words or load_words(DEFAULT_LANG)).text
    series = (
        (text["chart_facilities"], "#ff7f0e", [len(r.facilities) for r in rows]),
        (text["chart_held"], "#9467bd", [len(r.initiatives_held) for r in rows]),
        (text["chart_organised"], "#c5b0d5", [len(r.initiatives_organised) for r in rows]),
    )
    with _style():
        figure = Figure(figsize=(8, 1.2 + 0.45 * len(rows)), layout="constrained")
        axes = figure.add_subplot()
        height = 0.8 / len(series)
        for i, (label, colour, values) in enumerate(series):
            positions = [y + (i - 1) * height for y in range(len(rows))]
            axes.barh(positions, values, height=height, color=colour, label=label)
        axes.set_yticks(range(len(rows)), [labels[r.district] for r in rows])
        axes.invert_yaxis()
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.set_xlabel(text["chart_count"])
        axes.legend(loc="lower right")
    return figure


def timeline_chart(months: Sequence[Month], words: Words | None = None) -> Figure:
    """Articles per month (bars, above) and entities first seen and relations read
    per month (lines, below)."""
    text = (words or load_words(DEFAULT_LANG)).text
    names = [m.month for m in months]
    with _style():
        figure = Figure(figsize=(8, 5), layout="constrained")
        above, below = figure.subplots(2, 1, sharex=True, height_ratios=(1, 2))
        above.bar(names, [len(m.articles) for m in months], color="#7f7f7f")
        above.set_ylabel(text["chart_articles"])
        above.yaxis.get_major_locator().set_params(integer=True)
        below.plot(
            names, [len(m.new_entities) for m in months], marker="o", label=text["chart_new"]
        )
        below.plot(
            names, [len(m.relations) for m in months], marker="s", label=text["chart_relations"]
        )
        below.set_ylabel(text["chart_per_month"])
        below.legend(loc="upper left")
        below.tick_params(axis="x", labelrotation=45)
    return figure


def _layout(network: nx.Graph) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own (seeded spring layout) in a cell
    of a grid, largest first: separate groups neither drift apart nor overlap."""
    components = sorted(
        (sorted(c) for c in nx.connected_components(network)), key=lambda c: (-len(c), c)
    )
    columns = math.ceil(math.sqrt(len(components)))
    position = {}
    for i, nodes in enumerate(components):
        row, column = divmod(i, columns)
        laid = nx.spring_layout(network.subgraph(nodes), seed=LAYOUT_SEED, center=(0, 0))
        for node, (x, y) in laid.items():
            position[node] = (column * 3.5 + float(x), -row * 3.5 + float(y))
    return position


def network_chart(network: nx.Graph, words: Words | None = None) -> Figure:
    """Nodes (coloured by ``type``, labelled by ``name``) and edges (width by
    ``weight``) of a small network, laid out by a seeded spring layout."""
    labels = (words or load_words(DEFAULT_LANG)).labels
    with _style():
        figure = Figure(figsize=(10, 8), layout="constrained")
        axes = figure.add_subplot()
        axes.set_axis_off()
        if network.number_of_nodes() == 0:
            return figure
        position = _layout(network)
        segments = [(position[u], position[v]) for u, v in network.edges()]
        widths = [1 + 1.5 * (w - 1) for _, _, w in network.edges(data="weight", default=1)]
        axes.add_collection(LineCollection(segments, linewidths=widths, colors="#bbbbbb"))
        nodes = list(network)
        axes.scatter(
            [position[n][0] for n in nodes],
            [position[n][1] for n in nodes],
            s=120,
            c=[type_colours().get(network.nodes[n].get("type", ""), "#333333") for n in nodes],
            zorder=2,
        )
        for n in nodes:
            x, y = position[n]
            axes.annotate(
                network.nodes[n].get("name", n),
                (x, y),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )
        shown = sorted({network.nodes[n].get("type", "") for n in nodes})
        for kind in shown:
            axes.scatter(
                [], [], s=60, c=type_colours().get(kind, "#333333"), label=labels.get(kind, kind)
            )
        figure.legend(loc="outside upper center", ncols=len(shown), frameon=False)
        axes.margins(0.12)
    return figure
