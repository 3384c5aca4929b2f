"""Labels: the line an event shows on the timeline ("Antony Blinken visits Beijing")."""
from __future__ import annotations

from graph.extract.events.model import Draft
from graph.model import Entity

VERBS = {"Visit": "visits", "Meeting": "meets", "PhoneCall": "speaks by phone with", "Accusation": "accuses",
         "Cancellation": "calls off plans with", "Sanction": "takes measures against", "Agreement": "reaches agreement with",
         "Statement": "makes a statement", "Claim": "claims", "Denial": "denies"}


PLURAL_WITH = {"Meeting": "meet", "PhoneCall": "speak by phone with", "Agreement": "reach agreement with",
               "Accusation": "accuse", "Sanction": "take measures against"}
PASSIVE_VERBS = {"Sanction": "is sanctioned", "Accusation": "is accused"}
PLURAL = {"Meeting": "meet", "PhoneCall": "speak by phone", "Agreement": "reach agreement", "Accusation": "accuse each other"}


def label(d: Draft, entities: dict[str, Entity]) -> str:
    """A line for the timeline: "Antony Blinken visits Beijing"."""
    name = lambda keys: " and ".join(entities[k].label for k in keys if k in entities) or "someone"
    actor, target = name(d.actor), name([k for k in d.target if k not in d.actor])
    verb = VERBS.get(d.kind, d.kind.lower())
    if len(d.actor) > 1 and d.kind in PLURAL_WITH and target != "someone":
        verb = PLURAL_WITH[d.kind]
    if d.kind == "Visit":
        where = entities[d.place].label if d.place in entities else target
        text = f"{actor} {'plans to visit' if d.planned else 'visits'} {where}" if where != "someone" else f"{actor} makes a visit"
    elif d.kind == "Cancellation":
        thing = {"Visit": "visit to", "PhoneCall": "call with"}.get(d.called_off, "meeting with")
        text = f"{actor}: a planned {thing} {target} is called off" if target != "someone" \
            else f"{actor}: a planned {thing.split()[0]} is called off"
    elif d.kind in ("Statement",):
        text = f"{actor} makes a statement"
    elif d.kind in ("Claim", "Denial") and d.claim:
        text = f"{actor} {verb} {d.claim[:80]}"
    elif d.kind == "Meeting" and target == "someone" and len(d.actor) == 1:
        text = f"{actor} holds a meeting"
    elif d.passive:
        text = f"{target} {PASSIVE_VERBS.get(d.kind, 'is acted against')}"
    elif d.kind == "Sanction" and target == "someone":
        text = f"{actor} imposes measures"
    elif target == "someone" and len(d.actor) > 1:
        text = f"{actor} {PLURAL.get(d.kind, verb)}"
    else:
        text = f"{actor} {verb} {target}" if target != "someone" else f"{actor} {verb.removesuffix(' with')}"
    if d.place and d.kind != "Visit" and d.place in entities:
        text += f" in {entities[d.place].label}"
    if d.disputes and d.kind in ("Accusation", "Sanction", "Agreement", "Cancellation"):
        text += " over " + ", ".join(entities[k].label for k in d.disputes[:3] if k in entities)
    return text
