"""Executive documents read by their own form (a heading naming the form, the words of authority,
the sections that impose measures), whoever published them; and measures and cancellations
announced in prose, in wire and official styles. Sentences and documents of our own (none taken
from the dev or held-out sets). Weekday of the publication date used: 2025-03-12 Wed.
"""
from __future__ import annotations

import datetime as dt

from graph.extract import default_extractor
from graph.model import Article
from test_events import CHN, USA, check_evidence, day, ex_has_no, extract, of_kind, one

D = dt.date
WED = D(2025, 3, 12)


def document(text: str, title: str | None = None, published: dt.date = WED):
    """A document with no publisher ("source") and, unless given, no title: read by its own form."""
    ex = default_extractor().extract(Article("doc", text, title, published))
    check_evidence(ex)
    return ex


ORDER = """EXECUTIVE ORDER

IMPOSING DUTIES TO ADDRESS THE FLOW OF SYNTHETIC DRUGS FROM THE PEOPLE'S REPUBLIC OF CHINA

By the authority vested in me as President by the Constitution and the laws of the United States of America, it is hereby ordered:

Section 1. Purpose. Precursor chemicals shipped from the People's Republic of China feed a crisis in American towns.

Sec. 2. Duties. All articles that are products of the PRC shall be subject to an additional 15 percent ad valorem rate of duty.

THE WHITE HOUSE,
    January 28, 2026.
"""


def test_an_order_with_no_title_or_publisher_is_read_by_its_heading_and_dated_by_its_signature():
    ev = one(document(ORDER), "Sanction")
    assert ev.kind == "Tariff"
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert day(ev)[:2] == (D(2026, 1, 28), D(2026, 1, 28))


def test_an_order_titled_by_its_number_and_date_takes_that_date():
    text = ("Executive Order 15001 of October 2, 2025\n\nProtecting American Capital From Military Companies\n\n"
            "By the authority vested in me as President by the Constitution and the laws of the United States of "
            "America, I find that investment in certain firms poses a threat.\n\n"
            "Sec. 2. Prohibitions. United States persons are prohibited from purchasing publicly traded securities "
            "of military companies of the People's Republic of China.\n")
    ev = one(document(text), "Sanction")
    assert ev.kind == "InvestmentRestriction"
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert day(ev)[:2] == (D(2025, 10, 2), D(2025, 10, 2))


PROCLAMATION = """A PROCLAMATION

SUSPENSION OF ENTRY OF CERTAIN GRADUATE RESEARCHERS FROM THE PEOPLE'S REPUBLIC OF CHINA

NOW, THEREFORE, I, President of the United States, find that the unrestricted entry of these researchers would harm the interests of the United States.

Section 1. Suspension of Entry. The entry into the United States of nationals of the PRC who seek a research visa is hereby suspended, subject to section 2.

IN WITNESS WHEREOF, I have hereunto set my hand this fourteenth day of July, in the year of our Lord two thousand twenty-six, and of the Independence of the United States of America the two hundred and fifty-first.
"""


def test_a_proclamation_suspending_entry_is_a_sanction_not_a_cancellation_dated_in_words():
    ex = document(PROCLAMATION)
    ev = one(ex, "Sanction")
    assert ev.kind == "VisaRestriction"
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert day(ev)[:2] == (D(2026, 7, 14), D(2026, 7, 14))
    assert ex_has_no(ex, "Cancellation")


def test_an_order_pausing_duties_is_a_cancellation_of_a_measure():
    text = ("EXECUTIVE ORDER\n\nEXTENDING THE PAUSE OF HEIGHTENED TARIFFS ON CHINA\n\nBy the authority vested in me "
            "as President, I order that the heightened duties on articles of China remain suspended.\n\n"
            "THE WHITE HOUSE,\nJune 3, 2026.\n")
    ex = document(text)
    ev = one(ex, "Cancellation")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert day(ev)[:2] == (D(2026, 6, 3), D(2026, 6, 3))
    assert ex_has_no(ex, "Sanction")


def test_sections_of_an_order_under_a_title_that_names_no_country():
    text = ("By the authority vested in me as President by the Constitution and the laws of the United States of "
            "America, it is hereby ordered:\n\nSec. 2. Rates. Products of China shall be subject to an additional "
            "25 percent ad valorem rate of duty.\n")
    ev = one(document(text, title="Amending the Duties on Certain Imports"), "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert day(ev)[:2] == (WED, WED)


def test_a_story_headlined_with_an_order_is_no_order_and_a_quoted_section_is_no_measure():
    text = ("Executive order on chip exports draws criticism\n\nLawmakers said on Tuesday that products of China "
            "shall be subject to an additional review, not an additional duty.\n")
    assert ex_has_no(document(text), "Sanction")


def test_an_order_whose_opening_speaks_only_of_the_emergency_is_read_by_its_title():
    text = ("By the authority vested in me as President by the Constitution and the laws of the United States of "
            "America, I find that the flow of precursor chemicals is an unusual and extraordinary threat.\n\n"
            "Sec. 2. All articles that are products of the PRC shall be, consistent with law, subject to an "
            "additional 12 percent ad valorem rate of duty.\n\nTHE WHITE HOUSE, May 5, 2026.\n")
    ev = one(document(text, title="Imposing Duties on Imports From the People's Republic of China"), "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert day(ev)[:2] == (D(2026, 5, 5), D(2026, 5, 5))


def test_countries_of_concern_listed_in_an_annex_are_the_target():
    text = ("By the authority vested in me as President by the Constitution and the laws of the United States of "
            "America, I find that countries of concern exploit American capital.\n\n"
            "Sec. 2. The regulations shall prohibit United States persons from engaging in covered transactions.\n\n"
            "THE WHITE HOUSE, May 5, 2026.\n\nAnnex\n\nThe People's Republic of China\n")
    ev = one(document(text, title="Addressing Investments in Countries of Concern"), "Sanction")
    assert ev.kind == "InvestmentRestriction"
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


# --- measures announced in prose (wire and official styles) --------------------------------------
LEAD = "Trade tensions rose again this week. "


def test_an_order_restricting_investment_in_a_country_is_the_signers_sanction_on_it():
    ex = extract(LEAD + "President Joe Biden signed an executive order on Monday restricting American investment "
                 "in China's quantum computing industry.", WED)
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == (("person/joe-biden",), (CHN,))
    assert day(ev)[:2] == (D(2025, 3, 10), D(2025, 3, 10))
    assert ex_has_no(ex, "Agreement")
    ev = one(extract(LEAD + "The United States is restricting U.S. investment in China.", WED), "Sanction")
    assert ev.target == (CHN,)


def test_revoking_visas_of_a_countrys_students_is_a_sanction_on_that_country():
    ev = one(extract(LEAD + "The United States will revoke the visas of Chinese graduate students.", WED), "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


def test_a_speaker_after_the_measure_is_no_target():
    ex = extract(LEAD + "The United States will aggressively revoke visas for Chinese researchers, Secretary of State "
                 "Marco Rubio said on Wednesday.", WED)
    ev = one(ex, "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    ev = one(extract(LEAD + "Washington sanctioned six Chinese officials, Rubio said.", WED), "Sanction")
    assert ev.target == (CHN,)


def test_the_entity_list_and_the_unverified_list_are_measures_by_the_agency_that_adds_to_them():
    ev = one(extract(LEAD + "The Commerce Department on Tuesday added 14 Chinese companies to the Unverified List.", WED),
             "Sanction")
    assert (ev.actor, ev.target) == (("org/us-department-of-commerce",), (CHN,))
    assert day(ev)[:2] == (D(2025, 3, 11), D(2025, 3, 11))


# --- cancellations ------------------------------------------------------------------------------
def test_two_things_called_off_in_one_sentence_are_two_cancellations():
    ex = extract(LEAD + "Beijing cancelled the defense policy talks and suspended the maritime consultations "
                 "with Washington.", WED)
    found = of_kind(ex, "Cancellation")
    assert len(found) == 2
    assert all(e.actor == (CHN,) for e in found)


def test_suspending_cooperation_with_a_partner_is_a_cancellation_with_that_partner():
    ev = one(extract(LEAD + "The Chinese government suspended cooperation on drug control with the United States "
                     "on Friday.", WED), "Cancellation")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))
    assert day(ev)[:2] == (D(2025, 3, 7), D(2025, 3, 7))
    assert "cooperation" in ev.label


def test_cancellations_not_made_are_no_events():
    for sentence in ("Beijing did not cancel the maritime consultations with Washington.",
                     "Beijing threatened to cancel the maritime consultations with Washington.",
                     "Beijing could suspend cooperation on drug control with Washington.",
                     "Beijing lifted the suspension of the maritime consultations with Washington.",
                     "Beijing lifted the suspension of cooperation on drug control with Washington."):
        assert ex_has_no(extract(LEAD + sentence, WED), "Cancellation"), sentence


def test_an_agency_calling_off_an_envoys_trip_is_the_canceller_and_the_label_names_the_traveller():
    ev = one(extract(LEAD + "The State Department called off Ambassador Kelly Craft's planned trip to Taiwan.", WED),
             "Cancellation")
    assert (ev.actor, ev.target) == (("org/us-department-of-state",), ("person/kelly-craft",))
    assert "Kelly Craft’s planned visit" in ev.label


# --- whose measure, on whom -----------------------------------------------------------------------
def test_an_agencys_measure_has_its_government_taking_part_when_the_text_names_it():
    ex = extract("Relations between the United States and China soured. The Commerce Department on Tuesday added "
                 "14 Chinese companies to the Entity List.", WED)
    ev = one(ex, "Sanction")
    assert ev.actor == ("org/us-department-of-commerce",)
    assert ev.participants == (USA,)


def test_a_measure_announced_by_one_side_naming_no_one_is_aimed_at_the_other():
    ev = one(extract("Relations between Washington and China soured. Beijing announced export controls on rare "
                     "earths on Friday.", WED), "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))
    assert day(ev)[:2] == (D(2025, 3, 7), D(2025, 3, 7))
    # a third party's measure, or one of a side not named in the text, gets no such target
    assert ex_has_no(extract("Relations soured. Beijing announced export controls on rare earths.", WED), "Sanction") \
        or one(extract("Relations soured. Beijing announced export controls on rare earths.", WED), "Sanction").target == ()


def test_a_cancellation_announced_as_a_noun_is_the_announcers():
    ev = one(extract(LEAD + "Beijing announced the suspension of maritime consultations with Washington.", WED),
             "Cancellation")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))
    ex = extract(LEAD + "The White House confirmed the postponement of Secretary of State Antony Blinken's trip "
                 "to Beijing.", WED)
    ev = one(ex, "Cancellation")
    assert (ev.actor, ev.target) == (("org/us-white-house",), ("person/antony-blinken",))
    assert ex_has_no(ex, "Visit")


def test_ending_a_suspension_calls_nothing_off_and_holds_no_talks():
    for sentence in ("Beijing lifted the suspension of some dialogues with Washington in November.",
                     "China ended its suspension of military talks with the United States."):
        ex = extract(LEAD + sentence, WED)
        assert ex_has_no(ex, "Cancellation") and ex_has_no(ex, "Meeting"), sentence


def test_an_orders_section_keeping_duties_suspended_is_a_cancellation_of_the_measure():
    text = ("By the authority vested in me as President by the Constitution and the laws of the United States of "
            "America, it is hereby ordered:\n\nSec. 2. Continued Suspension. The heightened duties on articles of "
            "China set forth in an earlier order shall remain suspended until November 10, 2026.\n\n"
            "THE WHITE HOUSE,\n    August 11, 2026.\n")
    ex = document(text, title="Further Modifying Certain Rates")
    ev = one(ex, "Cancellation")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert day(ev)[:2] == (D(2026, 8, 11), D(2026, 8, 11))
    assert ex_has_no(ex, "Sanction")

    text = text.replace("The heightened duties on articles of China set forth in an earlier order shall remain suspended until "
                        "November 10, 2026.", "I have determined that it is necessary to continue the suspension of the "
                        "heightened duties on imports of China until November 10, 2026.")
    ev = one(document(text, title="Further Modifying Certain Rates"), "Cancellation")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))


def test_an_untitled_order_whose_first_line_is_its_title():
    text = ("Imposing Duties to Address the Flow of Precursors From the People's Republic of China\n\n"
            "By the authority vested in me as President by the Constitution and the laws of the United States of "
            "America, I find that the situation is an emergency.\n\nSec. 2. All such articles shall be subject to an "
            "additional 10 percent ad valorem rate of duty.\n\nTHE WHITE HOUSE,\nFebruary 1, 2026.\n")
    ev = one(document(text), "Sanction")
    assert (ev.actor, ev.target) == ((USA,), (CHN,))
    assert day(ev)[:2] == (D(2026, 2, 1), D(2026, 2, 1))
    # a story's first line (a headline) before prose is no order
    assert ex_has_no(document("Imposing duties on China, again\n\nThe president said by the authority vested in "
                              "him he could act.\n"), "Sanction")


def test_an_order_loaded_from_a_text_file_whose_first_line_is_its_form():
    from graph.loaders.text import parse
    for text, day_signed in ((ORDER, D(2026, 1, 28)),
                             ("Executive Order 15002 of October 2, 2025\n\nProtecting American Capital From Military "
                              "Companies of the People's Republic of China\n\nBy the authority vested in me as President, "
                              "I order as follows.\n\nSec. 2. United States persons are prohibited from purchasing "
                              "securities of these companies.\n", D(2025, 10, 2))):
        article = parse(text, "order.txt", "order")
        ex = default_extractor().extract(article)
        ev = one(ex, "Sanction")
        assert (ev.actor, ev.target) == ((USA,), (CHN,))
        assert day(ev)[:2] == (day_signed, day_signed)


def test_a_capital_standing_for_its_government_is_no_place_at_home():
    ev = one(extract("China and the United States argued again. Beijing has imposed export controls on gallium "
                     "and germanium.", WED), "Sanction")
    assert (ev.actor, ev.target) == ((CHN,), (USA,))
    ev = one(extract("China and the United States argued again. Beijing imposed its security law on Hong Kong.", WED),
             "Sanction")
    assert ev.target == ()
