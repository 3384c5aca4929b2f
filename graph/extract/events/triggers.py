"""Triggers: the words of ``ontology/lexicon/events.ttl`` that open an event, found in a
sentence, each read as a noun ("the visit") or a verb ("visited") and mapped to its family."""
from __future__ import annotations

import re

import ahocorasick

from graph.extract.catalog import Catalog
from graph.extract.entities import at_word_boundary, at_word_start
from graph.extract.events.model import FAMILIES, Hit
from graph.extract.spans import longest_first
from graph.model import Sentence


# Concern voiced about another's conduct, in the forms a word list cannot hold (a possessive or
# an opening quotation mark between the verb and the noun).
# (at_word_start: "\b(?:had|has|…)" written so that the scan skips to the verbs' first letters)
CONCERN = re.compile(at_word_start("had has have expressed expresses voiced voices raised raises conveyed reiterated "
                                   "underscored".split()) + r"\s+"
                     r"(?:(?:his|her|their|its|our)\s+)?[\"“]?(?:(?:deep|serious|grave|strong|continued|significant|growing)\s+)?"
                     r"concerns?\b[\"”]?")


# After a noun trigger, a head noun it modifies: "travel restrictions", "trip advisory".
NOUN_MODIFIED = re.compile(r"\s+(?:restrictions?|bans?|advisory|advisories|warnings?|industry|agency|agencies|"
                           r"documents|costs|expenses|plans)\b")


ADVERB_BEFORE = re.compile(r"\b(?:first|last)\s+$", re.I)


class TriggerFinder:
    """Finds trigger words in sentences; built once from the catalog's triggers."""

    def __init__(self, catalog: Catalog):
        self.cat = catalog
        self.auto = ahocorasick.Automaton()
        for t in catalog.triggers:
            form = t.form.lower()
            entries = self.auto.get(form) if form in self.auto else []
            entries.append(t)
            self.auto.add_word(form, entries)
        if len(self.auto):
            self.auto.make_automaton()

    def hits(self, text: str, s: Sentence) -> list[Hit]:
        lower = text[s.start:s.end].lower()
        found = []
        for end, entries in self.auto.iter(lower):
            start = end - len(entries[0].form) + 1
            a, b = s.start + start, s.start + end + 1
            if not at_word_boundary(text, a, b) or text[a - 1:a] in ("-", "–"):
                continue
            if re.match(r"\s+(?:records|logs|data|detail|details|metadata|center|centre|sign)\b", text[b:b + 12]) or \
                    all(t.word_class == "noun" for t in entries) and NOUN_MODIFIED.match(text, b):
                continue  # "call records", "travel restrictions": a modifier of another noun, not a happening
            if re.search(r"\bas\s+$", text[max(0, a - 4):a]) and text[a:b].endswith("ed"):
                continue  # "as agreed in…", "as announced": a reference back, not a new happening
            classes = {t.word_class for t in entries}
            word_class = noun_or_verb(text, a, classes | {"noun", "verb"})
            if word_class == "noun" and text[a:b].endswith("ed") and ADVERB_BEFORE.search(text, max(0, a - 12), a):
                word_class = "verb"  # "Trump first imposed", "they last met": an adverb, not a determiner
            if word_class not in classes and word_class == "noun":
                continue  # "an alleged upgrade": a verb form used as an adjective
            chosen = next((t for t in entries if t.word_class == word_class), entries[0])
            found.append(Hit(a, b, text[a:b], self.family(chosen.event_class), chosen.word_class, chosen.event_class))
        for m in CONCERN.finditer(text, s.start, s.end):  # 'had "deep concerns"', 'raised his serious concerns'
            found.append(Hit(m.start(), m.end(), m.group(), "Accusation", "verb", "Accusation"))
        return longest_first(found)

    def family(self, cls: str) -> str:
        """The event class the rules work with for a finer one (Summit → Meeting, Tariff → Sanction)."""
        while cls not in FAMILIES and cls in self.cat.subclasses:
            cls = self.cat.subclasses[cls]
        return cls



def noun_or_verb(text: str, start: int, classes: set[str]) -> str:
    if len(classes) == 1:
        return next(iter(classes))
    before_raw = re.sub(r"\b(?:The|A|An|This|That|Its|Their|His|Her|Our|First|Upcoming|Last|Next|Any|No)\b",
                        lambda m: m.group().lower(), text[max(0, start - 25):start])
    if re.search(r"(?:\b(?:the|a|an|his|her|their|its|our|this|that|first|upcoming|planned|previous|last|next|"
                 r"recent|whose|of|any|no|under)|’s|'s)\s+(?:[a-z][\w-]*\s+)?$", before_raw):
        return "noun"
    return "verb"
