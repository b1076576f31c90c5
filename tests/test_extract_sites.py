"""Facilities and places, and where events are held: (text, expected) tables on
sentences written for the tests."""

from __future__ import annotations

import pytest

FOUND = [
    # a site's head split by the segmenter (之|家) is a word of a longer site's name
    ("城南骑手之家工会驿站为骑手备好了热水。", ("Facility", "城南骑手之家工会驿站")),
    # a bank branch named inside a site's name (支行 is no verb there)
    ("工会在邮储银行城关支行职工驿站举办了活动。", ("Facility", "邮储银行城关支行职工驿站")),
    # what stands before the division that opens a site's name is no part of it: the
    # tail of a verb (用好), or a character the segmenter glued to the division (召|开|福…)
    ("要建好、用好温州工匠学院。", ("Facility", "温州工匠学院")),
    ("要建好、用好顺义区工匠学院。", ("Facility", "顺义区工匠学院")),
    ("两家单位共同召开福州市职工法律援助工作室揭牌会。", ("Facility", "福州市职工法律援助工作室")),
    # 建成 a site named in quotes builds it: no likening
    ("区总工会今年建成“城南暖心驿站”，为骑手提供服务。", ("Facility", "城南暖心驿站")),
    # naming a site is no word of its name
    (
        "区总工会决定命名星火劳模创新工作室等8个创新工作室为区级示范点。",
        ("Facility", "星火劳模创新工作室"),
    ),
    # a legal aid post is a facility
    ("市总工会在立案大厅设立了仲裁工会法律援助岗。", ("Facility", "仲裁工会法律援助岗")),
    # a union's kind of facility named bare is the one named in full
    (
        "南城：八座工会户外劳动者服务站投用\n由区总工会投建的南城工会户外劳动者服务站已投入运行。",
        ("Facility", "南城工会户外劳动者服务站"),
    ),
    # a generic kind of place needs a proper name before it
    ("职工们来到金桥园区参观。", ("Place", "金桥园区")),
    # a quoted title before a site named after its company is the title (an Initiative)
    # the site bears, not a word of the site's name
    ("“省级示范职工书屋”星辰印务有限公司职工书屋挂牌。", ("Facility", "星辰印务有限公司职工书屋")),
    ("“省级示范职工书屋”北京星辰印务有限公司职工书屋挂牌。", ("Initiative", "省级示范职工书屋")),
    ("街道总工会在“区级最美驿站”——工行城北支行职工驿站举办活动。", ("Initiative", "区级最美驿站")),
    ("骑手来到城南服务中心暖心驿站（河畔暖心驿站）歇脚。", ("Facility", "城南服务中心暖心驿站")),
    # a quoted honour that a site is given is a title, not a site
    (
        "近日，荣获“全国最美驿站”称号的和平里工会驿站启动了“暖冬行动”。",
        ("Initiative", "全国最美驿站"),
    ),
    # a site of a body named after its division keeps the division: the body's name holds it
    ("两家单位在怀柔区人民法院诉讼服务中心举行仪式。", ("Facility", "怀柔区人民法院诉讼服务中心")),
]

NOT_FOUND = [
    # a description is no name: 大型商场, 工地食堂, 高铁工地, 工业园区
    ("附近的大型商场也设有休息点。", ("Place", "大型商场")),
    ("医生们走访了工地食堂和宿舍。", ("Facility", "工地食堂")),
    ("他们在高铁工地上干了三年。", ("Place", "高铁工地")),
    ("工业园区企业纷纷响应。", ("Place", "工业园区")),
    # the words after a quotation that run on with 而 are a clause, not a site's name
    ("推动职工由“新”到“精”转变而建设实践基地。", ("Place", "精转变而建设实践基地")),
    # a site's second name in brackets is the same site's
    ("骑手来到城南服务中心暖心驿站（河畔暖心驿站）歇脚。", ("Facility", "河畔暖心驿站")),
    # a verb before a site is no word of its name (利用小屋搞活动, 命名某工作室为…)
    (
        "区总工会决定命名星火劳模创新工作室等8个创新工作室为区级示范点。",
        ("Facility", "命名星火劳模创新工作室"),
    ),
    ("工会还利用小屋搞亲子活动，为女职工提供服务。", ("Facility", "利用小屋")),
    # what a site became, described after 成为…的, is no name
    ("要让驿站成为深受骑手喜爱的“温馨之家”。", ("Facility", "温馨之家")),
    # a union's kind of facility named bare, with no site so named in full, names none
    ("全省工会母婴关爱室名单日前公布。", ("Facility", "工会母婴关爱室")),
    (
        "南城：八座工会户外劳动者服务站投用\n由区总工会投建的南城工会户外劳动者服务站已投入运行。",
        ("Facility", "工会户外劳动者服务站"),
    ),
    # an honour a site is given is no site
    (
        "近日，荣获“全国最美驿站”称号的和平里工会驿站启动了“暖冬行动”。",
        ("Facility", "全国最美驿站"),
    ),
    (
        "南湖公园户外劳动者驿站被评为2023年“最美工会户外劳动者服务站点”。",
        ("Facility", "最美工会户外劳动者服务站点"),
    ),
    # the sites of a kind taken one by one are no site's name
    ("大篷车会在城关街道的各个职工服务站点之间轮转。", ("Facility", "职工服务站点")),
    # sites counted by the score are several of a kind, none of them a site named
    ("学院将依托6个教学基地开展培训。", ("Place", "教学基地")),
    # N counts sites not named (1个总部+N个基地)
    ("搭建起“1个总部+N个培训基地”的培训体系。", ("Facility", "N个培训基地")),
    ("街道总工会在“区级最美驿站”——工行城北支行职工驿站举办活动。", ("Facility", "区级最美驿站")),
    ("两家单位在怀柔区人民法院诉讼服务中心举行仪式。", ("Facility", "人民法院诉讼服务中心")),
]

TRIPLES = [
    # the organiser between the event and its venue
    (
        "2025年怀柔区职工乒乓球比赛由怀柔区总工会在雁栖湖广场举办。",
        ("怀柔区职工乒乓球比赛", "heldAt", "雁栖湖广场"),
    ),
    # a comma between the event and where it took place
    (
        "由通州区总工会主办的2024年通州区职工趣味运动会，在运河公园隆重举行。",
        ("通州区职工趣味运动会", "heldAt", "运河公园"),
    ),
    (
        "由昌平区总工会主办的2025年昌平区职工运动会在回龙观体育馆热闹上演。",
        ("昌平区职工运动会", "heldAt", "回龙观体育馆"),
    ),
    # the place opens the sentence, the body and its event follow
    (
        "同在望京科技园，朝阳区总工会还举办了“夏送清凉”活动。",
        ("夏送清凉", "heldAt", "望京科技园"),
    ),
    # a title in quotes before the site's name is no site of its own
    (
        "街道总工会在“市级星级驿站”——邮储银行城关支行职工驿站举办了“冬送温暖”活动。",
        ("冬送温暖", "heldAt", "邮储银行城关支行职工驿站"),
    ),
    # 这里 and 由此 stand for the site named before them in the sentence
    (
        "午后的朝阳公园里欢声笑语，一场以“健康同行”为主题的职工健步走活动正在这里举行。",
        ("健康同行", "heldAt", "朝阳公园"),
    ),
    (
        "区总工会走进望京科技园，为职工送去慰问品，“夏送清凉”活动也由此拉开帷幕。",
        ("夏送清凉", "heldAt", "望京科技园"),
    ),
    # the organiser before a venue given with its title
    (
        "朝阳区总工会在“区级最美驿站”——工行城北支行职工驿站举办了“冬送温暖”活动。",
        ("朝阳区总工会", "organizes", "冬送温暖"),
    ),
    # the event goes to the sites
    (
        "“清凉一夏”活动先后走进城东工会驿站、河畔公园。",
        ("清凉一夏", "heldAt", "河畔公园"),
    ),
    # 办 an event at a site
    (
        "每周还会在长桥社区工会驿站办一期“亲子读书会”。",
        ("亲子读书会", "heldAt", "长桥社区工会驿站"),
    ),
    # a site run in the way it names: 采取由A与B合作办学的模式
    (
        "台州工匠学院采取由台州市总工会与台州职业技术学院合作办学的模式，面向职工开展培训。",
        ("台州职业技术学院", "operates", "台州工匠学院"),
    ),
    # 建起: the bodies that build a site run it
    (
        "顺义区总工会积极推进，在全区率先建起了“爱心妈咪小屋”。",
        ("顺义区总工会", "operates", "爱心妈咪小屋"),
    ),
]

NOT_TRIPLES = [
    # several sites of a kind counted after a named one are not that one: the union
    # that plans to build more does not run the one named for that
    (
        "星河司机之家正式启用。东城区总工会还将建设2个货车司机之家，为货车司机提供服务。",
        ("东城区总工会", "operates", "星河司机之家"),
    ),
    # 这里 is the nearest site before it, not one further back
    (
        "从朝阳公园出发，队伍来到奥森公园，职工健步走活动在这里举行。",
        ("职工健步走活动", "heldAt", "朝阳公园"),
    ),
    # where a further event was held is not where the first one was
    (
        "2025年密云区职工健步走活动在妫水公园举行了“健康密云”签名仪式。",
        ("密云区职工健步走活动", "heldAt", "妫水公园"),
    ),
    (
        "街道总工会在“市级星级驿站”——邮储银行城关支行职工驿站举办了“冬送温暖”活动。",
        ("冬送温暖", "heldAt", "市级星级驿站"),
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
