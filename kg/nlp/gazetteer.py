"""China's administrative divisions: look-up by name and choice among namesakes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kg.resources import Division

LEVELS = ("province", "city", "county", "town")

# Full names shorter than this are ordinary words far more often than places
# (城区, 郊区, 矿区, 和县); they are only taken with a parent named next to them.
MIN_FULL_NAME = 3
# The word that ends a county's name (城区, 矿区 end districts' names that are words too).
COUNTY = "县"
# Beijing's 地区 offices are also the government of a town or township of the same
# name (梨园地区 = 梨园镇, 孙河地区 = 孙河乡), and news uses either form.
ALSO_CALLED = {"地区": ("镇", "乡")}
# Autonomous divisions are called by their short name and level (临夏州 for 临夏回族自治州,
# 某某县 for 某某族自治县), in news as often as in full.
AUTONOMOUS = {"自治州": "州", "自治县": "县", "自治旗": "旗"}


@dataclass(frozen=True)
class DivisionInfo:
    """What the graph says of a division a mention was placed in."""

    name: str
    level: str
    code: str  # division code; empty for towns and subdistricts, which have none
    path: str  # names from the province down, e.g. 北京市/朝阳区/建外街道
    lon: float | None = None
    lat: float | None = None
    parent: DivisionInfo | None = None


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    ids: tuple[int, ...]  # every division with this name (朝阳区: Beijing's and Changchun's)
    short: bool  # matched by its short form (大兴 for 大兴区)


class Gazetteer:
    def __init__(self, divisions: Sequence[Division]) -> None:
        self.divisions = {d.id: d for d in divisions}
        full: dict[str, list[int]] = {}
        short: dict[str, list[int]] = {}
        for d in divisions:
            for name in self._full_forms(d):
                full.setdefault(name, []).append(d.id)
            if d.short and len(d.short) >= 2 and d.short != d.name:
                short.setdefault(d.short, []).append(d.id)
        self.full_names = {name: tuple(ids) for name, ids in full.items()}
        # Names too short to stand alone (东区, 城区), under the division they follow;
        # so are subdistricts called by 街 (武昌区中华路街 for 中华路街道), which alone
        # are as often streets (文化街, 中山街).
        self.brief_children: dict[int, dict[str, int]] = {}
        for d in divisions:
            if d.parent_id is None:
                continue
            if len(d.name) < MIN_FULL_NAME:
                self.brief_children.setdefault(d.parent_id, {})[d.name] = d.id
            if d.level == "town" and d.short and d.name == d.short + "街道":
                self.brief_children.setdefault(d.parent_id, {})[d.short + "街"] = d.id
            # A town made a subdistrict since the gazetteer's data (某县甲镇 now 某县
            # 甲街道) is known by its new name too, right after its county.
            if d.level == "town" and d.short and d.name in (d.short + "镇", d.short + "乡"):
                renamed = d.short + "街道"
                if renamed not in full:
                    self.brief_children.setdefault(d.parent_id, {})[renamed] = d.id
        self.short_names = {name: tuple(ids) for name, ids in short.items()}
        # Counties whose full name is too short to stand alone (叶县, 渠县): taken only
        # where the text shows they name a county (see kg_divisions).
        brief: dict[str, list[int]] = {}
        for d in divisions:
            if d.level == "county" and len(d.name) < MIN_FULL_NAME and d.name.endswith(COUNTY):
                brief.setdefault(d.name, []).append(d.id)
        self.brief_counties = {name: tuple(ids) for name, ids in brief.items()}
        self._info: dict[str, DivisionInfo] = {}
        self._ancestors: dict[int, tuple[int, ...]] = {}

    @staticmethod
    def _full_forms(division: Division) -> list[str]:
        forms = [division.name] if len(division.name) >= MIN_FULL_NAME else []
        if division.level == "town" and division.short:
            for suffix, others in ALSO_CALLED.items():
                if division.name.endswith(suffix):
                    forms.extend(division.short + other for other in others)
        if division.short:
            forms.extend(
                division.short + level
                for suffix, level in AUTONOMOUS.items()
                if division.name.endswith(suffix)
            )
        return forms

    def info(self, key: str) -> DivisionInfo | None:
        """The division a mention's key (as kg_divisions writes it) stands for."""
        if not key.isdigit() or int(key) not in self.divisions:
            return None
        if key not in self._info:
            division = self.divisions[int(key)]
            parent = None if division.parent_id is None else self.info(str(division.parent_id))
            path = division.name if parent is None else f"{parent.path}/{division.name}"
            self._info[key] = DivisionInfo(
                division.name,
                division.level,
                division.code,
                path,
                division.lon,
                division.lat,
                parent,
            )
        return self._info[key]

    def names(self) -> Iterable[str]:
        """Names for the segmenter's user dictionary: every full name, and the short
        names of counties and above (大兴). Short names of towns stay out: the
        segmenter takes dictionary words greedily, and 在中 (乡) would swallow the
        在 of 在中关村."""
        shorts = [
            name
            for name, ids in self.short_names.items()
            if any(self.divisions[i].level != "town" for i in ids)
        ]
        return [*self.full_names, *shorts]

    def ancestors(self, division_id: int) -> tuple[int, ...]:
        """Parent, grandparent, … up to the province (remembered: asked often)."""
        chain = self._ancestors.get(division_id)
        if chain is None:
            parent = self.divisions[division_id].parent_id
            chain = (parent, *self.ancestors(parent)) if parent in self.divisions else ()
            self._ancestors[division_id] = chain
        return chain

    def chooser(
        self, context: Counter[int], home: int | None
    ) -> Callable[[Sequence[int]], int | None]:
        """A function that picks the division meant among namesakes in one article.

        ``context`` counts the divisions the article names. Each candidate scores
        one point per mention of one of its ancestors or descendants (长春 or 长春市
        elsewhere in the text picks Changchun's 朝阳区). Namesakes count too:
        通州区 (Beijing's or Nantong's) and 梨园镇 together pick the pair in which
        one holds the other. With no evidence the configured home region decides;
        failing that a name stays unresolved rather than guessed.
        """
        below: Counter[int] = Counter()  # mentions of each division's descendants
        for other, count in context.items():
            for ancestor in self.ancestors(other):
                below[ancestor] += count

        def choose(ids: Sequence[int]) -> int | None:
            if len(ids) == 1:
                return ids[0]
            scores = {c: below[c] + sum(context[a] for a in self.ancestors(c)) for c in ids}
            best = max(scores.values())
            leaders = [c for c, score in scores.items() if score == best]
            if len(leaders) == 1 and best > 0:
                return leaders[0]
            if home is not None:
                local = [c for c in leaders if home in self.ancestors(c) or c == home]
                if len(local) == 1:
                    return local[0]
            return None

        return choose

    def home_id(self, name: str) -> int | None:
        ids = self.full_names.get(name, ())
        province = [i for i in ids if self.divisions[i].level == "province"]
        return (province or list(ids) or [None])[0]


DivisionLookup = Callable[[str], DivisionInfo | None]
