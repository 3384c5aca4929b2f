"""A sentence's draft of one trigger: the checks that it reports a new happening at all, then
its actor and what it acts on (beyond the general rules of ``roles``), its place and claim, and
the cases each class of event needs; a draft that lacks the parties its class needs is none."""
from __future__ import annotations

import re
from dataclasses import replace

from graph.extract.events.accusations import TELLS
from graph.extract.events.clauses import ANNOUNCED_REL
from graph.extract.events.meetings import FIRST_TO
from graph.extract.events.modality import denies_a_claim, no_new_happening
from graph.extract.events.model import Draft, EVENT_NOUNS, Hit, TWO_PARTY
from graph.extract.events.roles import BEING_IN, BETWEEN, BY, PASSIVE, by_party, country_of, is_title_run, of_sentence, sides


# A copula before "committed to": a stance ("remains committed to"), not a commitment made.
STANCE_BEFORE = re.compile(r"(?:\b(?:is|are|was|were|am|be|been|being|remains?|remained|stays?|stayed)|[’']s|[’']re)\s+"
                           r"(?:(?:\w+ly|still|also|very|so)\s+){0,2}$", re.I)
# A relative clause listing a measure within another: ", which included sanctions against …", "that include".
INCLUDED_REL = re.compile(r"\b(?:which|that)\s+(?:also\s+)?(?:included?|includes|including|comprised?|covered)\s+"
                          r"(?:(?:new|fresh|further|the|its|their)\s+)?(?:[\w-]+\s+){0,2}$")
# A reply in kind: "retaliated with", "responded with sanctions", "hit back with tariffs".
RETALIATION = re.compile(r"\b(?:retaliat\w*|respond(?:ed|s|ing)?|hit\w*\s+back|str(?:uck|ikes?|iking)\s+back|countered|"
                         r"in\s+(?:response|retaliation|reply))\b(?:[^.;]{0,40}$|\s+with\b)", re.I)
# "agreed (in June) to pay a $1 billion penalty": a settlement, made with the party that imposed it.
PAY_PENALTY = re.compile(r"(?:\s+(?:in|on|last|this)\s+\w+)?\s+to\s+pay\s+(?:(?:a|an|the|its)\s+)?(?:(?:record|combined|total)\s+)?"
                         r"(?:[$€£]?[\d.,]+\s*(?:million|billion)?\s+)?(?:(?:civil|criminal)\s+)?(?:penalty|penalties|fines?|settlement)\b")
# "(are barred) from doing business with them": the parties a measure reported before binds, by a pronoun.
BOUND_BY_EARLIER = re.compile(r"\s+from\s+\w+ing\b[^.;]{0,40}?\b(?:with|to|from|in)\s+(?:them|it|him|her|those|these|such)\b")
# After a deal: "signed with", "reached with", "struck with" (the party that follows made it too).
SIGNED_WITH = re.compile(r"\s+(?:that\s+was\s+|which\s+was\s+)?(?:signed|reached|struck|sealed|concluded)\s+"
                         r"(?:(?:in|on|last)\s+\w+(?:\s+\d{4})?\s+)?with\s+(?:the\s+)?")
# "…, and", "and then", "and on Friday" just before a verb: a second verb of the same subject.
AND_THEN = re.compile(r"[\w”\"]\s*,?\s+and\s+(?:also\s+|then\s+|later\s+)?(?:(?:on|in|last|this|early|late)\s+[\w.]+(?:\s+\d+)?\s+)?$")
# "…, who (had) (recently) led a delegation to …": a person's relative clause just before the verb.
WHO_BEFORE = re.compile(r",\s*who\s+(?:(?:had|has|have|also|then|later|once|previously|recently|just)\s+){0,2}$")
# "in retaliation for the U.S. sanctions", "in response to Washington's tariffs": the side a measure answers follows.
RETALIATION_FOR = re.compile(r"\bin\s+(?:retaliation|response|reply)\s+(?:for|to|against)\s+(?:the\s+|a\s+|an\s+)?")
# A comma before a speaker who ends the sentence: "…, Rubio said", "…, Secretary of State Marco Rubio told
# reporters": the one who reports, not a party of what is reported.
TRAILING_SPEAKER = re.compile(r",\s*(?:[\w.’'-]+\s+){1,7}?")
# A short aside between commas right after a verb: "will bar, after 45 days, …".
ASIDE_AFTER = re.compile(r"\s*,\s*[^,.;:]{1,40}?,\s*")
# A measure's coming into force or rising, said of the measure itself: "tariffs on Chinese goods rose to
# 145 percent", "duties of 25 percent took effect on Chinese steel".
IN_FORCE = re.compile(r"(?:\s+[^,;:]{0,60}?)?\s+(?:(?:will|would|is\s+set\s+to|are\s+set\s+to)\s+)?"
                      r"(?:(?:took|take|takes|taking)\s+effect|(?:went|go|goes|going)\s+into\s+(?:full\s+)?effect|"
                      r"(?:came|come|comes|coming)\s+into\s+force|kick(?:ed|s)?\s+in|(?:rose|rise|rises|climbed|jumped|"
                      r"increased|doubled|were\s+raised|was\s+raised|were\s+increased|was\s+increased)\s+(?:to|from)\b)")
# What a president or a ministry signs that is no agreement: an order, a proclamation, a memorandum.
ORDER_SIGNED = re.compile(r"\s+(?:(?:an?|the|two|three|several|new|its|his|her|their|\d+)\s+)?(?:executive\s+orders?|"
                          r"(?:presidential\s+)?proclamations?|(?:national\s+security\s+|presidential\s+)?memorand(?:um|a)|"
                          r"orders?|decrees?|directives?|Executive\s+Orders?|Proclamations?)\b")
# A participle after a measure noun: "the sanctions imposed on …", "tariffs announced by …".
PARTICIPLE_AFTER = re.compile(r"\s+(?:imposed|announced|introduced|levied|placed|adopted|issued|unveiled|enacted)\b")
IS_THE = re.compile(r"\b(?:is|was|became|becomes|will be|would be)\s+(?:the|only the)\s+(?:first|only|last|latest|"
                    r"most\s+senior|highest[-\s]ranking)\b")
# "a trip to Taiwan by …", "the visit to Beijing next week by …": the visitor after the destination.
VISIT_TO_BY = re.compile(r"\s+(?:to|of)\s+(?:the\s+)?(?:[\w.’'-]+\s+){1,5}?by\s+")
# A participle phrase opening the sentence: "After receiving …", "Before meeting with …", "While hosting …".
OPENING_PARTICIPLE = re.compile(r"\W*(?:After|Before|While|When|Since|Following|Shortly\s+after|Soon\s+after|Just\s+before)\s+")
# "between A, B and their counterparts": the other side, unnamed.
THEIR_COUNTERPARTS = re.compile(r"\b(?:their|his|her|its)\s+(?:[\w-]+\s+)?counterparts?\b")
# "the visit of President Trump": the visitor follows "of" (as "by" would).
OF_VISITOR = re.compile(r"\s+of\s+(?=(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z])")
# Talks that led to what the sentence reports: "… with Japan after lengthy talks in Vienna".
LED_TO = re.compile(r"\b(?:after|following|at the end of|concluding|capping)\s+(?:[\w-]+\s+){0,5}$")
# A finite verb of a first conjunct: a past form, or an auxiliary ("did not meet").
FINITE_VERB = re.compile(r"\s*(?:[\w’'.,-]+\s+){0,2}?(?:\w+ed|did|does|has|had|was|were|is|are|met|spoke|held|took|made|sent|"
                         r"left|went|saw|gave|told|said|struck|won|lost|began|flew)\b")
# "hit Chinese solar panels with new tariffs", "slapped Beijing with sanctions": the object is acted on.
HIT_WITH = re.compile(r"\b(?:hit|hits|slapped|slaps|struck|strikes|targeted|targets)\s+(?P<what>[^,;.]{1,60}?)\s+with\s+"
                      r"(?:(?:new|fresh|additional|more|further|higher|sweeping|its\s+own)\s+)?(?:[\w%$.-]+\s+){0,3}$")
HIT_WITH_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:hit|slapped|struck|targeted)\s+with\s+"
                              r"(?:(?:new|fresh|additional|more|further|higher|sweeping)\s+)?(?:[\w%$.-]+\s+){0,3}$")
# "has been under EU sanctions", "remains under American sanctions": the subject is acted on.
UNDER = re.compile(r"\b(?:is|are|was|were|be|been|being|remains?|remained|stays?|stayed|came|comes|come)\s+under\s+"
                   r"(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|new|fresh|further|tough|heavy|harsh|sweeping|existing|financial|"
                   r"economic|international|western)\s+){0,2}$")
# "traded blame", "accused each other", "blamed one another": each party accuses the other.
RECIPROCAL = re.compile(r"\s+(?:(?:\w+\s+){0,2}?(?:each\s+other|one\s+another))\b")
# The agreement whose terms a plan is: "agreed to resume", "decided to hold", "committed to maintaining".
AGREED_TO = re.compile(r"\b(?:agreed|agree|agrees|decided|pledged|committed|chose)\s+(?:[\"“]\s*)?(?:to\s+(?!(?:at|in|on|during|the|a|an|this|that|it|them)\b)|"
                       r"that\s+(?:[\w’'-]+\s+){1,4}?(?:would|will|should)\s+)(?:[\w’'\"“”-]+\s+){0,5}?$", re.I)
COUNTERPART = re.compile(r"(?:’s|'s|’|')\s+(?:[a-z]+\s+){0,2}counterparts?\b")
PARTICIPLE = re.compile(r",\s*(?:\w+ing)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}$")


class DraftReader:
    """Drafts an event for one trigger of a sentence (see ``draft``)."""

    def draft(self, text, s, hit, agents, drafts, last_person, entities) -> Draft | None:
        """The draft of one trigger of sentence ``s`` (``agents``: its parties in order, ``drafts``: those
        read before), or None when it reports no new happening or lacks the parties its class needs."""
        clause_start, clause_end = self.clause(text, s, hit)
        spoken = -1
        if hit.event_class in ("Sanction", "Cancellation"):
            spoken = self.before_speaker(text, hit.end, clause_end)
            clause_end = spoken if spoken >= 0 else clause_end
        before = text[clause_start:hit.start]
        if hit.word_class == "demand":
            return self.demand(text, s, hit, agents, clause_start, before)
        if hit.word_class == "reported" and self.called is not None and self.called.match(text, hit.start):
            return self.characterised(text, s, hit, agents, drafts, entities)  # "called the move a gross interference"
        if hit.word_class == "reported":
            return self.reported(text, s, hit, agents, before, last_person, entities)
        if hit.event_class == "Agreement" and hit.word_class == "verb" and hit.text.lower().startswith("sign") \
                and ORDER_SIGNED.match(text, hit.end):
            # "signed an executive order barring transactions with X": an order acts on a party, no one agrees
            if any(h.event_class == "Sanction" and hit.end < h.start < clause_end for h in self._sentence_hits):
                return None  # the measure's own word ("barring", "tariffs") reports it
            hit = Hit(hit.start, hit.end, hit.text, "Sanction", "verb", "Sanction")
        if self.modality.ruled_out(before, hit) or self.modality.negated_later(text[hit.end:clause_end], hit):
            return None
        if re.match(r"\s+(?:that|which)\s", text[hit.end:hit.end + 7]) and any(
                h.event_class == hit.event_class and h.word_class == "verb" and hit.end < h.start < hit.end + 50
                for h in self._sentence_hits):
            return None  # "sanctions that Washington imposed": the verb of the relative clause reports it
        announced = next((h for h in self._sentence_hits if h.event_class == "Sanction" and h.word_class == "noun"
                          and h.end < hit.start and (h_end := self.clause(text, s, h)[1]) < hit.start
                          and ANNOUNCED_REL.fullmatch(text, h_end, hit.end)), None) \
            if hit.event_class == "Statement" and hit.word_class == "verb" else None
        if announced is not None:  # "…, which the Treasury announced on Monday": the measure's announcement
            return Draft(hit.event_class, hit, s, announces=announced)
        if no_new_happening(text, s, hit, self._sentence_hits):
            return None
        if hit.event_class == "Accusation" and hit.text.lower() == "accused" and re.match(r"\s+of\b", text[hit.end:hit.end + 4]) \
                and not PASSIVE.search(text[max(clause_start, hit.start - 25):hit.start]):
            return None  # "sanctions on three companies accused of helping Russia": a label of the companies, no accuser
        welcomed = self.welcome(text, s, hit, agents, clause_end)
        if welcomed is not None:  # "Xi welcomed Blinken to Beijing": a host meets a guest there
            guest, where = welcomed
            hit = replace(hit, event_class="Meeting", fine="Meeting")
        draft = Draft(hit.event_class, hit, s)
        draft.planned = self.modality.is_planned(before, hit, text[hit.end:clause_end])
        if hit.event_class in ("Meeting", "PhoneCall") and AGREED_TO.search(before):
            if not self.own_setting(text, hit, clause_end):
                return None
            draft.planned = True  # "agreed to resume talks on …": what was agreed, no meeting of its own (one with a time or place is)
        if re.search(r"\bwould\s+$", before) and re.search(r"\b(?:if|unless)\b", text[hit.end:s.end]):
            return None  # "he would impose tariffs … if he returns": a condition, not a plan
        left = [a for a in agents if clause_start <= a.start < hit.start]
        between = BETWEEN.match(text, hit.end) if hit.event_class in TWO_PARTY else None
        if between and any(hit.end < h.start < between.end() for h in self._sentence_hits):
            between = None  # "this meeting followed the summit between X and Y": the pair is the summit's
        right = [a for a in agents if hit.end <= a.start < (s.end if between else clause_end)]
        by = BY.match(text, hit.end) or (OF_VISITOR.match(text, hit.end) if hit.event_class == "Visit" else None)
        if between:
            pair = self.objects(text, hit, right, [], entities)
            draft.actor, right = pair[:1], [a for a in right if a.key in pair[1:]]
        elif by and hit.word_class == "noun":
            draft.actor = self.listed(text, [a for a in right if a.start >= by.end()])
            right = [a for a in right if a.key not in draft.actor]
        else:
            draft.actor = self.subject(text, clause_start, hit, left, drafts, last_person, entities, s)
            previous = self.coordinated_with(text, hit, clause_start, drafts, s) or \
                self.conjoined_measure(text, hit, drafts, s)
            if previous is not None:
                draft.actor = list(previous.actor)
        if hit.event_class == "Visit" and hit.word_class == "noun" and not by \
                and (visitor := VISIT_TO_BY.match(text, hit.end, clause_end)):
            # "a planned trip to Taiwan by the speaker": the visitor is the "by" phrase's, not the sentence's subject
            draft.actor = self.listed(text, [a for a in right if a.start >= visitor.end()])
            if not draft.actor:
                return None
            right = [a for a in right if a.start < visitor.end()]
        if hit.word_class == "verb" and FIRST_TO.search(text, max(s.start, hit.start - 90), hit.start) \
                and IS_THE.search(text, s.start, hit.start):
            # "X is the first U.S. adviser to visit China": the sentence's subject visits, not the adjective
            draft.actor = self.main_subject(text, s, hit.start, agents) or draft.actor
        if hit.word_class == "verb" and hit.text.lower().endswith("ing") and re.search(r",\s*$", text[s.start:hit.start]) \
                or hit.word_class == "noun" and not draft.actor and PARTICIPLE.search(text, max(s.start, hit.start - 40), hit.start):
            draft.actor = self.main_subject(text, s, hit.start, agents)  # "X said …, accusing Y of…", "…, closing a trip to…"
        if hit.word_class == "verb" and not between and AND_THEN.search(text[s.start:hit.start]) \
                and self.coordinated_with(text, hit, clause_start, drafts, s) is None \
                and (self.reporting.search(text, s.start, hit.start) or self.first_conjunct_verb(text, s, hit, agents)):
            # "Wang said Taiwan was a red line and accused Washington…", "Trump threatened China and imposed…":
            # a verb after "and" shares the subject of the verb before it: the one before the reporting verb
            # ("He said engagement had failed to change China and accused …": he, not China)
            rep = self.reporting.search(text, s.start, hit.start)
            speaker = self.main_subject(text, s, rep.start() if rep else hit.start, agents)
            if not speaker and rep and last_person and self.person_pronoun.search(text, max(s.start, rep.start() - 12), rep.start()):
                speaker = [last_person]
            if not speaker and rep and any(a.key in draft.actor and a.start >= rep.end() for a in agents):
                draft.actor = []  # no speaker known: a party named inside the report is not the one who accuses
            if not set(speaker) & set(draft.actor):  # "X and Y noted … and committed to …": already the subject
                draft.actor = speaker or draft.actor
        if not draft.actor and clause_start > s.start and (hit.word_class == "verb" or hit.event_class in EVENT_NOUNS
                                                            and re.search(r"\b(?:after|following|during|for)\s+(?:[\w-]+\s+){0,6}$",
                                                                          text[max(0, clause_start - 12):hit.start])):
            draft.actor = self.main_subject(text, s, clause_start, agents)
            if not draft.actor and hit.event_class in ("Meeting", "PhoneCall") and hit.word_class == "noun" \
                    and (group := self.group.search(text, s.start, clause_start)) \
                    and group.group().lower() in ("their", "the two leaders", "the two presidents", "both leaders"):
                # "It was their fourth call this year, following a meeting in May": theirs too
                draft.actor = self.as_countries(group.group(), self.last_group(drafts))
        if hit.word_class == "verb" and hit.text.split()[0].lower().endswith("ing") \
                and OPENING_PARTICIPLE.fullmatch(text, s.start, hit.start):
            # "After receiving Vice Premier X on Monday, President Y announced …": the main clause's subject acts
            # (past a relative clause on the object: "After receiving X, who had led talks with A, Y said …")
            comma = comma_past_relatives(text, hit.end, s.end)
            subject = [a for a in agents if comma >= 0 and a.start > comma and not a.modifier and not a.possessive]
            if subject:
                draft.actor = [subject[0].key]
        elif (opening := OPENING_PARTICIPLE.match(text, s.start)) and re.match(r"\w+ing\b", text[opening.end():opening.end() + 20]):
            # "Before meeting with Wang Yi, Blinken toured …": the opening phrase's object is no subject of the main verb
            comma = comma_past_relatives(text, opening.end(), hit.start)
            inside = {a.key for a in agents if comma >= 0 and a.start < comma}
            if comma >= 0 and inside & set(draft.actor):
                kept = [k for k in draft.actor if k not in inside or any(a.key == k and a.start > comma for a in agents)]
                draft.actor = kept or [a.key for a in agents if comma < a.start < hit.start and not a.modifier
                                       and not a.possessive][:1]
        if hit.word_class == "verb" and hit.event_class in ("Visit", "Meeting", "PhoneCall") \
                and (rel := WHO_BEFORE.search(text, s.start, hit.start)):
            # "Biden received Premier Li, who had led a delegation to Washington": the one "who" stands for
            antecedent = [a for a in agents if a.end <= rel.start() and not a.modifier and a.kind == "Person"]
            if antecedent and not text[antecedent[-1].end:rel.start()].strip():
                draft.actor = [antecedent[-1].key]
        if hit.event_class == "Accusation" and len(draft.actor) == 1:
            draft.actor = self.speaker_for(text, s, hit, draft.actor, agents, entities) or draft.actor
        if hit.event_class == "Sanction" and hit.word_class == "noun" and not draft.actor \
                and (incl := INCLUDED_REL.search(text, max(s.start, hit.start - 60), hit.start)):
            # "announced countermeasures, which included sanctions against X": the sentence's subject's measure,
            # and the measure the clause lists it in is the same one
            draft.actor = self.main_subject(text, s, incl.start(), agents)
            self._consumed.update(h for h in self._sentence_hits if h.event_class == "Sanction" and h.word_class == "noun"
                                  and h.end <= incl.start() and not re.search(r"[.;]", text[h.end:incl.start()]))
        if hit.event_class == "Agreement" and hit.text.lower().startswith("committed") and STANCE_BEFORE.search(before) \
                and len(draft.actor) < 2:
            return None  # "he is committed to maintaining open lines": one side's stance ("X and Y are committed to": both)
        if hit.event_class == "Sanction" and hit.word_class == "verb" and not right \
                and (aside := ASIDE_AFTER.match(text, hit.end, s.end)):
            # "will bar, after 45 days, any transactions with X": the object stands past the aside
            far = self.clause(text, s, Hit(aside.end(), aside.end() + 1, "", "", ""))[1]
            right = [a for a in agents if aside.end() <= a.start < far]
        draft.target = self.objects(text, hit, right, draft.actor, entities)
        if hit.event_class == "Accusation" and not draft.target:
            draft.target = self.place_target(text, s, hit, clause_end, draft.actor, entities) or \
                self.anaphoric_target(text, s, hit, draft.actor, drafts, entities)  # "…the arrests in Hong Kong", "opposed the move"
        home = {country_of(k, entities) for k in draft.actor} - {None}
        if spoken >= 0 and not draft.target and right and all(a.modifier for a in right):
            # "sanctioned Chinese officials, Rubio said": the officials' country, not a title of the speaker's
            draft.target = [a.key for a in right if a.kind == "Country" and a.key not in draft.actor][:1]
        if hit.event_class == "Sanction" and draft.actor and (draft.target or right and all(
                a.key in draft.actor or self.own_side(a.key, draft.actor, entities) for a in right)) \
                and all(self.own_side(k, draft.actor, entities) or k in draft.actor for k in draft.target):
            # "barred U.S. firms from selling chips to X", "restricting American investment in X": the
            # measure binds the actor's own side; it is aimed at the other party the clause names
            others = [a for a in agents if hit.end <= a.start < clause_end and a.key not in draft.actor
                      and not self.own_side(a.key, draft.actor, entities)]
            draft.target = [a.key for a in (([a for a in others if not a.modifier] or others)[:1])]
            if not draft.target:  # "restricting American investment in China": the country the measure reaches
                draft.target = [m.entity for m in self._sorted if hit.end <= m.start < clause_end and m.entity not in draft.actor
                                and entities.get(m.entity) and entities[m.entity].kind == "Country"
                                and re.search(r"\bin\s+(?:the\s+)?$", text[max(0, m.start - 8):m.start])
                                and not self.own_side(m.entity, draft.actor, entities)][:1]
        elif hit.event_class == "Sanction" and draft.actor and draft.target and home \
                and all(country_of(k, entities) in home for k in draft.target):
            # "restrictions on ASML's machines to China", "curbs on Nvidia chips sold to China": a measure on
            # the actor's own company's goods is aimed at the foreign party the clause names, if it names one
            others = [a for a in agents if hit.end <= a.start < clause_end and a.key not in draft.actor
                      and country_of(a.key, entities) not in home and not a.modifier]
            draft.target = [others[0].key] if others else draft.target
        if hit.event_class == "Sanction" and draft.actor and not draft.target and not draft.passive \
                and (RETALIATION.search(text, max(s.start, hit.start - 40), hit.start) or RETALIATION.match(hit.text)):
            # "X sanctioned four officials, and China responded with sanctions on ten Europeans": a reply is aimed
            # at whoever took the measure it answers
            answered = next((d for d in reversed(drafts) if d.kind == "Sanction" and d.actor
                             and not set(d.actor) & set(draft.actor)
                             and any(k in draft.actor or self.own_side(k, draft.actor, entities) for k in d.target)
                             and 0 <= s.start - d.sentence.start < 600), None)
            if answered is not None:
                draft.target = list(answered.actor)
        if hit.event_class == "Sanction" and draft.actor and not draft.target and not draft.passive \
                and (cue := RETALIATION_FOR.search(text, hit.end, s.end)):
            # "imposed sanctions on 11 Americans in retaliation for the U.S. sanctions": aimed at the side answered
            answered = [a for a in agents if cue.end() <= a.start < cue.end() + 30 and a.key not in draft.actor
                        and not self.own_side(a.key, draft.actor, entities)]
            draft.target = [answered[0].key] if answered else []
        if hit.event_class == "Accusation" and not draft.target and not between \
                and re.match(r",?\s+including\b", text[clause_end:clause_end + 12]):
            # "voiced worry over the abuse of spyware, including by Russia": the list names whose conduct
            wider = [a for a in agents if hit.end <= a.start < self.reach(text, s, hit)[1]]
            draft.target = self.objects(text, hit, wider, draft.actor, entities)
        if hit.event_class == "Accusation" and hit.word_class == "verb" and draft.actor:
            # "…, accusing it of helping Russia": the pronoun is the one accused, not who follows
            draft.target = self.pronoun_target(text, s, hit, draft.actor, drafts) or draft.target or \
                self.relative_target(text, s, hit, draft.actor, agents, entities)
            draft.mutual = len(draft.actor) == 2 and not draft.target and bool(
                RECIPROCAL.match(text, hit.end) or hit.text.lower().startswith("traded"))
        if not draft.actor and hit.event_class in ("Meeting", "PhoneCall"):
            owner = next((a for a in right if a.possessive and COUNTERPART.match(text, a.end)), None)
            if owner and owner.key not in draft.target:  # "talks with Kerry's longtime counterpart, Xie Zhenhua"
                draft.actor = [owner.key]
            opening = next((a for a in agents if a.start >= s.start), None)
            if not draft.actor and hit.word_class == "noun" and opening and opening.possessive and opening.key not in draft.target \
                    and re.match(r"[’']s?\s+(?:[\w-]+\s+){0,2}(?:visit|trip|tour|delegation|team)\b", text[opening.end:opening.end + 40]) \
                    and is_title_run(text[s.start:opening.start]):
                draft.actor = [opening.key]  # "Wang's three-day visit … included talks with Blinken"
        if hit.word_class == "verb" and hit.event_class == "Sanction" and BOUND_BY_EARLIER.match(text, hit.end, s.end) \
                and PASSIVE.search(text[max(clause_start, hit.start - 25):hit.start]):
            return None  # "Americans are barred from doing business with them": how a measure reported before works
        if hit.word_class == "verb" and PASSIVE.search(text[max(clause_start, hit.start - 25):hit.start]) \
                and not hit.text.lower().endswith("ing") \
                and hit.event_class in ("Sanction", "Accusation", "Cancellation"):
            by = BY.search(text, hit.end, clause_end)
            draft.target = list(draft.actor)  # "X was sanctioned (by Y)": X is acted on
            draft.actor = self.listed(text, [a for a in right if by and a.start >= by.end()]) if by else []
            draft.passive = not draft.actor
            teller, said = next(((a, told) for a in reversed(left) if not a.modifier and not a.possessive
                                 and (told := TELLS.match(text, a.end, hit.start))), (None, None))
            if teller is not None and not by:
                # "China's ministry said (that) X was sanctioned": the teller is no patient; the one acted
                # on is named after the reporting verb, or not at all
                draft.target = [a.key for a in left if a.start >= said.end() and not a.modifier][:1]
                if not draft.target:
                    return None
                if not draft.actor and not self.own_side(draft.target[0], [teller.key], entities) \
                        and not self.own_side(teller.key, draft.target, entities):
                    draft.actor, draft.passive = [teller.key], False  # a government tells of its own measure
        elif hit.word_class == "noun" and hit.event_class == "Sanction" and PARTICIPLE_AFTER.match(text, hit.end) \
                and (by := BY.search(text, hit.end, clause_end)) and any(a.start >= by.end() for a in right):
            # "the sanctions imposed on Monday on Chinese officials by the United States": the measure's
            # imposer is the participle's "by" phrase, not the sentence's subject
            draft.actor = self.listed(text, [a for a in right if a.start >= by.end()])
            draft.target = self.objects(text, hit, [a for a in right if a.start < by.start()], draft.actor, entities)
        struck = HIT_WITH.search(text, clause_start, hit.start) if hit.event_class == "Sanction" and hit.word_class == "noun" else None
        if struck is not None:
            # "Washington hit Chinese solar panels with new tariffs": the one hit is acted on, by the verb's subject
            hit_ones = [a.key for a in agents if struck.start("what") <= a.start < struck.end("what") and not a.modifier]
            doers = [a for a in left if a.end <= struck.start() and not a.modifier and not a.possessive]
            if hit_ones and doers:
                draft.actor, draft.target = self.subject_run(text, doers), hit_ones[:1]
        struck = HIT_WITH_PASSIVE.search(text, clause_start, hit.start) \
            if hit.event_class == "Sanction" and hit.word_class == "noun" else None
        if struck is not None:
            # "Chinese officials were hit with sanctions by the Treasury": the subject is acted on, by the "by" party
            by = BY.match(text, hit.end)
            hit_ones = [a.key for a in left if a.end <= struck.start() and not a.modifier][-1:]
            doers = by_party(agents, by)
            if hit_ones:
                draft.actor, draft.target, draft.passive = doers, hit_ones, not doers
        under = UNDER.search(text, clause_start, hit.start) if hit.event_class == "Sanction" else None
        subject = [a for a in left if under and a.end <= under.start() and not a.modifier
                   and re.fullmatch(r"\s*(?:(?:has|have|had)\s+)?(?:(?:long|also|still|now|already)\s+)?",
                                    text[a.end:under.start()])]
        if subject:  # "Sokolov has been under EU sanctions since 2020": Sokolov is acted on, by the side the noun names
            draft.target = [subject[-1].key]
            draft.actor = [a.key for a in left if a.start >= under.start() and a.kind == "Country"][:1]
            draft.passive = not draft.actor
        if hit.event_class == "Sanction" and hit.word_class == "noun" and not draft.actor and draft.target \
                and not draft.passive and not left and IN_FORCE.match(text, hit.end, clause_end) \
                and not self.modality.negation.search(text, hit.end, clause_end):
            # "Tariffs on Chinese goods rose to 145 percent on Thursday": a measure no one is named for is the
            # one of the side the article is about, when one side clearly leads it
            draft.actor = self.article_side(draft.target, entities)
        listed = self.listing(text, hit, clause_start, left, draft, agents)
        if listed is not None:
            draft.actor, draft.target = listed
            draft.passive = not draft.actor
        if hit.word_class == "noun" and not draft.parties and hit.event_class in TWO_PARTY:
            draft.actor = self.compound_pair(text, hit, agents, clause_start, clause_end)
        place_end = s.end if between else self.reach(text, s, hit)[1]
        later = [h.start for h in self._sentence_hits if h.start > hit.end and h.event_class in EVENT_NOUNS
                 and "," in text[hit.end:h.start]]
        place_end = min([place_end] + later)  # "met X at the White House …, and will meet Y in San Francisco next month"
        if hit.event_class == "Agreement":  # "agreed to hold talks in Geneva": the talks' place, not the agreement's
            place_end = min([place_end] + [h.start for h in self._sentence_hits if h.start > hit.end
                                           and h.event_class in ("Meeting", "PhoneCall", "Visit")
                                           and re.search(r"\bto\s+(?:[\w-]+\s+){0,2}$", text[hit.end:h.start])])
        draft.place = self.place(text, hit, clause_start, place_end, entities, draft)
        if hit.event_class == "Accusation":
            draft.place = self.incident_place(text, hit, place_end, entities)  # "… of ramming a supply boat near Second Thomas Shoal"
        if draft.place is None and hit.event_class == "Meeting" and hit.word_class == "noun":
            draft.place = self.held_at(text, s, hit, entities)
        if hit.event_class in ("Claim", "Denial", "Accusation"):
            claim = re.sub(r"^(?:that|was|were|is|are|of|about|over)\s+", "", text[hit.end:clause_end].strip(" ,.;:"))
            draft.claim = claim or None
        if hit.event_class == "Denial" and not denies_a_claim(text, hit):
            return None  # "deny basic rights" is no denial of a claim
        if hit.event_class == "Cancellation":
            return self.cancelled(text, s, hit, draft, drafts, agents)
        if hit.event_class == "Agreement" and hit.word_class == "noun" and len(sides(draft.parties, entities)) < 2 \
                and (signed := SIGNED_WITH.match(text, hit.end, s.end)):
            # "under the trade deal signed with the United States in January, China pledged …": the party after
            # "with" and the sentence's other side made the deal
            other = [a for a in agents if signed.end() <= a.start < signed.end() + 40 and not a.modifier][:1]
            if other:
                rest = [a.key for a in agents if not a.modifier and a.key != other[0].key
                        and not self.own_side(a.key, [other[0].key], entities) and not self.own_side(other[0].key, [a.key], entities)]
                draft.actor, draft.target = (draft.actor or rest[:1]), [other[0].key]
        if hit.event_class == "Agreement" and hit.word_class == "verb" and len(sides(draft.parties, entities)) < 2:
            self.agreed_by_antecedent(text, s, hit, draft, agents, entities)
        if hit.event_class == "Agreement" and hit.word_class == "verb" and len(draft.actor) == 1 and not draft.target \
                and (pay := PAY_PENALTY.match(text, hit.end, clause_end)):
            draft.target = self.settled_with(text, s, pay.end(), clause_end, draft.actor, agents, drafts, entities)
        if welcomed is not None:
            draft.target, draft.place = [guest], where or draft.place
        if hit.event_class in ("PhoneCall", "Meeting") and hit.word_class == "noun" \
                and len(sides(set(draft.parties), entities)) < 2 and LED_TO.search(text, max(s.start, hit.start - 60), hit.start):
            # "issued a joint statement with China after negotiations in Geneva": the talks were theirs
            outcome = [d for d in of_sentence(drafts, s) if d.kind in ("Agreement", "Meeting", "PhoneCall")
                       and d.hit.start < hit.start and len(sides(d.parties, entities)) >= 2
                       and (not draft.actor or set(draft.actor) <= d.parties)]
            if outcome:
                draft.actor, draft.target = list(outcome[-1].actor), list(outcome[-1].target)
        if hit.event_class in ("PhoneCall", "Meeting") and hit.word_class == "noun" \
                and len(sides(set(draft.parties), entities)) < 2:
            self.setting_parties(text, s, hit, draft, agents, entities)
            if len(sides(set(draft.parties), entities)) < 2 and hit.event_class == "Meeting":
                self.held_by(text, s, hit, draft, agents, entities)
            if len(sides(set(draft.parties), entities)) < 2 and hit.event_class == "Meeting":
                self.delegations(text, s, hit, draft, agents, entities)
        elif hit.event_class in ("Meeting", "PhoneCall", "Agreement") and hit.word_class == "verb" \
                and len(sides(set(draft.parties), entities)) < 2:
            self.delegations(text, s, hit, draft, agents, entities, end=hit.start)  # "Delegations of A and B launched …"
        elif hit.fine == "JointStatement" and len(sides(set(draft.parties), entities)) < 2:
            self.setting_parties(text, s, hit, draft, agents, entities)  # "In a joint statement, X and Y said …"
        if hit.event_class in ("PhoneCall", "Meeting") and len(draft.parties) < 2:
            self.between_you_and_me(text, s, hit, draft, clause_start, clause_end)
        if hit.event_class in ("PhoneCall", "Meeting") and len(draft.parties) >= 2 \
                and len(countries := {country_of(k, entities) for k in draft.parties}) == 1 and None not in countries \
                and THEIR_COUNTERPARTS.search(text, hit.end, s.end):
            # "meetings between Secretary A, Secretary B and their counterparts": each met a counterpart, not one another
            return None
        if draft.passive and hit.event_class == "Accusation" and hit.text.lower().startswith(("charg", "indict")):
            teller = self.charge_teller(text, s, hit, agents, draft.target, entities)
            if not teller:
                return None  # "individuals that were indicted in the United States": a charge with no accuser named
            draft.actor, draft.passive = teller, False
        if hit.event_class == "Visit" and BEING_IN.fullmatch(hit.text) and draft.place and any(
                (c := country_of(k, entities)) is not None and c in (draft.place, country_of(draft.place, entities))
                for k in draft.actor):
            return None  # "Biden was in Washington for talks": at home, no trip
        return draft if self.complete(draft, entities) else None

    def before_speaker(self, text: str, start: int, end: int) -> int:
        """Where a measure's clause ends before the one who reports it: "sanctioned X, Rubio said",
        "will revoke visas for X, Secretary of State Marco Rubio said on Wednesday" (-1: no such speaker)."""
        if getattr(self, "_trailing_speaker", None) is None:
            self._trailing_speaker = re.compile(TRAILING_SPEAKER.pattern + r"(?:" + self.reporting.pattern + r")", re.I)
        comma = text.find(",", start, end)
        while comma >= 0:
            if self._trailing_speaker.match(text, comma):
                return comma
            comma = text.find(",", comma + 1, end)
        return -1

    def first_conjunct_verb(self, text, s, hit, agents) -> bool:
        """Whether a finite verb stands between the sentence's subject and the "and" before the
        trigger ("Trump threatened China on Monday and imposed …"): the trigger's verb is coordinated
        with it, not with a name listed before "and"."""
        subject = self.main_subject(text, s, hit.start, agents)
        at = next((a for a in agents if subject and a.key == subject[0] and a.start < hit.start), None)
        return at is not None and bool(FINITE_VERB.match(text, at.end, hit.start))


def comma_past_relatives(text: str, start: int, end: int) -> int:
    """The first comma of text[start:end] that opens no relative clause (past ", who had led
    talks with A,"), or -1."""
    comma = text.find(",", start, end)
    while comma >= 0 and re.match(r",\s*(?:who|which|whose|whom)\b", text[comma:comma + 10]):
        comma = text.find(",", comma + 1, end)
    return comma
