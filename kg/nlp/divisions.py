"""``kg_divisions``: administrative divisions from the gazetteer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from kg import resources
from kg.lexicons import words
from kg.nlp.gazetteer import Gazetteer, Match
from kg.nlp.mentions import Candidate, Scanner, candidates, text_of

PRIORITY = 30


class DivisionRecognizer:
    """Tags full names (大兴区, 建外街道) and short forms (大兴, 北京) of divisions.

    A short form is taken when it is a province or prefecture-level city (北京,
    长春) or when the article also names the division in full; anywhere else
    short forms are too often ordinary words (朝阳, 和平). Namesakes are told
    apart from the other divisions the article names (see Gazetteer.choose).
    """

    def __init__(self, gazetteer: Gazetteer, home_region: str) -> None:
        self.gazetteer = gazetteer
        self.home = gazetteer.home_id(home_region) if home_region else None
        self.scanner = Scanner(
            [(name, (ids, False)) for name, ids in gazetteer.full_names.items()]
            + [
                (name, (ids, True))
                for name, ids in gazetteer.short_names.items()
                if name not in gazetteer.full_names and name not in words("not_divisions")
            ]
        )

    def user_words(self) -> Iterable[str]:
        return self.gazetteer.names()

    def matches(self, text: str) -> list[Match]:
        """Accepted matches, longest first where they overlap.

        Acceptance comes before the choice among overlaps, so that a short form
        that is not taken (在中, of 在中乡) cannot hide the name it overlaps
        (在中关村街道).
        """
        found = [Match(s, e, ids, short) for s, e, (ids, short) in self.scanner.find(text)]
        named_in_full = {i for m in found if not m.short for i in m.ids}
        accepted = [
            m
            for m in found
            if not m.short
            or any(i in named_in_full for i in m.ids)
            or any(self.gazetteer.divisions[i].level in ("province", "city") for i in m.ids)
        ]
        chosen: list[Match] = []
        for m in sorted(accepted, key=lambda m: (m.start, m.start - m.end)):
            if not chosen or m.start >= chosen[-1].end:
                chosen.append(m)
        return chosen

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = self.matches(text)
        context = Counter(i for m in found for i in m.ids)
        out = candidates(doc)
        for m in found:
            chosen = self.gazetteer.choose(m.ids, context, self.home)
            if chosen is None and m.short:
                continue  # a short form we cannot place is not worth a guess
            # A full name keeps the form the article uses (梨园镇 for 梨园地区); a
            # short form takes the division's name (大兴 -> 大兴区). A full name we
            # cannot place is still a district, only without a code.
            name = text[m.start : m.end]
            if m.short and chosen is not None:
                name = self.gazetteer.divisions[chosen].name
            key = "" if chosen is None else str(chosen)
            out.append(
                Candidate(m.start, m.end, "District", name, "gazetteer", PRIORITY, key, m.short)
            )
        return doc


@Language.factory("kg_divisions", default_config={"home_region": "北京市", "gazetteer": ""})
def make_division_recognizer(
    nlp: Language, name: str, home_region: str, gazetteer: str
) -> DivisionRecognizer:
    """``gazetteer`` is a divisions.tsv path; empty means the one `kg setup` built."""
    return DivisionRecognizer(Gazetteer(resources.load_divisions(gazetteer or None)), home_region)
