"""General constructions of wire stories and official statements, on sentences of our own:
meetings in nominal and passive form, calls referred to by date, agreements phrased as
outcomes, background happenings with their dates, and happenings that did not happen
(negation, conditions, hopes, postponements). Publication date 2024-05-02, a Thursday.
"""
from __future__ import annotations

import datetime as dt

import pytest

from test_events import CHN, USA, day, ex_has_no, extract, of_kind, one, parties

D = dt.date
CAN = "country/CAN"


# --- a measure eased is none imposed, unless a clause says who imposed it -----------------
def test_a_tariff_lifted_that_a_named_government_imposed_is_reported_as_imposed():
    ev = one(extract("Canada agreed to lift the tariffs on electric vehicles from China that Ottawa imposed in August."), "Sanction")
    assert (ev.actor, ev.target) == ((CAN,), (CHN,))
    assert day(ev)[:3] == (D(2023, 8, 1), D(2023, 8, 31), "month")


def test_a_tariff_lifted_with_no_word_of_its_imposition_is_no_sanction():
    assert ex_has_no(extract("Canada agreed to lift the tariffs on electric vehicles from China."), "Sanction")


FRI, TUE, WED = D(2024, 4, 26), D(2024, 4, 30), D(2024, 5, 1)
BLINKEN, WANG_YI, BIDEN, XI = "person/antony-blinken", "person/wang-yi", "person/joe-biden", "person/xi-jinping"


# --- a call or meeting named as the setting of the main clause -----------------------------
def test_a_call_opening_the_sentence_is_between_the_subject_and_the_one_addressed():
    ev = one(extract("In a phone call on Friday, Secretary of State Antony Blinken told Foreign Minister Wang Yi "
                     "that Washington would defend its interests."), "PhoneCall")
    assert parties(ev) == {BLINKEN, WANG_YI}
    assert day(ev)[:2] == (FRI, FRI)


def test_during_their_call_names_the_subjects_call():
    ev = one(extract("During their call on Tuesday, President Joe Biden and President Xi Jinping discussed Taiwan and trade."),
             "PhoneCall")
    assert parties(ev) == {BIDEN, XI}
    assert day(ev)[:2] == (TUE, TUE)


def test_a_call_closing_the_sentence_is_between_the_subject_and_the_party_after_with():
    ev = one(extract("President Joe Biden raised fentanyl with President Xi Jinping in a phone call on Friday."), "PhoneCall")
    assert ev.actor == (BIDEN, XI) or parties(ev) == {BIDEN, XI}
    assert day(ev)[:2] == (FRI, FRI)


def test_at_their_summit_in_a_city_is_a_meeting_there_besides_what_was_agreed():
    ex = extract("At their summit in Bali, President Joe Biden and President Xi Jinping agreed to resume "
                 "military-to-military communication.")
    meeting = one(ex, "Meeting")
    assert parties(meeting) == {BIDEN, XI} and meeting.place == "place/bali"
    assert parties(one(ex, "Agreement")) == {BIDEN, XI}


def test_a_time_measured_from_a_meeting_is_no_setting_of_it():
    ex = extract("In the days before the meeting, the Treasury Department imposed sanctions on two Chinese firms.")
    assert ex_has_no(ex, "Meeting")


def test_a_call_for_restraint_is_no_phone_call():
    ex = extract("In a call for restraint, Secretary of State Antony Blinken urged Foreign Minister Wang Yi to calm tensions.")
    assert ex_has_no(ex, "PhoneCall")


def test_a_speakers_setting_after_said_is_no_meeting_with_the_one_named():
    ex = extract("Foreign Minister Wang Yi said, at a news conference in Beijing, that Antony Blinken was welcome.")
    assert ex_has_no(ex, "Meeting")


# --- meetings in nominal and passive form --------------------------------------------------
def test_a_session_that_took_place_with_officials_from_two_countries():
    ev = one(extract("The first session of the joint working group on counternarcotics, with officials from the "
                     "United States and China, took place in Geneva on Tuesday."), "Meeting")
    assert parties(ev) == {USA, CHN} and ev.place == "place/geneva"
    assert day(ev)[:2] == (TUE, TUE)


def test_officials_of_two_countries_held_a_session():
    ev = one(extract("Officials from the United States and China held the first session of their joint working group "
                     "on counternarcotics in Geneva on Tuesday."), "Meeting")
    assert parties(ev) == {USA, CHN} and ev.place == "place/geneva"


def test_talks_that_brought_together_officials_of_two_countries():
    ev = one(extract("The talks, held in Honolulu on Wednesday, brought together defense officials from the United States "
                     "and China."), "Meeting")
    assert parties(ev) == {USA, CHN} and ev.place == "place/honolulu"
    assert day(ev)[:2] == (WED, WED)


def test_talks_held_between_officials_named_by_adjectives_are_one_meeting_in_the_city():
    ev = one(extract("Talks between U.S. and Chinese defense officials were held in Honolulu on Wednesday."), "Meeting")
    assert parties(ev) == {USA, CHN} and ev.place == "place/honolulu"


def test_the_two_delegations_are_the_sides_named_before():
    ex = extract("U.S. and Chinese defense officials met in Honolulu on Tuesday. On Wednesday, the two delegations "
                 "held talks on maritime safety.")
    assert all(parties(ev) >= {USA} and len(parties(ev)) == 2 for ev in of_kind(ex, "Meeting"))
    assert {day(ev)[0] for ev in of_kind(ex, "Meeting")} >= {TUE}


# --- background happenings with their dates ------------------------------------------------
def test_last_met_is_a_past_meeting_with_its_month_and_place():
    ex = extract("Secretary Antony Blinken will travel to Beijing next week. He and Foreign Minister Wang Yi last met "
                 "in July on the sidelines of the ASEAN meeting in Vientiane.")
    ev = one(ex, "Meeting")
    assert parties(ev) == {BLINKEN, WANG_YI} and ev.place == "place/vientiane" and not ev.planned
    assert day(ev)[:3] == (D(2023, 7, 1), D(2023, 7, 31), "month")


def test_when_they_met_names_a_background_meeting_with_its_date():
    ex = extract("President Joe Biden spoke with President Xi Jinping on Tuesday. The leaders last met in person when "
                 "they met in San Francisco in November 2023.")
    ev = one(ex, "Meeting")
    assert parties(ev) == {BIDEN, XI} and ev.place == "place/san-francisco"
    assert day(ev)[:3] == (D(2023, 11, 1), D(2023, 11, 30), "month")


def test_the_two_had_last_spoken_by_phone():
    ex = extract("Secretary Antony Blinken met Foreign Minister Wang Yi in Munich on Friday. The two had last spoken "
                 "by phone in January.")
    ev = one(ex, "PhoneCall")
    assert parties(ev) == {BLINKEN, WANG_YI}
    assert day(ev)[:2] == (D(2024, 1, 1), D(2024, 1, 31))


# --- what an agreement's terms are: no meeting of their own without a time or place ------
def test_talks_agreed_to_be_resumed_are_the_agreements_terms_not_a_meeting():
    ex = extract("Secretary Antony Blinken and Foreign Minister Wang Yi agreed to resume talks on counternarcotics.")
    assert parties(one(ex, "Agreement")) == {BLINKEN, WANG_YI}
    assert ex_has_no(ex, "Meeting")


def test_a_meeting_agreed_for_a_time_is_a_planned_meeting_and_the_time_is_not_the_agreements():
    ex = extract("The United States and China agreed to hold talks in Geneva next week.")
    meeting = one(ex, "Meeting")
    assert meeting.planned and meeting.place == "place/geneva"
    assert day(meeting)[:2] == (D(2024, 5, 6), D(2024, 5, 12))
    agreement = one(ex, "Agreement")
    assert agreement.place is None and (agreement.when is None or agreement.when.start < D(2024, 5, 6))


def test_outcomes_listed_after_the_two_sides_agreed_to():
    ex = extract("The United States and China agreed to:\n- resume military-to-military talks;\n- cooperate on counternarcotics.")
    assert parties(one(ex, "Agreement")) == {USA, CHN}


# --- happenings that did not happen: negation, conditions, hopes, plans given up -----------
@pytest.mark.parametrize("text", [
    "No meeting between President Joe Biden and President Xi Jinping took place.",
    "No meeting took place between Secretary Antony Blinken and Foreign Minister Wang Yi during the forum.",
    "The State Department declined to set a date for a visit by Secretary Antony Blinken to Beijing.",
    "Secretary Antony Blinken's trip had been expected to be the first such visit to China since 2018.",
    "Treasury Secretary Janet Yellen may travel to Beijing later this year.",
    "The White House left open the possibility of a meeting between President Joe Biden and President Xi Jinping.",
    "President Joe Biden wants to meet President Xi Jinping in person.",
    "President Joe Biden and President Xi Jinping have not met since November.",
    "Officials said a meeting between President Joe Biden and President Xi Jinping was possible in November.",
    "China said a meeting between President Xi Jinping and President Joe Biden was not on the agenda.",
    "Treasury Secretary Janet Yellen said she hoped to visit China again soon.",
    "Secretary Antony Blinken had planned to visit Beijing in February before the balloon incident.",
    "Secretary Antony Blinken was to have visited Beijing on Feb. 5.",
    "President Joe Biden said he would be happy to meet President Xi Jinping again.",
    "A visit by Secretary Antony Blinken to Beijing has not been scheduled.",
    "President Joe Biden could meet President Xi Jinping at the G20 summit in Rio de Janeiro.",
])
def test_no_event_of_what_did_not_happen(text):
    ex = extract(text)
    assert not [e for e in ex.events if e.family in ("Meeting", "Visit", "PhoneCall")], [e.label for e in ex.events]


def test_a_visit_postponed_in_the_passive_is_a_cancellation_by_the_traveller():
    ex = extract("The visit by Secretary Antony Blinken to Beijing was postponed.")
    ev = one(ex, "Cancellation")
    assert ev.actor == (BLINKEN,) and "visit" in ev.label
    assert ex_has_no(ex, "Visit")


def test_a_meeting_called_off_in_the_passive_keeps_both_parties():
    ev = one(extract("Secretary Antony Blinken's planned meeting with Foreign Minister Wang Yi was called off."), "Cancellation")
    assert (ev.actor, ev.target) == ((BLINKEN,), (WANG_YI,))


def test_the_day_talks_were_due_is_not_the_day_they_were_postponed_nor_a_plan():
    ex = extract("WASHINGTON — The talks between U.S. and Chinese negotiators, which had been scheduled for Monday, "
                 "were postponed on Wednesday.")
    ev = one(ex, "Cancellation")
    assert not ev.planned and day(ev)[:2] == (WED, WED)
    assert ex_has_no(ex, "Meeting")


# --- calls referred to by their date -------------------------------------------------------
def test_their_conversation_of_a_date_is_a_call_that_day():
    ev = one(extract("President Joe Biden and President Xi Jinping discussed fentanyl in their conversation of April 2."),
             "PhoneCall")
    assert parties(ev) == {BIDEN, XI}
    assert day(ev)[:2] == (D(2024, 4, 2), D(2024, 4, 2))


def test_a_weekdays_conversation_between_two_leaders_is_a_call():
    ev = one(extract("Tuesday's conversation between President Joe Biden and President Xi Jinping lasted two hours."),
             "PhoneCall")
    assert parties(ev) == {BIDEN, XI} and day(ev)[:2] == (TUE, TUE)


def test_an_undated_conversation_is_no_call():
    assert not extract("President Joe Biden had a candid conversation with President Xi Jinping about Taiwan.").events


def test_a_conversation_referring_to_a_call_told_before_is_that_call():
    ex = extract("President Joe Biden spoke with President Xi Jinping on Tuesday. In their conversation of Tuesday, "
                 "the two leaders discussed Taiwan.")
    assert len(of_kind(ex, "PhoneCall")) == 1


def test_a_meeting_frame_of_a_negated_meeting_is_no_meeting():
    assert ex_has_no(extract("Secretary Antony Blinken did not meet Foreign Minister Wang Yi during the summit."), "Meeting")


def test_in_a_joint_statement_the_subjects_agree():
    ev = one(extract("In a joint statement, the United States and China said they would lower tariffs."), "Agreement")
    assert parties(ev) == {USA, CHN}


def test_since_their_meeting_is_a_past_meeting_with_its_place_and_month():
    ev = one(extract("Since their meeting in Woodside in November 2023, President Joe Biden and President Xi Jinping "
                     "have spoken twice."), "Meeting")
    assert parties(ev) == {BIDEN, XI} and ev.place == "place/woodside"
    assert day(ev)[:3] == (D(2023, 11, 1), D(2023, 11, 30), "month")


def test_a_summit_before_a_leaders_session_is_no_meeting_with_the_forum():
    ex = extract("After the CEO Summit, President Joe Biden will lead the first APEC session with other leaders.")
    assert not [e for e in ex.events if "person/joe-biden" in parties(e) and e.family == "Meeting"
                and e.trigger.lower() == "summit"]


def test_two_sides_held_the_first_meeting_of_their_group():
    ev = one(extract("The United States and China held the first meeting of their new working group on Tuesday."), "Meeting")
    assert parties(ev) == {USA, CHN} and day(ev)[:2] == (TUE, TUE)


def test_delegations_of_two_countries_as_the_subject_of_a_verb():
    ev = one(extract("The delegations of the United States and China launched the counternarcotics working group in "
                     "Beijing on Tuesday."), "Agreement")
    assert parties(ev) == {USA, CHN} and ev.place == "place/beijing"


def test_met_twice_in_two_places_is_two_meetings():
    ex = extract("President Joe Biden has met President Xi Jinping twice as president, in Bali in 2022 and in "
                 "Woodside in 2023.")
    assert sorted((ev.place, day(ev)[0].year) for ev in of_kind(ex, "Meeting")) == [
        ("place/bali", 2022), ("place/woodside", 2023)]


def test_unlikely_to_meet_is_no_meeting():
    assert ex_has_no(extract("Secretary Antony Blinken is unlikely to meet Foreign Minister Wang Yi at the forum."), "Meeting")


def test_a_call_being_planned_is_a_planned_call_with_no_date_of_the_planning():
    ex = extract("National Security Advisor Jake Sullivan met Foreign Minister Wang Yi in Bangkok on Friday. The two sides "
                 "discussed planning for a call between President Joe Biden and President Xi Jinping in the coming weeks.")
    call = one(ex, "PhoneCall")
    assert call.planned and (call.when is None or call.when.start > D(2024, 5, 2))


def test_the_leaders_of_two_countries_agree_as_those_countries():
    ev = one(extract("The leaders of the United States and China agreed on Wednesday to restore military communications."),
             "Agreement")
    assert parties(ev) == {USA, CHN} and day(ev)[:2] == (WED, WED)


def test_after_the_meeting_names_no_party_of_it():
    ex = extract("Following the meeting, the White House and the Chinese Foreign Ministry released a joint statement.")
    assert ex_has_no(ex, "Meeting")
