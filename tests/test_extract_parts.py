"""Parts of bodies and programmes, and the bodies people hold posts in: (text, expected)
tables on sentences written for the tests."""

from __future__ import annotations

import pytest

FOUND = [
    # a sector's union, alone or national
    ("由教育工会女职工委员会主办。", ("Union", "教育工会")),
    ("出席的有中国金融工会一级巡视员周明。", ("Union", "中国金融工会")),
    # a contest named after the larger one it is held in: both are named
    (
        "2024年海淀区职工职业技能大赛焊工技能竞赛在园区举行。",
        ("Initiative", "海淀区职工职业技能大赛"),
    ),
]

NOT_FOUND = [
    # a sector's word before 工会 with other words is no sector's union
    ("积极教育工会会员参加活动。", ("Union", "教育工会")),
    # a body named by its task alone with no full name in the article is dropped
    ("教育局副局长王芳讲话。", ("Organization", "教育局")),
]

TRIPLES = [
    # a subsidiary named after its group, where the article names the group too
    (
        "武汉市总工会与中建二局一同揭牌。中建二局总承包公司承建。",
        ("中建二局总承包公司", "partOf", "中建二局"),
    ),
    (
        "大兴区总工会与京能集团签约。京能集团物业公司负责运营。",
        ("京能集团物业公司", "partOf", "京能集团"),
    ),
    # a committee of a sector's union
    ("由教育工会女职工委员会主办。", ("教育工会女职工委员会", "partOf", "教育工会")),
    # a contest held within a larger contest
    (
        "2024年海淀区职工职业技能大赛焊工技能竞赛在园区举行。",
        ("海淀区职工职业技能大赛焊工技能竞赛", "partOf", "海淀区职工职业技能大赛"),
    ),
    # a sub-district's office by its short form (街道办) is the office the article names
    (
        "活动由延庆区香水园街道办事处主办。香水园街道办主任王立新出席。",
        ("王立新", "memberOf", "延庆区香水园街道办事处"),
    ),
    # a bureau by its task alone is the article's bureau of that task
    (
        "昌平区教育局召开会议。教育局副局长王芳、教育工会副主席李明颁奖。",
        ("王芳", "memberOf", "昌平区教育局"),
    ),
    (
        "昌平区教育局召开会议。教育局副局长王芳、教育工会副主席李明颁奖。",
        ("李明", "memberOf", "教育工会"),
    ),
    ("出席的有中国金融工会一级巡视员周明。", ("周明", "memberOf", "中国金融工会")),
]

NOT_TRIPLES = [
    # a company's full registered name adds only its legal form, or is its own name
    (
        "北京城建集团与北京城建集团有限责任公司签约。",
        ("北京城建集团有限责任公司", "partOf", "北京城建集团"),
    ),
    (
        "华源集团向华源集团实业有限公司捐款。",
        ("华源集团实业有限公司", "partOf", "华源集团"),
    ),
    # a part's part belongs to the nearest body its name holds, not the outermost
    (
        "中国建设银行与中国建设银行丰台支行营业部签约。",
        ("中国建设银行丰台支行营业部", "partOf", "中国建设银行"),
    ),
    # a contest named after a ceremony's programme is no part of the ceremony
    (
        "2024年海淀区职工职业技能大赛启动仪式在园区举行。",
        ("海淀区职工职业技能大赛启动仪式", "partOf", "海淀区职工职业技能大赛"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_finds(extract, text: str, expected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert expected in entities


@pytest.mark.parametrize(("text", "unexpected"), NOT_FOUND)
def test_does_not_find(extract, text: str, unexpected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert unexpected not in entities


@pytest.mark.parametrize(("text", "expected"), TRIPLES)
def test_relates(extract, text: str, expected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert expected in triples


@pytest.mark.parametrize(("text", "unexpected"), NOT_TRIPLES)
def test_does_not_relate(extract, text: str, unexpected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert unexpected not in triples
