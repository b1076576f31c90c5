"""Parts of bodies and programmes, and the bodies people hold posts in: (text, expected)
tables on sentences written for the tests."""

from __future__ import annotations

import pytest

FOUND = [
    # a sector's union, alone or national
    ("由教育工会女职工委员会主办。", ("Union", "教育工会")),
    ("出席的有中国金融工会一级巡视员周明。", ("Union", "中国金融工会")),
    # a preposition glued to a level word is no part of the name after it
    ("会上同市纺织行业协会签约。", ("Organization", "市纺织行业协会")),
    # 卫计局 is a health bureau's short form
    ("昌平区卫计局局长王立新讲话。", ("Organization", "昌平区卫计局")),
    # a contest named after the larger one it is held in: both are named
    (
        "2024年海淀区职工职业技能大赛焊工技能竞赛在园区举行。",
        ("Initiative", "海淀区职工职业技能大赛"),
    ),
]

NOT_FOUND = [
    ("会上同市纺织行业协会签约。", ("Organization", "同市纺织行业协会")),
    # a department that only says which further post a body's officer holds
    ("金泰集团工会副主席兼工会工作部部长王立新主持。", ("Organization", "工会工作部")),
    # words before a site's name with no area are no union's name
    ("站内搜索发展纪事星火科技园工会联合会举行大会。", ("Union", "发展纪事星火科技园工会联合会")),
    # a sector's word before 工会 with other words is no sector's union
    ("积极教育工会会员参加活动。", ("Union", "教育工会")),
    # a bare department after the union's full department of that name is that one
    (
        "唐山市总工会女职工部开展普法活动。女职工部部长李芳介绍了情况。",
        ("Organization", "女职工部"),
    ),
    # …and one named bare before no post held in it is no body named
    ("走进驿站，办公室里很安静。", ("Organization", "办公室")),
    # a body named by its task alone with no full name in the article is dropped
    ("教育局副局长王芳讲话。", ("Organization", "教育局")),
]

TRIPLES = [
    # a bare department listed among a union's officers, or after 该会, is the union's
    (
        "大会由郑州园区工会举办。园区工会主席段科然、副主席陈红梅和女职工委员会主任杨改玲参加。",
        ("女职工委员会", "partOf", "郑州园区工会"),
    ),
    (
        "大会由郑州园区工会举办。园区工会主席段科然、副主席陈红梅和女职工委员会主任杨改玲参加。",
        ("段科然", "memberOf", "郑州园区工会"),
    ),
    (
        "通州区总工会召开全委会。该会女职工委员会主任王芳作报告。",
        ("女职工委员会", "partOf", "通州区总工会"),
    ),
    (
        "南华机车有限公司工会副主席、女职工委员会主任王丽华讲话。",
        ("女职工委员会", "partOf", "南华机车有限公司工会"),
    ),
    # a bare department that heads are counted by (女职工部, 女工部) listed among a
    # union's officers is the union's, and its head is its member
    (
        "唐山市总工会副主席王明、女工部部长李芳、副部长赵丽一行到路南区调研。",
        ("女工部", "partOf", "唐山市总工会"),
    ),
    (
        "唐山市总工会副主席王明、女工部部长李芳、副部长赵丽一行到路南区调研。",
        ("李芳", "memberOf", "女工部"),
    ),
    (
        "唐山市总工会副主席王明、女职工部部长李芳一行到路南区调研。",
        ("女职工部", "partOf", "唐山市总工会"),
    ),
    # 女职委 is a union's women workers' committee, as 女工委 is
    ("唐山市总工会女职委下发通知。", ("唐山市总工会女职委", "partOf", "唐山市总工会")),
    # a company's branch named after the company is part of it, and the company is
    # named on its own, not another name of the branch
    (
        "日前，华源集团有限公司东湖分公司被授予先进单位称号。",
        ("华源集团有限公司东湖分公司", "partOf", "华源集团有限公司"),
    ),
    (
        "日前，华源建设集团公司清溪分公司被授予先进单位称号。",
        ("华源建设集团公司清溪分公司", "partOf", "华源建设集团公司"),
    ),
    # the person of a further post is the body's
    ("金泰集团工会副主席兼工会工作部部长王立新主持。", ("王立新", "memberOf", "金泰集团工会")),
    # a bare post of the kind a body named before is headed by
    (
        "活动由大兴区总工会生产生活部负责，据部长张京玉介绍，书架很受欢迎。",
        ("张京玉", "memberOf", "大兴区总工会生产生活部"),
    ),
    ("大兴区教育局召开会议，局长王明讲话。", ("王明", "memberOf", "大兴区教育局")),
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
    # the programme a purpose clause carries out has the event named after it as a piece
    (
        "为把“我为职工办实事”实践活动落到实处，东城区总工会近日举办了“清凉一夏”义诊活动。",
        ("清凉一夏义诊活动", "partOf", "我为职工办实事实践活动"),
    ),
    # a programme taken into another; the verb ends the quoted name before it
    (
        "西城区总工会把“职工健康行”活动列入“我为职工办实事”项目清单。",
        ("职工健康行", "partOf", "我为职工办实事项目"),
    ),
    (
        "东城区总工会将“职工健康行动”纳入“我为职工办实事”实践活动。",
        ("职工健康行动", "partOf", "我为职工办实事实践活动"),
    ),
]

NOT_TRIPLES = [
    # 各地市总工会 is every city's union, no short form of the province's named before
    (
        "湖南省总工会下发通知。各地市总工会女职委要积极配套资金。",
        ("市总工会女职委", "partOf", "湖南省总工会"),
    ),
    # a bare department listed after another body's officer is not the union's
    (
        "园区工会主席段科然、金泰公司办公室主任王芳参加。",
        ("金泰公司办公室", "partOf", "园区工会"),
    ),
    # a union is headed by a 主席: a bare 会长 is no union's
    ("大兴区总工会召开会议，会长王明讲话。", ("王明", "memberOf", "大兴区总工会")),
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
    # an event held to carry out a law is no piece of it
    (
        "为把《中华人民共和国工会法》各项规定落到实处，东城区总工会开展了“普法宣传月”活动。",
        ("普法宣传月", "partOf", "中华人民共和国工会法"),
    ),
    # a policy's aim is no programme the event is a piece of
    (
        "为深入推进“产业工人队伍建设改革”，东城区总工会举办了“清凉一夏”义诊活动。",
        ("清凉一夏义诊活动", "partOf", "产业工人队伍建设改革"),
    ),
    # a programme named before the purpose clause is not the one it carries out
    (
        "“清凉一夏”义诊活动启动，为把关爱落到实处，东城区总工会还推出“职工健康行”活动。",
        ("职工健康行", "partOf", "清凉一夏义诊活动"),
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
