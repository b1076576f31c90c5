"""Short forms with no full name in the article are entities of their own, named as written
and identified by what they stand for; short forms with a full name resolve to it."""

from __future__ import annotations

import pytest

from tests.conftest import make_article


def _entities(extractor, text: str) -> dict[str, dict]:
    record = extractor(make_article(text))
    return {e["name"]: e for e in record["entities"]}


@pytest.mark.parametrize(
    ("text", "name", "entity_id", "preferred"),
    [
        # the province of the city the article is about
        (
            "绵阳市总工会召开职工代表大会，省总工会副主席王强出席。",
            "省总工会",
            "Union:四川省总工会@四川省",
            "四川省总工会",
        ),
        # an autonomous prefecture's union called by its level word (州总工会), a
        # banner's (旗总工会)
        (
            "临夏回族自治州职工技能竞赛启动，州总工会主席王强主持。",
            "州总工会",
            "Union:临夏回族自治州总工会@甘肃省/临夏回族自治州",
            "临夏回族自治州总工会",
        ),
        (
            "土默特左旗职工运动会开幕，旗总工会主席王强致辞。",
            "旗总工会",
            "Union:土默特左旗总工会@内蒙古自治区/呼和浩特市/土默特左旗",
            "土默特左旗总工会",
        ),
        # a district's bureau and union stay apart from another district's
        (
            "近日，丰台区卢沟桥街道的环卫工人收到了区总工会送来的慰问品。",
            "区总工会",
            "Union:丰台区总工会@北京市/丰台区",
            "丰台区总工会",
        ),
        # the longest form the article uses names it: 市总工会, not 市总
        (
            "厦门市同安区总工会开展慰问。市总将继续支持，市总工会副主席李强表示。",
            "市总工会",
            "Union:厦门市总工会@福建省/厦门市",
            "厦门市总工会",
        ),
        # a body known by one short form only
        ("全总近日印发通知，部署送温暖活动。", "全总", "Union:中华全国总工会", "中华全国总工会"),
        # a division named only by its short form is called so in the article
        ("广州的快递员和外卖骑手在驿站休息。", "广州", "District:广东省/广州市", "广州市"),
        # a city's abbreviation that no table of divisions lists names the city
        (
            "哈市总工会开展送温暖活动。",
            "哈市总工会",
            "Union:哈尔滨市总工会@黑龙江省/哈尔滨市",
            "哈尔滨市总工会",
        ),
        # an article that names no division: the short form is all the name there is
        ("市总工会与律师王芳走进建筑工地，开展普法活动。", "市总工会", "Union:市总工会", None),
        # a zone's bare kind: the zone of the article's city
        (
            "成都市总工会召开会议，高新区总工会新建职工书屋5家。",
            "高新区总工会",
            "Union:高新区总工会@四川省/成都市",
            None,
        ),
    ],
)
def test_short_form_without_full_name(
    extractor, text: str, name: str, entity_id: str, preferred: str
) -> None:
    entities = _entities(extractor, text)
    assert name in entities, sorted(entities)
    assert entities[name]["id"] == entity_id
    assert entities[name].get("preferred_name") == preferred


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        (
            "朝阳区望京街道总工会举办讲座。街道工会将继续服务职工。",
            "朝阳区望京街道总工会",
            "街道工会",
        ),
        ("宋庄镇工会联合会召开会议。镇工会将开展培训。", "宋庄镇工会联合会", "镇工会"),
        # a union named only inside the name of its meeting is keyed by its division too
        (
            "宋庄镇工会联合会换届暨第三届会员代表大会举行。会上选出镇工会联合会新一届委员。",
            "宋庄镇工会联合会",
            "镇工会联合会",
        ),
        ("衢州市总工会召开会议。衢州市总表示，将打造工匠学院。", "衢州市总工会", "衢州市总"),
        # a short form written after its division (衢州市总, 仁寿县总) is that division's
        # union, not the nearest one of its level: a page names several
        (
            "衢州市总开展培训\n\n3月1日，杭州市总工会举办活动。衢州市总工会开展培训。",
            "衢州市总工会",
            "衢州市总",
        ),
        (
            "仁寿县总供图\n\n通江县总工会调研村级工会建设。眉山市仁寿县总工会举办早餐活动。",
            "眉山市仁寿县总工会",
            "仁寿县总",
        ),
        # an event of two joined by 暨 named by a half (the first as it ends), or joined
        # to the same second half
        (
            "东湖区总工会开展2024职工安全行动暨消防宣传月活动\n"
            "6月8日，东湖区总工会联合区应急局开展了职工安全行动月和职工消防宣传月活动。",
            "2024职工安全行动暨消防宣传月活动",
            "职工安全行动",
        ),
        (
            "东湖区卫生系统召开庆祝“五一”劳动节暨劳模表彰大会\n"
            "4月29日，东湖区卫生系统庆祝“五一”国际劳动节135周年暨劳模表彰大会在礼堂举行。",
            "东湖区卫生系统庆祝五一国际劳动节135周年暨劳模表彰大会",
            "五一劳动节暨劳模表彰大会",
        ),
        # a programme's name with a few words of its middle left out is the programme
        (
            "东湖煤矿工会开展“青安杯”知识竞赛活动\n"
            "6月2日，东湖煤矿工会举办的“青安杯”消防知识竞赛在职工学校开赛。",
            "青安杯消防知识竞赛",
            "青安杯知识竞赛活动",
        ),
        (
            "4月2日，青山区总工会启动“平安同行 幸福青山”青山工会职工安全守护行动。"
            "“平安同行 幸福青山”安全守护行动以安全培训为主要内容。",
            "平安同行 幸福青山青山工会职工安全守护行动",
            "平安同行 幸福青山安全守护行动",
        ),
        # a headline's event named after its district is the one the text names otherwise
        (
            "东湖区暑期职工子女爱心托班开班\n"
            "7月10日，由东湖区总工会开办的“快乐暑假 童心相伴”2025年暑期职工子女爱心托班正式开班。",
            "快乐暑假 童心相伴2025年暑期职工子女爱心托班",
            "东湖区暑期职工子女爱心托班",
        ),
        # an activity named by its theme is the one its own words name elsewhere
        (
            "东湖街道总工会开展职工相亲交友活动\n"
            "5月20日，东湖街道总工会举办了以“相约初夏 缘定东湖”为主题的职工相亲交友活动。",
            "相约初夏 缘定东湖",
            "职工相亲交友活动",
        ),
        # 本次活动以“X”为主题 after the activity: it is named by its theme, as 以“X”为主题的
        # 某某活动 is
        (
            "5月1日，东城街道总工会在东城社区开展职工健康义诊活动。"
            "本次活动以“温暖你我，情系一线”为主题，街道总工会还准备了茶水。",
            "温暖你我，情系一线",
            "职工健康义诊活动",
        ),
        (
            "东城区总工会在东城广场举办职工交友活动。活动以“遇见美好”为主题，吸引了百余名青年职工参加。",
            "遇见美好",
            "职工交友活动",
        ),
        # a programme's name and 活动 is the programme the article names so, not a
        # longer name that holds it
        (
            "东湖区各街道工会启动“送清凉”活动\n"
            "西湖街道工会开展了“关心职工、酷暑送清凉”活动；南湖街道总工会则在两处开展送清凉活动。",
            "送清凉",
            "送清凉活动",
        ),
    ],
)
def test_short_form_resolves_to_the_full_name(extractor, text: str, full: str, short: str) -> None:
    entities = _entities(extractor, text)
    assert short not in entities
    assert short in entities[full]["aliases"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the programme a joined ceremony opens
        (
            "东湖区总工会举行东湖区职工技能大赛启动仪式暨首场比赛。",
            ("东湖区职工技能大赛", "东湖区职工技能大赛启动仪式暨首场比赛"),
        ),
        # events of two districts
        (
            "东湖区职工运动会开幕\n此前，西湖区第一届职工运动会已举行。",
            ("东湖区职工运动会", "西湖区第一届职工运动会"),
        ),
        # two editions of an event
        (
            "东湖区总工会举办东湖区第一届职工运动会。"
            "此前，东湖区总工会已举办东湖区第二届职工趣味运动会。",
            ("东湖区第一届职工运动会", "东湖区第二届职工趣味运动会"),
        ),
        # a themed activity and another one named with more words
        (
            "东湖区总工会举办以“相约金秋”为主题的青年职工交友联谊活动。"
            "今年以来，东湖区总工会已举办“东湖鹊桥”青年职工交友联谊活动5场。",
            ("东湖鹊桥青年职工交友联谊活动", "相约金秋"),
        ),
        # a games the theme is said of keeps its own name: the theme names no activity
        # that is not called one
        (
            "5月1日，东城街道总工会举办了职工趣味运动会。"
            "本次活动以“温暖你我，情系一线”为主题，吸引职工参加。",
            ("职工趣味运动会", "温暖你我，情系一线"),
        ),
        # ...and so does an activity named after its division
        (
            "东城区总工会在东城公园举办东城区职工健步走活动。本次活动以“健康同行”为主题。",
            ("东城区职工健步走活动", "健康同行"),
        ),
        # a known programme and a name of two slogans that ends with it
        (
            "东湖区总工会启动“送清凉”活动\n西湖街道工会开展了“关心职工、酷暑送清凉”活动。",
            ("送清凉", "关心职工、酷暑送清凉"),
        ),
    ],
)
def test_names_that_stay_apart(extractor, text: str, names: tuple[str, str]) -> None:
    entities = _entities(extractor, text)
    for name in names:
        assert name in entities, sorted(entities)


def test_a_form_that_names_by_context_is_no_name_of_the_entity_in_the_graph(extractor) -> None:
    from rdflib.namespace import SKOS

    from kg.graph.rdf import article_triples

    text = (
        "丰台区总工会开展慰问\n丰台区总工会开展慰问。区总工会副主席李强出席。"
        "中华全国总工会要求，全总各部门做好工作。甲街道工会驿站开放，该驿站为外卖骑手服务。"
    )
    record = extractor(make_article(text))
    entities = {e["name"]: e for e in record["entities"]}
    # In the article's record, every form is an alias (the gold format's rule) ...
    assert "区总工会" in entities["丰台区总工会"]["aliases"]
    assert entities["丰台区总工会"]["context_forms"] == ["区总工会"]
    assert entities["甲街道工会驿站"]["context_forms"] == ["驿站"]
    # ... in the graph only the forms that name it anywhere are.
    labels = {str(o) for _, p, o in article_triples(record, "a.txt", "0") if p == SKOS.altLabel}
    assert "全总" in labels
    assert not labels & {"区总工会", "驿站"}
