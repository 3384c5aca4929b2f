"""People the catalog lacks, found by the shape of their names: a title before a name
("Secretary Jane Doe"), a known given name before capitalised words ("Jane Q. Doe"), a Chinese
family name before a pinyin given name ("Chen Jining"), a role and what it is for before a name
("Senior Director for Technology Tarun Chhabra")."""
from __future__ import annotations

import re

from graph.extract.catalog import Catalog
from graph.extract.entities.candidate import Candidate
from graph.extract.entities.catalog_names import CatalogNames
from graph.extract.entities.shapes import CALENDAR_WORD, CAP, CAPITALISED_WORD, INITIAL, STOP_CAPS, SUFFIX
from graph.extract.word_patterns import at_word_start
from graph.model import Entity
from graph.rdf.vocab import slugify

COMPOUND_ADJECTIVE = re.compile(r".+[-–](?:born|based|led|backed|linked|owned|made|run|funded|affiliated|controlled|"
                                r"style|era|sponsored|registered|listed)$")
PINYIN = re.compile(r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v)){1,2}$")
# Words of a title that the honorifics list holds only as part of a longer one.
STOP_TITLES = frozenset("""Spokesperson Spokesman Spokeswoman Envoy Adviser Advisor Secretary Minister Director
President Premier Chairman Chair Leader General Councilor Counselor CEO""".split())


class PersonNames:
    """Finds the names of people by their shape; built once from the catalog's word lists."""

    def __init__(self, catalog: Catalog, names: CatalogNames):
        self.cat = catalog
        self.names = names
        words = catalog.words
        self.honorifics = sorted(words.get("honorifics", ()), key=len, reverse=True)
        self.honorific_set = {w.lower() for w in words.get("honorifics", ())}
        self.org_heads = {w for w in words.get("org-heads", ())}
        self.place_heads = words.get("place-heads", frozenset())
        self.family_cn = words.get("chinese-family-names", frozenset())
        self.not_name = words.get("not-name-words", frozenset())
        self.titled_re = re.compile(rf"{at_word_start(self.honorifics)}\.?\s+(?P<name>(?:{CAP}|{INITIAL})(?:\s+(?:{CAP}|{INITIAL})){{0,3}}{SUFFIX}?)")
        self.full_name_re = re.compile(rf"\b(?P<given>{CAP})(?:\s+{INITIAL}){{0,2}}(?:\s+{CAP}){{1,2}}{SUFFIX}?")
        self.chinese_re = re.compile(r"(?P<family>[A-Z](?<!\w.)[a-z]{0,5})\s+(?P<given>[A-Z][a-z]+(?:-[a-z]+|['’][a-z]+)?)\b(?!-)")
        # a role, what it is for, then the name: "Senior Director for Technology and National
        # Security Tarun Chhabra", "Deputy National Security Advisor Jane Doe", "Assistant
        # Secretary of State for Arms Control, Deterrence, and Stability Jane Doe"
        role = rf"{at_word_start(self.honorifics)}(?:\s+(?:for|of|on)\s+(?:the\s+)?{CAP}(?:,?\s+(?:{CAP}|and|&|of|the|for|on)){{0,10}}%s)?"
        name = rf"\s+(?P<name>{CAP}(?:\s+{INITIAL}){{0,2}}\s+{CAP})(?=\s*(?:[,.;:)]|\s[a-z]|$))"
        self.role_re = re.compile(role % "?" + name)
        # the same with the longest remit: where the shortest one ends in words of the remit
        # ("... for Arms Control, Deterrence, and Stability Jane Doe")
        self.long_role_re = re.compile(role % "" + name)

    def candidates(self, text: str) -> list[Candidate]:
        """The people the four name shapes find, each shape's in text order."""
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
            if not named:
                longer = self.long_role_re.match(text, m.start())
                if longer and longer.start("name") > m.start("name"):
                    m = longer
                    named = self.person_from(text, m.start("name"), m.end("name"), titled=True, strong=True)
            found.extend(named)
            pos = m.end() if named else m.start("name")  # "Deputy Special Envoy for …": the title goes on
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
        ci_forms = self.names.ci_forms
        if words[0].lower() in ci_forms and not (words[0].lower() in self.cat.given_names and self.names.minor_place(words[0])) \
                or surface.lower() in ci_forms:
            return []  # "China Daily"; but "David Lin" is a person though David is a town in Panama
        if any(self.names.is_place_name(w, major_only=strong) for w in words[1:]):
            return []  # "Will Beijing respond?"; but "Chen Jining" is a name, Jining a mere city
        known = self.names.catalog_key(surface, "Person") or self.names.catalog_key(surface.replace(",", ""), "Person")
        if known:
            return [Candidate(start, start + len(surface), known, "Person", "pattern")]
        if all(w.isupper() for w in words) or "\n" in surface or not strong and self.inside_longer_name(text, start):
            return []  # "ADDRESSING THE FENTANYL" is a heading; "(New) York Times" part of a name;
            # a name does not run across lines
        key = f"person/{slugify(surface)}"
        entity = Entity(key, "Person", surface)
        return [Candidate(start, start + len(surface), key, "Person", "pattern", entity)]

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
