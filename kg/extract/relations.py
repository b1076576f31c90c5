"""Rule-based relations between the mentions of one Doc.

Two sources of relations:

* sentence rules (rules.toml): each sentence becomes a template where every
  mention is a typed slot, and each rule is a regular expression over it;
* name structure: a name that starts with a division (大兴区总工会) is located
  in it; a programme or site whose name holds a group of workers (建筑工人夜校) serves
  that group.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc

from kg.extract.rule_schema import BUILTIN_MACROS, LexiconMacro, RuleFile, RulesError, validate
from kg.lexicons import heads, opened_by, words
from kg.nlp.entities import marks_occasion, names_a_contest, names_a_part, opening_verbs
from kg.nlp.gazetteer import DivisionLookup
from kg.nlp.mentions import Mention, leading_chain, text_of
from kg.nlp.sentences import sentence_bounds
from kg.schema import RELATIONS, TYPE_LETTERS, allows

RULES_PATH = Path(__file__).with_name("rules.toml")
AGENT_TYPES = frozenset({"Union", "Organization"})
SERVERS = frozenset({"Initiative", "Facility"})
SLOT = re.compile(r"⟨[A-Z](\d+)⟩")
MACRO = re.compile(r"\{([A-Z]+)\}")
# A mention after one of these in its clause is an adverbial, not the clause's topic;
# so is the agent of a passive (随后被某总工会列为…), which the clause is not about;
# nor is one that follows 、 in a list of other things (分布在A、B、C: sites, not topics).
NOT_TOPIC_BEFORE = re.compile(
    r"(?:(?:在|于|位于|与|和|同|为|由|对|向|到|至|以|从|被)[^⟨⟩，。；]{0,4}|⟩、)$"
)
# Nor is an event that frames the clause (在某市某区“某某”部署会上，某驿站启用;
# 在某某大赛现场，…): the site or body after it is what the clause is about.
FRAMING_EVENT = (re.compile(r"在[^，。；！？]{0,16}$"), re.compile(r"上(?![线岗班门市])|期间|现场"))
# How a name's leading division locates its bearer: unions at any level
# (北京市总工会 is Beijing's); other bodies only when the division is a county or
# below, since a city or province in a company's name is a brand (北京住总).
NAME_PREFIX_LEVELS = {
    "Union": ("province", "city", "county", "town"),
    "Organization": ("county", "town"),
    "Facility": ("county", "town"),
    "Place": ("county", "town"),
}


# What a ceremony's relations say of the programme it opens (see _opened_programmes).
# The predicate, and the role the ceremony takes in it. Whom a ceremony's day serves,
# its programme serves (the ceremony itself is dropped: unserving_endings.txt).
OPENED_WITH = {"organizes": "object", "heldAt": "subject", "serves": "subject"}
# 某某群体包括两类：一是…; 户外劳动者包括…: a group said to be made of the groups
# named after it in its sentence.
_GROUP_LETTER = TYPE_LETTERS["WorkerGroup"]
MADE_OF = re.compile(
    rf"⟨{_GROUP_LETTER}(?P<whole>\d+)⟩(?:则|主要|还|又|具体)*"
    r"(?:包括|包含|涵盖|分为|有(?:以下)?[两二三四五六七八九十几]+(?:部分|类|种))"
)
MEMBER = re.compile(rf"⟨{_GROUP_LETTER}(\d+)⟩")
# Bodies that have parts, and that are parts: see kg.nlp.entities.names_a_part.
PART_TYPES = frozenset({"Union", "Organization"})
# A division acts as its government (某街道与某公司签约), but not one that only opens a
# union's name the recogniser missed (⟨D⟩总工会组织…) or shares its head with the
# union named next (某省、某市总工会: the two unions), nor one that only places the
# division named right after it (某区|某某街道举办…: the subdistrict acts): no
# organizer nor operator.
UNION_DIVISION = re.compile(
    rf"⟨{TYPE_LETTERS['District']}(\d+)⟩"
    rf"(?=总?工会|、⟨{TYPE_LETTERS['Union']}\d+⟩|⟨{TYPE_LETTERS['District']}\d+⟩)"
)
AGENT_PREDICATES = frozenset({"organizes", "operates"})
# The marks that end a sentence of the text, which a headline or a caption lacks.
FULL_STOPS = ("。", "！", "？", "!", "?")


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: re.Pattern[str]
    predicates: dict[str, str]  # object type -> predicate; "*" for any type
    topic: str  # "subject" or "object": the role the clause's topic takes; "" for none
    topic_types: frozenset[str] = frozenset()  # the types a topic may have; empty for any
    # Failing a topic in the sentence or the one before, the article's: its first
    # sentence that names a programme or site (the headline, most often).
    article_topic: bool = False
    # A heldAt of this rule makes its site serve whom the event serves (_venues_serve).
    venue_serves: bool = False

    @property
    def subject_types(self) -> set[str]:
        return {t for p in self.predicates.values() for t in RELATIONS[p][0]}

    @property
    def object_types(self) -> set[str]:
        if "*" in self.predicates:
            return set(RELATIONS[self.predicates["*"]][1])
        return set(self.predicates)


@dataclass(frozen=True)
class Clause:
    """A sentence with its top-level mentions and its template (see module doc)."""

    start: int
    end: int
    mentions: list[Mention]
    template: str


class _Sentence(NamedTuple):
    """One sentence of a piece: its offsets, the index of its first mention, its
    mentions (nested ones too) and its clause (None without a top-level mention)."""

    start: int
    end: int
    first: int
    mentions: list[Mention]
    clause: Clause | None


@dataclass(frozen=True)
class Relation:
    subject: Mention
    predicate: str
    object: Mention
    rule: str
    evidence_start: int  # character offsets of the evidence in the Doc
    evidence_end: int


@cache
def rule_file(path: Path = RULES_PATH) -> RuleFile:
    """The rule file, checked against its schema (kg/extract/rule_schema.py)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"{path}: cannot read rules ({error})") from None
    return validate(data, path)


@cache
def _macros(path: Path = RULES_PATH) -> dict[str, str]:
    """The rule file's macros, expanded: {RUNS} -> (?:举办|…), with the schema's."""
    macros = dict(BUILTIN_MACROS)
    for name, value in rule_file(path).macros.items():
        macros[name] = _expand(value, macros) if isinstance(value, str) else _alternation(value)
    return macros


@cache
def load_rules(path: Path = RULES_PATH) -> tuple[Rule, ...]:
    macros = _macros(path)
    rules = []
    for index, spec in enumerate(rule_file(path).rules):
        predicate = spec.predicate
        try:
            pattern = re.compile(_expand(spec.pattern, macros))
        except re.error as error:
            raise RulesError(f"{path}: rules[{index}] ({spec.id}).pattern: {error}") from None
        rules.append(
            Rule(
                spec.id,
                pattern,
                dict(predicate) if isinstance(predicate, dict) else {"*": predicate},
                spec.topic,
                frozenset(spec.topic_types),
                spec.article_topic,
                spec.venue_serves,
            )
        )
    return tuple(rules)


def _alternation(spec: LexiconMacro) -> str:
    """A macro made of lexicon words: ``{ lexicons = ["posts"] }`` -> (?:党组书记|…)."""
    entries = {w for name in spec.lexicons for w in words(name)}
    return "(?:" + "|".join(re.escape(w) for w in sorted(entries, key=len, reverse=True)) + ")"


def _expand(pattern: str, macros: dict[str, str]) -> str:
    return MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)


def extract(
    doc: Doc, divisions: DivisionLookup, rules: tuple[Rule, ...], opening: Clause | None = None
) -> tuple[list[Relation], Clause | None]:
    """Every relation the rules find in ``doc``, in text order, without duplicates,
    and the article's opening clause: its first sentence that names a programme or a
    site, whose topic serves where a sentence names none (rules with article_topic),
    in the sentences before it too (某局介绍，慰问品会送到环卫工人手中。某月，某总工会
    开展“某某”活动…: the lead quotes what the programme named next does), but not in
    a headline or a caption before it (a line with no full stop), which sums up the
    article (多管齐下关爱某某职工) rather than one programme.

    ``divisions`` tells what a division mention's key stands for. ``opening`` is the
    opening clause of the article's earlier pieces, when ``doc`` is not its first
    (kg.pipeline reads a long article in pieces, and its headline is in the first).
    """
    mentions: list[Mention] = doc._.mentions or []  # in text order
    starts = [m.start for m in mentions]
    text = text_of(doc)
    found: list[Relation] = []
    previous: Clause | None = None
    sentences: list[_Sentence] = []
    lead = -1  # the opening clause's sentence, where this piece holds it
    for start, end in sentence_bounds(doc):
        first = bisect_left(starts, start)
        here = mentions[first : bisect_left(starts, end, first)]
        inside = [m for m in here if not m.nested]
        clause = Clause(start, end, inside, _template(text, start, end, inside)) if inside else None
        if opening is None and any(m.label in SERVERS for m in inside):
            opening, lead = clause, len(sentences)
        sentences.append(_Sentence(start, end, first, here, clause))
    for index, (start, end, first, here, clause) in enumerate(sentences):
        found.extend(_name_structure(text, start, end, here, divisions))
        if clause is not None:
            # The opening clause, and the lines before it that end no sentence (a
            # headline, a caption), find their own topics; the others may fall back
            # on the opening clause's.
            before = index <= lead and (
                index == lead or not text[start:end].rstrip().endswith(FULL_STOPS)
            )
            article = None if before else opening
            found.extend(_sentence_relations(clause, previous, rules, article))
            found.extend(_departments(clause, mentions, first))
            found.extend(_heads_by_post(clause))
        if "\n" in text[start:end]:
            previous = None  # a topic does not carry over into the next paragraph
        elif clause is not None:
            previous = clause
    found.extend(_gazetteer_parents(mentions, divisions))
    found.extend(_opened_programmes(found, mentions, text))
    found.extend(_opened_sites(found, mentions))
    found.extend(_venues_serve(found, {rule.id for rule in rules if rule.venue_serves}))
    found.extend(_members_served(found, [s.clause for s in sentences if s.clause is not None]))
    seen = set()
    unique = []
    for relation in found:
        key = (relation.subject.start, relation.subject.end, relation.predicate)
        key += (relation.object.start, relation.object.end)
        subject = relation.subject
        if (
            relation.predicate == "serves"
            and not subject.short
            and subject.name.endswith(_unserving())
        ):
            # A law, a holiday or a ceremony of something else names a group, or is
            # the nearest programme to a serving cue, without being for the group
            # (kg/lexicons/unserving_endings.txt). A bare 启动仪式 stands for its
            # programme, which does serve.
            continue
        if (
            relation.predicate == "partOf"
            and relation.object.label == "Initiative"
            and relation.object.name.endswith(_partless())
        ):
            # A law or a rule has no pieces (kg/lexicons/partless_endings.txt).
            continue
        if key not in seen:
            seen.add(key)
            unique.append(relation)
    return unique, opening


def _name_structure(
    text: str, start: int, end: int, mentions: list[Mention], divisions: DivisionLookup
) -> list[Relation]:
    found = _named_groups(text, start, end, mentions)
    # A group named in a site's name is no place: 某区建筑工人夜校 is in 某区 only.
    mentions = [m for m in mentions if m.label != "WorkerGroup"]
    for outer in mentions:
        if outer.label == "Initiative" and not outer.nested:
            # 某工会联合会成立暨首届职工代表大会, 某工会联合会第三次会员大会: the body
            # whose founding or congress the event is holds it.
            chain = leading_chain(outer, mentions)
            if (
                chain
                and chain[0].label in AGENT_TYPES
                and marks_occasion(outer.name, chain[0].name, chain[0].label)
            ):
                found.append(Relation(chain[0], "organizes", outer, "name-occasion", start, end))
            elif (
                chain
                and chain[0].label == "Initiative"
                and names_a_contest(outer.name, chain[0].name)
            ):
                # 某市职工技能大赛电工技能竞赛 is one contest of the 大赛.
                found.append(Relation(outer, "partOf", chain[0], "name-contest", start, end))
            continue
        allowed = NAME_PREFIX_LEVELS.get(outer.label)
        if allowed is None or (outer.nested and outer.label not in PART_TYPES):
            continue
        chain = leading_chain(outer, mentions)
        # A park may open the chain of areas too (某产业园工会 is in the park).
        if chain and chain[0].label not in ("District", "Place"):
            # 大兴区总工会办公室, 建设银行丰台支行: a body named after another is part of it.
            owner = chain[0]
            if owner.label in PART_TYPES and names_a_part(outer.name, owner.name):
                found.append(Relation(outer, "partOf", owner, "name-part", start, end))
            continue
        # The innermost division of a leading chain: 北京市大兴区建设集团 is in 大兴区.
        pairs = [(child, parent) for parent, child in pairwise(chain)]
        # 海淀区中关村街道总工会 also states that 中关村街道 is in 海淀区.
        innermost = divisions(chain[-1].key) if chain else None
        if innermost is not None and innermost.level in allowed:
            pairs.append((outer, chain[-1]))
        elif chain and not chain[-1].key and outer.label != "District":
            # A community (某社区工会) or a division the gazetteer cannot place: the
            # most specific area there is.
            pairs.append((outer, chain[-1]))
        found.extend(
            Relation(inner, "locatedIn", place, "name-prefix", start, end) for inner, place in pairs
        )
    return found


def _named_groups(text: str, start: int, end: int, mentions: list[Mention]) -> list[Relation]:
    """建筑工人夜校, 女职工健康讲座, 户外劳动者服务站: a programme or site whose name
    holds a group of workers is for that group (kg_entities keeps such groups as
    nested mentions). Not a group that is part of the kind of site the name ends
    with (某某户外劳动者服务站 is one of a class of stations, whoever it serves), nor
    an honoured group, which in a name mostly gives (劳模工匠进校园;
    kg/lexicons/acting_groups.txt), nor one that opens the name of a union's
    committee or department (女职工委员会五届三次全委会议: the committee's session)."""
    found = []
    for outer in mentions:
        # A programme named inside a ceremony's name (某某关爱女职工行动启动仪式) is
        # one too: the ceremony's serves links are dropped, the programme's kept.
        if outer.label not in SERVERS:
            continue
        head = _head_start(outer)
        found.extend(
            Relation(outer, "serves", inner, "name-serves", start, end)
            for inner in mentions
            if inner.label == "WorkerGroup"
            and inner.nested
            and outer.start <= inner.start
            and inner.start < head
            and inner.name not in _acting_groups()
            and not text.startswith(_bare_departments(), inner.start)
        )
    return found


def _head_start(mention: Mention) -> int:
    """Where the longest head noun (kg/lexicons/heads.tsv) that ends the name starts;
    the name's end if none does, or if the name is not as written."""
    if mention.end - mention.start != len(mention.name):
        return mention.end
    size = max((len(h) for h in _heads_of(mention.label) if mention.name.endswith(h)), default=0)
    return mention.end - size


@cache
def _heads_of(label: str) -> frozenset[str]:
    return frozenset(h for h, head in heads().items() if head.label == label)


@cache
def _acting_groups() -> frozenset[str]:
    return words("acting_groups")


@cache
def _unserving() -> tuple[str, ...]:
    return tuple(words("unserving_endings"))


@cache
def _partless() -> tuple[str, ...]:
    return tuple(words("partless_endings"))


def _opened_programmes(found: list[Relation], mentions: list[Mention], text: str) -> list[Relation]:
    """Who holds a ceremony organizes the programme it opens, named inside it, and
    where the ceremony is held the programme is (某区总工会在某园区举行职工技能大赛启动仪式:
    the union runs the 大赛 too, and it opens there). A body that only undertakes or
    backs the ceremony (由A主办，B承办的某行动启动仪式: B) does not run the programme."""
    extra = []
    for relation in found:
        role = OPENED_WITH.get(relation.predicate)
        if role is None or (relation.predicate == "organizes" and _undertakes(relation, text)):
            continue
        ceremony: Mention = getattr(relation, role)
        programme = opened_by(ceremony.name) if ceremony.label == "Initiative" else None
        if programme is None:
            continue
        index = bisect_left(mentions, ceremony.start, key=lambda m: m.start)
        while index < len(mentions) and mentions[index].start == ceremony.start:
            m = mentions[index]
            if m.nested and m.label == "Initiative" and m.name == programme:
                extra.append(replace(relation, **{role: m}, rule=f"{relation.rule}+opened"))
            index += 1
    return extra


ROLE_CLAUSE_END = re.compile(r"[。；！？]")
# How far after a body its role is looked for when the event is named before it.
ROLE_REACH = 40


@cache
def _role_word() -> re.Pattern[str]:
    """The roles of a body in an event it helps hold (由A主办，B承办的D): the rules'
    ROLE macro, from the same lexicons."""
    roles = ["hosting_roles", "supporting_roles", "guiding_roles"]
    return re.compile(_alternation(LexiconMacro(lexicons=roles)))


def _undertakes(relation: Relation, text: str) -> bool:
    """Whether the role that the text gives the organizer of ``relation`` (the first
    role word after it, before the event or the end of the clause) is one of those
    that do not run the event (kg/lexicons/supporting_roles.txt and guiding_roles.txt:
    undertaking it for another, backing or guiding it)."""
    start = relation.subject.end
    end = relation.object.start if relation.object.start > start else start + ROLE_REACH
    stop = ROLE_CLAUSE_END.search(text, start, end)
    role = _role_word().search(text, start, stop.start() if stop else end)
    return role is not None and role.group() in _not_running_roles()


@cache
def _not_running_roles() -> frozenset[str]:
    return words("supporting_roles") | words("guiding_roles")


def _opened_sites(found: list[Relation], mentions: list[Mention]) -> list[Relation]:
    """Who holds the occasion of a site's opening runs the site whose name opens the
    occasion's, after its divisions if any (某区总工会举办某某驿站揭牌暨某站启动仪式:
    the union runs the 驿站; kg/lexicons/opening_verbs.txt)."""
    extra = []
    for relation in found:
        occasion = relation.object
        if relation.predicate != "organizes" or relation.subject.label not in AGENT_TYPES:
            continue
        index = bisect_left(mentions, occasion.start, key=lambda m: m.start)
        while index < len(mentions) and mentions[index].start < occasion.end:
            m = mentions[index]
            index += 1
            if not m.nested or m.label != "Facility" or m.end > occasion.end:
                continue
            lead = m.start - occasion.start
            if occasion.name.startswith(m.name, lead) and occasion.name.startswith(
                opening_verbs(), lead + len(m.name)
            ):
                extra.append(replace(relation, predicate="operates", object=m, rule="opened-site"))
    return extra


def _departments(clause: Clause, mentions: list[Mention], first: int) -> list[Relation]:
    """A union's department or committee named bare (kg/lexicons/union_departments.txt)
    is the union's that the sentence lists it under (某工会主席X、副主席Y和女职工委员会
    主任Z; 某工会副主席、女职工委员会主任Z) or that 该会 refers back to
    (该会女职工委员会), the last one named before (``mentions[:first]`` are the
    article's before the clause)."""
    found = []
    for match in _listed_department().finditer(clause.template):
        part = clause.mentions[int(match.group("s"))]
        if part.name in _bare_departments():
            union = clause.mentions[int(match.group("o"))]
            found.append(
                Relation(part, "partOf", union, "department-listed", clause.start, clause.end)
            )
    for match in _referred_department().finditer(clause.template):
        part = clause.mentions[int(match.group("s"))]
        if part.name not in _bare_departments():
            continue
        here = [m for m in clause.mentions[: int(match.group("s"))] if m.label == "Union"]
        union = here[-1] if here else _last_union(mentions, first)
        if union is not None:
            found.append(
                Relation(part, "partOf", union, "department-referred", clause.start, clause.end)
            )
    return found


def _last_union(mentions: list[Mention], end: int) -> Mention | None:
    """The last top-level union among ``mentions[:end]``."""
    return next((m for m in reversed(mentions[:end]) if m.label == "Union" and not m.nested), None)


def _heads_by_post(clause: Clause) -> list[Relation]:
    """某某部具体负责，据部长X介绍: a post named bare before a person (部长, 副局长)
    is held in the body named before it in the sentence whose kind the post heads
    (a 部长 heads a …部, a 局长 a …局; unions have 主席, not X长)."""
    found = []
    for match in _bare_post().finditer(clause.template):
        kind = match.group("post").removeprefix("副")[0]
        bodies = [
            m
            for m in clause.mentions[: int(match.group("s"))]
            if m.label == "Organization" and m.name.endswith(kind)
        ]
        if bodies:
            person = clause.mentions[int(match.group("s"))]
            found.append(
                Relation(person, "memberOf", bodies[-1], "post-of-body", clause.start, clause.end)
            )
    return found


@cache
def _bare_post() -> re.Pattern[str]:
    """据部长⟨H⟩: a post of the kind X长 after no body (nor another word of a post)."""
    return re.compile(r"(?:^|[据，,；、由])(?P<post>副?[\u4e00-\u9fff]长)⟨H(?P<s>\d+)⟩")


@cache
def _listed_department() -> re.Pattern[str]:
    """⟨U⟩主席⟨H⟩、副主席⟨H⟩和⟨O⟩主任: a union's officers, one of them a department's;
    ⟨U⟩副主席、⟨O⟩主任⟨H⟩: one officer's posts, the further one in a department."""
    pattern = r"⟨U(?P<o>\d+)⟩(?:{POSTSEQ}(?:{PERSON})?(?:、|和|及|以及))+⟨O(?P<s>\d+)⟩(?={POSTSEQ})"
    return re.compile(_expand(pattern, _macros()))


@cache
def _referred_department() -> re.Pattern[str]:
    """该会⟨O⟩: a department of the union named before."""
    return re.compile(r"(?:该会|本会|该工会|该总工会)⟨O(?P<s>\d+)⟩")


@cache
def _bare_departments() -> tuple[str, ...]:
    # A tuple: names are looked up in it, and text is matched against its words.
    return tuple(sorted(words("union_departments")))


def _members_served(found: list[Relation], clauses: list[Clause]) -> list[Relation]:
    """Whatever serves a group serves each group the text says it is made of (某行动重点
    慰问一线群体。一线群体包括快递员和灵活就业人员: the action serves those too), as it
    serves the members of a list that a group sums up."""
    served: dict[str, list[Mention]] = {}
    for relation in found:
        if relation.predicate == "serves":
            served.setdefault(relation.object.name, []).append(relation.subject)
    extra = []
    for clause in clauses:
        for match in MADE_OF.finditer(clause.template):
            whole = clause.mentions[int(match.group("whole"))]
            after = MEMBER.findall(clause.template, match.end())
            members = [clause.mentions[int(i)] for i in after]
            extra.extend(
                Relation(server, "serves", member, "members-served", clause.start, clause.end)
                for server in dict.fromkeys(served.get(whole.name, ()))
                for member in members
                if member.name != whole.name
            )
    return extra


def _venues_serve(found: list[Relation], venue_rules: set[str]) -> list[Relation]:
    """The site a body goes to and holds an event at serves whom the event serves, where
    the sentence that names the site says so too (区总工会来到某驿站，举办“某某”活动，
    关爱户外劳动者: the station is for them as well; rules with venue_serves). Not a site
    an event is merely held at (活动在某驿站举行，为保洁职工送上…: the event serves),
    nor a group only named in the event's name: a contest of some trade's workers held
    in a hall is not what the hall is for."""
    venues = [
        r
        for r in found
        if r.predicate == "heldAt" and r.rule in venue_rules and r.object.label == "Facility"
    ]
    extra = []
    for served in found:
        if served.predicate != "serves" or served.rule == "name-serves":
            continue
        for venue in venues:
            start, end = venue.evidence_start, venue.evidence_end
            if venue.subject is served.subject and start <= served.object.start < end:
                rule = f"{served.rule}+venue"
                extra.append(Relation(venue.object, "serves", served.object, rule, start, end))
    return extra


def _gazetteer_parents(mentions: list[Mention], divisions: DivisionLookup) -> list[Relation]:
    """A town or subdistrict is in its county or district where the article names
    both, wherever each stands (魏善庄镇 … 大兴区), as the gazetteer has it. Higher
    up, an article naming a city and its province says nothing of the link."""
    named: dict[str, Mention] = {}
    infos = []
    for m in mentions:
        info = divisions(m.key) if m.label == "District" else None
        if info is not None:
            named.setdefault(info.path, m)
            infos.append((m, info))
    return [
        Relation(m, "locatedIn", named[info.parent.path], "gazetteer", m.start, m.end)
        for m, info in infos
        if info.level == "town" and info.parent is not None and info.parent.path in named
    ]


def _template(text: str, start: int, end: int, mentions: list[Mention]) -> str:
    text = text[start:end]
    base = start
    parts = []
    position = 0
    for index, m in enumerate(mentions):
        parts.append(text[position : m.start - base])
        parts.append(f"⟨{TYPE_LETTERS[m.label]}{index}⟩")
        position = m.end - base
    parts.append(text[position:])
    return "".join(parts)


def _slots(group: str | None, mentions: list[Mention]) -> list[Mention]:
    return [mentions[int(i)] for i in SLOT.findall(group or "")]


def _topic(template: str, mentions: list[Mention], before: int, rule: Rule) -> list[Mention]:
    """The clause's topic: the first mention of a wanted type not governed by a
    preposition, with the bodies coordinated with it (A联合B、C，举办了…: A, B and C).

    Places on the way are passed over (建立西胡林服务区“工会驿站·司机之家”…). When
    the topic is to be a subject, a union or organisation that comes first is
    the topic, so that its deeds are not credited to a facility named later.
    """
    as_subject = rule.topic == "subject"
    wanted = rule.subject_types if as_subject else rule.object_types
    if rule.topic_types:
        wanted &= rule.topic_types
    slots = list(SLOT.finditer(template[:before]))
    for position, match in enumerate(slots):
        if NOT_TOPIC_BEFORE.search(template[: match.start()]):
            continue
        opens, closes = FRAMING_EVENT
        if opens.search(template[: match.start()]) and closes.match(template, match.end()):
            continue
        mention = mentions[int(match.group(1))]
        if mention.label in wanted:
            if as_subject and mention.label in AGENT_TYPES:
                return [mention, *_coordinated(template, mentions, match.end(), before)]
            return [mention]
        if as_subject and mention.label in AGENT_TYPES:
            # 东城区总工会送温暖活动…, 门头沟区总工会在潭柘寺镇举办“工会进万家”活动，为…:
            # what the body runs, named right after it (or after a year) or after its
            # verb in the same clause, is what the sentence goes on about; so is what
            # its verb runs in a later clause (某总工会筹措资金80万元，开展“某某”活动).
            for after in slots[position + 1 :]:
                between = template[match.end() : after.start()]
                owned = mentions[int(after.group(1))]
                if owned.label not in wanted:
                    continue
                if CLAUSE_BREAK.search(between):
                    if _ran_last().search(between):
                        return [owned]
                elif OWNED_GAP.fullmatch(between) or _runs().search(between):
                    return [owned]
            return []
    return []


CLAUSE_BREAK = re.compile(r"[，。；！？]")
# Between a body and the programme it runs, named right after it: 区总工会2020年两节
# “送温暖”活动, 某街道总工会首期“某某”托班.
OWNED_GAP = re.compile(
    r"的?(?:(?:19|20)\d\d年度?[^⟨⟩，。；！？在于与和]{0,2}|首期|本期|第[一二三四五六七八九十\d]+[届期次])?"
)
# Bodies named together as one actor: A、B和C, A联合B, A携手B.
_AGENT_LETTERS = "".join(sorted(TYPE_LETTERS[t] for t in AGENT_TYPES))
COORDINATED_AGENT = re.compile(
    rf"(?:、|和|与|及|以及|同|联合|携手|会同|协同)⟨[{_AGENT_LETTERS}](\d+)⟩"
)


def _coordinated(
    template: str, mentions: list[Mention], position: int, before: int
) -> list[Mention]:
    """The bodies joined to the one that ends at ``position``, up to ``before``."""
    found = []
    while match := COORDINATED_AGENT.match(template, position, before):
        found.append(mentions[int(match.group(1))])
        position = match.end()
    return found


@cache
def _ran_last() -> re.Pattern[str]:
    """A running verb right before a mention (…，在全市范围内开展⟨I⟩)."""
    return re.compile(f"{_macros()['RUNS']}了?$")


@cache
def _runs() -> re.Pattern[str]:
    """The verbs by which a body runs a programme or a site: the rules' {RUNS}."""
    return re.compile(_macros()["RUNS"])


def _sentence_relations(
    clause: Clause, previous: Clause | None, rules: tuple[Rule, ...], opening: Clause | None = None
) -> list[Relation]:
    mentions = clause.mentions
    not_agents = {mentions[int(i)] for i in UNION_DIVISION.findall(clause.template)}
    found = []
    for rule in rules:
        for match in rule.pattern.finditer(clause.template):
            subjects = _slots(match.groupdict().get("s"), mentions)
            objects = _slots(match.groupdict().get("o"), mentions)
            evidence_start = clause.start
            if rule.topic:
                topic = _topic(clause.template, mentions, match.start(), rule)
                if not topic and previous is not None:
                    end = len(previous.template)
                    topic = _topic(previous.template, previous.mentions, end, rule)
                    if topic:
                        evidence_start = previous.start
                if not topic and opening is not None and rule.article_topic:
                    # The evidence stays this sentence: the headline only names.
                    topic = _topic(opening.template, opening.mentions, len(opening.template), rule)
                role = subjects if rule.topic == "subject" else objects
                for member in reversed(topic):
                    if member not in role:
                        role.insert(0, member)
            for obj in objects:
                predicate = rule.predicates.get(obj.label, rule.predicates.get("*"))
                if predicate is None:
                    continue
                found.extend(
                    Relation(
                        subject,
                        predicate,
                        obj,
                        rule.id,
                        evidence_start,
                        clause.end,
                    )
                    for subject in subjects
                    if subject is not obj
                    and allows(predicate, subject.label, obj.label)
                    and not (predicate in AGENT_PREDICATES and subject in not_agents)
                )
    return found
