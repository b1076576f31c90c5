"""Resolution: which mentions of an article are one entity, and what that entity is called.

Inside an article, short and anaphoric forms (区总工会, 市总, 该公司, “产改”,
西胡林服务区, 大兴) resolve to the full name they stand for; a short form that
stands for nothing named in the article is dropped rather than guessed.
Across articles, an entity's identifier is its type and canonical name, plus the
code of the division its name starts with, so that 朝阳区总工会 of Beijing and
of Changchun stay apart while 大兴区总工会 is one node wherever it is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from kg.extract.relations import Relation
from kg.lexicons import expand_abbreviation, table, word_classes
from kg.nlp.divisions import COMMUNITY_WORDS
from kg.nlp.gazetteer import DivisionInfo, DivisionLookup
from kg.nlp.mentions import Mention, leading_chain


@dataclass
class Entity:
    id: str
    name: str
    label: str
    aliases: set[str] = field(default_factory=set)
    division: DivisionInfo | None = None
    # Named only by its standing (困难职工): kept only where a relation needs it.
    needs_relation: bool = False
    # The name the entity goes by in every article (the graph's preferred label):
    # 中关村街道总工会 for 海淀区中关村街道总工会; empty when it is ``name``.
    preferred: str = ""


@dataclass(frozen=True)
class Triple:
    subject: Entity
    predicate: str
    object: Entity
    evidence: tuple[tuple[int, int, str], ...]  # (start, end, rule id) in the article


# A body named with a bare level word (区教育委员会, 区人社局) belongs to the district the
# article is about: the first county (区, 县), city (市), province (省) or town (镇, 乡)
# it names (镇妇联 of the article's town).
LEVEL_WORD_LEVELS = {
    "区": ("county",),
    "县": ("county",),
    "市": ("city", "province"),
    "省": ("province",),
    "镇": ("town",),
    "乡": ("town",),
}


@cache
def _expansions() -> dict[str, tuple[str, str]]:
    return {row["short"]: (row["expands_to"], row["canonical"]) for row in table("short_forms")}


def _is_abbreviation(short: str, full: str) -> bool:
    """产改 of 产业工人队伍建设改革: same first character, the rest in order."""
    if len(short) >= len(full) or short[0] != full[0]:
        return False
    position = 0
    for ch in short:
        position = full.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


def _is_informal_name(short: str, label: str, full: Mention) -> bool:
    """京源热力公司 and 物业公司 of 北京京源热力有限公司, 北京望邻物业管理有限公司: a body
    called by the core of its name and the last word of its kind; 助学活动 of 金秋助学:
    a programme called by the core of its name and 活动."""
    core, kind = short[:-2], short[-2:]
    return (
        full.label == label
        and full.name != short
        and len(full.name) >= len(core) >= 2
        and core in full.name
        and (full.name.endswith(kind) or (label == "Initiative" and kind == "活动"))
    )


class ArticleResolver:
    def __init__(self, mentions: list[Mention], divisions: DivisionLookup) -> None:
        self.divisions = divisions
        self.expansions = _expansions()
        self.full = [m for m in mentions if not m.short]
        self.full_of_type: dict[str, list[Mention]] = {}
        for m in self.full:
            self.full_of_type.setdefault(m.label, []).append(m)
        self.entity_of: dict[int, Entity] = {}  # id(mention) -> entity
        self.entities: dict[str, Entity] = {}
        for mention in sorted(self.full, key=lambda m: -(m.end - m.start)):
            self._add(mention, self._canonical(mention))
        for mention in mentions:
            if mention.short:
                target = self._resolve_short(mention)
                if target is not None:
                    self.entity_of[id(mention)] = target
                    target.aliases.add(mention.name)

    def _canonical(self, mention: Mention) -> tuple[str, str, str]:
        """(id, canonical name in this article, name in every article) of a full mention."""
        info = self.divisions(mention.key) if mention.label == "District" else None
        if info is not None:
            return f"District:{info.path}", mention.name, info.name
        # 西胡林服务区 is 京蔚高速西胡林服务区 when the article names both.
        if mention.label != "District":
            expanded = expand_abbreviation(mention.name)
            longer = [
                m
                for m in self.full_of_type[mention.label]
                if len(m.name) > len(mention.name)
                and (m.name.endswith(mention.name) or m.name.endswith(expanded))
            ]
            if not longer and mention.label in ("Organization", "Initiative"):
                longer = [
                    m
                    for m in self.full_of_type[mention.label]
                    if _is_informal_name(mention.name, mention.label, m)
                ]
            if longer:
                mention = max(longer, key=lambda m: len(m.name))
        preferred, path = self._located_key(mention)
        entity_id = f"{mention.label}:{preferred}" + (f"@{path}" if path else "")
        return entity_id, mention.name, preferred

    def _located_key(self, mention: Mention) -> tuple[str, str]:
        """The name and @path that identify a body across articles.

        A name that starts with divisions is keyed from the innermost one, with its
        path: 海淀区中关村街道总工会 and 中关村街道总工会 are one union
        (中关村街道总工会@北京市/海淀区/中关村街道), and 朝阳区总工会 of Beijing and of
        Changchun stay two. Returns the name and the path ("" for none).
        """
        innermost: DivisionInfo | None = None
        chain_end = mention.start
        # The offsets only tell the name's words apart when the name is as written.
        if mention.end - mention.start == len(mention.name):
            for m in leading_chain(mention, self.full):
                info = self.divisions(m.key) if m.label == "District" else None
                if info is None or m.end >= mention.end:
                    break
                innermost, chain_end = info, m.end
        if innermost is not None:
            return innermost.name + mention.name[chain_end - mention.start :], innermost.path
        info = self._level_word_division(mention)
        return mention.name, "" if info is None else info.path

    def _level_word_division(self, mention: Mention) -> DivisionInfo | None:
        """The district of 区人社局: the article's first division of that level.

        The first character is a bare level word only where it makes no word with
        the next one that the rest of the name cannot start instead: 区人社局 and
        市政府, but not 市场监督管理局 or 区块链企业.
        """
        levels = LEVEL_WORD_LEVELS.get(mention.name[:1])
        if mention.label != "Organization" or levels is None:
            return None
        dictionary = word_classes()["word"]
        if mention.name[:2] in dictionary and mention.name[1:3] not in dictionary:
            return None
        for m in self.full:
            info = self.divisions(m.key) if m.label == "District" else None
            if info is not None and info.level in levels:
                return info
        return None

    def _add(self, mention: Mention, identity: tuple[str, str, str]) -> None:
        entity_id, name, preferred = identity
        entity = self.entities.get(entity_id)
        if entity is None:
            division = None
            if mention.label == "District":
                division = self.divisions(mention.key)
                if division is None and mention.name.endswith(COMMUNITY_WORDS):
                    # Below the gazetteer (kg_divisions finds them in the text).
                    division = DivisionInfo(mention.name, "community", "", mention.name)
            entity = Entity(
                entity_id,
                name,
                mention.label,
                division=division,
                preferred="" if preferred == name else preferred,
            )
            entity.needs_relation = mention.source == "lexicon-status"
            self.entities[entity_id] = entity
        elif mention.source != "lexicon-status":
            entity.needs_relation = False
        if mention.name != entity.name:
            entity.aliases.add(mention.name)
        self.entity_of[id(mention)] = entity

    def _nearest(self, mention: Mention, accept) -> Entity | None:
        """The entity of the closest full mention before ``mention`` (else after) that fits."""
        before = [m for m in self.full if m.start < mention.start and not m.nested and accept(m)]
        if before:
            return self.entity_of[id(before[-1])]
        after = [m for m in self.full if m.start > mention.start and not m.nested and accept(m)]
        return self.entity_of[id(after[0])] if after else None

    def _resolve_short(self, mention: Mention) -> Entity | None:
        if mention.label == "District":
            info = self.divisions(mention.key)
            return self._division_entity(info, mention.name) if info is not None else None
        if mention.source == "reference":
            return self._antecedent(mention)
        if mention.key:  # a known programme's short form (产改) or a single body's (全总)
            entity = next((e for e in self.entities.values() if e.name == mention.key), None)
            if entity is None:
                entity = Entity(f"{mention.label}:{mention.key}", mention.key, mention.label)
                self.entities[entity.id] = entity
            return entity
        ending, _ = self.expansions.get(mention.name, (expand_abbreviation(mention.name), ""))
        found = self._nearest(
            mention, lambda m: m.label == mention.label and m.name.endswith(ending)
        )
        if found is None and (info := self._level_word_division(mention)) is not None:
            # 区人社局 with no full name in the article: named as written, placed in
            # the article's district, so that two districts' bureaus stay apart.
            entity_id = f"{mention.label}:{mention.name}@{info.path}"
            return self.entities.setdefault(
                entity_id, Entity(entity_id, mention.name, mention.label)
            )
        if found is not None or mention.source != "quoted":
            return found
        return self._nearest(mention, lambda m: _is_abbreviation(mention.name, m.name))

    def _antecedent(self, mention: Mention) -> Entity | None:
        """What 该驿站 or 活动 refers back to: the latest site with that head (the
        mention's key) named before it; for an event, failing that, the latest
        initiative. A description with words of its own and nothing to refer to
        (首家网约车司机之家) names a new one."""
        before = [m for m in self.full if m.end <= mention.start and m.label == mention.label]
        same_head = [m for m in before if m.name.endswith(mention.key)]
        if same_head:
            return self.entity_of[id(same_head[-1])]
        if mention.label == "Initiative" and before:
            return self.entity_of[id(before[-1])]
        if len(mention.name) > len(mention.key):
            entity_id = f"{mention.label}:{mention.name}"
            return self.entities.setdefault(
                entity_id, Entity(entity_id, mention.name, mention.label)
            )
        return None

    def _division_entity(self, info: DivisionInfo, written: str) -> Entity:
        """A division the article names only by its short form (广州, 陕西) is called
        so in the article, and by its full name in the graph."""
        entity_id = f"District:{info.path}"
        if entity_id not in self.entities:
            preferred = "" if written == info.name else info.name
            self.entities[entity_id] = Entity(
                entity_id, written, "District", division=info, preferred=preferred
            )
        return self.entities[entity_id]

    def entity(self, mention: Mention) -> Entity | None:
        return self.entity_of.get(id(mention))

    def triples(self, relations: list[Relation]) -> list[Triple]:
        merged: dict[tuple[str, str, str], list[tuple[int, int, str]]] = {}
        ends: dict[tuple[str, str, str], tuple[Entity, Entity]] = {}
        for relation in relations:
            subject = self.entity(relation.subject)
            obj = self.entity(relation.object)
            if subject is None or obj is None or subject is obj:
                continue
            key = (subject.id, relation.predicate, obj.id)
            merged.setdefault(key, []).append(
                (relation.evidence_start, relation.evidence_end, relation.rule)
            )
            ends[key] = (subject, obj)
        return [
            Triple(ends[key][0], key[1], ends[key][1], tuple(dict.fromkeys(evidence)))
            for key, evidence in merged.items()
        ]

    def mentioned_entities(self, triples: list[Triple]) -> list[Entity]:
        related = {e.id for t in triples for e in (t.subject, t.object)}
        seen: dict[str, Entity] = {}
        for entity in self.entity_of.values():
            if not entity.needs_relation or entity.id in related:
                seen.setdefault(entity.id, entity)
        return list(seen.values())
