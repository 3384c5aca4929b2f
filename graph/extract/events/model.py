"""The plain data event reading passes between its stages: a trigger hit, an agent in a
sentence, and the draft of an event before merging; and the event families the rules know."""
from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import Mention, Sentence, When

AGENT_KINDS = ("Person", "Country", "Organization")
FAMILIES = ("Visit", "Meeting", "PhoneCall", "Accusation", "Cancellation", "Sanction", "Agreement",
            "Statement", "Claim", "Denial")
PLACED = ("Visit", "Meeting", "Agreement", "Statement")
EVENT_NOUNS = ("Visit", "Meeting", "PhoneCall")
SPEECH_LIKE = ("Accusation", "Agreement", "Statement", "Claim", "Denial")
TWO_PARTY = ("Meeting", "PhoneCall", "Agreement", "Accusation")
INTERACTIONS = ("Meeting", "PhoneCall", "Agreement", "Visit")


@dataclass(frozen=True)
class Hit:
    """A trigger found in the text."""
    start: int
    end: int
    text: str
    event_class: str            # the family the rules know: Visit, Meeting, Sanction…
    word_class: str
    fine: str = ""              # the finest class the trigger names: Summit, Tariff…


@dataclass
class Agent:
    """An agent mention in a sentence, with how it stands there."""
    mention: Mention
    kind: str
    possessive: bool = False
    modifier: bool = False       # stands before the person it qualifies ("Chinese Foreign Minister Qin")

    @property
    def key(self) -> str:
        return self.mention.entity

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end


@dataclass
class Draft:
    """An event being assembled, before merging."""
    kind: str
    hit: Hit
    sentence: Sentence
    actor: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    place: str | None = None
    when: When | None = None
    planned: bool = False
    claim: str | None = None
    disputes: list[str] = field(default_factory=list)
    passive: bool = False       # "X was added to the Entity List": the one who acted is not named
    called_off: str = ""        # for a cancellation: the class of the happening called off
    mutual: bool = False        # "X and Y traded blame": an accusation each way
    announces: Hit | None = None  # "…, which X announced last week": the measure noun this clause announces

    @property
    def parties(self) -> set[str]:
        return set(self.actor) | set(self.target)

