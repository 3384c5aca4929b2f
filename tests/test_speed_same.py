"""Speed-ups that must not change a single match: each fast path is compared with the plain
way it replaces, on texts made to hit its edges (case folding, word boundaries, the ends of
the stretch searched, overlapping candidates)."""
from __future__ import annotations

import random
import re

import pytest

from graph.extract import default_extractor
from graph.extract.dates import DURATION, FROM_LAST_DAY
from graph.extract.entities import MINISTRY, alternatives
from graph.extract.text import Skipping, lowered, sentences

WORDS = ["two", "Two", "TWO", "ſix", "six", "days", "day", "later", "earlier", "the", "same", "next",
         "following", "that", "in", "a", "one", "3", "three-day", "five days of", "xtwo", "_a", "day-",
         "foreign", "ministry", "Ministry", "trade", "state security", "the day before", "the day after the",
         "Kelvin", "\u212aelvin", "İstanbul", "ıx", "\n", "\n\n", "  ", ",", ".", "—", "(", "'", "’"]


EDGES = ("ſix days later, ſix-day talks, ſeven days of talks, \u212aelvin and İn in ın; "
         "The Same Day, THE DAY BEFORE, Two\n\ndays later. ")


def random_text(seed: int, n: int = 600) -> str:
    rng = random.Random(seed)
    return EDGES + "".join(rng.choice(WORDS) + rng.choice([" ", " ", "", "\t", "\n"]) for _ in range(n)) + EDGES


def spans(matches) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("seed", range(5))
def test_skipping_finds_what_finditer_finds(seed):
    text = random_text(seed)
    patterns = [
        Skipping(re.compile(r"\b(?:two|six|a|the)\s+(?P<unit>days?)\b", re.I), "tTsS\u017faA"),
        Skipping(re.compile(r"\b(?:kelvin|in)\b", re.I), "kK\u212aiI\u0130\u0131"),
        Skipping(re.compile(r"\b(?:day|days)(?:\s+later)?"), "d"),
        DURATION, FROM_LAST_DAY, MINISTRY,
    ]
    rng = random.Random(seed)
    for skipping in patterns:
        assert spans(skipping.finditer(text)) == spans(skipping.regex.finditer(text)), skipping.pattern[:40]
        for _ in range(20):  # a stretch of the text: the look-arounds still see past its ends
            a = rng.randrange(len(text))
            b = rng.randrange(a, len(text) + 1)
            assert spans(skipping.finditer(text, a, b)) == spans(skipping.regex.finditer(text, a, b))


def test_skipping_with_a_wider_scout_drops_what_the_pattern_rejects():
    text = "two days later the meeting; two days later, two days\nlater"
    pattern = re.compile(r"\btwo\s+days\s+later(?!,)")
    skipping = Skipping(pattern, "t", scout=r"\btwo\s+days")
    assert spans(skipping.finditer(text)) == spans(pattern.finditer(text))
    assert len(list(skipping.finditer(text))) == 2


def test_alternatives_match_what_the_plain_alternation_matches():
    rng = random.Random(3)
    words = ["Department", "Dept", "D", "Council", "Commission", "Co.", "Corp", "Corps", "Office", "Über", "&"]
    text = " ".join(rng.choice(words + ["Depart", "Councils", "xOffice", "Comm", "C"]) for _ in range(500))
    for chosen in (words, words[::-1], sorted(words, key=len, reverse=True), ["A"], ["", "x"]):
        fast = re.compile(rf"\b(?:{alternatives(chosen)})(?!\w)")
        plain = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in chosen)})(?!\w)")
        assert spans(fast.finditer(text)) == spans(plain.finditer(text)), chosen


def test_lowered_is_the_lower_case_of_the_text_asked_about():
    a, b, c = "The Secretary MET", "ΟΔΥΣΣΕΥΣ", "İstanbul"
    for _ in range(2):
        assert lowered(a) == a.lower() and lowered(b) == b.lower() and lowered(c) == c.lower()
        assert lowered(a) == a.lower()


def test_trigger_words_found_once_per_text_are_those_found_per_sentence():
    """The trigger automaton runs once over the text; each sentence takes the words inside
    it, as scanning the sentence alone gave them."""
    triggers = default_extractor().events.triggers
    text = ("The two leaders met in Geneva and agreed to talks. Officials visited Beijing; the visit ended "
            "Friday. They had deep concerns about the sanctions.\n\nCall records were released. "
            "The meeting-room was small. As agreed, they will meet again. Talks: none. "
            "Washington imposed tariffs and Beijing retaliated with sanctions on Tuesday.")
    whole = [triggers.hits(text, s) for s in sentences(text)]
    held = triggers.whole_text
    try:
        triggers.whole_text = False
        triggers._found = [(None, None), (None, None)]
        alone = [triggers.hits(text, s) for s in sentences(text)]
    finally:
        triggers.whole_text = held
        triggers._found = [(None, None), (None, None)]
    assert whole == alone
    assert sum(len(h) for h in whole) >= 8
