"""``kg_quoted``: names in “…” and 《…》, told apart from quoted speech and scare quotes."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import EVENT_KINDS, JOINER, Head, head_of, opened_by, word_classes, words
from kg.nlp.component import Component
from kg.nlp.mentions import (
    COUNT,
    MIN_UNION_OWNER,
    NUMERALS,
    SITE_LABELS,
    THEME_SOURCE,
    Candidate,
    candidates,
    opened_programme,
    text_of,
)
from kg.schema import strip_quotes

PRIORITY = 50
# The outer pair only; inner ‘…’ stays part of the content. Straight quotes "…" pair
# up in order, as pages that use them write them (年度"送书香"活动).
QUOTED = re.compile(r"“([^“”]{1,60})”|《([^《》]{1,80})》|「([^「」]{1,60})」|\"([^\"\n]{1,60})\"")
# Speech and explanations contain clause punctuation; names do not.
CLAUSE_PUNCTUATION = re.compile(r"[，。！？；：,!?;]")
# After a quote, a run of name characters may carry the head: “新邻里”暖冬守护活动.
# (“某某”关爱职工专项服务月活动: the head may come a dozen characters later.)
SUFFIX = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]{1,30}")
COUNTED = re.compile(COUNT)
# The words after a quotation that carry its head never hold these: in
# “建设者之家”在宋庄镇副中心… the 中心 is another thing's.
PREPOSITIONS = frozenset("的在于与和为由对向从到及是将把被")
# “X进Y”, “X送到Y”: the verb of a programme's slogan, with something on each side.
SLOGAN_VERB = re.compile(r"(?<=.)(?:进|送到)(?=\w{2,}$)")
# Words after a quotation that only say it is an activity, or an occasion of it
# (“金秋助学”助学金发放仪式 is an occasion of 金秋助学).
GENERIC_ACTIVITY = r"^(?:系列|公益|主题|首场|专场|集中|宣传|志愿服务|暖心)?活动$"
GENERIC_EVENT = re.compile(GENERIC_ACTIVITY + r"|.{0,6}(?:仪式|典礼|开幕式)$")
CJK = re.compile(r"[\u4e00-\u9fff]")
# A union's name ends with these (某区总工会“某某”活动: the name starts at the quote).
UNION_ENDS = ("工会", "工联会", "总工会")
# What a theme says around it: 主题为“X”, 以“X”为主题.
THEME_BEFORE = ("主题为", "主题是", "主题：", "主题:")
# An event's word before its theme (会议主题为“X”, 大会的主题是“X”, 某某活动以“X”为主题):
# the theme is the event's, named before; looked for within THEME_LOOK_BACK characters.
THEME_LOOK_BACK = 8
THEME_OF_EVENT = re.compile(r"(?:会议|活动|大会|比赛|大赛|赛事)(?:的?主题[为是：:]|以)$")
# ...and an activity's: 某某活动以“X”为主题 names the activity before by its theme, as
# 以“X”为主题的某某活动 does (the gold's convention: the theme is the name).
THEME_OF_ACTIVITY = re.compile(r"活动(?:的?主题[为是：:]|以)$")
# What joins a theme to the activity it names: 主题为“X”的某某活动, 以“X”为主题的某某活动.
THEMED = ("为主题的", "的")
SENTENCE_END = re.compile(r"[。！？!?；;]")
# The only clause marks a slogan of two halves holds, and what may join it to the
# activity it names (“某某，某某”的倡议活动, or right after it: “某某，某某”活动).
SLOGAN_COMMAS = frozenset("，,")
SLOGAN_JOINTS = ("的", "")
# Words right after a quoted site's name that make it a programme's name.
PROGRAMME_WORDS = ("项目", "工程", "计划", "行动")
# The words after a quotation that name a body, a site or a place are no clause
# (unlike a programme's: “送清凉”让…): they never hold these particles (nor 而, which
# joins a clause: “匠”转变而建设…基地).
NAMED_WITHOUT_CLAUSES = frozenset({"Union", "Organization", "Facility", "Place", "District"})
CLAUSE_CHARACTERS = frozenset("了让把被使而")
BODY_LABELS = frozenset({"Union", "Organization"})
# A clause that likens something to what follows it: 建成…的, 变成, 成为, 当好.
LIKENED = re.compile(r"(?:成为|变成|建成|打造成|当成|当好|作为|成了)[^，。；！？]*$")
# …成为深受女职工喜爱的“温馨之家”: a description of what something became, even with a
# word before the kind of site (but 建成“某某驿站”, with no 的, builds a site so named).
LIKENED_AS = re.compile(r"(?:成为|变成|打造成|当成|成了)[^，。；！？]*的$")
# Words after a quoted kind of site that make it the kind, worked on: “工会驿站”建设.
CLASS_WORK = ("建设", "工作", "阵地", "品牌")
# “职工有困难找工会”这一口号: a quotation called a slogan names nothing, whatever its
# last word.
SLOGAN_AFTER = re.compile(r"(?:这一|这个|的)?(?:口号|标语)")
# How many characters a programme head after a quotation needs before it, and takes
# at most (see _programme_head): past that, the run is a sentence going on.
MIN_PROGRAMME_WORDS = 2
MAX_PROGRAMME_WORDS = 8
NUMERAL_START = re.compile(f"[{NUMERALS}]")
PERIODICALS = ("报", "杂志", "日报", "晚报", "周刊", "期刊", "网")
# A complement after an initiative's head that makes it a verb (“某某”公益活动中带头行动
# 起来: take action), where no name ends.
VERBAL_AFTER = ("起来",)
# The marks that close a quotation: one right before another opens a list of them.
CLOSINGS = ("”", "」")
# “区级星级驿站”——某某驿站: a quoted title that a site bears, set before its name.
TITLE_DASH = ("——", "—")
# The words of an honour a site is given (荣获“全国最美驿站”称号, 评为“最美工会户外劳动者
# 服务站点”, “某某职工书屋示范点”): a quoted kind of site holding one is the title.
HONOURS = ("最美", "示范", "星级")


class QuotedNameRecognizer(Component):
    """Quoted strings become names when their head noun says what they are.

    《…》 is a document or programme (an Initiative) unless it is a periodical.
    “…” needs a head noun of its own (“大兴工匠学院”) or right after the closing
    mark (“新邻里”暖冬守护活动); without one, a string of 2–6 characters is kept
    as a possible abbreviation (“产改”), which the resolver keeps only if it
    abbreviates a full name of the same article.
    """

    def __init__(self, max_abbreviation: int) -> None:
        self.organising = words("organising_verbs")
        self.tail_stops = words("initiative_tail_stops")
        self.work_kinds = tuple(words("work_kinds"))
        self.programme_heads = words("quoted_programme_heads")
        self.dictionary = word_classes()["word"]
        self.verbs = word_classes()["verb"]
        self.max_abbreviation = max_abbreviation

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        out = candidates(doc)
        for match in QUOTED.finditer(text):
            content = next(group for group in match.groups() if group is not None)
            found = self._classify(text, match, content)
            if found is not None:
                out.append(found)
                programme = opened_programme(found)
                if programme is not None:
                    out.append(programme)
        return doc

    def _classify(self, text: str, match: re.Match[str], content: str) -> Candidate | None:
        start, end = match.span()
        if _is_theme(text, start, end) and not SENTENCE_END.search(content):
            # 主题为“冬有暖阳 心有所依”的…活动, 以“健康同行，快乐工作”为主题: the theme is the
            # activity's name, slogan punctuation and all; the activity it is the theme of
            # (…的义诊活动) is that one, named by it. Its own words are kept as the key:
            # the article may call it by them elsewhere (a headline's 某某交友活动).
            joint, activity = self._themed_activity(text, end)
            if not activity and THEME_OF_EVENT.search(text, max(0, start - THEME_LOOK_BACK), start):
                # 某某推进会在某地召开，会议主题为“X”: the theme of the event named
                # before, which it stands for (as 该活动 does), no activity of its own.
                name = strip_quotes(content)
                if THEME_OF_ACTIVITY.search(text, max(0, start - THEME_LOOK_BACK), start):
                    return Candidate(start, end, "Initiative", name, THEME_SOURCE, PRIORITY)
                return Candidate(start, end, "Initiative", name, "reference", PRIORITY, short=True)
            return _named_activity(start, end, content, joint + activity, activity)
        marks = set(CLAUSE_PUNCTUATION.findall(content))
        if marks and marks <= SLOGAN_COMMAS:
            # “爱心采购，助农增收”活动, “穿针引线，温暖你我”的倡议活动: a slogan of
            # two halves that the words after it call an activity names it, as a theme does.
            joint, activity = self._themed_activity(text, end, SLOGAN_JOINTS)
            if activity:
                return _named_activity(start, end, content, joint + activity, activity)
        if (
            CLAUSE_PUNCTUATION.search(content)
            or content.strip() != content
            or SLOGAN_AFTER.match(text, end)
        ):
            return None
        name = strip_quotes(content)
        if match.group(2) is not None:
            if name.endswith(PERIODICALS) or text.endswith(self.work_kinds, 0, start):
                return None  # a periodical, or a work performed or given (集体舞《某某》)
            # 《某某法》宣传周活动, 《某某法》知识竞赛: the document is the topic of the
            # event whose words follow it, which is named with it (even as a bare 宣传活动).
            suffix = SUFFIX.match(text, end)
            found = self._suffix_with_head(suffix.group(), False, False) if suffix else None
            event = head_of(found[0]) if found is not None else None
            if event is not None and event.label == "Initiative" and event.kind in EVENT_KINDS:
                tail = found[0]
                end += len(tail)
                name += tail
            return Candidate(start, end, "Initiative", name, "quoted", PRIORITY)
        # “科技+工会”, “检察+工会”: a slogan joining two things names no body.
        head = None if "+" in name else head_of(name)
        programme = next((w for w in PROGRAMME_WORDS if text.startswith(w, end)), None)
        if head is not None and head.label != "Initiative" and programme is not None:
            # “社区夜校”项目, “骑手驿站”工程: a site named as a programme is the programme.
            return Candidate(
                start, end + len(programme), "Initiative", name + programme, "quoted", PRIORITY
            )
        suffix = SUFFIX.match(text, end)
        opens = self._opens_name(text, start)
        # One quoted character is a pun inside a name (暖“心”行动), never a programme's
        # whole name before a programme head.
        programme_heads = len(name) > 1
        found = self._suffix_with_head(suffix.group(), opens, programme_heads) if suffix else None
        if (
            head is not None
            and head.label in BODY_LABELS
            and found is not None
            and found[1] == "Initiative"
            and not GENERIC_EVENT.match(found[0])
        ):
            # Bodies are seldom quoted, slogans often: “爱在某某中心”青年职工交友会 is
            # an activity, named by the words after the quotation as any other (but
            # “某某中心”揭牌仪式 is the body's occasion).
            head = None
        if (
            head is not None
            and head.label in SITE_LABELS
            and (text.startswith(TITLE_DASH, end) or any(w in name for w in HONOURS))
        ) or (found is not None and _names_a_body_site(*found)):
            # “区级星级驿站”——某某驿站, “市级示范书屋”某某有限公司职工书屋:
            # a title (an Initiative: a brand or an award) that the site after it
            # bears, the site being named after its body; not a site of its own; nor is
            # a quoted honour (“全国最美驿站”, see HONOURS).
            return Candidate(start, end, "Initiative", name, "quoted", PRIORITY)
        if (
            head is not None
            and head.label in SITE_LABELS
            and LIKENED_AS.search(text, max(0, start - 30), start)
        ):
            return None
        if head is not None and head.label == "Union":
            # “五型工会”, “智慧工会”, “某某+工会”: a union's name in quotation marks is
            # a kind of union or a slogan; unions are named unquoted.
            return None
        if head is not None and len(name) > len(head.text):
            # Divisions are not quoted, and “X进Y” is the shape of a programme's
            # slogan: “名厨进社区”, “法律服务进工地” are programmes, not places.
            slogan = head.label == "District" or self._is_slogan(name)
            label = "Initiative" if slogan else head.label
            return Candidate(start, end, label, name, "quoted", PRIORITY)
        if (
            head is not None
            and head.label == "Facility"
            and programme is None
            and not LIKENED.search(text, max(0, start - 30), start)
            and not text.startswith(CLASS_WORK, end)
        ):
            # “司机之家”, “妈咪屋”: a kind of site quoted is the name the sites go by;
            # not where something is likened to one (把驿站建成职工身边的“加油站”), nor
            # the kind as the object of work (“工会驿站”建设).
            return Candidate(start, end, "Facility", name, "quoted", PRIORITY)
        if found is not None and found[1] == "Initiative" and text[start - 1 : start] in CLOSINGS:
            # “进企业”“进社区”活动: the activity is the list's, not the last quotation's.
            return None
        if found == ("工会", "Union"):
            # “小三级”工会, “娘家人”工会: a kind of union or a slogan; a union's name
            # goes on with a head of its own (“某某”工会联合会) or words before it.
            return None
        if found is not None and found[1] == "Union" and _names_own_union(found[0]):
            # “某某守护”甲乙站工会: the quotation is the theme of what the union does, and
            # the union is named by the words after it (but “某某”工会联合会, a head
            # alone, is the union the quotation names).
            tail = found[0]
            return Candidate(end, end + len(tail), "Union", tail, "quoted", PRIORITY)
        if found is not None:
            tail, label = found
            # “送清凉”活动 is called 送清凉; “新邻里”暖冬守护活动 keeps its words.
            full = name if GENERIC_EVENT.match(tail) else name + tail
            if len(name) == 1 and _pun_start(text, start):
                # 暖“心”行动: one quoted character is a pun inside a name that
                # starts right before it.
                start -= 1
                full = text[start] + full
            return Candidate(start, end + len(tail), label, full, "quoted", PRIORITY)
        if 2 <= len(name) <= self.max_abbreviation and " " not in name:
            return Candidate(start, end, "Initiative", name, "quoted", PRIORITY, short=True)
        return None

    def _themed_activity(
        self, text: str, end: int, joints: tuple[str, ...] = THEMED
    ) -> tuple[str, str]:
        """What joins a theme to the activity it names (one of ``joints``: 的, 为主题的)
        and the activity's words up to its head (义诊活动, 职工交友会), or two empty
        strings."""
        joint = next((j for j in joints if text.startswith(j, end)), None)
        suffix = SUFFIX.match(text, end + len(joint)) if joint is not None else None
        found = self._suffix_with_head(suffix.group(), False, False) if suffix else None
        if joint is None or found is None or found[1] != "Initiative":
            return "", ""
        return joint, found[0]

    def _suffix_with_head(
        self, run: str, opens: bool, programme_heads: bool
    ) -> tuple[str, str] | None:
        """The longest prefix of ``run`` that ends in a head and holds no organising verb
        or verb of going (走进), with the type its head gives (``programme_heads``: also
        the heads that name only after a quotation). Where the quotation
        opens the name (``opens``), the head may be a ceremony's that opens a
        programme: “某某”关爱行动启动仪式 (启动 is then the head's, not a verb)."""
        for size in range(len(run), 0, -1):
            tail = run[:size]
            head = head_of(tail) or (self._programme_head(tail) if programme_heads else None)
            if (
                head is not None
                and not run.startswith(VERBAL_AFTER, size)
                and not COUNTED.search(tail)
                and not PREPOSITIONS.intersection(tail)
                and not any(verb in self._verbal_part(tail, opens) for verb in self.organising)
                and not any(word in tail for word in self.tail_stops)
                and not (head.label in NAMED_WITHOUT_CLAUSES and self._is_clause(tail, head))
                # 某某大会暨女职工委员会|三届二次全委会议: two names joined by 暨 are an
                # event's; a body's head after 暨 opens the second event's words.
                and not (JOINER in tail and head.label != "Initiative")
            ):
                return tail, head.label
        return None

    def _programme_head(self, tail: str) -> Head | None:
        """体系, 平台…: words that name a programme only right after a quotation, with
        words of their own before them (“某某”工作体系, “某+某”调解模式; not “某某”平台
        alone): kg/lexicons/quoted_programme_heads.txt."""
        head = next((h for h in self.programme_heads if tail.endswith(h)), None)
        if (
            head is None
            or not MIN_PROGRAMME_WORDS <= len(tail) - len(head) <= MAX_PROGRAMME_WORDS
            or NUMERAL_START.match(tail)  # “某”“某”“某”三大体系: a count of the quoted
        ):
            return None
        return Head(head, "Initiative", "programme")

    @staticmethod
    def _verbal_part(tail: str, opens: bool) -> str:
        programme = opened_by(tail) if opens else None
        return tail if programme is None or GENERIC_EVENT.match(programme) else programme

    def _opens_name(self, text: str, start: int) -> bool:
        """Whether a name starts at the quotation: after punctuation, a preposition,
        an organising verb or a union's name (某区总工会“某某”…), not after a word
        of a longer name (免费“某某”筛查活动)."""
        before = text[max(0, start - 4) : start]
        return (
            not CJK.match(before[-1:])
            or before[-1:] in PREPOSITIONS
            or before.endswith(tuple(self.organising))
            or before.endswith(UNION_ENDS)
        )

    def _is_clause(self, tail: str, head: Head) -> bool:
        """“快递小哥”代表当场宣誓加入了工会: a clause, not the rest of a body's name. A
        union's name holds no verb before its head (whose own words may be one: 工会
        联合会); a site's may (母婴关爱室), but not a clause's particles."""
        if CLAUSE_CHARACTERS.intersection(tail):
            return True
        before_head = tail[: len(tail) - len(head.text)]
        return head.label == "Union" and any(
            before_head[i : i + 2] in self.verbs for i in range(len(before_head) - 1)
        )

    def _is_slogan(self, name: str) -> bool:
        """“名厨进社区” is a slogan; “促进就业服务站” and “先进职工之家” are not: there 进
        belongs to a word with the character before it (走进 is the slogan's verb)."""
        for verb in SLOGAN_VERB.finditer(name):
            word = name[verb.start() - 1 : verb.start() + 1]
            if verb.group() != "进" or word == "走进" or word not in self.dictionary:
                return True
        return False


def _named_activity(start: int, end: int, content: str, after: str, activity: str) -> Candidate:
    """The activity that the quotation ending at ``end`` names, with the words ``after``
    it that say so (的某某活动); the activity's own words are its key, unless they only
    say it is one (活动): the article may call it by them elsewhere."""
    key = "" if GENERIC_EVENT.match(activity) else activity
    name = strip_quotes(content)
    return Candidate(start, end + len(after), "Initiative", name, "quoted", PRIORITY, key)


def _names_a_body_site(tail: str, label: str) -> bool:
    """Whether ``tail`` is a site's name that opens with a body's (某某有限公司职工书屋)."""
    if label not in SITE_LABELS:
        return False
    site = head_of(tail)
    owner = head_of(tail[: -len(site.text)]) if site is not None else None
    return owner is not None and owner.label in BODY_LABELS


def _names_own_union(tail: str) -> bool:
    """Whether the words after a quotation name a union of their own (甲乙站工会), not
    only a union's head (工会联合会)."""
    head = head_of(tail)
    return head is not None and len(tail) - len(head.text) >= MIN_UNION_OWNER


def _pun_start(text: str, start: int) -> bool:
    before = text[start - 1 : start]
    return bool(CJK.match(before)) and before not in PREPOSITIONS


def _is_theme(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 3) : start]
    return before.endswith(THEME_BEFORE) or (
        before.endswith("以") and text.startswith("为主题", end)
    )


@Language.factory("kg_quoted", default_config={"max_abbreviation": 6})
def make_quoted_name_recognizer(
    nlp: Language, name: str, max_abbreviation: int
) -> QuotedNameRecognizer:
    return QuotedNameRecognizer(max_abbreviation)
