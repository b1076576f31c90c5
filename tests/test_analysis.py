"""kg.analysis: each function on a small hand-made graph whose answers can be read off
the fixture, then on the demo graph against the named SPARQL queries."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pytest

from kg.analysis import (
    centrality_by_type,
    co_organisers,
    communities,
    monthly_counts,
    most_active,
    per_district,
    undirected,
    worker_groups_served,
)
from kg.graph.query import named_queries, run_query
from tests.conftest import network_of

# name: (type, parent district or None, articles mentioning it)
ENTITIES: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "北京市": ("District", None, ()),
    "朝阳区": ("District", "北京市", ("a1",)),
    "望京街道": ("District", "朝阳区", ("a1",)),
    "海淀区": ("District", "北京市", ("a2",)),
    "玉渊潭公园": ("Place", None, ("a2",)),
    "朝阳区总工会": ("Union", None, ("a1", "a2")),
    "北京市总工会": ("Union", None, ("a2", "a3")),
    "望京物业公司": ("Organization", None, ("a3",)),
    "望京驿站": ("Facility", None, ("a1",)),
    "海淀职工之家": ("Facility", None, ("a2",)),
    "夏送清凉": ("Initiative", None, ("a2",)),
    "技能大赛": ("Initiative", None, ("a2",)),
    "快递员": ("WorkerGroup", None, ("a1",)),
    "环卫工人": ("WorkerGroup", None, ("a1",)),
    "张三": ("Person", None, ("a1",)),
}

# (subject, relation, object, articles the relation was read in)
RELATIONS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("朝阳区", "locatedIn", "北京市", ("a1",)),
    ("望京街道", "locatedIn", "朝阳区", ("a1",)),
    ("玉渊潭公园", "locatedIn", "海淀区", ("a2",)),
    ("朝阳区总工会", "locatedIn", "朝阳区", ("a1",)),
    ("北京市总工会", "locatedIn", "北京市", ("a2",)),
    ("望京物业公司", "locatedIn", "望京街道", ("a3",)),
    ("望京驿站", "locatedIn", "望京街道", ("a1",)),
    ("海淀职工之家", "locatedIn", "玉渊潭公园", ("a2",)),
    ("朝阳区总工会", "operates", "望京驿站", ("a1",)),
    ("望京物业公司", "operates", "望京驿站", ("a3",)),
    ("朝阳区总工会", "operates", "海淀职工之家", ("a2",)),
    ("朝阳区总工会", "organizes", "夏送清凉", ("a2",)),
    ("北京市总工会", "organizes", "夏送清凉", ("a2",)),
    ("望京物业公司", "organizes", "夏送清凉", ("a3",)),
    ("朝阳区总工会", "organizes", "技能大赛", ("a2",)),
    ("北京市总工会", "organizes", "技能大赛", ("a2", "a3")),
    ("夏送清凉", "heldAt", "玉渊潭公园", ("a2",)),
    ("夏送清凉", "serves", "快递员", ("a2",)),
    ("望京驿站", "serves", "快递员", ("a1",)),
    ("望京驿站", "serves", "环卫工人", ("a1",)),
    ("张三", "memberOf", "朝阳区总工会", ("a1",)),
]

# a3 has no date: it counts for no month.
ARTICLES = {"a1": "2025-01-15", "a2": "2025-03-02", "a3": None}


def make_graph(
    entities: dict[str, tuple[str, str | None, tuple[str, ...]]],
    relations: Iterable[tuple[str, str, str, tuple[str, ...]]],
    articles: dict[str, str | None],
) -> nx.MultiDiGraph:
    """A graph shaped as to_networkx makes it, with names as node keys."""
    graph = nx.MultiDiGraph()
    graph.graph["articles"] = {
        a: {"headline": a, "date": date, "source": f"{a}.txt", "url": None}
        for a, date in articles.items()
    }
    paths: dict[str, str] = {}
    for name, (kind, parent, mentioned_in) in entities.items():
        attributes: dict = {"name": name, "type": kind, "aliases": [], "articles": [*mentioned_in]}
        if kind == "District":
            paths[name] = f"{paths[parent]}/{name}" if parent else name
            level = ("province", "county", "town")[paths[name].count("/")]
            attributes.update(code="", level=level, path=paths[name], lat=None, lon=None)
            attributes["parent"] = parent
        graph.add_node(name, **attributes)
    for subject, relation, obj, read_in in relations:
        evidence = [
            {"sentence": "…", "start": 0, "end": 1, "rule": "r", "article": a} for a in read_in
        ]
        graph.add_edge(subject, obj, key=relation, relation=relation, evidence=evidence)
    return graph


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return make_graph(ENTITIES, RELATIONS, ARTICLES)


def test_most_active_counts_initiatives_organised_and_facilities_operated(
    graph: nx.MultiDiGraph,
) -> None:
    rows = [(a.entity, a.initiatives, a.facilities, len(a.articles)) for a in most_active(graph)]
    assert rows == [
        ("朝阳区总工会", ("夏送清凉", "技能大赛"), ("望京驿站", "海淀职工之家"), 2),
        # Two things each: more articles first.
        ("北京市总工会", ("夏送清凉", "技能大赛"), (), 2),
        ("望京物业公司", ("夏送清凉",), ("望京驿站",), 1),
    ]
    assert [a.entity for a in most_active(graph, types=("Organization",))] == ["望京物业公司"]
    assert len(most_active(graph, top=1)) == 1


@pytest.mark.parametrize(
    ("district", "facilities", "held", "organised"),
    [
        # Everything rolls up to the top of the parent chain.
        ("北京市", ["望京驿站", "海淀职工之家"], ["夏送清凉"], ["夏送清凉", "技能大赛"]),
        # The union of 朝阳区 organises both; nothing is held there.
        ("朝阳区", ["望京驿站"], [], ["夏送清凉", "技能大赛"]),
        # The company of 望京街道 co-organises one initiative.
        ("望京街道", ["望京驿站"], [], ["夏送清凉"]),
        # Through the park: the facility lies in it, the initiative is held there.
        ("海淀区", ["海淀职工之家"], ["夏送清凉"], []),
    ],
)
def test_per_district_follows_places_and_the_parent_chain(
    graph: nx.MultiDiGraph,
    district: str,
    facilities: list[str],
    held: list[str],
    organised: list[str],
) -> None:
    rows = {row.district: row for row in per_district(graph)}
    assert (
        rows[district].facilities,
        rows[district].initiatives_held,
        rows[district].initiatives_organised,
    ) == (facilities, held, organised)


def test_per_district_lists_districts_in_path_order(graph: nx.MultiDiGraph) -> None:
    assert [row.district for row in per_district(graph)] == [
        "北京市",
        "朝阳区",
        "望京街道",
        "海淀区",
    ]


def test_co_organisers_are_weighted_by_shared_initiatives(graph: nx.MultiDiGraph) -> None:
    network = co_organisers(graph)
    edges = {
        frozenset((u, v)): (d["weight"], d["initiatives"]) for u, v, d in network.edges(data=True)
    }
    assert edges == {
        frozenset(("朝阳区总工会", "北京市总工会")): (2, ["夏送清凉", "技能大赛"]),
        frozenset(("朝阳区总工会", "望京物业公司")): (1, ["夏送清凉"]),
        frozenset(("北京市总工会", "望京物业公司")): (1, ["夏送清凉"]),
    }
    assert network.nodes["望京物业公司"] == {"name": "望京物业公司", "type": "Organization"}


@pytest.mark.parametrize(
    ("worker_group", "served_by", "providers"),
    [
        ("快递员", "夏送清凉", ("北京市总工会", "朝阳区总工会", "望京物业公司")),
        ("快递员", "望京驿站", ("朝阳区总工会", "望京物业公司")),
        ("环卫工人", "望京驿站", ("朝阳区总工会", "望京物业公司")),
    ],
)
def test_worker_groups_served_name_who_is_behind(
    graph: nx.MultiDiGraph, worker_group: str, served_by: str, providers: tuple[str, ...]
) -> None:
    services = {(s.worker_group, s.served_by): s.providers for s in worker_groups_served(graph)}
    assert services[worker_group, served_by] == tuple(sorted(providers))


def test_worker_groups_served_are_ordered_by_group_then_server(graph: nx.MultiDiGraph) -> None:
    assert [(s.worker_group, s.served_by) for s in worker_groups_served(graph)] == [
        ("快递员", "夏送清凉"),
        ("快递员", "望京驿站"),
        ("环卫工人", "望京驿站"),
    ]


@pytest.mark.parametrize(
    ("month", "articles", "new_entities", "relations"),
    [
        (
            "2025-01",
            ["a1"],
            ["张三", "快递员", "望京街道", "望京驿站", "朝阳区", "朝阳区总工会", "环卫工人"],
            8,
        ),
        # A month without articles is there, empty.
        ("2025-02", [], [], 0),
        # 朝阳区总工会 was first seen in January; a3 (undated) counts nowhere.
        (
            "2025-03",
            ["a2"],
            ["北京市总工会", "夏送清凉", "技能大赛", "海淀区", "海淀职工之家", "玉渊潭公园"],
            10,
        ),
    ],
)
def test_monthly_counts(
    graph: nx.MultiDiGraph, month: str, articles: list[str], new_entities: list[str], relations: int
) -> None:
    months = {m.month: m for m in monthly_counts(graph)}
    assert list(months) == ["2025-01", "2025-02", "2025-03"]
    assert months[month].articles == articles
    assert months[month].new_entities == sorted(new_entities)
    assert len(months[month].relations) == relations


def test_monthly_counts_of_a_graph_without_dates_are_empty() -> None:
    assert monthly_counts(make_graph({}, [], {"a": None})) == []


def test_undirected_counts_relations_between_a_pair_either_way() -> None:
    entities = {
        "怀柔区": ("District", None, ()),
        "雁栖驿站": ("Facility", None, ()),
    }
    relations = [
        ("雁栖驿站", "locatedIn", "怀柔区", ()),
        ("怀柔区", "operates", "雁栖驿站", ()),
    ]
    simple = undirected(make_graph(entities, relations, {}))
    assert list(simple.edges(data="weight")) == [("怀柔区", "雁栖驿站", 2)]


def test_centrality_by_type_ranks_the_bridges() -> None:
    # 大兴区 - 大兴区总工会 - 技能大赛 - 某公司: the two in the middle carry every path
    # between the ends (2 of the 3 pairs they are not in, normalised by 3 pairs: 2/3).
    entities = {
        "大兴区": ("District", None, ()),
        "大兴区总工会": ("Union", None, ()),
        "技能大赛": ("Initiative", None, ()),
        "某公司工会": ("Union", None, ()),
    }
    relations = [
        ("大兴区总工会", "locatedIn", "大兴区", ()),
        ("大兴区总工会", "organizes", "技能大赛", ()),
        ("某公司工会", "organizes", "技能大赛", ()),
    ]
    ranked = centrality_by_type(make_graph(entities, relations, {}))
    assert list(ranked) == ["District", "Initiative", "Union"]
    unions = [(c.entity, c.degree, round(c.betweenness, 3)) for c in ranked["Union"]]
    assert unions == [("大兴区总工会", 2, 0.667), ("某公司工会", 1, 0.0)]
    assert round(ranked["Initiative"][0].betweenness, 3) == 0.667
    assert len(centrality_by_type(make_graph(entities, relations, {}), top=1)["Union"]) == 1


def test_communities_split_two_groups_joined_by_one_relation() -> None:
    groups = (["甲1", "甲2", "甲3", "甲4"], ["乙1", "乙2", "乙3", "乙4"])
    entities = {name: ("Union", None, ()) for group in groups for name in group}
    relations = [
        (a, "partOf", b, ())
        for group in groups
        for i, a in enumerate(group)
        for b in group[i + 1 :]
    ]
    graph = make_graph(entities, [*relations, ("甲1", "partOf", "乙1", ())], {})
    found = communities(graph)
    assert found == [set(groups[1]), set(groups[0])]  # equal sizes: by smallest member
    assert communities(graph) == found


# The demo graph: the analysis and the named queries answer the same.


@pytest.fixture(scope="module")
def demo(demo_built: Path) -> nx.MultiDiGraph:
    return network_of(demo_built)


def _named(store: Path, name: str) -> list[tuple[str | None, ...]]:
    rows = run_query(store, named_queries()[name].text).rows
    return [tuple(None if v is None else str(v) for v in row) for row in rows]


def test_most_active_agrees_with_its_query(demo: nx.MultiDiGraph, demo_store: Path) -> None:
    expected = {
        (organiser, int(initiatives), int(facilities), int(articles))
        for organiser, _, _, initiatives, facilities, articles in _named(
            demo_store, "most-active-organisers"
        )
    }
    found = {
        (a.entity, len(a.initiatives), len(a.facilities), len(a.articles))
        for a in most_active(demo)
    }
    assert len(found) > 10
    assert found == expected


def test_per_district_agrees_with_its_query(demo: nx.MultiDiGraph, demo_store: Path) -> None:
    expected = {  # a name per entity counted: the list is as long as the count
        (district, count, int(number), tuple(sorted(names.split("、"))))
        for district, _, _, count, number, names in _named(
            demo_store, "facilities-and-initiatives-per-district"
        )
    }
    found = set()
    for row in per_district(demo):
        for count, entities in (
            ("facilities", row.facilities),
            ("held", row.initiatives_held),
            ("organised", row.initiatives_organised),
        ):
            if entities:
                names = tuple(sorted(demo.nodes[e]["name"] for e in entities))
                found.add((row.district, count, len(entities), names))
    assert len(found) > 20
    assert found == expected


def test_co_organisers_agree_with_their_query(demo: nx.MultiDiGraph, demo_store: Path) -> None:
    expected = {
        (frozenset((a, b)), int(shared))
        for a, _, b, _, shared, _ in _named(demo_store, "co-organisers")
    }
    network = co_organisers(demo)
    assert network.number_of_edges() > 10
    assert {(frozenset((u, v)), w) for u, v, w in network.edges(data="weight")} == expected


def test_worker_groups_served_agree_with_their_query(
    demo: nx.MultiDiGraph, demo_store: Path
) -> None:
    expected = {
        (group, server, frozenset(filter(None, providers.split("、"))))
        for group, _, server, _, _, providers in _named(demo_store, "worker-groups-served")
    }
    found = {
        (s.worker_group, s.served_by, frozenset(demo.nodes[p]["name"] for p in s.providers))
        for s in worker_groups_served(demo)
    }
    assert len(found) > 10
    assert found == expected


def test_monthly_counts_agree_with_their_query(demo: nx.MultiDiGraph, demo_store: Path) -> None:
    expected = {
        month: (int(articles), int(new), int(relations))
        for month, articles, new, relations in _named(demo_store, "activity-per-month")
    }
    found = {
        m.month: (len(m.articles), len(m.new_entities), len(m.relations))
        for m in monthly_counts(demo)
        if m.articles
    }
    assert len(found) > 3
    assert found == expected
    assert sum(articles for articles, _, _ in found.values()) == len(demo.graph["articles"])


def test_centrality_covers_every_entity_once(demo: nx.MultiDiGraph, demo_store: Path) -> None:
    ranked = centrality_by_type(demo)
    counts = {
        what.rsplit("#", 1)[1]: int(count)
        for what, count in _named(demo_store, "entities-per-type")
    }
    assert {kind: len(rows) for kind, rows in ranked.items()} == {
        kind: count for kind, count in counts.items() if kind in ranked
    }
    assert sum(len(c) for c in communities(demo)) == demo.number_of_nodes()
