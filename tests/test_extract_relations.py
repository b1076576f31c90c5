"""Relation rules: (text, expected triple) tables on sentences written for the tests."""

from __future__ import annotations

import pytest

FOUND = [
    # name structure and stated hierarchy
    ("丰台区总工会召开全会。", ("丰台区总工会", "locatedIn", "丰台区")),
    ("海淀区中关村街道总工会走访企业。", ("中关村街道", "locatedIn", "海淀区")),
    # namesakes place each other: Beijing's 通州区 holds a 永顺地区, also called 永顺镇
    ("通州区永顺镇总工会召开会议。", ("永顺镇", "locatedIn", "通州区")),
    # a union named by a region's short form and a union's head alone is the region's
    ("湖南工会联合会召开会员代表大会。", ("湖南工会联合会", "locatedIn", "湖南")),
    ("广东工会联合总会的负责人出席。", ("广东工会联合总会", "locatedIn", "广东")),
    # a new area the table of divisions lacks lies in the city named before it
    ("深圳市龙湖新区总工会为建设者送清凉。", ("深圳市龙湖新区总工会", "locatedIn", "龙湖新区")),
    ("深圳市龙湖新区总工会为建设者送清凉。", ("龙湖新区", "locatedIn", "深圳市")),
    # the sites the sentence before names stand at each of the places listed
    (
        "由西河区总工会投建的八座西河驿站投入运行。这些站点分布在两个工地——"
        "滨江大桥工程和地铁9号线建设工程。",
        ("西河驿站", "locatedIn", "地铁9号线建设工程"),
    ),
    # a shorter name of the same union in the article is that union
    (
        "通州区永顺镇总工会召开会议。永顺镇总工会主席李明表示，将继续服务职工。",
        ("李明", "memberOf", "通州区永顺镇总工会"),
    ),
    # an address that cannot all come off stays in the name, and still locates it
    ("近日，朝阳区望京街道工会驿站完成升级改造。", ("望京街道", "locatedIn", "朝阳区")),
    (
        "近日，朝阳区望京街道工会驿站完成升级改造。",
        ("朝阳区望京街道工会驿站", "locatedIn", "望京街道"),
    ),
    # a town's short name (在中, of 在中乡) does not hide the division it overlaps
    (
        "海淀区中关村街道总工会在中关村街道工会驿站举办活动。",
        ("中关村街道工会驿站", "locatedIn", "中关村街道"),
    ),
    # a head standing alone refers back to the site or event named before
    (
        "近日，顺义区仁和镇鑫源骑士驿站正式启用。该驿站由顺义区总工会与北京顺鑫物业有限公司共同打造。",
        ("北京顺鑫物业有限公司", "operates", "鑫源骑士驿站"),
    ),
    (
        "西城区总工会启动“冬送温暖”专项行动。启动仪式在西单文化广场举行，现场为环卫工人送去棉衣。",
        ("冬送温暖专项行动", "serves", "环卫工人"),
    ),
    (
        "西城区总工会启动“冬送温暖”专项行动。启动仪式在西单文化广场举行，现场为环卫工人送去棉衣。",
        ("冬送温暖专项行动", "heldAt", "西单文化广场"),
    ),
    (
        "海淀区第十届职工职业技能大赛启动仪式在中关村软件园举行。",
        ("海淀区第十届职工职业技能大赛", "heldAt", "中关村软件园"),
    ),
    # the place before the event, the group before the site
    (
        "天河区总工会在珠江新城花城广场举办“工会驿站开放日”活动。",
        ("工会驿站开放日", "heldAt", "珠江新城花城广场"),
    ),
    (
        "长春市朝阳区总工会为户外劳动者打造“红旗街暖心驿站”。",
        ("红旗街暖心驿站", "serves", "户外劳动者"),
    ),
    (
        "天汇广场工会驿站是天河区总工会与广州天汇商业管理有限公司共同打造的，每天服务环卫工人200余人次。",
        ("天汇广场工会驿站", "serves", "环卫工人"),
    ),
    (
        "天汇广场工会驿站是天河区总工会与广州天汇商业管理有限公司共同打造的，每天服务环卫工人200余人次。",
        ("广州天汇商业管理有限公司", "operates", "天汇广场工会驿站"),
    ),
    # organisers with a verb each; an organiser acting at a place
    (
        "由延庆区总工会主办、延庆区体育局协办的2025年延庆区职工健步走活动在妫水公园举行。",
        ("延庆区体育局", "organizes", "延庆区职工健步走活动"),
    ),
    (
        "近日，天津市滨海新区总工会在天津临港经济区举办2025年港口装卸机械操作劳动技能竞赛。",
        ("天津市滨海新区总工会", "organizes", "港口装卸机械操作劳动技能竞赛"),
    ),
    # X是A开展的…; an activity called by the core of the programme's name
    (
        "区总工会举行「金秋助学」助学金发放仪式。「金秋助学」是全国总工会开展的一项传统帮扶项目。",
        ("全国总工会", "organizes", "金秋助学"),
    ),
    (
        "区总工会举行「金秋助学」助学金发放仪式。今年，江岸区总工会联合武汉楚江建设集团有限公司开展助学活动。",
        ("武汉楚江建设集团有限公司", "organizes", "金秋助学"),
    ),
    (
        "近日，鼓楼街道爱心驿站正式启用。驿站是今年为环卫工人办理的实事项目之一。",
        ("鼓楼街道爱心驿站", "serves", "环卫工人"),
    ),
    (
        "自2023年启动“暖心驿站行动”以来，天河区总工会已建成工会驿站186个。",
        ("天河区总工会", "organizes", "暖心驿站行动"),
    ),
    (
        "房山工匠学院由房山区总工会建设，面向全区产业工人开展技能培训。",
        ("房山工匠学院", "serves", "产业工人"),
    ),
    # a post inside the union's own committee still places the person in the union
    (
        "怀柔区总工会副主席、女职工委员会主任张丽萍介绍，区总工会将开展筛查。",
        ("张丽萍", "memberOf", "怀柔区总工会"),
    ),
    # a counted description with nothing to refer back to names a new site
    (
        "由顺义区总工会与空港街道总工会共同打造的顺义区首家网约车司机之家正式启用。",
        ("空港街道总工会", "operates", "网约车司机之家"),
    ),
    # organisers listed clause by clause
    (
        "海淀区第十届职工职业技能大赛启动。本届大赛由海淀区总工会主办，中关村街道总工会承办。",
        ("中关村街道总工会", "organizes", "海淀区第十届职工职业技能大赛"),
    ),
    # co-organisers, passive and active
    (
        "近日，由通州区总工会与通州区卫生健康委员会、北京潞河医院联合举办的职工健康知识大赛举行。",
        ("北京潞河医院", "organizes", "职工健康知识大赛"),
    ),
    (
        "近日，由通州区总工会与通州区卫生健康委员会、北京潞河医院联合举办的职工健康知识大赛举行。",
        ("通州区总工会", "organizes", "职工健康知识大赛"),
    ),
    ("房山区总工会启动“金秋助学”活动。", ("房山区总工会", "organizes", "金秋助学")),
    # facilities: who built them, where, for whom
    (
        "由昌平区总工会与北京城建集团有限责任公司共同打造的“回龙观骑士驿站”正式揭牌。",
        ("北京城建集团有限责任公司", "operates", "回龙观骑士驿站"),
    ),
    (
        "“回龙观骑士驿站”，在位于昌平区的京藏高速回龙观服务区正式揭牌。",
        ("回龙观骑士驿站", "locatedIn", "京藏高速回龙观服务区"),
    ),
    (
        "“回龙观骑士驿站”，在位于昌平区的京藏高速回龙观服务区正式揭牌。",
        ("京藏高速回龙观服务区", "locatedIn", "昌平区"),
    ),
    ("“回龙观骑士驿站”旨在为广大外卖骑手提供休息场所。", ("回龙观骑士驿站", "serves", "外卖骑手")),
    # events and where they were held
    (
        "“夏送清凉”慰问活动在西城区金融街街道丽泽骑士驿站举行，为环卫工人送上防暑用品。",
        ("夏送清凉慰问活动", "heldAt", "丽泽骑士驿站"),
    ),
    (
        "“夏送清凉”慰问活动在西城区金融街街道丽泽骑士驿站举行，为环卫工人送上防暑用品。",
        ("夏送清凉慰问活动", "serves", "环卫工人"),
    ),
    (
        "“夏送清凉”慰问活动在西城区金融街街道丽泽骑士驿站举行，为环卫工人送上防暑用品。",
        ("丽泽骑士驿站", "locatedIn", "金融街街道"),
    ),
    # people with posts
    ("密云区总工会党组书记、主席张立新出席并讲话。", ("张立新", "memberOf", "密云区总工会")),
    ("东城区总工会党组书记、主席周明带队走进东华门街道。", ("周明", "memberOf", "东城区总工会")),
    # a job title, like a post, places a worker in the organisation named before it
    (
        "北京城建集团有限责任公司高级技师刘建军走上讲台。",
        ("刘建军", "memberOf", "北京城建集团有限责任公司"),
    ),
    # a studio hosted by a company
    (
        "李明劳模创新工作室依托北京华辰制药有限公司建立，现有成员12人。",
        ("北京华辰制药有限公司", "operates", "李明劳模创新工作室"),
    ),
    # a short form with nothing to stand for in the article is named as written
    ("会上，区总工会启动“暖心驿站行动”。", ("区总工会", "organizes", "暖心驿站行动")),
    # short forms resolve to the full name of the article
    (
        "怀柔区总工会召开会议。会上，区总工会启动“暖心驿站行动”。",
        ("怀柔区总工会", "organizes", "暖心驿站行动"),
    ),
    # a government body called by its abbreviation is the body the article names
    (
        "昌平区总工会与昌平区住房和城乡建设委员会召开联席会。会后，区总工会将联合区住建委开展安全生产月活动。",
        ("昌平区住房和城乡建设委员会", "organizes", "安全生产月活动"),
    ),
    (
        "昌平区住房和城乡建设委员会召开会议。昌平区住建委启动“工地夜校”项目。",
        ("昌平区住房和城乡建设委员会", "organizes", "工地夜校项目"),
    ),
    # a union's own programme, named right after it, is what the clause is about
    (
        "今年朝阳区总工会送温暖活动共筹集资金500万元，将慰问困难职工、环卫工人等群体。",
        ("送温暖活动", "serves", "环卫工人"),
    ),
    # the place of an event may be named through its owner and district
    (
        "首钢集团举办“焊工技能竞赛”。竞赛在该公司位于石景山区的首钢实训基地举行。",
        ("焊工技能竞赛", "heldAt", "首钢实训基地"),
    ),
    # a site located through a chain of divisions is in the place that ends it
    (
        "近日，西单工会驿站正式启用。驿站位于西城区西长安街街道的西单文化广场东侧。",
        ("西单工会驿站", "locatedIn", "西单文化广场"),
    ),
    # a union convenes or holds a named event
    (
        "5月7日，海淀区中关村街道总工会在中关村街道工会驿站举行快递员集中入会仪式。",
        ("海淀区中关村街道总工会", "organizes", "快递员集中入会仪式"),
    ),
    # what a union holds in a place organises it, and the sentence goes on about it
    (
        "门头沟区总工会在潭柘寺镇举办“工会进万家”活动，为辖区200余名环卫工人送去防暑降温物资。",
        ("门头沟区总工会", "organizes", "工会进万家"),
    ),
    (
        "门头沟区总工会在潭柘寺镇举办“工会进万家”活动，为辖区200余名环卫工人送去防暑降温物资。",
        ("工会进万家", "serves", "环卫工人"),
    ),
    # a programme that covers a group is for it
    (
        "丰台区总工会将投入资金1200万元，开展送温暖活动，覆盖困难职工、环卫工人等群体。",
        ("送温暖活动", "serves", "环卫工人"),
    ),
    # a clause without an agent of its own continues the sentence's union
    (
        "延庆区总工会今年将投入资金200万元，在全区新建爱心驿站15家，同时开展“冬送温暖”活动。",
        ("延庆区总工会", "organizes", "冬送温暖"),
    ),
    # the body whose founding an event marks holds it
    (
        "顺城区物流行业工会联合会成立暨第一次会员代表大会在物流园举行。",
        (
            "顺城区物流行业工会联合会",
            "organizes",
            "顺城区物流行业工会联合会成立暨第一次会员代表大会",
        ),
    ),
    (
        "密云区总工会于5月10日召开2024年基层工会经费审查工作会议。",
        ("密云区总工会", "organizes", "基层工会经费审查工作会议"),
    ),
    # a body's name right before a programme's says whose it is
    (
        "这次慰问是怀柔区总工会“冬日暖阳”系列活动之一。",
        ("怀柔区总工会", "organizes", "冬日暖阳"),
    ),
    # unnamed members of a list of organisers are passed over
    (
        "由市区两级工会、朝阳区人力资源和社会保障局联合举办的朝阳区职工乒乓球比赛开赛。",
        ("朝阳区人力资源和社会保障局", "organizes", "朝阳区职工乒乓球比赛"),
    ),
    # a venue given with its host does not hide who holds the event
    (
        "通州区总工会在金盾驿站——北京银行通州支行职工驿站举办了“冬送温暖”慰问活动。",
        ("通州区总工会", "organizes", "冬送温暖慰问活动"),
    ),
    # an event said to be one of a programme's is part of it
    (
        "丰台区总工会开展“健康进工地”活动。此次活动是区总工会“夏日清风”系列活动之一。",
        ("健康进工地", "partOf", "夏日清风"),
    ),
    (
        "“悦享书香”读书会是密云区总工会“阅读季”系列活动的第一场。",
        ("悦享书香读书会", "partOf", "阅读季"),
    ),
]

NOT_FOUND = [
    # …the sites, not people said to be spread over them
    (
        "由西河区总工会投建的八座西河驿站投入运行。工友们分布在滨江大桥工程和地铁9号线建设工程。",
        ("西河驿站", "locatedIn", "地铁9号线建设工程"),
    ),
    # …but not after 在 (a place) or 与 (a partner)
    (
        "区总工会在北京城建集团有限责任公司“安全月”活动现场慰问职工。",
        ("北京城建集团有限责任公司", "organizes", "安全月"),
    ),
    # a city in a zone's name is no organiser
    (
        "近日，天津市滨海新区总工会在天津临港经济区举办2025年港口装卸机械操作劳动技能竞赛。",
        ("天津市", "organizes", "港口装卸机械操作劳动技能竞赛"),
    ),
    # a union that is the subject is not a facility's user: no serves from the facility
    (
        "下一步，门城镇总工会将继续以党建引领“工会驿站”建设，为快递员提供服务。",
        ("工会驿站", "serves", "快递员"),
    ),
    # a city or province in a company's name is a brand, not its location
    ("北京东方建工集团工会开展活动。", ("北京东方建工集团工会", "locatedIn", "北京")),
    ("北京城建集团有限责任公司参加竞赛。", ("北京城建集团有限责任公司", "locatedIn", "北京市")),
    # a street named only to find the building is not where the site is
    (
        "近日，望京街道工会驿站正式启用。该驿站位于阜通东大街与广顺北大街交叉口附近的融科资讯中心一层。",
        ("望京街道工会驿站", "locatedIn", "阜通东大街"),
    ),
    # 位于D的F: the district locates the site that follows, not the body before
    (
        "首钢集团举办“焊工技能竞赛”。竞赛在该公司位于石景山区的首钢实训基地举行。",
        ("首钢集团", "locatedIn", "石景山区"),
    ),
    # a district right after 在 is where the event is, not who holds it
    (
        "成都市总工会8月5日在成华区东郊记忆举行“暖心驿站行动”启动仪式。",
        ("成华区", "organizes", "暖心驿站行动"),
    ),
    # …but a district leading the sentence is where things happen, not who does them
    (
        "2024年，怀柔区各项工作顺利推进，2025年将实施《怀柔区职工服务体系建设方案》。",
        ("怀柔区", "organizes", "怀柔区职工服务体系建设方案"),
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


def test_every_triple_has_its_evidence_sentence(extractor) -> None:
    from tests.conftest import make_article

    text = "近日，丰台区总工会召开全会。\n密云区总工会党组书记、主席张立新出席并讲话。"
    record = extractor(make_article(text))
    assert record["triples"]
    for triple in record["triples"]:
        for evidence in triple["evidence"]:
            assert evidence["text"] == text[evidence["start"] : evidence["end"]].strip()
            assert triple["s"] in evidence["text"] or triple["s"][:2] in evidence["text"]
            assert evidence["rule"]
