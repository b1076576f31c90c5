import pytest

from kg.article import Article, InputProblem
from kg.ingest.html import read_html

NAV = """
<div class="nav"><ul>
  <li><a href="/">首页</a></li><li><a href="/news">工会新闻</a></li>
  <li><a href="/rights">维权服务</a></li><li><a href="/about">关于我们</a></li>
</ul></div>"""
SIDEBAR = """
<div class="sidebar"><h3>热点推荐</h3><ul>
  <li><a href="/a">朝阳区总工会开展送温暖活动，慰问一线职工。</a></li>
  <li><a href="/b">海淀区第十届职工运动会隆重开幕。</a></li>
</ul></div>"""
FOOTER = """
<div class="ad">广告：某某品牌手机限时优惠，欢迎选购。</div>
<div class="footer"><p>版权所有 © 首都工会网 京ICP备12345678号</p>
<p>地址：北京市西城区某某街1号</p></div>"""
PARAGRAPHS = [
    "本报讯（记者 李明）近日，西城区总工会举办2025年职工职业技能大赛，来自全区的200余名职工参赛。",
    "据了解，本次大赛设置了电工、焊工、育婴员等8个工种，旨在进一步激发广大职工学技术、练本领的热情。",
    "西城区总工会相关负责人表示，将持续搭建职工技能提升平台。",
]
HEADLINE = "西城区总工会举办职工技能大赛"


def page(head: str = "", info: str = "", credit: str = "") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{HEADLINE}_工会新闻_首都工会网</title>{head}</head>
<body>{NAV}{SIDEBAR}
<div class="article"><h1>{HEADLINE}</h1>{info}{body}<p>{credit}</p></div>
{FOOTER}
</body></html>"""


def read(html: str) -> Article:
    article = read_html(html, "page.html")
    assert isinstance(article, Article)
    return article


def test_article_without_navigation_sidebar_ads_or_footer() -> None:
    article = read(page())
    assert article.headline == HEADLINE
    assert article.text.split("\n") == [HEADLINE, *PARAGRAPHS]
    for boilerplate in ("首页", "热点推荐", "海淀区", "广告", "版权所有", "地址"):
        assert boilerplate not in article.text


@pytest.mark.parametrize(
    ("head", "info", "date"),
    [
        (
            '<meta property="article:published_time" content="2025-03-12T09:30:00+08:00">',
            "",
            "2025-03-12",
        ),
        ('<meta name="publishdate" content="2025-03-11">', "", "2025-03-11"),
        ('<meta name="PubDate" content="2025/03/10 09:30">', "", "2025-03-10"),
        ("", "<div class='info'>发布时间：2025年3月9日 来源：劳动午报</div>", "2025-03-09"),
        ("", "<span>日期：2025-03-08</span>", "2025-03-08"),
        ("", "", None),
    ],
)
def test_publication_date(head: str, info: str, date: str | None) -> None:
    article = read(page(head=head, info=info))
    assert article.date == date
    assert "发布时间" not in article.text
    assert article.text.split("\n")[1:] == PARAGRAPHS


@pytest.mark.parametrize(
    ("head", "url"),
    [
        (
            '<link rel="canonical" href="https://example.org/a.html">'
            '<meta property="og:url" content="https://example.org/b.html">',
            "https://example.org/a.html",
        ),
        (
            '<meta property="og:url" content="https://example.org/b.html">',
            "https://example.org/b.html",
        ),
        ("", None),
        # a relative canonical link, resolved against the page's own address
        (
            '<link rel="canonical" href="/news/1.html">'
            '<meta property="og:url" content="https://example.org/list/1.html?from=rss">',
            "https://example.org/news/1.html",
        ),
        (
            '<base href="https://example.org/news/"><link rel="canonical" href="2025/1.html">',
            "https://example.org/news/2025/1.html",
        ),
        # no address of its own to resolve against: left for ingest to drop
        ('<link rel="canonical" href="/news/1.html">', "/news/1.html"),
        # a bare www. address is a host, not a path below the page's
        (
            '<base href="https://example.org/news/">'
            '<link rel="canonical" href="www.workercn.cn/1.html">',
            "http://www.workercn.cn/1.html",
        ),
    ],
)
def test_url(head: str, url: str | None) -> None:
    assert read(page(head=head)).url == url


def test_photo_credit_removed() -> None:
    article = read(page(credit="（本报记者 李明 摄）"))
    assert "摄" not in article.text


def test_table_layout_with_line_breaks() -> None:
    html = """<html><head><title>通州区总工会开展春送岗位活动 - 新闻中心</title></head><body>
    <table><tr><td><a href="/">首页</a> <a href="/a">工会动态</a> <a href="/b">维权</a></td></tr>
    <tr><td class="content">本报讯（通讯员 王芳）近日，通州区总工会举办春送岗位招聘会。<br>
    本次招聘会共有80家企业参加，提供岗位2000余个。<br>区总工会相关负责人表示，将持续开展就业服务。</td></tr>
    <tr><td id="footer">主办：通州区总工会 技术支持：某某公司</td></tr></table></body></html>"""
    article = read(html)
    assert article.headline == "通州区总工会开展春送岗位活动"
    assert article.text.split("\n") == [
        "通州区总工会开展春送岗位活动",
        "本报讯（通讯员 王芳）近日，通州区总工会举办春送岗位招聘会。",
        "本次招聘会共有80家企业参加，提供岗位2000余个。",
        "区总工会相关负责人表示，将持续开展就业服务。",
    ]


def test_headline_shown_above_text_wins_over_title_with_site_name() -> None:
    html = """<html><head><title>丰台区总工会慰问环卫工人-新闻中心</title></head><body>
    <div id="top"><span>网站首页</span><span>新闻中心</span></div>
    <div id="main"><div class="t">丰台区总工会慰问环卫工人</div><div>2025-01-20 来源：本站</div>
    <div>丰台区总工会近日走访慰问一线环卫工人，送去米面油等慰问品。</div>
    <div>活动中，工会干部详细询问了环卫工人的工作和生活情况。</div></div></body></html>"""
    article = read(html)
    assert article.headline == "丰台区总工会慰问环卫工人"
    assert article.date == "2025-01-20"
    assert article.text.split("\n")[1:] == [
        "丰台区总工会近日走访慰问一线环卫工人，送去米面油等慰问品。",
        "活动中，工会干部详细询问了环卫工人的工作和生活情况。",
    ]


def test_xhtml_with_xml_declaration() -> None:
    html = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>
<article><h1>延庆区总工会送清凉</h1><p>近日，延庆区总工会为户外劳动者送去清凉物资。</p></article>
</body></html>"""
    assert read(html).text == "延庆区总工会送清凉\n近日，延庆区总工会为户外劳动者送去清凉物资。"


def test_traditional_page() -> None:
    html = """<html><head><title>臺北市總工會舉辦勞工講座</title></head><body>
<article><h1>臺北市總工會舉辦勞工講座</h1><p>近日，臺北市總工會為勞工舉辦權益講座。</p></article>
</body></html>"""
    article = read(html)
    assert article.headline == "台北市总工会举办劳工讲座"
    assert article.original.split("\n")[1] == "近日，臺北市總工會為勞工舉辦權益講座。"


@pytest.mark.parametrize(
    "html",
    [
        f"<html><head><title>首页 - 工会</title></head><body>{NAV}{SIDEBAR}{FOOTER}</body></html>",
        "<html><body></body></html>",
        "<html>",
    ],
    ids=["navigation-only", "empty-body", "bare-tag"],
)
def test_page_without_article_is_a_problem(html: str) -> None:
    problem = read_html(html, "nav.html")
    assert isinstance(problem, InputProblem)
    assert problem.source == "nav.html"
    assert "no article" in problem.message
