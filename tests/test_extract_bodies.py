"""Bodies (unions, organisations), their parts and the people who hold posts in them:
(text, expected) tables on sentences written for the tests."""

from __future__ import annotations

import pytest

FOUND = [
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
]

NOT_FOUND = [
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
]

TRIPLES = [
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
]

NOT_TRIPLES = [
    ("金泰集团党委副书记、执行董事吴东出席。", ("吴东", "memberOf", "金泰集团党委")),
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
