"""Sanctions, cancellations of things other than meetings, and agreements phrased as outcomes,
on sentences of our own (none taken from the dev or held-out sets).
Weekday of the publication date used: 2025-03-12 Wed.
"""
from __future__ import annotations

import datetime as dt

from test_events import CHN, USA, day, ex_has_no, extract, of_kind, one

D = dt.date
WED = D(2025, 3, 12)
TRUMP = "person/donald-trump"


# --- cancellations of things other than meetings -------------------------------------------
def test_postponing_a_planned_launch_is_a_cancellation_by_the_subject():
    ev = one(extract("China postponed a planned test launch of its new rocket on Friday.", WED), "Cancellation")
    assert ev.actor == (CHN,)
    assert day(ev)[:2] == (D(2025, 3, 7), D(2025, 3, 7))
    assert "test launch" in ev.label


def test_suspending_broadcasts_is_a_cancellation():
    ex = extract("The Chinese broadcaster CCTV said it would suspend broadcasts of the league's games.", WED)
    ev = one(ex, "Cancellation")
    assert ev.actor == ("org/cn-cctv",)


def test_holding_off_on_raising_tariffs_suspends_a_measure_and_imposes_none():
    ex = extract("President Donald Trump said on Tuesday he will hold off on raising tariffs on Chinese goods.", WED)
    ev = one(ex, "Cancellation")
    assert (ev.actor, ev.target) == ((TRUMP,), (CHN,))
    assert ex_has_no(ex, "Sanction")


def test_delaying_tariffs_on_two_countries_names_both():
    ex = extract("President Donald Trump delayed tariffs on Japan and Canada for 30 days.", WED)
    ev = one(ex, "Cancellation")
    assert ev.target == ("country/JPN", "country/CAN")
    assert ex_has_no(ex, "Sanction")


def test_a_measure_imposed_earlier_stays_an_event_when_it_is_suspended():
    ex = extract("China suspended the 20 percent tariff on American pork that it imposed on January 6.", WED)
    assert len(of_kind(ex, "Cancellation")) == 1
    assert len(of_kind(ex, "Sanction")) == 1


def test_no_cancellation_without_an_object_or_for_a_means_or_a_choice():
    assert ex_has_no(extract("The launch was delayed by bad weather on Monday.", WED), "Cancellation")
    assert ex_has_no(extract("China said it may suspend or remove some of its countermeasures.", WED), "Cancellation")
    assert ex_has_no(extract("The United States will cut the rate by suspending ten points of the duty.", WED), "Cancellation")
    assert ex_has_no(extract("China suspended imports of American beef on Monday.", WED), "Cancellation")


def test_a_delay_of_a_pronoun_does_not_borrow_a_call_named_later():
    ex = extract("President Donald Trump delayed those on Monday, after phone calls with the leaders of Japan.", WED)
    assert ex_has_no(ex, "Cancellation")


def test_postponed_trip_is_still_a_cancelled_visit():
    ev = one(extract("Secretary of State Antony Blinken postponed his trip to Beijing.", WED), "Cancellation")
    assert ev.actor == ("person/antony-blinken",)
    assert "visit" in ev.label
