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


# --- sanctions -----------------------------------------------------------------------------
def test_an_executive_order_barring_transactions_is_a_sanction_not_an_agreement():
    ex = extract("President Donald Trump signed an executive order barring transactions with Tencent on Thursday.", WED)
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((TRUMP,), ("org/tencent",))
    assert day(ev)[:2] == (D(2025, 3, 6), D(2025, 3, 6))
    assert ex_has_no(ex, "Agreement")


def test_an_order_that_will_bar_is_the_signers_measure():
    ex = extract("President Donald Trump signed executive orders that will bar transactions with Tencent.", WED)
    assert one(ex, "Sanction").actor == (TRUMP,)
    assert ex_has_no(ex, "Agreement")


def test_barring_ones_own_firms_from_selling_to_a_party_targets_that_party():
    ev = one(extract("The Commerce Department barred U.S. firms from selling components to Huawei.", WED), "Sanction")
    assert (ev.actor, ev.target) == (("org/us-department-of-commerce",), ("org/huawei",))
    ev = one(extract("The Commerce Department banned American companies from exporting chips to Huawei.", WED), "Sanction")
    assert ev.target == ("org/huawei",)


def test_a_measure_and_the_reply_hitting_back_are_two_events():
    ex = extract("Washington imposed duties on Chinese steel in May and China hit back with tariffs on American soybeans.", WED)
    assert sorted((ev.actor, ev.target) for ev in of_kind(ex, "Sanction")) == sorted([((USA,), (CHN,)), ((CHN,), (USA,))])


def test_the_month_may_is_no_modal():
    ex = extract("China imposed tariffs on American pork in May and retaliated again in June.", WED)
    assert of_kind(ex, "Sanction")
    assert ex_has_no(extract("China may impose tariffs on American pork.", WED), "Sanction")


def test_a_regime_someone_breaks_is_no_new_measure():
    assert ex_has_no(extract("Huawei was charged with violating U.S. sanctions on Iran.", WED), "Sanction")
    assert ex_has_no(extract("Chinese refiners keep buying oil despite American sanctions on Venezuela.", WED), "Sanction")
    assert ex_has_no(extract("The bank helped clients get around American sanctions on Iran.", WED), "Sanction")


def test_lowering_a_measure_is_none_imposed_but_one_imposed_earlier_stays():
    assert ex_has_no(extract("The United States agreed to cut tariffs on Chinese goods in return for steps on fentanyl.", WED), "Sanction")
    ex = extract("President Donald Trump said he had agreed with Xi Jinping to lower tariffs on Chinese goods.", WED)
    assert ex_has_no(ex, "Sanction")
    assert one(ex, "Agreement").actor == (TRUMP,)
    ev = one(extract("China will remove the retaliatory tariffs it imposed on American farm goods.", WED), "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))


# --- agreements and duplicates -------------------------------------------------------------
def test_one_sides_stance_is_no_agreement_but_both_sides_commitment_is():
    ex = extract("Antony Blinken said he is committed to maintaining open lines of communication with China.", WED)
    assert ex_has_no(ex, "Agreement")
    ex = extract("The United States and China are committed to further talks on trade.", WED)
    assert {USA, CHN} <= set(one(ex, "Agreement").actor)


def test_a_demand_is_no_agreement():
    assert ex_has_no(extract("China demanded that Canada and the United States release the detained executive.", WED), "Agreement")


def test_sitting_down_with_two_counterparts_is_one_meeting():
    ev = one(extract("Antony Blinken sat down with Wang Yi and Li Qiang in Beijing on Monday.", WED), "Meeting")
    assert set(ev.target) == {"person/wang-yi", "person/li-qiang"}
    ev = one(extract("Antony Blinken held talks with Wang Yi and Premier Li Qiang on Monday.", WED), "Meeting")
    assert len(ev.target) == 2


def test_talks_with_one_in_the_morning_and_another_later_are_two_meetings():
    ex = extract("Antony Blinken held talks with Li Qiang in the morning and with Wang Yi in the afternoon.", WED)
    assert sorted(ev.target for ev in of_kind(ex, "Meeting")) == [("person/li-qiang",), ("person/wang-yi",)]


def test_a_measure_listed_in_a_relative_clause_is_the_subjects():
    ex = extract("China announced countermeasures on Tuesday, which included sanctions against members of the European Parliament.", WED)
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), ("org/european-parliament",))
    assert day(ev)[:2] == (D(2025, 3, 11), D(2025, 3, 11))


def test_a_reply_in_kind_is_aimed_at_whoever_took_the_measure():
    ex = extract("The European Union sanctioned four Chinese officials on Monday, and China responded with sanctions on ten Europeans.", WED)
    assert sorted((ev.actor, ev.target) for ev in of_kind(ex, "Sanction")) == \
        sorted([(("org/european-union",), (CHN,)), ((CHN,), ("org/european-union",))])
    ex = extract("The European Union sanctioned four Chinese officials on Monday. China retaliated with countermeasures.", WED)
    assert ((CHN,), ("org/european-union",)) in [(ev.actor, ev.target) for ev in of_kind(ex, "Sanction")]


def test_a_reply_with_nothing_before_it_has_no_target_to_borrow():
    assert ex_has_no(extract("China responded with sanctions on ten Europeans.", WED), "Sanction")


def test_agreeing_to_pay_a_penalty_is_a_settlement_with_whoever_took_the_measure():
    ex = extract("The Commerce Department barred American firms from selling components to Huawei. "
                 "Huawei agreed in June to pay a $1 billion penalty.", WED)
    ev = one(ex, "Agreement")
    assert (ev.actor, ev.target) == (("org/huawei",), ("org/us-department-of-commerce",))
    ev = one(extract("Huawei agreed to pay a $1 billion fine to settle charges brought by the Justice Department.", WED), "Agreement")
    assert ev.target == ("org/us-department-of-justice",)


def test_agreeing_to_pay_with_no_other_party_known_is_no_agreement():
    assert ex_has_no(extract("Huawei agreed to pay a $1 billion penalty.", WED), "Agreement")


def test_a_deal_signed_with_a_party_is_an_agreement_of_both_sides_dated_by_its_signing():
    ex = extract("Under the trade deal signed with the United States in January, China pledged to buy more goods.", WED)
    ev = one(ex, "Agreement")
    assert set(ev.actor) | set(ev.target) == {USA, CHN}
    assert day(ev)[:2] == (D(2025, 1, 1), D(2025, 1, 31))


def test_how_a_measure_reported_before_works_is_no_new_measure():
    ex = extract("The Treasury Department sanctioned five Chinese officials on Monday. Any assets they hold in the "
                 "United States will be frozen, and Americans are barred from doing business with them.", WED)
    ev = one(ex, "Sanction")
    assert ev.actor == ("org/us-department-of-the-treasury",)
    ev = one(extract("Huawei was barred from buying American chips.", WED), "Sanction")
    assert ev.target == ("org/huawei",)


def test_designating_officials_named_in_apposition_keeps_the_designator_as_actor():
    ev = one(extract("The Treasury Department designated two PRC officials, Chen Quanguo and Zhu Hailun, "
                     "under the Global Magnitsky Act.", WED), "Sanction")
    assert ev.actor == ("org/us-department-of-the-treasury",)
    assert set(ev.target) == {"person/chen-quanguo", "person/zhu-hailun"}


def test_a_suspension_in_a_list_of_countermeasures_is_a_cancellation():
    ex = extract("China announced countermeasures, including the suspension of the maritime safety talks with the United States.", WED)
    ev = one(ex, "Cancellation")
    assert ev.actor == (CHN,)
    assert ex_has_no(ex, "Meeting")


def test_a_verbs_own_object_wins_over_talks_named_earlier_in_the_sentence():
    ex = extract("On Monday, China postponed the talks, and the United States suspended a planned test of its missile defences.", WED)
    us = [ev for ev in of_kind(ex, "Cancellation") if ev.actor == (USA,)]
    assert len(us) == 1 and "test" in us[0].label


def test_a_possessive_before_purchases_does_not_make_a_cancellation():
    assert ex_has_no(extract("China said it would suspend its purchases of American farm products.", WED), "Cancellation")


def test_the_day_a_suspended_measure_was_due_is_not_the_suspensions_day():
    ev = one(extract("The United States on Tuesday suspended the tariffs scheduled to take effect on June 1.", WED), "Cancellation")
    assert day(ev)[:2] == (D(2025, 3, 11), D(2025, 3, 11))


def test_tariffs_of_up_to_a_rate_on_goods_name_their_target():
    ex = extract("China announced tariffs of up to 15 percent on American coal and liquefied natural gas on Tuesday.", WED)
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))


def test_a_vow_to_retaliate_is_no_measure_but_a_measure_after_it_is():
    assert ex_has_no(extract("China vowed to retaliate against the new American restrictions.", WED), "Sanction")
    ex = extract("China vowed to retaliate and on Friday imposed tariffs on American soybeans.", WED)
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))
    assert day(ev)[:2] == (D(2025, 3, 7), D(2025, 3, 7))


def test_a_verb_after_and_a_time_shares_the_first_verbs_subject():
    ev = one(extract("China threatened Washington and on Friday imposed tariffs on American soybeans.", WED), "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))


def test_imposing_no_tariffs_is_no_measure():
    assert ex_has_no(extract("China did not retaliate and on Friday imposed no tariffs.", WED), "Sanction")


def test_pausing_a_dialogue_is_a_cancellation_not_a_meeting():
    ex = extract("China paused the military dialogue with the United States on Friday.", WED)
    ev = one(ex, "Cancellation")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))
    assert ex_has_no(ex, "Meeting")


def test_a_pause_as_a_noun_and_a_period_of_suspension_call_nothing_off():
    assert ex_has_no(extract("The United States and China reached an agreement on a 90-day pause in tariffs.", WED), "Cancellation")
    assert ex_has_no(extract("During the suspension, the United States continued its talks with China.", WED), "Cancellation")


def test_suspending_a_benefit_is_no_cancellation():
    ex = extract("President Donald Trump suspended de minimis treatment for packages from China on Friday.", WED)
    assert ex_has_no(ex, "Cancellation")


def test_revoking_visas_is_a_measure():
    ev = one(extract("The United States revoked the visas of two Chinese journalists on Monday.", WED), "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


def test_a_pledge_in_a_relative_clause_is_the_antecedents_agreement():
    ex = extract("The move tests the partnership between the United States and China, which pledged in Glasgow "
                 "in 2021 to cut methane emissions.", WED)
    ev = one(ex, "Agreement")
    assert set(ev.actor) == {USA, CHN}
    assert ev.place == "place/glasgow"
    assert day(ev)[:2] == (D(2021, 1, 1), D(2021, 12, 31))


def test_a_deal_signed_by_two_parties_is_their_agreement():
    ex = extract("The trade deal, signed by the United States and China in January 2020, required China to buy more goods.", WED)
    ev = one(ex, "Agreement")
    assert set(ev.actor) == {USA, CHN}
    assert day(ev)[:2] == (D(2020, 1, 1), D(2020, 1, 31))


def test_one_party_pledging_in_a_relative_clause_is_no_agreement():
    assert ex_has_no(extract("The plan was welcomed by China, which pledged to cut its emissions.", WED), "Agreement")


def test_a_measure_in_retaliation_for_anothers_is_aimed_at_the_side_answered():
    ex = extract("China on Monday imposed sanctions on 11 Americans in retaliation for the U.S. sanctions on Chinese officials.", WED)
    pairs = [(ev.actor, ev.target) for ev in of_kind(ex, "Sanction")]
    assert ((CHN,), (USA,)) in pairs


def test_lifting_sanctions_is_no_measure_imposed():
    assert ex_has_no(extract("The United States lifted sanctions on the Chinese shipping firm on Monday.", WED), "Sanction")
    ex = extract("The United States sanctioned Chinese officials over the crackdown and lifted sanctions on a shipping firm.", WED)
    assert one(ex, "Sanction").target == (CHN,)


def test_possible_or_hoped_measures_are_no_events():
    for text in ("The United States could impose new tariffs on Chinese goods as soon as next week.",
                 "The administration is preparing sanctions against Chinese banks.",
                 "The United States has not imposed sanctions on Chinese officials over the crackdown.",
                 "Calls for sanctions on Chinese officials have grown in Congress."):
        assert ex_has_no(extract(text, WED), "Sanction"), text


def test_a_gerund_reports_a_measure_only_after_an_order_or_an_act():
    ex = extract('Secretary of State Mike Pompeo said that the U.S. was "certainly looking at" banning Chinese social media apps.', WED)
    assert ex_has_no(ex, "Sanction")
    ev = one(extract("China retaliated on Friday by banning exports of gallium to the United States.", WED), "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))


def test_an_order_that_will_bar_after_an_aside_still_names_its_target():
    ex = extract("President Donald Trump signed executive orders that will bar, after 45 days, any transactions "
                 "by Americans with Tencent.", WED)
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((TRUMP,), ("org/tencent",))
    assert ex_has_no(ex, "Agreement")
