import pytest

from kg.article import Article
from kg.ingest.lines import Line, join_broken
from kg.ingest.page import read_text

LEAD_A = "本报讯（记者 李明）近日，通州区总工会举办职工技能大赛。"
LEAD_B = "本报讯（通讯员 王芳）近日，怀柔区职工运动会闭幕。"
BODY = "共有三十支代表队参赛。"


def articles(text: str) -> list[Article]:
    return list(read_text(text, "page.txt"))


def lines_of(article: Article) -> list[str]:
    return article.text.split("\n")


@pytest.mark.parametrize(
    ("block", "headline", "heading_lines"),
    [
        (["通州区总工会举办技能大赛"], "通州区总工会举办技能大赛", ["通州区总工会举办技能大赛"]),
        # Page banner (phrases separated by a space) dropped; kicker kept after the headline.
        (
            ["弘扬劳模精神 建功新时代", "激发职工学技术热情", "通州区总工会举办技能大赛"],
            "通州区总工会举办技能大赛",
            ["通州区总工会举办技能大赛", "激发职工学技术热情"],
        ),
        # Sub-headline starting with a number.
        (
            ["通州区总工会举办技能大赛", "200余名职工同台竞技"],
            "通州区总工会举办技能大赛",
            ["通州区总工会举办技能大赛", "200余名职工同台竞技"],
        ),
        # Sub-headline starting with a dash, after a column head.
        (
            ["工会在行动 服务暖人心", "通州区总工会举办技能大赛", "——职工同台竞技"],
            "通州区总工会举办技能大赛",
            ["通州区总工会举办技能大赛", "——职工同台竞技"],
        ),
        # A headline spaced like a column head is still the headline when it is the only one.
        (["稳就业 促发展"], "稳就业 促发展", ["稳就业 促发展"]),
        # A date line in the block is not a headline.
        (
            ["2025年3月12日", "通州区总工会举办技能大赛"],
            "通州区总工会举办技能大赛",
            ["通州区总工会举办技能大赛"],
        ),
    ],
)
def test_headline_block(block: list[str], headline: str, heading_lines: list[str]) -> None:
    text = "\n\n".join([*block, LEAD_A, BODY])
    (article,) = articles(text)
    assert article.headline == headline
    assert lines_of(article) == [*heading_lines, LEAD_A, BODY]


def test_page_splits_at_each_lead_and_drops_banner() -> None:
    text = "\n".join(
        [
            "劳动午报 2025年3月12日 星期三",
            "第3版 工会新闻",
            "通州区总工会举办技能大赛",
            LEAD_A,
            BODY,
            "怀柔区职工运动会闭幕",
            LEAD_B,
            "本次运动会设置了拔河、跳绳等",
            "十个项目。",
        ]
    )
    first, second = articles(text)
    assert (first.index, first.headline) == (0, "通州区总工会举办技能大赛")
    assert (second.index, second.headline) == (1, "怀柔区职工运动会闭幕")
    assert lines_of(first) == ["通州区总工会举办技能大赛", LEAD_A, BODY]
    assert lines_of(second) == [
        "怀柔区职工运动会闭幕",
        LEAD_B,
        "本次运动会设置了拔河、跳绳等十个项目。",
    ]
    # The page date from the banner belongs to every article on the page.
    assert first.date == second.date == "2025-03-12"


def test_lead_without_headline_block_does_not_split() -> None:
    quote = "新华社北京3月5日电 这一消息在职工中引起热烈反响。"
    text = "\n".join(["通州区总工会举办技能大赛", LEAD_A, quote, BODY])
    (article,) = articles(text)
    assert lines_of(article) == ["通州区总工会举办技能大赛", LEAD_A, quote, BODY]


@pytest.mark.parametrize(
    ("body_lines", "expected"),
    [
        # Broken mid-sentence.
        (["区总工会将进一步完善", "服务设施。"], ["区总工会将进一步完善服务设施。"]),
        # Broken mid-name, across three lines.
        (
            ["记者了解到，海淀区总", "工会联合首都师范大", "学举办了活动。"],
            ["记者了解到，海淀区总工会联合首都师范大学举办了活动。"],
        ),
        # A closing quote ends nothing by itself; a full stop inside it does.
        (["他说：“继", "续努力。”", "下一段。"], ["他说：“继续努力。”", "下一段。"]),
        (["活动名为“清凉一夏”", "行动。"], ["活动名为“清凉一夏”行动。"]),
        # Latin words broken across lines keep a space.
        (["免费提供 Wi-Fi and", "charging。"], ["免费提供 Wi-Fi and charging。"]),
        # Photo credits: after the last sentence, on their own line, bracketed, with a slash.
        (["活动现场气氛热烈。赵小明 摄"], ["活动现场气氛热烈。"]),
        (["活动现场气氛热烈。", "赵小明 摄"], ["活动现场气氛热烈。"]),
        (["活动现场气氛热烈。（本报记者 赵小明 摄）"], ["活动现场气氛热烈。"]),
        (["活动现场气氛热烈。赵小明/摄"], ["活动现场气氛热烈。"]),
        (["活动现场气氛热烈。", "记者 钱进 孙立 摄"], ["活动现场气氛热烈。"]),
        # The source of a photo after the last sentence, or bracketed on its own line; the
        # next line's name does not run into it.
        (
            ["图为活动现场。图片来源：某某学院", "东城区总工会表示，将继续努力。"],
            ["图为活动现场。", "东城区总工会表示，将继续努力。"],
        ),
        (["活动现场气氛热烈。", "（图片来源：甲公司）"], ["活动现场气氛热烈。"]),
        # 来源 inside a sentence is no credit.
        (["图片来源于职工投稿。"], ["图片来源于职工投稿。"]),
        # 摄 inside a sentence is not a credit.
        (["记者在现场拍摄了照片。"], ["记者在现场拍摄了照片。"]),
        # Page furniture inside the body.
        (["活动现场气氛热烈。", "责任编辑：王五"], ["活动现场气氛热烈。"]),
        # Links to the next and previous articles name other articles' headlines.
        (["活动现场气氛热烈。", "下一条:某省职工技能培训班开班"], ["活动现场气氛热烈。"]),
        (["活动现场气氛热烈。", "上一篇：某市总工会召开全委会"], ["活动现场气氛热烈。"]),
        # A sentence that says what comes next is text.
        (["下一步，区总工会将扩大服务范围。"], ["下一步，区总工会将扩大服务范围。"]),
        # A breadcrumb names the site's sections, not bodies.
        (["活动现场气氛热烈。", "当前位置：首页 > 资讯中心 > 正文"], ["活动现场气氛热烈。"]),
    ],
)
def test_body_joining_and_cleaning(body_lines: list[str], expected: list[str]) -> None:
    text = "\n".join(["通州区总工会举办技能大赛", LEAD_A, *body_lines])
    (article,) = articles(text)
    assert lines_of(article) == ["通州区总工会举办技能大赛", LEAD_A, *expected]


def test_byline_on_its_own_line_is_not_joined() -> None:
    text = "\n".join(["通州区总工会举办技能大赛", "本报记者 李明", "近日，区总工会举办大赛。"])
    (article,) = articles(text)
    assert lines_of(article) == [
        "通州区总工会举办技能大赛",
        "本报记者 李明",
        "近日，区总工会举办大赛。",
    ]


GAME = "近日，顺义区总工会在区体育馆举办职工篮球赛，十支队伍参赛。"
CHEERS = "十支队伍轮番上场，观众的欢呼声此起彼伏。"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A web page's text: menu, headline, body. The headline is a paragraph of its own,
        # not the start of the body's first sentence.
        (
            ["工会动态", "顺义区总工会举办职工篮球赛", GAME],
            ["工会动态", "顺义区总工会举办职工篮球赛", GAME],
        ),
        # A short piece with a clause break before a wider line is a sentence going on.
        (
            ["据悉，怀柔区总工会", "联合区体育局举办了这次比赛，共有十支队伍参赛。"],
            ["据悉，怀柔区总工会联合区体育局举办了这次比赛，共有十支队伍参赛。"],
        ),
        # Lines of one width (a column) are one sentence, digits taking half a character.
        (
            ["怀柔区总工会于", "2025年5月12日举办", "职工篮球赛。"],
            ["怀柔区总工会于2025年5月12日举办职工篮球赛。"],
        ),
        # In the body, a short piece before a wide line is a paragraph broken at random...
        (
            ["比赛开幕。", "怀柔区体育", "馆里，" + CHEERS],
            ["比赛开幕。", "怀柔区体育馆里，" + CHEERS],
        ),
        # ...but an intertitle of spaced phrases stands alone there too.
        (
            ["比赛开幕。", "赛场添活力 职工展风采", CHEERS],
            ["比赛开幕。", "赛场添活力 职工展风采", CHEERS],
        ),
    ],
)
def test_headline_lines_are_not_joined_to_the_body(lines: list[str], expected: list[str]) -> None:
    (article,) = articles("\n".join(["网站首页", *lines]))
    assert article.headline == "网站首页"
    assert lines_of(article)[1:] == expected


def test_a_lead_is_not_joined_to_the_sub_headline_before_it() -> None:
    lines = ["十支队伍参赛，赛期一周", "本报讯 近日，比赛开幕。"]
    assert [line.text for line in join_broken(map(Line.of, lines))] == lines


@pytest.mark.parametrize(
    ("date_line", "date"),
    [
        ("2025-03-12", "2025-03-12"),
        ("2025年3月2日", "2025-03-02"),
        ("发布时间：2025/03/12 10:30", "2025-03-12"),
        ("日期：2025.3.12 来源：区总工会", "2025-03-12"),
        (None, None),
    ],
)
def test_plain_article_headline_date_and_body(date_line: str | None, date: str | None) -> None:
    lines = ["区总工会召开全委会", *([date_line] if date_line else []), "会议总结了", "全年工作。"]
    (article,) = articles("\r\n\r\n".join(lines) + "\r\n")
    assert article.headline == "区总工会召开全委会"
    assert article.date == date
    assert lines_of(article) == ["区总工会召开全委会", "会议总结了全年工作。"]


def test_body_line_starting_with_a_year_is_not_a_date_line() -> None:
    text = "区总工会召开全委会\n2025年，区总工会将深化改革。"
    (article,) = articles(text)
    assert article.date is None
    assert lines_of(article) == ["区总工会召开全委会", "2025年，区总工会将深化改革。"]


def test_whitespace_is_normalised_but_punctuation_kept() -> None:
    text = "　区总工会召开全委会　 \n\t会议　总结了（全年）工作，ＡＢＣ！  \n"
    (article,) = articles(text)
    assert article.text == "区总工会召开全委会\n会议 总结了（全年）工作，ＡＢＣ！"


def test_traditional_page_is_split_and_converted_at_equal_length() -> None:
    text = "\n".join(
        [
            "通州區總工會舉辦技能大賽",
            "本報訊（記者 李明）近日，通州區總工會舉辦職工技能大賽。",
            "共有三十支代表隊參賽。",
        ]
    )
    (article,) = articles(text)
    assert article.headline == "通州区总工会举办技能大赛"
    assert lines_of(article)[1] == "本报讯（记者 李明）近日，通州区总工会举办职工技能大赛。"
    assert article.original.split("\n")[2] == "共有三十支代表隊參賽。"
    assert len(article.text) == len(article.original)


def test_preamble_text_before_the_first_headline_is_its_own_article() -> None:
    continued = "（上接第一版）区总工会还将开展送温暖活动。"
    text = "\n".join([continued, "通州区总工会举办技能大赛", LEAD_A, BODY])
    first, second = articles(text)
    assert first.text == continued
    assert second.headline == "通州区总工会举办技能大赛"
    assert second.index == 1
