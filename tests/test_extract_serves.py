"""Whom programmes and sites serve, and where events are held: (text, triple) tables
on sentences written for the tests."""

from __future__ import annotations

import pytest

FOUND = [
    # a site a body goes to and holds an event at serves whom the event serves
    (
        "南岭区总工会来到清溪街道暖心驿站，举办“冬日送暖”活动，关爱环卫工人。",
        ("清溪街道暖心驿站", "serves", "环卫工人"),
    ),
    # a group named in a programme's or a site's name is whom it is for
    ("东湖区总工会开办“建筑工人夜校”。", ("建筑工人夜校", "serves", "建筑工人")),
    (
        "南溪县总工会举办“春风送岗”农民工专场招聘会。",
        ("春风送岗农民工专场招聘会", "serves", "农民工"),
    ),
    (
        "西岭区总工会开展“关爱女职工 健康伴你行”活动。",
        ("关爱女职工 健康伴你行", "serves", "女职工"),
    ),
    (
        "北湖区总工会举办2025年工会干部能力提升培训班。",
        ("工会干部能力提升培训班", "serves", "工会干部"),
    ),
    # …but a group before a body's head that is no department of a union is served
    (
        "西岭区总工会举办第二届女职工创新工作室交流会。",
        ("第二届女职工创新工作室交流会", "serves", "女职工"),
    ),
    # a site named after its street still serves the group in its name
    ("清溪街道网约车司机之家正式启用。", ("网约车司机之家", "serves", "网约车司机")),
    # …and the synonymous group is the same served group
    (
        "东湖区总工会启动“清凉”行动，为环卫工人送上绿豆汤。环卫工们纷纷点赞。",
        ("清凉行动", "serves", "环卫工人"),
    ),
    # a group narrowed by a word is a group of its own, not another name of the wider one
    (
        "南岭区总工会开展“娘家人”关爱女职工行动，为一线女职工、困难女职工提供体检。",
        ("娘家人关爱女职工行动", "serves", "女职工"),
    ),
    (
        "南岭区总工会开展“娘家人”关爱女职工行动，为一线女职工、困难女职工提供体检。",
        ("娘家人关爱女职工行动", "serves", "困难女职工"),
    ),
    # 开展 and 进行 after the group: what is done for them
    (
        "东岗区总工会启动“清风护航”行动。医生们为200多名环卫女工开展了健康筛查。",
        ("清风护航行动", "serves", "环卫女工"),
    ),
    # 新业态, cut by the segmenter into 新|业态, still narrows the group
    (
        "北岸区总工会启动“暖新”专项行动，为新业态女职工进行免费体检。",
        ("暖新专项行动", "serves", "新业态女职工"),
    ),
    # a bare 启动仪式 stands for its programme, which serves the group
    (
        "西岸区总工会启动“夏日送清凉”行动。启动仪式在滨河广场举行，现场为环卫工人送上防暑药品。",
        ("夏日送清凉行动", "serves", "环卫工人"),
    ),
    (
        "清河镇总工会打造的“司机之家”正式开放，为货车司机提供热水。",
        ("司机之家", "serves", "货车司机"),
    ),
    # a generic head after a word that ends in its first character: 施工|人员, not 施|工人|员
    (
        "北岭区总工会开展“冬日暖阳”行动，为施工人员送去棉衣。",
        ("冬日暖阳行动", "serves", "施工人员"),
    ),
    ("南岭区总工会启动“春风”行动，为网约配送员送上头盔。", ("春风行动", "serves", "网约配送员")),
    # a programme named inside its opening ceremony's name serves the group in it, and
    # whom the ceremony's day serves
    (
        "西河区总工会“暖心守护”关爱女职工专项行动启动仪式正式举行。",
        ("暖心守护关爱女职工专项行动", "serves", "女职工"),
    ),
    (
        "西河区总工会“暖心守护”关爱女职工专项行动启动仪式正式举行。"
        "医生们为300多名环卫女工开展了健康体检。",
        ("暖心守护关爱女职工专项行动", "serves", "环卫女工"),
    ),
    # the body's programme, run in a later clause of its sentence, is the topic
    (
        "东城区总工会筹措资金50万元，在全区开展“夏日清凉”活动。"
        "工作人员为全区12个建设项目、3000多名建筑工人送去了防暑用品。",
        ("夏日清凉", "serves", "建筑工人"),
    ),
    # groups narrowed by words ending in 的, after a cue and inside a list
    (
        "东湖街道总工会开办“童心”暑期托管班。托管班面向辖区内1-6年级的新业态劳动者子女。",
        ("童心暑期托管班", "serves", "新业态劳动者子女"),
    ),
    (
        "“冬日暖阳”行动期间，工会将把困难职工以及节日期间仍在岗位值守的一线职工作为慰问对象。",
        ("冬日暖阳行动", "serves", "一线职工"),
    ),
    # a sentence of several parts that names no programme continues the last one's
    (
        "西河区总工会筹措资金30万元，开展“暖心消费”活动。工作人员采购了一批农产品；"
        "到了夏天，工作人员为3000多名一线职工送去了关怀。",
        ("暖心消费", "serves", "一线职工"),
    ),
    # a list member that is no group of its own does not cut the list
    (
        "西河区总工会开办“童心”托管班，面向双职工子女、留守儿童及新业态劳动者子女。",
        ("童心托管班", "serves", "新业态劳动者子女"),
    ),
    # the site an event that serves a group is held at serves the group too
    (
        "东湖区总工会来到滨河社区工会驿站，举办“暖冬”主题活动，关爱户外劳动者。",
        ("滨河社区工会驿站", "serves", "户外劳动者"),
    ),
    # those who benefit from a programme are whom it serves, in its sentence or the next,
    # each member of a list that 在内的 sums up and the sum
    (
        "西岭区总工会开展“清凉一夏”活动，全区800余名建筑工人因此受益。",
        ("清凉一夏", "serves", "建筑工人"),
    ),
    (
        "东岸区总工会启动“安康体检”行动。费用由区总工会承担，包括保洁员、快递员在内的"
        "300名女职工从中受益。",
        ("安康体检行动", "serves", "保洁员"),
    ),
    (
        "东岸区总工会启动“安康体检”行动。费用由区总工会承担，包括保洁员、快递员在内的"
        "300名女职工从中受益。",
        ("安康体检行动", "serves", "女职工"),
    ),
    # a word joined to a group shares its head: 快递、外卖小哥 names 快递小哥 too
    (
        "南岭区总工会开展“冬日暖心”活动，为快递、外卖小哥送上热饮。",
        ("冬日暖心", "serves", "快递小哥"),
    ),
    (
        "北岸区总工会开展“冬日暖心”活动，为外卖和快递小哥送上热饮。",
        ("冬日暖心", "serves", "外卖小哥"),
    ),
    # a count between the cue and the groups
    (
        "西湖区总工会开展“新春送福”活动，当面慰问了60多名快递员、外卖小哥。",
        ("新春送福", "serves", "快递员"),
    ),
    # a programme that shares the group's burden is for them
    (
        "东湖街道总工会开办“童心”暑期托管班。托管班为辖区的新业态劳动者分担了照看孩子的压力。",
        ("童心暑期托管班", "serves", "新业态劳动者"),
    ),
    # a site that solves the group's problems is for them
    (
        "滨河骑手驿站正式启用。驿站还能解决外卖骑手的就餐难题。",
        ("滨河骑手驿站", "serves", "外卖骑手"),
    ),
    # groups a serving cue says of a programme or site named right after them
    (
        "南湖区总工会启动“暖冬”行动，面向环卫工人的滨河暖心驿站同时开放。",
        ("滨河暖心驿站", "serves", "环卫工人"),
    ),
    (
        "南湖区总工会启动“暖冬”行动。专为货车司机服务的滨河司机之家同时开放。",
        ("滨河司机之家", "serves", "货车司机"),
    ),
    # what is built for the group, said after a few words of purpose
    (
        "南湖工匠学院正式揭牌，为产业工人从学徒迈向工匠搭起实践平台。",
        ("南湖工匠学院", "serves", "产业工人"),
    ),
    # an event during which volunteers go to a site and serve there: the event serves
    (
        "“迎新春 送祝福”活动举办当天，志愿者走进东湖社区暖心驿站，为快递员、保安员提供理发服务。",
        ("迎新春 送祝福", "serves", "保安员"),
    ),
    # …and a site they go to with no event named before it still serves
    (
        "西岭区总工会走进东湖社区暖心驿站，为快递员送上热饮。",
        ("东湖社区暖心驿站", "serves", "快递员"),
    ),
    # a purpose clause's groups are served by each programme the sentence then lists
    (
        "为帮助农民工提升技能，东湖区总工会开办了“工地课堂”和“技能讲堂”。",
        ("技能讲堂", "serves", "农民工"),
    ),
    # what serves a group serves the groups it is said to be made of
    (
        "东湖区总工会启动“冬送温暖”行动，重点慰问困难职工和一线群体。"
        "一线群体包括快递员、灵活就业人员和艰苦岗位职工。",
        ("冬送温暖行动", "serves", "灵活就业人员"),
    ),
    (
        "东湖区总工会启动“冬送温暖”行动，重点慰问困难职工和一线群体。"
        "一线群体包括快递员、灵活就业人员和艰苦岗位职工。",
        ("冬送温暖行动", "serves", "艰苦岗位职工"),
    ),
    # whom a programme funds or relieves it serves
    (
        "东湖区总工会开展“金秋助学”活动，资助困难农民工子女上学。",
        ("金秋助学", "serves", "困难农民工"),
    ),
    ("东湖区总工会开展“冬送温暖”活动，救助困难农民工30人。", ("冬送温暖", "serves", "困难农民工")),
    # 于 is the written form of 在
    (
        "2025年东湖区职工乒乓球比赛于东湖区职工服务中心举行。",
        ("东湖区职工乒乓球比赛", "heldAt", "东湖区职工服务中心"),
    ),
    (
        "东湖区总工会于滨河广场举办“清凉一夏”活动。",
        ("清凉一夏", "heldAt", "滨河广场"),
    ),
    # where an event opens or closes is where it is held
    (
        "由东湖区总工会主办的“巾帼普法”宣传活动在东湖社区职工之家开场。",
        ("巾帼普法", "heldAt", "东湖社区职工之家"),
    ),
    (
        "2025年东湖区职工篮球比赛在东湖体育馆落下帷幕。",
        ("东湖区职工篮球比赛", "heldAt", "东湖体育馆"),
    ),
    # what is built or designed for a group, named after 的 or in a list, is for it
    (
        "东湖街道总工会为外卖骑手打造的“骑士驿站”正式启用。",
        ("骑士驿站", "serves", "外卖骑手"),
    ),
    (
        "东湖街道总工会为外卖骑手开设了“骑手课堂”和“东湖骑士驿站”。",
        ("东湖骑士驿站", "serves", "外卖骑手"),
    ),
    # where the event's holders go on its day is where it takes place
    (
        "“暖冬送福”活动举行当天，区总工会干部走进滨河广场，为环卫工人送上手套。",
        ("暖冬送福", "heldAt", "滨河广场"),
    ),
    # a lead sentence before the article names its programme: the programme serves
    (
        "东湖区环卫局介绍，这批慰问品会陆续送到一线环卫工人手中。"
        "今年5月，东湖区总工会在全区开展“爱心消费”活动。",
        ("爱心消费", "serves", "一线环卫工人"),
    ),
    # the groups after the division they are in (为某街道辖区的…)
    (
        "东湖街道总工会开办“小候鸟”暑期托班。托班一方面为东湖街道辖区的新业态劳动者分担了看护子女的负担。",
        ("小候鸟暑期托班", "serves", "新业态劳动者"),
    ),
    # …after a serving cue too
    (
        "东湖区总工会启动“清凉一夏”行动，慰问了东湖区辖区的环卫工人。",
        ("清凉一夏行动", "serves", "环卫工人"),
    ),
    # a meeting that frames the sentence (在…会上) is not its topic: the site opened
    # there is, and serves whom the next sentence names
    (
        "昨天，在南湖市东岭区工会工作“暖心行动年”专项部署会上，东岭区骑手服务中心正式启用。"
        "工作人员每天为外卖骑手提供热水。",
        ("东岭区骑手服务中心", "serves", "外卖骑手"),
    ),
    # …but an event a body holds in a division is still the topic
    (
        "西湖街道总工会在东岭区举办“春风送岗”招聘会。工作人员为农民工提供岗位信息。",
        ("春风送岗招聘会", "serves", "农民工"),
    ),
    # for whom the sentence opens with: the programme held, not the site it is held at
    # or the body it is run with
    (
        "为关爱户外劳动者，2月1日，西岭区总工会在清溪公园工会驿站开展“送春联”活动。",
        ("送春联", "serves", "户外劳动者"),
    ),
    # a post listed among the outdoor workers served is a served group too
    (
        "南岭区总工会在河畔公园工会驿站开展“送春联”活动，为环卫工人、交警等户外劳动者送去祝福。",
        ("送春联", "serves", "交警"),
    ),
]

NOT_FOUND = [
    # a sentence of plans speaks of the body's further work, not of the programme before
    (
        "东城区总工会“清凉一夏”活动在和平街道举行。下一步，区总工会将继续关注快递员的急难愁盼。",
        ("清凉一夏", "serves", "快递员"),
    ),
    (
        "东城区总工会“清凉一夏”活动在和平街道举行。\n东城区妇联负责人介绍，今后将继续为快递员提供更多服务。",
        ("清凉一夏", "serves", "快递员"),
    ),
    # a group that opens a committee's or department's name inside an event's name is
    # the body's word: the committee's session is not for the group
    (
        "3月6日，西岭市总工会召开女职工委员会五届三次全委(扩大)会议。",
        ("女职工委员会五届三次全委(扩大)会议", "serves", "女职工"),
    ),
    (
        "南岭区总工会召开第三届女职工委员会第二次全体会议。",
        ("第三届女职工委员会第二次全体会议", "serves", "女职工"),
    ),
    (
        "为关爱户外劳动者，2月1日，西岭区总工会在清溪公园工会驿站开展“送春联”活动。",
        ("清溪公园工会驿站", "serves", "户外劳动者"),
    ),
    (
        "为感谢环卫工人的付出，南岭区总工会联合市爱心服务中心开展“冬日暖阳”慰问活动。",
        ("市爱心服务中心", "serves", "环卫工人"),
    ),
    (
        "为关爱环卫工人，由区总工会和南湖社工服务中心联合举办的“中秋送福”活动在北街社区举行。",
        ("南湖社工服务中心", "serves", "环卫工人"),
    ),
    # the framing meeting does not serve
    (
        "昨天，在南湖市东岭区工会工作“暖心行动年”专项部署会上，东岭区骑手服务中心正式启用。"
        "工作人员每天为外卖骑手提供热水。",
        ("工作暖心行动年专项部署会", "serves", "外卖骑手"),
    ),
    # a site an event is only held at: the event serves, not its venue
    (
        "“冬日送暖”活动在清溪街道暖心驿站举行，为环卫工人送上棉衣。",
        ("清溪街道暖心驿站", "serves", "环卫工人"),
    ),
    # laws, reforms and holidays name a group without being for it
    (
        "东湖区总工会宣传《女职工劳动保护特别规定》。",
        ("女职工劳动保护特别规定", "serves", "女职工"),
    ),
    ("北湖区深化产业工人队伍建设改革。", ("产业工人队伍建设改革", "serves", "产业工人")),
    # nor does a ceremony of something else
    (
        "南溪县总工会举行“暖心驿站”快递员关爱行动启动仪式。",
        ("暖心驿站快递员关爱行动启动仪式", "serves", "快递员"),
    ),
    # nor does a congress of the group's delegates
    ("东湖镇工会召开第二届工会会员代表大会。", ("第二届工会会员代表大会", "serves", "工会会员")),
    # honoured workers named in a programme mostly give, not receive
    ("西岭区总工会开展“劳模工匠进校园”活动。", ("劳模工匠进校园", "serves", "劳模工匠")),
    # 工会 before 职工 belongs to the name that goes on, it names no group
    ("东岗区总工会职工文体活动中心开放。", ("东岗区总工会职工文体活动中心", "serves", "工会职工")),
    # a group that is part of the kind of site (户外劳动者服务站) is no group of its own
    ("北岸区新建户外劳动者服务站点30个。", ("户外劳动者服务站点", "serves", "户外劳动者")),
    # nor is a programme named in another part of the sentence what serves the group
    (
        "北湖区总工会发布十条关爱举措。健康方面，推出“暖心医护”项目；"
        "服务方面，专为快递员举办购物专场。",
        ("暖心医护项目", "serves", "快递员"),
    ),
    # …which serves them, not the topic of the sentence before
    (
        "北湖区总工会启动“暖冬”行动。面向新业态女职工的“安康体检”活动也在全区推开。",
        ("暖冬行动", "serves", "新业态女职工"),
    ),
    (
        "南湖区总工会启动“暖冬”行动。专为货车司机服务的滨河司机之家同时开放。",
        ("暖冬行动", "serves", "货车司机"),
    ),
    # benefits named for others than a group: no group is served
    (
        "南湖区总工会开展“爱心助农”活动，全区农户从中受益，环卫工人也来帮忙。",
        ("爱心助农", "serves", "环卫工人"),
    ),
    # a visit on another day than the event's is not where it took place
    (
        "“暖冬送福”活动举行次日，区总工会干部走进滨河广场，为环卫工人送上手套。",
        ("暖冬送福", "heldAt", "滨河广场"),
    ),
    # the last programme of a list is not what the clause after the list is said of
    (
        "东湖区总工会今年重点推进“金秋助学”活动、“冬送温暖”活动两项工作，"
        "同时为困难职工送上慰问金。",
        ("冬送温暖", "serves", "困难职工"),
    ),
    # …but a group nothing serves passes nothing on to its members
    (
        "东湖区总工会启动“读书月”活动。辖区户外劳动者包括快递员和灵活就业人员。",
        ("读书月", "serves", "灵活就业人员"),
    ),
    # a headline that names no programme sums up the article, not the first one named
    (
        "东湖工会：多管齐下关爱一线职工\n"
        "日前，东湖区总工会印发《关于做好春节期间关心关爱工作的通知》。",
        ("关于做好春节期间关心关爱工作的通知", "serves", "一线职工"),
    ),
    # the site an event's doers work from is not what the event's purpose names
    (
        "为给先进工作者安排疗养，西岭县总工会以西岭劳模疗休养基地为中心规划路线。",
        ("西岭劳模疗休养基地", "serves", "先进工作者"),
    ),
    (
        "“迎新春 送祝福”活动举办当天，志愿者走进东湖社区暖心驿站，为快递员、保安员提供理发服务。",
        ("东湖社区暖心驿站", "serves", "保安员"),
    ),
    # a programme listed among places after 、 is not what the next sentence is about
    (
        "北湖区总工会建成十座暖心驿站。站点分布在滨河公园、东湖广场、“清凉”行动的工地。"
        "各站为建筑工人提供饮水。",
        ("清凉行动", "serves", "建筑工人"),
    ),
]

ENTITIES = [
    # teachers narrowed by a word are a group of workers, as 职工 are
    ("东湖区总工会开展“送温暖”活动，为乡村教师送上慰问金。", ("WorkerGroup", "乡村教师")),
    ("东湖小学工会开展“三八”关爱活动，为全体女教职工送上节日祝福。", ("WorkerGroup", "女教职工")),
    # honoured workers a programme serves are a group
    ("东湖区总工会开展“春风”行动，慰问劳动模范。", ("WorkerGroup", "劳动模范")),
    # the children of a group of workers are a group (职工子女 alone is not: below)
    ("东湖区总工会启动“暖心”行动，为企业职工子女提供看护。", ("WorkerGroup", "企业职工子女")),
    # a kind of site quoted is the name the sites go by
    ("清河镇总工会打造的“司机之家”正式开放，为货车司机提供热水。", ("Facility", "司机之家")),
    ("今年辖区的商场里将陆续出现一批“妈咪屋”，服务女职工。", ("Facility", "妈咪屋")),
]

NOT_ENTITIES = [
    # …but its word alone, unserved, is no group (a police unit gives a talk)
    (
        "东湖区总工会邀请城南交警为快递员上了一堂交通安全课。",
        ("WorkerGroup", "交警"),
    ),
    # …but not the honour of that name, which is no group
    (
        "东湖区总工会表彰被评为劳动模范的职工，为获得劳动模范称号的职工颁奖。",
        ("WorkerGroup", "劳动模范"),
    ),
    # …but 教师 alone is too generic to be a node
    ("东湖区总工会开展“送温暖”活动，为教师送上慰问金。", ("WorkerGroup", "教师")),
    # a word joined to a group makes a group with its head only where the lexicon has
    # one: 环卫、快递员 names no 环卫员
    ("东湖区总工会开展“冬日暖心”活动，为环卫、快递员送上热饮。", ("WorkerGroup", "环卫员")),
    # the children of any workers are no group of their own
    ("东湖区总工会启动“暖心”行动，为职工子女提供看护。", ("WorkerGroup", "职工子女")),
    # a province's or county's every site is no site's name
    ("省总工会将推动全省工匠学院提质增效。", ("Facility", "全省工匠学院")),
    # a photo credit glued to a caption is no part of the site's name
    ("某某公司工会供图南湖片区服务驿站投用。", ("Facility", "某某公司工会供图南湖片区服务驿站")),
    # …but not where something is likened to one
    ("南河区总工会把驿站建成职工身边的“加油站”。", ("Facility", "加油站")),
    ("让驿站从“歇脚点”变成“服务站”。", ("Facility", "服务站")),
    # a group named only inside a name, and served by nothing, is no node of its own
    ("北岸区新建户外劳动者服务站点30个。", ("WorkerGroup", "户外劳动者")),
    ("西岭区总工会开展“劳模工匠进校园”活动。", ("WorkerGroup", "劳模工匠")),
    # one group under two synonymous heads is one entity, named by its longest form
    (
        "东湖区总工会启动“清凉”行动，为环卫工人送上绿豆汤。环卫工们纷纷点赞。",
        ("WorkerGroup", "环卫工"),
    ),
    (
        "北湖区总工会启动“暖新”行动，为户外劳动者送上热饮。户外工作者们纷纷点赞。",
        ("WorkerGroup", "户外工作者"),
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


@pytest.mark.parametrize(("text", "expected"), ENTITIES)
def test_entity(extract, text: str, expected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert expected in entities


@pytest.mark.parametrize(("text", "unexpected"), NOT_ENTITIES)
def test_no_entity(extract, text: str, unexpected: tuple[str, str]) -> None:
    entities, _ = extract(text)
    assert unexpected not in entities
