"""The catalog's names found in a text: one Aho-Corasick pass for the names matched regardless
of case (lower-cased) and one for those matched as written.

The passes do two more jobs while they read the text: the case-blind one finds the forms of
other word lists (the triggers, the dispute words…: ``shared``), since an automaton pass costs
about its length in the text whatever it finds; the case-sensitive one finds the head words of
organizations ("Department", "Co.") and places ("Lake"), so that their patterns are tried only
in the stretches that lead to one (``before_heads``).
"""
from __future__ import annotations

import itertools
import re

import ahocorasick

from graph.extract.catalog import Catalog
from graph.extract.entities.candidate import Candidate
from graph.extract.text import lowered, stretch_start
from graph.extract.word_patterns import at_word_boundary

SHORT_FORM = re.compile(r"[a-z0-9]{2,3}")  # (lower-cased forms: see CatalogNames.__init__)
NOT_CAPITAL = frozenset("abcdefghijklmnopqrstuvwxyz ,.;:!?'’\"-\n")  # neither a capital nor a digit


def short_spellings(form: str) -> list[str]:
    """Every way of writing a lower-case form of ASCII letters and digits that lower-cases to it
    with a capital or a digit first: each letter in either case (the first a capital), and the
    Kelvin sign for a "k" (the one other character whose lower case is an ASCII letter)."""
    def ways(c: str, first: bool) -> list[str]:
        if c.isdigit():
            return [c]
        return ([] if first else [c]) + [c.upper()] + (["\u212a"] if c == "k" else [])
    return ["".join(chars) for chars in itertools.product(*(ways(c, i == 0) for i, c in enumerate(form)))]


# Characters from the most frequent in English copy to the least, as characters that sort in
# that order before any other (which keep their own code).
_BY_FREQUENCY = {ord(c): chr(1 + i) for i, c in enumerate(" etaoinsrhldcumfpgwybvkxjqz,.-’'\"\n0123456789"
                                                          "TSAICMPBNWDRHFEGLUOJKVYQXZ()“”:;/&%$")}


def in_text_order(forms) -> list[str]:
    """The forms in the order to add them to an automaton: the characters most frequent in text
    first, place by place. An automaton node looks its next character up among its children one
    by one, in the order they were added: so ordered, the look-ups a text makes end sooner (a
    third fewer instructions over a corpus). What the automaton finds is the same in any order."""
    return sorted(forms, key=lambda form: form.translate(_BY_FREQUENCY))


def _end_then_longest(c: Candidate) -> tuple[int, int]:
    return c.end, c.start - c.end


_END_THEN_LONGEST = _end_then_longest


class Names(list):
    """The catalog names of one form (an automaton's value), with what finding them needs
    worked out once: the first name's length and (key, kind, role) of those the catalog has."""
    length: int = 0
    found: tuple[tuple[str, str, str], ...] = ()

    def settle(self, catalog: Catalog) -> None:
        self.length = len(self[0].form)
        self.found = tuple((n.key, catalog.entities[n.key].kind, n.role) for n in self if n.key in catalog.entities)


class CatalogNames:
    """Finds the catalog's names in a text and answers what the catalog knows by a form;
    built once from the catalog (``shared``: other lists' name -> {form: value})."""

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
        self.shared_names = tuple(shared or ())
        others: dict[str, tuple] = {}
        for part, forms in (shared or {}).items():
            for form, value in forms.items():
                others[form] = others.get(form, ()) + ((part, value),)
        # The automaton's value for a form: (the catalog names' length, the other lists' (list,
        # value) pairs or None, the catalog's Names or None): a tuple unpacks faster than attributes.
        self.ci, self.cs = ahocorasick.Automaton(), ahocorasick.Automaton()
        # The catalog's forms of two or three letters and digits ("to", "se", "ati") stand inside
        # most words and before most lower-case ones: in this automaton they made three hits in
        # four, nearly all turned away for their first character. The case-sensitive automaton
        # finds them instead, written every way that lower-cases to them with a capital or a
        # digit first ("To", "TO", "Ati", "ATI": see ``short_spellings``), where few words hold
        # them. (Here they stay for the other lists' forms among them.)
        self.short: dict[str, Names] = {form: entries for form, entries in self.ci_forms.items()
                                        if SHORT_FORM.fullmatch(form) and entries.length == len(form)}
        self._ci_all: ahocorasick.Automaton | None = None  # (see ci_all)
        ci: dict[str, tuple] = {}
        for form, entries in self.ci_forms.items():
            if form in self.short:
                if form in others:
                    ci[form] = (0, others[form], None)
                continue
            ci[form] = (entries.length, others.get(form), entries)
        for form, pairs in others.items():
            if form not in self.ci_forms:
                ci[form] = (0, pairs, None)
        for form in in_text_order(ci):
            self.ci.add_word(form, ci[form])
        # The case-sensitive automaton's values: (the catalog's Names or None, ((kind of head,
        # length), …), the Names of a short case-blind form so spelt or None), the kinds "org"
        # and "place".
        heads: dict[str, tuple] = {}
        for kind, words_of_kind in (("org", catalog.words.get("org-heads", ())), ("place", catalog.words.get("place-heads", ()))):
            for head in words_of_kind:
                if head and (kind, len(head)) not in heads.get(head, ()):
                    heads[head] = heads.get(head, ()) + ((kind, len(head)),)
        spelt: dict[str, Names] = {}
        for form, entries in self.short.items():
            for spelling in short_spellings(form):
                spelt[spelling] = entries
        for form in in_text_order({*cs_forms, *heads, *spelt}):
            self.cs.add_word(form, (cs_forms.get(form), heads.get(form, ()), spelt.get(form)))
        self._heads_at: list[tuple[str | None, dict]] = [(None, {}), (None, {})]
        for auto in (self.ci, self.cs):
            if len(auto):
                auto.make_automaton()
        self._shared_hits: list[tuple[str | None, dict]] = [(None, {}), (None, {})]

    # --- the passes ---------------------------------------------------------------------
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
        short, found_cs = [], []
        if len(self.cs):
            for end, (entries, kinds, short_entries) in self.cs.iter(text):
                if kinds:
                    for kind, n in kinds:
                        heads[kind].append(end - n + 1)
                if short_entries is not None:  # a short case-blind form: the case-blind pass's candidates
                    start = end - short_entries.length + 1
                    if at_word_boundary(text, start, end + 1):
                        short += [Candidate(start, end + 1, key, kind, role) for key, kind, role in short_entries.found]
                if entries is None:
                    continue
                start = end - entries.length + 1
                end += 1
                if at_word_boundary(text, start, end):
                    found_cs += [Candidate(start, end, key, kind, role) for key, kind, role in entries.found]
        if short:  # among the case-blind pass's, in its order: by end, then the longer form first
            found = sorted(found + short, key=_END_THEN_LONGEST)
        found += found_cs
        self._heads_at[:] = [(text, heads), self._heads_at[0]]
        self._shared_hits[:] = [(text, shared), self._shared_hits[0]]
        return found

    def catalog_candidates_slowly(self, text: str, lower: str) -> list[Candidate]:
        """``catalog_candidates`` name by name, for a text whose lower-case form differs in length."""
        found = []
        for auto, haystack in ((self.ci_all(), lower), (self.cs, text)):
            if not len(auto):
                continue
            for end, entries in auto.iter(haystack):
                entries = entries[0] if auto is self.cs else entries[2]  # (see __init__)
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

    def ci_all(self) -> ahocorasick.Automaton:
        """The case-blind automaton with the short forms in it too (as ``ci`` once held them all),
        for the rare text whose lower case differs in length; made the first time one comes."""
        if self._ci_all is None:
            auto = ahocorasick.Automaton()
            for form, entries in self.ci_forms.items():
                auto.add_word(form, (entries.length, None, entries))
            if len(auto):
                auto.make_automaton()
            self._ci_all = auto
        return self._ci_all

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

    # --- what the catalog knows by a form -------------------------------------------------
    def catalog_key(self, name: str, kind: str) -> str | None:
        """The catalog entity of that kind with exactly this name, if there is one."""
        entries = self.ci_forms.get(name.lower(), [])
        return next((n.key for n in entries if self.cat.entities[n.key].kind == kind), None)

    def is_place_name(self, word: str, major_only: bool = False) -> bool:
        """True for a country or place name ("Will Beijing respond?" is no person); with
        ``major_only`` only countries, capitals and places the catalog declares count."""
        entries = self.ci_forms.get(word.lower(), [])
        return any(self.cat.entities[n.key].kind in ("Place", "Country") and not (
            major_only and n.key in self.cat.population and word.lower() not in self.cat.capitals) for n in entries)

    def minor_place(self, word: str) -> bool:
        """True when the catalog knows the word only as a town of the gazetteer (no capital)."""
        entries = self.ci_forms.get(word.lower(), [])
        return bool(entries) and word.lower() not in self.cat.capitals and all(
            self.cat.entities[n.key].kind == "Place" and n.key in self.cat.population
            and self.cat.population[n.key] < 1_000_000 for n in entries)
