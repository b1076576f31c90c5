"""Who organizes a programme: (text, triple) tables on sentences written for the tests,
for organisers named away from the programme's name (a date, a partner, a venue, a
comma or the programme itself between them)."""

from __future__ import annotations

import pytest

FOUND = [
    # a partner named after a date, a visit before the verb
    (
        "青山区总工会6月12日联合青山区妇联走进和平街道开展“巾帼心向党”活动。",
        ("青山区妇联", "organizes", "巾帼心向党"),
    ),
    # partners closed by 等单位 and a comma before the shared verb
    (
        "青山区总工会联合青山区司法局等单位，共同举办了“法律进工地”宣传活动。",
        ("青山区司法局", "organizes", "法律进工地"),
    ),
    # 联合 closing the partners, then the venue
    (
        "青山区总工会7月2日与青山区卫生健康委员会联合，在青山区中心医院举行了“清凉一夏”义诊活动。",
        ("青山区卫生健康委员会", "organizes", "清凉一夏义诊活动"),
    ),
    # several venues in turn before the verb; the body is the clause's topic
    (
        "和平街道总工会整合辖区资源，每月轮流在和平驿站、友谊驿站、团结驿站巡回举办“暖心午餐”活动。",
        ("和平街道总工会", "organizes", "暖心午餐"),
    ),
    # the organiser after the programme, with the venue between
    (
        "青山区第三届职工运动会开幕。本届运动会由青山区总工会在青山体育馆举办。",
        ("青山区总工会", "organizes", "青山区第三届职工运动会"),
    ),
    # two verbs after the organisers
    (
        "青山区职工健康月活动启动。本次活动由青山区总工会联合青山区中心医院共同组织实施。",
        ("青山区中心医院", "organizes", "青山区职工健康月活动"),
    ),
    # venues given with their other names in brackets
    (
        "和平街道总工会整合辖区资源，每月轮流在和平驿站（和平书屋）、友谊驿站巡回举办“暖心午餐”活动。",
        ("和平街道总工会", "organizes", "暖心午餐"),
    ),
    # the bodies with their roles before the programme, without 由
    (
        "8月1日，青山区总工会、青山区文化馆联合主办，青山区职工书画协会承办的“劳动最美”主题活动开幕。",
        ("青山区文化馆", "organizes", "劳动最美"),
    ),
    # a body after 在 that runs what the clause names
    (
        "在青山区总工会开办的“阳光心语”课堂上，职工们学习了减压方法。",
        ("青山区总工会", "organizes", "阳光心语课堂"),
    ),
    # the programme first, its organiser after 是, a date and a scope between
    (
        "“悦读青山”读书活动是青山区总工会今年4月面向全区启动的。",
        ("青山区总工会", "organizes", "悦读青山读书活动"),
    ),
    # the programme put first with 把
    (
        "青山区总工会表示，将把“金秋助学”活动常态化开展下去。",
        ("青山区总工会", "organizes", "金秋助学"),
    ),
    # a policy document issued by the body
    (
        "近日，青山区总工会印发《关于做好职工疗休养工作的通知》。",
        ("青山区总工会", "organizes", "关于做好职工疗休养工作的通知"),
    ),
]

NOT_FOUND = [
    # the bodies that build a site do not organize the ceremony named before it
    (
        "青山工匠学院揭牌仪式在青山区举行。青山工匠学院由青山区总工会与青山区职业学校共同建设。",
        ("青山区职业学校", "organizes", "青山工匠学院揭牌仪式"),
    ),
    # the subdistrict the bodies go to is where, not who
    (
        "青山区总工会6月12日联合青山区妇联走进和平街道开展“巾帼心向党”活动。",
        ("和平街道", "organizes", "巾帼心向党"),
    ),
    # a province before the body is where it is, not a second organiser
    (
        "近日，湖北省青山区总工会与青山区卫生健康委员会联合，在青山区中心医院举行了“清凉一夏”义诊活动。",
        ("湖北省", "organizes", "清凉一夏义诊活动"),
    ),
    # the agent of a passive is not what the next clause is about
    (
        "“安康杯”竞赛于2020年启动，随后被青山区总工会列为重点项目，当年推出“安全月”活动。",
        ("青山区总工会", "organizes", "安全月"),
    ),
    # a verb of another clause before a division does not reach the programme after it
    (
        "青山区总工会主席表示，建设工匠学院是青山区推进“技能强区”行动的重要举措。",
        ("青山区总工会", "organizes", "技能强区行动"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_finds(extract, text: str, expected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert expected in triples


@pytest.mark.parametrize(("text", "unexpected"), NOT_FOUND)
def test_does_not_find(extract, text: str, unexpected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert unexpected not in triples
