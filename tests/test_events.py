"""Events read through the whole extractor, one family per test, on sentences of our own.

Each test builds an Article, extracts it, and checks the event class, its actor and target
(entity keys), place, time, planned flag and claim text; negated and hypothetical
happenings give no event, reports of one happening within an article are merged, and
every event's evidence is the exact sentence it was read from.
Weekdays of the publication dates used: 2024-03-27 Wed, 2024-05-02 Thu.
"""
from __future__ import annotations

import datetime as dt

import pytest

from graph.extract import default_extractor
from graph.extract.text import sentences
from graph.model import Article, Event, Extraction

THU = dt.date(2024, 5, 2)
D = dt.date

BLINKEN, WANG_YI, XI, BIDEN = "person/antony-blinken", "person/wang-yi", "person/xi-jinping", "person/joe-biden"
RAIMONDO, WANG_WENTAO = "person/gina-raimondo", "person/wang-wentao"
USA, CHN = "country/USA", "country/CHN"


def extract(text: str, published: dt.date | None = THU, article_id: str = "test") -> Extraction:
    ex = default_extractor().extract(Article(article_id, text, None, published))
    check_evidence(ex)
    return ex


def check_evidence(ex: Extraction) -> None:
    """Every event's evidence is exactly one sentence of the article, at its offsets."""
    text = ex.article.text
    sents = {(s.start, s.end, s.text) for s in sentences(text)}
    for ev in ex.events:
        assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
        assert (ev.evidence.start, ev.evidence.end, ev.evidence.text) in sents


def of_kind(ex: Extraction, kind: str) -> list[Event]:
    """Events of that class or of a finer class in its family (a Tariff is a Sanction)."""
    return [e for e in ex.events if kind in (e.kind, e.family)]


def one(ex: Extraction, kind: str) -> Event:
    found = of_kind(ex, kind)
    assert len(found) == 1, [(e.kind, e.label) for e in ex.events]
    return found[0]


def ex_has_no(ex: Extraction, kind: str) -> bool:
    return not of_kind(ex, kind)


def day(ev: Event) -> tuple:
    assert ev.when is not None, ev.label
    return ev.when.start, ev.when.end, ev.when.precision, ev.when.basis


def parties(ev: Event) -> set[str]:
    return set(ev.actor) | set(ev.target) | set(ev.participants)


# --- Visit ---------------------------------------------------------------------------------
def test_planned_visit_is_marked_planned_with_place_and_target_country():
    text = "Treasury Secretary Janet Yellen is set to visit Guangzhou next week."
    ev = one(extract(text, D(2024, 3, 27)), "Visit")
    assert ev.actor == ("person/janet-yellen",)
    assert ev.place == "place/guangzhou"
    assert ev.target == (CHN,)
    assert ev.planned is True
    assert day(ev) == (D(2024, 4, 1), D(2024, 4, 7), "week", "relative")
    assert ev.evidence.text == text
    assert ev.label == "Janet Yellen plans to visit Guangzhou"


def test_past_visit_is_not_planned():
    ev = one(extract("Commerce Secretary Gina Raimondo visited Shanghai on Wednesday."), "Visit")
    assert (ev.actor, ev.target, ev.place, ev.planned) == ((RAIMONDO,), (CHN,), "place/shanghai", False)
    assert day(ev) == (D(2024, 5, 1), D(2024, 5, 1), "day", "relative")


def test_visit_by_travel_verb_to_a_city_abroad():
    ev = one(extract("Secretary Blinken traveled to Manila in March."), "Visit")
    assert (ev.actor, ev.target, ev.place) == ((BLINKEN,), ("country/PHL",), "place/manila")
    assert day(ev) == (D(2024, 3, 1), D(2024, 3, 31), "month", "relative")


def test_visit_to_a_city_named_with_its_country():
    ev = one(extract("Secretary Blinken visited Rome, Italy on Friday."), "Visit")
    assert (ev.place, ev.target) == ("place/rome", ("country/ITA",))


def test_planned_visit_on_a_weekday_is_dated_forward():
    ev = one(extract("Secretary Blinken is set to visit Beijing on Saturday."), "Visit")
    assert ev.planned is True
    assert day(ev) == (D(2024, 5, 4), D(2024, 5, 4), "day", "relative")


def test_every_key_an_event_uses_is_an_entity_of_the_extraction():
    ex = extract("Secretary Blinken visited Beijing in April.")
    ev = one(ex, "Visit")
    assert ev.target == (CHN,)
    assert all(k in ex.entities for k in parties(ev) | {ev.place})


# --- Meeting ---------------------------------------------------------------------------------
def test_met_with_gives_actor_target_place_and_day():
    text = "Vice Minister Zhao Hailong met with Under Secretary Laura Pemberton in Washington on Tuesday."
    ev = one(extract(text), "Meeting")
    assert ev.actor == ("person/zhao-hailong",)
    assert ev.target == ("person/laura-pemberton",)
    assert ev.place == "place/washington"
    assert day(ev) == (D(2024, 4, 30), D(2024, 4, 30), "day", "relative")
    assert ev.trigger == "met with"
    assert ev.planned is False


def test_held_talks_with():
    ev = one(extract("Foreign Minister Wang Yi held talks with Secretary Blinken on Friday."), "Meeting")
    assert (ev.actor, ev.target) == ((WANG_YI,), (BLINKEN,))
    assert day(ev) == (D(2024, 4, 26), D(2024, 4, 26), "day", "relative")


def test_joint_subject_held_talks():
    ev = one(extract("Treasury Secretary Janet Yellen and Vice Premier He Lifeng held talks in Guangzhou "
                     "on Saturday."), "Meeting")
    assert set(ev.actor) == {"person/janet-yellen", "person/he-lifeng"}
    assert ev.place == "place/guangzhou"


def test_a_meeting_between_a_and_b_in_a_city():
    text = "A meeting between Treasury Secretary Scott Bessent and Vice Premier He Lifeng in Geneva lasted two days."
    ev = one(extract(text), "Meeting")
    assert parties(ev) == {"person/scott-bessent", "person/he-lifeng"}
    assert ev.place == "place/geneva"
    assert ev.label == "Scott Bessent meets He Lifeng in Geneva"


def test_planned_meeting_is_planned():
    ev = one(extract("President Biden will meet President Xi in San Francisco next week."), "Meeting")
    assert (ev.actor, ev.target, ev.place, ev.planned) == ((BIDEN,), (XI,), "place/san-francisco", True)
    assert day(ev) == (D(2024, 5, 6), D(2024, 5, 12), "week", "relative")


def test_the_country_of_the_meeting_place_is_not_a_party():
    ev = one(extract("Secretary Blinken and Foreign Minister Wang Yi met in Rome, Italy on Friday."), "Meeting")
    assert parties(ev) == {BLINKEN, WANG_YI}
    assert ev.place == "place/rome"


def test_time_near_a_trigger_that_gives_no_event_still_dates_the_event():
    ev = one(extract("President Biden held talks with President Xi at the summit in Woodside on Wednesday."),
             "Meeting")
    assert day(ev) == (D(2024, 5, 1), D(2024, 5, 1), "day", "relative")


# --- PhoneCall -----------------------------------------------------------------------------------
def test_spoke_by_phone_with():
    ev = one(extract("President Biden spoke by phone with President Xi on Tuesday."), "PhoneCall")
    assert (ev.actor, ev.target) == ((BIDEN,), (XI,))
    assert day(ev) == (D(2024, 4, 30), D(2024, 4, 30), "day", "relative")
    assert ev.label == "Joe Biden speaks by phone with Xi Jinping"


def test_held_a_call_with():
    ex = extract("National Security Advisor Jake Sullivan held a call with Foreign Minister Wang Yi on Monday.")
    ev = one(ex, "PhoneCall")
    assert (ev.actor, ev.target) == (("person/jake-sullivan",), (WANG_YI,))
    assert day(ev) == (D(2024, 4, 29), D(2024, 4, 29), "day", "relative")
    assert ex_has_no(ex, "Meeting")


# --- Accusation ------------------------------------------------------------------------------------
def test_accused_x_of():
    ev = one(extract("The Commerce Department accused China of dumping steel."), "Accusation")
    assert (ev.actor, ev.target) == (("org/us-department-of-commerce",), (CHN,))
    assert ev.claim is not None and "dumping steel" in ev.claim


def test_raised_concerns_about_a_possessor():
    ev = one(extract("Secretary Blinken raised concerns about China's support for Russia's defense industry."),
             "Accusation")
    assert (ev.actor, ev.target) == ((BLINKEN,), (CHN,))
    assert ev.claim == "China's support for Russia's defense industry"


def test_condemned():
    ev = one(extract("The Chinese Foreign Ministry condemned the U.S. decision to sell arms to Taiwan."),
             "Accusation")
    assert (ev.actor, ev.target) == (("org/cn-ministry-of-foreign-affairs",), (USA,))
    assert "dispute/taiwan" in ev.disputes


def test_country_raises_concerns_about_country():
    ev = one(extract("The United States raised concerns about China's support for Russia's defense industry."),
             "Accusation")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


@pytest.mark.parametrize("text, kind", [
    ("The State Department accused China of coercing its neighbors.", "Accusation"),
    ("The State Department criticized China for its military drills.", "Accusation"),
])
def test_state_department_as_subject(text, kind):
    ev = one(extract(text), kind)
    assert (ev.actor, ev.target) == (("org/us-department-of-state",), (CHN,))


def test_accused_a_capital_of():
    ev = one(extract("The Chinese Foreign Ministry accused Washington of hypocrisy."), "Accusation")
    assert ev.target == (USA,)


# --- Cancellation ------------------------------------------------------------------------------------
def test_postponed_talks_take_their_parties_from_the_meeting_called_off():
    text = ("Commerce Secretary Gina Raimondo was scheduled to meet Commerce Minister Wang Wentao in Tianjin "
            "next week. The talks were postponed on Wednesday.")
    ex = extract(text)
    meeting = one(ex, "Meeting")
    assert meeting.planned is True
    ev = one(ex, "Cancellation")
    assert parties(ev) == {RAIMONDO, WANG_WENTAO}
    assert day(ev) == (D(2024, 5, 1), D(2024, 5, 1), "day", "relative")
    assert ev.evidence.text == "The talks were postponed on Wednesday."


def test_postponed_trip_takes_the_traveller_from_the_visit():
    ex = extract("Secretary Blinken will visit Beijing next week. The trip was postponed on Wednesday.")
    ev = one(ex, "Cancellation")
    assert ev.actor == (BLINKEN,)
    assert ev.target == (CHN,)
    assert one(ex, "Visit").planned is True


def test_called_off_talks_are_no_meeting():
    text = ("Commerce Secretary Gina Raimondo was scheduled to meet Commerce Minister Wang Wentao in Tianjin "
            "next week. The two sides postponed the talks on Wednesday.")
    ex = extract(text)
    assert [m.evidence.text for m in of_kind(ex, "Meeting")] == [text.split(". ")[0] + "."]
    assert day(one(ex, "Cancellation"))[0] == D(2024, 5, 1)


# --- Sanction -----------------------------------------------------------------------------------------
def test_imposed_sanctions_on_a_company():
    ev = one(extract("The Treasury Department imposed sanctions on Harbor Example Shipping Co., Ltd. on Monday."),
             "Sanction")
    assert ev.actor == ("org/us-department-of-the-treasury",)
    assert ev.target == ("org/harbor-example-shipping-co-ltd",)
    assert day(ev) == (D(2024, 4, 29), D(2024, 4, 29), "day", "relative")


def test_sanctioned_chinese_firms_targets_china():
    ev = one(extract("The Treasury Department sanctioned three Chinese firms on Monday."), "Sanction")
    assert (ev.actor, ev.target) == (("org/us-department-of-the-treasury",), (CHN,))


def test_export_controls_carry_their_dispute():
    ev = one(extract("The Commerce Department imposed new export controls on Chinese chipmakers."), "Sanction")
    assert (ev.actor, ev.target) == (("org/us-department-of-commerce",), (CHN,))
    assert "dispute/export-controls" in ev.disputes


def test_added_a_company_to_the_entity_list():
    ev = one(extract("The Commerce Department on Thursday added Shenzhen Example Technology Co., Ltd. "
                     "to the Entity List."), "Sanction")
    assert ev.actor == ("org/us-department-of-commerce",)
    assert ev.target == ("org/shenzhen-example-technology-co-ltd",)


def test_company_added_to_the_entity_list_is_the_target():
    ev = one(extract("Shenzhen Example Technology Co., Ltd. was added to the Entity List on Thursday."), "Sanction")
    assert ev.target == ("org/shenzhen-example-technology-co-ltd",)
    assert "org/shenzhen-example-technology-co-ltd" not in ev.actor


# --- Agreement ------------------------------------------------------------------------------------------
def test_the_two_sides_agreed_resolves_to_the_parties_of_the_meeting_before():
    text = ("Secretary Blinken met Foreign Minister Wang Yi in Vienna on Friday. "
            "The two sides agreed to resume military communications.")
    ex = extract(text)
    meeting = one(ex, "Meeting")
    ev = one(ex, "Agreement")
    assert set(ev.actor) | set(ev.target) == {USA, CHN}  # "the two sides": the governments of the officials met
    assert "dispute/military-communications" in ev.disputes
    assert ev.when is not None and (ev.when.start, ev.when.basis) == (meeting.when.start, "context")
    assert ev.evidence.text == "The two sides agreed to resume military communications."


def test_named_parties_agree():
    ev = one(extract("The United States and the People’s Republic of China issued a joint statement."),
             "Agreement")
    assert set(ev.actor) == {USA, CHN}


# --- Claim --------------------------------------------------------------------------------------------
def test_what_it_claimed_was_is_a_claim_not_an_accusation():
    ex = extract("The Ministry of Commerce opened an anti-dumping probe into what it claimed was unfairly "
                 "priced American pork.")
    ev = one(ex, "Claim")
    assert ev.actor == ("org/cn-ministry-of-commerce",)
    assert ev.claim == "unfairly priced American pork"
    assert ex_has_no(ex, "Accusation")


def test_claim_text_stops_at_the_sentence():
    ex = extract("Beijing imposed tariffs on what it claimed were subsidized American goods. Exporters objected.")
    ev = one(ex, "Claim")
    assert ev.actor == (CHN,)
    assert ev.claim == "subsidized American goods"


# --- Denial -----------------------------------------------------------------------------------------
def test_denied_the_allegations():
    ev = one(extract("Shenzhen Example Technology Co., Ltd. denied the allegations."), "Denial")
    assert ev.actor == ("org/shenzhen-example-technology-co-ltd",)
    assert ev.claim == "the allegations"


def test_denied_that_gives_the_denied_claim():
    ev = one(extract("The Foreign Ministry spokesperson, Chen Meiling, denied that Chinese firms supplied "
                     "weapons to Russia."), "Denial")
    assert ev.actor == ("person/chen-meiling",)
    assert ev.claim == "Chinese firms supplied weapons to Russia"


def test_deny_without_a_claim_is_no_denial():
    ex = extract("The Foreign Ministry said the new rules deny Chinese students fair treatment.")
    assert ex_has_no(ex, "Denial")


def test_denial_with_a_trailing_day():
    ev = one(extract("Shenzhen Example Technology Co., Ltd. denied the allegations on Thursday."), "Denial")
    assert day(ev) == (D(2024, 5, 2), D(2024, 5, 2), "day", "relative")
    assert ev.claim == "the allegations"


# --- negation and hypotheticals -----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Secretary Blinken did not meet Foreign Minister Wang Yi during the summit.",
    "Secretary Blinken did not meet with Foreign Minister Wang Yi.",
    "President Biden has no plans to visit China this year.",
    "President Biden never visited Beijing.",
    "President Biden would meet President Xi if the talks succeed.",
    "Secretary Blinken could meet Foreign Minister Wang Yi next month.",
    "The Commerce Department could impose sanctions on Chinese chipmakers.",
    "The Commerce Department may impose tariffs on Chinese steel.",
    "The United States has no plans to impose sanctions on China.",
    "Chinese officials said they would respond to the new export rules.",
])
def test_negated_and_hypothetical_happenings_give_no_event(text):
    assert extract(text).events == ()


def test_no_event_without_a_trigger():
    assert extract("Trade between the two countries grew by four percent.").events == ()


# --- merging within an article, and dates from context ---------------------------------------------------
def test_two_sentences_about_one_call_give_one_event():
    first = "President Biden spoke by phone with President Xi on Tuesday."
    second = "The call between President Biden and President Xi lasted nearly two hours."
    assert len(of_kind(extract(first), "PhoneCall")) == 1
    assert len(of_kind(extract(second), "PhoneCall")) == 1      # each sentence alone reports the call
    ex = extract(first + " " + second)
    ev = one(ex, "PhoneCall")
    assert parties(ev) == {BIDEN, XI}
    assert day(ev) == (D(2024, 4, 30), D(2024, 4, 30), "day", "relative")
    assert ev.evidence.text == first


def test_meetings_on_different_days_stay_apart():
    ex = extract("Secretary Blinken met Foreign Minister Wang Yi in Vienna on Friday. "
                 "Secretary Blinken met Foreign Minister Wang Yi in Vienna again on Saturday.")
    meetings = of_kind(ex, "Meeting")
    assert [m.when.start for m in meetings] == [D(2024, 4, 26), D(2024, 4, 27)]
    assert meetings[0].evidence != meetings[1].evidence


def test_concerns_raised_after_a_dated_call_inherit_its_date():
    ex = extract("President Biden spoke by phone with President Xi on Tuesday. "
                 "He raised concerns about China's support for Russia.")
    call = one(ex, "PhoneCall")
    ev = one(ex, "Accusation")
    assert (ev.actor, ev.target) == ((BIDEN,), (CHN,))
    assert ev.when is not None
    assert (ev.when.start, ev.when.end, ev.when.precision) == (call.when.start, call.when.end, call.when.precision)
    assert ev.when.basis == "context"
    assert ev.evidence.text == "He raised concerns about China's support for Russia."


def test_concerns_raised_by_a_participants_country_inherit_the_meeting_date():
    # dated by the day the opening sentence reports (timing.fallback_dates)
    ex = extract("Treasury Secretary Janet Yellen met with Vice Premier He Lifeng in Guangzhou on Saturday. "
                 "The U.S. side raised concerns about China's industrial overcapacity.")
    meeting = one(ex, "Meeting")
    ev = one(ex, "Accusation")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert ev.when is not None and (ev.when.start, ev.when.basis) == (meeting.when.start, "context")


def test_undated_accusation_with_no_call_before_stays_undated():
    ev = one(extract("Secretary Blinken raised concerns about China's support for Russia."), "Accusation")
    assert ev.when is None


# --- evidence --------------------------------------------------------------------------------------------
def test_evidence_is_the_exact_sentence_for_every_event_of_an_article():
    text = ("Trade Chiefs Meet\n"
            "Treasury Secretary Janet Yellen met with Vice Premier He Lifeng in Guangzhou on Saturday. "
            "The U.S. side raised concerns about China's industrial overcapacity. "
            "The two sides agreed to hold further talks. "
            "The Treasury Department imposed sanctions on Harbor Example Shipping Co., Ltd. on Monday.")
    ex = extract(text)
    assert sorted(e.kind for e in ex.events) == ["Accusation", "Agreement", "Meeting", "Sanction"]
    sents = {s.text for s in sentences(text)}
    for ev in ex.events:
        assert ev.evidence.text in sents
        assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
        assert ev.trigger and ev.trigger.lower() in ev.evidence.text.lower()


# --- finer classes ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, fine, family", [
    ("President Biden met virtually with President Xi on Monday.", "VirtualMeeting", "Meeting"),
    ("The Commerce Department imposed new export controls on China on Tuesday.", "ExportControl", "Sanction"),
    ("The United States imposed tariffs on Chinese steel on Friday.", "Tariff", "Sanction"),
    ("The United States and China issued a joint statement on climate cooperation.", "JointStatement", "Agreement"),
])
def test_finer_classes_keep_their_family(text, fine, family):
    ev = one(extract(text), family)
    assert (ev.kind, ev.family) == (fine, family)


def test_he_is_the_subject_of_the_same_sentence_first():
    ex = extract("Commerce Minister Wang Wentao met Ambassador Nicholas Burns on Monday. "
                 "Defense Secretary Lloyd Austin will travel to Singapore next month, where he is "
                 "expected to meet his Chinese counterpart Dong Jun.")
    meetings = {(e.actor, e.target) for e in of_kind(ex, "Meeting")}
    assert (("person/lloyd-austin",), ("person/dong-jun",)) in meetings
    planned = next(e for e in of_kind(ex, "Meeting") if e.actor == ("person/lloyd-austin",))
    assert planned.planned and planned.when is None  # "to meet" is not dated to the publication day


def test_an_administration_is_its_country():
    ev = one(extract("The Biden administration imposed sanctions on Shenzhen Example Technology Co., Ltd. "
                     "on Friday."), "Sanction")
    assert ev.actor == ("country/USA",)


def test_joint_subjects_with_a_title_between_are_both_actors():
    ev = one(extract("President Donald Trump and Chinese leader Xi Jinping spoke by phone on Thursday."),
             "PhoneCall")
    assert set(ev.actor) == {"person/donald-trump", "person/xi-jinping"}


def test_tit_for_tat_on_one_day_are_two_reports_with_one_label_each():
    """Measures each way on one day are two happenings: their report nodes must differ, or the
    store folds them into one event with two opposite labels (found by `uscn validate`)."""
    from graph.rdf.triples import extraction_quads
    ex = extract("On Tuesday, the United States imposed new tariffs on China over its trade practices. "
                 "On Tuesday, China imposed retaliatory tariffs on the United States.")
    sanctions = of_kind(ex, "Tariff") + of_kind(ex, "Sanction")
    assert {(e.actor, e.target) for e in sanctions} == {((USA,), (CHN,)), ((CHN,), (USA,))}
    labels: dict[str, set[str]] = {}
    for q in extraction_quads(ex):
        if q.predicate.value.endswith("#label") and "/event/" in q.subject.value:
            labels.setdefault(q.subject.value, set()).add(q.object.value)
    assert len(labels) == 2 and all(len(v) == 1 for v in labels.values())


def test_a_measure_one_way_does_not_merge_with_one_the_other_way_that_names_no_target():
    """"China's tariff on the United States" and "tariffs the United States imposed on March 3" are two
    measures: the one naming no target must not lend its actor's date to the other."""
    ex = extract("Beijing will keep its 15% tariff on the United States. "
                 "Washington will lift the duties it imposed on March 3, 2024.")
    assert all(not (e.actor == (CHN,) and e.when and e.when.start == D(2024, 3, 3)) for e in ex.events)


def test_a_measure_a_past_relative_clause_reports_is_not_planned_and_takes_its_date():
    ex = extract("- Beijing will also suspend its 20% tariff on the United States it announced on March 4, 2024 for 60 days.")
    tariff = next(e for e in ex.events if e.actor == (CHN,) and e.target == (USA,))
    assert not tariff.planned and day(tariff)[0] == D(2024, 3, 4)


def extract_titled(title: str, text: str, published: dt.date = THU) -> Extraction:
    ex = default_extractor().extract(Article("test", text, title, published))
    check_evidence(ex)
    return ex


def test_an_executive_document_imposing_duties_on_a_country_is_a_sanction_dated_by_signing():
    ex = extract_titled("Imposing Additional Duties on Steel Imports from the People’s Republic of China",
                        "By the authority vested in me as President, I hereby order as follows. "
                        "Section 1. The duties set out in this order take effect on May 6, 2024.")
    (sanction,) = [e for e in ex.events if e.family == "Sanction"]
    assert sanction.actor == (USA,) and sanction.target == (CHN,) and day(sanction)[0] == D(2024, 5, 6)


def test_a_document_suspending_tariffs_is_a_cancellation_by_the_side_acting():
    ex = extract_titled("President Extends the Pause of Higher Tariffs on Goods from China",
                        "The President signed an order today. The order keeps the higher duties on hold for 90 days.")
    (pause,) = of_kind(ex, "Cancellation")
    assert pause.actor == (USA,) and pause.target == (CHN,) and day(pause)[0] == THU
    assert "suspends measures against China" in pause.label


def test_a_title_without_a_measure_in_its_opening_gives_no_document_action():
    ex = extract_titled("Imposing Duties on Imports from China", "The President met farmers in Iowa on Monday.")
    assert not of_kind(ex, "Cancellation") and not [e for e in ex.events if e.family == "Sanction"]


def test_measures_announced_by_china_against_the_us_take_china_as_actor():
    ex = extract_titled("Announcement on Imposing Countermeasures on United States Defense Firms",
                        "The Ministry announced countermeasures today against several companies.")
    (measure,) = [e for e in ex.events if e.family == "Sanction"]
    assert measure.actor == (CHN,) and measure.target == (USA,)


def test_a_second_measure_listed_after_the_first_keeps_its_actor():
    ex = extract("On Monday, Joe Biden said he is putting a 20% tariff on imports from Canada and a 15% tariff "
                 "on imports from China.")
    pairs = {(e.actor, e.target) for e in ex.events if e.family == "Sanction"}
    assert ((BIDEN,), (CHN,)) in pairs and not any("country/CAN" in a for a, _ in pairs)


def test_a_verb_after_first_or_last_is_still_a_verb():
    ex = extract("The new duties come on top of tariffs that Donald Trump first imposed on Chinese goods in 2018.")
    tariff = next(e for e in ex.events if e.family == "Sanction")
    assert tariff.actor == ("person/donald-trump",) and tariff.target == (CHN,) and day(tariff)[0].year == 2018


def test_an_official_document_naming_a_countrys_conduct_as_wrongful_accuses_it():
    ex = extract_titled("Statement by President Joe Biden on Protecting Our Steel Industry",
                        "Today I directed new steps to shield American steelworkers from the PRC’s unfair trade practices. "
                        "These steps follow months of review.")
    (acc,) = of_kind(ex, "Accusation")
    assert acc.actor == (BIDEN,) and acc.target == (CHN,) and day(acc)[0] == THU


def test_conduct_laid_on_a_country_by_a_phrase_or_its_verb():
    for text in ("The order protects our networks from threats posed by foreign adversaries like the People’s Republic of China.",
                 "The People’s Republic of China routinely engages in non-market policies in the steel sector."):
        ex = extract_titled("FACT SHEET: New Actions on Steel", text)
        (acc,) = of_kind(ex, "Accusation")
        assert acc.actor == (USA,) and acc.target == (CHN,)


def test_an_official_text_saying_a_country_failed_to_act_accuses_it():
    for text in ("The Government of the People’s Republic of China has failed to take adequate steps to stop the "
                 "export of precursor chemicals.",
                 "China has repeatedly refused to share data on the outbreak with international investigators."):
        ex = extract_titled("Executive Order on Addressing Threats to Public Health", text)
        (acc,) = of_kind(ex, "Accusation")
        assert acc.actor == (USA,) and acc.target == (CHN,)
    ok = extract_titled("FACT SHEET: New Actions on Supply Chains", "The United States worked with China on a joint study.")
    assert not of_kind(ok, "Accusation")


def test_conduct_in_news_prose_or_a_countrys_own_belief_is_no_accusation():
    news = extract_titled("Steel makers brace for new rules", "WASHINGTON — Critics point to China’s unfair trade practices.")
    assert not of_kind(news, "Accusation")
    belief = extract_titled("FACT SHEET: New Actions on Supply Chains",
                            "The United States believes that forced labor has no place in supply chains.")
    assert not of_kind(belief, "Accusation")


def test_a_guest_meeting_the_hosts_in_their_country_is_on_a_visit_there():
    ex = extract("BEIJING — Xi Jinping received Antony Blinken in Beijing on Tuesday and told him ties were improving.")
    (visit,) = of_kind(ex, "Visit")
    assert visit.actor == (BLINKEN,) and visit.target == (CHN,) and day(visit)[0] == D(2024, 4, 30)


def test_no_implied_visit_for_a_planned_or_background_meeting_or_one_the_text_reports():
    planned = extract("BEIJING — Joe Biden will meet Xi Jinping in Beijing next month.")
    background = extract("BEIJING — Joe Biden met Xi Jinping in Beijing in March 2019, long before the dispute.")
    told = extract("BEIJING — Antony Blinken visited Beijing on Monday. On Tuesday Xi Jinping received Blinken in Beijing.")
    readout = extract("Xi Jinping received Antony Blinken in Beijing on Tuesday.")
    assert not of_kind(planned, "Visit") and not of_kind(background, "Visit") and not of_kind(readout, "Visit")
    assert len(of_kind(told, "Visit")) == 1


def test_criticism_a_spokesman_reports_of_his_government_is_his():
    ex = extract("Zhou Pengfei, a spokesman for the Chinese Embassy in London, said on Monday that Beijing "
                 "\"firmly opposes\" the new rules and accused the United States of bullying.")
    acc = one(ex, "Accusation")
    assert acc.actor == ("person/zhou-pengfei",) and acc.target == (USA,)


def test_a_negation_of_an_earlier_coordinated_verb_does_not_rule_out_a_past_trigger():
    ex = extract("Wang Yi said the line must not be crossed and accused Washington of stirring up trouble.")
    acc = one(ex, "Accusation")
    assert acc.actor == (WANG_YI,) and acc.target == (USA,)
    assert ex_has_no(extract("Wang Yi did not accuse or blame Washington."), "Accusation")


def test_a_meeting_both_sides_said_they_would_work_toward_is_planned():
    ex = extract("Both governments said they would work toward a meeting between Joe Biden and Xi Jinping in Beijing next month.")
    meeting = one(ex, "Meeting")
    assert meeting.planned and {BIDEN, XI} <= parties(meeting)


def test_you_in_a_two_principal_transcript_is_the_one_addressed():
    text = ("Remarks Before Their Meeting\n\nPRESIDENT XI: It is good to see you, Mr. President.\n\n"
            "PRESIDENT BIDEN: Thank you. You were kind enough to call me after the election.")
    ex = extract_titled("Remarks by President Biden and President Xi Jinping Before Bilateral Meeting", text)
    call = one(ex, "PhoneCall")
    assert call.actor == (XI,) and call.target == (BIDEN,)
    plain = extract_titled("Statement on the Visit", "You were kind enough to call me after the election.")
    assert ex_has_no(plain, "PhoneCall")
