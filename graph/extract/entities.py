"""Entity mentions: catalog names, name patterns, and names resolved within the article.

Catalog names are found with Aho-Corasick automata (one pass over the text for
thousands of names); people and organizations the catalog lacks are found by the
shape of their names (a title or a known given name before a capitalised
surname, a Chinese family name before a pinyin given name, a run of capitalised
words ending in "Ministry" or "Co., Ltd."). Where candidates overlap the longest
wins. Family names and titles alone ("Blinken", "Director Yang", "the
Secretary") resolve to a person already named in the article.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

import ahocorasick

from graph.extract.catalog import Catalog
from graph.extract.spans import Overlaps, longest_first
from graph.extract.text import Skipping, lowered, stretch_start, stretches_holding
from graph.model import Entity, Mention
from graph.rdf.vocab import slugify

# A pattern that opens with a character class or literal characters lets the regex engine skip
# in C to where a match can start; "\b" first makes it try the whole pattern at every offset.
# So a word start is written as the word's first character and then (?<!\w.), "no word
# character before it": the same matches as "\b" before that character, three to five times
# faster over a text. (WORD_START_CAP and at_word_start below are built the same way.)
ADMINISTRATION = re.compile(r"(?P<name>[A-Z](?<!\w.)[a-z]+)(?:-[A-Z][a-z]+)?\s+[Aa]dministration\b")
TITLE_ALONE = re.compile(r"t(?<!\w.)he\s+(?P<title>(?:[A-Z][a-z]+\s+){0,3}[A-Z][a-z]+)\b")
CAPITALISED_WORD = re.compile(r"[A-Z](?<!\w.)[a-z]+\b")  # \b[A-Z][a-z]+\b
LEADING_WORDS = frozenset("""The A An In On At For Of By To From With This That These Those Its Their His Her Our My Your
While When After Before During Since Under Both Each Every Also Just And But Or As If""".split())
CALENDAR = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
            r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
CALENDAR_WORD = re.compile(CALENDAR)
# Words of a title that the honorifics list holds only as part of a longer one.
STOP_TITLES = frozenset("""Spokesperson Spokesman Spokeswoman Envoy Adviser Advisor Secretary Minister Director
President Premier Chairman Chair Leader General Councilor Counselor CEO""".split())
VENUE = re.compile(r"\b(?:Hotel|Convention Center|Conference Center|Exhibition Center|Convention Centre|"
                   r"Conference Centre|Exhibition Centre|Stadium|Arena)\b")
MINISTRY = Skipping(re.compile(r"\b(?:foreign|commerce|defen[cs]e|finance|state security|public security|trade) ministry\b"),
                    "cdfpst")
# Head words that also end ordinary phrases ("Cyber and Quantum Technology"): never after "and".
WEAK_HEADS = frozenset("Technology Technologies Systems Industry Industries Initiative Forces Force".split())
MODALS = frozenset("must should would could can cannot will may might shall".split())
COMPOUND_ADJECTIVE = re.compile(r".+[-–](?:born|based|led|backed|linked|owned|made|run|funded|affiliated|controlled|"
                                r"style|era|sponsored|registered|listed)$")
# What the organization pattern reads before its head word: letters (LOW's too), spaces,
# hyphens, apostrophes, stops and "&" (org_word and its separators).
ORG_CHARS = "A-Za-zà-öø-ÿ'’.&\\- "
# What the place pattern reads before its head word: WORD_START_CAP's and CAP's letters,
# apostrophes and hyphens, and spaces.
PLACE_CHARS = "A-Za-zà-öø-ÿ'’\\-\\s"
CAPITAL = re.compile("[A-Z]")  # where WORD_START_CAP starts
NOT_CAPITAL = frozenset("abcdefghijklmnopqrstuvwxyz ,.;:!?'’\"-\n")  # neither a capital nor a digit
# Patterns of the look-arounds below, compiled once (re.match(pattern_string, …) looks each up per call).
AND_NAME = re.compile(r"\s+and\s+([A-Z][a-z]+)")
BETWEEN_BEFORE, AND_CAPITAL = re.compile(r"\bbetween\s+$"), re.compile(r"\s+and\s+[A-Z]")
PAIR_BEFORE = re.compile(r"\b(?:and|between)\s+([A-Z][a-z]+)\s+and\s+$")
NAME_AND_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+and\s+$")
ADDRESSED_BEFORE = re.compile(r"\b(?:that|accused|accuses|accusing|urged|urges|pressed|presses|warned|warns|called on|calls on|"
                              r"criticized|criticizes|condemned|condemns|blamed|blames|sanctioned|told|asked|pushed)\s+$")
COMMA_CAPITAL = re.compile(r",\s+[A-Z]")
NEXT_WORD = re.compile(r"\s*([a-z]+)\b")
PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|to|from|near|outside|inside|into|via|around|across|of)\s+$", re.I)
NEXT_TWO_WORDS = re.compile(r"\s*([\w’']+)(?:\s+([\w’']+))?")
OF_OR_NAME, TO_OF_FOR = re.compile(r"\s+(?:of\b|[A-Z])"), re.compile(r"\b(?:to|of|for)\s+$")
SENTENCE_END_BEFORE = re.compile(r"(?:[.!?:\"“”]\s*|\n\s*)$")
CAPITALISED_NEXT = re.compile(r"[ \-]+[A-Z][a-z]")
NATIONAL_PREFIX = re.compile(r"^(?:U\.S\.|US|PRC|Chinese|American)\s+")
KIND_RANK = {"Person": 4, "Organization": 3, "Country": 2, "Place": 1}
LOW = "a-zà-öø-ÿ"  # lower-case letters of English copy, with those of borrowed names ("Briseño")
CAP = (rf"(?:Mc[A-Z][{LOW}]+|O['’][A-Z][{LOW}]+|[A-Z][{LOW}]*[A-Z][{LOW}]+|[A-Z][{LOW}]+(?:-[A-Z]?[{LOW}]+)*|[A-Z]{{2,}})"
       rf"(?![A-Za-z{LOW[3:]}])")
# CAP where a word starts (\bCAP): its first capital taken out of the alternatives.
WORD_START_CAP = (rf"[A-Z](?<!\w.)(?:(?<=M)c[A-Z][{LOW}]+|(?<=O)['’][A-Z][{LOW}]+|[{LOW}]*[A-Z][{LOW}]+|"
                  rf"[{LOW}]+(?:-[A-Z]?[{LOW}]+)*|[A-Z]+)(?![A-Za-z{LOW[3:]}])")
INITIAL = r"(?:[A-Z]\.)"
SUFFIX = r"(?:,?\s+(?:Jr\.|Sr\.|II|III|IV))"
PINYIN = re.compile(r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v)){1,2}$")
WORD_CHAR = re.compile(r"\w")
STOP_CAPS = frozenset("""The A An In On At For Of And But Or As By To From With Without This That These Those
It Its He She They We Our Their His Her Just While When After Before During Since Under Over Both Each Every
Senior Deputy General Director Chief Acting Former Then Now Also Efforts Meetings Discussions President Secretary
Minister Ambassador Premier Foreign Defense National Security State Trade Commerce Treasury Justice Homeland
Public Vice Special Assistant Advisor Adviser Spokesperson Spokesman Spokeswoman Office Department Ministry Mr Mrs Ms Dr
January February March April May June July August September October November December Monday Tuesday Wednesday
Thursday Friday Saturday Sunday Joint Statement Fact Sheet Readout Executive Order New Chinese American Global
""".split())


@dataclass(slots=True)
class Candidate:
    """A stretch of text that may name an entity, before overlaps are settled."""
    start: int
    end: int
    key: str
    kind: str
    role: str = "name"
    entity: Entity | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


class Names(list):
    """The catalog names of one form (an automaton's value), with what finding them needs
    worked out once: the first name's length and (key, kind, role) of those the catalog has."""
    length: int = 0
    found: tuple[tuple[str, str, str], ...] = ()

    def settle(self, catalog: Catalog) -> None:
        self.length = len(self[0].form)
        self.found = tuple((n.key, catalog.entities[n.key].kind, n.role) for n in self if n.key in catalog.entities)


class EntityFinder:
    """Finds entity mentions in an article; built once from the catalog."""

    def __init__(self, catalog: Catalog, shared: dict[str, dict[str, object]] | None = None):
        self.cat = catalog
        # The forms matched regardless of case (lower-cased: looked up here) and as written.
        self.ci_forms: dict[str, Names] = {}
        cs_forms: dict[str, Names] = {}
        for name in catalog.names:
            forms, form = (cs_forms, name.form) if name.case_sensitive else (self.ci_forms, name.form.lower())
            if len(form) < 2 or (", " in form and not re.search(r", (?:jr|sr)\.?$|, i+$", form, re.I)):
                continue  # "Bali, Indonesia" is read as two mentions
            forms.setdefault(form, Names()).append(name)
        for entries in [*self.ci_forms.values(), *cs_forms.values()]:
            entries.settle(catalog)
        # Other word lists looked for in the lower-cased text (the triggers, the dispute words…:
        # ``shared``, name -> {form: value}) ride on the pass for the case-blind names: an
        # automaton pass costs about its length in the text, whatever it finds.
        self.shared_names = tuple(shared or ())
        others: dict[str, tuple] = {}
        for part, forms in (shared or {}).items():
            for form, value in forms.items():
                others[form] = others.get(form, ()) + ((part, value),)
        # The automaton's value for a form: (the catalog names' length, the other lists' (list,
        # value) pairs or None, the catalog's Names or None): a tuple unpacks faster than attributes.
        self.ci, self.cs = ahocorasick.Automaton(), ahocorasick.Automaton()
        for form, entries in self.ci_forms.items():
            self.ci.add_word(form, (entries.length, others.get(form), entries))
        for form, pairs in others.items():
            if form not in self.ci_forms:
                self.ci.add_word(form, (0, pairs, None))
        # The case-sensitive automaton also finds the organization heads ("Department", "Co."):
        # org_candidates tries its pattern only in the stretches that lead to one (org_matches).
        # Its values: (the catalog's Names or None, the head's length or 0).
        # Its values: (the catalog's Names or None, ((kind of head, length), …)). Place heads
        # ("Lake", "Island") likewise serve place_candidates (place_matches).
        heads: dict[str, tuple] = {}
        for kind, words_of_kind in (("org", catalog.words.get("org-heads", ())), ("place", catalog.words.get("place-heads", ()))):
            for head in words_of_kind:
                if head and (kind, len(head)) not in heads.get(head, ()):
                    heads[head] = heads.get(head, ()) + ((kind, len(head)),)
        for form, entries in cs_forms.items():
            self.cs.add_word(form, (entries, heads.get(form, ())))
        for head, kinds in heads.items():
            if head not in cs_forms:
                self.cs.add_word(head, (None, kinds))
        self._heads_at: list[tuple[str | None, dict]] = [(None, {}), (None, {})]
        for auto in (self.ci, self.cs):
            if len(auto):
                auto.make_automaton()
        self._shared_hits: list[tuple[str | None, dict]] = [(None, {}), (None, {})]
        self.office_titles: dict[str, set[str]] = {}
        self._holders: dict[tuple, frozenset[str]] = {}
        for office in catalog.offices.values():
            for title in office.titles:
                self.office_titles.setdefault(title.lower(), set()).add(office.key)
        words = catalog.words
        self.honorifics = sorted(words.get("honorifics", ()), key=len, reverse=True)
        self.honorific_set = {w.lower() for w in words.get("honorifics", ())}
        self.org_heads = {w for w in words.get("org-heads", ())}
        self.family_cn = words.get("chinese-family-names", frozenset())
        self.speech = {w.lower() for w in words.get("speech-verbs", ())}
        self.locative = {w.lower() for w in words.get("locative", ())}
        self.place_heads = words.get("place-heads", frozenset())
        self.city_states = words.get("city-states", frozenset())
        self.demonyms: dict[str, list[str]] = {}
        for name in catalog.names:
            if name.role == "demonym":
                self.demonyms.setdefault(name.key, []).append(name.form)
        self.not_name = words.get("not-name-words", frozenset())
        heads = alternatives(sorted(self.org_heads, key=len, reverse=True))
        org_word = rf"(?:(?:Women|Men|People|Workers|Children|Veterans)['’]s?|{CAP}|[A-Z]{{2,}}|[A-Z]\.[A-Z]\.|&|U\.S\.)"
        # Each pattern opens with the characters its matches can start with (a look-ahead for
        # them, or see ADMINISTRATION), so the long alternations are tried only there: the same
        # matches, two to five times faster. Keep them in step.
        org_firsts = first_chars([*self.org_heads, '&'], capitals=True)
        self.org_firsts = re.compile(org_firsts)
        self.org_re = Skipping(re.compile(
            rf"\b(?={org_firsts})(?:{org_word}(?:[ \-]+and(?=\s+[A-Z]))?[ \-]+){{0,6}}(?:{heads})(?!\w)\.?"
            rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?!{CALENDAR}\b){org_word}(?:\s+(?:and|&|of|the|for)?\s*{org_word}){{0,6}})?"
            rf"(?:\s+\([A-Z][a-z]+\))?(?:,?\s+(?:Co\.,?\s+)?Ltd\.?)?"), org_firsts[1:-1])
        self.titled_re = re.compile(rf"{at_word_start(self.honorifics)}\.?\s+(?P<name>(?:{CAP}|{INITIAL})(?:\s+(?:{CAP}|{INITIAL})){{0,2}}{SUFFIX}?)")
        self.full_name_re = re.compile(rf"\b(?P<given>{CAP})(?:\s+{INITIAL})?(?:\s+{CAP}){{1,2}}{SUFFIX}?")
        self.chinese_re = re.compile(r"(?P<family>[A-Z](?<!\w.)[a-z]{0,5})\s+(?P<given>[A-Z][a-z]+(?:-[a-z]+|['’][a-z]+)?)\b(?!-)")
        # a role, what it is for, then the name: "Senior Director for Technology and National
        # Security Tarun Chhabra", "Deputy National Security Advisor Jane Doe"
        self.role_re = re.compile(
            rf"{at_word_start(self.honorifics)}(?:\s+(?:for|of|on)\s+(?:the\s+)?{CAP}(?:\s+(?:{CAP}|and|&|of|the)){{0,8}}?)?"
            rf"\s+(?P<name>{CAP}(?:\s+{INITIAL})?\s+{CAP})(?=\s*(?:[,.;:)]|\s[a-z]|$))")
        heads = alternatives(sorted(self.place_heads, key=len, reverse=True))
        self.place_re = re.compile(rf"{WORD_START_CAP}\s+(?:{CAP}\s+){{0,2}}(?:{heads})\b") if heads else None
        heads_of = alternatives(sorted(words.get("place-of-heads", ()), key=len, reverse=True))
        self.place_of_re = Skipping(re.compile(rf"\b(?:{heads_of})\s+of\s+(?:the\s+)?{CAP}(?:\s+{CAP})?\b"),
                                    first_chars(words.get("place-of-heads", ()))[1:-1]) if heads_of else None

    # --- public -----------------------------------------------------------------------
    def find(self, text: str, published: dt.date | None) -> tuple[list[Mention], dict[str, Entity]]:
        """Mentions in the text, in order, and the entities they name."""
        catalog = [c for c in self.catalog_candidates(text) if self.keep(c, text)]
        people = self.person_candidates(text)
        catalog += self.administrations(text, published)
        catalog += self.place_candidates(text, catalog)
        org_ends = shortest_org_ends(catalog)
        orgs = [c for c in self.org_candidates(text) if not starts_catalog_org(c, org_ends)]
        orgs = truncate_before(orgs, [p for p in people + catalog if p.kind == "Person"], text, self.org_heads)
        known_people = Overlaps(c for c in catalog if c.kind == "Person")
        people = [p for p in people if not extends_known_person(p, known_people, text)]
        chosen = settle(catalog + people + orgs)
        chosen = [c for c in chosen if not (c.role == "pattern" and continues_capitalised(text, c.end))]
        chosen = add_nested_orgs(chosen, catalog)
        taken = marked(text, chosen)  # where the names chosen so far stand, kept up to date by the three
        chosen = self.resolve_short_names(text, chosen, published, taken)
        chosen = self.resolve_titles(text, chosen, published, taken)
        chosen = self.resolve_ministries(text, chosen, taken)
        entities = {}
        mentions = []
        for c in chosen:
            entity = c.entity or self.cat.entities.get(c.key)
            if entity is None:
                continue
            entity = self.as_country_if_government(c, entity, text)
            entity = self.as_place_if_city_state(c, entity, text)
            entities[entity.key] = merge_entity(entities.get(entity.key), entity, text[c.start:c.end])
            mentions.append(Mention(entity.key, c.start, c.end, text[c.start:c.end]))
        return mentions, entities

    # --- candidates -------------------------------------------------------------------
    def catalog_candidates(self, text: str) -> list[Candidate]:
        """Catalog names at word boundaries; a name matched regardless of case only where it
        starts with a capital or a digit. (The automata report every form inside words too,
        "se" in "these", so the cheapest test, the first character's, comes first.)"""
        found = []
        lower = lowered(text)
        if len(lower) != len(text):  # lower-casing changed the length ("İ"): offsets as the name lengths give them
            return self.catalog_candidates_slowly(text, lower)
        shared: dict[str, list] = {part: [] for part in self.shared_names}
        if len(self.ci):
            for end, (length, pairs, entries) in self.ci.iter(lower):
                if pairs is not None:  # another list's form: kept for its owner, as its own pass would give it
                    for part, value in pairs:
                        shared[part].append((end, value))
                    if entries is None:
                        continue
                start = end - length + 1
                first = text[start] if start >= 0 else ""  # (a form whose lower case is longer)
                if first in NOT_CAPITAL or not (first.isupper() or first.isdigit()):
                    continue  # (most: a form inside a word; the set answers before the methods)
                end += 1
                if at_word_boundary(text, start, end):
                    found += [Candidate(start, end, key, kind, role) for key, kind, role in entries.found]
        heads: dict[str, list[int]] = {"org": [], "place": []}
        if len(self.cs):
            for end, (entries, kinds) in self.cs.iter(text):
                if kinds:
                    for kind, n in kinds:
                        heads[kind].append(end - n + 1)
                    if entries is None:
                        continue
                start = end - entries.length + 1
                end += 1
                if at_word_boundary(text, start, end):
                    found += [Candidate(start, end, key, kind, role) for key, kind, role in entries.found]
        self._heads_at[:] = [(text, heads), self._heads_at[0]]
        self._shared_hits[:] = [(text, shared), self._shared_hits[0]]
        return found

    def shared_hits(self, text: str, part: str) -> list[tuple[int, object]] | None:
        """The (end, value) of a shared word list's forms in the lower-cased text, in the order
        an automaton of that list would give them; None for a text whose lower case differs in
        length (its owner scans it itself)."""
        for held, shared in self._shared_hits:
            if held is text:
                return shared[part]
        if len(lowered(text)) != len(text):
            return None
        self.catalog_candidates(text)
        for held, shared in self._shared_hits:  # (as the pass left them; None if another text came since)
            if held is text:
                return shared[part]
        return None

    def catalog_candidates_slowly(self, text: str, lower: str) -> list[Candidate]:
        """``catalog_candidates`` name by name, for a text whose lower-case form differs in length."""
        found = []
        for auto, haystack in ((self.ci, lower), (self.cs, text)):
            if not len(auto):
                continue
            for end, entries in auto.iter(haystack):
                entries = entries[2] if auto is self.ci else entries[0]  # (see __init__)
                if entries is None:
                    continue  # another list's form (see shared), an organization head
                start = end - len(entries[0].form) + 1
                end += 1
                if not at_word_boundary(text, start, end):
                    continue
                surface = text[start:end]
                for name in entries:
                    if not name.case_sensitive and not surface[:1].isupper() and not surface[:1].isdigit():
                        continue
                    entity = self.cat.entities.get(name.key)
                    if entity:
                        found.append(Candidate(start, end, name.key, entity.kind, name.role))
        return found

    def org_matches(self, text: str):
        """``org_re.finditer(text)``, the pattern tried only where a match can start: a match
        runs from its start to its head ("… Department") over letters, spaces, hyphens,
        apostrophes, stops and "&" alone, so it starts at one of the pattern's first characters
        in the stretch of those that leads to a head the case-sensitive pass found (or at the
        head). The same matches, in the same order, as the scan over the whole text."""
        found = self.before_heads(text, "org", self.org_re.regex, self.org_firsts, ORG_CHARS)
        yield from self.org_re.finditer(text) if found is None else found

    def place_matches(self, text: str):
        """``place_re.finditer(text)``, the pattern tried only at the capitals of the stretches
        of letters, apostrophes, hyphens and spaces that lead to a place head ("… Lake"), as
        org_matches does for organizations: the same matches, in the same order."""
        found = self.before_heads(text, "place", self.place_re, CAPITAL, PLACE_CHARS)
        yield from self.place_re.finditer(text) if found is None else found

    def before_heads(self, text: str, kind: str, regex: re.Pattern, firsts: re.Pattern, chars: str):
        """The matches of ``regex`` (each starting at a ``firsts`` character and running over
        ``chars`` to a head of that kind) in text order, or None when the case-sensitive pass
        has not read the text."""
        heads = next((found[kind] for held, found in self._heads_at if held is text), None)
        if heads is None:  # (the catalog names' pass has not read this text)
            return None
        return self._before_heads(text, heads, regex.match, firsts.finditer, chars)

    @staticmethod
    def _before_heads(text, heads, match, firsts, chars):
        done = last_end = 0
        for head in sorted(set(heads)):
            if head < done:
                continue
            start = stretch_start(text, head, done, chars)
            for first in firsts(text, start, head + 1):
                if first.start() >= last_end:
                    m = match(text, first.start())
                    if m is not None:
                        yield m
                        last_end = m.end()
            done = head + 1

    def org_candidates(self, text: str) -> list[Candidate]:
        found = []
        for m in self.org_matches(text):
            start, end = m.start(), m.end()
            surface = text[start:end].rstrip(" ,")
            words = surface.split()
            while words and (words[0] in LEADING_WORDS or words[0].endswith("ing") and len(words[0]) > 5):
                start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
                words = words[1:]
            if len(words) < 2:
                continue
            surface = text[start:start + len(" ".join(words))]
            end = start + len(surface)
            if surface.endswith("."):
                if not re.search(r"(?:Co|Ltd|Inc|Corp)\.$", surface):
                    surface, end = surface[:-1], end - 1
            if " and " in surface and (self.catalog_key(surface.rsplit(" and ", 1)[1], "Organization")
                                       or surface.split()[-1] in WEAK_HEADS):
                continue  # "the Treasury and Commerce Department": two bodies, the second known
            if surface.lower() in self.cat.signals or VENUE.search(surface):
                continue  # "the Belt and Road Initiative" is an issue; "... Convention Center" a place
            label = NATIONAL_PREFIX.sub("", surface)
            known = self.catalog_key(label, "Organization")
            if known:
                found.append(Candidate(start, end, known, "Organization", "pattern"))
                continue
            key = f"org/{slugify(label)}"
            entity = Entity(key, "Organization", label, (surface,) if surface != label else ())
            found.append(Candidate(start, end, key, "Organization", "pattern", entity))
        return found

    def is_place_name(self, word: str, major_only: bool = False) -> bool:
        """True for a country or place name ("Will Beijing respond?" is no person); with
        ``major_only`` only countries, capitals and places the catalog declares count."""
        entries = self.ci_forms.get(word.lower(), [])
        return any(self.cat.entities[n.key].kind in ("Place", "Country") and not (
            major_only and n.key in self.cat.population and word.lower() not in self.cat.capitals) for n in entries)

    def inside_longer_name(self, text: str, start: int) -> bool:
        """Whether the name only ends a longer capitalised one on its line ("New York Times",
        "Hong Kong Residents"): the capitalised words just before it hold no title ("former
        Secretary of State Henry Kissinger", "Tesla's Elon Musk" are names)."""
        line = text[max(0, start - 80):start].rsplit("\n", 1)[-1]
        words = line.split()
        run = []
        for word in reversed(words):
            if word in ("of", "for", "the", "on", "&") or word[:1].isupper() and not word.endswith(("’s", "'s", ",")) \
                    and not CALENDAR_WORD.fullmatch(word.rstrip(".")):
                run.append(word)
            else:
                break
        caps = [w for w in run if w[:1].isupper()]
        if not caps or len(run) == 1 and (len(run) == len(words) or re.search(r"[.!?:\"“”]$", words[-2])):
            return False  # one capitalised word opening the sentence: "Analyst Jane Doe said"
        return not any(w.lower().rstrip(".") in self.honorific_set or w.lower() in self.honorific_set
                       or w in STOP_TITLES for w in caps)

    def minor_place(self, word: str) -> bool:
        """True when the catalog knows the word only as a town of the gazetteer (no capital)."""
        entries = self.ci_forms.get(word.lower(), [])
        return bool(entries) and word.lower() not in self.cat.capitals and all(
            self.cat.entities[n.key].kind == "Place" and n.key in self.cat.population
            and self.cat.population[n.key] < 1_000_000 for n in entries)

    def administrations(self, text: str, published) -> list[Candidate]:
        """"the Biden administration", "the Trump-Vance administration": the government of the
        country whose leader is named."""
        found = []
        for m in administration_phrases(text):
            people = self.cat.family_names.get(m.group("name").lower(), [])
            countries = {self.cat.entities[p].country for p in people if p in self.cat.entities}
            if len(countries) == 1 and None not in countries:
                key = countries.pop()
                found.append(Candidate(m.start(), m.end(), key, "Country", "name"))
        return found

    def catalog_key(self, name: str, kind: str) -> str | None:
        """The catalog entity of that kind with exactly this name, if there is one."""
        entries = self.ci_forms.get(name.lower(), [])
        return next((n.key for n in entries if self.cat.entities[n.key].kind == kind), None)

    def person_candidates(self, text: str) -> list[Candidate]:
        found = []
        for m in self.titled_re.finditer(text):
            found.extend(self.person_from(text, m.start("name"), m.end("name"), titled=True))
        given_names = self.cat.given_names
        for word in CAPITALISED_WORD.finditer(text):
            w = word.group()
            if w.lower() not in given_names or w in STOP_CAPS:
                continue
            m = self.full_name_re.match(text, word.start())
            if m:
                found.extend(self.person_from(text, m.start(), m.end(), titled=False))
        for m in self.chinese_re.finditer(text):
            if m.group("family") in self.family_cn and PINYIN.match(re.sub(r"[-'’]", "", m.group("given").lower())):
                found.extend(self.person_from(text, m.start(), m.end(), titled=True, strong=True))
        pos = 0
        while m := self.role_re.search(text, pos):
            named = self.person_from(text, m.start("name"), m.end("name"), titled=True, strong=True)
            found.extend(named)
            pos = m.end() if named else m.start("name")  # "Deputy Special Envoy for …": the title goes on
        return found

    def place_candidates(self, text: str, catalog: list[Candidate]) -> list[Candidate]:
        """Places the gazetteer lacks, by their last word: "Yanqi Lake", "the Rose Garden"."""
        if self.place_re is None:
            return []
        found = []
        catalog_at = Overlaps(catalog)
        for m in self.place_matches(text):
            words = m.group().split()
            while words and (words[0] in LEADING_WORDS or words[0] in STOP_CAPS):
                words = words[1:]
            if len(words) < 2:
                continue
            start = m.end() - len(" ".join(words))
            prior = re.search(r"([A-Z][\w.’'-]*)\s+$", text[max(0, start - 30):start])
            if prior and prior.group(1) not in LEADING_WORDS and prior.group(1) not in STOP_CAPS:
                continue  # the end of a longer name ("… Hong Kong Special Administrative Region")
            if any(c.start <= start and m.end() <= c.end for c in catalog_at.overlapping(start, m.end())):
                continue  # the catalog knows it ("South China Sea")
            label = " ".join(words)
            key = self.catalog_key(label, "Place") or f"place/{slugify(label)}"
            entity = None if key in self.cat.entities else Entity(key, "Place", label)
            found.append(Candidate(start, m.end(), key, "Place", "pattern", entity))
        for m in self.place_of_re.finditer(text) if self.place_of_re is not None else ():
            # "the Sea of Japan", "the Gulf of Tonkin": one place, not the country it is named after
            if any(c.start <= m.start() and m.end() <= c.end for c in catalog_at.overlapping(m.start(), m.end())):
                continue
            key = self.catalog_key(m.group(), "Place") or f"place/{slugify(m.group())}"
            entity = None if key in self.cat.entities else Entity(key, "Place", m.group())
            found.append(Candidate(m.start(), m.end(), key, "Place", "pattern", entity))
        return found

    def person_from(self, text: str, start: int, end: int, titled: bool, strong: bool = False) -> list[Candidate]:
        """A person candidate for a name of two or more words that is not something else: no
        word of it heads an organization's or a place's name or is a common noun ("Accords"),
        and it is not a compound adjective ("Hong Kong-born"). A ``strong`` name (a Chinese
        family name with a pinyin given name, a name after a role) may share a word with a
        small town ("Chen Jining", "Tarun Chhabra")."""
        surface = text[start:end]
        words = surface.replace(",", "").split()
        surname_ok = strong and len(words) == 2 and words[0].lower() in self.cat.given_names  # "Seth Center"
        if any(w in self.org_heads and not (surname_ok and i == 1) or w in self.place_heads or w in self.not_name
               or COMPOUND_ADJECTIVE.match(w) for i, w in enumerate(words)) or text[end:end + 1] in ("-", "–"):
            return []
        while words and words[-1] in STOP_CAPS:
            words = words[:-1]
        if len(words) < 2 or any(w in self.org_heads and not (surname_ok and i == 1) or w in STOP_CAPS
                                 for i, w in enumerate(words)):
            return []
        surface = text[start:start + len(" ".join(words))] if "," not in surface else surface
        surface = surface.rstrip(", ")
        if words[0].lower() in self.ci_forms and not (words[0].lower() in self.cat.given_names and self.minor_place(words[0])) \
                or surface.lower() in self.ci_forms:
            return []  # "China Daily"; but "David Lin" is a person though David is a town in Panama
        if any(self.is_place_name(w, major_only=strong) for w in words[1:]):
            return []  # "Will Beijing respond?"; but "Chen Jining" is a name, Jining a mere city
        known = self.catalog_key(surface, "Person") or self.catalog_key(surface.replace(",", ""), "Person")
        if known:
            return [Candidate(start, start + len(surface), known, "Person", "pattern")]
        if all(w.isupper() for w in words) or "\n" in surface or not strong and self.inside_longer_name(text, start):
            return []  # "ADDRESSING THE FENTANYL" is a heading; "(New) York Times" part of a name;
            # a name does not run across lines
        key = f"person/{slugify(surface)}"
        entity = Entity(key, "Person", surface)
        return [Candidate(start, start + len(surface), key, "Person", "pattern", entity)]

    # --- filters ------------------------------------------------------------------------
    def keep(self, c: Candidate, text: str) -> bool:
        """Drop gazetteer cities that are likely ordinary words or names in this context."""
        if c.kind != "Place" or c.role != "name" or c.key not in self.cat.population:
            return True
        if CALENDAR_WORD.fullmatch(text[c.start:c.end]):
            return False  # "in March" is the month, not the English town
        label = self.cat.entities[c.key].label.lower()
        if label in self.cat.capitals or self.cat.population[c.key] >= 1_000_000:
            return True
        before = text[max(0, c.start - 12):c.start].split()
        after = text[c.end:c.end + 30]
        if before and before[-1].lower().strip(",") in self.locative and not sentence_initial(text, c.start):
            return True
        return bool(COMMA_CAPITAL.match(after)) and not sentence_initial(text, c.start)

    def as_country_if_government(self, c: Candidate, entity: Entity, text: str) -> Entity:
        """"Beijing said", "Washington and Beijing agreed", "accused Beijing of": a capital
        standing for its government."""
        if entity.kind != "Place":
            return entity
        country = self.cat.capitals.get(entity.label.lower())
        if not country:
            return entity
        government = self.cat.entities.get(country, entity)
        after = text[c.end:c.end + 60]
        prev = text[max(0, c.start - 30):c.start]
        pair = AND_NAME.match(after)
        if pair and pair.group(1).lower() in self.cat.capitals:
            after = after[pair.end():]
        if self.speaks(after) or self.acts(prev, after):
            return government
        if BETWEEN_BEFORE.search(prev) and AND_CAPITAL.match(after):
            return government
        if PAIR_BEFORE.search(prev) or (
                NAME_AND_BEFORE.search(prev) and
                NAME_AND_BEFORE.search(prev).group(1).lower() in self.cat.capitals and self.speaks(after)):
            return government
        if ADDRESSED_BEFORE.search(prev):
            return government
        return entity

    def as_place_if_city_state(self, c: Candidate, entity: Entity, text: str) -> Entity:
        """"in Singapore": a city-state named as a location is the city, a Place of that country."""
        if entity.kind != "Country" or text[c.start:c.end] not in self.city_states:
            return entity
        before = text[max(0, c.start - 12):c.start].split()
        if not before or before[-1].lower() not in self.locative:
            return entity
        return Entity(f"place/{slugify(entity.label)}", "Place", entity.label, (), (), entity.key, (),
                      entity.latitude, entity.longitude)

    def resolve_ministries(self, text: str, chosen: list[Candidate], taken: bytearray | None = None) -> list[Candidate]:
        """"the foreign ministry said": the ministry of the country the article names most that
        has one by that name in the catalog ("Chinese foreign ministry")."""
        found = list(ministries(text)) if " ministry" in text else []
        if not found:
            return chosen
        taken = marked(text, chosen) if taken is None else taken
        counts: dict[str, int] = {}
        for c in chosen:
            if c.kind == "Country":
                counts[c.key] = counts.get(c.key, 0) + 1
        extra = []
        for m in found:
            if taken[m.start()] or taken[m.end() - 1]:
                continue
            for country in sorted(counts, key=lambda k: -counts[k]):
                key = next((k for d in self.demonyms.get(country, ()) for k in
                            [self.catalog_key(f"{d} {m.group()}", "Organization")] if k), None)
                if key:
                    extra.append(Candidate(m.start(), m.end(), key, "Organization", "title"))
                    break
        mark(taken, extra)
        return sorted(chosen + extra, key=lambda c: c.start) if extra else chosen

    def acts(self, prev: str, after: str) -> bool:
        """"Washington must not…", "Beijing will…": a capital that is the subject of a modal,
        unless a preposition puts it on the map."""
        nxt = NEXT_WORD.match(after)
        if not nxt or PREPOSITION_BEFORE.search(prev):
            return False
        return nxt.group(1) in MODALS

    def speaks(self, after: str) -> bool:
        """Whether the words after a name make it the subject of a statement or act."""
        nxt = NEXT_TWO_WORDS.match(after)
        if not nxt:
            return False
        first, second = nxt.group(1).lower(), (nxt.group(2) or "").lower()
        if first in self.speech - {"and", "is", "was", "has", "have", "had", "’s", "'s"}:
            return True
        return first in ("has", "have", "had", "is", "was", "will") and second.endswith("ed")

    # --- short names --------------------------------------------------------------------
    def resolve_short_names(self, text: str, chosen: list[Candidate], published,
                            taken: bytearray | None = None) -> list[Candidate]:
        """Family names ("Blinken", "Director Yang") and given names after a title
        ("Ambassador Jamieson") resolve to people named in the article or in office then."""
        persons = [c for c in chosen if c.kind == "Person"]
        local_family: dict[str, str] = {}
        local_given: dict[str, str] = {}
        for c in persons:
            entity = c.entity or self.cat.entities[c.key]
            parts = entity.label.split()
            if len(parts) >= 2:
                family = parts[0] if parts[0] in self.family_cn and len(parts) == 2 else parts[-1].rstrip(".,")
                if family in ("Jr", "Jr.", "Sr.", "II", "III"):
                    family = parts[-2].rstrip(",")
                local_family.setdefault(family.lower(), c.key)
                local_given.setdefault(parts[0].lower(), c.key)
        taken = marked(text, chosen) if taken is None else taken
        extra = []
        found_entity: dict[str, Entity] = {}  # the first pattern-found entity of each person
        for c in persons:
            if c.entity:
                found_entity.setdefault(c.key, c.entity)
        family_names = self.cat.family_names
        for m in WORD_START_CAP_RE.finditer(text):
            word = m.group()
            low = word.lower()
            if low not in local_family and low not in local_given and low not in family_names:
                continue  # short_name_key has no one for it (most capitalised words)
            start, end = m.span()
            if taken[start] or taken[end - 1]:
                continue
            key = self.short_name_key(word, text, start, local_family, local_given, published)
            if key:
                entity = found_entity.get(key)
                extra.append(Candidate(start, end, key, "Person", "short", entity))
        mark(taken, extra)
        return sorted(chosen + extra, key=lambda c: c.start)

    def resolve_titles(self, text: str, chosen: list[Candidate], published,
                       taken: bytearray | None = None) -> list[Candidate]:
        """"the Secretary pointed out", "the President declared": a capitalised title alone
        names the holder of that office the article has named most (then first), else the
        one person the catalog has in that office on the day."""
        taken = marked(text, chosen) if taken is None else taken
        extra = []
        # People named so far, counted as the titles are met in text order: (end, order, key).
        people = sorted((c.end, i, c.key) for i, c in enumerate(c for c in chosen if c.kind == "Person"))
        named: dict[str, list[int]] = {}  # person -> [mentions ended before the title, order of the first]
        counted = 0
        for m in TITLE_ALONE.finditer(text):
            title = m.group("title")
            start, end = m.start("title"), m.end("title")
            if taken[start] or taken[end - 1] or title.lower() not in self.office_titles:
                continue
            if OF_OR_NAME.match(text[end:end + 4]) or TO_OF_FOR.search(text[max(0, m.start() - 5):m.start()]):
                continue  # "the Secretary of State", "Assistant to the President": part of another title
            while counted < len(people) and people[counted][0] <= start:
                _, order, person = people[counted]
                seen = named.setdefault(person, [0, order])
                seen[0], seen[1] = seen[0] + 1, min(seen[1], order)
                counted += 1
            key = self.title_holder(title.lower(), named, published)
            if key:
                extra.append(Candidate(start, end, key, "Person", "title"))
        mark(taken, extra)
        return sorted(chosen + extra, key=lambda c: c.start)

    def title_holder(self, title: str, named: dict[str, list[int]], published) -> str | None:
        """The person named most (then first) among ``named`` (person -> [count, order of the
        first mention]) who held an office of that title on the day, else the catalog's one
        holder then."""
        holders = self.office_holders(title, published)
        ranked = [(named[p][0], -named[p][1], p) for p in holders if p in named]
        if ranked:
            return max(ranked)[2]
        return next(iter(holders)) if len(holders) == 1 else None

    def office_holders(self, title: str, published) -> frozenset[str]:
        """The catalog's people in an office of that title on the day (any day if undated),
        remembered across articles: the catalog does not change while the finder lives."""
        found = self._holders.get((title, published))
        if found is None:
            offices = self.office_titles[title]
            holds = lambda person: any(t.office in offices and (published is None or (
                (t.start is None or t.start <= published) and (t.end is None or published <= t.end)))
                for t in self.cat.tenures.get(person, []))
            if len(self._holders) > 100_000:
                self._holders.clear()  # bounded over a long run of differently dated articles
            found = self._holders[(title, published)] = frozenset(p for p in self.cat.tenures if holds(p))
        return found

    def short_name_key(self, word: str, text: str, start: int, local_family: dict, local_given: dict, published) -> str | None:
        low = word.lower()
        if low in local_family:
            return local_family[low]
        # Whether a title stands before is looked at only for the few words it can decide
        # (most capitalised words name nobody): the same answer at a fraction of the cost.
        if low in local_given and self.preceded_by_title(text, start):
            return local_given[low]
        holders = [k for k in self.cat.family_names.get(low, []) if self.in_office(k, published)]
        if len(holders) == 1 and (self.preceded_by_title(text, start) or (
                len(word) > 2 and not sentence_initial(text, start) and low not in self.cat.given_names)):
            return holders[0]
        return None

    def preceded_by_title(self, text: str, start: int) -> bool:
        """True after a title ("Director Yang", "Secretary Blinken", "Presidents Biden and Xi")."""
        words = text[max(0, start - 60):start].split()

        def titled(ws: list[str]) -> bool:
            joined = " ".join(ws).lower().strip(",")
            return joined in self.honorific_set or joined.rstrip("s") in self.honorific_set

        if any(len(words) >= n and titled(words[-n:]) for n in (1, 2, 3)):
            return True
        if len(words) >= 3 and words[-1] == "and" and words[-2][:1].isupper():
            return any(len(words) >= n + 2 and titled(words[-n - 2:-2]) for n in (1, 2, 3))
        return False

    def in_office(self, person: str, on: dt.date | None) -> bool:
        tenures = self.cat.tenures.get(person) or []
        if on is None or not tenures:
            return True
        return any((t.start is None or t.start <= on + dt.timedelta(days=365)) and (t.end is None or on <= t.end + dt.timedelta(days=365 * 3))
                   for t in tenures)


# --- helpers --------------------------------------------------------------------------
WORD_START_CAP_RE = re.compile(rf"{WORD_START_CAP}\b")


def administration_phrases(text: str):
    """``ADMINISTRATION.finditer(text)``, searching only the stretches of words, spaces and hyphens
    that hold "administration" (its matches are such stretches)."""
    if len(lowered(text)) != len(text):
        yield from ADMINISTRATION.finditer(text)
        return
    for a, b in stretches_holding(text, "administration", joiners="-"):
        yield from ADMINISTRATION.finditer(text, a, b)


def marked(text: str, chosen: list[Candidate]) -> bytearray:
    """A map of the text with 1 where a chosen candidate stands."""
    taken = bytearray(len(text) + 1)
    mark(taken, chosen)
    return taken


def mark(taken: bytearray, candidates: list[Candidate]) -> None:
    for c in candidates:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)


def ministries(text: str):
    """``MINISTRY.finditer(text)``, searching only the stretches of words and spaces that hold
    " ministry" (its matches are such stretches)."""
    if len(lowered(text)) != len(text):
        yield from MINISTRY.finditer(text)
        return
    for a, b in stretches_holding(text, " ministry"):
        yield from MINISTRY.regex.finditer(text, a, b)


def at_word_start(words: list[str]) -> str:
    """A regex for any of the words where a word starts, the same as ``\b(?:w1|w2|…)`` (tried in
    the given order), written as literal first characters so that the engine skips in C to
    where one of them stands (see ADMINISTRATION). Words that open with no word character are
    left in the plain form, which "\b" would not fit anyway."""
    if not words or not all(is_word_char(w[0]) for w in words):
        return rf"\b(?:{'|'.join(re.escape(w) for w in words)})"
    rests: dict[str, list[str]] = {}
    for w in words:
        rests.setdefault(w[0], []).append(re.escape(w[1:]))
    return "(?:" + "|".join(rf"{re.escape(c)}(?<!\w.)(?:{'|'.join(r)})" for c, r in rests.items()) + ")"


def alternatives(words: list[str]) -> str:
    """A regex for any of the words, tried in the given order, the same as ``w1|w2|…`` (put it
    in a group), with the words gathered under their first characters: the engine checks a
    plain alternation's words one by one at each place it is tried (a hundred organization
    heads at every word of a name), and the gathered one only those that start right there."""
    if not all(words):
        return "|".join(re.escape(w) for w in words)
    rests: dict[str, list[str]] = {}
    for w in words:
        rests.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(c)}(?:{'|'.join(r)})" for c, r in rests.items())


def first_chars(words, capitals: bool = False) -> str:
    """A regex class of the first characters of the words (and every capital letter if asked),
    for a look-ahead that lets a pattern skip the places where none of its words can start."""
    chars = {w[0] for w in words if w} | (set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if capitals else set())
    return "[" + "".join(c if c.isalnum() else "\\" + c for c in sorted(chars)) + "]" if chars else ""


def at_word_boundary(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither starts inside a word nor ends inside one (a word
    character is what \\w matches: ``is_word_char``, written out here as it runs for every
    catalog name found)."""
    if start > 0:
        c = text[start - 1]
        if c.isalnum() or c == "_":
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum() or c == "_":
            c = text[end - 1]
            return not (c.isalnum() or c == "_")
    return True


def is_word_char(c: str) -> bool:
    """What the regex class \\w matches (letters, digits, other numerals, "_"), without a regex call."""
    return c.isalnum() or c == "_"


def sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start]
    return start == 0 or bool(SENTENCE_END_BEFORE.search(before)) or before.strip() == ""


def starts_catalog_org(c: Candidate, catalog: list[Candidate] | dict[int, int]) -> bool:
    """A name pattern that only runs on past a catalog name ("Department of Commerce Updates").

    ``catalog`` is the catalog candidates or, to check many, ``shortest_org_ends`` of them."""
    ends = catalog if isinstance(catalog, dict) else shortest_org_ends(catalog)
    return c.start in ends and ends[c.start] < c.end


def shortest_org_ends(catalog: list[Candidate]) -> dict[int, int]:
    """Where the shortest catalog organization starting at each offset ends."""
    ends: dict[int, int] = {}
    for k in catalog:
        if k.kind == "Organization" and k.end < ends.get(k.start, k.end + 1):
            ends[k.start] = k.end
    return ends


def truncate_before(orgs: list[Candidate], people: list[Candidate], text: str, heads=frozenset()) -> list[Candidate]:
    """Cut an organization's name where a person's name starts inside it ("…Commission Yang Jiechi");
    what is left is kept when it still ends in an organization's head word ("…Technology Seth
    Center" leaves "Emerging Technology", a title's words, not an organization)."""
    out = []
    starts = sorted(p.start for p in people)
    for c in orgs:
        i = bisect.bisect_right(starts, c.start)  # the first person starting after the organization
        cut = starts[i] if i < len(starts) and starts[i] < c.end else None
        if cut is None:
            out.append(c)
            continue
        surface = text[c.start:cut].rstrip(" ,")
        if len(surface.split()) >= 2 and (not heads or surface.split()[-1] in heads):
            label = c.entity.label[:len(c.entity.label) - (c.end - c.start - len(surface))] if c.entity else surface
            key = f"org/{slugify(label)}"
            entity = Entity(key, "Organization", label, (surface,) if surface != label else ())
            out.append(Candidate(c.start, c.start + len(surface), key, c.kind, c.role, entity))
    return out


def continues_capitalised(text: str, end: int) -> bool:
    """True when a capitalised word follows at once: the name found is part of a longer one."""
    return text[end - 1:end] != "." and bool(CAPITALISED_NEXT.match(text[end:end + 3]))


def add_nested_orgs(chosen: list[Candidate], catalog: list[Candidate]) -> list[Candidate]:
    """Catalog organizations inside or across a name that the pattern found are mentions too
    ("Chinese Communist Party Politburo": the party and the Politburo), unless they end where it
    ends; a catalog name is one organization."""
    orgs = Overlaps(c for c in chosen if c.kind == "Organization")
    others = Overlaps(c for c in chosen if c.kind != "Organization")
    org_keys = {o.key for o in orgs.items}
    chosen_at: dict[tuple[int, int, str], list[Candidate]] = {}
    for c in chosen:
        chosen_at.setdefault((c.start, c.end, c.key), []).append(c)
    extra = []
    for k in catalog:
        if k.kind != "Organization" or k in chosen_at.get((k.start, k.end, k.key), ()) or k.key in org_keys:
            continue
        outer = orgs.overlapping(k.start, k.end)
        if any(k.end == o.end or o.role != "pattern" and o.start <= k.start and k.end <= o.end for o in outer):
            continue  # a known full name is one body ("National People's Congress" holds no Congress)
        if outer and not any(not (k.start <= o.start and o.end <= k.end) for o in others.overlapping(k.start, k.end)):
            extra.append(k)
    unique = {(c.start, c.end, c.key): c for c in chosen + extra}
    return sorted(unique.values(), key=lambda c: c.start)


def extends_known_person(p: Candidate, known_people: Overlaps, text: str) -> bool:
    """A name pattern that runs a known person's name into the next capitalised words
    ("President Donald J. Trump Continues the Suspension…", "President Biden Takes Action" in
    a title): the known name wins. ``known_people`` holds the catalog's Person candidates,
    looked up by position so that a long text costs no more per name than a short one."""
    return p.kind == "Person" and any(c.end < p.end and not re.fullmatch(SUFFIX, text[c.end:p.end])
                                      for c in known_people.overlapping(p.start, p.start + 1))


def settle(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first; on a tie a catalog name before a name
    pattern ("Soviet Union" is a country, not an organization ending in "Union"), then people,
    organizations, countries, places."""
    return longest_first(candidates, lambda c: (c.role == "pattern", -KIND_RANK.get(c.kind, 0), c.role != "name"))


def merge_entity(old: Entity | None, new: Entity, surface: str) -> Entity:
    """The entity with the surface form added to its names (the forms this article used)."""
    base = old or new
    surface = surface.strip()
    if surface in base.alt_labels or surface.lower() == base.label.lower() or not surface[:1].isupper():
        return base
    return Entity(base.key, base.kind, base.label, base.alt_labels + (surface,), base.same_as, base.country,
                  base.broader, base.latitude, base.longitude, base.roles)
