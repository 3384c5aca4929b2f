"""Agreements whose parties stand outside the verb's clause: a relative pronoun's antecedent
("the United States and China, which pledged …"), a "by" phrase, the side a settlement is
paid to."""
from __future__ import annotations

import re

from graph.extract.events.roles import BY, sides


# A relative pronoun just before the verb: "X and Y, which (had) pledged …", "…, who agreed …".
WHICH_BEFORE = re.compile(r",\s*(?:which|who)\s+(?:(?:had|have|has|also|jointly|both|then|later)\s+){0,2}$")


class AgreementReader:
    """Reads the parties of an agreement from around its clause."""

    def agreed_by_antecedent(self, text, s, hit, draft, agents, entities) -> None:
        """"the United States and China, which pledged in Glasgow to …": the parties a relative pronoun
        stands for; "the deal, signed by X and Y in January": the parties after "by" of a participle."""
        rel = WHICH_BEFORE.search(text, s.start, hit.start)
        if rel is not None:
            before = [a for a in agents if a.end <= rel.start() and not a.modifier]
            if before and not text[before[-1].end:rel.start()].strip():
                found = self.subject_run(text, before)
                if len(sides(set(found), entities)) >= 2:
                    draft.actor, draft.target = found, []
                    return
        by = BY.match(text, hit.end) if re.search(r"(?:,|\b(?:deal|agreement|accord|pact|treaty|declaration|statement|"
                                                  r"memorandum|communiqu[eé]))\s+$", text[s.start:hit.start]) else None
        if by is not None:
            found = self.listed(text, [a for a in agents if a.start >= by.end()])
            if len(sides(set(found), entities)) >= 2:
                draft.actor, draft.target = found, []

    def settled_with(self, text, s, start, end, actor, agents, drafts, entities) -> list[str]:
        """"X agreed to pay a $1 billion penalty (to Y / brought by Y)": a settlement with the party the
        phrase names, else with whoever took the last measure against X (in the sentences just before)."""
        named = [a.key for a in agents if start <= a.start < end and not a.modifier and a.key not in actor
                 and re.search(r"\b(?:to|by|with)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}$", text[max(s.start, a.start - 30):a.start])]
        if named:
            return named[:1]
        measure = next((d for d in reversed(drafts) if d.kind == "Sanction" and d.actor and d.sentence.start < s.start
                        and 0 <= s.start - d.sentence.end < 800
                        and any(k in actor or self.own_side(k, actor, entities) for k in d.target)), None)
        return list(measure.actor[:1]) if measure else []
