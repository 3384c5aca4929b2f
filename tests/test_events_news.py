"""Events in news prose and official texts beyond the basic forms, on sentences of our own:
datelines, meetings in nominal and passive form, several counterparts, calls referred to by
date, concern and criticism in reported speech, agreements phrased as outcomes, document-level
actions, and the happenings that did not happen (negation, hopes, plans not yet made).
Weekdays of the publication dates used: 2024-05-02 Thu, 2023-07-19 Wed.
"""
from __future__ import annotations

import datetime as dt

from test_events import BLINKEN, CHN, USA, WANG_YI, XI, BIDEN, day, extract, of_kind, one, parties

D = dt.date
WED = D(2023, 7, 19)
KERRY, LI_QIANG, SULLIVAN = "person/john-kerry", "person/li-qiang", "person/jake-sullivan"


# --- meetings ------------------------------------------------------------------------------
def test_dateline_is_the_place_of_a_recent_meeting_that_names_none():
    text = "BEIJING — Climate envoy John Kerry met Premier Li Qiang on Tuesday."
    ev = one(extract(text, WED), "Meeting")
    assert (ev.actor, ev.target, ev.place) == ((KERRY,), (LI_QIANG,), "place/beijing")
    assert day(ev)[:2] == (D(2023, 7, 18), D(2023, 7, 18))


def test_dateline_is_not_the_place_of_a_meeting_long_ago():
    text = "BEIJING — Climate envoy John Kerry met Premier Li Qiang in March 2019 in what he called a useful talk."
    ev = one(extract(text, WED), "Meeting")
    assert ev.place is None


def test_one_person_meeting_two_counterparts_is_two_meetings():
    ex = extract("On Tuesday, John Kerry met Premier Li Qiang and Foreign Minister Wang Yi.", WED)
    meetings = of_kind(ex, "Meeting")
    assert sorted(ev.target for ev in meetings) == [(LI_QIANG,), (WANG_YI,)]
    assert all(ev.actor == (KERRY,) for ev in meetings)


def test_a_delegation_meeting_another_stays_one_meeting():
    ex = extract("Secretary Blinken and Jake Sullivan met Foreign Minister Wang Yi and Yang Jiechi on Tuesday.")
    assert len(of_kind(ex, "Meeting")) == 1


def test_a_call_with_its_time_before_between():
    ev = one(extract("The trip followed a telephone call last Tuesday between President Joe Biden and President Xi Jinping."), "PhoneCall")
    assert parties(ev) == {BIDEN, XI}
    assert day(ev)[:2] == (D(2024, 4, 30), D(2024, 4, 30))


def test_a_time_after_the_object_dates_the_verb_not_the_noun_that_follows():
    ex = extract("BEIJING — Xi Jinping met Jake Sullivan on Thursday at the end of a three-day visit.", D(2024, 5, 3))
    meeting = one(ex, "Meeting")
    assert day(meeting)[:2] == (D(2024, 5, 2), D(2024, 5, 2))
    assert meeting.place == "place/beijing"


# --- concern and criticism in reported speech ----------------------------------------------
def test_concern_voiced_by_a_capital_about_anothers_conduct():
    ev = one(extract("Secretary Blinken said Washington had deep concerns about Beijing's conduct in Xinjiang."), "Accusation")
    assert ev.actor in ((BLINKEN,), (USA,)) and ev.target == (CHN,)


def test_opposition_to_a_partys_measures_names_that_party():
    ev = one(extract("Foreign Minister Wang Yi voiced strong opposition to new U.S. chip export restrictions."), "Accusation")
    assert (ev.actor, ev.target) == ((WANG_YI,), (USA,))


def test_the_speakers_own_side_is_not_the_target():
    ev = one(extract("Secretary Blinken raised concerns about what Washington called unlawful actions by Chinese vessels."),
             "Accusation")
    assert ev.target == (CHN,)


def test_a_demand_to_stop_criticises_the_party_told():
    ev = one(extract("Foreign Minister Wang Yi told Secretary Blinken that the United States must stop hyping a threat."),
             "Accusation")
    assert (ev.actor, ev.target) == ((WANG_YI,), (USA,))
    ev = one(extract("Foreign Minister Wang Yi urged Washington to stop arming the island."), "Accusation")
    assert (ev.actor, ev.target) == ((WANG_YI,), (USA,))


def test_an_appeal_that_asks_no_one_to_stop_is_no_criticism():
    assert not of_kind(extract("Secretary Blinken urged allies to stand together in Tokyo."), "Accusation")
    assert not of_kind(extract("Secretary Blinken said the United States must not give up on diplomacy."), "Accusation")


def test_a_capital_in_a_place_phrase_stays_a_place():
    ev = one(extract("Secretary Blinken met Foreign Minister Wang Yi in Beijing on Monday."), "Meeting")
    assert ev.place == "place/beijing" and parties(ev) == {BLINKEN, WANG_YI}


def test_a_place_after_in_the_is_no_actor():
    ev = one(extract("President Biden spoke in the Rose Garden, accusing Beijing of cheating."), "Accusation")
    assert (ev.actor, ev.target) == ((BIDEN,), (CHN,))
