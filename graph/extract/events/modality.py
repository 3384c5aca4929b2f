"""Modality: whether a trigger reports a happening at all. Negated ("no meeting took place")
and hypothetical triggers give no event; planned ones are kept and marked; a denial must deny
something said."""
from __future__ import annotations

import re

from graph.extract.events.model import Hit
from graph.model import Sentence

DENIED = re.compile(r"\s+(?:that\b|any\b|(?:the|these|those|such|reports?|claims?|allegations?|accusations?|charges?)\b.{0,40}?"
                    r"\b(?:allegations?|accusations?|claims?|reports?|charges?|involvement|wrongdoing)\b)", re.I)


# "said (on Friday) (that) it would": the rest of REPORTED_FUTURE after the reporting verb (``Modality``
# puts the lexicon's reporting verbs before it; "told" may take its listener: "told reporters it would").
REPORTED_FUTURE_REST = (r"(?:\s+(?!(?:on|that)\b)\w+)?\s+(?:on\s+\w+\s+)?(?:that\s+)?"
                        r"(?:it|they|he|she|the\s+\w+|both\s+(?:sides|governments|countries)|[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)\s+would\s+"
                        r"(?:(?:work|move|push|press|aim)\s+(?:toward|towards|for)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?)?$")


# After a noun trigger: "(on the United States) (that) it announced on …", "Washington imposed last
# month": a relative clause in the past tense that reports the happening as done.
TAKEN_BEFORE = re.compile(r"(?:\s+(?:on|against|of)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})?"
                          r"\s+(?:that\s+|which\s+)?(?:it|they|he|she|we|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s+"
                          r"(?:had\s+)?(?:announced|imposed|introduced|levied|placed|put|slapped|adopted|enacted|issued)\s+"
                          r"(?:\w+\s+){0,3}?(?:on|in|last|earlier|since)\b")


# An aside between commas after a noun and its verb ("the trip, once expected in February, has …").
APPOSITIVE = re.compile(r"^([^.;:,]{0,40}?),[^.;:,]{1,60},\s*")


QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


# A relative clause between commas: ", which had been scheduled for Monday,".
RELATIVE_ASIDE = re.compile(r",\s*(?:which|that|who)\b[^,;]*,")


# The month May, not the modal: capitalised inside a sentence, or before a day or a year.
MONTH_MAY = re.compile(r"(?<=[\w,]\s)May\b|\bMay(?=\s+\d)")


# Negations after a noun that may be about something else than the happening ("the meeting was not
# productive"): read only next to the noun, not past its phrase.
PLAIN_NEGATIONS = frozenset(("was not", "were not", "is not", "are not", "did not", "never", "was never"))


FAR_BREAK = re.compile(r"[;:,]|\.(?!\S|\s+[a-z])")


class Modality:
    """The cue words of the language lexicon, compiled once."""

    def __init__(self, words: dict):
        self.negation = cue_pattern(words.get("negation", ()))
        self.hypothetical = cue_pattern(words.get("hypothetical", ()))
        self.planned = cue_pattern(words.get("planned", ()))
        self.event_hypothetical = cue_pattern(words.get("event-hypothetical", ()))
        self.reported_future = re.compile(cue_pattern(words.get("reporting-verbs", ())).pattern + REPORTED_FUTURE_REST)
        self.negated_after = re.compile(r"^[^.;:,]{0,40}?" + cue_pattern(words.get("event-negated-after", ())).pattern, re.I)
        # past the noun's own phrase ("a meeting between U.S. and Chinese officials was possible"): only the
        # cues that no copula's plain negation reads as ("was not productive" says nothing of the meeting)
        strong = [w for w in words.get("event-negated-after", ()) if w.lower() not in PLAIN_NEGATIONS]
        self.negated_far = cue_pattern(strong)

    def ruled_out(self, before: str, hit: Hit | None = None) -> bool:
        """A negation or a hypothetical cue just before the trigger, in its clause. "would" in
        reported speech ("China said it would impose tariffs") is an announced plan, not a condition."""
        before = QUOTED.sub(" ", before)  # a quotation's own "not" is not the trigger's: '"partners, not rivals," even as X warned'
        before = MONTH_MAY.sub("the month", before)  # "imposed duties in May and hit back": the month, not the modal
        hypothetical = self.hypothetical.search(before[-45:])
        if hypothetical and self.reported_future.search(before[-60:]):
            hypothetical = self.hypothetical.search(self.reported_future.sub(" ", before[-60:]))
        negated = self.negation.search(before[-40:])
        if negated and hit is not None and own_verb_after(before[-40:], negated.end(), hit):
            negated = None
        hoped = self.event_hypothetical.search(before[-45:])
        if hoped and hit is not None and own_verb_after(before[-45:], hoped.end(), hit):
            hoped = None  # "threatened China and imposed tariffs on Mexico": a verb of its own
        return bool(negated or hypothetical or hoped)

    def negated_later(self, after: str, hit: Hit) -> bool:
        """A noun trigger whose clause says it did not happen: "the summit has not been scheduled"."""
        if hit.word_class != "noun":
            return False
        # past an aside: "Blinken's trip to China, once expected in February, has not been rescheduled"
        return bool(self.negated_after.match(after) or self.negated_after.match(APPOSITIVE.sub(r"\1 ", after, count=1))
                    or self.negated_far_match(after))

    def negated_far_match(self, after: str) -> bool:
        """A strong cue within 90 characters of the noun with no clause or sentence break before it
        (a period inside "U.S." is none)."""
        m = self.negated_far.search(after, 0, 130)
        return m is not None and m.start() <= 90 and not FAR_BREAK.search(after, 0, m.start())

    def is_planned(self, before: str, hit: Hit, after: str = "") -> bool:
        """A planning cue just before the trigger, or "upcoming visit", or "said it would"; not
        a measure a past relative clause reports as taken ("will lift the tariff it imposed in
        April": the lifting is planned, the tariff was imposed)."""
        if hit.word_class == "noun" and TAKEN_BEFORE.match(after):
            return False
        if hit.event_class == "Cancellation":  # "the talks, which had been scheduled for Monday, were postponed": the talks' plan
            before = RELATIVE_ASIDE.sub(" ", before).rsplit(",", 1)[-1]
        return bool(self.planned.search(before[-40:]) or self.reported_future.search(before[-60:])) \
            or hit.text.lower().startswith(("upcoming", "due ", "is due", "was due"))  # "is due in Madrid on Friday"


def own_verb_after(before: str, negation_end: int, hit: Hit) -> bool:
    """"said Taiwan must not be crossed and accused Washington…": a finite verb in the past
    coordinated after another verb is not under that verb's negation."""
    return hit.word_class == "verb" and hit.text.lower().endswith("ed") and \
        bool(re.search(r"\b[A-Za-z]+\s*,?\s+and\s+(?:also\s+|then\s+|later\s+)?"
                       r"(?:(?:on|in|by|last|this|early|late)\s+[\w.]+(?:\s+\d+)?\s+)?$", before[negation_end:]))
    # ("vowed to retaliate and on Friday imposed tariffs": a time between "and" and the verb)


def denies_a_claim(text: str, hit: Hit) -> bool:
    """"denied that…", "rejected the allegations": not "deny basic rights"."""
    return bool(DENIED.match(text, hit.end))


def cue_pattern(words) -> re.Pattern:
    """Any of the words, the longest first, as whole words, regardless of case. A look-ahead for
    the words' first letters lets the engine pass over a word that none of them starts with at
    once, instead of trying every word there (the same matches)."""
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    firsts = "".join(sorted({re.escape(w[0]) for w in words if w}))
    guard = f"(?=[{firsts}])" if firsts and all(words) else ""
    return re.compile(rf"(?<![\w’']){guard}(?:{alts})(?![\w])", re.I) if alts else re.compile(r"(?!x)x")


# After a measure: the clause that reports its imposition ("its tariff imposed on April 2", "the duties it
# announced", "the levies that the European Union adopted"): its subject a pronoun or a name (a capital, a
# government, a country), which does not count against the words between.
IMPOSED_EARLIER = re.compile(r"(?:\s+[\w%$.,-]+){0,6}?\s+(?:(?:that\s+|which\s+)?(?:it|they|he|she|we|that|which|"
                             r"(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s+)?(?:had\s+|has\s+)?"
                             r"(?:imposed|announced|introduced|levied|adopted)\b")
# Before a measure in force that someone breaks or ignores: "violating U.S. sanctions on …", "despite the embargo".
BROKEN_MEASURE = re.compile(r"\b(?:violat\w*|in\s+violation\s+of|evad\w*|evasion\s+of|circumvent\w*|breach\w*|"
                            r"despite|defy\w*|defied|skirt\w*|bust\w*|dodg\w*|flout\w*|in\s+breach\s+of|(?:get|gets|got|getting|work|works|"
                            r"worked|working)\s+around)\s+"
                            r"(?:the\s+|its\s+|their\s+)?(?:[\w.’'-]+\s+){0,3}$")
# Before a measure that is eased, not imposed: "to lower tariffs on …", "lifted the sanctions", "roll back duties".
LOWERED = re.compile(r"\b(?:cut|cuts|cutting|lower|lowers|lowered|lowering|reduce[sd]?|reducing|remove[sd]?|removing|"
                     r"lift|lifts|lifted|lifting|ease[sd]?|easing|roll(?:s|ed|ing)?\s+back|scrap(?:s|ped|ping)?|"
                     r"halve[sd]?|halving|waive[sd]?|waiving|drop(?:s|ped|ping)?|relax(?:es|ed|ing)?)\s+"
                     r"(?:the\s+|its\s+|their\s+|some\s+|all\s+|most\s+)?(?:[\w.%$’'-]+\s+){0,3}$")
# Before a gerund that reports a measure taken: the order or rule that does it, a participle's comma, "by" (the
# means of an act): "an executive order banning …", "retaliated by banning …", "…, barring firms from …".
GERUND_OF_ACT = re.compile(r"(?:,|\bby|\b(?:orders?|rules?|measures?|laws?|decisions?|proclamations?|directives?|"
                           r"memorand(?:um|a)|regulations?|bills?|legislation|decree)(?:\s+\w+){0,3}?)\s+$")
# Between a criticism and the measure criticised, with nothing saying the measure is new: "concern
# about U.S. restrictions", "opposition to the American sanctions" (not "opposition to new … curbs").
CRITICISED_MEASURE = re.compile(r"[\"”]?\s+(?:about|over|to|against|at|of)\s+(?:the\s+|its\s+|their\s+)?"
                                r"(?:(?!new\b|latest\b|fresh\b|further\b|additional\b|recent\b)[\w.’'-]+\s+){0,3}")
CHARACTERISED = re.compile(r"\bwhat\s+(?:[\w’'-]+\s+){1,3}(?:called|calls|described as|describes as|termed|terms)\s+"
                           r"(?:[\w’'-]+\s+){0,7}$")


def no_new_happening(text: str, s: Sentence, hit: Hit, hits: list[Hit]) -> bool:
    """Whether the trigger tells of no new happening although nothing negates it: a
    characterisation ("what she called unlawful tariffs"), a measure criticised, broken, in
    force or eased, "imposed no tariffs", a suspension that is a period, a gerund that no order
    or act governs (``hits``: the sentence's triggers)."""
    if CHARACTERISED.search(text, max(s.start, hit.start - 70), hit.start) and not (
            hit.word_class == "verb" and hit.text.lower().endswith("ed")
            and re.search(r"\band\s+(?:also\s+|then\s+)?$", text[max(s.start, hit.start - 12):hit.start])):
        return True  # "what he called illegal unilateral sanctions": a characterisation, not a report
        # (a verb in the past coordinated after it is a clause of its own: "what he called a mistake and accused …")
    if hit.event_class == "Sanction" and hit.word_class == "noun" and any(
            h.event_class == "Accusation" and CRITICISED_MEASURE.fullmatch(text, h.end, hit.start)
            for h in hits if h.end <= hit.start):
        return True  # "concern about U.S. restrictions on Chinese firms": what is criticised, no new measure
    if hit.event_class == "Cancellation" and hit.word_class == "noun" and hit.text.lower() == "suspension" \
            and not re.match(r"\s+of\s", text[hit.end:hit.end + 4]):
        return True  # "during the suspension, …": a period, not the act of suspending something named
    if hit.event_class == "Sanction" and hit.text.lower() in ("banning", "barring", "prohibiting", "revoking") \
            and not GERUND_OF_ACT.search(text, max(s.start, hit.start - 40), hit.start):
        return True  # "was looking at banning Chinese apps": a gerund reports a measure only after an order or an act
    if hit.event_class == "Sanction" and hit.word_class == "verb" and re.match(r"\s+no\s", text[hit.end:hit.end + 4]):
        return True  # "imposed no tariffs"
    if hit.event_class == "Sanction" and hit.word_class == "noun" and BROKEN_MEASURE.search(text, max(s.start, hit.start - 60), hit.start):
        return True  # "accused of violating U.S. sanctions on Iran", "despite American sanctions": a regime in force, no new measure
    if hit.event_class == "Sanction" and (hit.word_class == "noun" or hit.text.lower() in ("sanctions", "sanction", "bans", "ban")) \
            and LOWERED.search(text, max(s.start, hit.start - 50), hit.start) \
            and not IMPOSED_EARLIER.match(text, hit.end, min(s.end, hit.end + 60)):
        return True  # "agreed to lower tariffs on X", "will lift the ban": a measure eased is none imposed
    return False
