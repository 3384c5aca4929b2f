"""The shapes of names in English copy: capitalised words, initials and suffixes as regex
pieces, the capitalised words that never make a name, and where a sentence starts.

A pattern that opens with a character class or literal characters lets the regex engine skip
in C to where a match can start; "\\b" first makes it try the whole pattern at every offset.
So a word start is written as the word's first character and then (?<!\\w.), "no word
character before it": the same matches as "\\b" before that character, three to five times
faster over a text (WORD_START_CAP, CAPITALISED_WORD and ``word_patterns.at_word_start`` are
built so).
"""
from __future__ import annotations

import re

LOW = "a-zà-öø-ÿ"  # lower-case letters of English copy, with those of borrowed names ("Briseño")
CAP = (rf"(?:Mc[A-Z][{LOW}]+|O['’][A-Z][{LOW}]+|[A-Z][{LOW}]*[A-Z][{LOW}]+|[A-Z][{LOW}]+(?:-[A-Z]?[{LOW}]+)*|[A-Z]{{2,}})"
       rf"(?![A-Za-z{LOW[3:]}])")
# CAP where a word starts (\bCAP): its first capital taken out of the alternatives.
WORD_START_CAP = (rf"[A-Z](?<!\w.)(?:(?<=M)c[A-Z][{LOW}]+|(?<=O)['’][A-Z][{LOW}]+|[{LOW}]*[A-Z][{LOW}]+|"
                  rf"[{LOW}]+(?:-[A-Z]?[{LOW}]+)*|[A-Z]+)(?![A-Za-z{LOW[3:]}])")
WORD_START_CAP_RE = re.compile(rf"{WORD_START_CAP}\b")
INITIAL = r"(?:[A-Z]\.)"
SUFFIX = r"(?:,?\s+(?:Jr\.|Sr\.|II|III|IV))"
CAPITALISED_WORD = re.compile(r"[A-Z](?<!\w.)[a-z]+\b")  # \b[A-Z][a-z]+\b
CALENDAR = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
            r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
CALENDAR_WORD = re.compile(CALENDAR)
# Words that open a sentence or a phrase before a name: taken off the front of a name found.
LEADING_WORDS = frozenset("""The A An In On At For Of By To From With This That These Those Its Their His Her Our My Your
While When After Before During Since Under Both Each Every Also Just And But Or As If""".split())
# Capitalised words that are no part of a person's or a place's own name.
STOP_CAPS = frozenset("""The A An In On At For Of And But Or As By To From With Without This That These Those
It Its He She They We Our Their His Her Just While When After Before During Since Under Over Both Each Every
Senior Deputy General Director Chief Acting Former Then Now Also Efforts Meetings Discussions President Secretary
Minister Ambassador Premier Foreign Defense National Security State Trade Commerce Treasury Justice Homeland
Public Vice Special Assistant Advisor Adviser Spokesperson Spokesman Spokeswoman Office Department Ministry Mr Mrs Ms Dr
January February March April May June July August September October November December Monday Tuesday Wednesday
Thursday Friday Saturday Sunday Joint Statement Fact Sheet Readout Executive Order New Chinese American Global
""".split())
SENTENCE_END_BEFORE = re.compile(r"(?:[.!?:\"“”]\s*|\n\s*)$")


def sentence_initial(text: str, start: int) -> bool:
    """Whether a sentence, a line or the text starts at ``start``."""
    before = text[max(0, start - 3):start]
    return start == 0 or bool(SENTENCE_END_BEFORE.search(before)) or before.strip() == ""
