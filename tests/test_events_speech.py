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
