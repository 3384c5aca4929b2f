"""Organizations the catalog lacks, found by the shape of their names: a run of capitalised
words ending in a head word ("… Ministry", "… Department", "… Co., Ltd."), with what it is of
or for ("Ministry of Commerce")."""
from __future__ import annotations

import re

from graph.extract.catalog import Catalog
from graph.extract.entities.candidate import Candidate
from graph.extract.entities.catalog_names import CatalogNames
from graph.extract.entities.shapes import CALENDAR, CAP, LEADING_WORDS
from graph.extract.text import Skipping
from graph.extract.word_patterns import alternatives, first_chars
from graph.model import Entity
from graph.rdf.vocab import slugify

VENUE = re.compile(r"\b(?:Hotel|Convention Center|Conference Center|Exhibition Center|Convention Centre|"
                   r"Conference Centre|Exhibition Centre|Stadium|Arena)\b")
# Head words that also end ordinary phrases ("Cyber and Quantum Technology"): never after "and".
WEAK_HEADS = frozenset("Technology Technologies Systems Industry Industries Initiative Forces Force".split())
NATIONAL_PREFIX = re.compile(r"^(?:U\.S\.|US|PRC|Chinese|American)\s+")
# What the organization pattern reads before its head word: letters (LOW's too), spaces,
# hyphens, apostrophes, stops and "&" (org_word and its separators).
ORG_CHARS = "A-Za-zà-öø-ÿ'’.&\\- "


class OrganizationNames:
    """Finds the names of organizations by their shape; built once from the catalog's head words."""

    def __init__(self, catalog: Catalog, names: CatalogNames):
        self.cat = catalog
        self.names = names
        self.org_heads = {w for w in catalog.words.get("org-heads", ())}
        heads = alternatives(sorted(self.org_heads, key=len, reverse=True))
        org_word = rf"(?:(?:Women|Men|People|Workers|Children|Veterans)['’]s?|{CAP}|[A-Z]{{2,}}|[A-Z]\.[A-Z]\.|&|U\.S\.)"
        # The pattern opens with the characters its matches can start with (a look-ahead for
        # them), so the long alternations are tried only there: the same matches, two to five
        # times faster. Keep them in step.
        org_firsts = first_chars([*self.org_heads, '&'], capitals=True)
        self.org_firsts = re.compile(org_firsts)
        self.org_re = Skipping(re.compile(
            rf"\b(?={org_firsts})(?:{org_word}(?:[ \-]+and(?=\s+[A-Z]))?[ \-]+){{0,6}}(?:{heads})(?!\w)\.?"
            rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?!{CALENDAR}\b){org_word}(?:\s+(?:and|&|of|the|for)?\s*{org_word}){{0,6}})?"
            rf"(?:\s+\([A-Z][a-z]+\))?(?:,?\s+(?:Co\.,?\s+)?Ltd\.?)?"), org_firsts[1:-1])

    def org_matches(self, text: str):
        """``org_re.finditer(text)``, the pattern tried only where a match can start: a match
        runs from its start to its head ("… Department") over letters, spaces, hyphens,
        apostrophes, stops and "&" alone, so it starts at one of the pattern's first characters
        in the stretch of those that leads to a head the case-sensitive pass found (or at the
        head). The same matches, in the same order, as the scan over the whole text."""
        found = self.names.before_heads(text, "org", self.org_re.regex, self.org_firsts, ORG_CHARS)
        yield from self.org_re.finditer(text) if found is None else found

    def candidates(self, text: str) -> list[Candidate]:
        """The organizations the pattern finds, in text order: leading words ("The", "Leading")
        taken off, a catalog organization by that name taken as it, two bodies joined by "and",
        issues ("the Belt and Road Initiative") and venues left out."""
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
            if " and " in surface and (self.names.catalog_key(surface.rsplit(" and ", 1)[1], "Organization")
                                       or surface.split()[-1] in WEAK_HEADS):
                continue  # "the Treasury and Commerce Department": two bodies, the second known
            if surface.lower() in self.cat.signals or VENUE.search(surface):
                continue  # "the Belt and Road Initiative" is an issue; "... Convention Center" a place
            label = NATIONAL_PREFIX.sub("", surface)
            known = self.names.catalog_key(label, "Organization")
            if known:
                found.append(Candidate(start, end, known, "Organization", "pattern"))
                continue
            key = f"org/{slugify(label)}"
            entity = Entity(key, "Organization", label, (surface,) if surface != label else ())
            found.append(Candidate(start, end, key, "Organization", "pattern", entity))
        return found
