"""Entity components: (text, expected entities) tables on sentences written for the tests."""

from __future__ import annotations

import pytest

FOUND = [
    # a role before a body is no part of its name
    ("裁判代表华源集团有限公司的赵强宣誓。", ("Organization", "华源集团有限公司")),
    # a trade's union at the level of the article's division, named by its level word
    ("绵阳市总工会召开会议，省邮电工会、省农林水利工会参加。", ("Union", "省邮电工会")),
    ("绵阳市总工会召开会议，省邮电工会、省农林水利工会参加。", ("Union", "省农林水利工会")),
    # head nouns, grown leftwards to the first word that cannot be in a name
    ("近日，丰台区总工会召开全会。", ("Union", "丰台区总工会")),
    ("北京燕京啤酒股份有限公司工会开展慰问。", ("Union", "北京燕京啤酒股份有限公司工会")),
    (
        "活动由通州区总工会与通州区卫生健康委员会联合主办。",
        ("Organization", "通州区卫生健康委员会"),
    ),
    (
        "包括昌平区第二职业学校、北京城建集团有限责任公司等单位。",
        ("Organization", "北京城建集团有限责任公司"),
    ),
    (
        "中铁建工（北京）建设发展有限公司参加了竞赛。",
        ("Organization", "中铁建工（北京）建设发展有限公司"),
    ),
    ("劳模们来到望京科技园参观。", ("Place", "望京科技园")),
    # compass points open names; other position words (以前, 之后) bound them
    ("大兴区总工会在西部物流园建成职工驿站。", ("Place", "西部物流园")),
    (
        "东部新城建设集团有限公司工会举办职工运动会。",
        ("Union", "东部新城建设集团有限公司工会"),
    ),
    ("服务站设在京藏高速回龙观服务区。", ("Place", "京藏高速回龙观服务区")),
    # a facility's address is not its name
    ("座谈会在海淀区中关村街道鼎好骑士驿站召开。", ("Facility", "鼎好骑士驿站")),
    ("座谈会在海淀区中关村街道鼎好骑士驿站召开。", ("District", "中关村街道")),
    # ...but descriptive words or a generic head after the division are no name of
    # their own
    ("金秋助学金在江岸区职工服务中心发放。", ("Facility", "江岸区职工服务中心")),
    ("新建成的宋庄镇工会驿站·司机之家正式启用。", ("Facility", "宋庄镇工会驿站·司机之家")),
    # quoted names get their type from their head, inside or right after the quotes
    ("区总工会认定“通州工匠学院”。", ("Facility", "通州工匠学院")),
    ("石景山区总工会启动“筑梦”金秋助学活动。", ("Initiative", "筑梦金秋助学活动")),
    (
        "会上印发《怀柔区职工服务体系建设三年行动方案（2025-2027年）》。",
        ("Initiative", "怀柔区职工服务体系建设三年行动方案（2025-2027年）"),
    ),
    # an event's edition is part of its name; a bureau's full name may hold 和
    ("海淀区第十届职工职业技能大赛启动。", ("Initiative", "海淀区第十届职工职业技能大赛")),
    ("由海淀区人力资源和社会保障局主办。", ("Organization", "海淀区人力资源和社会保障局")),
    # a generic "activity" after a quotation is no part of the name
    ("同时开展“送清凉”活动，为环卫工人发放物资。", ("Initiative", "送清凉")),
    ("区总工会举行2025年「金秋助学」助学金发放仪式。", ("Initiative", "金秋助学")),
    # an event that opens with a named site is a named event
    ("4月22日，房山工匠学院揭牌仪式在良乡高教园区举行。", ("Initiative", "房山工匠学院揭牌仪式")),
    # a quoted slogan “X进Y” is a programme even where Y is a place
    ("平谷区总工会开展“法律服务进工地”活动。", ("Initiative", "法律服务进工地")),
    ("联合会将开展“名厨进社区”公益活动。", ("Initiative", "名厨进社区")),
    # ...but not where 进 is part of a word (促进, 先进)
    ("街道总工会启用“促进就业服务站”。", ("Facility", "促进就业服务站")),
    # an initiative's name does not take in the union that runs it
    ("今年东城区总工会送温暖活动共筹集资金860万元。", ("Initiative", "送温暖活动")),
    (
        "会议期间召开北京市产业工人队伍建设改革推进座谈会。",
        ("Initiative", "北京市产业工人队伍建设改革推进座谈会"),
    ),
    # programmes with a head of their own stand unquoted
    ("延庆区总工会开展职工技能素质提升行动。", ("Initiative", "职工技能素质提升行动")),
    # a union named after a company takes the company's whole name, verbs and all
    ("北京排水集团工会主席刘红表示，将继续做好职工服务。", ("Union", "北京排水集团工会")),
    # worker groups from the lexicon; people from the words around them
    ("驿站为外卖骑手和环卫工人提供热水。", ("WorkerGroup", "环卫工人")),
    # a narrowing word makes a group of its own
    ("驿站为困难农民工提供法律援助。", ("WorkerGroup", "困难农民工")),
    # a word of the dictionary before a generic head still narrows it
    ("东城区总工会为物业职工送上清凉，物业职工纷纷点赞。", ("WorkerGroup", "物业职工")),
    # ...and so does the trade before a courier: the trade's couriers
    ("驿站为快递员、外卖送餐员等新就业群体提供热水。", ("WorkerGroup", "外卖送餐员")),
    ("区总工会为快递配送员、外卖骑手送上清凉。", ("WorkerGroup", "快递配送员")),
    ("区总工会为甲乙外卖送餐员送上清凉。", ("WorkerGroup", "外卖送餐员")),
    ("区总工会为送餐员送上清凉。", ("WorkerGroup", "送餐员")),
    ("平谷区总工会党组书记、主席王海涛出席。", ("Person", "王海涛")),
    ("职工代表李静是一名护士。", ("Person", "李静")),
    ("负责道路保洁的环卫工人王秀芝说。", ("Person", "王秀芝")),
    ("会上，顺义区总工会主席孙立军作工作报告。", ("Person", "孙立军")),
    ("本报讯（记者 赵明 通讯员 钱程）近日，丰台区总工会召开会议。", ("Person", "钱程")),
    # divisions, full and short; a short form of a county only with its full name around
    ("北京市总工会召开会议。", ("District", "北京市")),
    ("据悉，全国总工会今年继续开展金秋助学活动。", ("Union", "全国总工会")),
    ("大兴区总工会走进大兴各镇。", ("District", "大兴区")),
    # a site's head ends its name: the body's name after it starts at the division
    (
        "成都市总工会开展培训。职工可与职工夜校的基地成都职工大学联系。",
        ("Organization", "成都职工大学"),
    ),
    # a province's short name standing alone is the province, not only before a paper's name
    ("湖北各级工会开展送温暖活动。", ("District", "湖北")),
    ("绘就了一幅四川工运的壮丽画卷。", ("District", "四川")),  # 工运: the movement, not a paper
    # a new area the table of divisions lacks, and its union; a zone's bare name before a
    # union's head stands for the article's zone, as a level word does
    ("近日，两江新区总工会召开全委会。", ("District", "两江新区")),
    ("近日，两江新区总工会召开全委会。", ("Union", "两江新区总工会")),
    ("深圳市龙湖新区总工会为建设者送清凉。", ("District", "龙湖新区")),  # 龙湖新|区总|工会
    ("成都市总工会召开会议，高新区总工会新建职工书屋5家。", ("Union", "高新区总工会")),
    ("在成都市，经开区总工会建设工会驿站10个。", ("Union", "经开区总工会")),
    # a subdistrict the table of divisions lacks (a new one, a town renamed), before a
    # body's head
    ("岚屿街道总工会联合多个部门开展安全培训。", ("District", "岚屿街道")),
    ("岚屿街道总工会联合多个部门开展安全培训。", ("Union", "岚屿街道总工会")),
    # a zone named after its city's short form, and its union
    ("南宁经济技术开发区总工会开展送温暖活动。", ("Union", "南宁经济技术开发区总工会")),
    ("榆林经开区总工会建设工会驿站5个。", ("Union", "榆林经开区总工会")),
    # a city's short form with namesake towns and nothing else to tell names the city
    ("南宁的环卫工人在驿站休息。", ("District", "南宁")),
    # a company's ownership said before its name is no part of it
    ("某街道联合区属国企东投集团启动改造。", ("Organization", "东投集团")),
    ("市属国企东方建工集团参加了竞赛。", ("Organization", "东方建工集团")),
    # visiting a site, or having it inside, is no part of its name
    ("代表们参观调研东方公司劳模创新工作室。", ("Facility", "东方公司劳模创新工作室")),
    # ...but 建设 opens the name of a body or a road that a site is named after
    ("建设路工会驿站正式开放。", ("Facility", "建设路工会驿站")),
    ("中国建设银行东城支行工会驿站正式开放。", ("Facility", "中国建设银行东城支行工会驿站")),
]

NOT_FOUND = [
    # a trade's courier is not cut to the courier
    ("驿站为快递员、外卖送餐员等新就业群体提供热水。", ("WorkerGroup", "送餐员")),
    ("区总工会为快递配送员、外卖骑手送上清凉。", ("WorkerGroup", "配送员")),
    # a count of events or a kind of site before a generic head names no group
    ("东城区总工会开展“迎新春”百场职工大联欢主题活动。", ("WorkerGroup", "百场职工")),
    ("东城街道召开“甲乙”工作室职工接访活动。", ("WorkerGroup", "工作室职工")),
    # a group that names its trade takes no other trade before it
    ("区总工会为快递、外卖骑手送上清凉。", ("WorkerGroup", "快递外卖骑手")),
    ("裁判代表华源集团有限公司的赵强宣誓。", ("Organization", "裁判代表华源集团有限公司")),
    # ...but not a level word that ends another word (开发|区)
    ("绵阳市高新开发区工业园区工会成立。", ("Union", "区工业园区工会")),
    # a slogan joining two things names no union, and a clause after a quote no body
    ("两家单位构建“科技+工会”服务机制。", ("Union", "科技+工会")),
    ("“外卖骑手”代表当场宣誓加入了工会。", ("Union", "外卖骑手代表当场宣誓加入了工会")),
    # 进 inside a word (先进) makes no slogan of a site's name (a title after 获评 is an
    # award: see test_nlp_bodies)
    ("该公司工会建成“先进职工之家”。", ("Initiative", "先进职工之家")),
    # a division's short name after its full name is that division, not a town inside it
    ("丰台区总工会走访北京城建集团丰台项目部。", ("District", "丰台街道")),
    # a verb the segmenter glued to a level word (联合区) ends the name before it
    (
        "石景山区总工会联合区人力资源和社会保障局举办大赛。",
        ("Organization", "石景山区总工会联合区人力资源和社会保障局"),
    ),
    # a verb that holds an event is no part of its name (推进座谈会 is; 开展活动 is not)
    ("顺义区总工会携手区教育委员会开展活动。", ("Initiative", "区教育委员会开展活动")),
    # verbs, adverbs and position words before a head are not part of a name
    ("以前工地上没有休息的地方。", ("Place", "以前工地")),
    ("正在驿站休息的外卖配送员说。", ("Facility", "正在驿站")),
    ("我们要感谢工会的帮助。", ("Union", "感谢工会")),
    ("职工可以随时扫码进入驿站。", ("Facility", "扫码进入驿站")),
    ("驿站均引用智能化驿站系统。", ("Facility", "智能化驿站")),
    # speech and scare quotes are not names
    ("“天气冷，您进来喝杯热茶吧。”站长说。", ("Initiative", "天气冷，您进来喝杯热茶吧。")),
    ("希望这个“家”能温暖司机。", ("Initiative", "家")),
    # generic activities without a name of their own
    ("开展岗位练兵、技能竞赛和职工素质助推活动。", ("Initiative", "技能竞赛")),
    ("开展岗位练兵、技能竞赛和职工素质助推活动。", ("Initiative", "职工素质助推活动")),
    # 格局 is not a 局 (bureau), 工程师 not a 工程 (programme)
    ("拓宽视野格局。", ("Organization", "视野格局")),
    # a verb alone before a head names nothing
    ("建设工匠学院是重要举措。", ("Facility", "建设工匠学院")),
    # the first of its kind is not a name; nor is a kind of union, or a building verb
    ("各企业的公司工会要积极参与。", ("Union", "公司工会")),
    ("今年将在商圈新建户外劳动者服务站点10个。", ("Facility", "新建户外劳动者服务站点")),
    ("今年将在社区（园区布点。", ("Place", "社区（园区")),
    ("顺义区首家网约车司机之家启用。", ("Facility", "首家网约车司机之家")),
    # the words after a quotation do not run across a preposition or 是
    ("「金秋助学」是全国总工会开展的一项传统帮扶项目。", ("Union", "金秋助学是全国总工会")),
    ("“建设者之家”在宋庄镇副中心启用。", ("Facility", "建设者之家在宋庄镇副中心")),
    # a worker group named by standing only, with no service for it, is no node
    ("困难职工的获得感不断提升。", ("WorkerGroup", "困难职工")),
    # …but only a whole word narrows it (妇女 is no 女)
    ("驿站为妇女快递员提供热水。", ("WorkerGroup", "女快递员")),
    # a surname that is also a function word needs the segmenter's word
    ("驿站为快递员和环卫工人提供热水。", ("Person", "和环卫")),
    ("志愿者关心快递员的冷暖。", ("Person", "关心")),
    # 运营方 (the operating party) is no part of the operator's name
    (
        "园区运营方杭州西溪数智产业园管理有限公司负责日常管理。",
        ("Organization", "园区运营方杭州西溪数智产业园管理有限公司"),
    ),
    # a word is not a name (权益), and 师傅 says who but not the name
    ("切实维护农民工权益。", ("Person", "权益")),
    ("快递员陈师傅说，驿站很暖和。", ("Person", "陈师傅")),
    # divisions whose names are generic words
    ("今年在物流园区新建服务站点。", ("District", "物流园区")),
    # a short form of a county without its full name stays a word
    ("朝阳初升，职工们开始一天的工作。", ("District", "朝阳区")),
    (
        "成都市总工会开展培训。职工可与职工夜校的基地成都职工大学联系。",
        ("Organization", "基地成都职工大学"),
    ),
    # a province's or city's short name that opens a newspaper's or broadcaster's name
    ("据湖北日报报道，武汉市总工会开展送清凉活动。", ("District", "湖北")),
    ("广东电视台记者走进一家工会驿站。", ("District", "广东")),
    ("长沙晚报记者近日采访了多名快递员。", ("District", "长沙")),
    # ...a workers' paper's too (a page's masthead, a byline's paper)
    ("据四川工人日报报道，东城区总工会为快递员送上清凉。", ("District", "四川")),
    ("安徽工人日报 2025年5月1日\n\n甲市总工会为快递员送清凉。", ("District", "安徽")),
    # ...and the workers in its name are no group (江西|工人|报), named twice or not
    (
        "《江西工人报》整版推介\n\n某某区总工会为环卫工人送清凉。《江西工人报》记者在现场。",
        ("WorkerGroup", "江西工人"),
    ),
    (
        "据河南工人日报报道，东城区总工会为环卫工人送清凉。河南工人日报记者在现场。",
        ("WorkerGroup", "河南工人"),
    ),
    ("甘肃平安网讯 日前，某县人民法院与县总工会共建调解室。", ("District", "甘肃")),
    # a zone's generic name (经济技术开发区) is no division of its own before a city's
    ("南宁经济技术开发区总工会开展送温暖活动。", ("District", "经济技术开发区")),
    # ...nor is a city's short form that is an everyday word (来宾, guests) or a park's name
    ("与会来宾参观了驿站。", ("District", "来宾")),
    ("职工们游览北海公园。", ("District", "北海")),
    # ...but not words that name none before 街道, nor one that needs a word before it
    ("全区街道总工会开展安全培训。", ("District", "全区街道")),
    ("其中还要数街道总工会的工作最细。", ("District", "还要数街道")),
    ("行走在城市街道上。", ("District", "城市街道")),
    # 等地 (and other places) split by the segmenter is no part of the name after it
    ("劳模们分别赴东岭、西岭等地劳模疗休养基地休养。", ("Facility", "地劳模疗休养基地")),
    # every one of a kind (各镇总工会) names no body
    ("通州区永顺镇召开会议，各镇总工会的负责同志出席。", ("Union", "镇总工会")),
    # 新区 after a word that names no place (城市新区, 建设新区) is no area of its own
    ("推动城市新区发展。", ("District", "城市新区")),
    ("加快建设新区步伐。", ("District", "建设新区")),
    # the union that runs a site is no part of the site's name (建设: 建设银行 has it)
    ("今年，经开区总工会建设工会驿站10个。", ("Facility", "经开区总工会建设工会驿站")),
    ("东城区总工会建设职工之家3家。", ("Facility", "东城区总工会建设职工之家")),
    ("县总工会在部分单位内建设爱心母婴室9间。", ("Facility", "部分单位内建设爱心母婴室")),
    ("代表们参观调研东方公司劳模创新工作室。", ("Facility", "参观调研东方公司劳模创新工作室")),
    ("该中心内设职工书屋和帮扶站。", ("Facility", "内设职工书屋")),
    ("在醒目位置设置爱心母婴室标识灯箱。", ("Facility", "设置爱心母婴室")),
    ("市属国企东方建工集团参加了竞赛。", ("Organization", "市属国企东方建工集团")),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_finds(extract, text: str, expected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert expected in entities


@pytest.mark.parametrize(("text", "unexpected"), NOT_FOUND)
def test_does_not_find(extract, text: str, unexpected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert unexpected not in entities


def test_namesakes_are_told_apart_by_context(extractor) -> None:
    from tests.conftest import make_article

    changchun = extractor(
        make_article("长春市朝阳区总工会慰问环卫工人。\n吉林省长春市朝阳区总工会主席到场。")
    )
    beijing = extractor(make_article("朝阳区建外街道总工会慰问快递员。"))
    paths = {
        e["division"]["path"]
        for record in (changchun, beijing)
        for e in record["entities"]
        if e["name"] == "朝阳区"
    }
    assert paths == {"吉林省/长春市/朝阳区", "北京市/北京市/朝阳区"} or len(paths) == 2


@pytest.mark.parametrize(
    "text",
    [
        "吉林省总工会召开会议。\n会议提出，推动吉林新装备产业加快发展。",
        "推动吉林新装备产业加快发展，吉林省总工会将搭建平台。",
    ],
)
def test_a_short_name_of_a_division_named_in_full_is_that_division(extractor, text) -> None:
    """Not a namesake city or subdistrict (吉林市, a 吉林街道) that the full name's own
    mention would speak for."""
    from tests.conftest import make_article

    record = extractor(make_article(text))
    districts = {e["id"] for e in record["entities"] if e["type"] == "District"}
    assert districts == {"District:吉林省"}


def test_a_body_named_with_a_bare_level_word_belongs_to_the_articles_district(
    extractor,
) -> None:
    from tests.conftest import make_article

    def bureau_ids(text: str) -> set[str]:
        record = extractor(make_article(text))
        return {e["id"] for e in record["entities"] if e["name"] == "区人力资源和社会保障局"}

    shijingshan = bureau_ids("石景山区总工会联合区人力资源和社会保障局举办职工技能大赛。")
    fengtai = bureau_ids("丰台区总工会联合区人力资源和社会保障局举办职工技能大赛。")
    # identified as the full name would be, so that it is one node with the bureau
    # that another article names in full
    assert shijingshan == {"Organization:石景山区人力资源和社会保障局@北京市/石景山区"}
    assert fengtai == {"Organization:丰台区人力资源和社会保障局@北京市/丰台区"}


def test_a_name_that_opens_with_a_word_has_no_bare_level_word(extractor) -> None:
    from tests.conftest import make_article

    def organisation_ids(text: str) -> set[str]:
        record = extractor(make_article(text))
        return {e["id"] for e in record["entities"] if e["type"] == "Organization"}

    # 市场 is a word: 市场监督管理局 is not the city's 场监督管理局
    assert organisation_ids("北京市总工会与市场监督管理局联合开展职工维权宣传活动。") == {
        "Organization:市场监督管理局"
    }
    assert organisation_ids("杭州市总工会联合市人力资源和社会保障局举办招聘会。") == {
        "Organization:杭州市人力资源和社会保障局@浙江省/杭州市"
    }


def test_a_body_is_one_entity_with_or_without_the_divisions_above_its_own(extractor) -> None:
    from tests.conftest import make_article

    def union(text: str) -> dict:
        record = extractor(make_article(text))
        return next(e for e in record["entities"] if e["type"] == "Union")

    full = union("海淀区中关村街道总工会召开会议。")
    short = union("中关村街道总工会召开会议。")
    assert full["id"] == short["id"] == "Union:中关村街道总工会@北京市/海淀区/中关村街道"
    assert full["name"] == "海淀区中关村街道总工会"  # the article's fullest form, for scoring
    assert full["preferred_name"] == short["name"] == "中关村街道总工会"


# A long article costs in proportion to its length. Each test below takes well under
# a second; comparing every mention with every other, as before, it took minutes.
REPEATS = 6000


def test_choosing_among_candidates_costs_in_proportion_to_their_number() -> None:
    import time

    from kg.nlp.entities import select
    from kg.nlp.mentions import Candidate

    found = []
    for i in range(REPEATS):
        at = 20 * i
        found += [
            Candidate(at, at + 6, "Union", "大兴区总工会", "names", 50),
            Candidate(at, at + 3, "District", "大兴区", "gazetteer", 30, "110115"),
            Candidate(at + 4, at + 9, "Facility", "工会驿站", "names", 40),  # clashes
            Candidate(at + 10, at + 14, "WorkerGroup", "环卫工人", "lexicon", 40),
        ]
    started = time.perf_counter()
    chosen = select(found)
    assert time.perf_counter() - started < 5
    assert len(chosen) == 3 * REPEATS
    assert [(c.name, nested) for c, nested in chosen[:3]] == [
        ("大兴区总工会", False),
        ("大兴区", True),
        ("环卫工人", False),
    ]


def test_resolving_costs_in_proportion_to_the_mentions() -> None:
    import time

    from kg.nlp.mentions import Mention
    from kg.resolve import ArticleResolver

    mentions = []
    for i in range(REPEATS):
        at = 40 * i
        mentions += [
            Mention(at, at + 6, "Union", "大兴区总工会", "names"),
            Mention(at + 8, at + 12, "Union", "区总工会", "names", short=True),
            Mention(at + 14, at + 18, "Facility", "暖心驿站", "names"),
            Mention(at + 20, at + 23, "Facility", "该驿站", "reference", key="驿站", short=True),
            Mention(at + 25, at + 31, "Organization", "京源热力公司", "names"),
            Mention(at + 32, at + 40, "Organization", "北京京源热力有限公司", "names"),
        ]
    ArticleResolver(mentions[:6], lambda key: None)  # the lexicons it reads, loaded once
    started = time.perf_counter()
    resolver = ArticleResolver(mentions, lambda key: None)
    assert time.perf_counter() - started < 5
    names = [resolver.entity(m).name for m in mentions[:6]]
    assert names == ["大兴区总工会", "大兴区总工会", "暖心驿站", "暖心驿站"] + 2 * [
        "北京京源热力有限公司"
    ]
    assert len(resolver.entities) == 3
