"""Speed-ups that must not change a single match: each fast path is compared with the plain
way it replaces, on texts made to hit its edges (case folding, word boundaries, the ends of
the stretch searched, overlapping candidates)."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from graph.extract import default_extractor
from graph.extract.dates import DURATION, FROM_LAST_DAY, day_phrases
from graph.extract.entities.governments import MINISTRY
from graph.extract.text import Skipping, lowered, sentences, stretches_holding
from graph.extract.word_patterns import alternatives

WORDS = ["two", "Two", "TWO", "ſix", "six", "days", "day", "later", "earlier", "the", "same", "next",
         "following", "that", "in", "a", "one", "3", "three-day", "five days of", "xtwo", "_a", "day-",
         "foreign", "ministry", "Ministry", "trade", "state security", "the day before", "the day after the",
         "Kelvin", "\u212aelvin", "İstanbul", "ıx", "\n", "\n\n", "  ", ",", ".", "—", "(", "'", "’"]


EDGES = ("ſix days later, ſix-day talks, ſeven days of talks, \u212aelvin and İn in ın; "
         "The Same Day, THE DAY BEFORE, Two\n\ndays later. ")


def random_text(seed: int, n: int = 600) -> str:
    rng = random.Random(seed)
    return EDGES + "".join(rng.choice(WORDS) + rng.choice([" ", " ", "", "\t", "\n"]) for _ in range(n)) + EDGES


def spans(matches) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("seed", range(5))
def test_skipping_finds_what_finditer_finds(seed):
    text = random_text(seed)
    patterns = [
        Skipping(re.compile(r"\b(?:two|six|a|the)\s+(?P<unit>days?)\b", re.I), "tTsS\u017faA"),
        Skipping(re.compile(r"\b(?:kelvin|in)\b", re.I), "kK\u212aiI\u0130\u0131"),
        Skipping(re.compile(r"\b(?:day|days)(?:\s+later)?"), "d"),
        DURATION, MINISTRY,
    ]
    rng = random.Random(seed)
    for skipping in patterns:
        assert spans(skipping.finditer(text)) == spans(skipping.regex.finditer(text)), skipping.pattern[:40]
        for _ in range(20):  # a stretch of the text: the look-arounds still see past its ends
            a = rng.randrange(len(text))
            b = rng.randrange(a, len(text) + 1)
            assert spans(skipping.finditer(text, a, b)) == spans(skipping.regex.finditer(text, a, b))


def test_skipping_with_a_wider_scout_drops_what_the_pattern_rejects():
    text = "two days later the meeting; two days later, two days\nlater"
    pattern = re.compile(r"\btwo\s+days\s+later(?!,)")
    skipping = Skipping(pattern, "t", scout=r"\btwo\s+days")
    assert spans(skipping.finditer(text)) == spans(pattern.finditer(text))
    assert len(list(skipping.finditer(text))) == 2


def test_alternatives_match_what_the_plain_alternation_matches():
    rng = random.Random(3)
    words = ["Department", "Dept", "D", "Council", "Commission", "Co.", "Corp", "Corps", "Office", "Über", "&"]
    text = " ".join(rng.choice(words + ["Depart", "Councils", "xOffice", "Comm", "C"]) for _ in range(500))
    for chosen in (words, words[::-1], sorted(words, key=len, reverse=True), ["A"], ["", "x"]):
        fast = re.compile(rf"\b(?:{alternatives(chosen)})(?!\w)")
        plain = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in chosen)})(?!\w)")
        assert spans(fast.finditer(text)) == spans(plain.finditer(text)), chosen


def test_lowered_is_the_lower_case_of_the_text_asked_about():
    a, b, c = "The Secretary MET", "ΟΔΥΣΣΕΥΣ", "İstanbul"
    for _ in range(2):
        assert lowered(a) == a.lower() and lowered(b) == b.lower() and lowered(c) == c.lower()
        assert lowered(a) == a.lower()


def test_trigger_words_found_once_per_text_are_those_found_per_sentence():
    """The trigger automaton runs once over the text; each sentence takes the words inside
    it, as scanning the sentence alone gave them."""
    triggers = default_extractor().events.triggers
    text = ("The two leaders met in Geneva and agreed to talks. Officials visited Beijing; the visit ended "
            "Friday. They had deep concerns about the sanctions.\n\nCall records were released. "
            "The meeting-room was small. As agreed, they will meet again. Talks: none. "
            "Washington imposed tariffs and Beijing retaliated with sanctions on Tuesday.")
    whole = [triggers.hits(text, s) for s in sentences(text)]
    held = triggers.whole_text
    try:
        triggers.whole_text = False
        triggers._found = [(None, None), (None, None)]
        alone = [triggers.hits(text, s) for s in sentences(text)]
    finally:
        triggers.whole_text = held
        triggers._found = [(None, None), (None, None)]
    assert whole == alone
    assert sum(len(h) for h in whole) >= 8


@pytest.mark.parametrize("seed", range(5))
def test_day_phrases_searched_stretch_by_stretch_are_those_of_the_whole_scan(seed):
    text = random_text(seed) + " the same day" + "," * 3 + "two" + " " * 700 + "days later—the day before (a day later)"
    assert spans(day_phrases(text, 0, len(text))) == spans(FROM_LAST_DAY.finditer(text))
    rng = random.Random(seed)
    for _ in range(30):
        a = rng.randrange(len(text))
        b = rng.randrange(a, len(text) + 1)
        assert spans(day_phrases(text, a, b)) == spans(FROM_LAST_DAY.finditer(text, a, b))
    assert len(list(day_phrases(text, 0, len(text)))) >= 5


def test_stretches_holding_a_word_are_runs_of_words_and_spaces():
    text = "Monday, the day\n\nbefore; x" + " " * 1000 + "days. (Today)"
    found = list(stretches_holding(text, "day"))
    assert [text[a:b] for a, b in found] == ["Monday", " the day\n\nbefore", " x" + " " * 1000 + "days", "Today"]


def test_one_line_sentences_are_cut_as_the_line_by_line_trim_cuts_them():
    from graph.extract.text import BOUNDARY, _ends_with_abbreviation, _trimmed

    def plain(text):
        start = 0
        for m in BOUNDARY.finditer(text):
            if "\n" not in m.group() and _ends_with_abbreviation(text, m.start()):
                continue
            yield from _trimmed(text, start, m.start() + len(m.group("close") or ""))
            start = m.end()
        yield from _trimmed(text, start, len(text))

    rng = random.Random(5)
    parts = ["Mr. Smith", "said.", "U.S.", " ", "\n", "\n\n", "!", "?", '"', "”", ")", "A", "b", "J. Doe",
             "- item", "Etc.", "  \n  ", "\t", "\u2028", "Talks ended", "’", "'", "]", "“", "(", "\x0b", "\u00a0"]
    for _ in range(300):
        text = "".join(rng.choice(parts) for _ in range(200))
        assert list(sentences(text)) == list(plain(text))


def test_n_quads_built_as_text_are_what_pyoxigraph_prints():
    """The article graph is written as N-Quads text without pyoxigraph terms: each line must be
    the one pyoxigraph prints for the quad it parses to (escapes included)."""
    import datetime as dt

    import pyoxigraph as ox

    from graph.model import Article
    from graph.rdf.triples import entity_text, extraction_nquads, text

    odd = "".join(map(chr, [*range(1, 0x20), 0x7F, 0xFFFE, 0xFFFF, 0x22, 0x5C, 0xE9, 0x1F600, 0x2028]))
    for c in [*range(1, 0xD800), *range(0xE000, 0x10000), 0x10000, 0x1F600, 0x10FFFF]:
        assert text(chr(c)) == str(ox.Literal(chr(c))), hex(c)
    extractor = default_extractor()
    article = Article(f'odd "id" \\ {odd}', f"President Joe Biden met Xi Jinping in Beijing on Monday, {odd} they said. "
                      f'He said "tariffs\\" {odd} will rise.', f"A title {odd}", dt.date(2024, 1, 2),
                      url="https://example.com/a?b=1#c", source=f"Source {odd}")
    extraction = extractor.extract(article)
    body, count = extraction_nquads(extraction, extractor.event_scores)
    lines = body.decode().split("\n")[:-1]  # (not splitlines: "\u2028" stands unescaped in a literal)
    assert len(lines) == count == len(set(lines)) and count > 20
    for line in lines:
        (quad,) = ox.parse(line.encode(), format=ox.RdfFormat.N_QUADS)
        assert f"{quad} ." == line
    assert any("\\u0001" in line for line in lines) and any("evidence>" in line for line in lines)
    for s, p, o in entity_text(extraction):
        (quad,) = ox.parse(f"{s} {p} {o} .".encode(), format=ox.RdfFormat.N_TRIPLES)
        assert (str(quad.subject), str(quad.predicate), str(quad.object)) == (s, p, o)


@pytest.mark.parametrize("seed", range(4))
def test_word_places_find_what_the_cue_pattern_finds_sentence_by_sentence(seed):
    from graph.extract.events.modality import cue_pattern
    from graph.extract.text import WordPlaces

    words = ["said", "says", "told", "added", "noted", "warned", "the two sides", "Said"]
    regex, places = cue_pattern(words), WordPlaces(words)
    rng = random.Random(seed)
    pool = words + ["SAID", "sAid", "aforesaid", "said’s", "told-", "x", "ſaid", "İs", "ıt", "\u212aelvin", "The Two Sides",
                    "two", "sides", "’", "'", ",", ".", "\n"]
    for plain in (True, False):
        text = " ".join(rng.choice(pool if not plain else [w for w in pool if w.isascii()]) for _ in range(500))
        assert (places.places(text) is not None) == plain  # the automaton's places, or the regex alone
        for _ in range(40):
            a = rng.randrange(len(text))
            b = rng.randrange(a, min(len(text), a + 200) + 1)
            assert spans(places.finditer(regex, text, a, b)) == spans(regex.finditer(text, a, b))
        assert spans(places.finditer(regex, text)) == spans(regex.finditer(text))
    assert places.places("He said so.") == [3] and places.places("Then ſaid he") is None


@pytest.mark.parametrize("seed", range(4))
def test_time_keywords_found_by_their_places_are_those_the_scan_finds(seed):
    from graph.extract.dates import KEYWORD_PLACES, KEYWORDS, keywords

    assert KEYWORD_PLACES is not None
    rng = random.Random(seed)
    pool = ["January", "JAN", "jan.", "Monday", "Monetary", "weekend", "WEEK", "2024", "1999", "2020s", "19", "20٢٤",
            "ago", "Chicago", "days", "today", "Tonight", "x2024", "_May", "may", "Sat", "ſat", "\u212a", "ınt", "İ",
            "mid-March", "(Friday)", "\n", ",", " "]
    for plain in (True, False):
        text = " ".join(rng.choice([w for w in pool if w.isascii()] if plain else pool) for _ in range(600))
        for a, b in [(0, len(text))] + [sorted(rng.sample(range(len(text)), 2)) for _ in range(30)]:
            fast = [(m.start(1), m.end(1), m.group(1)) for m in keywords(text, a, b)]
            assert fast == [(m.start(1), m.end(1), m.group(1)) for m in KEYWORDS.finditer(text, a, b)]
        assert (KEYWORD_PLACES.places(text) is not None) == plain


@pytest.mark.parametrize("seed", range(4))
def test_stretch_searches_find_what_the_scans_find(seed):
    """'three-day' stretches and 'foreign ministry' searched only in the stretches holding their
    word, against the scans over the whole text."""
    from graph.extract.dates import day_stretches
    from graph.extract.entities.governments import ministries

    rng = random.Random(seed)
    pool = ["three-day", "Three-Day", "3-day", "two days of", "two  days\n\nof", "seven-day-long", "x-day", "days",
            "foreign ministry", "the Foreign ministry", "trade  ministry", "state security ministry", "ministry",
            "foreign", "-", "—", ",", ".", "\n", " "]
    text = " ".join(rng.choice(pool) for _ in range(800))
    for a, b in [(0, len(text))] + [sorted(rng.sample(range(len(text)), 2)) for _ in range(30)]:
        assert spans(day_stretches(text, a, b)) == spans(DURATION.regex.finditer(text, a, b))
    assert spans(ministries(text)) == spans(MINISTRY.regex.finditer(text))
    assert len(list(ministries(text))) > 5 and len(list(day_stretches(text, 0, len(text)))) > 5


def test_the_word_a_full_stop_closes_is_the_one_the_pattern_finds():
    from graph.extract.text import ABBREVIATIONS, LAST_WORD, _ends_with_abbreviation

    def plain(text, cut):
        head = text[max(0, cut - 40):cut].rstrip().rstrip("\"”’')]")
        word = LAST_WORD.search(head) if head.endswith(".") else None
        w = word.group(1).lower() if word else None
        return w is not None and (w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()))

    rng = random.Random(9)
    parts = ["Mr", "U.S", "u.s", "J", "Jan", "etc", "x", "é", ".", "..", " ", "\n", '"', "”", ")", "1", "co", "Co", "no"]
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randrange(1, 12))) + "."
        assert _ends_with_abbreviation(text, len(text)) == plain(text, len(text)), text


def test_administrations_searched_stretch_by_stretch_are_those_of_the_scan():
    from graph.extract.entities.governments import ADMINISTRATION, administration_phrases

    rng = random.Random(11)
    pool = ["the", "Biden", "Trump-Vance", "Trump-vance", "administration", "Administration", "ADMINISTRATION",
            "Biden's", "xBiden", "Obama\n\nadministration", "-", ",", ".", "—", " ", "\t"]
    text = " ".join(rng.choice(pool) for _ in range(1500))
    assert spans(administration_phrases(text)) == spans(ADMINISTRATION.finditer(text))
    assert len(list(administration_phrases(text))) > 20



def test_word_lists_sharing_the_names_pass_get_what_their_own_pass_gives():
    """The triggers, the reporting verbs and the dispute words ride on the pass that finds the
    catalog's case-blind names: each gets its forms' places in the order its own automaton
    gives them."""
    from graph.loaders import load

    from graph.extract.dates import KEYWORD_PLACES

    extractor = default_extractor()
    finder, events = extractor.entities, extractor.events
    rng = random.Random(4)
    words = [*events.triggers.forms, *events.reporting_places.forms, "Taiwan", "tariffs", "China", "the", "met",
             "January", "Monday", "2024", "weekend", "ago"]
    texts = [" ".join(rng.choice(words) for _ in range(2000)) for _ in range(2)]
    texts += [a.text for a in load(Path(__file__).resolve().parent.parent / "seeds")]
    for text in texts:
        low = text.lower()
        assert finder.shared_hits(text, "triggers") == list(events.triggers.auto.iter(low))
        assert finder.shared_hits(text, "reporting") == list(events.reporting_places.auto.iter(low))
        assert finder.shared_hits(text, "signals") == list(extractor.signals_ci.iter(low))
        assert finder.shared_hits(text, "keywords") == list(KEYWORD_PLACES.auto.iter(low))
    assert finder.shared_hits("İstanbul talks", "triggers") is None  # a lower case of another length
    assert len(finder.shared_hits(texts[0], "triggers")) > 500



def test_organizations_tried_only_before_their_heads_are_those_of_the_scan():
    from graph.loaders import load

    finder = default_extractor().entities
    rng = random.Random(8)
    heads = sorted(finder.organizations.org_heads)
    pool = heads + ["Commerce", "the", "of", "and", "U.S.", "A.B.", "&", "Women’s", "O’Brien", "Smith-Jones", "Co.,",
                    "Ltd.", "(Huawei)", "on", "for", "January", "Department", "Departments", "BANK", "x", ",", ".",
                    "\n", "2024", "—", "Ministry", "People's"]
    texts = [" ".join(rng.choice(pool) for _ in range(1500)) for _ in range(3)]
    texts += [a.text for a in load(Path(__file__).resolve().parent.parent / "seeds")]
    for text in texts:
        finder.names.catalog_candidates(text)  # the pass that finds the heads
        assert spans(finder.organizations.org_matches(text)) == spans(finder.organizations.org_re.regex.finditer(text))
    assert len(list(finder.organizations.org_matches(texts[0]))) > 50


def test_places_tried_only_before_their_heads_are_those_of_the_scan():
    from graph.loaders import load

    finder = default_extractor().entities
    rng = random.Random(12)
    pool = sorted(finder.places.place_heads) + ["Yanqi", "Rose", "the", "New", "O’Hare", "McKinley", "Hong-Kong", "Lake",
                                         "Lakes", "lake", "x", ",", ".", "\n", "\t", "2024", "—", "'", "Island", "Isl"]
    texts = [" ".join(rng.choice(pool) for _ in range(1500)) for _ in range(3)]
    texts += [a.text for a in load(Path(__file__).resolve().parent.parent / "seeds")]
    for text in texts:
        finder.names.catalog_candidates(text)  # the pass that finds the heads
        assert spans(finder.places.place_matches(text)) == spans(finder.places.place_re.finditer(text))
    assert len(list(finder.places.place_matches(texts[0]))) > 50


def catalog_candidates_one_automaton(names, text):
    """The catalog names' pass as it was with every case-blind form in one automaton (the short
    ones too), each hit turned away unless a capital or a digit opens it."""
    from graph.extract.entities.candidate import Candidate
    from graph.extract.word_patterns import at_word_boundary
    lower, found = text.lower(), []
    for end, (length, _pairs, entries) in names.ci_all().iter(lower):
        start = end - length + 1
        first = text[start] if start >= 0 else ""
        if (first.isupper() or first.isdigit()) and at_word_boundary(text, start, end + 1):
            found += [Candidate(start, end + 1, key, kind, role) for key, kind, role in entries.found]
    for end, (entries, _kinds, _short) in names.cs.iter(text):
        if entries is not None and at_word_boundary(text, end - entries.length + 1, end + 1):
            found += [Candidate(end - entries.length + 1, end + 1, key, kind, role) for key, kind, role in entries.found]
    return found


@pytest.mark.parametrize("seed", range(4))
def test_short_case_blind_forms_found_as_spelt_are_those_of_one_automaton(seed):
    """The catalog's two- and three-character forms are found by the case-sensitive pass in every
    spelling that lower-cases to them with a capital or a digit first: the same candidates, in
    the same order, as when the case-blind automaton held them."""
    names = default_extractor().entities.names
    assert names.short and all(2 <= len(f) <= 3 for f in names.short)
    rng = random.Random(seed)
    shorts = sorted(names.short)
    pieces = [w for w in WORDS if len(w.lower()) == len(w)] + ["US", "U.S.", "Tokyo", "Beijing", "New York", "To", "TO", "tO", "Se", "Of", "Ati", "ATI",
                      "\u212aa", "\u212aI", "G7", "5G", "_To", "To_", "Tô", "x", "-", "/", "“", "”", "A"]
    def spelt(form):  # any case of each character, the Kelvin sign for a "k"
        return "".join(rng.choice([c, c.upper(), *(["\u212a"] if c == "k" else [])]) for c in form)

    with_k = [f for f in shorts if "k" in f]
    for _ in range(20):
        words = [rng.choice(pieces) if rng.random() < 0.4 else spelt(rng.choice(with_k if rng.random() < 0.2 else shorts))
                 for _ in range(300)]
        text = "".join(w + rng.choice([" ", " ", "", "\n", ", ", ".", "-"]) for w in words)
        assert names.catalog_candidates(text) == catalog_candidates_one_automaton(names, text)


def test_time_rules_searched_with_their_scouts_find_what_their_patterns_find():
    """Each time rule's pattern, searched through a scout of the characters it can start with
    (word_patterns.leading_class), matches as the pattern does in every window."""
    from graph.extract import dates
    from graph.extract.text import Skipping
    from graph.extract.word_patterns import leading_class
    text = MIXED_TIMES * 3 + random_text(7, 300)
    rng = random.Random(3)
    windows = [(0, len(text))] + [(a, min(len(text), a + rng.randrange(1, 200))) for a in
                                  (rng.randrange(len(text)) for _ in range(200))]
    for rule, _f in dates.RULES:
        assert isinstance(rule, Skipping), rule.pattern
        plain = re.compile(rule.pattern, rule.flags)
        for a, b in windows:
            assert spans(rule.finditer(text, a, b)) == spans(plain.finditer(text, a, b))
    assert leading_class(re.compile(r"\bthe\s")) == "t"
    assert set(leading_class(re.compile(r"\b(?:in|since)\s", re.I))) == set("iIsS\u0130\u0131\u017f")
    assert leading_class(re.compile(r"x?")) is None and leading_class(re.compile(r"[^a]b")) is None


MIXED_TIMES = ("On Monday, March 3, 2025, the envoys met; two days later, on Wednesday and Thursday, they met again. "
               "Last month's talks, held from Jan. 4 to 6, followed the 2024-05-06 call. Earlier this week, and "
               "this morning, officials said a three-day visit would start next Friday. Three years ago, in 2019, "
               "and since the beginning of the year, since June, last June, this weekend, next week, 4 July 2023, "
               "in mid-2021, yesterday, tonight and later in the week, IN MAY, ſince June, In \u212aent, nothing changed. ")


def test_sentence_cuts_found_from_the_stop_are_the_boundaries():
    """``sentences`` cuts with a pattern that opens with the stop: its matches are BOUNDARY's, a
    match after a stop starting one character earlier."""
    from graph.extract.text import BOUNDARY, CUT
    rng = random.Random(11)
    parts = ["Mr. Smith", "said.", "U.S.", " ", "\n", "\n\n", "!", "?", "?!", "..", '"', "”", ")", "A", "b", "1",
             "- item", "  \n  ", "\t", "\u2028", "’", "'", "]", "“", "(", "\x0b", "\u00a0", "."]
    for _ in range(300):
        text = "".join(rng.choice(parts) for _ in range(150))
        cuts = [(m.start() + (text[m.start()] != "\n"), m.end(), m.group("close")) for m in CUT.finditer(text)]
        assert cuts == [(m.start(), m.end(), m.group("close")) for m in BOUNDARY.finditer(text)]
