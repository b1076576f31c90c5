"""Where an initiative's name starts and ends around quotations, and the words that head
a programme only after one. Tables of sentences written for the tests."""

from __future__ import annotations

import pytest

ENTITIES_FOUND = [
    # a theme in quotation marks and a dash qualify the event named after them
    (
        "由东城街道总工会主办的“七彩暑假 筑梦成长”——2022暑期职工子女爱心公益课堂开班。",
        ("Initiative", "2022暑期职工子女爱心公益课堂"),
    ),
    # ball games and tournaments are events (球赛, 联赛, 邀请赛…)
    ("敦化市总工会举办“华康杯”全市职工排球赛。", ("Initiative", "华康杯全市职工排球赛")),
    ("2024年朝阳区职工羽毛球赛在区体育馆举行。", ("Initiative", "朝阳区职工羽毛球赛")),
    ("东城区和平街道总工会立即行动，开展“夏送清凉”慰问活动。", ("Union", "东城区和平街道总工会")),
    # a few words between two quotations are one slogan with them
    ("东城区总工会“乐”享我“家”职工子女托班开班。", ("Initiative", "乐享我家职工子女托班")),
    # words before a quotation belong to the event's name grown from its head…
    (
        "卫健委联合，在某市妇幼保健院举行了新就业形态女职工免费“两癌”筛查活动启动仪式。",
        ("Initiative", "新就业形态女职工免费两癌筛查活动启动仪式"),
    ),
    # …and to the programme the ceremony opens
    (
        "卫健委联合，在某市妇幼保健院举行了新就业形态女职工免费“两癌”筛查活动启动仪式。",
        ("Initiative", "新就业形态女职工免费两癌筛查活动"),
    ),
    ('区总工会两节"送温暖"活动由此拉开帷幕。', ("Initiative", "两节送温暖活动")),
    ("街道工会举行“暖心屋”建设启动仪式。", ("Initiative", "暖心屋建设启动仪式")),
    # a quoted name that runs on past 暨 starts before the quotation too, up to a
    # word that cannot be in it
    (
        "由区教育局主办的东湖区教育系统庆祝“五一”国际劳动节暨先进表彰大会在礼堂举行。",
        ("Initiative", "东湖区教育系统庆祝五一国际劳动节暨先进表彰大会"),
    ),
    # a show's head, with the edition and the division before a quotation
    (
        "街道工会承办的西湖区第三届“护林节”文艺汇演在社区礼堂上演。",
        ("Initiative", "西湖区第三届护林节文艺汇演"),
    ),
    # programme heads that name only after a quotation
    ("区总工会深化“三心两意”工作体系，服务职工。", ("Initiative", "三心两意工作体系")),
    ("市总工会打造“惠工优选”职工普惠平台。", ("Initiative", "惠工优选职工普惠平台")),
    ("县法院与县总工会探索“法院+工会”纠纷调解模式。", ("Initiative", "法院+工会纠纷调解模式")),
    # a programme quoted in full keeps its name beside the event named after it
    ("市总工会举行“金秋圆梦行动”启动仪式。", ("Initiative", "金秋圆梦行动")),
    # an activity called by its quotation, whatever kind of activity it says it is
    ("区总工会策划并启动了“清凉到岗”暖心活动。", ("Initiative", "清凉到岗")),
    # a known programme stays its own beside a meeting about it
    ("区总工会启动两节送温暖部署会,确保困难职工送温暖到人。", ("Initiative", "送温暖")),
    # 劳动和技能竞赛 is one head, 和 and all
    ("区总工会启动2024年滨江区劳动和技能竞赛。", ("Initiative", "滨江区劳动和技能竞赛")),
    (
        "市总工会在港区举办2025年滨海新区建设工程劳动和技能竞赛。",
        ("Initiative", "滨海新区建设工程劳动和技能竞赛"),
    ),
    # a quoted theme names the activity after it
    (
        "一场以“晨光相约 缘定滨江”为主题的职工相亲交友活动在咖啡厅举行。",
        ("Initiative", "晨光相约 缘定滨江"),
    ),
    # programmes named without a head, in a list that sums them up as programmes
    (
        "区总工会推出了职工线上法律微课堂、劳动合同免费审查、维权热线值守服务等线上举措。",
        ("Initiative", "职工线上法律微课堂"),
    ),
    (
        "区总工会推出了职工线上法律微课堂、劳动合同免费审查、维权热线值守服务等线上举措。",
        ("Initiative", "劳动合同免费审查"),
    ),
    (
        "工会将抓好退休职工大病互助保障、在岗职工意外伤害保障、女职工特殊疾病保障这三项参保项目。",
        ("Initiative", "退休职工大病互助保障"),
    ),
    (
        "社区工会为快递员设计了快递·平安行、快递·暖心行、快递·健康行等活动。",
        ("Initiative", "快递·暖心行"),
    ),
    # a slogan of two halves that the words after it call an activity is its name
    (
        "会上，东湖区教育工会女职工委员会发出了“穿针引线，温暖你我”的倡议活动。",
        ("Initiative", "穿针引线，温暖你我"),
    ),
    (
        "东湖区总工会组织职工参与到“爱心采购，助农增收”活动中。",
        ("Initiative", "爱心采购，助农增收"),
    ),
]

ENTITIES_NOT_FOUND = [
    # attending a meeting is no part of its name (出席会议, 列席会议)
    (
        "区总工会副主席李大刚,海曙区有关部门负责人出席会议。",
        ("Initiative", "海曙区有关部门负责人出席会议"),
    ),
    # a body or a site that acts at once (迅速行动, 立即行动) names no programme
    (
        "7月4日，东城区和平街道甲社区工会驿站迅速行动，开展“夏送清凉”慰问活动。",
        ("Initiative", "东城区和平街道甲社区工会驿站迅速行动"),
    ),
    (
        "接到通知后，东城区和平街道总工会立即行动，开展“夏送清凉”慰问活动。",
        ("Initiative", "东城区和平街道总工会立即行动"),
    ),
    # a verb between two quotations ends the first name: two programmes, no slogan
    (
        "东城区总工会将“职工三走访”纳入“我为职工办实事”实践活动。",
        ("Initiative", "职工三走访纳入我为职工办实事实践活动"),
    ),
    (
        "东城区总工会把“职工三走访”作为了“我为职工办实事”实践活动。",
        ("Initiative", "职工三走访作为了我为职工办实事实践活动"),
    ),
    # a series of activities of a kind is no programme's name
    (
        "近日，东城区总工会开展了一系列送温暖活动，为困难职工送去慰问品。",
        ("Initiative", "一系列送温暖活动"),
    ),
    (
        "南城区邮政管理局联合区总工会开展一系列活动，为快递员送上慰问。",
        ("Initiative", "一系列活动"),
    ),
    # speech with a comma is no slogan, though an activity is named after it
    (
        "一位职工说：“服务很好，我们很满意”，活动很成功。",
        ("Initiative", "服务很好，我们很满意"),
    ),
    # the organiser and the verb of carrying a programme on are not of its name
    (
        "西湖区总工会“春风送岗”就业服务活动在广场举行。",
        ("Initiative", "西湖区总工会春风送岗就业服务活动"),
    ),
    ("区总工会将深化“书香西湖·职工阅读月”活动。", ("Initiative", "深化书香西湖·职工阅读月活动")),
    ("某公司掀起保质量劳动竞赛热潮。", ("Initiative", "某公司掀起保质量劳动竞赛")),
    ("区总工会大力推行群众性安全工程。", ("Initiative", "大力推行群众性安全工程")),
    # nor the body whose programme it is, nor the group it is for
    ("落实区委“3456”工作体系。", ("Initiative", "落实区委3456工作体系")),
    ("落实区委“3456”工作体系。", ("Initiative", "区委3456工作体系")),
    (
        "展位上讲解新就业形态劳动者“平安骑行”综合保障平台。",
        ("Initiative", "新就业形态劳动者平安骑行综合保障平台"),
    ),
    # a quotation followed by what is carried out is no name's part
    ("区总工会启动2025至2027年“产改”实施纲要。", ("Initiative", "产改实施纲要")),
    # quotations in a row are a list: the count after them names nothing
    ("构建“目标体系”“责任体系”“考评体系”三大体系。", ("Initiative", "考评体系三大体系")),
    # a programme head needs words of its own after the quotation, and not many
    ("区总工会提供“一站式”平台。", ("Initiative", "一站式平台")),
    (
        "“凉都优选”职工普惠购物节热闹开幕新闻客户端平台",
        ("Initiative", "凉都优选职工普惠购物节热闹开幕新闻客户端平台"),
    ),
    # one quoted character is a pun, no programme's name
    ("从“工”迈向“匠”搭起实践平台。", ("Initiative", "工迈向匠搭起实践平台")),
    # ways of working and services are no programmes
    ("落实区委“揭榜挂帅”工作机制。", ("Initiative", "揭榜挂帅工作机制")),
    ("驿站为骑手提供“一站式”贴心服务。", ("Initiative", "一站式贴心服务")),
    # works performed or given at an event are no initiatives
    ("职工子女跳起集体舞《快乐的节日》，赢得掌声。", ("Initiative", "快乐的节日")),
    ("合唱团演唱歌曲《劳动最光荣》。", ("Initiative", "劳动最光荣")),
    ("区总工会策划并启动了“清凉到岗”暖心活动。", ("Initiative", "清凉到岗暖心活动")),
    # a known programme carried out under a longer name is that programme
    ("区总工会启动“工会送温暖行动”,确保困难职工送温暖到人。", ("Initiative", "送温暖")),
    # the works a contest is held on are no programme of it
    (
        "市总工会在港区举办2025年滨海新区建设工程劳动和技能竞赛。",
        ("Initiative", "滨海新区建设工程"),
    ),
    # the activity a quoted theme names is that one, not another beside it
    (
        "一场以“晨光相约 缘定滨江”为主题的职工相亲交友活动在咖啡厅举行。",
        ("Initiative", "职工相亲交友活动"),
    ),
    (
        "街道工会开展了主题为“辞旧迎新 传递祝福”的系列送温暖之义诊服务活动。",
        ("Initiative", "送温暖"),
    ),
    # a quotation before 等 opens a list: the activity is not the quotation's alone
    ("下一步将把“送温暖”等关爱活动常态化开展下去。", ("Initiative", "送温暖等关爱活动")),
    # services, pastimes and clauses listed so are no programmes: too few words, or a
    # verb opening a member
    ("驿站提供免费饮水、手机充电、应急药品等服务。", ("Initiative", "手机充电")),
    ("运动会设拔河、篮球、乒乓球、羽毛球等比赛项目。", ("Initiative", "乒乓球")),
    (
        "工会组织开展职工健康知识讲座、开展法律咨询进企业、举办青年职工交友会等活动。",
        ("Initiative", "开展法律咨询进企业"),
    ),
    (
        "工会组织开展职工健康知识讲座、开展法律咨询进企业、举办青年职工交友会等活动。",
        ("Initiative", "职工健康知识讲座"),
    ),
    # a list that names sites as well is not one of programmes
    (
        "街道建成河畔职工爱心驿站、滨江职工书屋、户外劳动者读书角等惠民项目。",
        ("Initiative", "户外劳动者读书角"),
    ),
    # a year before the words before a quotation leaves its start unsure: the
    # quotation's own name stands
    (
        "五部门主办的2025年某某三地“安康杯”知识竞赛在县城举行。",
        ("Initiative", "某某三地安康杯知识竞赛"),
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
