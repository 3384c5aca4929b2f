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


# --- labels --------------------------------------------------------------------------------
def test_a_label_agrees_in_number_with_a_joint_subject():
    ex = extract("President Joe Biden and President Xi Jinping issued a statement on Monday.")
    assert one(ex, "Statement").label == "Joe Biden and Xi Jinping make a statement"


def test_what_was_agreed_about_is_not_a_party():
    ev = one(extract("President Joe Biden and President Xi Jinping agreed to task Secretary Blinken with "
                     "follow-up talks on arms control."), "Agreement")
    assert set(ev.actor) | set(ev.target) == {BIDEN, XI}
    assert ev.label.startswith("Joe Biden and Xi Jinping reach agreement") and "Blinken" not in ev.label


def test_an_agreement_with_a_party_names_it():
    ev = one(extract("The United States signed a trade deal with our Chinese partners on Monday."), "Agreement")
    assert ev.target == (CHN,) and ev.label.startswith("United States reaches agreement with China")


def test_no_label_says_someone():
    text = ("Two Chinese firms were sanctioned on Monday. The entities were added to the Entity List. "
            "A planned visit was called off. Officials accused Beijing of hacking. Beijing and Washington met in Geneva.")
    ex = extract(text)
    assert ex.events and all("someone" not in ev.label for ev in ex.events)


# --- agreements phrased as outcomes --------------------------------------------------------
def test_a_forum_committing_to_act_is_an_agreement_among_its_members():
    ev = one(extract("The G7 committed to remove forced labor from global supply chains."), "Agreement")
    assert ev.actor == ("org/g7",)


def test_one_government_committing_to_act_is_no_agreement():
    assert not of_kind(extract("The Commerce Department committed to review the rules."), "Agreement")


def test_the_two_sides_agreed_in_reported_speech_are_the_parties_met():
    ex = extract("Secretary Blinken met Foreign Minister Wang Yi on Monday. "
                 "Blinken said the two sides had agreed to restore passenger flights.")
    ev = one(ex, "Agreement")
    assert parties(ev) == {BLINKEN, WANG_YI}


def test_committed_to_by_a_joint_subject():
    ev = one(extract("Jake Sullivan and Foreign Minister Wang Yi committed to maintaining high-level diplomacy."),
             "Agreement")
    assert parties(ev) == {SULLIVAN, WANG_YI}


def test_a_joint_declaration_of_two_countries():
    ev = one(extract("The United States and China released a joint declaration on climate on Wednesday."), "Agreement")
    assert parties(ev) == {USA, CHN}
