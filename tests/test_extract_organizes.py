"""Who organizes a programme: (text, triple) tables on sentences written for the tests,
for organisers named away from the programme's name (a date, a partner, a venue, a
comma or the programme itself between them)."""

from __future__ import annotations

import pytest

FOUND = [
    # the event that a law in 《》 is the topic of is run
    (
        "青山区总工会开展《劳动合同法》宣传周活动。",
        ("青山区总工会", "organizes", "劳动合同法宣传周活动"),
    ),
    # the bodies that issue a card run it
    (
        "青山区职工普惠服务卡由青山区总工会与青山农商银行共同发行，供全区职工使用。",
        ("青山农商银行", "organizes", "青山区职工普惠服务卡"),
    ),
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
    # a later role's list with a member the text does not name
    (
        "10月8日下午，一场由青山区民政局主办，街道文化站、社区服务队联合承办的青山区第五届“劳动者之歌”文艺汇演在社区礼堂上演。",
        ("青山区民政局", "organizes", "青山区第五届劳动者之歌文艺汇演"),
    ),
    (
        "由青山区民政局主办，街道文化站、青山区文化馆联合承办的青山区第五届“劳动者之歌”文艺汇演在社区礼堂上演。",
        ("青山区文化馆", "organizes", "青山区第五届劳动者之歌文艺汇演"),
    ),
    # a ceremony held together with another event still opens its programme
    (
        "5月6日，由青山区总工会主办的“健康同行”青山工会职工义诊行动启动仪式暨首场义诊活动在青山医院举行。",
        ("青山区总工会", "organizes", "健康同行青山工会职工义诊行动"),
    ),
    # the event put first with 把, then where it is held
    (
        "近日，和平街道总工会把地区“爱心妈咪小屋”建设启动仪式放在和平百货举行。",
        ("和平街道总工会", "organizes", "爱心妈咪小屋建设启动仪式"),
    ),
    # the body whose deployment of a programme others carry out
    (
        "为把江西省总工会对今年“暖冬行动”的部署要求落到实处，南昌市总工会近期推出多项举措。",
        ("江西省总工会", "organizes", "暖冬行动"),
    ),
    # 构建, 搭建: a mechanism or platform built by the bodies named before
    (
        "日前，青山县人民法院、青山县总工会反复沟通，携手探索构建“法院+工会”劳动争议调解工作体系。",
        ("青山县人民法院", "organizes", "法院+工会劳动争议调解工作体系"),
    ),
    (
        "今年以来，青山区总工会搭建起“青工匠心”职工技能培训平台。",
        ("青山区总工会", "organizes", "青工匠心职工技能培训平台"),
    ),
    # the event named right before 由, not the place the sentence opens with; the
    # partners joined with 联合 and 、
    (
        "青石文创园的书吧里，“青春有约”职工交友活动正在举行，活动由和平街道总工会联合街道团工委、妇联举办。",
        ("妇联", "organizes", "青春有约职工交友活动"),
    ),
    # a body named by its level word alongside the union
    (
        "1月20日，丰台区总工会和区创城办共同开展“小年送福”慰问活动。",
        ("区创城办", "organizes", "小年送福慰问活动"),
    ),
    # an event's theme stands for the event named before it: the activity referred to
    # later is the event
    (
        "9月2日，东湖区职工技能大赛推进会在甲乙公司东湖花园项目召开，"
        "会议主题为“匠心筑梦 技能报国”。"
        "会上交流了经验。此次活动的主办方为东湖区总工会。",
        ("东湖区总工会", "organizes", "东湖区职工技能大赛推进会"),
    ),
    # a member the recogniser missed right after 联合, and a remark in brackets after
    # a body, do not break the list for the bodies after them
    (
        "5月1日，东城街道总工会联合甲乙象鲜工会、东城街道综合治理办(交通安全)、"
        "东城社区工联会举办了职工趣味运动会。",
        ("东城社区工联会", "organizes", "职工趣味运动会"),
    ),
    (
        "5月1日，东城街道总工会联合甲乙象鲜工会、东城街道综合治理办(交通安全)、"
        "东城社区工联会举办了职工趣味运动会。",
        ("东城街道综合治理办", "organizes", "职工趣味运动会"),
    ),
    # a province sharing the union's head with the next division: the union organizes
    (
        "创办农民工学校，是江西省、南昌市总工会在开展农民工维权行动的过程中为农民工做的又一件实事。",
        ("南昌市总工会", "organizes", "农民工维权行动"),
    ),
    # a list member the recogniser missed does not break the list for the others
    (
        "“邻里节”活动在东城社区举办。本次活动由东城区总工会、甲乙街道工会委员会、"
        "东城社区党总支、社区居委会、工会联合会主办。",
        ("东城区总工会", "organizes", "邻里节"),
    ),
    (
        "东城区总工会、某某商家联盟、西城区总工会等联合举办了“邻里一家亲”主题活动。",
        ("东城区总工会", "organizes", "邻里一家亲"),
    ),
    # ...nor does an outer division before the one that acts (硚口区|某街道)
    (
        "4月23日下午，东城区东华门街道举办“邻里节”活动。",
        ("东华门街道", "organizes", "邻里节"),
    ),
]

NOT_FOUND = [
    # a body that only guides the event, named first after 由, does not run it
    (
        "由北京市总工会指导，密云区总工会主办，密云区体育局协办的2025年密云区职工健步走活动开幕。",
        ("北京市总工会", "organizes", "密云区职工健步走活动"),
    ),
    # a law is no programme run: the event named after it is
    ("青山区开展《劳动合同法》宣传周活动。", ("青山区", "organizes", "劳动合同法")),
    # the division that only places the subdistrict after it does not organise
    (
        "4月23日下午，东城区东华门街道举办“邻里节”活动。",
        ("东城区", "organizes", "邻里节"),
    ),
    # a list cut by a sentence's comma joins no one to the other clause's verb
    (
        "东城区总工会、职工代表、甲乙公司负责人出席，西城区总工会举办了“邻里节”活动。",
        ("东城区总工会", "organizes", "邻里节"),
    ),
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
    # a province sharing the union's head with the next division is no organiser
    (
        "创办农民工学校，是江西省、南昌市总工会在开展农民工维权行动的过程中为农民工做的又一件实事。",
        ("江西省", "organizes", "农民工维权行动"),
    ),
    # the place the sentence opens with is not what the bodies after 由 run
    (
        "青石文创园的书吧里，“青春有约”职工交友活动正在举行，活动由和平街道总工会联合街道团工委、妇联举办。",
        ("妇联", "operates", "青石文创园"),
    ),
    # ...and is no activity of its own
    (
        "9月2日，东湖区职工技能大赛推进会在甲乙公司东湖花园项目召开，"
        "会议主题为“匠心筑梦 技能报国”。"
        "会上交流了经验。此次活动的主办方为东湖区总工会。",
        ("东湖区总工会", "organizes", "匠心筑梦 技能报国"),
    ),
    # a paragraph of roles that names no event falls back on the article's programme,
    # never on a site its lead names
    (
        "青山区甲乙公司骑手驿站正式启用\n驿站可供20名骑手歇脚。\n本届赛事的主办方为青山区总工会。",
        ("青山区总工会", "operates", "青山区甲乙公司骑手驿站"),
    ),
    # a headline's union its name was missed in: the division alone is no organiser
    (
        "宁海县总工会组织工会干部业务培训班\n-\n12月9日，宁海县总工会在东山村开办工会干部业务培训班。",
        ("宁海县", "organizes", "工会干部业务培训班"),
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
