"""Sentence splitting with offsets: graph.extract.text.sentences.

Every sentence is evidence for an event, so its offsets must slice the article text
exactly, abbreviations and initials must not cut a sentence, headings stand alone, and a
quotation that closes a sentence belongs to it.
"""
from __future__ import annotations

import pytest

from graph.extract.text import sentences, tokens


def split(text: str) -> list[str]:
    found = list(sentences(text))
    for s in found:
        assert text[s.start:s.end] == s.text, "offsets must slice the text exactly"
    return [s.text for s in found]


@pytest.mark.parametrize("text", [
    "The U.S. Trade Representative met Chinese officials. They agreed to meet again in June.",
    "  Leading spaces are trimmed.   So are trailing ones.  ",
    "Trade Tensions Rise Again\nThe Commerce Department added four firms on Tuesday. Beijing objected.",
    "Did the talks fail? Officials would not say! The envoy left Beijing.  He returns in May.",
    "A line that wraps\nacross two lines ends here. The next one does not.",
])
def test_offsets_slice_the_text(text):
    found = list(sentences(text))
    assert found
    assert all(text[s.start:s.end] == s.text and s.text == s.text.strip() for s in found)
    assert [s.start for s in found] == sorted(s.start for s in found)


def test_plain_sentences_split_at_full_stops_question_and_exclamation_marks():
    text = "Did the talks fail? Officials would not say! The envoy left Beijing.  He returns in May."
    assert split(text) == ["Did the talks fail?", "Officials would not say!",
                           "The envoy left Beijing.", "He returns in May."]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. and China signed the memorandum. Officials welcomed it.",
     ["The U.S. and China signed the memorandum.", "Officials welcomed it."]),
    ("The U.S. Trade Representative met Chinese officials. They agreed to meet again.",
     ["The U.S. Trade Representative met Chinese officials.", "They agreed to meet again."]),
    ("Mr. Carter told reporters the talks went well. Dr. Lin Wenjie disagreed.",
     ["Mr. Carter told reporters the talks went well.", "Dr. Lin Wenjie disagreed."]),
    ("The rule took effect on Jan. 5 after a review. Exporters objected.",
     ["The rule took effect on Jan. 5 after a review.", "Exporters objected."]),
    ("President Joseph R. Biden met his counterpart in Bali. The meeting lasted three hours.",
     ["President Joseph R. Biden met his counterpart in Bali.", "The meeting lasted three hours."]),
    ("Sen. Maria Ortiz criticized the move. Rep. Dan Hale agreed with her.",
     ["Sen. Maria Ortiz criticized the move.", "Rep. Dan Hale agreed with her."]),
    ("Harbor Example Shipping Co. Ltd. was named in the order. It denied wrongdoing.",
     ["Harbor Example Shipping Co. Ltd. was named in the order.", "It denied wrongdoing."]),
    ("U.N. officials said the P.R.C. delegation left early. Talks ended.",
     ["U.N. officials said the P.R.C. delegation left early.", "Talks ended."]),
])
def test_abbreviations_and_initials_do_not_split(text, expected):
    assert split(text) == expected


def test_heading_without_full_stop_is_its_own_sentence():
    text = "Beijing Vows Countermeasures\nThe Ministry of Commerce said it would respond firmly. Details were not given."
    assert split(text) == ["Beijing Vows Countermeasures",
                           "The Ministry of Commerce said it would respond firmly.",
                           "Details were not given."]


def test_heading_before_a_blank_line_is_its_own_sentence():
    text = "Export Controls\n\nThe rule applies to advanced chips."
    assert split(text) == ["Export Controls", "The rule applies to advanced chips."]


def test_list_items_stand_alone():
    text = "Key points\n\n- Tariffs fall to ten percent.\n- Talks resume in August."
    assert split(text) == ["Key points", "- Tariffs fall to ten percent.", "- Talks resume in August."]


def test_a_wrapped_line_inside_a_paragraph_joins_its_sentence():
    text = "The envoy said the two sides had\nagreed to keep talking. Nothing else was said."
    assert split(text) == ["The envoy said the two sides had\nagreed to keep talking.", "Nothing else was said."]


@pytest.mark.parametrize("text, first", [
    ("“We will respond firmly.” The ministry gave no details.", "“We will respond firmly.”"),
    ('She said, "The door remains open." Officials in Beijing declined to comment.',
     'She said, "The door remains open."'),
])
def test_closing_quote_belongs_to_its_sentence(text, first):
    assert split(text)[0] == first


def test_sentence_after_a_closing_quote_starts_at_its_first_word():
    text = "“We will respond firmly.” The ministry gave no details."
    assert split(text)[-1] == "The ministry gave no details."


def test_quote_opening_the_next_sentence_starts_it():
    text = "The spokesperson was blunt. “This is coercion,” she said."
    assert split(text) == ["The spokesperson was blunt.", "“This is coercion,” she said."]


def test_no_split_before_a_lowercase_word():
    text = "The talks ended at 5 p.m. on Friday and resumed later."
    assert split(text) == [text]


def test_empty_and_blank_text_has_no_sentences():
    assert split("") == []
    assert split("   \n\n  ") == []


def test_tokens_keep_offsets_and_abbreviations():
    text = "The U.S. envoy met Wang Yi."
    toks = tokens(text)
    assert [t.text for t in toks][:4] == ["The", "U.S.", "envoy", "met"]
    assert all(text[t.start:t.end] == t.text for t in toks)
