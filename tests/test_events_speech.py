"""Events of reported speech, measures by third parties, departments by their short names and
the first word of an article, on sentences of our own written in the style of wire copy and
official statements (issue 7). Publication date: 2024-05-02, a Thursday."""
from __future__ import annotations

import datetime as dt

import pytest

from test_events import BLINKEN, CHN, USA, WANG_YI, day, ex_has_no, extract, of_kind, one, parties

D = dt.date
JPN, GBR, CAN, AUS = "country/JPN", "country/GBR", "country/CAN", "country/AUS"


# --- an article's first word: a dateline, or the subject of its first sentence ------------------
@pytest.mark.parametrize("text, actor, target", [
    ("Washington blacklisted 12 Chinese companies on Tuesday, citing their ties to the military.", USA, CHN),
    ("Beijing slapped sanctions on Lockheed Martin on Tuesday over arms sales to Taiwan.", CHN, "org/lockheed-martin"),
    ("Tokyo expressed serious concern on Tuesday over China's incursions near the islands.", JPN, CHN),
    ("Beijing on Tuesday accused Washington of bullying smaller countries.", CHN, USA),
])
def test_a_capital_opening_the_article_as_its_subject_is_its_government(text, actor, target):
    ev = of_kind(extract(text), "Sanction") + of_kind(extract(text), "Accusation")
    assert len(ev) == 1 and (ev[0].actor, ev[0].target) == ((actor,), (target,)), [e.label for e in ev]


@pytest.mark.parametrize("opening", ["BEIJING (Reuters) - ", "BEIJING — ", "Beijing — ", "Beijing, May 1 (Reuters) - ",
                                     "BEIJING, May 1 — "])
def test_a_dateline_stays_the_place_of_the_meeting(opening):
    ex = extract(opening + "Foreign Minister Wang Yi met Secretary of State Antony Blinken on Tuesday.")
    ev = one(ex, "Meeting")
    assert (ev.actor, ev.target, ev.place) == ((WANG_YI,), (BLINKEN,), "place/beijing")


# --- departments by their first word ------------------------------------------------------------
TREASURY, COMMERCE, STATE = "org/us-department-of-the-treasury", "org/us-department-of-commerce", "org/us-department-of-state"


@pytest.mark.parametrize("text, actor", [
    ("Treasury sanctioned three Chinese companies on Tuesday for supplying drone parts to Iran.", TREASURY),
    ("The Treasury said it had sanctioned two Chinese firms for selling drone engines to Russia.", TREASURY),
    ("Commerce on Tuesday added 12 Chinese firms to the Entity List.", COMMERCE),
    ("Commerce also imposed new export restrictions on Chinese chipmakers.", COMMERCE),
])
def test_a_department_named_by_its_first_word_acts(text, actor):
    ev = one(extract(text), "Sanction")
    assert ev.actor == (actor,) and CHN in ev.target


@pytest.mark.parametrize("text", [
    "Trade and commerce between the two countries fell sharply last year.",
    "Commerce between the two countries fell sharply last year.",
    "Treasury yields rose after the announcement in Beijing.",
    "State media said the talks with the Americans were constructive.",
    "The Secretary of State said the talks were useful.",
])
def test_the_common_word_or_a_modifier_names_no_department(text):
    keys = {m.entity for m in extract(text).mentions}
    assert not keys & {TREASURY, COMMERCE, STATE}


def test_state_as_the_subject_of_said_is_the_department():
    assert STATE in {m.entity for m in extract("State said on Tuesday that the sanctions would stay in place.").mentions}
