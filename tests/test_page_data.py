"""The graph page's data and file, without a browser: escaping, districts, entity
lookup, `kg build` writing graph.html and `kg view`."""

from __future__ import annotations

import itertools
import json
import math
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.page import NoSuchEntity, find_entity, graph_page, neighbourhood, page_file_name
from kg.page.data import district_membership, page_data
from kg.page.layout import FORCE_LAYOUT_LIMIT
from kg.page.render import script_json
from tests.conftest import network_of

SEED_UNION = "大兴区总工会"


def add_daxing(graph: nx.MultiDiGraph, node: str) -> None:
    """大兴区 as to_networkx gives a district: for graphs made up in tests."""
    graph.add_node(
        node,
        name="大兴区",
        type="District",
        aliases=[],
        articles=[],
        code="110115",
        level="county",
        path="北京市/大兴区",
        lat=None,
        lon=None,
        parent=None,
    )


def _named(graph: nx.MultiDiGraph, name: str) -> str:
    (node,) = [n for n, value in graph.nodes(data="name") if value == name]
    return node


def test_json_for_a_script_element_has_no_markup_characters_and_reads_back() -> None:
    data = {"name": "</script><script>alert(1)</script>", "s": "<!-- & \u2028\u2029 '\""}
    text = script_json(data)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == data


def test_build_writes_a_self_contained_utf8_page(demo_built: Path) -> None:
    html = (demo_built / "graph.html").read_bytes().decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    # the data, vis-network and the page's script, all inline
    assert len(re.findall(r"^<script", html, re.M)) == 3
    assert not re.search(r"<(link|script)\b[^>]*\b(src|href)=", html)
    assert "sourceMappingURL" not in html


def test_districts_contain_what_is_located_in_them_and_in_their_parts(demo_built: Path) -> None:
    graph = network_of(demo_built)
    membership = district_membership(graph)
    names = {node: {graph.nodes[d]["name"] for d in ds} for node, ds in membership.items()}
    union = _named(graph, SEED_UNION)
    assert {"大兴区", "北京市"} <= names[union]
    for node, data in graph.nodes(data=True):
        if data["type"] == "District":
            assert data["name"] in names[node]
            if data.get("parent") in graph:
                assert graph.nodes[data["parent"]]["name"] in names[node]
        for _, target, relation in graph.out_edges(node, keys=True):
            if relation == "locatedIn":
                assert membership[target] <= membership[node]


def test_an_entity_is_found_by_name_iri_or_single_alias(demo_built: Path) -> None:
    graph = network_of(demo_built)
    union = _named(graph, SEED_UNION)
    assert find_entity(graph, SEED_UNION) == union
    assert find_entity(graph, union) == union
    aliases: dict[str, set[str]] = {}
    for node, values in graph.nodes(data="aliases"):
        for alias in values:
            aliases.setdefault(alias, set()).add(node)
    names = {name for _, name in graph.nodes(data="name")}
    single = next(a for a, ns in sorted(aliases.items()) if len(ns) == 1 and a not in names)
    assert find_entity(graph, single) in aliases[single]
    # An alias two entities share (区总工会 of two districts' unions, say) names neither;
    # made here, so that the test does not hang on what the demo's resolution merges.
    for node in sorted(graph.nodes)[:2]:
        graph.nodes[node]["aliases"] = [*graph.nodes[node]["aliases"], "两家共用的简称"]
    with pytest.raises(NoSuchEntity, match=r"names 2 entities"):
        find_entity(graph, "两家共用的简称")
    with pytest.raises(NoSuchEntity, match="no entity named"):
        find_entity(graph, "没有这个工会")


def test_a_neighbourhood_holds_the_entities_within_depth_either_way(demo_built: Path) -> None:
    graph = network_of(demo_built)
    union = _named(graph, SEED_UNION)
    one = neighbourhood(graph, union, 1)
    assert set(one) == {union} | set(graph.successors(union)) | set(graph.predecessors(union))
    assert one.graph["articles"] == graph.graph["articles"]
    assert set(neighbourhood(graph, union, 0)) == {union}
    assert set(one) <= set(neighbourhood(graph, union, 2))


def test_page_file_names_keep_chinese_and_drop_what_file_systems_refuse() -> None:
    assert page_file_name("大兴区总工会") == "view-大兴区总工会.html"
    assert page_file_name('a/b\\c:d*e?"f<g>h|i j') == "view-a_b_c_d_e_f_g_h_i_j.html"
    assert page_file_name("..") == "view-entity.html"


def test_kg_view_writes_a_page_centred_on_the_entity(
    demo_built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "view",
                SEED_UNION,
                "--depth",
                "1",
                "-o",
                str(demo_built),
                "--out",
                str(tmp_path / "v.html"),
            ]
        )
        == 0
    )
    html = (tmp_path / "v.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', html, re.S).group(1))
    graph = network_of(demo_built)
    union = _named(graph, SEED_UNION)
    assert data["entities"][data["focus"]]["iri"] == union
    assert len(data["entities"]) == len(neighbourhood(graph, union, 1))
    assert "kg view:" in capsys.readouterr().err


def test_kg_view_names_its_default_file_after_the_entity(demo_built: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    shutil.copytree(demo_built, out, symlinks=True)
    assert main(["view", SEED_UNION, "-o", str(out)]) == 0
    assert (out / page_file_name(SEED_UNION)).is_file()


def test_kg_view_of_an_unknown_entity_is_a_one_line_error(
    demo_built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "v.html"
    assert main(["view", "没有这个工会", "-o", str(demo_built), "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no entity named '没有这个工会'" in err
    assert not target.exists()
    assert main(["view", SEED_UNION, "--depth", "-1", "-o", str(demo_built)]) == 2
    assert main(["view", SEED_UNION, "-o", str(tmp_path / "none")]) == 2


def test_the_page_of_a_graph_without_relations_or_articles_renders() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("x", name="孤立工会", type="Union", aliases=[], articles=[])
    html = graph_page(graph, title="空")
    assert "孤立工会" in html


def test_a_component_too_large_for_the_force_layout_still_gets_its_own_places() -> None:
    graph = nx.MultiDiGraph()
    add_daxing(graph, "d")
    for k in range(FORCE_LAYOUT_LIMIT + 100):
        kind = ("Union", "Facility", "Organization")[k % 3]
        graph.add_node(f"n{k}", name=f"单位{k}", type=kind, aliases=[], articles=[])
        graph.add_edge(f"n{k}", "d", key="locatedIn", relation="locatedIn", evidence=[])
    data = page_data(graph, title="t")
    positions = [(node["x"], node["y"]) for node in data["visNodes"]]
    assert len(positions) == graph.number_of_nodes()
    closest = min(math.dist(a, b) for a, b in itertools.combinations(positions, 2))
    assert closest > 30  # no two nodes drawn on top of each other


def test_the_page_is_in_chinese_unless_asked_for_english(demo_built: Path) -> None:
    import tomllib

    from kg.cli import LANGUAGES

    for words in ("kg/page/words.toml", "kg/report/words.toml"):
        with (Path(__file__).resolve().parents[1] / words).open("rb") as file:
            assert tuple(tomllib.load(file)) == LANGUAGES
    graph = network_of(demo_built)
    chinese = graph_page(graph, title="图")
    english = graph_page(graph, title="graph", lang="en")
    assert '<html lang="zh-CN">' in chinese and "<h2>实体类型</h2>" in chinese
    assert '<html lang="en">' in english and "<h2>Entity types</h2>" in english
    english_data = page_data(graph, title="graph", lang="en")
    assert english_data["words"]["relations_count"] == "Relations ({n})"
    assert {t["label"] for t in english_data["types"]} >= {"trade union", "person"}
    # Only the page's own words change: the names and evidence are the articles'.
    chinese_data = page_data(graph, title="graph")
    assert english_data["entities"] == chinese_data["entities"]
    assert english_data["sentences"] == chinese_data["sentences"]
