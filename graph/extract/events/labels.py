"""Labels: the line an event shows on the timeline ("Antony Blinken visits Beijing").

A label names only the event's parties, agrees in number with its subject ("Joe Biden and
Xi Jinping make a statement") and never stands in "someone" for a party it does not know:
without an actor it reads in the passive ("Measures are imposed on China") or names the
happening alone ("Sanctions are imposed").
"""
from __future__ import annotations

from graph.extract.events.model import Draft
from graph.model import Entity

# Each verb phrase as (singular, plural); "{t}" is where the target goes.
WITH_TARGET = {"Meeting": ("meets {t}", "meet {t}"), "PhoneCall": ("speaks by phone with {t}", "speak by phone with {t}"),
               "Accusation": ("accuses {t}", "accuse {t}"), "Sanction": ("takes measures against {t}", "take measures against {t}"),
               "Agreement": ("reaches agreement with {t}", "reach agreement with {t}"),
               "Claim": ("makes a claim about {t}", "make a claim about {t}"), "Denial": ("denies claims by {t}", "deny claims by {t}"),
               "Statement": ("makes a statement on {t}", "make a statement on {t}")}
ALONE = {"Meeting": ("holds a meeting", "meet"), "PhoneCall": ("holds a phone call", "speak by phone"),
         "Accusation": ("makes an accusation", "accuse each other"), "Sanction": ("imposes measures", "impose measures"),
         "Agreement": ("reaches agreement", "reach agreement"), "Statement": ("makes a statement", "make a statement"),
         "Claim": ("makes a claim", "make a claim"), "Denial": ("issues a denial", "issue a denial")}
PASSIVE = {"Sanction": ("is sanctioned", "are sanctioned"), "Accusation": ("is accused", "are accused")}
NO_PARTY = {"Visit": "A visit is made", "Meeting": "A meeting is held", "PhoneCall": "A phone call is held",
            "Accusation": "An accusation is made", "Cancellation": "A planned event is called off",
            "Sanction": "Measures are imposed", "Agreement": "An agreement is reached", "Statement": "A statement is made",
            "Claim": "A claim is made", "Denial": "A denial is issued"}
CALLED_OFF = {"Visit": "visit to", "PhoneCall": "call with"}
# A thing called off, by the verb's first letters: "postponed" → "postpones".
CALLING_OFF = {"postpon": ("postpones", "postpone"), "suspend": ("suspends", "suspend"), "delay": ("delays", "delay"),
               "hold": ("holds off on", "hold off on"), "held": ("holds off on", "hold off on"),
               "scrap": ("scraps", "scrap"), "put off": ("puts off", "put off"), "pull": ("pulls out of", "pull out of"),
               "cancel": ("cancels", "cancel"), "call": ("calls off", "call off")}


def names(keys, entities: dict[str, Entity]) -> tuple[str, int]:
    """The parties' labels joined with "and", and how many there are; a country is left out when
    one of its people stands for it ("Antony Blinken", not "Antony Blinken and United States")."""
    keys = [k for k in dict.fromkeys(keys) if k in entities]
    spoken_for = {entities[k].country for k in keys if entities[k].kind != "Country"}
    found = [entities[k].label for k in keys if not (entities[k].kind == "Country" and k in spoken_for)]
    return " and ".join(found), len(found)


def label(d: Draft, entities: dict[str, Entity]) -> str:
    """A line for the timeline: "Antony Blinken visits Beijing"."""
    actor, n_actor = names(d.actor, entities)
    target, n_target = names([k for k in d.target if k not in d.actor], entities)
    plural = n_actor > 1
    pick = lambda pair: pair[1] if plural else pair[0]
    where = entities[d.place].label if d.place in entities else ""
    if d.kind == "Visit":
        where = where or target
        if not actor:
            text = f"A visit to {where} is made" if where else NO_PARTY["Visit"]
        elif where:
            text = f"{actor} {pick(('plans to visit', 'plan to visit')) if d.planned else pick(('visits', 'visit'))} {where}"
        else:
            text = f"{actor} {pick(('makes a visit', 'make a visit'))}"
    elif d.kind == "Cancellation" and d.called_off == "Sanction":
        text = f"{actor} {pick(('suspends measures', 'suspend measures'))}" + (f" against {target}" if target else "") \
            if actor else f"Measures against {target or 'a party'} are suspended"
    elif d.kind == "Cancellation" and d.called_off == "thing" and d.claim:
        verb = next((v for k, v in CALLING_OFF.items() if d.hit.text.lower().startswith(k)), ("calls off", "call off"))
        text = f"{actor} {pick(verb)} {d.claim[:60]}" if actor else f"{d.claim[:1].upper()}{d.claim[1:60]} is called off"
    elif d.kind == "Cancellation":
        thing = CALLED_OFF.get(d.called_off, "meeting with")
        planned = f"a planned {thing} {target}" if target else f"a planned {thing.split()[0]}"
        if d.called_off == "Visit" and target and all(entities[k].kind == "Person" for k in d.target if k in entities):
            planned = f"{target}’s planned visit"  # "called off Ambassador X's trip": the visitor's, not a visit to X
        text = f"{actor}: {planned} is called off" if actor else planned[0].upper() + planned[1:] + " is called off"
    elif d.passive or not actor:
        text = f"{target} {pick_n(PASSIVE.get(d.kind, ('is acted against', 'are acted against')), n_target)}" if target \
            else NO_PARTY.get(d.kind, "Something happens")
    elif target and d.kind in WITH_TARGET:
        text = f"{actor} {pick(WITH_TARGET[d.kind]).format(t=target)}"
    else:
        text = f"{actor} {pick(ALONE.get(d.kind, ('acts', 'act')))}"
    if d.kind in ("Claim", "Denial") and d.claim and actor:
        text = f"{actor} {pick(('claims', 'claim')) if d.kind == 'Claim' else pick(('denies', 'deny'))} {d.claim[:80]}"
    if where and d.kind != "Visit":
        text += f" in {where}"
    if d.disputes and d.kind in ("Accusation", "Sanction", "Agreement", "Cancellation"):
        about = ", ".join(entities[k].label for k in d.disputes[:3] if k in entities)
        if about:
            text += " over " + about
    return text


def pick_n(pair: tuple[str, str], n: int) -> str:
    return pair[1] if n > 1 else pair[0]
