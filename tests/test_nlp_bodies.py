"""Organisations, places and divisions, and how names tell what a body is part of and
where it is: (text, expected) tables on sentences written for the tests."""

from __future__ import annotations

import pytest

FOUND = [
    # a court named by its level (中级)
    # …it is the award (a title is an Initiative)
    ("东湖集团荣获全省首批“五星”职工之家。", ("Initiative", "五星职工之家")),
    (
        "最终，4家“爱心妈咪屋”被命名为东湖工会标准化母婴休息室。",
        ("Initiative", "东湖工会标准化母婴休息室"),
    ),
    # …but the site that bears a title is a site, and so is the one a title was given to
    ("荣获全国模范职工之家称号的东湖骑手驿站今天开放。", ("Facility", "东湖骑手驿站")),
    ("由全国总工会授予的“农民工夜校”正式挂牌。", ("Facility", "农民工夜校")),
    # …the body visited is named after the verb
    ("3月8日，校工会组织女教职工参观东湖艺术博物馆。", ("Organization", "东湖艺术博物馆")),
    ("工会组织女职工参观市博物馆。", ("Organization", "市博物馆")),
    # a court named by its level (中级, a grade, stops other names)
    ("杭州市中级人民法院院长王某出席。", ("Organization", "杭州市中级人民法院")),
    # a level's youth league committee, named bare, is a body of its own
    ("南城区总工会与团县委共同举办“青春建功”活动。", ("Organization", "团县委")),
    ("东城区总工会联合团区委、区妇联举办交友活动。", ("Organization", "团区委")),
    # the level a school teaches at is a word of its name (no grade like 省级)
    ("省总工会为星光铜业高级技工学校授牌。", ("Organization", "星光铜业高级技工学校")),
    ("星光高级技师学院被命名为工匠学院。", ("Organization", "星光高级技师学院")),
    # a union named before its 组织建设 (its organisation building) is still named
    ("加强平谷区总工会组织建设。", ("Union", "平谷区总工会")),
    # 分 of 分中心 is a word of the name, not a verb taking the head
    (
        "杭州市公路养护中心东城第一分中心主任王某介绍。",
        ("Organization", "杭州市公路养护中心东城第一分中心"),
    ),
    # two names joined by a 和 that the segmenter glued to the second (休息室|和顺|…)
    (
        "东城区总工会召开会议。服务点设在甲乙公园休息室和顺发物流营业部。",
        ("Organization", "顺发物流营业部"),
    ),
    # a union joining a body by a verb glued to the body's first word (联合|街道…)
    (
        "东城区总工会召开会议。活动由东城街道总工会联合街道卫生服务中心举办。",
        ("Union", "东城街道总工会"),
    ),
    # a 和 inside a name with no head before it stays in the name
    (
        "东城区总工会召开会议。服务点设在甲乙和顺物流营业部。",
        ("Organization", "甲乙和顺物流营业部"),
    ),
    # government offices, people's congresses, party committees and mass organisations
    ("丰台区人大常委会副主任王立新出席。", ("Organization", "丰台区人大常委会")),
    ("会议由通州区委统一部署。", ("Organization", "通州区委")),
    ("县委组织部、县妇联派员参加。", ("Organization", "县委组织部")),
    ("昌平区人民法院派法官讲解劳动法。", ("Organization", "昌平区人民法院")),
    ("南京市工业和信息化局参与评审。", ("Organization", "南京市工业和信息化局")),
    # a level word's body where the article names no fuller one: the article's town
    ("宋庄镇总工会联合镇妇联开展活动。", ("Organization", "镇妇联")),
    # shops, hotels and mines by their heads
    ("职工在西单百货领取福利。", ("Organization", "西单百货")),
    # hospitals, libraries, banks and their branches
    ("长沟镇中心卫生院的医生为职工义诊。", ("Organization", "长沟镇中心卫生院")),
    ("延庆区图书馆送来了新书。", ("Organization", "延庆区图书馆")),
    ("建设银行通州区支行工会开展职工参观。", ("Union", "建设银行通州区支行工会")),
    # a union's department, office or committee
    ("丰台区总工会宣传部部长李明介绍情况。", ("Organization", "丰台区总工会宣传部")),
    ("丰台区总工会宣传部部长李明介绍情况。", ("Union", "丰台区总工会")),
    ("昌平区总工会办公室发出通知。", ("Organization", "昌平区总工会办公室")),
    ("昌平区总工会办公室发出通知。", ("Union", "昌平区总工会")),
    # a body's name holding a division starts at the division unless a body precedes it
    ("培训邀请丰台区总工会宣传部授课。", ("Organization", "丰台区总工会宣传部")),
    # ...and at a level word's body after a verb
    ("培训班先后请来县委党校教授孙立为学员授课。", ("Organization", "县委党校")),
    # ...and a city before a zone belongs to the name
    ("兰州经济技术开发区管委会派员参加。", ("Organization", "兰州经济技术开发区管委会")),
    # words the dictionary mistags (首都 as an adverb) still open names
    ("专家来自首都医科大学。", ("Organization", "首都医科大学")),
    # ...and a division that is also a verb (包头) stays at the head of a company's name
    ("包头钢管有限公司为职工办理了保险。", ("Organization", "包头钢管有限公司")),
    # a zone that is a word of its own (开发区) is no verb glued to a level word
    ("金桥开发区管委会主任王立新到会。", ("Organization", "金桥开发区管委会")),
    # 组织 after a union's head is the union's verb where an organising verb follows
    ("平谷区总工会组织开展职工健步走活动。", ("Union", "平谷区总工会")),
    # the short form 区总 inside a full name is none of its own
    ("丰台区总工会组织民管部部长王立新讲话。", ("District", "丰台区")),
    # brands in a list that a word for companies sums up
    ("在市总工会引导下，申通、韵达、极兔等12家快递企业建起了工会。", ("Organization", "极兔")),
    ("在市总工会引导下，申通、韵达、极兔等12家快递企业建起了工会。", ("Organization", "申通")),
    ("来自徐工机械、三一重工等5家企业的代表签约。", ("Organization", "徐工机械")),
    # unions and offices: their names, their parts and the posts held in them
    # a union's name stays one before a word that could make it a modifier, where the
    # word is its verb or its staff's (组织 + a count, 工作人员)
    ("10月5日，丹阳市总工会组织三十名劳模走进园区。", ("Union", "丹阳市总工会")),
    ("丹阳市总工会工作人员来到驿站。", ("Union", "丹阳市总工会")),
    ("丹阳市总工会服务职工的做法受到好评。", ("Union", "丹阳市总工会")),
    # a division's party committee is a body of its own
    ("陪同调研的有青石镇党委副书记刘建国。", ("Organization", "青石镇党委")),
    ("宁夏银川市贺兰县党委书记王明出席。", ("Organization", "宁夏银川市贺兰县党委")),
    # ...and a company's party committee is the company
    ("金泰集团党委副书记、执行董事吴东出席。", ("Organization", "金泰集团")),
    # a body each area has one of, named bare with nothing to refer to, is named so
    ("活动由青石街道总工会联合街道文化站、妇联举办。", ("Organization", "妇联")),
    ("主办方为丹阳市总工会、人力资源和社会保障局。", ("Organization", "人力资源和社会保障局")),
    # a trade's union takes the trade's name, verbs and all, with its own head
    ("现场宣告丹阳市快递行业联合工会正式成立。", ("Union", "丹阳市快递行业联合工会")),
    ("市运输行业工会召开会议。", ("Union", "市运输行业工会")),
    # unions named after a vocational college or a state farm; an office by its full name
    ("江南运输职院工会举办讲座。", ("Union", "江南运输职院工会")),
    ("县总工会联合县妇联和青松岭林场工会开展活动。", ("Union", "青松岭林场工会")),
    ("活动由平湖街道综合治理办协办。", ("Organization", "平湖街道综合治理办")),
    # ...but an everyday word after a division, or a body's head, makes a name
    ("活动由北京新闻中心承办。", ("Organization", "北京新闻中心")),
    ("县委组织部部长王明出席。", ("Organization", "县委组织部")),
    # a veterans' service station or centre is a government body, no site for workers;
    # so is a city-image campaign's office (创城办) named by its level word
    ("青石街道总工会联合街道退役军人服务站开展活动。", ("Organization", "街道退役军人服务站")),
    ("东湖镇退役军人服务中心开展慰问。", ("Organization", "东湖镇退役军人服务中心")),
    ("丰台区总工会和区创城办共同开展慰问活动。", ("Organization", "区创城办")),
    # a union named after a quoted theme is named by the words after the quotation
    (
        "东城街道总工会开展“一‘东’守护”甲乙站工会成立暨暖“新”关爱慰问活动。",
        ("Union", "甲乙站工会"),
    ),
    # ...but a union's head alone after a quotation makes the quotation the union's name
    ("东城区成立“老街·上街里”工会联合会。", ("Union", "老街·上街里工会联合会")),
    # police and fire brigades that unions visit (某县交警大队, 某支队某大队)
    ("东城区总工会走进县交警大队开展慰问。", ("Organization", "县交警大队")),
    ("慰问组前往交警东城支队南门大队。", ("Organization", "交警东城支队南门大队")),
    # joint unions named after their street, market, trade or district, no division needed
    ("东城街道新就业形态联合工会召开会议。", ("Union", "东城街道新就业形态联合工会")),
    (
        "东城区总工会、甲乙美食街联合工会等联合举办了“邻里节”活动。",
        ("Union", "甲乙美食街联合工会"),
    ),
    ("东城街道总工会联合甲乙岭工联会召开恳谈会。", ("Union", "甲乙岭工联会")),
    ("甲乙·丙丁工会联合会第一次会员代表大会在某书店举行。", ("Union", "甲乙·丙丁工会联合会")),
    (
        "襄阳市甲镇运输行业联合基层工会召开第一届会员代表大会。",
        ("Union", "襄阳市甲镇运输行业联合基层工会"),
    ),
    # an aside that gives a short form is no part of the name it follows
    (
        "海曙区南门街道工会联合会(以下简称“联合会”)第二次代表大会在街道办事处召开。",
        ("Union", "海曙区南门街道工会联合会"),
    ),
    # a social work agency, an accounting firm (事务所)
    ("由某某镇总工会主办，石狮市阳光社工事务所承办。", ("Organization", "石狮市阳光社工事务所")),
    # a government body's full name with 和 in it (发展和改革委员会)
    ("海曙区发展和改革委员会开展活动。", ("Organization", "海曙区发展和改革委员会")),
    # a verb between two divisions ends a name before the second
    ("经费由海曙区政府拨付海曙区司法局列支。", ("Organization", "海曙区司法局")),
    # a joint union's committee is the joint union
    (
        "甲科技园副总经理、甲科技园企业联合工会委员会主席王大元讲话。",
        ("Union", "甲科技园企业联合工会委员会"),
    ),
    # a list's joining word that the segmenter glued to the end of the name before and
    # to the next one's level word opens no name (某完|小及市|某学校)
    ("慰问组前往市机关幼儿园、市七完小及市特殊教育学校。", ("Organization", "市特殊教育学校")),
]

NOT_FOUND = [
    # a site's kind named as the title a body is awarded is an honour, no site
    ("东湖集团荣获全省首批“五星”职工之家。", ("Facility", "五星职工之家")),
    (
        "最终，4家“爱心妈咪屋”被命名为东湖工会标准化母婴休息室。",
        ("Facility", "东湖工会标准化母婴休息室"),
    ),
    ("甲乙公司获评全国模范职工之家称号。", ("Facility", "全国模范职工之家")),
    # a verb of visiting takes the body it visits as its object: no part of its name
    (
        "3月8日，校工会组织女教职工参观东湖艺术博物馆。",
        ("Organization", "女教职工参观东湖艺术博物馆"),
    ),
    ("工会组织女职工参观市博物馆。", ("Organization", "女职工参观市博物馆")),
    # ...and the quotation is not part of its name
    (
        "东城街道总工会开展“一‘东’守护”甲乙站工会成立暨暖“新”关爱慰问活动。",
        ("Union", "一东守护甲乙站工会"),
    ),
    # the league committee's 区委 is no party committee
    ("东城区总工会联合团区委、区妇联举办交友活动。", ("Organization", "区委")),
    # a school's head with the words before its level left out is no name
    ("省总工会为星光铜业高级技工学校授牌。", ("Organization", "技工学校")),
    # a quotation before a union's head alone names no union
    ("东城街道总工会开展“娘家人”工会宣传活动。", ("Union", "娘家人工会")),
    ("“小三级”工会添新力量", ("Union", "小三级工会")),
    # a year the segmenter split in two is no part of a body's name
    ("10月24日,我市召开2025年度市政府与市总工会联席会议。", ("Organization", "2025年度市政府")),
    # brackets that open the run before a head are an aside, not the start of a name
    (
        "工会主席(纪委书记)杨连华率党群工作部深入工地。",
        ("Organization", "(纪委书记)杨连华率党群工作部"),
    ),
    # ...nor does a union's name in quotation marks: a kind of union
    ("某区“五型工会”试点有序推进。", ("Union", "五型工会")),
    # 就业 of 新就业形态 is a word of the name, not a verb that cuts it short
    ("东城街道新就业形态联合工会召开会议。", ("Union", "形态联合工会")),
    # the kind alone, after a verb or a distributive word, names none
    ("东城街道积极推动成立联合工会。", ("Union", "成立联合工会")),
    ("各社区工联会积极参与。", ("Union", "各社区工联会")),
    # a quotation called a slogan names no union, though it ends in 工会
    (
        "东城区总工会召开会议。区总工会打响“职工有困难找工会”这一口号。",
        ("Union", "职工有困难找工会"),
    ),
    (
        "东城区总工会召开会议。活动由东城街道总工会联合街道卫生服务中心举办。",
        ("Facility", "总工会联合街道卫生服务中心"),
    ),
    (
        "东城区总工会召开会议。服务点设在甲乙公园休息室和顺发物流营业部。",
        ("Organization", "甲乙公园休息室和顺发物流营业部"),
    ),
    # a one-character verb before a school or hospital takes it as its object
    ("区总工会每年资助困难职工子女读大学。", ("Organization", "资助困难职工子女读大学")),
    ("甲乙小区的居民不用再专程跑医院。", ("Organization", "专程跑医院")),
    # 市中心 is the middle of the city, no centre's short name
    ("杭州市总工会在市中心开设驿站。", ("Organization", "市中心")),
    # 中心任务 is a task: the words before it name no centre
    ("各级工会要聚焦全市中心任务。", ("Organization", "工会要聚焦全市中心")),
    # 委 glued to a word that is no post (委托) ends no 区委
    ("东城区委托第三方机构开展评估。", ("Organization", "东城区委")),
    # a level word's body after a verb is a short form, not a name with the verb in it
    ("要认真落实区委的部署。", ("Organization", "落实区委")),
    # 党组 and 党委 before a post belong to the post
    ("市总工会党组成员赵强讲话。", ("Organization", "市总工会党组")),
    # a verb before a division is no part of a body's name
    ("培训邀请丰台区总工会宣传部授课。", ("Organization", "培训邀请丰台区总工会宣传部")),
    # 部 and 办 inside ordinary words head nothing
    ("全部职工都参加了活动。", ("Organization", "全部")),
    ("金桥开发区管委会主任王立新到会。", ("Organization", "区管委会")),
    ("今日平谷中华全国总工会宣传教育部副部长冉国华来调研。", ("Union", "平谷中华全国总工会")),
    ("金桥开发区管委会主任王立新到会。", ("District", "开发区管委会")),
    ("丰台区总工会组织民管部部长王立新讲话。", ("Union", "区总")),
    # a list of common words, or of several kinds, names no brands
    ("国企、民企等企业踊跃参加。", ("Organization", "国企")),
    (
        "调研组深入华丰纺织、马坊镇、小王庄村等6个类型各异的企业、镇、村。",
        ("Organization", "华丰纺织"),
    ),
    ("来自徐工机械、三一重工等5家企业的代表签约。", ("Organization", "来自徐工机械")),
    # 工会组织 followed by no verb is the unions as a whole, no union of its own
    ("加强基层工会组织建设。", ("Union", "基层工会组织")),
    ("加强基层工会组织建设。", ("Union", "基层工会")),
    ("这件事不出门就能办。", ("Organization", "不出门就能办")),
    # unions and offices: their names, their parts and the posts held in them
    # a level word that is also a surname before a body's head is no person
    ("区总工会组织民管部部长刘强、区妇联主席王芳颁奖。", ("Person", "区妇联")),
    # a union's name before a collective is the system of unions, not one union
    ("全国工会系统率先开通服务平台。", ("Union", "全国工会")),
    # a company's party committee is no body of its own
    ("金泰集团党委副书记、执行董事吴东出席。", ("Organization", "金泰集团党委")),
    ("公司党委高度重视职工工作。", ("Organization", "公司党委")),
    # ...but a body that is one of many (a school, a bureau by its task) is dropped
    ("活动由青石街道总工会联合学校举办。", ("Organization", "学校")),
    # a body named by an everyday word alone, with no fuller name, is no name
    ("决赛在该矿职工学校开赛。", ("Organization", "职工学校")),
    ("各部门工委要抓好落实。", ("Organization", "部门工委")),
    # "former" is no part of a body's name
    ("会上，原丹阳市总工会副主席王明作报告。", ("Union", "原丹阳市总工会")),
    # a preposition glued to a level word is no part of the name after it
    ("方案经市国资委批准后实施。", ("Organization", "经市国资委")),
    # ...nor is its station a site of its own
    ("青石街道总工会联合街道退役军人服务站开展活动。", ("Facility", "军人服务站")),
]

TRIPLES = [
    # the league committee co-organises with the union
    (
        "市总工会、团市委、市妇联联合开展“关爱骑手”行动。",
        ("团市委", "organizes", "关爱骑手行动"),
    ),
    # a department, office, committee or branch named after its body is part of it
    (
        "丰台区总工会宣传部部长李明介绍情况。",
        ("丰台区总工会宣传部", "partOf", "丰台区总工会"),
    ),
    (
        "昌平区总工会办公室发出通知。",
        ("昌平区总工会办公室", "partOf", "昌平区总工会"),
    ),
    (
        "建设银行丰台支行营业部开展志愿服务。",
        ("建设银行丰台支行营业部", "partOf", "建设银行丰台支行"),
    ),
    # ...also where the word after the union's head (经费) reads as its modifier
    (
        "昌平区总工会经费审查委员会召开会议。",
        ("昌平区总工会经费审查委员会", "partOf", "昌平区总工会"),
    ),
    # the union inside the department's name is still placed by its own name
    ("昌平区总工会办公室发出通知。", ("昌平区总工会", "locatedIn", "昌平区")),
    # a national body's name takes nothing before it, so its department is its part
    (
        "今日平谷中华全国总工会宣传教育部副部长冉国华来调研。",
        ("中华全国总工会宣传教育部", "partOf", "中华全国总工会"),
    ),
    # a body a group owns (旗下, 下属) is part of it
    (
        "唐山港口集团旗下的唐山港口职业技术学院获评先进单位。",
        ("唐山港口职业技术学院", "partOf", "唐山港口集团"),
    ),
    # a site named right after a union is the union's
    ("河北省总工会“职工夜校”的牌子正式挂出。", ("河北省总工会", "operates", "职工夜校")),
    # unions and offices: their names, their parts and the posts held in them
    ("陪同调研的有青石镇党委副书记刘建国。", ("刘建国", "memberOf", "青石镇党委")),
    ("金泰集团党委副书记、执行董事吴东出席。", ("吴东", "memberOf", "金泰集团")),
    # a bare union on a list of posts begun at a division's body is the division's
    # union the article named before, whatever its head (总工会 for 工会)
    (
        "青石镇总工会揭牌。陪同的有青石镇党委副书记、工会主席刘建国等。",
        ("刘建国", "memberOf", "青石镇总工会"),
    ),
    (
        "绍兴市越城区总工会举办活动。越城区人大常委会副主任、总工会主席何东讲话。",
        ("何东", "memberOf", "绍兴市越城区总工会"),
    ),
    # a body each area has one of, named bare in a list of posts
    ("市委常委、统战部部长、市总工会主席陈明出席。", ("陈明", "memberOf", "统战部")),
    # ...and one named fuller before is that one
    (
        "活动由丰台区总工会、丰台区妇联主办。区妇联主席王芳讲话，妇联主席王芳还送上礼物。",
        ("王芳", "memberOf", "丰台区妇联"),
    ),
    # a union's department by its own head, after the union's name and a verb-like word
    (
        "崇明区总工会召开会议。区总工会组织民管部部长刘强、区妇联主席王芳颁奖。",
        ("区总工会组织民管部", "partOf", "崇明区总工会"),
    ),
    (
        "区总工会组织民管部部长刘强、区妇联主席王芳颁奖。",
        ("刘强", "memberOf", "区总工会组织民管部"),
    ),
    # a department's short form is the department named in full
    (
        "由河北省总工会宣传教育部承办。河北省总工会宣教部部长陈立主持。",
        ("陈立", "memberOf", "河北省总工会宣传教育部"),
    ),
    # a bare body stands for the full name the article gives inside a part's name
    (
        "由昌平区教育局女工委主办。教育局副局长王芳颁奖。",
        ("王芳", "memberOf", "昌平区教育局"),
    ),
    # a union called by its owner's kind (医院工会) where the article names the owner
    # but no fuller union: that owner's union, called as written
    (
        "江城县第二人民医院举行职代会。医院工会副主席肖文主持会议。",
        ("肖文", "memberOf", "医院工会"),
    ),
    ("会上，原丹阳市总工会副主席王明作报告。", ("王明", "memberOf", "丹阳市总工会")),
    # an everyday word's body stands for the fuller name the article gives
    (
        "活动由北京新闻中心承办。新闻中心主任王明介绍了情况。",
        ("王明", "memberOf", "北京新闻中心"),
    ),
    # a court named by its level alone, as the city's (its full name not given)
    (
        "杭州市总工会召开座谈会。市中级人民法院院长王某出席会议。",
        ("王某", "memberOf", "市中级人民法院"),
    ),
    # the segmenter glues the end of 区委 to the post held in it (东城区|委常委)
    ("东城区委常委张三出席活动。", ("张三", "memberOf", "东城区委")),
    # every union of a list with joint unions in it organises the event
    (
        "东城区总工会、甲乙美食街联合工会、丙丁中介联合工会等联合举办了“邻里节”活动。",
        ("丙丁中介联合工会", "organizes", "邻里节"),
    ),
    (
        "东城区总工会、甲乙美食街联合工会、丙丁中介联合工会等联合举办了“邻里节”活动。",
        ("东城区总工会", "organizes", "邻里节"),
    ),
]

NOT_TRIPLES = [
    # a town named in a joint union's name does not hold the union's meeting
    (
        "襄阳市甲镇运输行业联合基层工会召开第一届会员代表大会。",
        ("甲镇", "organizes", "第一届会员代表大会"),
    ),
    # a company's union is named after the company, not a part of a union
    (
        "北京城建集团工会委员会召开会议。",
        ("北京城建集团工会委员会", "partOf", "北京城建集团工会"),
    ),
    # a school of a university is no branch: only part words make parts
    ("北京大学法学院教授到场。", ("北京大学法学院", "partOf", "北京大学")),
    # unions and offices: their names, their parts and the posts held in them
    ("金泰集团党委副书记、执行董事吴东出席。", ("吴东", "memberOf", "金泰集团党委")),
    # a bare union on a list of posts begun at a 街道's body is the 街道's union, not
    # the district's that the article names
    (
        "海曙区总工会召开会议。海曙区南门街道党工委副书记、工会主席陈红发言。",
        ("陈红", "memberOf", "海曙区总工会"),
    ),
    # ...and where the article never names that union, 工会 alone makes none
    ("南湖街道党工委副书记、工会主席陈红发言。", ("陈红", "memberOf", "工会")),
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


DIVISIONS = [
    # an autonomous prefecture or county called by its short name and level
    ("临夏州职工技能竞赛启动，临夏州总工会主席王强主持。", ("District", "临夏州")),
    # communities and villages, which the gazetteer does not hold
    ("志愿者走进翠湖苑社区开展义诊。", ("District", "翠湖苑社区")),
    # ...or a word the dictionary knows only as a name
    ("培训在小王庄村举行。", ("District", "小王庄村")),
    ("和平街道樱花社区工会驿站开放。", ("District", "樱花社区")),
    # a city or province the article names only by its short form keeps that form
    ("比赛邀请了广州、深圳的选手。", ("District", "广州")),
    # towns listed by their short forms where the list says what they are and the
    # article names their district
    ("通州区总工会走访了宋庄、漷县等乡镇。", ("District", "宋庄")),
    ("通州区总工会走访了永顺、梨园、宋庄镇等街乡。", ("District", "永顺")),
    # a subdistrict called by 街 right after its district (for 二七街道, 大东街道)
    ("江岸区二七街工会开展慰问。", ("District", "二七街")),
    ("越秀区大东街社区服务中心开放。", ("District", "大东街")),
    # ...and 路 inside it heads no place's name (武昌区首义路)
    ("武昌区首义路街都府社区区域性职工之家揭牌。", ("District", "首义路街")),
    # ...and a community's first character the segmenter glued to 街 (街|都|府) is its own,
    # as it is of the site named after it
    ("武昌区首义路街都府社区区域性职工之家揭牌。", ("District", "都府社区")),
    (
        "武昌区首义路街都府社区区域性职工之家揭牌。",
        ("Facility", "武昌区首义路街都府社区区域性职工之家"),
    ),
    # a city's short name right before 社区 is the community's name (西安社区 of some
    # county), and communities listed where the list says what they are
    ("同安区总工会来到西安社区工会驿站。", ("District", "西安社区")),
    ("驿站服务范围覆盖翠湖、城西、古庄等周边几个社区。", ("District", "城西")),
    ("驿站服务范围覆盖翠湖、城西、古庄等周边几个社区。", ("District", "古庄")),
    ("驿站服务范围覆盖翠湖、城西、古庄等周边几个社区。", ("District", "翠湖")),
    # ...one with the community the article names in full (西安 of 西安社区)
    ("西安社区工会驿站开放。服务范围覆盖西安、城西等社区。", ("District", "西安社区")),
    # ...but a list's mark is no part of the next member (某镇、某村)
    ("通州区总工会走访了宋庄镇、小杨各庄村的职工。", ("District", "小杨各庄村")),
    # a town by the name of the subdistrict it has become, right after its district
    ("通州区宋庄街道工会开展慰问。", ("District", "宋庄街道")),
    # a county of two characters right before a body's head names the county
    ("蠡县总工会召开会议。", ("District", "蠡县")),
    ("沛县总工会开展送温暖活动。", ("Union", "沛县总工会")),
    # a division the segmenter writes as one word with a verb in it stays whole
    ("包头市总工会开展慰问。", ("Union", "包头市总工会")),
    # a county of two characters before a body's head, after no word's character
    ("叶县总工会开展“送清凉”活动。", ("District", "叶县")),
    ("8月7日上午,郏县总工会开展慰问。", ("Union", "郏县总工会")),
]

NOT_DIVISIONS = [
    # a verb or a common word before 社区 or 村 names no community
    ("党员干部要扎根社区，服务群众。", ("District", "扎根社区")),
    ("志愿者走进社区开展义诊。", ("District", "走进社区")),
    ("农村职工也能享受服务。", ("District", "农村")),
    ("街道开展“名医进社区”活动。", ("District", "名医进社区")),
    # 乡 of 乡村 (the countryside) closes no township's name
    ("工会积极促进乡村振兴。", ("District", "促进乡")),
    ("工会积极促进乡村振兴。", ("District", "促进乡村")),
    ("职工们在大东街上摆起了摊位。", ("District", "大东街")),
    ("比赛邀请了广州、深圳的选手。", ("District", "广州市")),
    # a short name alone, or after what does not hold it, is no division
    ("城区职工都来了。", ("District", "城区")),
    ("北京市城区职工都来了。", ("District", "城区")),
    # ...not the city whose short name opens a community's
    ("同安区总工会来到西安社区工会驿站。", ("District", "西安")),
    ("西安社区工会驿站开放。服务范围覆盖西安、城西等社区。", ("District", "西安")),
    # ...nor members of a list that are words (走访机关、学校等单位和社区 lists no community)
    ("工会走访了机关、学校等社区。", ("District", "学校")),
    # ...not where the article names no district that holds them
    ("工会走访了宋庄、漷县等乡镇。", ("District", "宋庄")),
    # a county of two characters that a word or an acting head's post runs into
    ("省、市和县总工会联合开展慰问。", ("District", "和县")),
    ("慰问组由市总工会组成县总工会配合。", ("District", "成县")),
    ("代县长陈红出席会议。", ("District", "代县")),
    # a kind of division before 社区 names no community: the subdistricts' communities
    ("连日来，通州区部分街道社区分别召开职工代表大会。", ("District", "部分街道社区")),
    ("通州区街道社区召开职工代表大会", ("District", "街道社区")),
    ("目前，全街道社区工会组建率达100%。", ("District", "街道社区")),
    # a two-character county alone is no division named, nor one whose first character
    # is a word that opens the clause, or the end of one, before a union's short name
    ("他老家在唐县。", ("District", "唐县")),
    ("专家莅临县总工会指导。", ("District", "临县")),
    ("应县总工会邀请，律师到场。", ("District", "应县")),
    ("市总工会和县总工会联合开展活动。", ("District", "和县")),
]

PLACED = [
    # ...and its union is placed in it
    ("临夏州职工技能竞赛启动，临夏州总工会主席王强主持。", ("临夏州总工会", "locatedIn", "临夏州")),
    # a community in a name is placed in the town or subdistrict before it, and what
    # is named after it in the community
    ("和平街道樱花社区工会驿站开放。", ("樱花社区", "locatedIn", "和平街道")),
    ("和平街道樱花社区工会驿站开放。", ("和平街道樱花社区工会驿站", "locatedIn", "樱花社区")),
    ("樱花社区工会委员会召开会议。", ("樱花社区工会委员会", "locatedIn", "樱花社区")),
    ("江岸区二七街工会开展慰问。", ("二七街", "locatedIn", "江岸区")),
    ("通州区宋庄街道工会开展慰问。", ("宋庄街道", "locatedIn", "通州区")),
    ("武昌区首义路街都府社区区域性职工之家揭牌。", ("都府社区", "locatedIn", "首义路街")),
    # a town is in its district where the article names both, as the gazetteer has it
    ("通州区总工会到宋庄镇、漷县镇慰问职工。", ("宋庄镇", "locatedIn", "通州区")),
    ("通州区总工会走访了宋庄、漷县等乡镇。", ("宋庄", "locatedIn", "通州区")),
    # a district's name too short to stand alone, right after its city
    ("攀枝花市西区总工会开展慰问。", ("攀枝花市西区总工会", "locatedIn", "西区")),
    ("攀枝花市西区总工会开展慰问。", ("西区", "locatedIn", "攀枝花市")),
    # a union named after a county of two characters is in it
    ("沛县总工会开展送温暖活动。", ("沛县总工会", "locatedIn", "沛县")),
    # a site set up, or standing, in a place named before it with 的
    (
        "设在丰台区卢沟桥街道小井社区的小井骑手驿站开放。",
        ("小井骑手驿站", "locatedIn", "小井社区"),
    ),
    (
        "坐落在西城区西长安街街道的红墙骑手驿站人气十足。",
        ("红墙骑手驿站", "locatedIn", "西长安街街道"),
    ),
    # a park a union is named after, with or without divisions before it
    (
        "东城区晨光开发区工会联合会召开会员代表大会。",
        ("东城区晨光开发区工会联合会", "locatedIn", "晨光开发区"),
    ),
    ("会议由杭州晨光园区工会在报告厅举办。", ("杭州晨光园区工会", "locatedIn", "杭州晨光园区")),
    # a site on a floor of a place
    ("金泰文创园二楼的城市书房咖啡厅里坐满了职工。", ("城市书房咖啡厅", "locatedIn", "金泰文创园")),
]

NOT_PLACED = [
    # a city named beside its province: the article says nothing of the link
    ("浙江省总工会和杭州市总工会联合举办比赛。", ("杭州市", "locatedIn", "浙江省")),
    # a kind of park names no park: the union is the district's park's
    ("东城区产业园工会举办活动。", ("东城区产业园工会", "locatedIn", "产业园")),
    ("杭州科技园区工会举办活动。", ("杭州科技园区工会", "locatedIn", "杭州科技园区")),
    # alone, a subdistrict named like a town of the table (宋庄镇) is a subdistrict of
    # its own, not placed where that town is
    ("宋庄街道工会开展慰问。", ("宋庄街道", "locatedIn", "通州区")),
]


@pytest.mark.parametrize(("text", "expected"), DIVISIONS)
def test_finds_divisions(extract, text: str, expected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert expected in entities


@pytest.mark.parametrize(("text", "unexpected"), NOT_DIVISIONS)
def test_does_not_find_divisions(extract, text: str, unexpected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert unexpected not in entities


@pytest.mark.parametrize(("text", "expected"), PLACED)
def test_places(extract, text: str, expected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert expected in triples


PLACES = [
    # sports grounds are places (运动馆, 体育场)
    ("职工运动会在鑫峰运动馆正式开幕。", ("Place", "鑫峰运动馆")),
    # sites named by their heads
    ("慰问活动在朝阳门大悦城停车区举行。", ("Place", "朝阳门大悦城停车区")),
    ("座谈会在金泰文创园召开。", ("Place", "金泰文创园")),
    # an address is the road with its number
    ("驿站位于平谷区府前街道迎宾路18-2号。", ("Place", "迎宾路18-2号")),
    # a programme head after a piece of infrastructure names a construction site
    ("工会走进地铁9号线建设工程(二期)慰问工人。", ("Place", "地铁9号线建设工程(二期)")),
    ("工会走进甲乙智能制造产业园项目工程慰问工人。", ("Place", "甲乙智能制造产业园项目工程")),
    # ...and so does a project where an event is held
    ("东湖区技能竞赛推进会在甲乙公司东湖花园项目召开。", ("Place", "甲乙公司东湖花园项目")),
    # a division's short name the dictionary knows is a proper name of the site
    ("东城区总工会开展慰问。工作人员赶到东城宾馆路口发放物资。", ("Place", "东城宾馆路口")),
    # a character the segmenter glued to the head (康|养小镇) is no verb of its own
    ("劳模们走进东坪康养小镇参观。", ("Place", "东坪康养小镇")),
    # between 在 and 举行 a venue's name holds its verbs and grade
    ("决赛在甲乙国家级非物质文化遗产传承基地举行。", ("Place", "甲乙国家级非物质文化遗产传承基地")),
]

NOT_PLACES = [
    # a description is no name
    ("园区是本市重要基地之一。", ("Place", "重要基地")),
    ("漫步历史文化街区，感受古韵。", ("Place", "历史文化街区")),
    # a programme stays a programme
    ("区总工会实施职工素质建设工程。", ("Place", "职工素质建设工程")),
    # ...even where it is carried out (在…开展 is no event held at a venue)
    ("区总工会在全区实施职工素质建设工程。", ("Place", "职工素质建设工程")),
    # a site's kind alone is no name, nor does building it belong to the venue's name
    ("工作人员赶到宾馆路口发放物资。", ("Place", "宾馆路口")),
    ("活动在辖区新建服务站举行。", ("Facility", "辖区新建服务站")),
    # ...nor does reporting on it to visitors, which the dictionary tags as no verb
    ("王大元向调研组汇报园区工会工作。", ("Place", "调研组汇报园区")),
]


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_finds_places(extract, text: str, expected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert expected in entities


@pytest.mark.parametrize(("text", "unexpected"), NOT_PLACES)
def test_does_not_find_places(extract, text: str, unexpected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert unexpected not in entities


@pytest.mark.parametrize(("text", "unexpected"), NOT_PLACED)
def test_does_not_place(extract, text: str, unexpected: tuple[str, str, str]) -> None:
    _, triples = extract(text)
    assert unexpected not in triples
