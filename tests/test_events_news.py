"""Events in news prose and official texts beyond the basic forms, on sentences of our own:
datelines, meetings in nominal and passive form, several counterparts, calls referred to by
date, concern and criticism in reported speech, agreements phrased as outcomes, document-level
actions, and the happenings that did not happen (negation, hopes, plans not yet made).
Weekdays of the publication dates used: 2024-05-02 Thu, 2023-07-19 Wed.
"""
from __future__ import annotations

import pytest

import datetime as dt

from test_events import BLINKEN, CHN, USA, WANG_YI, XI, BIDEN, day, ex_has_no, extract, of_kind, one, parties

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


def test_the_two_sides_agreed_in_reported_speech_are_the_governments_of_the_parties_met():
    ex = extract("Secretary Blinken met Foreign Minister Wang Yi on Monday. "
                 "Blinken said the two sides had agreed to restore passenger flights.")
    ev = one(ex, "Agreement")
    assert parties(ev) == {USA, CHN}
    assert ev.label.startswith("United States and China reach agreement")


def test_the_two_leaders_are_the_leaders_met():
    ex = extract("President Joe Biden met President Xi Jinping on Monday. The two leaders agreed to resume military talks.")
    assert parties(one(ex, "Agreement")) == {BIDEN, XI}


def test_visits_by_two_people_to_one_place_are_one_trip():
    ex = extract("The talks came on the heels of visits by Secretary Blinken and Defense Secretary Lloyd Austin "
                 "to Tokyo and Seoul.")
    ev = one(ex, "Visit")
    assert set(ev.actor) == {BLINKEN, "person/lloyd-austin"}


def test_committed_to_by_a_joint_subject():
    ev = one(extract("Jake Sullivan and Foreign Minister Wang Yi committed to maintaining high-level diplomacy."),
             "Agreement")
    assert parties(ev) == {SULLIVAN, WANG_YI}


def test_a_joint_declaration_of_two_countries():
    ev = one(extract("The United States and China released a joint declaration on climate on Wednesday."), "Agreement")
    assert parties(ev) == {USA, CHN}


# --- happenings that did not happen --------------------------------------------------------
def test_a_summit_not_yet_scheduled_is_no_event():
    ex = extract("President Joe Biden and President Xi Jinping spoke by phone on Tuesday, though a further "
                 "leaders' summit has not been scheduled.")
    assert of_kind(ex, "PhoneCall") and not of_kind(ex, "Meeting")


def test_a_floated_or_declined_meeting_is_no_event():
    assert not of_kind(extract("Officials have floated a meeting between President Joe Biden and President Xi Jinping "
                               "in Rome."), "Meeting")
    assert not of_kind(extract("Defense Minister Li Shangfu declined a meeting with Secretary Lloyd Austin in Singapore."),
                       "Meeting")


def test_a_country_does_not_travel():
    ex = extract("Jake Sullivan is the first U.S. national security adviser to visit China since 2016.")
    assert all(ev.actor != (USA,) for ev in of_kind(ex, "Visit"))


def test_a_forum_meeting_that_only_frames_another_is_not_reported():
    ex = extract("The two sides agreed to work toward a summit on the sidelines of the APEC meetings.")
    assert not [ev for ev in of_kind(ex, "Meeting") if ev.actor == ("org/apec",)]


def test_a_forum_summit_reported_as_held_is_kept():
    ev = one(extract("At the recent G7 Summit in Cornwall, the leaders stood united against forced labor."), "Meeting")
    assert ev.actor == ("org/g7",)


def test_a_postponed_trip_is_a_cancellation_of_the_visit_read_before():
    ex = extract("Secretary Blinken visited Beijing on Sunday. The trip had originally been planned for February "
                 "but was postponed after a balloon drifted across the United States.", D(2023, 6, 19))
    ev = one(ex, "Cancellation")
    assert ev.actor == (BLINKEN,) and "visit" in ev.label


# --- meetings in other forms ---------------------------------------------------------------
def test_a_leader_receiving_a_visitor_meets_him():
    ev = one(extract("President Xi Jinping received Secretary of State Antony Blinken on Monday.", D(2023, 6, 19)),
             "Meeting")
    assert parties(ev) == {XI, BLINKEN}


def test_receiving_assurances_is_no_meeting():
    assert not of_kind(extract("Secretary Blinken said he had received assurances from China."), "Meeting")


def test_time_spent_with_a_counterpart_is_a_meeting():
    ev = one(extract("On Monday, Blinken spent about three hours with Foreign Minister Wang Yi.", D(2023, 6, 19)),
             "Meeting")
    assert parties(ev) == {BLINKEN, WANG_YI}


def test_talks_linked_to_the_counterpart_after_a_few_words():
    ev = one(extract("On Sunday, Secretary Blinken held five hours of talks and a working dinner with Foreign Minister "
                     "Wang Yi.", D(2023, 6, 19)), "Meeting")
    assert parties(ev) == {BLINKEN, WANG_YI}


def test_an_organization_before_a_title_is_no_party():
    ex = extract("In Shanghai, Secretary Blinken met the city's Communist Party secretary on Thursday.")
    assert all("org/communist-party" not in parties(ev) for ev in ex.events)


def test_a_country_level_report_of_a_meeting_merges_with_its_officials():
    ex = extract("ANCHORAGE, Alaska — Talks between American and Chinese officials ended on Friday. "
                 "Secretary Blinken and Jake Sullivan met Yang Jiechi in Anchorage on Friday.", D(2021, 3, 20))
    ev = one(ex, "Meeting")
    assert {BLINKEN, "person/yang-jiechi"} <= parties(ev)


def test_a_visit_to_a_city_and_to_its_country_is_one_visit():
    ex = extract("Secretary Blinken, on his second visit to China, arrived in Shanghai on Wednesday.", D(2024, 4, 26))
    assert len(of_kind(ex, "Visit")) == 1


def test_meetings_listed_with_their_places_and_times_are_one_each():
    ex = extract("This trip follows meetings between Jake Sullivan and Foreign Minister Wang Yi in Vienna in May 2023, "
                 "Malta in September 2023, and Bangkok in January 2024.", D(2024, 8, 23))
    places = sorted(ev.place for ev in of_kind(ex, "Meeting"))
    assert places == ["country/MLT", "place/bangkok", "place/vienna"]


def test_travel_to_the_country_named_with_its_article():
    ev = one(extract("Jake Sullivan will travel to the People's Republic of China next week."), "Visit")
    assert ev.place == CHN and ev.planned


def test_whose_visit_is_the_visit_of_the_one_before_whose():
    ev = one(extract("Treasury Secretary Janet Yellen, whose visit began in the southern city of Guangzhou on Thursday, "
                     "spoke to reporters.", D(2024, 4, 8)), "Visit")
    assert ev.actor == ("person/janet-yellen",) and ev.place == "place/guangzhou"


def test_a_meeting_in_the_next_sentence_is_held_where_the_last_one_was():
    ex = extract("On Sunday in Beijing, Treasury Secretary Janet Yellen met Premier Li Qiang. "
                 "She also met Foreign Minister Wang Yi.", D(2024, 4, 8))
    assert [ev.place for ev in of_kind(ex, "Meeting")] == ["place/beijing", "place/beijing"]


def test_the_object_of_a_preposition_is_not_the_subject():
    ex = extract("Secretary Blinken, on his second visit to China, met President Xi Jinping on Friday.", D(2024, 4, 26))
    assert parties(one(ex, "Meeting")) == {BLINKEN, XI}


def test_a_place_named_for_a_later_meeting_is_not_this_ones():
    ex = extract("WASHINGTON — President Joe Biden met Foreign Minister Wang Yi on Friday, and both governments "
                 "said they would work toward a meeting between Biden and President Xi Jinping in San Francisco "
                 "next month.", D(2023, 10, 28))
    held = [ev for ev in of_kind(ex, "Meeting") if WANG_YI in parties(ev)]
    assert len(held) == 1 and held[0].place == "place/washington"


# --- measures and calls in news prose ------------------------------------------------------
def test_measures_a_government_said_it_would_impose_are_announced_not_hypothetical():
    ev = one(extract("China said on Tuesday that it would impose tariffs of up to 15 percent on American farm products.",
                     D(2025, 3, 4)), "Sanction")
    assert (ev.actor, ev.target, ev.planned) == ((CHN,), (USA,), True)


def test_tariffs_of_an_amount_on_a_demonyms_goods():
    ev = one(extract("China responded the same day with tariffs of 15 percent on American coal.", D(2025, 3, 4)), "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))


def test_a_conditional_would_stays_hypothetical():
    assert not of_kind(extract("China would impose tariffs on American goods if talks failed."), "Sanction")


def test_calls_with_two_leaders_after_an_action_are_one_call_each_by_its_subject():
    ex = extract("President Donald Trump delayed the tariffs on Monday, after phone calls with Prime Minister Justin Trudeau "
                 "and President Claudia Sheinbaum.", D(2025, 2, 4))
    calls = of_kind(ex, "PhoneCall")
    assert len(calls) == 2 and all(ev.actor == ("person/donald-trump",) for ev in calls)


def test_calls_with_two_parties_and_no_caller_give_no_call_between_them():
    ex = extract("The hackers stole records of phone calls with Prime Minister Justin Trudeau and President Claudia Sheinbaum.")
    assert not of_kind(ex, "PhoneCall")


def test_talks_here_with_two_counterparts_are_two_meetings_at_the_dateline():
    ex = extract("TIANJIN, China — Deputy Secretary Wendy Sherman held talks in this port city with Vice Foreign Minister "
                 "Xie Feng in the morning and with Foreign Minister Wang Yi in the afternoon.", D(2021, 7, 26))
    meetings = of_kind(ex, "Meeting")
    assert sorted(ev.target for ev in meetings) == [("person/wang-yi",), ("person/xie-feng",)]
    assert all(ev.place == "place/tianjin" for ev in meetings)


def test_an_undated_meeting_in_the_lead_is_at_the_dateline():
    ex = extract("BEIJING — Secretary Blinken met Foreign Minister Wang Yi, the first such talks in months.\n\n"
                 "Secretary Blinken met President Xi Jinping in 2018.", D(2023, 6, 19))
    by_target = {ev.target: ev.place for ev in of_kind(ex, "Meeting")}
    assert by_target[(WANG_YI,)] == "place/beijing" and by_target[(XI,)] is None


def test_where_after_a_city_places_the_clause():
    ex = extract("BEIJING — His trip began on Wednesday in Shanghai, where on Thursday Secretary Blinken met "
                 "Foreign Minister Wang Yi.", D(2024, 4, 26))
    assert one(ex, "Meeting").place == "place/shanghai"


def test_two_counterparts_met_in_one_sentence_share_the_place_of_the_sentence_before():
    ex = extract("On Sunday in Beijing, Treasury Secretary Janet Yellen met Premier Li Qiang. "
                 "She also met Foreign Minister Wang Yi and Vice Premier He Lifeng.", D(2024, 4, 8))
    assert [ev.place for ev in of_kind(ex, "Meeting")] == ["place/beijing"] * 3


# --- who speaks ----------------------------------------------------------------------------
def test_said_and_accused_share_the_speaker():
    ev = one(extract("Foreign Minister Wang Yi said Taiwan was a red line and accused Washington of stirring up trouble."),
             "Accusation")
    assert (ev.actor, ev.target) == ((WANG_YI,), (USA,))


def test_he_is_the_subject_of_the_sentence_before():
    ex = extract("Secretary Blinken warned China on Friday. Foreign Minister Wang Yi told Blinken that relations "
                 "had stabilized. He accused the United States of suppressing development.")
    assert any(ev.actor == (WANG_YI,) and ev.target == (USA,) for ev in of_kind(ex, "Accusation"))


def test_measures_only_characterised_by_a_speaker_are_no_event():
    ex = extract("Foreign Minister Wang Yi firmly opposes what he called groundless smears and illegal unilateral sanctions.")
    assert not of_kind(ex, "Sanction")


def test_a_negation_inside_a_quotation_or_another_clause_is_not_the_triggers():
    ex = extract('President Xi Jinping told Secretary Blinken the countries should be "partners, not rivals," '
                 "even as Blinken warned that Beijing's help for Russia was fueling the war.")
    ev = one(ex, "Accusation")
    assert (ev.actor, ev.target) == ((BLINKEN,), (CHN,))


def test_a_delegation_with_officials_from_agencies_is_its_countrys_and_meets_where_the_sentence_says():
    ev = one(extract("Senior Director Tarun Chhabra led a U.S. delegation with officials from the White House, the "
                     "Department of State, and the Department of Commerce to meet with a PRC delegation including the "
                     "Ministry of Foreign Affairs on May 14 in Geneva, Switzerland, to discuss AI risk.", D(2024, 5, 15)),
             "Meeting")
    assert (ev.actor, ev.target, ev.place) == ((USA,), (CHN,), "place/geneva")


def test_a_meeting_outside_a_city():
    ev = one(extract("Jake Sullivan met on August 27-28 with Foreign Minister Wang Yi outside Beijing, China.",
                     D(2024, 8, 28)), "Meeting")
    assert ev.place == "place/beijing" and parties(ev) == {SULLIVAN, WANG_YI}


def test_the_pair_after_a_second_trigger_is_that_triggers():
    ex = extract("This meeting followed the Woodside summit between President Joe Biden and President Xi Jinping "
                 "in November 2023.", D(2024, 5, 15))
    ev = one(ex, "Meeting")
    assert ev.kind == "Summit" and parties(ev) == {BIDEN, XI}


# --- document-level happenings -------------------------------------------------------------
def titled(text: str, title: str, published=D(2024, 11, 16)):
    from graph.extract import default_extractor
    from graph.model import Article
    from test_events import check_evidence
    ex = default_extractor().extract(Article("t", text, title, published))
    check_evidence(ex)
    return ex


def test_a_readout_title_names_the_call_and_its_parties():
    ex = titled("The two leaders discussed trade and Taiwan. President Biden pressed President Xi Jinping on guardrails.",
                "Readout of President Joe Biden's Call with President Xi Jinping of the People's Republic of China")
    ev = one(ex, "PhoneCall")
    assert parties(ev) == {BIDEN, XI}  # the leaders, not also Xi's country
    assert ev.evidence.text == "President Biden pressed President Xi Jinping on guardrails."


def test_a_title_party_the_text_never_names_is_no_party():
    ex = titled("The two leaders discussed trade. President Biden stressed the need for guardrails.",
                "Readout of President Joe Biden's Call with President Xi Jinping")
    assert not of_kind(ex, "PhoneCall")


def test_remarks_before_a_bilateral_meeting_are_a_meeting_that_day_where_the_title_says():
    ex = titled("PRESIDENT XI: It is a pleasure to see you again, President Biden.",
                "Remarks by President Biden and President Xi Jinping Before Bilateral Meeting | Lima, Peru")
    ev = one(ex, "Meeting")
    assert {BIDEN, XI} <= parties(ev) and ev.place == "place/lima"
    assert day(ev)[:2] == (D(2024, 11, 16), D(2024, 11, 16))


def test_a_transcripts_venue_line_places_the_meeting():
    ex = titled("Mulia Hotel Bali, Indonesia\n\nPRESIDENT BIDEN: Well, President Xi, it is good to see you.",
                "Remarks by President Biden and President Xi Jinping Before Bilateral Meeting", D(2022, 11, 14))
    assert one(ex, "Meeting").place == "place/bali"


def test_a_press_call_is_no_phone_call():
    ex = titled("Senior officials briefed reporters on the economy.",
                "Background Press Call by Senior Administration Officials on President Biden's Trade Approach to China")
    assert not of_kind(ex, "PhoneCall")


def test_meetings_a_traveller_goes_for_are_his():
    ev = one(extract("Jake Sullivan will travel to the People's Republic of China next week, for meetings with senior "
                     "PRC officials."), "Meeting")
    assert ev.actor == (SULLIVAN,) and ev.target == (CHN,) and ev.planned


def test_call_records_are_no_call():
    ex = extract("The FBI and the Cybersecurity and Infrastructure Security Agency said hackers stole call records.")
    assert not of_kind(ex, "PhoneCall")


def test_they_met_are_the_two_just_named():
    ev = one(extract("President Joe Biden raised the cases with President Xi Jinping when they met on the sidelines of "
                     "the APEC summit in Lima, Peru, on Nov. 16.", D(2024, 11, 20)), "Meeting")
    assert parties(ev) == {BIDEN, XI} and ev.place == "place/lima"


def test_talks_refused_are_no_talks():
    ex = extract("Beijing cites the sanctions as one reason for refusing talks with the Pentagon.")
    assert not of_kind(ex, "Meeting")


def test_a_measure_promised_on_a_condition_is_no_event():
    ex = extract("President Donald Trump has said he would impose tariffs of 60 percent on all Chinese goods "
                 "if he returns to the White House.")
    assert not of_kind(ex, "Sanction")


def test_talks_with_someones_counterpart_are_between_the_two():
    ex = extract("BEIJING — The core of the visit was 12 hours of negotiations on Monday with Secretary Blinken's "
                 "longtime counterpart, Foreign Minister Wang Yi.", D(2024, 4, 26))
    assert parties(one(ex, "Meeting")) == {BLINKEN, WANG_YI}


def test_accusations_each_way_are_two():
    ex = extract("The Philippines accused China of dangerous blocking maneuvers; Beijing blamed Manila for the collision.")
    pairs = sorted((ev.actor, ev.target) for ev in of_kind(ex, "Accusation"))
    assert pairs == [((CHN,), ("country/PHL",)), (("country/PHL",), (CHN,))]


def test_officials_placed_under_sanctions():
    ev = one(extract("The State Department placed 24 Chinese officials under sanctions on Tuesday."), "Sanction")
    assert ev.actor == ("org/us-department-of-state",) and ev.target == (CHN,)


def test_a_meeting_on_the_outskirts_of_a_city():
    ev = one(extract("Jake Sullivan spent Tuesday in talks with Foreign Minister Wang Yi at a retreat on the northern "
                     "outskirts of Beijing."), "Meeting")
    assert ev.place == "place/beijing"


def test_talks_included_in_someones_visit_are_theirs():
    ev = one(extract("Foreign Minister Wang Yi's three-day visit included seven hours of talks with Secretary Blinken."),
             "Meeting")
    assert parties(ev) == {WANG_YI, BLINKEN}


def test_concern_in_quotation_marks():
    ev = one(extract('Secretary Blinken said Washington had "deep concerns" about Beijing\'s conduct.'), "Accusation")
    assert ev.target == (CHN,)


def test_a_measure_noun_reported_by_its_relative_clauses_verb_is_one_event():
    ex = extract("China said the step answered sanctions that Washington imposed earlier this month on Chinese officials.")
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


def test_his_is_first_the_subject_of_its_own_sentence():
    ex = extract("Peng Shuai dropped from public view in November. President Joe Biden said a boycott was under "
                 "consideration shortly after his video summit with President Xi Jinping.", D(2021, 12, 7))
    ev = one(ex, "Meeting")
    assert parties(ev) == {BIDEN, XI} and ev.kind == "VirtualMeeting"


def test_members_of_an_organization_are_no_party():
    ex = extract("Beijing listed visa restrictions on Chinese students and Communist Party members.")
    assert all("org/communist-party" not in parties(ev) for ev in ex.events)


def test_bodies_named_in_a_title_persons_description_are_no_parties():
    ex = titled("Secretary Blinken met the minister for two hours. Wang Yi said both sides should keep talking.",
                "Readout of Secretary Blinken's Meeting with Chinese Communist Party Politburo Member, Director of "
                "the Office of the Central Foreign Affairs Commission, and Foreign Minister Wang Yi")
    ev = one(ex, "Meeting")
    assert parties(ev) == {"person/antony-blinken", "person/wang-yi"}



@pytest.mark.parametrize("title, inside", [
    ("Meeting with Chinese Communist Party Politburo Member and Foreign Minister Wang Yi",
     {"org/cn-chinese-communist-party", "org/cn-politburo"}),
    ("Meeting with the Politburo and Wang Yi", set()),            # two parties, coordinated
    ("Call with the Politburo, then with Foreign Minister Wang Yi", set()),
])
def test_title_bodies_are_those_of_a_persons_description_only(title, inside):
    from graph.extract import default_extractor
    from graph.extract.events.document import title_bodies
    mentions, entities = default_extractor().entities.find(title, None)
    assert title_bodies(title, mentions, entities) == inside


# --- slice: video calls, relative clauses, pronouns (issue 7, events) ----------------------
def test_a_video_call_is_a_virtual_meeting_and_the_call_that_reports_it_is_the_same():
    text = ("WASHINGTON — President Joe Biden and Chinese President Xi Jinping held a video call of two hours on "
            "Monday evening. Diplomats said Monday's call eased tensions.")
    ex = extract(text, D(2021, 11, 16))
    ev = one(ex, "Meeting")
    assert ev.kind == "VirtualMeeting" and parties(ev) == {BIDEN, XI}
    assert ev.place is None  # held by video: not where the dateline is
    assert ex_has_no(ex, "PhoneCall") and ex_has_no(ex, "Visit")


def test_an_undated_call_is_not_merged_into_a_virtual_meeting():
    text = ("Joe Biden and Xi Jinping met virtually on Monday. Xi thanked Biden for an earlier call with him.")
    ex = extract(text, D(2021, 11, 16))
    assert one(ex, "Meeting").kind == "VirtualMeeting"


def test_sessions_with_a_counterpart_are_meetings():
    ex = extract("Foreign Minister Wang Yi held two sessions with Jake Sullivan on Friday.", D(2023, 10, 28))
    ev = one(ex, "Meeting")
    assert parties(ev) == {WANG_YI, SULLIVAN}


def test_a_relative_clause_condemnation_targets_the_side_whose_act_it_condemns():
    ex = extract("President Joe Biden on Wednesday approved new arms sales to Taiwan, which Beijing condemned as "
                 "meddling in its internal affairs.")
    ev = one(ex, "Accusation")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))


def test_a_relative_clause_with_its_own_object_is_no_such_condemnation():
    ex = extract("Officials said that Beijing condemned the vote in the assembly.")
    assert ex_has_no(ex, "Accusation")


def test_accusing_it_after_a_measure_accuses_the_one_acted_on():
    ex = extract("The Commerce Department on Tuesday imposed sanctions on a Chinese drone maker, accusing it of "
                 "supplying Russia's army.")
    ev = one(ex, "Accusation")
    assert ev.actor == ("org/us-department-of-commerce",) and ev.target == (CHN,)


def test_traded_blame_is_an_accusation_each_way():
    ex = extract("Japan and South Korea traded blame on Monday after a fishing boat sank.")
    pairs = sorted((ev.actor, ev.target) for ev in of_kind(ex, "Accusation"))
    assert pairs == [(("country/JPN",), ("country/KOR",)), (("country/KOR",), ("country/JPN",))]


def test_a_verb_after_what_someone_called_is_its_own_clause():
    ex = extract("Foreign Minister Wang Yi said Washington would pay a price for what he called a reckless decision "
                 "and accused the United States of hypocrisy.")
    ev = one(ex, "Accusation")
    assert (ev.actor, ev.target) == ((WANG_YI,), (USA,))


def test_he_and_a_name_as_subject_is_the_person_last_named():
    ex = extract("Jake Sullivan arrived in Beijing on Tuesday. He and Wang Yi have met several times in third "
                 "countries, including in Bangkok in January.", D(2024, 8, 29))
    ev = one(ex, "Meeting")
    assert parties(ev) == {SULLIVAN, WANG_YI} and ev.place == "place/bangkok"


def test_he_after_two_people_named_together_stays_unresolved():
    ex = extract("Antony Blinken and Wang Yi spoke on Friday. He and Xi Jinping met later.", D(2024, 8, 29))
    assert ex_has_no(ex, "Meeting")


# --- wrongdoing reported without a verb of accusing ----------------------------------------
def test_wrongdoing_said_of_another_side_is_an_accusation_by_the_speaker():
    ev = one(extract("Foreign Minister Wang Yi said on Monday that Washington had started the trade war by raising "
                     "duties."), "Accusation")
    assert (ev.actor, ev.target) == ((WANG_YI,), (USA,))
    assert day(ev)[:2] == (D(2024, 4, 29), D(2024, 4, 29))


def test_wrongdoing_of_those_linked_to_a_country_accuses_that_country():
    ev = one(extract("The FBI said on Tuesday that hackers linked to China had breached the networks of two "
                     "telecom carriers."), "Accusation")
    assert ev.actor == ("org/us-federal-bureau-of-investigation",) and ev.target == (CHN,)


def test_a_pretext_laid_on_another_government_is_an_accusation():
    ev = one(extract("Foreign Minister Wang Yi told reporters that the United States was using security as a "
                     "pretext to contain China's industry."), "Accusation")
    assert (ev.actor, ev.target) == ((WANG_YI,), (USA,))


def test_conduct_the_speaker_calls_wrongful_is_an_accusation():
    ev = one(extract("The State Department said on Monday it would send no delegation, citing what it called "
                     "China's coercion of Philippine fishermen."), "Accusation")
    assert ev.actor == ("org/us-department-of-state",) and ev.target == (CHN,)


@pytest.mark.parametrize("text", [
    "Beijing has not said whether Washington violated the accord.",
    "Foreign Minister Wang Yi declined to say whether American hackers had breached the network.",
    "Secretary Blinken said he hoped China would stop harassing Philippine fishermen.",
    "Secretary Blinken said there was no evidence that Chinese hackers had stolen any data.",
    "Secretary Blinken said the United States had violated no rule.",
    "Secretary Blinken said that the State Department had been bullying no one.",
    '"Washington started the trade war," Foreign Minister Wang Yi said.',
])
def test_wrongdoing_denied_doubted_hoped_against_or_of_ones_own_side_is_no_accusation(text):
    assert ex_has_no(extract(text), "Accusation")


def test_states_in_a_countrys_name_reports_nothing():
    ex = extract("The United States Trade Representative is opening an inquiry into China's unfair trade practices "
                 "in shipbuilding.")
    assert ex_has_no(ex, "Accusation")


# --- concern naming its party in a list, travel, 'due in', 'under sanctions' ----------------
def test_concern_whose_party_follows_including():
    ev = one(extract("The United States raised concerns over the misuse of drones, including by the PRC."), "Accusation")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


def test_someones_upcoming_travel_to_a_country_is_a_planned_visit():
    ev = one(extract("Officials discussed Secretary Blinken's upcoming travel to China."), "Visit")
    assert ev.actor == (BLINKEN,) and ev.target == (CHN,) and ev.planned


def test_travel_restrictions_are_no_travel():
    ex = extract("Secretary Blinken's travel plans were not disclosed, and China eased travel restrictions.")
    assert ex_has_no(ex, "Visit")


def test_due_in_a_city_is_a_planned_visit_dated_ahead():
    ev = one(extract("Secretary Blinken was due in Singapore on Tuesday.", D(2021, 7, 26)), "Visit")
    assert ev.place == "place/singapore" and ev.planned
    assert day(ev)[:2] == (D(2021, 7, 27), D(2021, 7, 27))


def test_a_report_due_in_a_month_is_no_visit():
    assert ex_has_no(extract("The review by Secretary Blinken is due in March."), "Visit")


def test_one_under_a_countrys_sanctions_is_its_target():
    ev = one(extract("Foreign Minister Wang Yi has been under U.S. sanctions since 2020."), "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (WANG_YI,))


@pytest.mark.parametrize("text", [
    "Foreign Minister Wang Yi said China came under pressure from sanctions.",
    "Chinese diplomats said the firm was under sanctions.",
])
def test_under_pressure_or_a_subject_not_named_is_no_sanction_of_the_one_named(text):
    assert ex_has_no(extract(text), "Sanction")


# --- measures criticised, measures named by a participle, asides, what remains possible ---
def test_a_trip_not_rescheduled_past_an_aside_is_no_visit():
    ex = extract("Secretary Blinken's trip to China, once planned for February, has not been rescheduled.")
    assert ex_has_no(ex, "Visit")


@pytest.mark.parametrize("text", [
    "A meeting between Joe Biden and Xi Jinping remains possible, officials said.",
    "A call between Joe Biden and Xi Jinping is still being discussed.",
])
def test_a_meeting_only_possible_or_discussed_is_no_event(text):
    ex = extract(text)
    assert ex_has_no(ex, "Meeting") and ex_has_no(ex, "PhoneCall")


def test_a_trip_postponed_is_a_called_off_visit():
    ev = one(extract("Secretary Blinken postponed his trip to Beijing on Friday."), "Cancellation")
    assert ev.actor == (BLINKEN,) and "visit" in ev.label


def test_a_determination_of_genocide_accuses_the_country_whose_conduct_it_names():
    ev = one(extract("The State Department determined on Monday that Beijing's treatment of Tibetans amounted to "
                     "genocide."), "Accusation")
    assert ev.actor == ("org/us-department-of-state",) and ev.target == (CHN,)


def test_restrictions_on_exports_to_a_country_are_a_measure_on_it():
    ev = one(extract("The Commerce Department on Tuesday announced curbs on sales of chipmaking tools to China."),
             "Sanction")
    assert ev.actor == ("org/us-department-of-commerce",) and ev.target == (CHN,)


def test_a_standing_measure_only_criticised_is_no_new_measure():
    ex = extract('Foreign Minister Wang Yi expressed "serious concern" about U.S. restrictions on Chinese companies.')
    assert ex_has_no(ex, "Sanction")
    assert one(ex, "Accusation").target == (USA,)


def test_a_new_measure_criticised_is_reported_too():
    ex = extract("Foreign Minister Wang Yi voiced opposition to new U.S. sanctions on Chinese companies.")
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


def test_a_measure_imposed_by_a_party_named_after_it_is_that_partys():
    ex = extract("Beijing condemned the sanctions imposed on Monday on Chinese officials by the United States.")
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert one(ex, "Accusation").actor == (CHN,)


def test_a_measure_on_a_flow_acts_on_its_destination():
    ex = extract("Washington imposed curbs on American exports to China.")
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


def test_a_measure_on_a_countrys_exports_acts_on_that_country():
    ev = one(extract("China imposed tariffs on American exports."), "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))


def test_a_measure_on_anothers_investment_in_ones_own_country_acts_on_the_investor():
    ev = one(extract("The Treasury Department will restrict Chinese investment in American farmland."), "Sanction")
    assert ev.target == (CHN,)


def test_a_measure_announced_in_a_relative_clause_takes_its_time_and_no_statement():
    ex = extract("Foreign Minister Wang Yi voiced opposition to new U.S. restrictions on exports of chips to China, "
                 "which the Commerce Department announced last week.", D(2023, 10, 28))
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert day(ev)[:2] == (D(2023, 10, 16), D(2023, 10, 22))
    assert ex_has_no(ex, "Statement")


# --- threats, doubts, happenings called off in their own sentence, coordinated verbs -------
@pytest.mark.parametrize("text", [
    "Donald Trump threatened new tariffs on China.",
    "Washington is weighing new sanctions on Chinese banks.",
    "Officials cautioned that a deal between the United States and China was far from certain.",
])
def test_threatened_weighed_or_doubtful_happenings_are_no_events(text):
    ex = extract(text)
    assert ex_has_no(ex, "Sanction") and ex_has_no(ex, "Agreement")


def test_talks_called_off_in_their_own_sentence_are_not_also_held():
    ex = extract("The talks between Antony Blinken and Wang Yi, which were supposed to take place in June, were "
                 "cancelled.")
    assert ex_has_no(ex, "Meeting")
    assert parties(one(ex, "Cancellation")) == {BLINKEN, WANG_YI}


def test_a_trip_postponed_after_a_meeting_is_a_called_off_visit_not_meeting():
    ex = extract("Antony Blinken met Wang Yi in Beijing on Monday and postponed his trip to Shanghai.")
    assert one(ex, "Meeting").target == (WANG_YI,)
    assert "visit" in one(ex, "Cancellation").label


@pytest.mark.parametrize("text, actor, target", [
    ("Donald Trump threatened China on Monday and imposed tariffs on Mexico.", "person/donald-trump", "country/MEX"),
    ("Antony Blinken did not meet Wang Yi and visited Shanghai instead.", BLINKEN, CHN),
])
def test_a_verb_after_and_shares_the_subject_of_the_verb_before(text, actor, target):
    ex = extract(text)
    ev = [e for e in ex.events if e.family in ("Sanction", "Visit")]
    assert len(ev) == 1 and ev[0].actor == (actor,) and ev[0].target == (target,)


# --- "the first … to visit … since X" ------------------------------------------------------
def test_the_first_to_visit_since_someone_is_a_visit_by_each():
    ex = extract("Janet Yellen is the first U.S. Treasury secretary to visit Guangzhou since Steven Mnuchin in 2019.")
    visits = {ev.actor: ev for ev in of_kind(ex, "Visit")}
    assert set(visits) == {("person/janet-yellen",), ("person/steven-mnuchin",)}
    assert day(visits[("person/steven-mnuchin",)])[:2] == (D(2019, 1, 1), D(2019, 12, 31))
    assert visits[("person/janet-yellen",)].when is None or visits[("person/janet-yellen",)].when.start.year != 2019


def test_the_most_senior_official_to_visit_since_someone_took_office_is_one_visit():
    ex = extract("Foreign Minister Wang Yi is the most senior Chinese official to visit Washington since Joe Biden "
                 "took office.")
    assert one(ex, "Visit").actor == (WANG_YI,)


def test_the_subject_after_an_earlier_visitor_stays_the_sentence_subject():
    ex = extract("Janet Yellen is the first U.S. Treasury secretary to visit Guangzhou since Steven Mnuchin in 2019. "
                 "She and He Lifeng have met twice.", D(2024, 4, 8))
    assert parties(one(ex, "Meeting")) == {"person/janet-yellen", "person/he-lifeng"}


def test_the_subject_stands_before_an_aside_between_dashes_and_along_with_adds_parties():
    ex = extract("The G7 leaders – along with the leaders of India and Indonesia – signed a statement on ports.")
    ev = one(ex, "Agreement")
    assert set(ev.actor) == {"org/g7", "country/IND", "country/IDN"}


def test_an_aside_between_dashes_is_not_the_subject():
    ev = one(extract("Antony Blinken – who arrived from Tokyo on Monday – met Wang Yi in Beijing."), "Meeting")
    assert (ev.actor, ev.target) == ((BLINKEN,), (WANG_YI,))


# --- where an agreement or meeting named as a noun was made ---------------------------------
def test_a_city_before_an_agreement_noun_in_its_clause_is_its_place():
    ex = extract("The United States and China surprised delegates at the climate conference in Glasgow with a "
                 "joint declaration.")
    assert one(ex, "Agreement").place == "place/glasgow"


@pytest.mark.parametrize("text", [
    "Secretary Blinken, speaking in Tokyo, said talks with Wang Yi would resume.",
    "Jake Sullivan met Wang Yi in Bangkok to follow up on the summit between Joe Biden and Xi Jinping.",
])
def test_a_city_of_the_speaker_or_of_another_verb_is_not_the_nouns_place(text):
    ex = extract(text)
    nouns = [ev for ev in of_kind(ex, "Meeting") if ev.trigger.lower() in ("talks", "summit")]
    assert nouns and all(ev.place is None for ev in nouns)


def test_the_visit_of_a_person_is_theirs():
    ev = one(extract("They discussed the upcoming visit of President Trump to Beijing in April.", D(2025, 3, 5)), "Visit")
    assert ev.actor == ("person/donald-trump",) and ev.place == "place/beijing" and ev.planned


def test_the_visit_of_warships_is_no_visit():
    assert ex_has_no(extract("The visit of Chinese warships to Cambodia worried Washington."), "Visit")


@pytest.mark.parametrize("text, actor", [
    ("Treasury Secretary Janet Yellen said China had taken advantage of American workers for years.", "person/janet-yellen"),
    ("President Trump said China had been ripping off the United States for decades.", "person/donald-trump"),
])
def test_unfair_dealing_said_of_another_country_is_an_accusation(text, actor):
    ev = one(extract(text), "Accusation")
    assert (ev.actor, ev.target) == ((actor,), (CHN,))


def test_the_speaker_of_said_and_accused_is_before_said_not_inside_the_report():
    text = ("Secretary of State Mike Pompeo spoke in California on Thursday. He said decades of engagement had failed "
            "to change China and accused the Chinese Communist Party of stealing American secrets.")
    ev = one(extract(text, D(2020, 7, 24)), "Accusation")
    assert ev.actor == ("person/mike-pompeo",)
    # with no speaker to resolve "he" to, no one inside the report is made the accuser
    unresolved = extract("He said decades of engagement had failed to change China and accused the Chinese Communist "
                         "Party of stealing American secrets.")
    assert all(ev.actor != (CHN,) for ev in of_kind(unresolved, "Accusation"))


def test_a_report_whose_own_accusing_verb_names_the_target_adds_no_second_accusation():
    ex = extract('"We stand with Hong Kong," Treasury Secretary Steven Mnuchin said in a statement, accusing Carrie '
                 "Lam of implementing Beijing's policies of suppression.")
    assert one(ex, "Accusation").target == ("person/carrie-lam",)


@pytest.mark.parametrize("text", [
    "Beijing hopes for a meeting between Joe Biden and Xi Jinping later this year.",
    "Washington is seeking a call between Joe Biden and Xi Jinping.",
    "Lloyd Austin sought a meeting with Li Shangfu in Singapore but was rebuffed.",
])
def test_a_meeting_hoped_for_or_sought_is_no_event(text):
    ex = extract(text)
    assert ex_has_no(ex, "Meeting") and ex_has_no(ex, "PhoneCall")


def test_a_call_after_following_in_a_sentence_about_their_conversations_is_theirs():
    ex = extract("Joe Biden and Xi Jinping spoke by phone on Thursday. It was their third conversation of the year, "
                 "following a call in February.", D(2021, 9, 10))
    calls = of_kind(ex, "PhoneCall")
    assert len(calls) == 2 and all(parties(ev) == {BIDEN, XI} for ev in calls)
    assert sorted(day(ev)[0].month for ev in calls) == [2, 9]


# --- welcomed to a place, hit with a measure, telephoned ------------------------------------
def test_a_person_welcomed_to_a_city_is_met_there():
    ev = one(extract("President Xi Jinping welcomed Secretary Blinken to Beijing on Monday."), "Meeting")
    assert (ev.actor, ev.target, ev.place) == ((XI,), (BLINKEN,), "place/beijing")


def test_welcoming_a_decision_is_no_meeting():
    assert ex_has_no(extract("Secretary Blinken welcomed the decision by China."), "Meeting")


def test_hit_with_tariffs_acts_on_the_one_hit():
    ev = one(extract("On Friday, Washington hit Chinese solar panels with new tariffs."), "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert ex_has_no(extract("The storm hit Shanghai with heavy rain."), "Sanction")


def test_telephoned_is_a_call():
    ev = one(extract("President Biden telephoned President Xi Jinping on Tuesday."), "PhoneCall")
    assert parties(ev) == {BIDEN, XI}


def test_talks_named_after_an_outcome_are_the_outcomes_parties():
    # published on a Monday: the talks "over the weekend" were the two days before
    ex = extract("The United States issued a joint statement with China after two rounds of negotiations "
                 "over the weekend in Stockholm.", D(2024, 6, 24))
    meeting = one(ex, "Meeting")
    assert parties(meeting) == {USA, CHN}
    assert meeting.place == "place/stockholm"
    assert day(meeting)[:2] == (D(2024, 6, 22), D(2024, 6, 23))


# --- diplomatic protest ----------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Beijing lodged stern representations with Washington over the arms sale, a spokesman said.",
    'Beijing said it had lodged "solemn representations" with Washington.',
    "China's foreign ministry lodged a formal protest with the United States on Tuesday.",
    "The Chinese government made stern representations to the United States about the visit.",
])
def test_a_diplomatic_protest_accuses_the_side_it_is_lodged_with(sentence):
    ev = one(extract(sentence, WED), "Accusation")
    assert ev.target == (USA,)
    assert ev.actor in ((CHN,), ("org/cn-ministry-of-foreign-affairs",))


def test_summoning_an_envoy_protests_to_the_envoys_side_once():
    ev = one(extract("Washington summoned China's ambassador to protest the harassment of a U.S. ship.", WED), "Accusation")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


def test_to_protest_without_a_summons_is_no_extra_reading():
    assert ex_has_no(extract("Students gathered to protest the tuition increase.", WED), "Accusation")


# --- one side only -----------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "The visit follows meetings between Secretary Antony Blinken, Secretary Janet Yellen and their counterparts "
    "in Beijing over the last several months.",
    "Diplomacy has included engagements between Secretary Antony Blinken, Secretary Gina Raimondo and their Chinese counterparts.",
])
def test_officials_of_one_side_meeting_their_counterparts_do_not_meet_each_other(sentence):
    assert ex_has_no(extract(sentence, WED), "Meeting")


def test_a_named_counterpart_still_meets():
    ev = one(extract("Antony Blinken met Wang Yi and his counterparts from Japan in Tokyo.", WED), "Meeting")
    assert parties(ev) == {BLINKEN, WANG_YI}


# --- a trip's destination is no party criticised ---------------------------------------------
def test_warning_against_a_trip_by_someone_unnamed_accuses_no_destination():
    ex = extract("The State Department warned against a planned trip to Taiwan by the speaker.", WED)
    assert ex_has_no(ex, "Accusation") and ex_has_no(ex, "Visit")


def test_denouncing_a_visit_accuses_the_visitor_not_the_destination():
    ex = extract("Beijing denounced the planned visit to Taiwan by Speaker Kevin McCarthy.", WED)
    acc = one(ex, "Accusation")
    assert (acc.actor, acc.target) == ((CHN,), ("person/kevin-mccarthy",))
    visit = one(ex, "Visit")
    assert visit.actor == ("person/kevin-mccarthy",) and visit.planned


def test_denouncing_arms_sales_accuses_the_seller():
    acc = one(extract("Beijing denounced the arms sale to Taiwan by the United States.", WED), "Accusation")
    assert (acc.actor, acc.target) == ((CHN,), (USA,))


# --- passive talks, arrivals, delegations, audiences --------------------------------------------
def test_talks_held_between_two_parties():
    ev = one(extract("Talks were held between Antony Blinken and Wang Yi in Washington in March.", WED), "Meeting")
    assert parties(ev) == {BLINKEN, WANG_YI}
    assert ev.place == "place/washington"


def test_landing_in_a_city_is_a_visit():
    ev = one(extract("Nancy Pelosi landed in Taipei late on Tuesday.", WED), "Visit")
    assert ev.actor == ("person/nancy-pelosi",) and ev.place == "place/taipei"
    assert day(ev)[:2] == (D(2023, 7, 18), D(2023, 7, 18))


def test_leading_a_delegation_to_a_capital_is_a_visit_of_the_relative_clauses_antecedent():
    ev = one(extract("The premier received Liu He, who had led a delegation to Washington.", WED), "Visit")
    assert ev.actor == ("person/liu-he",) and ev.place == "place/washington"


def test_speaking_to_reporters_is_no_call():
    assert ex_has_no(extract("Joe Biden spoke to reporters aboard Air Force One on Tuesday.", WED), "PhoneCall")
    assert one(extract("Xi Jinping spoke to Joe Biden on Tuesday.", WED), "PhoneCall").target == (BIDEN,)


# --- an opening participle phrase ----------------------------------------------------------------
def test_after_receiving_someone_the_main_subject_met_them():
    ex = extract("After receiving Vice Premier He Lifeng on Monday, President Donald Trump announced a trade truce.", WED)
    ev = one(ex, "Meeting")
    assert (ev.actor, ev.target) == (("person/donald-trump",), ("person/he-lifeng",))
    assert day(ev)[:2] == (D(2023, 7, 17), D(2023, 7, 17))


def test_a_relative_clause_on_the_received_guest_gives_the_subject_no_meeting_of_its_own():
    ex = extract("After receiving Vice Premier He Lifeng, who had led negotiations with Scott Bessent and Jamieson Greer, "
                 "Xi Jinping spoke to reporters.", WED)
    ev = one(ex, "Meeting")
    assert (ev.actor, ev.target) == ((XI,), ("person/he-lifeng",))
    assert ex_has_no(ex, "PhoneCall")


def test_the_opening_phrases_object_is_no_subject_of_the_main_verb():
    ex = extract("Before meeting with Wang Yi, Antony Blinken toured a factory in Shanghai.", WED)
    assert one(ex, "Visit").actor == (BLINKEN,)
    assert parties(one(ex, "Meeting")) == {BLINKEN, WANG_YI}
    assert ex_has_no(extract("The company is receiving subsidies from Beijing.", WED), "Meeting")


# --- criminal charges ---------------------------------------------------------------------------
def test_charging_someone_with_a_crime_accuses_them():
    acc = one(extract("The Justice Department charged two Chinese nationals with hacking into U.S. companies.", WED), "Accusation")
    assert (acc.actor, acc.target) == (("org/us-department-of-justice",), (CHN,))


def test_charging_someone_with_a_task_or_charging_that_is_no_charge():
    assert ex_has_no(extract("President Joe Biden charged Jake Sullivan with leading the review.", WED), "Accusation")


def test_a_visit_in_a_relative_clause_is_the_antecedents():
    ex = extract("President Joe Biden received Premier Li Qiang, who had led a delegation to Washington.", WED)
    assert one(ex, "Visit").actor == (LI_QIANG,)
    assert one(ex, "Meeting").actor == (BIDEN,)
    visit = one(extract("Joe Biden thanked Antony Blinken, who visited Beijing last month.", WED), "Visit")
    assert visit.actor == (BLINKEN,) and visit.place == "place/beijing"


# --- being somewhere for talks ------------------------------------------------------------------
def test_being_in_a_foreign_city_for_talks_is_a_visit_there_and_the_talks_place():
    ex = extract("BEIJING — Antony Blinken was in Tokyo on Wednesday for talks with Wang Yi.", WED)
    visit, meeting = one(ex, "Visit"), one(ex, "Meeting")
    assert visit.actor == (BLINKEN,) and visit.place == "place/tokyo"
    assert meeting.place == "place/tokyo" and parties(meeting) == {BLINKEN, WANG_YI}
    assert day(visit)[:2] == (D(2023, 7, 19), D(2023, 7, 19))


def test_being_at_home_for_talks_or_in_talks_is_no_visit():
    assert ex_has_no(extract("Joe Biden was in Washington on Monday for a meeting with Wang Yi.", WED), "Visit")
    assert ex_has_no(extract("The company was in talks for a merger.", WED), "Visit")


def test_a_passive_charge_with_no_accuser_is_none():
    text = "In the last month, China has arrested two groups of people that were indicted in the United States."
    assert ex_has_no(extract(text, WED), "Accusation")


# --- summons and charges: who acts, and the clause's own day -----------------------------------
BURNS, DOJ = "person/nicholas-burns", "org/us-department-of-justice"
THU_MAR = D(2024, 3, 14)


def test_ministry_that_summons_a_titled_envoy_is_the_accuser_dated_by_its_own_clause():
    text = ("The Chinese Foreign Ministry summoned U.S. Ambassador Nicholas Burns on Monday over the arms sale. "
            "On Wednesday, Washington said it would go ahead.")
    ev = one(extract(text, THU_MAR), "Accusation")
    assert ev.actor == ("org/cn-ministry-of-foreign-affairs",) and ev.target == (BURNS,)
    assert day(ev)[:2] == (D(2024, 3, 11), D(2024, 3, 11))


def test_a_title_after_a_ministry_still_makes_it_a_modifier():
    ex = extract("Foreign Ministry spokesperson Mao Ning on Monday accused Washington of hypocrisy.", THU_MAR)
    ev = one(ex, "Accusation")
    assert ev.actor == ("person/mao-ning",) and ev.target == ("country/USA",)


def test_passive_charge_with_the_crime_before_the_by_phrase_has_the_by_party_as_accuser():
    ev = one(extract("Huawei was charged with bank fraud by the Justice Department on Tuesday.", THU_MAR), "Accusation")
    assert (ev.actor, ev.target) == ((DOJ,), ("org/huawei",))
    assert day(ev)[:2] == (D(2024, 3, 12), D(2024, 3, 12))


def test_the_crime_of_a_charge_is_not_a_second_accusation_the_other_way():
    ex = extract("Huawei was charged by the Justice Department with stealing trade secrets.", THU_MAR)
    ev = one(ex, "Accusation")
    assert (ev.actor, ev.target) == ((DOJ,), ("org/huawei",))


def test_passive_charge_with_no_accuser_named_is_none():
    assert ex_has_no(extract("Two engineers were charged with espionage in Ohio.", THU_MAR), "Accusation")


FBI = "org/us-federal-bureau-of-investigation"


def test_a_passive_charge_told_by_an_office_after_it_is_that_office_accusation_dated_by_its_clause():
    text = "Two Chinese nationals were charged in January with stealing chip designs, the Justice Department said on Wednesday."
    ev = one(extract(text, THU_MAR), "Accusation")
    assert (ev.actor, ev.target) == ((DOJ,), ("country/CHN",))
    assert day(ev)[:2] == (D(2024, 1, 1), D(2024, 1, 31))


def test_a_passive_charge_told_by_an_office_before_it():
    ev = one(extract("The FBI said that three Chinese hackers had been indicted for breaking into power grids.", THU_MAR),
             "Accusation")
    assert (ev.actor, ev.target) == ((FBI,), ("country/CHN",))


def test_a_charge_told_by_the_charged_side_itself_has_no_accuser():
    assert ex_has_no(extract("Chinese officials said two Chinese engineers were charged with fraud.", THU_MAR), "Accusation")


COMMERCE = "org/us-department-of-commerce"


def test_a_formal_finding_against_another_sides_practices_is_an_accusation_dated_by_its_clause():
    ev = one(extract("The Commerce Department determined on Monday that Beijing's export subsidies were discriminatory.",
                     THU_MAR), "Accusation")
    assert (ev.actor, ev.target) == ((COMMERCE,), ("country/CHN",))
    assert day(ev)[:2] == (D(2024, 3, 11), D(2024, 3, 11))


def test_found_that_practices_were_unreasonable_accuses_their_owner():
    ev = one(extract("The Commerce Department found that China's pricing rules were unreasonable.", THU_MAR), "Accusation")
    assert (ev.actor, ev.target) == ((COMMERCE,), ("country/CHN",))


@pytest.mark.parametrize("text", [
    "The Commerce Department did not find that China's pricing rules were unreasonable.",
    "The Commerce Department found that China's pricing rules may be unreasonable.",
    "If the Commerce Department finds that China's pricing rules are unreasonable, duties will follow.",
    "The Commerce Department found that the shipment had reached Ohio.",
])
def test_a_finding_negated_hedged_conditional_or_of_no_wrong_is_no_accusation(text):
    assert ex_has_no(extract(text, THU_MAR), "Accusation")


def test_describing_another_sides_mission_as_a_spy_hub_accuses_that_side():
    ev = one(extract("Senator Marco Rubio described China's consulate in Chicago as a hub of spying.", THU_MAR), "Accusation")
    assert ev.actor == ("person/marco-rubio",) and ev.target == ("country/CHN",)


def test_a_meeting_on_the_sidelines_of_a_venue_named_by_its_city_is_in_that_city():
    ev = one(extract("Antony Blinken met Wang Yi on Saturday on the margins of the Munich Security Conference.", THU_MAR),
             "Meeting")
    assert ev.place == "place/munich"
    assert day(ev)[:2] == (D(2024, 3, 9), D(2024, 3, 9))


def test_a_meeting_on_the_sidelines_of_a_forum_with_no_city_has_no_place():
    ev = one(extract("Antony Blinken met Wang Yi on the sidelines of the United Nations General Assembly.", THU_MAR), "Meeting")
    assert ev.place is None


def test_a_passive_measure_told_by_a_government_is_its_own_and_the_teller_is_never_the_one_hit():
    ev = one(extract("China's Commerce Ministry said on Friday that two American drone makers were sanctioned.", THU_MAR),
             "Sanction")
    assert (ev.actor, ev.target) == (("org/cn-ministry-of-commerce",), ("country/USA",))


def test_a_passive_measure_whose_target_is_unknown_is_not_laid_on_its_teller():
    ex = extract("China's Commerce Ministry said on Friday that Acme Rotors was sanctioned.", THU_MAR)
    assert all("org/cn-ministry-of-commerce" not in ev.target for ev in ex.events)


def test_a_by_phrase_still_names_who_acted_when_another_office_tells_of_it():
    ev = one(extract("The Treasury Department said Huawei was sanctioned by the State Department.", THU_MAR), "Sanction")
    assert (ev.actor, ev.target) == (("org/us-department-of-state",), ("org/huawei",))


def test_a_finding_that_practices_are_actionable_accuses_their_owner():
    ev = one(extract("The Office of the U.S. Trade Representative determined that China's licensing rules are actionable.",
                     THU_MAR), "Accusation")
    assert ev.target == ("country/CHN",) and ev.actor == ("org/us-trade-representative",)


def test_an_open_question_whether_practices_are_actionable_is_no_accusation():
    assert ex_has_no(extract("The trade office could not yet say whether China's licensing rules are actionable.", THU_MAR),
                     "Accusation")


def test_a_listing_in_the_passive_has_the_by_party_as_actor():
    ev = one(extract("Five Chinese drone makers were placed on the Entity List by the Commerce Department on Tuesday.",
                     THU_MAR), "Sanction")
    assert (ev.actor, ev.target) == ((COMMERCE,), ("country/CHN",))
    assert day(ev)[:2] == (D(2024, 3, 12), D(2024, 3, 12))


def test_hit_with_sanctions_in_the_passive_has_the_subject_as_target_and_the_by_party_as_actor():
    ev = one(extract("Two Chinese shipping firms were hit with sanctions by the Treasury Department in February.", THU_MAR),
             "Sanction")
    assert (ev.actor, ev.target) == (("org/us-department-of-the-treasury",), ("country/CHN",))
    assert day(ev)[:2] == (D(2024, 2, 1), D(2024, 2, 29))


def test_hit_with_sanctions_in_the_passive_with_no_by_party_names_no_actor():
    ev = one(extract("Huawei was slapped with new export restrictions on Monday.", THU_MAR), "Sanction")
    assert ev.target == ("org/huawei",) and ev.actor == ()


# --- a meeting held where the visit told before it in the sentence took the visitor ----------
@pytest.mark.parametrize("text, place", [
    ("TOKYO (Wire) - Foreign Minister Wang Yi visited Washington last month and met President Joe Biden.",
     "place/washington"),
    ("SHANGHAI (Wire) - Secretary of State Antony Blinken, who arrived in Beijing on Sunday, met Wang Yi "
     "on Monday.", "place/beijing"),
])
def test_meeting_takes_the_place_of_the_visit_before_it_in_the_sentence(text, place):
    meeting = one(extract(text), "Meeting")
    assert meeting.place == place


def test_a_visit_after_the_meeting_does_not_place_it():
    ex = extract("Antony Blinken met Wang Yi on Monday by video link, and he will travel to Beijing next month.")
    assert all(m.place != "place/beijing" for m in of_kind(ex, "Meeting"))


# --- a time adverbial between the subject and its verb --------------------------------------
@pytest.mark.parametrize("text, kind, start", [
    ("Antony Blinken last week met Wang Yi in Munich.", "Meeting", dt.date(2024, 4, 22)),
    ("The Commerce Department earlier this month restricted exports of chips to China.", "Sanction", dt.date(2024, 5, 1)),
    ("Beijing last year imposed sanctions on Lockheed Martin.", "Sanction", dt.date(2023, 1, 1)),
])
def test_a_time_adverbial_before_the_verb_keeps_it_a_verb(text, kind, start):
    ev = one(extract(text), kind)
    assert ev.when is not None and ev.when.start == start


def test_last_weeks_meeting_is_still_a_noun():
    ev = one(extract("Last week's meeting between Antony Blinken and Wang Yi in Munich was cordial."), "Meeting")
    assert parties(ev) == {BLINKEN, WANG_YI}
