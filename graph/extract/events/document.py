"""Document-level events: what a text's title says it is about.

A White House readout or remarks transcript names its happening in the title rather than in a
sentence: "Readout of President Biden's Call with President Xi Jinping", "Remarks by President
Biden and President Xi Jinping Before Bilateral Meeting | Lima, Peru". The title gives the
class (a call or a meeting), the parties (the people and governments it names) and sometimes
the place; the evidence is the first sentence of the text that names one of the parties. Such
a draft merges with the text's own report of the happening when there is one.
"""
from __future__ import annotations

import datetime as dt
import re

from graph.extract.dates import publication
from graph.extract.events.model import Draft, Hit
from graph.extract.events.roles import sides
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


def name_in(e: Entity, sentence: str) -> bool:
    """Whether the sentence names the entity by its label, another name or a person's surname."""
    names = [e.label, *e.alt_labels] + ([e.label.split()[-1]] if e.kind == "Person" else [])
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence) for n in names if n)
