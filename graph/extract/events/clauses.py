"""Clauses: the stretch of a sentence around a trigger between the nearest clause breaks, and
its reach, carried past a list of members or a relative clause where the place and time may stand."""
from __future__ import annotations

import re

import ahocorasick

from graph.extract.events.model import Hit
from graph.model import Sentence


# The time a thing called off was due: "scheduled to take effect on …", "planned for …", "due to start on …".
SCHEDULED_FOR = re.compile(r"\b(?:scheduled|due|set|slated|planned|expected)\s+(?:to\s+(?:take\s+effect|begin|start|go\s+into\s+effect|"
                           r"be\s+held|take\s+place)|for)\b")
# A relative clause that announces or imposes the measure before it: ", which the Commerce Department
# announced", "that Washington imposed".
ANNOUNCED_REL = re.compile(r",?\s*(?:which|that)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,5}(?:had\s+|has\s+)?"
                           r"(?:announced|imposed|introduced|unveiled|issued|adopted|levied|enacted)\b")


class ClauseReader:
    """Finds a trigger's clause and its reach."""

    def reach(self, text: str, s: Sentence, hit: Hit) -> tuple[int, int]:
        """The clause, carried past a list of members ("a PRC delegation including the Ministry of
        …, on May 14 in Geneva"): where its place and time may stand."""
        start, end = self.clause(text, s, hit)
        if hit.event_class == "Cancellation" and (due := SCHEDULED_FOR.search(text, hit.end, end)):
            end = due.start()  # "suspended the tariffs scheduled to take effect on December 15": not the suspension's day
        if re.match(r",?\s+including\b", text[end:end + 12]):
            end = self.clause(text, s, Hit(end + 11, end + 12, "", "", ""))[1]
        elif hit.event_class == "Sanction" and hit.word_class == "noun" and (rel := ANNOUNCED_REL.match(text, end, s.end)):
            # "restrictions on …, which the Treasury announced on Monday": the measure's time
            end = self.clause(text, s, Hit(rel.end() - 1, rel.end(), "", "", ""))[1]
        return start, end

    def clause(self, text: str, s: Sentence, hit: Hit) -> tuple[int, int]:
        """The stretch of the sentence around the trigger up to the nearest clause breaks
        (remembered for the text being read: each trigger's is asked for two or three times)."""
        memo_text, memo = getattr(self, "_clauses", (None, {}))
        if memo_text is not text:
            memo = {}
            self._clauses = (text, memo)
        key = (s.start, s.end, hit.start, hit.end)
        if key in memo:
            return memo[key]
        start, end = s.start, s.end
        if self.break_finder is not None and s.start <= hit.end and hit.start <= s.end:
            # The breaks in the sentence, found once for all its triggers: the last one before
            # the trigger and the first after it bound the clause (as the search per break did).
            cuts = memo.get(("cuts", s.start, s.end))
            if cuts is None:
                # On a slice: the automaton copies the whole string it is given, so iterating
                # the full text per sentence cost time in the article's length each time.
                cuts = memo[("cuts", s.start, s.end)] = [
                    (s.start + e + 1 - n, n, adj) for e, (n, adj) in self.break_finder.iter(text[s.start:s.end])]
            start = max([start] + [p + n - adj for p, n, adj in cuts if p + n <= hit.start])
            end = min([end] + [p for p, _, _ in cuts if p >= hit.end])
        else:
            for brk in self.breaks:
                i = text.rfind(brk, s.start, hit.start)
                if i >= 0 and i + len(brk) <= hit.start:
                    start = max(start, i + len(brk) - (1 if brk.endswith(" ") else 0))
                j = text.find(brk, hit.end, s.end)
                if j >= 0:
                    end = min(end, j)
        memo[key] = start, end
        return start, end


def break_finder(breaks: list[str]) -> ahocorasick.Automaton | None:
    """An automaton finding every clause break in one pass: (end offset, (length, 1 if it ends
    in a space)). None when there is nothing to find, or an empty break (clause() then
    searches break by break)."""
    if not breaks or any(not b for b in breaks):
        return None
    auto = ahocorasick.Automaton()
    for brk in breaks:
        auto.add_word(brk, (len(brk), 1 if brk.endswith(" ") else 0))
    auto.make_automaton()
    return auto
