"""Which time dates which event, read through the whole extractor on sentences of our own:
an event's date comes from the clause that reports it, not from a time that belongs to
another verb; an event its sentence does not date takes the time its sentence gave before
it, or the day the article's opening reports (news tells the rest of a story about that day).
Weekdays of the publication dates used: 2024-05-02 Thu, 2021-11-16 Tue.
"""
from __future__ import annotations

import datetime as dt

import pytest

from graph.extract import default_extractor
from graph.model import Article

THU, TUE = dt.date(2024, 5, 2), dt.date(2021, 11, 16)
D = dt.date


def events(text: str, published: dt.date = THU):
    return default_extractor().extract(Article("t", text, None, published)).events


def of(evs, family: str):
    found = [e for e in evs if family in (e.family, e.kind)]
    assert found, [(e.kind, e.label) for e in evs]
    return found


def span(ev):
    assert ev.when is not None, ev.label
    return ev.when.start, ev.when.end


def test_a_time_of_a_reduced_relative_clause_is_not_the_event_s():
    evs = events("The Treasury Department on Wednesday imposed sanctions on a Chinese cybersecurity company, "
                 "accusing China of a role in a breach of American networks disclosed last month.")
    for ev in of(evs, "Sanction") + of(evs, "Accusation"):
        assert span(ev) == (D(2024, 5, 1), D(2024, 5, 1)), ev.label


def test_a_time_of_a_relative_clause_on_another_noun_is_not_the_event_s():
    evs = events("BEIJING — China's Commerce Ministry announced new measures on Wednesday.\n\n"
                 "Deepening a trade dispute that began only a month ago, China imposed tariffs on American soybeans.")
    assert span(of(evs, "Sanction")[0]) == (D(2024, 5, 1), D(2024, 5, 1))


def test_a_relative_clause_on_the_trigger_noun_keeps_its_time():
    evs = events("Beijing condemned the sanctions that Washington imposed last month on Chinese shipping firms.")
    assert span(of(evs, "Sanction")[0]) == (D(2024, 4, 1), D(2024, 4, 30))


def test_a_finer_time_of_the_clause_wins_over_a_coarser_one_around_it():
    evs = events("Officials hope President Biden and President Xi will meet later this year, "
                 "perhaps in San Francisco in November.", D(2023, 6, 19))
    assert span(of(evs, "Meeting")[0]) == (D(2023, 11, 1), D(2023, 11, 30))


def test_a_when_clause_takes_the_time_its_sentence_gave_before_it():
    evs = events("The previous round of talks was last June, when Secretary Blinken met President Xi in Beijing.")
    assert span(of(evs, "Meeting")[0]) == (D(2023, 6, 1), D(2023, 6, 30))


def test_a_time_after_the_trigger_in_the_same_clause_dates_it():
    evs = events("Treasury Secretary Janet Yellen raised concerns about Chinese overcapacity "
                 "during a trip to Guangzhou in April.")
    assert span(of(evs, "Accusation")[0]) == (D(2024, 4, 1), D(2024, 4, 30))


def test_a_time_in_another_clause_after_the_trigger_does_not():
    evs = events("WASHINGTON — President Biden met Foreign Minister Wang Yi on Friday.\n\n"
                 "Secretary Blinken raised concerns about Chinese actions near the shoal, "
                 "where two ships collided last weekend.", D(2023, 10, 28))
    assert span(of(evs, "Accusation")[0]) == (D(2023, 10, 27), D(2023, 10, 27))


def test_an_undated_report_in_a_news_story_takes_the_day_of_its_lead():
    evs = events("BEIJING — Secretary of State Antony Blinken met Foreign Minister Wang Yi on Monday.\n\n"
                 "Commerce Secretary Gina Raimondo raised concerns about China's support for Russia's defense industry.",
                 TUE)
    assert span(of(evs, "Accusation")[0]) == (D(2021, 11, 15), D(2021, 11, 15))
    assert of(evs, "Accusation")[0].when.basis == "context"


def test_a_lead_weeks_before_publication_dates_nothing_else():
    evs = events("Secretary Blinken met Foreign Minister Wang Yi on Oct. 2.\n\n"
                 "Commerce Secretary Gina Raimondo raised concerns about China's support for Russia's defense industry.",
                 TUE)
    assert of(evs, "Accusation")[0].when is None


def test_a_plan_is_dated_by_a_lead_that_speaks_of_the_publication_day():
    evs = events("Today, President Biden directed new steps on connected vehicles. "
                 "The Department of Commerce will impose restrictions on Chinese connected-vehicle software.", THU)
    assert span(of(evs, "Sanction")[0]) == (THU, THU)


def test_a_plan_is_not_dated_by_a_past_lead():
    evs = events("BEIJING — Secretary Blinken met Foreign Minister Wang Yi on Monday.\n\n"
                 "Foreign Minister Wang Yi will visit Washington at a mutually convenient time.", TUE)
    assert of(evs, "Visit")[0].when is None


def test_an_undated_report_takes_the_last_day_its_paragraph_gave():
    evs = events("WASHINGTON — Secretary Blinken met Foreign Minister Wang Yi on Friday.\n\n"
                 "On Sunday in Beijing, Treasury Secretary Janet Yellen met Premier Li Qiang. "
                 "Treasury Secretary Janet Yellen also raised concerns about China's industrial overcapacity.",
                 D(2024, 4, 8))
    assert span(of(evs, "Accusation")[0]) == (D(2024, 4, 7), D(2024, 4, 7))


def test_what_was_said_in_talks_takes_the_latest_recent_talks_with_that_party():
    evs = events("Secretary Blinken met Foreign Minister Wang Yi on Monday in Beijing. "
                 "He spent Wednesday and Thursday in talks with Foreign Minister Wang Yi in Shanghai. "
                 "Foreign Minister Wang Yi accused Washington of interfering in China's internal affairs.",
                 D(2024, 4, 26))
    assert span(of(evs, "Accusation")[0]) == (D(2024, 4, 24), D(2024, 4, 25))


def test_background_talks_do_not_date_what_was_said_in_this_week_s_call():
    evs = events("President Biden spoke with President Xi on Tuesday. "
                 "The leaders last met at Woodside in November. "
                 "President Biden raised concerns about China's support for Russia's defense industrial base.",
                 D(2024, 4, 2))
    assert span(of(evs, "Accusation")[0]) == (D(2024, 4, 2), D(2024, 4, 2))


def test_a_time_in_a_background_phrase_dates_that_happening_not_the_agreement():
    evs = events("Commerce Secretary Gina Raimondo met Vice Premier He Lifeng in Beijing on Tuesday.\n\n"
                 "The two sides agreed to set up a working group on export controls, building on the "
                 "talks between President Biden and President Xi in Geneva in June 2021.", THU)
    agreement = of(evs, "Agreement")[0]
    assert span(agreement) == (D(2024, 4, 30), D(2024, 4, 30)), agreement.when


def test_a_time_after_following_dates_the_earlier_happening():
    evs = events("Secretary Blinken met Foreign Minister Wang Yi in Beijing on Monday.\n\n"
                 "The two sides agreed to resume military talks, following their meeting in Bali last year.",
                 D(2024, 5, 1))
    agreement = of(evs, "Agreement")[0]
    assert span(agreement) == (D(2024, 4, 29), D(2024, 4, 29)), agreement.when


def test_a_noun_trigger_past_a_comma_leaves_the_time_to_the_verb_before_it():
    evs = events("Commerce Secretary Gina Raimondo will travel to China from March 4 through March 6, "
                 "for meetings with senior Chinese officials.", D(2024, 2, 20))
    assert span(of(evs, "Visit")[0]) == (D(2024, 3, 4), D(2024, 3, 6))


def visits(evs):
    return [e for e in evs if e.kind == "Visit" or e.family == "Visit"]


def test_a_trip_spans_the_days_of_the_meetings_held_on_it():
    evs = events("SHANGHAI — Commerce Secretary Gina Raimondo's visit to China began in Shanghai on Sunday.\n\n"
                 "On Monday she met Vice Premier He Lifeng. On Tuesday, Raimondo met Premier Li Qiang in Beijing.",
                 D(2024, 5, 1))
    [visit] = visits(evs)
    assert span(visit) == (D(2024, 4, 28), D(2024, 4, 30))


def test_a_trip_implied_by_a_meeting_spans_the_other_meetings_with_the_hosts():
    evs = events("BEIJING — Secretary of State Antony Blinken met President Xi Jinping on Wednesday.\n\n"
                 "On Monday and Tuesday, Blinken held talks with Foreign Minister Wang Yi.", THU)
    [visit] = visits(evs)
    assert span(visit) == (D(2024, 4, 29), D(2024, 5, 1))


def test_a_meeting_back_home_with_another_country_does_not_stretch_the_trip():
    evs = events("BEIJING — Secretary of State Antony Blinken met President Xi Jinping on Monday.\n\n"
                 "On Wednesday, Blinken met British Foreign Secretary David Cameron in Washington.", THU)
    [visit] = visits(evs)
    assert span(visit) == (D(2024, 4, 29), D(2024, 4, 29))


def test_a_trip_told_as_background_is_not_stretched_by_this_week_s_meetings():
    evs = events("BEIJING — Secretary of State Antony Blinken met Foreign Minister Wang Yi on Wednesday. "
                 "His previous visit to Beijing was last June.", THU)
    background = [v for v in visits(evs) if v.when and v.when.precision == "month"]
    assert background and span(background[0]) == (D(2023, 6, 1), D(2023, 6, 30))


def test_a_time_before_a_coordinated_noun_trigger_stays_with_the_talks_it_completes():
    evs = events("BEIJING — Commerce Secretary Gina Raimondo held more than six hours of talks with Commerce "
                 "Minister Wang Wentao, opening with a long working lunch at the Ministry of Commerce on Monday, and two meetings with "
                 "Premier Li Qiang on Tuesday and Wednesday.", THU)
    by_target = {e.target: e for e in of(evs, "Meeting")}
    assert span(by_target[("person/wang-wentao",)]) == (D(2024, 4, 29), D(2024, 4, 29))
    assert span(by_target[("person/li-qiang",)]) == (D(2024, 4, 30), D(2024, 5, 1))
    assert span(visits(evs)[0]) == (D(2024, 4, 29), D(2024, 5, 1))


def test_a_time_after_since_starts_a_stretch_and_dates_no_report():
    evs = events("BEIJING — Secretary of State Antony Blinken met Foreign Minister Wang Yi on Monday.\n\n"
                 "During the first trip by a U.S. defense secretary to China since 2016, Secretary Lloyd Austin "
                 "agreed with Defense Minister Dong Jun to reopen a military hotline.", THU)
    assert span(of(evs, "Agreement")[0]) == (D(2024, 4, 29), D(2024, 4, 29))


def test_talks_are_not_split_into_legs_by_the_places_of_a_background_phrase():
    evs = events("Secretary of State Antony Blinken met Foreign Minister Wang Yi in Vienna on April 29. "
                 "The two sides had candid discussions, building on the engagements between President Biden "
                 "and President Xi in Lima, Peru in November 2024. "
                 "The two sides committed to keep this channel of communication open.", D(2025, 4, 30))
    assert span(of(evs, "Agreement")[0]) == (D(2025, 4, 29), D(2025, 4, 29))


from test_events import day as ev_day, extract as ev_extract, one as ev_one  # noqa: E402


def test_a_time_before_a_that_clause_dates_the_telling_not_a_trigger_with_a_time_of_its_own():
    text = "A spokesman told reporters on Wednesday that Beijing had summoned the U.S. ambassador the day before."
    ev = ev_one(ev_extract(text, dt.date(2024, 3, 14)), "Accusation")
    assert ev_day(ev)[:2] == (dt.date(2024, 3, 12), dt.date(2024, 3, 12))


def test_a_time_before_a_that_clause_still_dates_a_trigger_with_no_time_of_its_own():
    ev = ev_one(ev_extract("China said on Monday that it had summoned the U.S. ambassador.", dt.date(2024, 3, 14)), "Accusation")
    assert ev_day(ev)[:2] == (dt.date(2024, 3, 11), dt.date(2024, 3, 11))


@pytest.mark.parametrize("gap, day", [("a day after", 9), ("two days after", 8), ("hours after", 10), ("a day before", 11)])
def test_a_happening_a_day_after_or_before_a_dated_one_is_counted_from_its_day(gap, day):
    text = f"China summoned the U.S. ambassador on Sunday, {gap} Washington imposed sanctions on Chinese drone makers."
    ev = ev_one(ev_extract(text, dt.date(2024, 3, 14)), "Sanction")
    assert ev_day(ev)[:2] == (dt.date(2024, 3, day), dt.date(2024, 3, day))


def test_a_suspension_is_dated_by_its_announcement_not_the_day_the_measure_was_due():
    evs = events("On April 22, 2024, after the talks ended, the United States announced that it would suspend "
                 "the duties on Canadian lumber that had been scheduled to take effect on May 15, 2024.")
    for ev in of(evs, "Cancellation"):
        assert span(ev) == (D(2024, 4, 22), D(2024, 4, 22)), ev.label


def test_a_measure_held_off_takes_the_day_the_story_reports():
    evs = events("WASHINGTON — The Commerce Department said on Tuesday that it had reached a deal with Mexico.\n\n"
                 "As part of the deal, the United States will hold off on raising tariffs on Mexican steel, "
                 "an increase that had been scheduled for Friday.")
    for ev in of(evs, "Cancellation"):
        assert span(ev) == (D(2024, 4, 30), D(2024, 4, 30)), ev.label


def test_a_sanction_effective_today_is_dated_by_that_day_not_an_earlier_sentence_s():
    evs = events("On April 25, the Canadian side announced sanctions on Chinese officials over Tibet. In response, "
                 "China has decided to impose sanctions on the Canadian ambassador and two senators, effective today.")
    china = [e for e in of(evs, "Sanction") if span(e)[0] != D(2024, 4, 25)]
    assert [span(e) for e in china] == [(THU, THU)]


def test_a_sanction_effective_on_a_named_day_is_dated_by_it():
    evs = events("In response, China has decided to impose sanctions on the Canadian ambassador, effective May 10.")
    assert [span(e) for e in of(evs, "Sanction")] == [(D(2024, 5, 10), D(2024, 5, 10))]


def test_the_when_clause_after_since_is_dated_by_the_time_that_opened_the_stretch():
    evs = events("The two countries have been at odds over steel since last September, when Washington imposed "
                 "tariffs on Canadian steel and Ottawa retaliated with duties on American whiskey.")
    spans = {span(e) for e in of(evs, "Sanction")}
    assert spans == {(D(2023, 9, 1), D(2023, 9, 30))}
    evs = events("Relations have been frosty since 2019, when Beijing imposed sanctions on two Canadian senators.")
    assert [span(e) for e in of(evs, "Sanction")] == [(D(2019, 1, 1), D(2019, 12, 31))]


def test_a_visit_of_n_days_from_the_day_it_starts_spans_them():
    evs = events("U.S. Secretary of State Antony Blinken is due to arrive in Ottawa on Sunday for a three-day visit, "
                 "his first trip to Canada this year.")
    assert [span(e) for e in of(evs, "Visit")] == [(D(2024, 5, 5), D(2024, 5, 7))]
    evs = events("Secretary of State Antony Blinken arrived in Ottawa on Monday for a four-day state visit to Canada.")
    assert [span(e) for e in of(evs, "Visit")] == [(D(2024, 4, 29), D(2024, 5, 2))]


REFERRED = ("WASHINGTON — Today, the Commerce Department announced new rules on chip exports. The agency cited "
            "a complaint filed{when} in federal court. In that complaint, the Justice Department charged Huawei with "
            "stealing trade secrets from a U.S. company.")


def test_a_report_in_that_document_is_dated_by_the_time_given_to_the_document_before():
    evs = events(REFERRED.format(when=" in February"))
    assert [span(e) for e in of(evs, "Accusation")] == [(D(2024, 2, 1), D(2024, 2, 29))]


def test_a_document_referred_to_without_a_time_leaves_the_story_s_day():
    evs = events(REFERRED.format(when=""))
    assert [span(e) for e in of(evs, "Accusation")] == [(THU, THU)]


def test_a_measure_announced_on_the_following_day_is_dated_the_day_after_the_last_day_told():
    evs = events("Last Monday, Canada announced visa restrictions on Chinese officials over Tibet.\n\n"
                 "On the following day, we announced that China would impose visa restrictions on Canadian personnel.")
    china = [e for e in of(evs, "Sanction") if "China takes" in e.label]
    assert [span(e) for e in china] == [(D(2024, 4, 30), D(2024, 4, 30))]


def test_a_measure_a_country_will_impose_with_no_announcement_stays_undated():
    evs = events("Officials in Beijing say China will impose visa restrictions on Canadian personnel.")
    assert all(e.when is None for e in of(evs, "Sanction"))


ARRIVED = ("OTTAWA — Canada said on Friday it would expel two Chinese diplomats.\n\n"
           "Secretary of State Antony Blinken landed in Ottawa late on Monday for talks with Prime Minister Justin Trudeau.\n\n"
           "{gap} after Blinken arrived, Vice Foreign Minister Ma Zhaoxu summoned Canadian Ambassador Jennifer May "
           "to lodge protests.")


@pytest.mark.parametrize("gap, day", [("Hours", D(2024, 4, 29)), ("A day", D(2024, 4, 30))])
def test_a_report_hours_after_someone_arrived_is_dated_by_the_arrival_told_elsewhere(gap, day):
    evs = events(ARRIVED.format(gap=gap), dt.date(2024, 5, 3))
    assert [span(e) for e in of(evs, "Accusation")] == [(day, day)]


SAME_DAY = ("OTTAWA — Canada said on Friday it would expel two Chinese diplomats.\n\n"
            "A Chinese businessman was detained on April 27 in Toronto, police said on Wednesday.\n\n"
            "The arrest took place on the same day that Prime Minister Justin Trudeau and Chinese Premier Li Qiang "
            "met over dinner in Lima. At that dinner they agreed to a pause in their trade dispute.")


def test_on_the_same_day_that_is_the_day_of_the_happening_it_compares_with_not_the_last_day_named():
    evs = events(SAME_DAY, dt.date(2024, 5, 3))
    for ev in of(evs, "Meeting") + of(evs, "Agreement"):
        assert span(ev) == (D(2024, 4, 27), D(2024, 4, 27)), ev.label
