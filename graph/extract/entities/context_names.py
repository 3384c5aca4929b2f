"""Departments named by their first word alone where the sentence makes them an agent:
"Treasury sanctioned three firms", "Commerce on Tuesday added 12 companies to the Entity List",
"the Treasury said". Which organizations go by their first word is data (``named-by-first-word``
in the lexicon); the word counts only capitalised and as the subject of a verb, so the common
noun ("trade and commerce"), a modifier ("Treasury yields", "State media") and a title's
word ("the Secretary of State said") name no one."""
from __future__ import annotations

import re

from graph.extract.catalog import Catalog
from graph.extract.entities.candidate import Candidate, mark, marked
from graph.extract.entities.catalog_names import CatalogNames

# Auxiliaries and present forms a subject may take besides a past form ("-ed") or a speech verb.
AUXILIARIES = "has have had is was will would says adds plans imposes sanctions designates announces bars blocks".split()


class ContextNames:
    """Resolves the first-word names of an article; built once from the catalog."""

    def __init__(self, catalog: Catalog, names: CatalogNames):
        self.heads: dict[str, str] = {}
        for full in catalog.words.get("named-by-first-word", ()):
            key = names.catalog_key(full, "Organization")
            if key:
                self.heads.setdefault(full.split()[0], key)
        verbs = {w for w in catalog.words.get("speech-verbs", ()) if w.isalpha()} - {"and"}
        verbs = sorted(verbs | set(AUXILIARIES), key=len, reverse=True)
        # Each word opens with its first letter, then looks back past it for a word character
        # ((?<!…\w.)): the engine skips in C to those letters, where a look-behind first would
        # have it try the pattern at every offset.
        self.pattern = re.compile(
            r"(?P<word>" + "|".join(f"{re.escape(h[0])}(?<![\\w’'-].){re.escape(h[1:])}"
                                    for h in sorted(self.heads, key=len, reverse=True)) + r")"
            r"(?=(?:\s+(?:on|late\s+on|early\s+on|last)\s+[A-Z][a-z]+,?)?(?:\s+(?:also|then|later|again|separately|[a-z]+ly))?"
            r"\s+(?:[a-z]+ed|" + "|".join(re.escape(v) for v in verbs) + r")\b)") if self.heads else None

    def resolve(self, text: str, chosen: list[Candidate], taken: bytearray | None = None) -> list[Candidate]:
        if self.pattern is None or not any(h in text for h in self.heads):
            return chosen
        taken = marked(text, chosen) if taken is None else taken
        extra = []
        for m in self.pattern.finditer(text):
            start, end = m.span("word")
            if taken[start] or taken[end - 1]:
                continue
            if re.search(r"(?:\bof\s+(?:the\s+)?|(?<![\w’'-])(?!The\b|A\b)[A-Z][\w.’'-]*\s+)$", text[max(0, start - 30):start]):
                continue  # "the Secretary of State said", "Deputy Treasury …": a title's word, not the department
            extra.append(Candidate(start, end, self.heads[m.group("word")], "Organization", "short"))
        if not extra:
            return chosen
        mark(taken, extra)
        return sorted(chosen + extra, key=lambda c: c.start)
