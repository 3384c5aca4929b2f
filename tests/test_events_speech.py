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


# --- departments by their first word ------------------------------------------------------------
TREASURY, COMMERCE, STATE = "org/us-department-of-the-treasury", "org/us-department-of-commerce", "org/us-department-of-state"


@pytest.mark.parametrize("text, actor", [
    ("Treasury sanctioned three Chinese companies on Tuesday for supplying drone parts to Iran.", TREASURY),
    ("The Treasury said it had sanctioned two Chinese firms for selling drone engines to Russia.", TREASURY),
    ("Commerce on Tuesday added 12 Chinese firms to the Entity List.", COMMERCE),
    ("Commerce also imposed new export restrictions on Chinese chipmakers.", COMMERCE),
])
def test_a_department_named_by_its_first_word_acts(text, actor):
    ev = one(extract(text), "Sanction")
    assert ev.actor == (actor,) and CHN in ev.target


@pytest.mark.parametrize("text", [
    "Trade and commerce between the two countries fell sharply last year.",
    "Commerce between the two countries fell sharply last year.",
    "Treasury yields rose after the announcement in Beijing.",
    "State media said the talks with the Americans were constructive.",
    "The Secretary of State said the talks were useful.",
])
def test_the_common_word_or_a_modifier_names_no_department(text):
    keys = {m.entity for m in extract(text).mentions}
    assert not keys & {TREASURY, COMMERCE, STATE}


def test_state_as_the_subject_of_said_is_the_department():
    assert STATE in {m.entity for m in extract("State said on Tuesday that the sanctions would stay in place.").mentions}


# --- criticism in reported speech -----------------------------------------------------------------
HK_CASES = [
    ("Japan condemned the arrests of pro-democracy figures in Hong Kong.", JPN),
    ("The United Kingdom on Monday criticized the continued detention of journalists in Hong Kong.", GBR),
    ("Canada condemned the crackdown on peaceful protesters in Xinjiang, a statement said.", CAN),
]


@pytest.mark.parametrize("text, actor", HK_CASES)
def test_a_governments_act_criticised_is_laid_on_the_government_of_its_place(text, actor):
    ev = one(extract(text), "Accusation")
    assert (ev.actor, ev.target) == ((actor,), (CHN,))


def test_an_act_in_the_speakers_own_country_is_no_accusation_of_another():
    assert ex_has_no(extract("Japan condemned the arrests of activists in Tokyo."), "Accusation")


@pytest.mark.parametrize("text, actor", [
    ("The State Department said it was deeply concerned about China's detention of the activists.",
     "org/us-department-of-state"),
    ("Australia is gravely concerned by China's dangerous intercept of its aircraft, the defence minister said.", AUS),
    ("Secretary of State Antony Blinken said the United States remained concerned over China's support for Moscow.",
     BLINKEN),
])
def test_concern_in_the_adjective_form(text, actor):
    ev = one(extract(text), "Accusation")
    assert actor in ev.actor + ev.target and CHN in ev.target


@pytest.mark.parametrize("text", [
    "Australia is not concerned about China's purchases of its wine, the trade minister said.",
    "Officials would be concerned about any Chinese move against the island.",
])
def test_no_concern_voiced_no_accusation(text):
    assert ex_has_no(extract(text), "Accusation")


def test_we_in_a_quotation_is_the_one_it_is_attributed_to():
    ev = one(extract('"We are deeply concerned by China\'s aggressive actions in the South China Sea," '
                     'Secretary of State Antony Blinken said on Tuesday.'), "Accusation")
    assert (ev.actor, ev.target) == ((BLINKEN,), (CHN,))


def test_a_demand_in_a_quotation_is_the_speakers():
    ev = one(extract('"China must stop its support for Russia\'s war machine," Secretary of State Antony Blinken told reporters.'),
             "Accusation")
    assert (ev.actor, ev.target) == ((BLINKEN,), (CHN,))


@pytest.mark.parametrize("text, actor, target", [
    ("Beijing blasted Washington's decision to sell arms to Taiwan.", CHN, USA),
    ("China's Commerce Ministry expressed strong dissatisfaction with the U.S. tariff increase.", "org/cn-ministry-of-commerce", USA),
    ("Foreign Minister Wang Yi hit out at U.S. export controls on Tuesday.", WANG_YI, USA),
])
def test_more_verbs_of_criticism(text, actor, target):
    ev = one(extract(text), "Accusation")
    assert (ev.actor, ev.target) == ((actor,), (target,))


def test_an_act_called_a_gross_interference_accuses_who_did_it():
    ev = one(extract("Foreign Ministry spokesperson Lin Jian called the U.S. move a gross interference in China's internal affairs."),
             "Accusation")
    assert (ev.actor, ev.target) == (("person/lin-jian",), (USA,))
    ex = extract("The United States imposed sanctions on six Chinese officials on Monday. Foreign Ministry spokesperson "
                 "Lin Jian called the sanctions a gross interference in China's internal affairs.")
    ev = one(ex, "Accusation")
    assert (ev.actor, ev.target) == (("person/lin-jian",), (USA,))


@pytest.mark.parametrize("text", [
    "China denied accusations that it had hacked U.S. government networks.",
    "Critics say Beijing has undermined freedoms in Hong Kong.",
    "The United States would condemn any attempt by China to change the status quo.",
    "Secretary of State Antony Blinken did not criticize China during the visit.",
    "Foreign Ministry spokesperson Lin Jian called the talks with the Americans candid and constructive.",
    "Foreign Ministry spokesperson Lin Jian did not call the sanctions a violation of international law.",
])
def test_no_accusation(text):
    assert ex_has_no(extract(text), "Accusation")


# --- measures by third parties, and measures said of themselves ------------------------------------
@pytest.mark.parametrize("text, actor, target", [
    ("The European Union imposed sanctions on four Chinese officials over abuses in Xinjiang.", "org/european-union", CHN),
    ("Britain added three Chinese companies to its sanctions list on Tuesday.", GBR, CHN),
    ("The EU added four Chinese firms to its latest sanctions package against Russia.", "org/european-union", CHN),
    ("Japan tightened export controls on chipmaking equipment bound for China.", JPN, CHN),
    ("Canada announced a 100 percent tariff on Chinese electric vehicles in August.", CAN, CHN),
    ("Australia sanctioned two Chinese firms for helping Russia's military.", AUS, CHN),
    ("China added 11 U.S. defense firms to its unreliable entity list on Tuesday.", CHN, USA),
    ("Beijing placed two U.S. drone makers on its unreliable entity list in response to arms sales to Taiwan.", CHN, USA),
    ("China imposed anti-dumping duties on Canadian canola oil.", CHN, CAN),
])
def test_measures_by_and_against_third_parties(text, actor, target):
    ev = one(extract(text), "Sanction")
    assert (ev.actor, ev.target) == ((actor,), (target,))


def test_a_measure_said_of_itself_is_the_side_the_article_is_about():
    ex = extract("WASHINGTON — Tariffs on Chinese goods rose to 145 percent on Thursday. President Donald Trump said the "
                 "United States would not back down. Treasury Secretary Scott Bessent said talks could start soon.")
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,)) and day(ev)[:2] == (D(2024, 5, 2), D(2024, 5, 2))
    ex = extract("OTTAWA — Duties of 25 percent took effect on Chinese steel on Monday. Prime Minister Justin Trudeau said "
                 "Canada had to protect its workers. Canada's finance minister said the measures were needed.")
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((CAN,), (CHN,)) and day(ev)[:2] == (D(2024, 4, 29), D(2024, 4, 29))


@pytest.mark.parametrize("text", [
    "Tariffs on Chinese goods rose to 145 percent on Thursday.",  # no side named at all
    "Canada and the United States both worry about Chinese steel. Duties of 25 percent took effect on Chinese steel on Monday.",
    "WASHINGTON — Tariffs on Chinese goods did not take effect on Thursday. President Donald Trump said the United States "
    "would wait. The United States wants a deal.",
])
def test_a_measure_said_of_itself_with_no_clear_side_is_no_event(text):
    assert ex_has_no(extract(text), "Sanction")


# --- who is criticised when the act is pointed back to, and where it was done ----------------------
def test_opposing_the_move_criticises_who_made_it():
    ex = extract("WASHINGTON — The Commerce Department on Tuesday added 37 Chinese entities to the Entity List. China's "
                 "commerce ministry said it firmly opposed the move and would take necessary measures.")
    ev = one(ex, "Accusation")
    assert (ev.actor, ev.target) == (("org/cn-ministry-of-commerce",), ("org/us-department-of-commerce",))


def test_condemning_the_decision_with_nothing_reported_before_is_no_accusation():
    assert ex_has_no(extract("Beijing condemned the decision on Tuesday."), "Accusation")


def test_a_spokesperson_for_a_body_speaks_for_its_owner():
    ex = extract("BRUSSELS — The European Union on Friday imposed sanctions on three Chinese companies. A spokesperson "
                 "for China's mission to the EU called the sanctions a violation of international law.")
    accusations = of_kind(ex, "Accusation")
    assert [(e.actor, e.target) for e in accusations] == [((CHN,), ("org/european-union",))]


def test_companies_accused_of_something_name_no_accuser():
    ex = extract("The European Union imposed sanctions on three Chinese companies accused of helping Russia evade export curbs.")
    assert ex_has_no(ex, "Accusation") and one(ex, "Sanction").target == (CHN,)


def test_a_protest_voiced_to_another_side():
    ev = one(extract("Japan voiced strong protest to China on Wednesday over the incursions."), "Accusation")
    assert (ev.actor, ev.target) == ((JPN,), (CHN,))


def test_a_bodys_demand_is_its_owners():
    ev = one(extract("China's embassy said the charges were a fabrication and urged London to stop its political manipulation."),
             "Accusation")
    assert (ev.actor, ev.target) == ((CHN,), (GBR,))


def test_where_the_criticised_act_was_done_is_the_accusations_place():
    ev = one(extract("The Philippines accused China of ramming a supply boat near Second Thomas Shoal on Monday."), "Accusation")
    assert ev.place == "place/second-thomas-shoal" and "Shoal" not in ev.label
    ev = one(extract("Japan condemned the arrests of pro-democracy figures in Hong Kong."), "Accusation")
    assert ev.place == "place/hong-kong"


def test_a_coast_guards_water_cannon_reported_by_the_other_side():
    ev = one(extract("Manila said Chinese coast guard ships had fired water cannon at its supply boat."), "Accusation")
    assert ev.actor == ("country/PHL",) and ev.target[0] in (CHN, "org/cn-china-coast-guard")


def test_it_after_a_reporting_verb_is_the_one_who_said_so():
    ev = one(extract("The Dutch government said on Friday it will expand export restrictions on chipmaking machines to China."),
             "Sanction")
    assert (ev.actor, ev.target) == (("country/NLD",), (CHN,))


def test_a_measure_on_the_actors_own_companys_goods_is_aimed_at_the_foreign_party():
    ev = one(extract("The Dutch government expanded export restrictions on ASML's chipmaking machines to China."), "Sanction")
    assert (ev.actor, ev.target) == (("country/NLD",), (CHN,))
    ev = one(extract("The Netherlands imposed restrictions on ASML."), "Sanction")
    assert ev.target == ("org/asml",)


def test_the_state_of_an_accused_government_body_takes_part():
    ev = one(extract("Japan expressed serious concern over Chinese military drills near Taiwan."), "Accusation")
    assert ev.actor == (JPN,) and CHN in parties(ev)
    ev = one(extract("The United States accused Huawei of stealing trade secrets."), "Accusation")
    assert ev.participants == ()  # a company is no body of its state


def test_support_for_protests_is_no_protest():
    assert ex_has_no(extract("The United States expressed support for the protests in Hong Kong."), "Accusation")


def test_a_capitals_ministry_speaks_for_its_government():
    ev = one(extract("Officials met in Geneva. Beijing's foreign ministry accused Washington of bullying on Tuesday."), "Accusation")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))


def test_a_worry_about_what_may_come_is_no_accusation():
    assert ex_has_no(extract("Asian leaders are concerned about a future U.S. administration that is more protectionist."),
                     "Accusation")
    assert ex_has_no(extract("Japan is concerned about possible Chinese sanctions on its seafood."), "Accusation")
