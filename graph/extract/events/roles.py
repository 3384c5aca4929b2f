"""Roles: who acts, who is acted on, and where, read from a trigger's clause.

The actor is the subject before a verb (or a pronoun resolved against the events read
before, "we" as the speaker's side), the owner of a noun ("the PRC's practices") or its
"by" phrase; the target follows a link word ("with X", "between X and Y", "on X"); the
place is the "in"/"at" phrase. ``RoleReader`` works on the article state that
``EventReader.prepare`` sets (``_text``, ``_mentions``, ``_sorted``, ``_starts``,
``_mention_starts``, ``_entities``).
"""
from __future__ import annotations

import bisect
import re

from graph.extract.events.article_places import opens_dateline
from graph.extract.events.model import AGENT_KINDS, INTERACTIONS, PLACED, Agent, Draft
from graph.model import Entity, Mention, Sentence

BY = re.compile(r"\s+(?:(?:made|given|announced|reached|led|hosted|chaired|undertaken|issued)\s+)?by\s+", re.I)
OBJECT_LINKS = {"Meeting": "with|between", "PhoneCall": "with|between", "Visit": "to", "Agreement": "with|between",
                "Accusation": "against|of", "Sanction": "on|against|targeting", "Cancellation": "with"}
WE = re.compile(r"\b(?:we|We)\b(?:\s+[\w’']+){0,2}\s*$")
# ("hit out at the United States", "a swipe at Washington": no place)
LOCATIVE = re.compile(r"\b(?:in|(?<!\bout\s)(?<!\baimed\s)(?<!\bdirected\s)(?<!\bswipe\s)at|inside|across)\s+(?:the\s+)?$")
IN_THE = re.compile(r"\b(?:in|at)\s+the\s+$")
# "between X and Y" right after the trigger or after a short time or place phrase ("a call last Tuesday between X and Y")
BETWEEN = re.compile(r"\s+(?:(?:was|were|are|is|had\s+been|have\s+been|will\s+be)\s+(?:being\s+)?(?:held|conducted)\s+)?"
                     r"(?:(?!(?:and|that|which|who|was|were|is|are|had|has|with|to)\b)[\w’'.-]+,?\s+){0,3}?between\s", re.I)
PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|near|inside|outside|across|via|into|toward|towards|around|for|through|"
                          r"visit|visits|visited|visiting|here in|back to)\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.I)
AGREED_WITH = re.compile(r"\bwith\s+(?:(?:the|our|their|its|his|her|both|all)\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}$")
FRAME = re.compile(r"\b(?:ahead of|on the sidelines of|on the margins of|in the run-up to|toward|towards)\s+"
                   r"(?:the\s+|a\s+|an\s+)?(?:[\w’'.-]+\s+){0,6}$", re.I)
ORG_TITLE = re.compile(r"\s+(?:secretary|chief|head|spokesman|spokeswoman|spokesperson|chairman|chairwoman|chair|"
                       r"director|official|deputy|envoy|leader|representative|ambassador|minister|members?)\b")
PREP_BEFORE = re.compile(r"\b(?:to|of|in|on|for|from|at|about|over|against|into|than|since|toward|towards)\s+(?:the\s+)?$", re.I)
MEMBERS_OF = re.compile(r"\b(?:officials|representatives|members|experts|staff)\s+(?:from|of)\s+(?:the\s+)?$|\bincluding\s+(?:the\s+)?$")
LIST_GAP = re.compile(r"\s*(?:,|,?\s*and)\s*(?:the\s+)?")
SETTING = re.compile(r"\b(?:sidelines of|margins of|at|during|ahead of)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}$")
PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+|hereby\s+)?$", re.I)


def of_sentence(drafts: list[Draft], s: Sentence) -> list[Draft]:
    """The drafts read from sentence ``s``: drafts come in text order, so these are the last
    ones, found without walking the whole article's."""
    i = len(drafts)
    while i and drafts[i - 1].sentence == s:
        i -= 1
    return drafts[i:]


class RoleReader:
    """The role-reading half of the event reader (a mixin of ``EventReader``)."""

    def agents(self, text: str, s: Sentence, mentions: list[Mention], entities: dict[str, Entity]) -> list[Agent]:
        lo = bisect.bisect_left(self._starts, s.start)
        hi = bisect.bisect_left(self._starts, s.end)
        if lo == hi:
            return []  # no one named in the sentence
        every = [self.as_government(m, text, entities) for m in self._sorted[lo:hi] if entities.get(m.entity)]
        located = {m.start for prev, m in zip(every, every[1:]) if entities[prev.entity].kind == "Place"
                   and entities[m.entity].kind == "Country" and text[prev.end:m.start] == ", "}
        inside = [m for m in every if entities[m.entity].kind in AGENT_KINDS and m.start not in located
                  and not (entities[m.entity].kind != "Person" and LOCATIVE.search(text, max(0, m.start - 8), m.start))
                  and not IN_THE.search(text[max(0, m.start - 8):m.start])]
        agents: list[Agent] = []
        members = False
        for i, m in enumerate(inside):
            after = text[m.end:m.end + 2]
            agent = Agent(m, entities[m.entity].kind, possessive=after in ("’s", "'s") or after[:1] in ("’", "'") and m.text.endswith("s"))
            person = next((n for n in inside[i + 1:] if entities[n.entity].kind == "Person"), None)
            if person and (agent.kind != "Person" or agent.possessive) and is_title_run(text[m.end:person.start]):
                agent.modifier = True
            if agent.kind == "Organization" and ORG_TITLE.match(text, m.end):
                agent.modifier = True  # "the city's Communist Party secretary": a title, not the party
            members = agent.kind != "Person" and (MEMBERS_OF.search(text, max(0, m.start - 40), m.start) is not None or
                                                  members and LIST_GAP.fullmatch(text[agents[-1].end:m.start]) is not None)
            if members:
                agent.modifier = True  # "a U.S. delegation with officials from the White House, the State Department…"
            agents.append(agent)
        return agents

    def agents_before(self, s: Sentence, pos: int) -> list[Agent]:
        """The agents of the sentence that end before ``pos``."""
        return [a for a in self.agents(self._text, s, self._mentions, self._entities) if a.end <= pos]

    def as_government(self, m: Mention, text: str, entities: dict[str, Entity]) -> Mention:
        """A capital named outside a place phrase stands for its government: "Beijing's conduct",
        "said Washington had concerns", "pressed Beijing over…", an article's first word ("Beijing
        summoned the envoy …"); "in Beijing", "to Beijing", "Beijing, China" and a dateline
        ("BEIJING (Reuters) - ", "Beijing — ") stay places."""
        e = entities[m.entity]
        country = self.cat.capitals.get(e.label.lower()) if e.kind == "Place" else None
        if not country or country not in self.cat.entities or m.start == 0 and opens_dateline(text) \
                or PLACE_BEFORE.search(text, max(0, m.start - 30), m.start) \
                or re.match(r"\s*(?:,\s*[A-Z]|-based|\s+time\b)", text[m.end:m.end + 12]):
            return m
        entities.setdefault(country, self.cat.entities[country])
        return Mention(country, m.start, m.end, m.text)

    # --- roles ------------------------------------------------------------------------
    def subject(self, text, clause_start, hit, left, drafts, last_person, entities, s) -> list[str]:
        heads = [a for a in left if not a.modifier]
        if hit.word_class == "noun":
            adjacent = [a for a in heads if (a.kind == "Organization" or a.kind == "Country" and hit.event_class == "Sanction")
                        and text[a.end:hit.start].strip() == ""]  # "the Treasury sanctions", "U.S. duties on…"
            if adjacent:
                return [adjacent[-1].key]
            owner = [a for a in heads if a.possessive and len(text[a.end:hit.start].strip(" ’'s").split()) <= 3]
            if owner:
                chosen = [owner[-1]]
                for a in reversed([h for h in left if h.start < owner[-1].start]):
                    if re.fullmatch(r"\s*(?:,|and)\s*(?:[A-Z][\w.]*\s+){0,3}", text[a.end:chosen[0].start]):
                        chosen.insert(0, a)
                    else:
                        break
                return [a.key for a in chosen]
            whose = re.search(r",\s*whose\s+(?:[\w-]+\s+){0,3}$", text[s.start:hit.start])
            if whose:  # "Yellen, whose visit began in Guangzhou": the one before "whose"
                before = [a for a in self.agents_before(s, s.start + whose.start()) if not a.modifier]
                if before:
                    return [before[-1].key]
            if re.match(r"\s+(?:of|from)\s+(?!up to|\d)", text[hit.end:hit.end + 14]):
                return []  # "a visit by…", "the visit of X": the actor follows ("tariffs of 15 percent" is no such phrase)
        heads = [a for a in heads if not a.possessive or hit.word_class == "verb" and a is heads[-1]
                 and (not re.search(r"\w", text[a.end + 2:hit.start].replace("also", ""))
                      or OWN_BODY.fullmatch(text, a.end, hit.start))]  # "Beijing's foreign ministry accused …"
        if (hit.word_class == "verb" or hit.event_class in ("Meeting", "Visit")) and len(heads) > 1:
            # "Blinken, on his second visit to China, met Xi": the object of a preposition is no subject
            subjects = [a for a in heads if not PREP_BEFORE.search(text, max(0, a.start - 12), a.start)]
            heads = subjects or heads
        if heads and hit.word_class == "verb" and self.reporting.search(text, heads[-1].end, hit.start):
            group = self.group.search(text, heads[-1].end, hit.start)
            if group and group.group().lower() not in ("their", "they"):  # "Blinken said the two sides had agreed…"
                return self.as_countries(group.group(), self.last_group(drafts)) or self.recent_pair(clause_start)
        if heads and WE.search(text[heads[-1].end:hit.start]):
            side = self.speaker_side(s) or self.we_quoted(text, s, hit)
            if side:
                return [side]
        aside = ASIDE_BEFORE.search(text, clause_start, hit.start) if heads else None
        if aside and any(a.end <= aside.start() for a in heads):
            # "The G7 leaders – along with the leaders of India and Senegal – released …": the subject stands
            # before the dashes; those the aside adds ("along with", "joined by") take part too
            inside = [a.key for a in left if a.start >= aside.start() and not a.modifier] if aside.group("with") else []
            outside = [a for a in heads if a.end <= aside.start()]
            return list(dict.fromkeys(self.subject_run(text, outside) + inside))
        if heads:
            chosen = [heads[-1]]
            for a in reversed(heads[:-1]):
                gap = text[a.end:chosen[0].start]
                if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?(?:[A-Z][\w.]*\s+){0,4}|-|–", gap) or \
                        coordinated_titles(gap):
                    chosen.insert(0, a)
                else:
                    break
            pronoun = PRONOUN_AND.fullmatch(text, clause_start, chosen[0].start)
            if pronoun and last_person and last_person not in [a.key for a in chosen] \
                    and not in_quotes(text, s.start, chosen[0].start) and not self.paired(last_person, clause_start):
                return [last_person] + [a.key for a in chosen]  # "He and Wang have met": the person last named as subject
            return [a.key for a in chosen]
        span = text[clause_start:hit.start]
        if (it := IT_OPENS.match(span)) and (said := self.said_that.search(text, s.start, clause_start + it.start(1))):
            # "The Dutch government said on Friday it would expand …": "it" is the one who said so
            named = [a for a in self.agents_before(s, said.start()) if a.kind in ("Country", "Organization")
                     and not a.modifier and not a.possessive]
            if named:
                return [named[-1].key]
        if WE.search(span):
            side = self.speaker_side(s) or self.we_quoted(text, s, hit)
            if side:
                return [side]
        group = self.group.search(span)
        if (group or re.search(r"\bthey\b", span, re.I)) and hit.event_class in ("Meeting", "PhoneCall"):
            named = [a.key for a in self.agents_before(s, clause_start) if a.kind == "Person" and not a.modifier]
            if len(set(named)) >= 2:  # "Biden raised … with Xi when they met": the two just named
                return list(dict.fromkeys(named))
        if group or re.search(r"\b(?:they|their)\b", span, re.I):
            return self.as_countries(group.group() if group else "", self.last_group(drafts)) or self.recent_pair(clause_start)
        opening = self.group.match(text, s.start)
        if hit.word_class == "noun" and opening and not left:  # "The two sides had … discussions"
            return self.as_countries(opening.group(), self.last_group(drafts)) or self.recent_pair(s.start)
        if self.person_pronoun.search(span):
            named = [a for a in self.agents_before(s, hit.start) if a.kind == "Person" and not a.modifier]
            if named and not in_quotes(text, s.start, hit.start):
                return [named[0].key]  # "Biden said …, shortly after his video summit with Xi": the sentence's subject
            here = [k for d in of_sentence(drafts, s) for k in d.actor
                    if entities.get(k) and entities[k].kind == "Person"]
            if here or last_person:
                return [here[-1] if here else last_person]
        return []

    @staticmethod
    def subject_run(text, heads: list[Agent]) -> list[str]:
        """The last head and those listed with it before ("X, Y and Z")."""
        chosen = [heads[-1]]
        for a in reversed(heads[:-1]):
            gap = text[a.end:chosen[0].start]
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?(?:[A-Z][\w.]*\s+){0,4}|-|–", gap) or coordinated_titles(gap):
                chosen.insert(0, a)
            else:
                break
        return [a.key for a in chosen]

    def paired(self, key: str, before: int) -> bool:
        """Whether the person's last mention before ``before`` is joined to another person's ("Blinken
        and Wang spoke…"): a later "he" could be either."""
        i = bisect.bisect_left(self._starts, before) - 1
        while i >= 0 and self._sorted[i].entity != key:
            i -= 1
        if i < 0:
            return False
        people = [m for m in self._sorted[max(0, i - 1):i + 2] if m is not self._sorted[i]
                  and self._entities.get(m.entity) and self._entities[m.entity].kind == "Person" and m.entity != key]
        m = self._sorted[i]
        return any(AND_NAMED.fullmatch(self._text[m.end:o.start] if o.start > m.start else self._text[o.end:m.start])
                   for o in people)

    def coordinated_with(self, text, hit, clause_start, drafts, s) -> Draft | None:
        """The event of a verb this one is coordinated with ("X met with Y and resumed…"), sharing its subject."""
        if hit.word_class != "verb":
            return None
        for d in reversed(of_sentence(drafts, s)):
            if d.hit.word_class != "verb" or d.hit.start < clause_start:
                continue
            between = text[d.hit.end:hit.start]
            if re.search(r"\band\s+(?:\w+ly\s+)?$", between) and not re.search(r"[;.]", between):
                return d
            return None
        return None

    def conjoined_measure(self, text, hit, drafts, s) -> Draft | None:
        """The measure a noun trigger is listed after ("a 25% tariff on imports from X and a 10%
        tariff on imports from Y"): the second is the same actor's, not X's."""
        if hit.word_class != "noun":
            return None
        here = [d for d in of_sentence(drafts, s) if d.hit.end <= hit.start]
        if not here or here[-1].kind != hit.event_class or here[-1].hit.word_class != "noun" or not here[-1].actor:
            return None
        prev = here[-1]
        between = text[prev.hit.end:hit.start]
        if re.search(r"[;.]", between) or not CONJOINED_NOUN.search(between):
            return None
        return prev

    def listing(self, text, hit, clause_start, left, draft, agents=()) -> tuple[list[str], list[str]] | None:
        """"A added X and Y to the Entity List" / "X was added to … by A": who listed whom."""
        if hit.word_class != "noun" or hit.event_class != "Sanction":
            return None
        verb = None
        for verb in re.finditer(r"\b(?:added|adds|adding|placed|places|put)\b", text[clause_start:hit.start]):
            pass
        # "to the Entity List", "to its unreliable entity list", "to its latest sanctions package"
        if verb is None or not re.search(r"\b(?:to|on)\s+(?:the|its|their)\s+(?:(?:latest|new|own|unreliable|[\w-]+-related|"
                                         r"expanded|updated|export[- ]control)\s+)?$|\bunder\s+(?:new\s+)?$",
                                         text[clause_start:hit.start]):
            return None
        at = clause_start + verb.start()
        before = [a for a in left if a.end <= at and not a.modifier]
        between = [a.key for a in left if a.start >= at + len(verb.group()) and not a.modifier]
        if re.search(r"\b(?:was|were|been|being|is|are)\s+$", text[clause_start:at]):
            by = BY.search(text, hit.end, hit.end + 40)
            # "were placed on the Entity List by the Commerce Department": the party after "by" listed them
            doer = by_party(agents, by)
            return (doer or (draft.target[:1] if by else []), [a.key for a in before][-1:])
        return ([a.key for a in before][-1:], between)

    def article_side(self, acted_on: list[str], entities: dict[str, Entity]) -> list[str]:
        """The side an article is about other than the one acted on: the country its parties belong
        to most often (countries, and the people and bodies of a country), when it leads clearly
        (named at least twice, more often than any other); else none."""
        banned = {country_of(k, entities) or k for k in acted_on}
        counts: dict[str, int] = {}
        for m in self._mentions:
            e = entities.get(m.entity)
            c = country_of(m.entity, entities) if e is not None and e.kind in AGENT_KINDS else None
            if c is not None and c not in banned and c in self.cat.entities:
                counts[c] = counts.get(c, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
            return []
        entities.setdefault(ranked[0][0], self.cat.entities[ranked[0][0]])
        return [ranked[0][0]]

    def main_subject(self, text, s, clause_start, agents) -> list[str]:
        """The subject of the sentence, for a clause that has none ("…, noting that…", "while criticizing…")."""
        heads = [a for a in agents if s.start <= a.start < clause_start and not a.modifier and not a.possessive]
        speaker = next((a for a in heads if self.speaker_verb.match(text, a.end, a.end + 70)), None)
        head = speaker or next((a for a in heads if not in_quotes(text, s.start, a.start)), None)
        return [head.key] if head else []

    def compound_pair(self, text, hit, agents, clause_start, clause_end) -> list[str]:
        """A hyphenated pair naming the parties: "the U.S.-China joint statement", "US-PRC talks"."""
        pairs = [(a, b) for a, b in zip(agents, agents[1:])
                 if text[a.end:b.start] in ("-", "–") and clause_start <= a.start and b.end <= clause_end]
        near = [(a, b) for a, b in pairs if abs(a.start - hit.start) < 80]
        if not near:
            return []
        a, b = min(near, key=lambda p: abs(p[0].start - hit.start))
        return [a.key, b.key] if a.key != b.key else []

    def listed(self, text, agents: list[Agent]) -> list[str]:
        """The first agent and those listed with it ("X and Y", "X, Y and Z")."""
        heads = [a for a in agents if not a.modifier]
        chosen = heads[:1]
        for a in heads[1:]:
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?(?:[A-Z][\w.]*\s+){0,4}", text[chosen[-1].end:a.start]):
                chosen.append(a)
            else:
                break
        return [a.key for a in chosen]

    def objects(self, text, hit, right, actor, entities) -> list[str]:
        after = text[hit.end:hit.end + 80]  # all that is read of it (a copy of the rest of the text per trigger is quadratic)
        after = after.replace(" up to ", " up_to ")  # "tariffs of up to 15 percent on …": an amount, not a "to" phrase
        link = OBJECT_LINKS.get(hit.event_class)
        between = BETWEEN.match(text, hit.end) if link and "between" in link else None
        linked = re.match(rf"(?:\s+(?!(?:that|which|who|was|were|is|are|had|has|to|said)\b)[\w’'-]+){{0,6}}?\s+(?:{link})\s",
                          after[:80], re.I) if link and hit.word_class == "noun" else None
        if hit.word_class == "noun" and not (linked or between):
            return []  # "talks and a working dinner with X", "talks on maritime safety with X"
        candidates = [a for a in right if a.key not in actor and (not linked or a.start >= hit.end + linked.end())]
        if linked:  # "duties on solar cells, in a move he said would protect American workers": the phrase ends
            stop = PHRASE_END.search(text, hit.end + linked.end(), hit.end + linked.end() + 200)
            candidates = [a for a in candidates if stop is None or a.start < stop.start()]
        if hit.event_class == "Meeting":  # "met on the sidelines of the APEC summit": the frame, not a party
            candidates = [a for a in candidates if not SETTING.search(text, max(hit.end, a.start - 40), a.start)]
        if hit.text.lower().startswith(("receiv", "spen")):
            # "received X", "spent three hours with X": a person received, or time spent with a party
            candidates = [a for a in candidates if (a.kind == "Person" and is_title_run(text[hit.end:a.start]))
                          or hit.text.lower().startswith("spen") and re.search(r"\bwith\s+(?:[A-Z][\w.]*\s+){0,4}$", text[hit.end:a.start])][:1]
        if hit.event_class == "Accusation":
            dest = [a for a in candidates if DESTINATION.search(text, max(hit.end, a.start - 40), a.start)]
            if dest:
                # "warned against a planned trip to Taiwan by the speaker", "denounced arms sales to X by Y": the
                # destination is the topic; the one who acts ("by Y") is criticised
                doers = [a for a in candidates if a.start > dest[0].end
                         and re.search(r"\bby\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,3}$", text[max(0, a.start - 30):a.start])]
                candidates = doers or [a for a in candidates if a not in dest and a.start < dest[0].start]
            candidates = [a for a in candidates if not self.own_side(a.key, actor, entities)
                          and not re.match(r"\s+(?:called|calls|describes|described|termed|terms)\b", text[a.end:a.end + 12])]
        if not candidates:
            return []
        if between:
            return [a.key for a in candidates if not a.modifier and a.start >= between.end()][:2]
        heads = [a for a in candidates if not a.modifier] or \
            [a for a in candidates if hit.event_class == "Sanction" and re.search(r"\bof\s+(?:the\s+)?$", text[max(0, a.start - 8):a.start])]
        # ("sanctions against members of the European Parliament": the body whose members are hit)
        if hit.event_class == "Agreement" and hit.word_class == "verb":
            # "signed a deal with X", "agreed with X": a party; "agreed to resume talks on X": what was agreed
            heads = [a for a in heads if AGREED_WITH.search(text[hit.end:a.start])]
        if not heads:
            return []
        first = heads[0]
        if hit.event_class == "Sanction" and FLOW_AFTER.match(text, first.end) and self.own_side(first.key, actor, entities):
            # "restrictions on U.S. investment in Chinese companies": a measure on one's own side's flow
            # acts on its destination ("on Chinese investment in U.S. sectors" acts on its source)
            into = next((a for a in heads[1:] if INTO.search(text, max(first.end, a.start - 40), a.start)), None)
            if into is not None:
                return [into.key]
        chosen = [first]
        for a in heads[1:]:
            gap = text[chosen[-1].end:a.start]
            if re.fullmatch(r"\s*(?:,|and|,\s*and|;|-|–)\s*(?:[A-Z][\w.]*\s+){0,4}", gap) or gap in ("-", "–") \
                    or re.fullmatch(r"[^,.;]{0,40}?\s(?:and|then)\s+with\s+(?:[A-Z][\w.]*\s+){0,4}", gap):
                chosen.append(a)  # "with X in the morning and with Y in the afternoon"
            else:
                break
        return [a.key for a in chosen]

    def speaker_side(self, s: Sentence) -> str | None:
        """Whose "we" this is: the country of the person a transcript paragraph is attributed to
        ("Ambassador Jamieson Greer: “…we struck…”")."""
        para = self._text.rfind("\n", 0, s.start) + 1
        head = self._text[para:para + 160]
        colon = head.find(":")
        if colon < 0:
            return None
        lo, hi = bisect.bisect_left(self._starts, para), bisect.bisect_right(self._starts, para + colon)
        speakers = [m for m in self._sorted[lo:hi] if para <= m.start and m.end <= para + colon
                    and self._entities.get(m.entity) and self._entities[m.entity].kind == "Person"]
        if not speakers:
            return None
        return self._entities[speakers[-1].entity].country or self.cat.entities.get(speakers[-1].entity, Entity("", "", "")).country

    def we_quoted(self, text: str, s: Sentence, hit) -> str | None:
        """Whose "we" a quotation's is: the one it is attributed to after it closes ('"We are
        deeply concerned …," Blinken said')."""
        found = self.quote_speaker(text, s, hit.start, self.agents(text, s, self._mentions, self._entities))
        return found[0] if found else None

    def recent_pair(self, before: int) -> list[str]:
        """The two most recent countries or organizations named before a plural pronoun."""
        keys: list[str] = []
        for m in sorted((m for m in self._mentions if m.end <= before), key=lambda m: -m.start):
            e = self._entities.get(m.entity)
            if e and e.kind in ("Country", "Organization") and m.entity not in keys \
                    and not LOCATIVE.search(self._text, max(0, m.start - 8), m.start):
                keys.append(m.entity)
            if len(keys) == 2:
                return list(reversed(keys))
        return []

    def as_countries(self, phrase: str, keys: list[str]) -> list[str]:
        """"the two countries", "both sides": the governments of the parties last named, not the
        officials who spoke for them ("the two leaders" stay the leaders)."""
        if not re.search(r"\b(?:countries|nations|governments|sides)\b", phrase, re.I):
            return keys
        countries = [self._entities[k].country or k if self._entities.get(k) else k for k in keys]
        countries = list(dict.fromkeys(countries))
        known = [self._entities.get(k) or self.cat.entities.get(k) for k in countries]
        if len(countries) < 2 or any(e is None or e.kind != "Country" for e in known):
            return keys
        for k in countries:
            self._entities.setdefault(k, self.cat.entities[k])
        return countries

    def last_group(self, drafts: list[Draft]) -> list[str]:
        """The parties of the last happening with two or more, preferring meetings and calls."""
        for kinds in (INTERACTIONS, None):
            for d in reversed(drafts):
                if len(d.parties) >= 2 and (kinds is None or d.kind in kinds):
                    return list(d.actor) + [k for k in d.target if k not in d.actor]
        return []

    def place(self, text, hit, clause_start, clause_end, entities, draft) -> str | None:
        if draft.kind not in PLACED:
            return None
        window = text[hit.end:clause_end]
        if draft.kind == "Visit":
            lead = re.match(r"\s*(?:the\s+)?", window)  # "travel to the People's Republic of China"
            key = self.entity_at(hit.end + lead.end(), entities)
            if key and entities[key].kind in ("Place", "Country"):
                return key
        preps = r"in|at|to|outside|near" if draft.kind == "Visit" else r"in|at|outside|near"
        # "on the sidelines of the Munich Security Conference": a venue named by its city is there
        for m in re.finditer(rf"\b(?:{preps}|on the (?:[a-z]+\s+)?outskirts of|on the (?:sidelines|margins) of)\s+(?:the\s+)?"
                             rf"(?:(?:[a-z]+\s+){{0,2}}(?:city|capital|province|region|town|port|outskirts) of\s+)?", window):
            pos = hit.end + m.end()
            key = self.entity_at(pos, entities)
            kinds = ("Place",) if draft.kind == "Agreement" else ("Place", "Country")
            if key and entities[key].kind in kinds and not self.is_compound(text, pos) and not self.in_time(pos):
                return key
        before = text[clause_start:hit.start]
        where = re.search(r",\s*where\s+$", text[max(0, clause_start - 10):clause_start + 1]) or \
            re.match(r"\s*where\b", before)
        if where:  # "His trip began in Shanghai, where he met…": the place before "where"
            lo = bisect.bisect_left(self._starts, clause_start - 60 - self._longest)  # no scan of every mention
            hi = bisect.bisect_right(self._starts, clause_start)
            prior = [m for m in self._sorted[lo:hi] if m.end <= clause_start and m.end >= clause_start - 60
                     and entities.get(m.entity) and entities[m.entity].kind in ("Place", "Country")]
            if prior and re.fullmatch(r"[\s,]*(?:where\s*)?", text[prior[-1].end:clause_start]):
                return prior[-1].entity
        # an opening phrase before the subject: "In Guangzhou, she…", "On Sunday in Beijing, Yellen met…"
        m = re.match(r"\s*(?:(?:On|Earlier|Later|Late|Early)\b[^,]{0,30}?\s)?[Ii]n\s+(?:the\s+)?", before)
        if m:
            key = self.entity_at(clause_start + m.end(), entities)
            if key and entities[key].kind in ("Place", "Country"):
                return key
        if hit.word_class == "noun" and draft.kind in ("Agreement", "Meeting"):
            # "the two governments stunned delegates at the summit in Nairobi with a joint communique":
            # a city named after the clause's subject and before the noun is where it was made
            for m in reversed(list(re.finditer(r"\b(?:in|at)\s+(?:the\s+)?", before))):
                pos = clause_start + m.end()
                key = self.entity_at(pos, entities)
                if key and entities[key].kind == "Place" and m.start() > 0 \
                        and not self.is_compound(text, pos) and not self.in_time(pos) \
                        and not any(clause_start <= h.start < pos and not BEING_IN.fullmatch(h.text)
                                    for h in getattr(self, "_sentence_hits", ())) \
                        and not re.search(r"[,;:“”\"]", text[pos:hit.start]):  # not "…, speaking in Tokyo, said talks…"
                    return key
        return None

    def is_compound(self, text: str, pos: int) -> bool:
        """A name used as a modifier of a hyphenated pair ("the U.S.-China relationship")."""
        m = self._mention_starts.get(pos)
        return bool(m) and text[m.end:m.end + 1] in ("-", "–")

    def own_side(self, key: str, actor: list[str], entities: dict[str, Entity]) -> bool:
        """Whether the party is the actor's own country ("Blinken raised concerns about what
        Washington called…": Washington is no target of Blinken's)."""
        countries = {entities[k].country or (k if entities[k].kind == "Country" else None) for k in actor if k in entities}
        return key in countries and key not in actor

    def is_forum(self, key: str, entities: dict[str, Entity]) -> bool:
        """A body of several states acting as one (the G7, the EU, ASEAN: ``forums`` in events.ttl)."""
        e = entities.get(key)
        forums = {w.lower() for w in self.cat.words.get("forums", ())}
        return bool(e) and e.kind == "Organization" and (e.label.lower() in forums
                                                         or any(a.lower() in forums for a in e.alt_labels))

    def in_time(self, pos: int) -> bool:
        """Whether a time expression covers the position ("in March 2019" names no place March)."""
        spans = getattr(self, "_time_spans", None)  # an Overlaps of the article's times
        return bool(spans and spans.overlapping(pos, pos + 1))

    def entity_at(self, pos: int, entities: dict[str, Entity]) -> str | None:
        m = self._mention_starts.get(pos)
        return m.entity if m else None

    def complete(self, d: Draft, entities: dict[str, Entity]) -> bool:
        """Whether the draft has the parties its class needs to be an event."""
        if d.kind == "Visit":
            if d.place and d.place in d.actor:
                return False
            if d.actor and all(entities[k].kind == "Country" for k in d.actor if k in entities):
                return False  # "the first U.S. adviser to visit China": people travel, countries do not
            d.target = []
            if d.place:
                country = entities[d.place].country if entities[d.place].kind == "Place" else d.place
                if country and country not in d.actor and country in self.cat.entities:
                    entities.setdefault(country, self.cat.entities[country])
                    d.target = [country]
            if not d.place and re.match(r"(?:is |was )?due\b", d.hit.text, re.I):
                return False  # "due in March": due somewhere only when a place follows
            return bool(d.actor) and (bool(d.place) or d.hit.word_class == "noun" or d.planned)
        if d.kind == "Meeting" and len(d.actor) == 1 and entities[d.actor[0]].kind == "Organization" \
                and d.hit.word_class == "noun":
            # a forum meeting: "the G7 Summit"; not one that only frames another ("on the sidelines of the APEC meetings")
            return not FRAME.search(self._text, max(0, d.hit.start - 80), d.hit.start)
        if d.kind == "Agreement" and len(d.actor) == 1 and self.is_forum(d.actor[0], entities) and not d.target:
            return True  # "the G7 committed to…": a body of several states agrees within itself
        if d.kind in ("Meeting", "PhoneCall", "Agreement"):
            if not d.actor and (d.hit.word_class == "verb" or re.match(r"\s+with\s", self._text[d.hit.end:d.hit.end + 6])):
                return False  # "…, met X and Y", "calls with X and Y": whoever met them is not named here
            if d.place and d.place in d.parties:
                d.place = None
            return len(sides(d.parties, entities)) >= 2
        if d.kind in ("Sanction", "Accusation") and d.passive:
            return bool(d.target)
        if d.kind in ("Accusation", "Sanction"):
            return bool(d.actor) and (bool(d.target) or d.mutual or d.kind == "Sanction" and d.hit.word_class == "verb"
                                      and d.hit.text.lower().startswith("impos")  # "imposed tariffs"
                                      or d.kind == "Sanction" and d.hit.word_class == "noun"  # "announced export controls"
                                      and bool(MEASURE_MADE.search(self._text, max(0, d.hit.start - 40), d.hit.start)))
        return bool(d.actor)


# A verb that makes the measure named next: "announced export controls", "unveiled sweeping new tariffs".
MEASURE_MADE = re.compile(r"\b(?:announc(?:ed|es|ing)|unveil(?:ed|s|ing)|introduc(?:ed|es|ing)|impos(?:ed|es|ing)|"
                          r"rolled\s+out|rolls\s+out|slapp(?:ed|ing))\s+(?:(?:new|fresh|sweeping|further|additional|retaliatory|"
                          r"higher|its|their|own|broad|tighter|stricter)\s+){0,3}$")


TITLE_BLOCKERS = frozenset("said met spoke with to by in on at between that who is was has will".split()
                           # verbs of acting on others, never in a title: "the Treasury designated two officials, X and Y"
                           + "designated sanctioned imposed accused announced barred banned blacklisted condemned "
                             "criticized criticised charged indicted expelled added targeted".split()
                           # summoning an envoy: "the Foreign Ministry summoned U.S. Ambassador X" (the ministry summons)
                           + "summoned summons summoning rebuked reprimanded protested warned urged".split()
                           # calling off another's plan: "the State Department called off Ambassador X's trip"
                           + "called cancelled canceled postponed suspended scrapped delayed halted paused confirmed ordered "
                             "postponement cancellation suspension".split())


def is_title_run(between: str) -> bool:
    """True when only a title stands between two mentions ("Foreign Minister", "’s national security advisor, ")."""
    between = between.replace("’s", "").replace("'s", "")
    if len(between) >= 200:
        return False
    words = between.replace(",", " ").split()
    return len(words) <= 30 and all(re.fullmatch(r"[A-Za-z][\w.\-]*", w) and w.lower() not in TITLE_BLOCKERS
                                    for w in words)


def coordinated_titles(gap: str) -> bool:
    """"X and Chinese leader Y": "and" followed by nothing but a title."""
    m = re.fullmatch(r"\s*(?:,\s*)?and\s+(.*)", gap, re.S)
    return bool(m) and is_title_run(m.group(1)) and len(m.group(1).split()) <= 5


def by_party(agents, by: re.Match | None) -> list[str]:
    """The party a "by" phrase names, right after it ("… by the Commerce Department"), or none."""
    return [a.key for a in agents if by and by.end() <= a.start <= by.end() + 8 and not a.modifier][:1]


def country_of(key: str, entities: dict) -> str | None:
    """The country a party belongs to (a country its own), or None when unknown."""
    e = entities.get(key)
    if e is None:
        return None
    return e.key if e.kind == "Country" else e.country


def sides(keys: set[str], entities: dict[str, Entity]) -> set[str]:
    """The parties less any country that is the country of another party: "Biden" and "the
    United States" are one side, "Biden" and "Xi" two."""
    countries = {entities[k].country for k in keys if k in entities and entities[k].country}
    return {k for k in keys if not (entities.get(k) and entities[k].kind == "Country" and k in countries)}


def in_quotes(text: str, start: int, pos: int) -> bool:
    """Whether a quotation opened between start and pos is still open at pos."""
    before = text[start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


# After a possessive, a body that speaks for its owner: "China's embassy", "Japan's foreign ministry"
# (fullmatch: the body and a time phrase or an adverb before the verb).
OWN_BODY = re.compile(r"(?:['’]s?)\s+(?:[a-z]+\s+){0,2}(?:embassy|ministry|government|mission|consulate|spokes(?:person|man|woman)|"
                      r"officials?|side|delegation|envoy|ambassador|foreign\s+office|cabinet)\b"
                      r"(?:\s+(?:on|late\s+on|early\s+on)\s+[A-Z][a-z]+)?(?:\s+\w+ly)?\s*")

# A clause whose subject is "it" ("… said it would expand …", "said it had lodged …").
IT_OPENS = re.compile(r"\W*(?:that\s+)?(it)\s+(?:[a-z]+\s+){0,3}$")

# An aside between dashes just before the verb: "The G7 leaders – along with the leaders of India – released".
ASIDE_BEFORE = re.compile(r"\s[–—]\s(?P<with>(?:along|together)\s+with\b|joined\s+by\b)?[^–—.;]{1,160}?\s[–—]\s*(?:\w+ly\s+)?$")

# What joins two mentions of people: ", and", "and Foreign Minister".
AND_NAMED = re.compile(r"\s*(?:,\s*)?and\s+(?:[A-Z][\w.]*\s+){0,3}")

# A clause opening with a personal pronoun joined to a name: "He and Wang", "But she and Li".
PRONOUN_AND = re.compile(r"\W*(?:(?:But|And|Yet|So)\s+)?(?:he|she|He|She)\s+and\s+(?:[A-Z][\w.]*\s+){0,3}")

# "was in" (triggers.WAS_IN_FOR): being somewhere, whose place is the talks' place too.
BEING_IN = re.compile(r"(?:was|were|is|are)\s+in")

# A trip or a sale and where it goes: "a planned trip to", "arms sales to", "the visit to".
DESTINATION = re.compile(r"\b(?:trips?|visits?|travel|journey|stopovers?|transits?|sales?|deliveries|shipments?|"
                         r"delegations?|tour)\s+(?:to|in|into|through)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,2}$")

# A flow a measure is laid on, named by where it comes from: "U.S. investment in …", "American exports to …".
FLOW_AFTER = re.compile(r"\s+(?:outbound\s+)?(?:investments?|investors|exports|exporters|sales|shipments|capital)\b")
INTO = re.compile(r"\b(?:in|to|into)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")

# The end of "… and a 10% additional", "…, and new": a second noun listed after the first.
CONJOINED_NOUN = re.compile(r"(?:,\s*|\s)and\s+(?:also\s+)?(?:a|an|the|new|further)?\s*(?:[\w%.-]+\s+){0,3}$")

# Where a noun's prepositional phrase ends: a comma opening another phrase or clause.
PHRASE_END = re.compile(r",\s+(?:in\s+(?:a|an|what)|as|which|who|while|amid|saying|calling|a\s+move|after|before|when)\b")
