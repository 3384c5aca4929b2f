"""Triggers: the words of ``ontology/lexicon/events.ttl`` that open an event, found in a
sentence, each read as a noun ("the visit") or a verb ("visited") and mapped to its family."""
from __future__ import annotations

import bisect
import re
from typing import Callable

import ahocorasick

from graph.extract.catalog import Catalog
from graph.extract.events.model import FAMILIES, Hit
from graph.extract.spans import longest_first
from graph.extract.text import lowered
from graph.extract.word_patterns import at_word_boundary, at_word_start
from graph.model import Sentence


# Concern voiced about another's conduct, in the forms a word list cannot hold (a possessive or
# an opening quotation mark between the verb and the noun).
# (at_word_start: "\b(?:had|has|…)" written so that the scan skips to the verbs' first letters)
CONCERN = re.compile(at_word_start("had has have expressed expresses voiced voices raised raises conveyed reiterated "
                                   "underscored".split()) + r"\s+"
                     r"(?:(?:his|her|their|its|our)\s+)?[\"“]?(?:(?:deep|serious|grave|strong|continued|significant|growing)\s+)?"
                     r"concerns?\b[\"”]?")


# Concern in the adjective form: "said it was deeply concerned about …", "we are gravely concerned by …",
# "remains concerned over …" (a negation or a modal between the verb and the word is no concern voiced,
# nor a worry about what may come).
CONCERNED = re.compile(r"\b(?:is|are|was|were|am|remains?|remained)\s+(?:(?:deeply|gravely|seriously|very|increasingly|"
                       r"extremely|particularly|also|still|greatly|profoundly)\s+){0,2}concerned\s+(?=(?:about|by|over|at|with)\s+"
                       # not a worry about what may come: "concerned about a future administration", "about possible sanctions"
                       r"(?!(?:(?:a|an|any|the)\s+)?(?:future|possible|potential|possibility|prospect|risk|likelihood|chance)\b))")


# A diplomatic protest, whatever words qualify it: 'lodged "stern representations" with', 'lodged a
# formal protest', 'lodged solemn and stern representations', 'voiced strong protest to'; and summoning another side's envoy
# ("summoned the U.S. ambassador", "summoned Japan's envoy to protest"): the envoy's side is protested to.
PROTEST = re.compile(r"\b(?:voiced|voices|expressed|expresses|registered|registers|conveyed|conveys)\s+(?:(?:an?|its|their|his|her)\s+)?"
                     r"(?:(?:strong|strongest|firm|formal|serious|solemn|stern|vehement|diplomatic|official|grave)\s+(?:and\s+)?){0,3}"
                     r"(?:protests?|representations|démarches?|demarches?)\b"  # not 'expressed support for the protests'
                     r"|\b(?:lodg(?:ed|es|e|ing)|file[ds]?|filing|made|makes|make|making)\s+(?:an?\s+)?[\"“]?"
                     r"(?:(?:[a-z-]+,?\s+){1,3}(?:and\s+[a-z-]+\s+)?)?(?:diplomatic\s+)?"
                     r"(?:protests?|representations|démarches?|demarches?)\b[\"”]?"
                     r"|\bsummon(?:ed|s|ing)(?=\s+(?:the\s+|an?\s+)?(?:[\w.’'-]+\s+){0,4}?(?i:ambassador|envoy|charg[ée]\s+d[’']affaires|"
                     r"top\s+diplomat|diplomats?)\b)")
# A criminal charge: "prosecutors charged Huawei with bank fraud", "indicted two hackers for stealing …".
# A passive charge may name the crime first and the accuser after: "was charged with fraud by the Justice Department".
CHARGED = re.compile(r"\b(?:charg(?:ed|es|ing)(?=\s+(?:[\w.’'-]+\s+){1,6}?with\s+(?!the\s+task\b|overseeing\b|leading\b|running\b))"
                     r"|(?:(?<=\bwas\s)|(?<=\bwere\s)|(?<=\bbeen\s)|(?<=\bbeing\s))charged(?=\s+with\s+(?!the\s+task\b|overseeing\b|leading\b|running\b))"
                     r"|indict(?:ed|s|ing)?)\b")
# "summoned the ambassador to protest …": the infinitive is the summons' purpose, not a second protest
TO_PROTEST = re.compile(r"\bto\s+$")

# Being somewhere for talks is a visit there: "Blinken was in Jakarta on Thursday for talks with …",
# "is in Paris this week for meetings" (the place must follow "in" and the purpose come soon after).
WAS_IN_FOR = re.compile(r"\b(?:was|were|is|are)\s+in(?=\s+[A-Z][^.;]{0,50}?\bfor\s+(?:(?:a|an|two|three|several|high-level|"
                        r"official|annual)\s+)?(?:[\w-]+\s+)?(?:talks|visit|meetings?|negotiations|consultations|summit|"
                        r"dialogue)\b)")

# A conversation dated to its day is a call between the parties the sentence names: "their conversation
# of April 2", "a conversation on Friday", "Tuesday's conversation" (an undated one may be any talk).
DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTHS = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|April|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
DATED_CONVERSATION = re.compile(r"\b(?:%s|%s\s+\d{1,2})[’']s\s+(?P<a>conversation)\b"
                                r"|\b(?P<b>conversation)(?=\s+(?:of|on)\s+(?:(?:last|this|early|late)\s+)?(?:%s|%s\s+\d{1,2}\b))"
                                % (DAYS, MONTHS, DAYS, MONTHS))


# After "spoke to/with": an audience, not a party to a call.
AUDIENCE = re.compile(r"\s+(?:the\s+|a\s+group\s+of\s+|a\s+)?(?:(?:[\w-]+)\s+)?(?:reporters|journalists|press|media|students|"
                      r"crowd|audience|supporters|troops|workers|employees|business\s+leaders|lawmakers|senators)\b")

# After a noun trigger, a head noun it modifies: "travel restrictions", "trip advisory".
NOUN_MODIFIED = re.compile(r"\s+(?:restrictions?|bans?|advisory|advisories|warnings?|industry|agency|agencies|"
                           r"documents|costs|expenses|plans)\b")


# A name just before a measure word that is followed by "on"/"against": "U.S. sanctions on …",
# "Treasury sanctions against …" (the measure is a noun; "the U.S. sanctions Chinese firms" is a verb).
NAMED_MEASURE = re.compile(r"(?:\b[A-Z][\w’'-]*|[A-Z]\.)\s+$")
MEASURE_ON = re.compile(r"\s+(?:on|against)\s")


ADVERB_BEFORE = re.compile(r"\b(?:first|last)\s+$", re.I)
# A time adverbial between a subject and its verb: "X last week met Y", "Commerce earlier this month
# restricted …" ("last week" is no determiner of what follows; "last week's meeting" keeps its "'s").
TIME_ADVERBIAL_BEFORE = re.compile(r"\b(?:(?:last|this|past|earlier\s+this|later\s+this|earlier\s+in\s+the|late\s+last)\s+"
                                   r"(?:week|month|year|weekend|spring|summer|autumn|fall|winter)|yesterday)\s+$", re.I)
MODIFIED_NOUN = re.compile(r"\s+(?:records|logs|data|detail|details|metadata|center|centre|sign)\b")
AS_BEFORE = re.compile(r"\bas\s+$")
CAPITAL_DETERMINER = re.compile(r"\b(?:The|A|An|This|That|Its|Their|His|Her|Our|First|Upcoming|Last|Next|Any|No)\b")
DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|our|this|that|first|upcoming|planned|previous|last|next|"
                               r"recent|whose|of|any|no|under)|’s|'s)\s+(?:[a-z][\w-]*\s+)?$")


# Ending a cancellation: "lifted the suspension of", "ended its postponement of", "reversed the cancellation".
LIFTED_BEFORE = re.compile(r"\b(?:lift(?:ed|s|ing)?|end(?:ed|s|ing)?|revers(?:ed|es|ing|e)|rescind(?:ed|s|ing)?|"
                           r"revok(?:ed|es|ing|e))\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w-]+\s+)?$", re.I)
RESUMED_OF = re.compile(r"\s+of\s+(?:(?:the|its|their|some|all|several|bilateral|military|high-level|[\w-]+-level)\s+){0,3}"
                        r"(?:[\w-]+\s+)?")
# A preposition or "included" just before the word: "responded with sanctions", "which included sanctions".
PREPOSITION_BEFORE = re.compile(r"\b(?:with|including|included|includes|include|without|against)\s+$")


AUXILIARY_FIRST = re.compile(r"(?:will|would|to|has|had|have|is|was|were|are)\s", re.I)


class TriggerFinder:
    """Finds trigger words in sentences; built once from the catalog's triggers."""

    def __init__(self, catalog: Catalog):
        self.cat = catalog
        self.forms: dict[str, list] = {}  # lower-cased form -> its triggers
        for t in catalog.triggers:
            self.forms.setdefault(t.form.lower(), []).append(t)
        self.auto = ahocorasick.Automaton()
        for form, entries in self.forms.items():
            self.auto.add_word(form, entries)
        if len(self.auto):
            self.auto.make_automaton()
        # Where the forms stand in a text's lower case, from a pass another scan makes anyway
        # (the extractor shares the catalog names' pass: EntityFinder.shared_hits), or None.
        self.shared: Callable[[str], list | None] | None = None
        # Lower-casing a sentence gives what lower-casing the whole text gives there, but for
        # a final sigma ("Σ" is "ς" at a word's end): only forms holding one need the sentence's
        # (and forms whose lower case is longer, "İ", whose offsets are counted from the form).
        self.whole_text = not any(c in t.form.lower() for t in catalog.triggers for c in "σς") and \
            all(len(t.form.lower()) == len(t.form) for t in catalog.triggers)
        self._found: list = [(None, None), (None, None)]  # (text, its trigger words) for the last two texts

    def words(self, text: str) -> tuple[list[int], list[tuple[int, int, list]], list[int]] | None:
        """The trigger forms anywhere in the text, found in one pass and kept for the text
        being read: their ends (inclusive, in the automaton's order), (start, end, entries),
        and where "concern" stands. None when the text's lower case differs in length."""
        held, found = self._found[0]
        if held is text:  # (asked once a sentence)
            return found
        held, found = self._found[1]
        if held is text:
            return found
        lower = lowered(text)
        found = None
        if len(lower) == len(text) and self.whole_text and len(self.auto):
            ends, words = [], []
            hits = self.shared(text) if self.shared is not None else None
            for end, entries in self.auto.iter(lower) if hits is None else hits:
                ends.append(end)
                words.append((end - len(entries[0].form) + 1, end + 1, entries))
            concern, i = [], text.find("concern")
            while i >= 0:
                concern.append(i)
                i = text.find("concern", i + 1)
            found = ends, words, concern
        self._found[:] = [(text, found), self._found[0]]
        return found

    def in_sentence(self, text: str, s: Sentence) -> tuple[list[tuple[int, int, list]], bool]:
        """The trigger forms inside the sentence, in the order its own scan gives them, and
        whether "concern" stands in it."""
        found = self.words(text)
        if found is None:
            lower = text[s.start:s.end].lower()
            return [(s.start + end - len(entries[0].form) + 1, s.start + end + 1, entries)
                    for end, entries in self.auto.iter(lower)] if len(self.auto) else [], True
        ends, words, concern = found
        lo, hi = bisect.bisect_left(ends, s.start), bisect.bisect_left(ends, s.end)
        i = bisect.bisect_left(concern, s.start)
        return [w for w in words[lo:hi] if w[0] >= s.start], i < len(concern) and concern[i] < s.end

    def hits(self, text: str, s: Sentence) -> list[Hit]:
        words, concern = self.in_sentence(text, s)
        sentence = text[s.start:s.end]
        protest = "lodg" in sentence or "summon" in sentence or "representations" in sentence or "protest" in sentence \
            or "charg" in sentence or "indict" in sentence or " in " in sentence and " for " in sentence
        conversation = "conversation" in sentence
        if not words and not concern and not protest and not conversation:
            return []
        found, lifted = [], []
        for a, b, entries in words:
            if not at_word_boundary(text, a, b) or text[a - 1:a] in ("-", "–"):
                continue
            if MODIFIED_NOUN.match(text[b:b + 12]) or \
                    all(t.word_class == "noun" for t in entries) and NOUN_MODIFIED.match(text, b):
                continue  # "call records", "travel restrictions": a modifier of another noun, not a happening
            if AUDIENCE.match(text, b) and any(self.family(t.event_class) == "PhoneCall" for t in entries):
                continue  # "spoke to reporters", "spoke with students": an audience, not a call
            if AS_BEFORE.search(text[max(0, a - 4):a]) and text[a:b].endswith("ed"):
                continue  # "as agreed in…", "as announced": a reference back, not a new happening
            if LIFTED_BEFORE.search(text, max(0, a - 40), a) and \
                    any(self.family(t.event_class) == "Cancellation" and t.word_class == "noun" for t in entries):
                lifted.append(b)  # "lifted the suspension of the talks": what was called off resumes; nothing is called off
                continue
            classes = {t.word_class for t in entries}
            word_class = noun_or_verb(text, a, classes | {"noun", "verb"})
            if word_class == "noun" and (text[a:b].endswith("ed") or "noun" not in classes) \
                    and ADVERB_BEFORE.search(text, max(0, a - 12), a):
                word_class = "verb"  # "Trump first imposed", "they last met", "last spoke with": an adverb, not a determiner
            if word_class not in classes and word_class == "noun":
                continue  # "an alleged upgrade": a verb form used as an adjective
            if word_class == "verb" and "noun" in classes and NAMED_MEASURE.search(text, max(0, a - 12), a) \
                    and MEASURE_ON.match(text, b) and any(self.family(t.event_class) == "Sanction" for t in entries):
                word_class = "noun"  # "about U.S. sanctions on Chinese firms": a name's measure, not a verb
            chosen = next((t for t in entries if t.word_class == word_class), entries[0])
            found.append(Hit(a, b, text[a:b], self.family(chosen.event_class), chosen.word_class, chosen.event_class))
        if protest:
            for m in PROTEST.finditer(text, s.start, s.end):
                found.append(Hit(m.start(), m.end(), m.group(), "Accusation", "verb", "Accusation"))
                if m.group().startswith("summon"):
                    found = [h for h in found if not (h.text.lower() == "protest" and m.end() < h.start < m.end() + 90
                                                      and TO_PROTEST.search(text, h.start - 4, h.start))]
        for m in WAS_IN_FOR.finditer(text, s.start, s.end) if protest else ():
            found.append(Hit(m.start(), m.end(), m.group(), "Visit", "verb", "Visit"))
        for m in CHARGED.finditer(text, s.start, s.end) if protest else ():
            found.append(Hit(m.start(), m.end(), m.group(), "Accusation", "verb", "Accusation"))
        if conversation:
            for m in DATED_CONVERSATION.finditer(text, s.start, s.end):
                g = "a" if m.group("a") else "b"
                if not any(h.start <= m.start(g) < h.end for h in found):  # not "telephone conversation" again
                    found.append(Hit(m.start(g), m.end(g), m.group(g), "PhoneCall", "noun", "PhoneCall"))
        for m in CONCERN.finditer(text, s.start, s.end) if concern else ():  # 'had "deep concerns"', 'raised his serious concerns'
            found.append(Hit(m.start(), m.end(), m.group(), "Accusation", "verb", "Accusation"))
        for m in CONCERNED.finditer(text, s.start, s.end) if concern else ():  # "said it was deeply concerned about"
            found.append(Hit(m.start(), m.end(), m.group().rstrip(), "Accusation", "verb", "Accusation"))
        if lifted:  # ... nor are the talks it named held
            found = [h for h in found if not any(RESUMED_OF.fullmatch(text, end, h.start) for end in lifted)]
        return longest_first(found)

    def family(self, cls: str) -> str:
        """The event class the rules work with for a finer one (Summit → Meeting, Tariff → Sanction)."""
        while cls not in FAMILIES and cls in self.cat.subclasses:
            cls = self.cat.subclasses[cls]
        return cls



def noun_or_verb(text: str, start: int, classes: set[str]) -> str:
    if len(classes) == 1:
        return next(iter(classes))
    if AUXILIARY_FIRST.match(text, start):
        return "verb"  # "orders that will bar …": a form opened by an auxiliary is a verb whatever stands before
    before_raw = CAPITAL_DETERMINER.sub(lower_case, text[max(0, start - 25):start])
    if TIME_ADVERBIAL_BEFORE.search(before_raw):
        return "verb"
    if DETERMINER_BEFORE.search(before_raw) or PREPOSITION_BEFORE.search(before_raw):
        return "noun"
    return "verb"


def lower_case(m: re.Match) -> str:
    return m.group().lower()
