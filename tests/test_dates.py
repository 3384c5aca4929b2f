"""Time expressions resolved against an anchor (publication) date: graph.extract.dates.find_times.

Each row is one sentence of our own, the anchor it is read against, and the one time
expression expected in it: its surface text, the interval it stands for, its precision,
its basis ("explicit" when the text fixes the year, "relative" when the anchor does) and
whether it is approximate.  Weekdays of the anchors used below:
2021-11-18 Thu, 2022-11-20 Sun, 2024-01-02 Tue, 2024-01-03 Wed, 2024-06-19 Wed,
2024-06-20 Thu, 2024-06-22 Sat, 2024-06-23 Sun.
"""
from __future__ import annotations

import datetime as dt

import pytest

from graph.extract.dates import find_times

D = dt.date
WED, THU, SAT, SUN = D(2024, 6, 19), D(2024, 6, 20), D(2024, 6, 22), D(2024, 6, 23)


def only(text: str, anchor: dt.date | None, future: bool = False):
    """The single time mention found in the text."""
    found = find_times(text, anchor, future=future)
    assert len(found) == 1, [text[t.start:t.end] for t in found]
    return found[0]


def check(text, anchor, surface, start, end, precision, basis, approximate=False, future=False):
    t = only(text, anchor, future)
    assert text[t.start:t.end] == surface
    assert t.when.text == surface
    assert (t.when.start, t.when.end) == (start, end)
    assert t.when.precision == precision
    assert t.when.basis == basis
    assert t.when.approximate is approximate


# --- explicit dates ---------------------------------------------------------------
EXPLICIT = [
    ("The trade envoys met on June 14, 2023 in Washington.", D(2023, 6, 20),
     "June 14, 2023", D(2023, 6, 14), D(2023, 6, 14), "day", "explicit"),
    ("The ministers signed the memorandum on 14 June 2023.", D(2023, 6, 20),
     "14 June 2023", D(2023, 6, 14), D(2023, 6, 14), "day", "explicit"),
    ("The customs notice was dated 2023-06-14.", D(2023, 6, 20),
     "2023-06-14", D(2023, 6, 14), D(2023, 6, 14), "day", "explicit"),
    ("Vice ministers spoke by phone on Sept. 12, 2022.", D(2022, 9, 20),
     "Sept. 12, 2022", D(2022, 9, 12), D(2022, 9, 12), "day", "explicit"),
    ("The accord on fentanyl was signed on February 29, 2024.", D(2024, 6, 1),
     "February 29, 2024", D(2024, 2, 29), D(2024, 2, 29), "day", "explicit"),
    # ranges
    ("Trade negotiators held talks May 10-11 in Zurich.", D(2024, 5, 20),
     "May 10-11", D(2024, 5, 10), D(2024, 5, 11), "day", "relative"),
    ("Trade negotiators held talks May 10–11 in Zurich.", D(2024, 5, 20),
     "May 10–11", D(2024, 5, 10), D(2024, 5, 11), "day", "relative"),
    ("The delegations met in London on June 9 and 10, 2025 to review the truce.", D(2025, 7, 1),
     "June 9 and 10, 2025", D(2025, 6, 9), D(2025, 6, 10), "day", "explicit"),
    ("The delegations met in London on June 9 and 10 to review the truce.", D(2025, 7, 1),
     "June 9 and 10", D(2025, 6, 9), D(2025, 6, 10), "day", "relative"),
    # day first, and ranges across two months
    ("Customs experts met in Brussels on 14-15 March to compare notes.", D(2024, 3, 20),
     "14-15 March", D(2024, 3, 14), D(2024, 3, 15), "day", "relative"),
    ("Customs experts met in Brussels on 14–15 March 2023 to compare notes.", D(2024, 3, 20),
     "14–15 March 2023", D(2023, 3, 14), D(2023, 3, 15), "day", "explicit"),
    ("The envoy toured Fujian from 30 September to 2 October.", D(2024, 10, 10),
     "30 September to 2 October", D(2024, 9, 30), D(2024, 10, 2), "day", "relative"),
    ("The trade secretary will be in Tianjin from March 4 through March 6.", D(2024, 2, 20),
     "March 4 through March 6", D(2024, 3, 4), D(2024, 3, 6), "day", "relative"),
    ("Working groups sat from Dec. 30 to Jan. 2, 2025 in Macau.", D(2025, 1, 10),
     "Dec. 30 to Jan. 2, 2025", D(2024, 12, 30), D(2025, 1, 2), "day", "explicit"),
    # month and day without a year take the year nearest the anchor
    ("The two defense chiefs last spoke on June 14.", D(2024, 1, 5),
     "June 14", D(2023, 6, 14), D(2023, 6, 14), "day", "relative"),
    ("Trade officials will convene on December 3.", D(2024, 11, 28),
     "December 3", D(2024, 12, 3), D(2024, 12, 3), "day", "relative"),
    ("The envoys talked on December 30 about port fees.", D(2025, 1, 4),
     "December 30", D(2024, 12, 30), D(2024, 12, 30), "day", "relative"),
    ("Beijing announced the export ban on Jan. 5.", D(2025, 1, 8),
     "Jan. 5", D(2025, 1, 5), D(2025, 1, 5), "day", "relative"),
    # leap day without a year: the nearest year that has one
    ("The two sides exchanged letters on 29 February.", D(2024, 3, 10),
     "29 February", D(2024, 2, 29), D(2024, 2, 29), "day", "relative"),
    ("A chip export rule announced on February 29 took effect in spring.", D(2025, 3, 10),
     "February 29", D(2024, 2, 29), D(2024, 2, 29), "day", "relative"),
]

# The weekday given with a date decides its year.
WEEKDAY_DECIDES = [
    ("The leaders held a video call on Monday, November 15.", D(2021, 11, 18),
     "Monday, November 15", D(2021, 11, 15), D(2021, 11, 15), "day", "relative"),
    # Nov 15 2022 was a Tuesday, so "Monday, November 15" read in Nov 2022 is 2021's
    ("The leaders held a video call on Monday, November 15.", D(2022, 11, 20),
     "Monday, November 15", D(2021, 11, 15), D(2021, 11, 15), "day", "relative"),
    ("The leaders met in Bali on Tuesday, November 15.", D(2022, 11, 20),
     "Tuesday, November 15", D(2022, 11, 15), D(2022, 11, 15), "day", "relative"),
    # months ahead, but the weekday only fits the coming November
    ("A summit is planned for Monday, November 15.", D(2021, 6, 1),
     "Monday, November 15", D(2021, 11, 15), D(2021, 11, 15), "day", "relative"),
]

MONTHS = [
    ("The new tariffs took effect in March 2024.", D(2024, 6, 1),
     "March 2024", D(2024, 3, 1), D(2024, 3, 31), "month", "explicit"),
    ("Port inspections rose in early March 2024.", D(2024, 6, 20),
     "early March 2024", D(2024, 3, 1), D(2024, 3, 31), "month", "explicit"),
    # bare months: the nearest past month ...
    ("The climate envoy visited Guangzhou in February.", D(2024, 6, 1),
     "in February", D(2024, 2, 1), D(2024, 2, 29), "month", "relative"),
    ("The envoy visited Shanghai in December.", D(2024, 1, 10),
     "in December", D(2023, 12, 1), D(2023, 12, 31), "month", "relative"),
    ("The delegation traveled to Tianjin in November.", D(2024, 6, 20),
     "in November", D(2023, 11, 1), D(2023, 11, 30), "month", "relative"),
    # ... unless the month ahead is much nearer
    ("The delegation travels to Tianjin in July.", D(2024, 6, 20),
     "in July", D(2024, 7, 1), D(2024, 7, 31), "month", "relative"),
    ("Talks are expected to resume in February.", D(2024, 1, 20),
     "in February", D(2024, 2, 1), D(2024, 2, 29), "month", "relative"),
    ("The defense chiefs met in May.", D(2024, 6, 20),
     "in May", D(2024, 5, 1), D(2024, 5, 31), "month", "relative"),
    ("The envoys also met in Malta in September of 2023.", D(2024, 8, 23),
     "September of 2023", D(2023, 9, 1), D(2023, 9, 30), "month", "explicit"),
    # a capitalised opening word is the same word
    ("In November, the bureau said hackers had stolen call records.", D(2025, 1, 17),
     "In November", D(2024, 11, 1), D(2024, 11, 30), "month", "relative"),
    ("Last November, the two leaders met in Lima.", D(2025, 1, 17),
     "Last November", D(2024, 11, 1), D(2024, 11, 30), "month", "relative"),
    ("Mid-October talks ended without a statement.", D(2024, 11, 20),
     "Mid-October", D(2024, 10, 1), D(2024, 10, 31), "month", "relative"),
    # "in mid-October": the month
    ("The envoys last met in mid-October.", D(2024, 11, 20),
     "mid-October", D(2024, 10, 1), D(2024, 10, 31), "month", "relative"),
    # a month or a day in the year a phrase names
    ("The minister visited Washington in October of last year.", D(2024, 6, 20),
     "October of last year", D(2023, 10, 1), D(2023, 10, 31), "month", "relative"),
    ("Their last meeting was in January this year, in Bangkok.", D(2024, 6, 20),
     "January this year", D(2024, 1, 1), D(2024, 1, 31), "month", "relative"),
    ("Customs talks were held on 3 May last year in Tianjin.", D(2024, 6, 20),
     "3 May last year", D(2023, 5, 3), D(2023, 5, 3), "day", "relative"),
    ("The envoys met on February 12th, 13th of this year in Manila.", D(2024, 6, 20),
     "February 12th, 13th of this year", D(2024, 2, 12), D(2024, 2, 13), "day", "relative"),
    ("The port was reopened on the 3rd of October.", D(2024, 11, 20),
     "the 3rd of October", D(2024, 10, 3), D(2024, 10, 3), "day", "relative"),
    # "last June", "next March"
    ("The consulate reopened last June.", D(2024, 6, 20),
     "last June", D(2023, 6, 1), D(2023, 6, 30), "month", "relative"),
    ("The consulate reopens next March.", D(2024, 6, 20),
     "next March", D(2025, 3, 1), D(2025, 3, 31), "month", "relative"),
]

RELATIVE = [
    ("The working group met last month.", THU, "last month", D(2024, 5, 1), D(2024, 5, 31), "month", "relative"),
    ("The working group meets this month.", THU, "this month", D(2024, 6, 1), D(2024, 6, 30), "month", "relative"),
    ("The working group meets next month.", THU, "next month", D(2024, 7, 1), D(2024, 7, 31), "month", "relative"),
    ("The working group met last week.", THU, "last week", D(2024, 6, 10), D(2024, 6, 16), "week", "relative"),
    ("The working group meets this week.", THU, "this week", D(2024, 6, 17), D(2024, 6, 23), "week", "relative"),
    ("The working group meets next week.", THU, "next week", D(2024, 6, 24), D(2024, 6, 30), "week", "relative"),
    ("Soybean exports fell last year.", THU, "last year", D(2023, 1, 1), D(2023, 12, 31), "year", "relative"),
    ("Soybean exports may rise this year.", THU, "this year", D(2024, 1, 1), D(2024, 12, 31), "year", "relative"),
    ("Soybean exports should rise next year.", THU, "next year", D(2025, 1, 1), D(2025, 12, 31), "year", "relative"),
    # month and year boundaries
    ("The two sides resumed military talks last month.", D(2024, 1, 3),
     "last month", D(2023, 12, 1), D(2023, 12, 31), "month", "relative"),
    ("The two sides resumed military talks last week.", D(2024, 1, 2),
     "last week", D(2023, 12, 25), D(2023, 12, 31), "week", "relative"),
    ("The two sides resume military talks next month.", D(2024, 12, 10),
     "next month", D(2025, 1, 1), D(2025, 1, 31), "month", "relative"),
    # weekends
    ("The envoy will fly to Beijing this weekend.", WED, "this weekend", D(2024, 6, 22), D(2024, 6, 23), "weekend", "relative"),
    ("The envoy flies to Beijing this weekend.", SAT, "this weekend", D(2024, 6, 22), D(2024, 6, 23), "weekend", "relative"),
    pytest.param("The envoy is in Beijing this weekend.", SUN, "this weekend", D(2024, 6, 22), D(2024, 6, 23),
                 "weekend", "relative"),
    ("The envoy flew to Beijing last weekend.", WED, "last weekend", D(2024, 6, 15), D(2024, 6, 16), "weekend", "relative"),
    pytest.param("The envoy flew to Beijing last weekend.", SUN, "last weekend", D(2024, 6, 15), D(2024, 6, 16),
                 "weekend", "relative"),
    # "over the weekend" read on a weekday with a past verb: the weekend just gone
    ("The two trade envoys reached a deal over the weekend in Oslo.", D(2024, 6, 24), "over the weekend",
     D(2024, 6, 22), D(2024, 6, 23), "weekend", "relative"),
    ("Officials held talks over the weekend.", THU, "over the weekend", D(2024, 6, 15), D(2024, 6, 16),
     "weekend", "relative"),
    ("The minister will travel to Hanoi over the weekend.", D(2024, 6, 24), "over the weekend",
     D(2024, 6, 29), D(2024, 6, 30), "weekend", "relative"),
    ("Negotiators gathered in a hotel over the past weekend.", D(2024, 6, 25), "past weekend",
     D(2024, 6, 22), D(2024, 6, 23), "weekend", "relative"),
    ("The envoy flies to Beijing next weekend.", WED, "next weekend", D(2024, 6, 29), D(2024, 6, 30), "weekend", "relative"),
    # weekdays
    ("The delegation arrived in Beijing on Monday.", THU, "on Monday", D(2024, 6, 17), D(2024, 6, 17), "day", "relative"),
    ("The delegation arrived on Monday.", D(2024, 6, 17), "on Monday", D(2024, 6, 17), D(2024, 6, 17), "day", "relative"),
    ("The ambassador was summoned last Friday.", THU, "last Friday", D(2024, 6, 14), D(2024, 6, 14), "day", "relative"),
    ("The ambassador was summoned last Friday.", D(2024, 6, 21), "last Friday", D(2024, 6, 14), D(2024, 6, 14), "day", "relative"),
    ("The ambassador will be received next Tuesday.", THU, "next Tuesday", D(2024, 6, 25), D(2024, 6, 25), "day", "relative"),
    ("The ambassador will be received this Friday.", THU, "this Friday", D(2024, 6, 21), D(2024, 6, 21), "day", "relative"),
    ("The ministers spoke this past Sunday.", THU, "this past Sunday", D(2024, 6, 16), D(2024, 6, 16), "day", "relative"),
    # day words
    ("The foreign ministry responded today.", THU, "today", THU, THU, "day", "relative"),
    ("The foreign ministry responded yesterday.", THU, "yesterday", D(2024, 6, 19), D(2024, 6, 19), "day", "relative"),
    ("The foreign ministry will respond tomorrow.", THU, "tomorrow", D(2024, 6, 21), D(2024, 6, 21), "day", "relative"),
    ("The foreign ministry responded yesterday.", D(2024, 1, 1), "yesterday", D(2023, 12, 31), D(2023, 12, 31), "day", "relative"),
    # since the start of the year: up to the anchor
    ("Rare earth exports have fallen since the beginning of the year.", THU,
     "since the beginning of the year", D(2024, 1, 1), THU, "day", "relative"),
    ("Rare earth exports have fallen since the start of this year.", THU,
     "since the start of this year", D(2024, 1, 1), THU, "day", "relative"),
    # "... ago"
    ("The last cabinet-level visit was nearly five years ago.", D(2023, 6, 14),
     "nearly five years ago", D(2018, 1, 1), D(2018, 12, 31), "year", "relative", True),
    ("The hotline was set up about a year ago.", THU,
     "about a year ago", D(2023, 1, 1), D(2023, 12, 31), "year", "relative", True),
    # a year ago counted exactly: the same day then, give or take a day
    ("One year ago, the two leaders met in Lima.", THU,
     "One year ago", D(2023, 6, 19), D(2023, 6, 21), "day", "relative", True),
    ("The hotline was set up two years ago.", D(2024, 2, 29),
     "two years ago", D(2022, 2, 27), D(2022, 3, 1), "day", "relative", True),
    # the last few days up to the anchor
    ("Negotiators worked late over these two days in Geneva.", THU,
     "these two days", D(2024, 6, 19), THU, "day", "relative"),
    ("The talks of the past three days were frank.", THU,
     "the past three days", D(2024, 6, 18), THU, "day", "relative"),
    ("The envoy visited Taipei three weeks ago.", THU,
     "three weeks ago", D(2024, 5, 27), D(2024, 6, 2), "week", "relative", False),
    ("The envoy visited Taipei a few weeks ago.", THU,
     "a few weeks ago", D(2024, 5, 27), D(2024, 6, 2), "week", "relative", True),
    ("The envoy visited Taipei two months ago.", THU,
     "two months ago", D(2024, 4, 1), D(2024, 4, 30), "month", "relative", False),
    ("The envoy visited Taipei three days ago.", THU,
     "three days ago", D(2024, 6, 17), D(2024, 6, 17), "day", "relative", False),
    # a year alone
    ("The first round of tariffs took effect in 2019.", THU,
     "in 2019", D(2019, 1, 1), D(2019, 12, 31), "year", "explicit"),
]


def row(r):
    """A table row with ``approximate`` filled in (False) where it is left out."""
    if hasattr(r, "marks"):
        return pytest.param(*(tuple(r.values) + (False,) * (8 - len(r.values))), marks=r.marks, id=r.id)
    return r + (False,) * (8 - len(r))


ROWS = [row(r) for r in EXPLICIT + WEEKDAY_DECIDES + MONTHS + RELATIVE]


@pytest.mark.parametrize("text, anchor, surface, start, end, precision, basis, approximate", ROWS)
def test_resolves(text, anchor, surface, start, end, precision, basis, approximate):
    check(text, anchor, surface, start, end, precision, basis, approximate)


# A past-tense verb of the time's clause puts a date without a year in the past, however near
# the coming one is; a plan ("scheduled for", "would be held") does not. Anchor: 2024-11-21.
@pytest.mark.parametrize("text, surface, start, end", [
    ("The two envoys met in Manila on Jan. 26-27 to discuss the shoal.", "Jan. 26-27", D(2024, 1, 26), D(2024, 1, 27)),
    ("Customs officers seized the cargo on Dec. 2, the ministry said.", "Dec. 2", D(2023, 12, 2), D(2023, 12, 2)),
    ("The trade delegation visited Tianjin in December.", "in December", D(2023, 12, 1), D(2023, 12, 31)),
    ("Talks held on Jan. 5 ended without a statement.", "Jan. 5", D(2024, 1, 5), D(2024, 1, 5)),
    ("A meeting of the working group is scheduled for Jan. 26.", "Jan. 26", D(2025, 1, 26), D(2025, 1, 26)),
    ("Officials said the talks would be held on Jan. 26.", "Jan. 26", D(2025, 1, 26), D(2025, 1, 26)),
    ("The second round was planned for Jan. 26 in Geneva.", "Jan. 26", D(2025, 1, 26), D(2025, 1, 26)),
    ("The trade delegation travels to Tianjin in December.", "in December", D(2024, 12, 1), D(2024, 12, 31)),
])
def test_the_tense_of_the_clause_decides_the_year(text, surface, start, end):
    t = only(text, D(2024, 11, 21))
    assert (text[t.start:t.end], t.when.start, t.when.end) == (surface, start, end)


# --- what is not a time ---------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Chinese officials said they would respond to the new export rules.",
    "Officials may visit the port to inspect the cargo.",
    "May officials from both sides meet again?",
    "The ministry urged Washington to stop interfering in its internal affairs.",
    "Beijing rejected the 2019 trade truce framework as outdated.",   # a year used as a modifier
])
def test_no_time_gives_nothing(text):
    assert find_times(text, THU) == []


def test_modal_may_is_not_a_month_but_may_the_month_is():
    text = "Washington may impose new tariffs, as it did in May."
    found = find_times(text, THU)
    assert [text[t.start:t.end] for t in found] == ["in May"]
    assert (found[0].when.start, found[0].when.end) == (D(2024, 5, 1), D(2024, 5, 31))


@pytest.mark.parametrize("text", [
    "The agreement was signed on February 29, 2023.",  # 2023 has no leap day
    "The delegation arrived on June 31.",
])
def test_impossible_dates_give_nothing(text):
    assert find_times(text, THU) == []


# --- anchors -------------------------------------------------------------------------
def test_without_anchor_explicit_dates_still_resolve():
    t = only("The envoys met on June 14, 2023.", None)
    assert (t.when.start, t.when.basis) == (D(2023, 6, 14), "explicit")


@pytest.mark.parametrize("text", [
    "The working group met last month.",
    "The envoy arrived on Monday.",
    "The envoy arrived yesterday.",
    "The envoy visited Taipei three weeks ago.",
    "The envoy visited Shanghai in December.",
])
def test_without_anchor_relative_expressions_give_nothing(text):
    assert find_times(text, None) == []


def test_future_flag_reads_a_bare_weekday_forward():
    text = "The envoy arrives on Saturday."
    assert only(text, THU).when.start == D(2024, 6, 15)
    assert only(text, THU, future=True).when.start == D(2024, 6, 22)


# --- several in one text ------------------------------------------------------------------
def test_two_years_in_one_sentence_are_two_mentions_in_order():
    text = "The envoy visited Beijing in 2019 and again in 2023."
    found = find_times(text, THU)
    assert [text[t.start:t.end] for t in found] == ["in 2019", "in 2023"]
    assert [t.when.start.year for t in found] == [2019, 2023]


def test_longest_expression_wins_over_its_parts():
    text = "The accord was signed on Tuesday, November 15, 2022 in Bali."
    found = find_times(text, THU)
    assert [text[t.start:t.end] for t in found] == ["Tuesday, November 15, 2022"]
    assert found[0].when.basis == "explicit"


def test_start_and_end_bound_the_search():
    text = "The envoys met last week. They will meet again next month."
    cut = text.index("They")
    found = find_times(text, THU, start=cut)
    assert [text[t.start:t.end] for t in found] == ["next month"]


# --- news prose ------------------------------------------------------------------------
NOV16 = D(2021, 11, 16)  # a Tuesday

NEWS = [
    # a month named without a year is the one just past, unless the sentence speaks of the future
    ("The two presidents last spoke by phone in February.", NOV16,
     "in February", D(2021, 2, 1), D(2021, 2, 28), "month", "relative"),
    ("Officials said the leaders will meet in person in February.", NOV16,
     "in February", D(2022, 2, 1), D(2022, 2, 28), "month", "relative"),
    ("The upcoming forum in December may bring the envoys together.", D(2023, 6, 19),
     "in December", D(2023, 12, 1), D(2023, 12, 31), "month", "relative"),
    ("A state visit is expected to take place in March.", NOV16,
     "in March", D(2022, 3, 1), D(2022, 3, 31), "month", "relative"),
    # weekdays: the most recent such day, unless the verb is future
    ("The envoy flew home early on Monday.", NOV16, "on Monday", D(2021, 11, 15), D(2021, 11, 15), "day", "relative"),
    ("Trade officials will meet again on Friday.", NOV16, "on Friday", D(2021, 11, 19), D(2021, 11, 19), "day", "relative"),
    ("The ministry summoned the ambassador last Friday.", NOV16, "last Friday", D(2021, 11, 12), D(2021, 11, 12), "day",
     "relative"),
    # "earlier in the week" is the publication's week, as "earlier this week"
    ("The embassy had warned its citizens earlier in the week.", NOV16,
     "earlier in the week", D(2021, 11, 15), D(2021, 11, 21), "week", "relative"),
    ("Regulators opened an inquiry in October 2018.", NOV16,
     "October 2018", D(2018, 10, 1), D(2018, 10, 31), "month", "explicit"),
    ("Chip exports to China slowed in late 2020.", NOV16,
     "in late 2020", D(2020, 1, 1), D(2020, 12, 31), "year", "explicit"),
    ("Talks on the hotline stalled by mid-2019.", NOV16,
     "by mid-2019", D(2019, 1, 1), D(2019, 12, 31), "year", "explicit"),
]


@pytest.mark.parametrize("text, anchor, surface, start, end, precision, basis", NEWS)
def test_news_prose(text, anchor, surface, start, end, precision, basis):
    check(text, anchor, surface, start, end, precision, basis)


@pytest.mark.parametrize("text, surface, day", [
    ("Customs officials seized the shipment on Tuesday. A day later, the ministry protested.", "A day later", 17),
    ("The talks opened on Nov. 12. Two days later the envoys signed a memorandum.", "Two days later", 14),
    ("The ministry announced the rule on Nov. 12 and the embassy answered the same day.", "the same day", 12),
    ("The envoys met on Nov. 12. The next day they toured a port.", "The next day", 13),
    ("The envoys met on Nov. 12. The day before, their aides had drafted a text.", "The day before", 11),
    ("The leaders met on Monday after talks earlier in the day between their ministers.", "earlier in the day", 15),
    ("Beijing released the detainees on Nov. 12. A day before the release, Washington eased its advisory.",
     "A day before", 11),
])
def test_days_counted_from_the_last_day_named(text, surface, day):
    found = find_times(text, NOV16)
    t = next(t for t in found if text[t.start:t.end] == surface)
    assert (t.when.start, t.when.end, t.when.precision) == (D(2021, 11, day), D(2021, 11, day), "day")


def test_day_counted_from_nothing_gives_nothing():
    assert find_times("A day later, the ministry protested.", NOV16) == []


@pytest.mark.parametrize("text", [
    "Duties were raised under Section 301 of the Trade Act of 1974.",
    "The probe relied on the Trade Expansion Act of 1962.",
    "The provision is in the National Defense Authorization Act for Fiscal Year 2024.",
    "The Uyghur Human Rights Policy Act of 2020 requires a report.",
])
def test_a_law_s_name_is_no_date(text):
    assert find_times(text, NOV16) == []


def test_an_executive_order_s_date_is_its_signing():
    text = "Duties set in Executive Order 14257 of April 2, 2025, stay in force."
    assert [(t.when.start, t.when.end) for t in find_times(text, D(2025, 8, 11))] == [(D(2025, 4, 2), D(2025, 4, 2))]


@pytest.mark.parametrize("text, surface, start, end", [
    ("The envoys spent Tuesday and Wednesday in talks.", "Tuesday and Wednesday", D(2021, 11, 9), D(2021, 11, 10)),
    ("Negotiators met on Monday and Tuesday in Geneva.", "on Monday and Tuesday", D(2021, 11, 15), D(2021, 11, 16)),
    ("They will meet from Thursday to Saturday.", "from Thursday to Saturday", D(2021, 11, 18), D(2021, 11, 20)),
])
def test_two_weekdays_are_one_interval(text, surface, start, end):
    t = only(text, NOV16)
    assert (text[t.start:t.end], t.when.start, t.when.end) == (surface, start, end)


@pytest.mark.parametrize("text, anchor, surface, start, end", [
    ("Two days of talks between the envoys ended on Friday with no statement.", D(2021, 3, 20),
     "Two days", D(2021, 3, 18), D(2021, 3, 19)),
    ("The premier received him on Thursday at the end of a three-day visit.", D(2024, 8, 29),
     "three-day", D(2024, 8, 27), D(2024, 8, 29)),
    ("His three-day visit opened with a dinner at the embassy on Thursday.", D(2023, 10, 28),
     "three-day", D(2023, 10, 26), D(2023, 10, 28)),
    ("The envoy ended four days of talks in Beijing on Wednesday.", D(2023, 7, 19),
     "four days", D(2023, 7, 16), D(2023, 7, 19)),
])
def test_a_stretch_of_days_ended_or_begun_on_a_day(text, anchor, surface, start, end):
    t = next(t for t in find_times(text, anchor) if text[t.start:t.end] == surface)
    assert (t.when.start, t.when.end, t.when.precision) == (start, end, "day")


@pytest.mark.parametrize("text", [
    "A three-day visit is under discussion.",                                    # no day
    "The three-day forum opened on Monday and ended on Wednesday.",              # both: the days say it
])
def test_a_stretch_of_days_without_one_bounding_day_is_no_time(text):
    assert not [t for t in find_times(text, NOV16) if "day" in text[t.start:t.end] and "-day" in t.when.text]


# --- speed: a window is searched only with the rules whose keywords it holds ----------
MIXED = ("On Monday, March 3, 2025, the envoys met; two days later, on Wednesday and Thursday, they met again. "
         "Last month's talks, held from Jan. 4 to 6, followed the 2024-05-06 call. Earlier this week, and "
         "this morning, officials said a three-day visit would start next Friday. Three years ago, in 2019, "
         "and since the beginning of the year, since June, last June, this weekend, next week, 4 July 2023, "
         "in mid-2021, yesterday, tonight and later in the week, nothing changed. It may rain.")


def test_windows_give_the_same_times_as_every_rule_everywhere(monkeypatch):
    """The keyword gate of ``windows`` skips only searches that cannot match: with every rule
    tried in every window, the times found are the same."""
    from graph.extract import dates
    anchors = (None, D(2025, 3, 12), D(2024, 1, 2))
    gated = {a: find_times(MIXED, a) for a in anchors}
    assert len(gated[anchors[1]]) >= 15
    every = tuple(k for keys in dates.RULE_KEYS for k in keys)
    monkeypatch.setattr(dates, "RULE_KEYS", [every] * len(dates.RULES))
    assert {a: find_times(MIXED, a) for a in anchors} == gated


def test_a_window_with_only_a_year_is_not_searched_for_months():
    from graph.extract import dates
    [(_, _, rules)] = dates.windows("The treaty of 1979 holds.", 0, 25)
    assert {f.__name__ for _, f in rules} == {"iso_day", "year_only"}


def test_keywords_scan_finds_what_the_plain_case_blind_pattern_finds():
    """KEYWORDS opens with a keyword's first letter and steps back over it (group 1); it finds
    what r"\\b(?=\\w)(?:…)" with re.I finds, in every case and inside words."""
    import re
    from graph.extract import dates
    plain = re.compile(r"\b(?=\w)(?:" + dates.KEYWORD_WORDS + ")", re.I)
    text = (MIXED + " " + MIXED.upper() + " " + MIXED.lower() + " xMonday 2024x _May 12019 1999-2000 Yesterday"
            " TODAY, sTomorrow, the AGO ago; evenings; Decade; weekends; 2099.")
    fast = [(m.start(1), m.end(1)) for m in dates.KEYWORDS.finditer(text)]
    assert len(fast) > 40
    assert fast == [m.span() for m in plain.finditer(text)]
    assert [(m.start(1), m.end(1)) for m in dates.KEYWORDS.finditer(text, 30, 200)] == \
        [m.span() for m in plain.finditer(text, 30, 200)]
