"""``kg_lexicon``: worker groups, well-known programmes and fixed short forms (市总, 全总)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import known_initiatives, table, words
from kg.nlp.component import Component
from kg.nlp.mentions import Candidate, Scanner, candidates, text_of, token_bounds

PRIORITY = 35
STATUS = "status"  # marks groups kept only as the object of a relation


class LexiconRecognizer(Component):
    def __init__(self) -> None:
        entries: list[tuple[str, tuple[str, str, str, bool]]] = [
            (group, ("WorkerGroup", group, "", False)) for group in words("worker_groups")
        ]
        entries.extend(
            (group, ("WorkerGroup", group, STATUS, False)) for group in words("worker_statuses")
        )
        for name, aliases in known_initiatives().items():
            entries.append((name, ("Initiative", name, "", False)))
            entries.extend((alias, ("Initiative", name, name, True)) for alias in aliases)
        for row in table("short_forms"):
            entries.append((row["short"], (row["type"], row["short"], row["canonical"], True)))
        self.scanner = Scanner(entries, longest=True)
        self.user_dictionary = [word for word, _ in entries]
        self.group_modifiers = sorted(words("worker_group_modifiers"), key=len, reverse=True)

    def user_words(self) -> Iterable[str]:
        return self.user_dictionary

    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        text = text_of(doc)
        word_starts = set(token_bounds(doc)[0])
        for start, end, (label, name, key, short) in self.scanner.find(text):
            source = "lexicon-status" if key == STATUS else "lexicon"
            key = "" if key == STATUS else key
            if label == "WorkerGroup":
                start = self._modified_start(text, start, word_starts)
                name = text[start:end]
            out.append(Candidate(start, end, label, name, source, PRIORITY, key=key, short=short))
        return doc

    def _modified_start(self, text: str, start: int, word_starts: set[int]) -> int:
        """Where a group named with a narrowing word begins (困难|农民工, not 妇|女…)."""
        for modifier in self.group_modifiers:
            begin = start - len(modifier)
            if begin in word_starts and text.startswith(modifier, begin):
                return begin
        return start


@Language.factory("kg_lexicon")
def make_lexicon_recognizer(nlp: Language, name: str) -> LexiconRecognizer:
    return LexiconRecognizer()
