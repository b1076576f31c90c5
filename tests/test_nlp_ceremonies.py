"""A ceremony and the programme it opens: both are events, and whoever holds the
ceremony runs the programme. Tables of sentences written for the tests."""

from __future__ import annotations

import pytest

ENTITIES_FOUND = [
    # the ceremony by its head, and the programme its name opens with
    (
        "东湖区总工会举行东湖区第三届职工技能大赛启动仪式。",
        ("Initiative", "东湖区第三届职工技能大赛启动仪式"),
    ),
    (
        "东湖区总工会举行东湖区第三届职工技能大赛启动仪式。",
        ("Initiative", "东湖区第三届职工技能大赛"),
    ),
    # a quoted programme name opening the ceremony's name, after its organiser
    (
        "南桥区总工会“春风暖心”关爱新业态劳动者行动启动仪式在南桥广场举行。",
        ("Initiative", "春风暖心关爱新业态劳动者行动启动仪式"),
    ),
    (
        "南桥区总工会“春风暖心”关爱新业态劳动者行动启动仪式在南桥广场举行。",
        ("Initiative", "春风暖心关爱新业态劳动者行动"),
    ),
    # a ceremony joined by 暨 to another event takes the whole quoted name before it
    (
        "市总工会举办“安全你我他”职工安全健康行动启动仪式暨首场宣讲活动。",
        ("Initiative", "安全你我他职工安全健康行动启动仪式暨首场宣讲活动"),
    ),
    # a verb that ends names may say what kind of event follows it
    ("东湖区总工会共同开展新春慰问活动。", ("Initiative", "新春慰问活动")),
]

ENTITIES_NOT_FOUND = [
    # …but alone it names none
    ("东湖区总工会开展慰问活动。", ("Initiative", "慰问活动")),
    # a count of occasions is a class of events, not one's name
    ("区总工会陆续举办了多场青年交友联谊活动。", ("Initiative", "多场青年交友联谊活动")),
    ("区总工会陆续举办了多场青年交友联谊活动。", ("Initiative", "青年交友联谊活动")),
    # a quotation inside a longer name does not open a ceremony's name
    ("区总工会举办外来务工人员免费“乐享”体检活动启动仪式。", ("Initiative", "乐享")),
    # a site built at a ceremony is no programme of its name
    ("街道工会举行“暖心屋”建设启动仪式。", ("Initiative", "暖心屋")),
]

TRIPLES_FOUND = [
    (
        "东湖区总工会举行东湖区第三届职工技能大赛启动仪式。",
        ("东湖区总工会", "organizes", "东湖区第三届职工技能大赛启动仪式"),
    ),
    (
        "东湖区总工会举行东湖区第三届职工技能大赛启动仪式。",
        ("东湖区总工会", "organizes", "东湖区第三届职工技能大赛"),
    ),
    (
        "东湖区第三届职工技能大赛启动仪式在东湖科技园举行。",
        ("东湖区第三届职工技能大赛", "heldAt", "东湖科技园"),
    ),
    # …but it holds the ceremony; the body that hosts it (主办) runs the programme too
    (
        "由青山区总工会主办，青山区教科文卫体工会承办的“健康同行”职工健康行动启动仪式在青山医院举行。",
        ("青山区教科文卫体工会", "organizes", "健康同行职工健康行动启动仪式"),
    ),
    (
        "由青山区总工会主办，青山区教科文卫体工会承办的“健康同行”职工健康行动启动仪式在青山医院举行。",
        ("青山区总工会", "organizes", "健康同行职工健康行动"),
    ),
    # a union holds the session of its congress named after it
    (
        "东湖街道总工会四届二次会员代表大会召开。",
        ("东湖街道总工会", "organizes", "东湖街道总工会四届二次会员代表大会"),
    ),
    # whoever holds a site's opening runs the site
    ("东湖区总工会举办青湖职工驿站揭牌仪式。", ("东湖区总工会", "operates", "青湖职工驿站")),
    (
        "东湖区总工会举办东湖区外卖骑手暖心驿站揭牌暨骑行家园青湖站启动仪式。",
        ("东湖区总工会", "operates", "外卖骑手暖心驿站"),
    ),
]

TRIPLES_NOT_FOUND = [
    # a body that only undertakes the ceremony does not run the programme it opens…
    (
        "由青山区总工会主办，青山区教科文卫体工会承办的“健康同行”职工健康行动启动仪式在青山医院举行。",
        ("青山区教科文卫体工会", "organizes", "健康同行职工健康行动"),
    ),
    # a plaque awarded to a site is no opening of one's own
    ("东湖区总工会举办青湖职工驿站授牌仪式。", ("东湖区总工会", "operates", "青湖职工驿站")),
]


@pytest.mark.parametrize(("text", "expected"), ENTITIES_FOUND)
def test_finds_entity(extract, text: str, expected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert expected in entities


@pytest.mark.parametrize(("text", "unexpected"), ENTITIES_NOT_FOUND)
def test_does_not_find_entity(extract, text: str, unexpected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert unexpected not in entities


@pytest.mark.parametrize(("text", "expected"), TRIPLES_FOUND)
def test_finds_triple(extract, text: str, expected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert expected in triples


@pytest.mark.parametrize(("text", "unexpected"), TRIPLES_NOT_FOUND)
def test_does_not_find_triple(extract, text: str, unexpected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert unexpected not in triples
