"""Initiatives, worker groups and whom they serve: tables of sentences written for the tests."""

from __future__ import annotations

import pytest

ENTITIES_FOUND = [
    # a worker group named by a generic head and the words that narrow it
    # (kept as entities where a programme or site serves them)
    ("“清凉行”活动为辖区保洁职工、安保人员送去防暑用品。", ("WorkerGroup", "保洁职工")),
    ("“清凉行”活动为辖区保洁职工、安保人员送去防暑用品。", ("WorkerGroup", "安保人员")),
    ("“回家路”行动为外地务工人员送上车票。", ("WorkerGroup", "外地务工人员")),
    ("“暖冬”行动为困难女职工送上慰问金。", ("WorkerGroup", "困难女职工")),
    # a group's children are a group of their own
    (
        "“七彩假期”托管班面向双职工子女和进城务工人员随迁子女开放。",
        ("WorkerGroup", "进城务工人员随迁子女"),
    ),
    # (or where the article names them again)
    (
        "区总工会开展普法宣传。女职工代表参加了座谈，女职工权益保护是今年的重点。",
        ("WorkerGroup", "女职工"),
    ),
    # sites named by their heads
    ("区总工会在社区开办农民工夜校，为农民工提供培训。", ("Facility", "农民工夜校")),
    ("纺织厂“暖心妈咪小屋”正式启用。", ("Facility", "暖心妈咪小屋")),
    ("市总工会困难职工帮扶中心接待来访职工。", ("Facility", "市总工会困难职工帮扶中心")),
    # …but a quoted site followed by 项目 is a programme
    ("区总工会启动“社区夜校”项目。", ("Initiative", "社区夜校项目")),
    # two events joined by 暨 are one name
    (
        "区总工会举办海淀区安全生产月活动暨第二届安全知识竞赛。",
        ("Initiative", "海淀区安全生产月活动暨第二届安全知识竞赛"),
    ),
    # a quoted programme name keeps the words that carry its head, even many of them
    (
        "市总工会开展“书香满园”关爱一线职工读书分享会。",
        ("Initiative", "书香满园关爱一线职工读书分享会"),
    ),
    # a quoted theme is the activity's name, slogan punctuation and all
    (
        "街道工会开展了主题为“冬有暖阳 心有所依”的义诊活动。",
        ("Initiative", "冬有暖阳 心有所依"),
    ),
    ("本次活动以“健康同行，快乐工作”为主题，吸引职工参加。", ("Initiative", "健康同行，快乐工作")),
    # one quoted character is a pun inside a name that starts right before it
    ("区总工会推出暖“心”行动，关爱快递员。", ("Initiative", "暖心行动")),
    # straight quotes pair up as curly ones do
    ('区总工会"暖心送餐"行动正式启动。', ("Initiative", "暖心送餐行动")),
    # meeting and class heads name events after a division or an ordinal
    ("区总工会召开海淀区职工服务体系建设推进会。", ("Initiative", "海淀区职工服务体系建设推进会")),
    ("朝阳区暑期职工子女爱心托管班正式开班。", ("Initiative", "朝阳区暑期职工子女爱心托管班")),
    # a quoted occasion joined by 暨 to a committee's session is one event, not a body
    # that the committee's head would end
    (
        "东湖区总工会召开纪念“五一”国际劳动节80周年大会暨女职工委员会三届二次全委(扩大)会议。",
        ("Initiative", "纪念五一国际劳动节80周年大会暨女职工委员会三届二次全委(扩大)会议"),
    ),
    # a law in 《》 that an event's words follow is the event's topic: the event is
    # named with it
    ("东湖区总工会开展《劳动合同法》宣传周活动。", ("Initiative", "劳动合同法宣传周活动")),
    (
        "公司工会会同安环部组织开展普及新《工会法》答题竞赛活动。",
        ("Initiative", "工会法答题竞赛活动"),
    ),
    # a quoted name before 暨 is an event's, whatever the spacing after 暨
    (
        "朝阳区总工会举办“一日站长”暨 “冬送温暖”活动",
        ("Initiative", "一日站长暨冬送温暖活动"),
    ),
    # a quoted slogan that ends like a body's name is an activity's when an
    # activity's head follows
    (
        "区总工会举办了“相约城市副中心”京津冀青年职工交友联谊活动。",
        ("Initiative", "相约城市副中心京津冀青年职工交友联谊活动"),
    ),
    # an event named right after an organising verb with 了
    (
        "鼓楼区总工会在职工驿站开展了职工法律援助政策宣讲活动。",
        ("Initiative", "职工法律援助政策宣讲活动"),
    ),
    # a verb and a year between the organising verb and the event open its name
    (
        "东城街道总工会举办了关爱2024年新入会快递员送温暖活动。",
        ("Initiative", "关爱2024年新入会快递员送温暖活动"),
    ),
    # …or with the count and length of the occasion between
    (
        "东城区总工会组织劳模开展了一次为期五天的疗休养活动。",
        ("Initiative", "疗休养活动"),
    ),
    # a union head that names no union is a word of the event's name
    ("区总工会召开基层工会规范化建设推进会。", ("Initiative", "基层工会规范化建设推进会")),
    ("县总工会开办2024年工会财务人员培训班。", ("Initiative", "工会财务人员培训班")),
    # …and so is a post the event is for
    ("市总工会举办2023年工会主席培训班。", ("Initiative", "工会主席培训班")),
    # congresses and meetings, with the session of a term
    ("某某医院举行三届五次职工代表大会。", ("Initiative", "三届五次职工代表大会")),
    ("区总工会召开第二次会员代表大会。", ("Initiative", "第二次会员代表大会")),
    ("朝阳区总工会召开职工服务阵地建设工作会议。", ("Initiative", "职工服务阵地建设工作会议")),
    (
        "第五届二次工会委员会（扩大）会议在礼堂召开。",
        ("Initiative", "第五届二次工会委员会（扩大）会议"),
    ),
    # two quotations with a few characters between are one slogan of the name
    (
        "东湖街道总工会首期“童”趣伴“夏”暑期爱心托班在东湖社区开班。",
        ("Initiative", "童趣伴夏暑期爱心托班"),
    ),
    # a head followed by 起来 is a verb: the activity before it is the one named
    (
        "青山区总工会号召各分会会员在区总工会与宏达集团共同发起的"
        "“冬日暖阳——为留守儿童捐赠冬衣、书包”公益活动中带头行动起来。",
        ("Initiative", "冬日暖阳——为留守儿童捐赠冬衣、书包"),
    ),
    # the session of a class (第一期) is no word of its name, unlike a contest's edition
    (
        "第一期电工技能提升培训班的80多名学员已结业。",
        ("Initiative", "电工技能提升培训班"),
    ),
    # a programme being built (某某项目建设) is named, unlike a kind of site (驿站建设)
    (
        "2020年，青山区总工会启动了智慧青山·职工e家项目建设。",
        ("Initiative", "智慧青山·职工e家项目"),
    ),
    # an event put on (办起了) is named by its head after the verb
    ("东湖街道总工会在职工之家办起了亲子阅读分享活动。", ("Initiative", "亲子阅读分享活动")),
    # a session of an activity for a group (某某活动——某某专场) is named by its head
    (
        "由青山区总工会与青山区妇联共同主办的“法护巾帼”青山区女职工普法宣传活动"
        "——网约车女司机专场在青山驿站举行。",
        ("Initiative", "网约车女司机专场"),
    ),
    # …but not where an activity's head follows it
    ("区总工会累计开展交友联谊专场活动20余场次。", ("Initiative", "交友联谊专场活动")),
    # a union's card is its programme
    (
        "青山区职工普惠服务卡由青山区总工会与青山农商银行共同发行，供全区职工使用。",
        ("Initiative", "青山区职工普惠服务卡"),
    ),
    # a session of a union's congress right after the union's name is named with it
    (
        "5月20日，武汉市青山区钢城工业园工会联合会第三次会员代表大会在园区会议中心召开。",
        ("Initiative", "武汉市青山区钢城工业园工会联合会第三次会员代表大会"),
    ),
    (
        "东湖街道总工会四届二次会员代表大会召开。",
        ("Initiative", "东湖街道总工会四届二次会员代表大会"),
    ),
    # the founding of a body joined to an event by 暨 opens its name; the body stays
    (
        "顺城区物流行业工会联合会成立暨第一次会员代表大会在物流园举行。",
        ("Initiative", "顺城区物流行业工会联合会成立暨第一次会员代表大会"),
    ),
    (
        "顺城区物流行业工会联合会成立暨第一次会员代表大会在物流园举行。",
        ("Union", "顺城区物流行业工会联合会"),
    ),
    (
        "河西区职工法律服务工作室揭牌暨工作推进会召开。",
        ("Facility", "河西区职工法律服务工作室"),
    ),
    # after 暨 the second event is named however few its words, a verb opening them…
    (
        "东湖区总工会举办东湖区外卖骑手暖心驿站揭牌暨骑行家园青湖站启动仪式。",
        ("Initiative", "东湖区外卖骑手暖心驿站揭牌暨骑行家园青湖站启动仪式"),
    ),
    (
        "东湖区总工会与东湖区人民检察院共同举办东湖区金桥职工法律援助工作室揭牌暨工作部署会。",
        ("Initiative", "东湖区金桥职工法律援助工作室揭牌暨工作部署会"),
    ),
    # …or none but the head
    (
        "青山街道职工服务中心成立暨揭牌仪式在青山街道举行。",
        ("Initiative", "青山街道职工服务中心成立暨揭牌仪式"),
    ),
    # the site whose opening names the occasion stays, after the divisions
    (
        "东湖区总工会与东湖区人民检察院共同举办东湖区金桥职工法律援助工作室揭牌暨工作部署会。",
        ("Facility", "金桥职工法律援助工作室"),
    ),
]

ENTITIES_NOT_FOUND = [
    # a name joined by 暨 is an event's: the committee that ends the words after a
    # quotation is no body of that name
    (
        "东湖区总工会召开纪念“五一”国际劳动节80周年大会暨女职工委员会三届二次全委(扩大)会议。",
        ("Organization", "五一国际劳动节80周年大会暨女职工委员会"),
    ),
    # a verb and a year with no organising verb before them are no part of the name
    (
        "劳模们关爱2024年新入会快递员送温暖活动。",
        ("Initiative", "关爱2024年新入会快递员送温暖活动"),
    ),
    # a length with no organising verb before it names no event
    ("劳模们度过了为期五天的疗休养活动。", ("Initiative", "疗休养活动")),
    (
        "青山区总工会号召各分会会员在区总工会与宏达集团共同发起的"
        "“冬日暖阳——为留守儿童捐赠冬衣、书包”公益活动中带头行动起来。",
        ("Initiative", "冬日暖阳——为留守儿童捐赠冬衣、书包公益活动中带头行动"),
    ),
    # quotations in a row are a list: the activity after them is neither's alone
    ("青山街道工会每季度开展“送法律”“送健康”活动。", ("Initiative", "送健康")),
    ("青山街道工会每季度开展“送法律”“送健康”活动。", ("Initiative", "送健康活动")),
    # …but not two joined by a conjunction
    ("东湖街道总工会开展“送清凉”和“送温暖”系列活动。", ("Initiative", "送清凉和送温暖系列活动")),
    # a classifier after a demonstrative is no word of the name it counts
    ("大家都说这张职工服务卡很实用。", ("Initiative", "张职工服务卡")),
    # …but not where the union holds it by a verb between
    (
        "东湖街道总工会召开第三届会员代表大会。",
        ("Initiative", "东湖街道总工会召开第三届会员代表大会"),
    ),
    # …but the occasion of a quoted body is no activity of that name
    ("“朝阳职工服务中心”揭牌仪式在朝阳区举行。", ("Initiative", "朝阳职工服务中心")),
    # a common meeting head with a short modifier is no name
    ("区总工会召开联席会议，研究帮扶工作。", ("Initiative", "联席会议")),
    # counted activities are not an ordinal's
    ("区总工会开展三次活动。", ("Initiative", "三次活动")),
    # a union named before an initiative's head is no part of its name, even where
    # that head is a verb (计划举办)
    ("东湖街道工会计划每月举办一期读书会。", ("Initiative", "东湖街道工会计划")),
    # a class of sites being named at a ceremony is no site
    (
        "西湖区劳模创新工作室命名授牌仪式在职工之家举行。",
        ("Facility", "西湖区劳模创新工作室"),
    ),
    # a count or a verb before a group's head is no part of its name
    ("区总工会为300余名施工人员送上棉衣。", ("WorkerGroup", "300余名施工人员")),
    ("区总工会慰问环卫工人并为施工人员送上棉衣。", ("WorkerGroup", "慰问环卫工人")),
    # a brand before a group of the lexicon is not taken in
    ("驿站为美团外卖骑手提供热水。", ("WorkerGroup", "美团外卖骑手")),
    # a generic head alone names no group
    ("区总工会为职工送上慰问品。", ("WorkerGroup", "职工")),
    # a group word that only modifies a site's head is no group
    ("该区新建职工书屋15家，为职工提供阅读场所。", ("WorkerGroup", "新建职工")),
    # those who give the service are no group it is for
    (
        "“健康行”活动为环卫工人送上体检，医护人员为环卫工人讲解，医护人员十分耐心。",
        ("WorkerGroup", "医护人员"),
    ),
    # a group that nothing is said to serve is no node of the graph
    ("记者在现场看到，保洁职工正在清扫路面。", ("WorkerGroup", "保洁职工")),
    # the words after a quotation stop before a verb of going
    (
        "“技能进课堂”首场活动走进北京市第九中学。",
        ("Organization", "技能进课堂首场活动走进北京市第九中学"),
    ),
]

SERVES_FOUND = [
    # the nearest programme or site before the cue in the sentence serves every group
    # of the list, and the group that sums them up
    (
        "西城区总工会开展“夏日清风”行动，为保洁职工、快递员等户外劳动者送上防暑用品。",
        ("夏日清风行动", "serves", "保洁职工"),
    ),
    (
        "西城区总工会开展“夏日清风”行动，为保洁职工、快递员等户外劳动者送上防暑用品。",
        ("夏日清风行动", "serves", "户外劳动者"),
    ),
    # unnamed members between named ones do not break the list
    (
        "区总工会启动“冬日暖阳”行动，重点慰问建筑工人、保洁职工以及公交、地铁等行业的户外劳动者。",
        ("冬日暖阳行动", "serves", "户外劳动者"),
    ),
    (
        "区总工会启动“冬日暖阳”行动，重点慰问建筑工人、保洁职工以及公交、地铁等行业的户外劳动者。",
        ("冬日暖阳行动", "serves", "保洁职工"),
    ),
    # 面向, 关爱, 送给 take the group directly
    ("“阳光驿站”面向货车司机和网约车司机开放。", ("阳光驿站", "serves", "网约车司机")),
    (
        "区总工会通过“暖心礼包”活动，把关怀送给困难职工和一线女职工。",
        ("暖心礼包", "serves", "一线女职工"),
    ),
    # a site with no programme before it in its sentence: the previous sentence's topic
    (
        "团结湖街道骑手驿站正式启用。驿站内为外卖骑手提供热水和充电。",
        ("团结湖街道骑手驿站", "serves", "外卖骑手"),
    ),
    # no programme in the sentence or the one before: the headline's serves
    (
        "区总工会“健康进工地”活动启动\n7月1日上午，医生们来到工地。\n"
        "专家们为建筑工人送上防暑药品，并讲解防暑知识。",
        ("健康进工地", "serves", "建筑工人"),
    ),
    # a sentence that opens by saying for whom, then names the programme
    (
        "为帮青年职工、特别是大龄单身职工解决交友难题，由市总工会主办的“缘来是你”联谊会在文化宫举行。",
        ("缘来是你联谊会", "serves", "大龄单身职工"),
    ),
    # an event held at a site, then serving: the event serves, not its venue
    (
        "“清凉一夏”慰问活动在西城区金融街街道丽泽骑士驿站举行，为保洁职工送上防暑用品。",
        ("清凉一夏慰问活动", "serves", "保洁职工"),
    ),
]

SERVES_NOT_FOUND = [
    # a part that a site is said to have does not serve for it
    (
        "阳光驿站由区总工会打造，还设置了母婴关爱室，每天服务快递员等户外劳动者。",
        ("母婴关爱室", "serves", "快递员"),
    ),
    # the venue of an event does not serve its guests
    (
        "“清凉一夏”慰问活动在西城区金融街街道丽泽骑士驿站举行，为保洁职工送上防暑用品。",
        ("丽泽骑士驿站", "serves", "保洁职工"),
    ),
    # 为 that says why, with no serving verb after the group
    (
        "区总工会开展“安全护航”行动，为保洁职工安全作业保驾护航。",
        ("安全护航行动", "serves", "保洁职工"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ENTITIES_FOUND)
def test_finds_entity(extract, text: str, expected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert expected in entities


@pytest.mark.parametrize(("text", "unexpected"), ENTITIES_NOT_FOUND)
def test_does_not_find_entity(extract, text: str, unexpected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert unexpected not in entities


@pytest.mark.parametrize(("text", "expected"), SERVES_FOUND)
def test_finds_serves(extract, text: str, expected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert expected in triples


@pytest.mark.parametrize(("text", "unexpected"), SERVES_NOT_FOUND)
def test_does_not_find_serves(extract, text: str, unexpected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert unexpected not in triples
