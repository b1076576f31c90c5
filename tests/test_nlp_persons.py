"""People and the bodies they hold posts in: (sentence, expected) tables on sentences
written for these tests."""

from __future__ import annotations

import pytest

PERSONS = [
    # contestants named after the word for them, one or a list
    ("选手张建国获得一等奖。", {"张建国"}),
    ("图为挑战赛选手彭晨明、陈鑫宇、曾祥博准备上台领奖。", {"彭晨明", "陈鑫宇", "曾祥博"}),
    # a byline's name at the end of its line ends before the line break
    ("本报记者 魏强\n近日，东城区总工会开展活动。", {"魏强"}),
    # a post, then the name; half-width punctuation ends a name as full-width does
    ("出席的有唐山市总工会党组成员、副主席郑文涛,某区委副书记钱玉。", {"郑文涛", "钱玉"}),
    ("出席的有唐山市总工会党组成员、副主席郑文涛，某区委副书记钱玉。", {"郑文涛", "钱玉"}),
    # posts beyond chairs and secretaries
    ("某集团党委副书记、执行董事孔亮,市工会一级巡视员冯志刚出席。", {"孔亮", "冯志刚"}),
    ("请来某大学教授褚建英、某研究所副所长卫晓东授课。", {"褚建英", "卫晓东"}),
    ("某银行分行行长蒋国栋,某县副县长沈春燕等出席。", {"蒋国栋", "沈春燕"}),
    # a surname that is also a function word, where the given name is one word
    ("省卫健委二级巡视员于振海出席。", {"于振海"}),
    # a rare given name is not cut to two characters
    ("县总工会副主席韩婧妤到场。", {"韩婧妤"}),
    # a list of names that one cue opens
    ("他约上同乡朱德明、秦立本,一起去了工地。", {"朱德明", "秦立本"}),
    # 等 after a name of two characters ends the list, never the given name
    ("区总工会主席叶明,区安监局副局长钱玉等出席会议。", {"叶明", "钱玉"}),
    ("市总工会副主席周航,市妇联主席孔勤等参加调研。", {"周航", "孔勤"}),
    # a name before 一行, 同志, 律师
    ("县总工会党组书记、常务副主席何丽一行前来看望劳模。", {"何丽"}),
    # a rank or another post in brackets between the post and the name
    ("东城区总工会副主席(正科级)余小文出席。", {"余小文"}),
    ("工会主席(纪委书记)杨连华率工作人员深入工地。", {"杨连华"}),
    # 等 after a name of two characters is no part of it
    ("某市总工会副主席刘光等一行到东城区调研。", {"刘光"}),
    ("县总工会副主席黄煊等到场。", {"黄煊"}),
    ("某街道党工委书记吕国华同志在会上讲话。", {"吕国华"}),
    ("值班的是某律师事务所的施红英律师,她耐心听完了讲述。", {"施红英"}),
    # after 的 only a name that does what people do
    ("在区文化馆负责图书借阅的尹海霞介绍说,书每月一换。", {"尹海霞"}),
    ("活动还请来五原县律师事务所的焦宏伟、柴立新两位律师。", {"焦宏伟", "柴立新"}),
    # names listed before 等领导, 等主管
    ("伴着乐曲,段小然、陈红英等主管向获奖团队颁发了证书。", {"段小然", "陈红英"}),
    # a name right after the body it works for
    ("裁判代表某某新材料科技有限公司严文博、选手代表上台宣誓。", {"严文博"}),
    # worker words and job titles as cues
    ("包工头华建平丢下一句话就走了。", {"华建平"}),
    ("某纺织有限公司纺织女工金秀兰难掩喜悦。", {"金秀兰"}),
    ("医院院长魏自觉代表院方讲话。", {"魏自觉"}),
    # any job word ending in 员, 工 or 师
    ("来自河南的钢筋工邵春来说,工地上的驿站很方便。", {"邵春来"}),
    ("在景区工作的讲解员芦晓梅说,孩子也愿意来。", {"芦晓梅"}),
    ("领衔人邢丽君是一名高级工程师。", {"邢丽君"}),
    # after a post, a name written with · and a word no dictionary knows
    ("自治区总工会主席阿卜杜拉·吐尔逊江到会并讲话。", {"阿卜杜拉·吐尔逊江"}),
    ("市总工会主席乌日娜到场,为职工送上体检卡。", {"乌日娜"}),
    # compound surnames
    ("区总工会副主席欧阳振华出席。", {"欧阳振华"}),
    # the name after a body ends before 副 and the post it makes a deputy's
    ("福州市总工会陈华副调研员带队走访企业。", {"陈华"}),
    ("福州市总工会陈立民副调研员带队走访企业。", {"陈立民"}),
]

NO_PERSONS = [
    # a surname that opens an everyday word before a title (花钱|聘|律师)
    "某区总工会成立维权中心,花钱聘律师为农民工讨公道。",
    # a function word before a post is no surname (主任由|律所|主任担任)
    "工作站依托某律师事务所建立,主任由律所主任担任。",
    # a site's head after a word for workers is no name (女职工|关爱室)
    "公司工会新建首个女职工关爱室。",
    # contestants counted or described are no one named
    "参赛选手正在聚精会神进行焊接，选手们来自全市各单位。",
    # 的 opens everyday words as often as names
    "让职工有了满满的安全感。",
    "他们都是些辛勤的劳动者。",
    "在区总工会的支持下,驿站建成了。",
    # the 工 of 工程 and the 师 of 师傅 are no job words
    "工程中使用了新材料。",
    "师傅一边干活一边说。",
    # after words for workers, what is theirs is no name
    "帮职工解难题、办实事。",
    "开通了职工云平台。",
    "实实在在让货车司机师傅们喝上热水。",
    # a body's name followed by a verb phrase
    "联合会成立后，将重点维护会员权益。",
    "快递员和环卫工人都来了。",
    # no name of its own after a post, nor a word and 们, nor a phrase with ·
    "区总工会部长到会讲话。",
    "快递小哥们都来了。",
    "他们为驿站设计的骑手·安全标识很醒目。",
    # bodies listed before 等领导 are no names
    "区委、区政府等领导出席。",
    # a post is no given name
    "党委书记和区长都来了。",
    "快递员和灵活就业人员都来了。",
    "各部门负责人任成员。",
]

NOT_MEMBERS = [
    # after a comma, a post that names a body of its own (副区长) is not the union's
    ("区委常委、海曙区总工会主席王明,副区长李红出席。", ("李红", "memberOf", "海曙区总工会")),
    # ...but a site is no body to be a member of
    (
        "东城区总工会兼职副主席、全国劳模、大国工匠、东城工匠学院名誉院长刘明出席。",
        ("刘明", "memberOf", "东城工匠学院"),
    ),
    # a post after a joining word is no post of the body before it
    ("东城区总工会与律师王芳走进建筑工地。", ("王芳", "memberOf", "东城区总工会")),
    # ...not another division's union named before it
    (
        "北京市总工会副主席马小东、平谷区人大常委会副主任、总工会主席吴长青到会。"
        "平谷区总工会开展慰问。",
        ("吴长青", "memberOf", "北京市总工会"),
    ),
    # a post of a union's department is the department's, not the union's
    (
        "出席的有中华全国总工会宣传教育部副部长冉国华。",
        ("冉国华", "memberOf", "中华全国总工会"),
    ),
    # those the union visits hold no post in it
    ("唐山市总工会看望了困难职工贺秀珍。", ("贺秀珍", "memberOf", "唐山市总工会")),
    # a student admitted to a university does not hold a post there
    ("考入清华大学的孟晓雨说,她要好好学习。", ("孟晓雨", "memberOf", "清华大学")),
    # each post-holder of a list with the body named before the post
    (
        "出席的有密云区总工会副主席马小东,华源集团有限公司董事长郑海明。",
        ("郑海明", "memberOf", "密云区总工会"),
    ),
]

MEMBERS = [
    # a rank in brackets after a listed post
    (
        "东城区总工会主席王大海、副主席(正科级)余小文、副主席宁小娜参加活动。",
        ("余小文", "memberOf", "东城区总工会"),
    ),
    (
        "东城区总工会主席王大海、副主席(正科级)余小文、副主席宁小娜参加活动。",
        ("宁小娜", "memberOf", "东城区总工会"),
    ),
    # after a comma, a union leader's post with no body of its own is the same union's
    (
        "海曙区总工会主席王明,副主席李红,区妇联主席赵小兰出席。",
        ("李红", "memberOf", "海曙区总工会"),
    ),
    ("市总工会副主席许丹,四级调研员刘国杰一行到东城区慰问。", ("刘国杰", "memberOf", "市总工会")),
    # honours (全国劳模, 大国工匠) and a post at a site go on the list of posts
    (
        "东城区总工会兼职副主席、全国劳模、大国工匠、东城工匠学院名誉院长刘明出席。",
        ("刘明", "memberOf", "东城区总工会"),
    ),
    ("东城区交警大队副大队长刘明出席。", ("刘明", "memberOf", "东城区交警大队")),
    # a committee by its short name (经审会) and a spokesman's post go on the list of posts
    (
        "东城区总工会党组成员、经审会主任、一级巡视员刘明出席。",
        ("刘明", "memberOf", "东城区总工会"),
    ),
    ("东城区总工会新闻发言人、宣传部部长刘明出席。", ("刘明", "memberOf", "东城区总工会")),
    ("密云区总工会党组书记、主席周建国出席。", ("周建国", "memberOf", "密云区总工会")),
    ("福州市总工会陈华副调研员带队走访企业。", ("陈华", "memberOf", "福州市总工会")),
    # a bare 总工会 in a list of posts begun at a body named after a division is that
    # division's union, and the first body is held too
    (
        "平谷区人大常委会副主任、总工会主席吴长青到会。平谷区总工会开展慰问。",
        ("吴长青", "memberOf", "平谷区总工会"),
    ),
    (
        "平谷区人大常委会副主任、总工会主席吴长青到会。平谷区总工会开展慰问。",
        ("吴长青", "memberOf", "平谷区人大常委会"),
    ),
    # one post-holder named once for several bodies
    (
        "密云区人大常委会副主任、密云区总工会主席吴长青到会。",
        ("吴长青", "memberOf", "密云区总工会"),
    ),
    # a union's post in a list of officials with half-width commas
    (
        "出席的有唐山市总工会副主席马小东,华源集团有限公司董事长郑海明。",
        ("郑海明", "memberOf", "华源集团有限公司"),
    ),
    # several bodies: each one a post is held in
    (
        "为其挂牌的是密云区委常委、区委办公室主任、密云区总工会主席谢振宇。",
        ("谢振宇", "memberOf", "密云区总工会"),
    ),
    # the next post-holder of a list, without a body of his own
    (
        "到场的有唐山市总工会副主席陶立峰、干部许文亮。",
        ("许文亮", "memberOf", "唐山市总工会"),
    ),
    # a space between post and name; a second post joined with 兼
    (
        "赤峰市公路养护中心主任 邬振国:我们想给司机一个舒心的环境。",
        ("邬振国", "memberOf", "赤峰市公路养护中心"),
    ),
    (
        "出席的有唐山市总工会党组成员兼唐山市总工会经费审查委员会主任邵明华。",
        ("邵明华", "memberOf", "唐山市总工会"),
    ),
    # a post narrowed by a word of its trade; an honour after the post
    ("华源集团有限公司纺织女工苏玉芬说,卡很实用。", ("苏玉芬", "memberOf", "华源集团有限公司")),
    (
        "华源集团有限公司工会主席、劳模龚振华作为企业代表发言。",
        ("龚振华", "memberOf", "华源集团有限公司工会"),
    ),
    # a further post in a department of the same body
    (
        "华源集团有限公司工会副主席兼工会工作部部长邹立新主持活动。",
        ("邹立新", "memberOf", "华源集团有限公司工会"),
    ),
    # taking a post
    (
        "会上,华源集团有限公司工会主席龚振华当选为唐山市物流行业工会联合会主席。",
        ("龚振华", "memberOf", "唐山市物流行业工会联合会"),
    ),
    (
        "来自华源集团有限公司的青年厨师童建伟夺得第一名。",
        ("童建伟", "memberOf", "华源集团有限公司"),
    ),
    # the post in brackets after the name
    ("颁奖嘉宾吕建华(唐山市总工会副主席)为获奖者颁奖。", ("吕建华", "memberOf", "唐山市总工会")),
    # the body, then the name
    ("唐山市总工会华新民部长到会讲话。", ("华新民", "memberOf", "唐山市总工会")),
    ("开幕式上,华源集团有限公司钟明亮宣誓。", ("钟明亮", "memberOf", "华源集团有限公司")),
    # 来自/在 a body, 的, the name
    (
        "在华源集团有限公司担任工会主席的童建伟表示,职工很满意。",
        ("童建伟", "memberOf", "华源集团有限公司"),
    ),
    ("来自华源集团有限公司的童建伟分享了经验。", ("童建伟", "memberOf", "华源集团有限公司")),
    ("请来唐山市律师事务所的焦宏伟、柴立新两位律师。", ("柴立新", "memberOf", "唐山市律师事务所")),
]


@pytest.mark.parametrize(("text", "expected"), PERSONS)
def test_finds_persons(extract, text: str, expected: set[str]) -> None:
    entities, _ = extract(text)
    assert {name for label, name in entities if label == "Person"} == expected


@pytest.mark.parametrize("text", NO_PERSONS)
def test_finds_no_person(extract, text: str) -> None:
    entities, _ = extract(text)
    assert not {name for label, name in entities if label == "Person"}


@pytest.mark.parametrize(("text", "unexpected"), NOT_MEMBERS)
def test_does_not_find_members(extract, text: str, unexpected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert unexpected not in triples


@pytest.mark.parametrize(("text", "expected"), MEMBERS)
def test_finds_members(extract, text: str, expected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert expected in triples
