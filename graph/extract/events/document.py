"""Document-level events: what a text's title says it is about.

A White House readout or remarks transcript names its happening in the title rather than in a
sentence: "Readout of President Biden's Call with President Xi Jinping", "Remarks by President
Biden and President Xi Jinping Before Bilateral Meeting | Lima, Peru". The title gives the
class (a call or a meeting), the parties (the people and governments it names) and sometimes
the place; the evidence is the first sentence of the text that names one of the parties. Such
a draft merges with the text's own report of the happening when there is one.

An executive order, proclamation or fact sheet names its action the same way: "Imposing
Duties to Address … in the People's Republic of China", "President Trump Continues the
Suspension of the Heightened Tariffs on China". When its opening speaks of the measures too,
the document is a Sanction (a Cancellation when it suspends or pauses them) by the side its
title names, else by the other side than the country acted on, dated by the signing or
effective date its opening gives, else by publication (``action_draft``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from graph.extract.dates import publication
from graph.extract.events.model import Draft, Hit
from graph.extract.events.roles import is_title_run, sides
from graph.model import Entity, Mention, Sentence

# "X's Call with Y", "Meeting between X and Y"; not "Press Call"
NAMED = re.compile(r"(?<!Press )\b(?P<kind>(?:Phone |Telephone |Video )?Call|Conversation|"
                   r"(?:Bilateral |Virtual |In-Person )?(?:Meeting|Summit|Talks))\s+(?:with|between)\s", re.I)
# "Remarks by X and Y Before Bilateral Meeting"
AT = re.compile(r"\b(?:Before|After|During|Ahead of|at|in)\s+(?:the\s+|their\s+|a\s+)?"
                r"(?P<kind>(?:Bilateral |Virtual |Trilateral |In-Person )?(?:Meeting|Summit))\b", re.I)
AGENT_KINDS = ("Person", "Country", "Organization")


def title_draft(title: str | None, mentions: list[Mention], title_entities: dict[str, Entity],
                entities: dict[str, Entity], sentences: list[Sentence], text: str,
                published: dt.date | None) -> Draft | None:
    """The call or meeting a title names, with the parties it names, or None."""
    if not title or not sentences:
        return None
    m = NAMED.search(title) or AT.search(title)
    if m is None:
        return None
    kind_text = m.group("kind")
    lowered = kind_text.lower()
    family = "PhoneCall" if "call" in lowered or "conversation" in lowered else "Meeting"
    fine = "VirtualMeeting" if "virtual" in lowered else "Summit" if "summit" in lowered else family
    before_end = title.find("|") if "|" in title else len(title)
    keys = list(dict.fromkeys(t.entity for t in mentions if t.end <= before_end
                              and title_entities.get(t.entity) and title_entities[t.entity].kind in AGENT_KINDS))
    keys = [k for k in keys if k in entities]  # parties the text names too: a title's odd capitals are no one
    in_titles = title_bodies(title[:before_end], mentions, title_entities)
    keys = [k for k in keys if k not in in_titles]
    kept = sides(set(keys), entities)  # "PRC Foreign Minister Wang Yi": the minister, not also his country
    keys = [k for k in keys if k in kept]
    if len(keys) < 2:
        return None  # "Wang Yi Holds Talks with U.S. Secretary Blinken" misread: one side only
    # by index: the sentences may report progress when iterated
    evidence = next((sentences[i] for i in range(len(sentences))
                     if any(k in entities and name_in(entities[k], sentences[i].text) for k in keys)), sentences[0])
    actor = [t.entity for t in mentions if t.end <= m.start() and t.entity in keys][:1] or keys[:1]
    target = [k for k in keys if k not in actor]
    draft = Draft(family, Hit(evidence.start, evidence.start, kind_text, family, "noun", fine), evidence,
                  actor=actor, target=target)
    places = [t.entity for t in mentions if t.start > m.start() and title_entities.get(t.entity)
              and title_entities[t.entity].kind == "Place"]
    draft.place = places[0] if places else None
    if draft.place:
        entities.setdefault(draft.place, title_entities[draft.place])
    if AT.search(title) and published:
        draft.when = publication(published)  # remarks before a meeting: given that day
    return draft


def title_bodies(title: str, mentions: list[Mention], title_entities: dict[str, Entity]) -> set[str]:
    """Organizations named only inside a person's title ("Meeting with Chinese Communist Party
    Politburo Member, Director of the Office of the Foreign Affairs Commission, and Foreign
    Minister Wang Yi"): the person is the party, not the bodies of the title."""
    ordered = sorted((t for t in mentions if t.end <= len(title) and title_entities.get(t.entity)),
                     key=lambda t: t.start)
    inside, party = set(), set()
    for i, t in enumerate(ordered):
        if title_entities[t.entity].kind != "Organization":
            continue
        person = next((n for n in ordered[i + 1:] if title_entities[n.entity].kind == "Person"), None)
        titled = person is not None and is_title_run(title[t.end:person.start]) \
            and not title[t.end:person.start].strip().startswith("and")
        (inside if titled else party).add(t.entity)
    return inside - party


def name_in(e: Entity, sentence: str) -> bool:
    """Whether the sentence names the entity by its label, another name or a person's surname."""
    names = [e.label, *e.alt_labels] + ([e.label.split()[-1]] if e.kind == "Person" else [])
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence) for n in names if n)


# "Imposing Duties …", "Raises Tariffs on …", "Continues the Suspension of the Heightened Tariffs on …"
ACTION = re.compile(r"\b(?P<verb>(?:(?:Continu|Extend)(?:es|ing)\s+)?(?:the\s+)?(?P<pause>Suspen(?:ds?|ding|sion\s+of)|"
                    r"Paus(?:es?|ing)|Pause\s+(?:of|on)|Delay(?:s|ing)?)|Impos(?:es?|ing)|Rais(?:es?|ing)|Increas(?:es?|ing)|"
                    r"(?:Further\s+)?(?:Modif(?:ies|ying|y)|Amend(?:s|ing|ment\s+to)|Adjust(?:s|ing)|Expand(?:s|ing))|Announc(?:es?|ing)|"
                    r"Adopt(?:s|ing)|Tak(?:es|ing))\b(?:\s+[\w’'%-]+){0,5}?\s+(?P<what>Duties|Tariffs?(?:\s+Rates)?|Restrictions|"
                    r"Export\s+Controls|Sanctions|Countermeasures|Counter-measures)\b", re.I)
OPENING = 800  # the opening lines that must speak of the measures as well
MEASURES = re.compile(r"\b(?:dut(?:y|ies)|tariffs?|restrictions?|export controls?|sanctions?|countermeasures?)\b", re.I)
SIGNED = re.compile(r"\b(?:signed|signs|effective|takes?\s+effect|took\s+effect|beginning|starting)\b[^.]{0,60}$", re.I)
US, CN = "country/USA", "country/CHN"


def other_side(acted_on: list[str]) -> list[str]:
    """The side a US or PRC document speaks for when its title names no one: the one of the two
    that is not acted on (none when both are)."""
    return [US] if US not in acted_on else [CN] if CN not in acted_on else []


def adopt(keys: list[str], entities: dict[str, Entity], *sources: dict[str, Entity]) -> bool:
    """Give the text's entities each key a document-level event names (from the title's entities
    or the catalog); False when one is known to none of them."""
    for k in keys:
        found = entities.get(k) or next((src[k] for src in sources if src.get(k)), None)
        if found is None:
            return False
        entities.setdefault(k, found)
    return True


def action_draft(title: str | None, mentions: list[Mention], title_entities: dict[str, Entity],
                 entities: dict[str, Entity], sentences: list[Sentence], text: str, times: list,
                 published: dt.date | None, catalog: dict[str, Entity]) -> Draft | None:
    """The measure an executive document's title says it takes on a country, or None
    (``catalog`` gives the other side when the title names no actor)."""
    if not title or not sentences or not MEASURES.search(text[:OPENING]):
        return None
    m = ACTION.search(title.split("|")[0])
    if m is None:
        return None
    named = [t for t in mentions if title_entities.get(t.entity) and title_entities[t.entity].kind in AGENT_KINDS]
    targets = list(dict.fromkeys(t.entity for t in named if t.start > m.start("what")
                                 and title_entities[t.entity].kind == "Country"))
    actor = list(dict.fromkeys(t.entity for t in named if t.end <= m.start()))[:1]
    targets = [k for k in targets if k not in actor]
    if not targets:
        return None
    actor = actor or other_side(targets)
    if not actor or not adopt(actor + targets, entities, title_entities, catalog):
        return None
    family = "Cancellation" if m.group("pause") else "Sanction"
    evidence = next((s for s in sentences if MEASURES.search(s.text)), sentences[0])
    hit = Hit(evidence.start, evidence.start, m.group(0), family, "noun",
              "Tariff" if family == "Sanction" and re.match(r"(?i)dut|tarif", m.group("what")) else family)
    draft = Draft(family, hit, evidence, actor=actor, target=targets)
    draft.called_off = "Sanction" if family == "Cancellation" else ""
    draft.when = signing_time(times, text, published)
    return draft


def signing_time(times: list, text: str, published: dt.date | None):
    """The day the opening says the document was signed or takes effect, else the publication day."""
    for t in times:
        if t.start > OPENING:
            break
        if t.when.precision == "day" and SIGNED.search(text, max(0, t.start - 70), t.start):
            return t.when
    return publication(published) if published else None


def covered(doc: Draft, drafts: list[Draft]) -> bool:
    """Whether the text itself reports the document's action: a draft of its class on one of its
    targets, undated or dated within the document's days. Undated ones that are no plan are
    the document's action and take its date ("the President is implementing a 10% tariff")."""
    found = [d for d in drafts if d.kind == doc.kind and set(d.target) & set(doc.target) and not set(d.actor) & set(doc.target)
             and (d.when is None or doc.when is None or d.when.start <= doc.when.end and doc.when.start <= d.when.end)]
    for d in found:
        if d.when is None and not d.planned and doc.when is not None:
            d.when = replace(doc.when, basis="context")
    return bool(found)
