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

from graph.extract.dates import MONTHS, publication
from graph.extract.events.model import Draft, Hit
from graph.extract.events.roles import is_title_run, sides
from graph.model import Entity, Mention, Sentence, When

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


# An executive document's own form, on its first lines: "EXECUTIVE ORDER", "Executive Order 14195 of
# February 1, 2025", "A PROCLAMATION", "Proclamation 10043", "NATIONAL SECURITY PRESIDENTIAL MEMORANDUM/NSPM-3";
# the lines after it, up to a blank line, are the document's heading (its title as the text gives it).
FORM_LINE = (r"(?:A\s+)?(?:Executive\s+Order|Proclamation|(?:National\s+Security\s+)?Presidential\s+(?:Memorandum|Determination|"
             r"Proclamation)|Presidential\s+Action)(?:\s+(?:No\.\s*)?[\d/A-Z-]*\d)?(?:\s+of\s+(?P<date>[A-Z][a-z]+\s+\d{1,2},\s+\d{4}))?")
FORM = re.compile(r"\A\s*(?:[^\n]{0,80}\n\s*)?(?P<form>" + FORM_LINE + r")[ \t]*\n\s*"
                  r"(?P<heading>(?:[^\n]+\n?){1,3}?)(?:\n\s*\n|\Z)", re.I)
# A title that is only the form line (a text file's first line): the heading is the text's first paragraph.
FORM_TITLE = re.compile(r"\s*" + FORM_LINE + r"\s*\Z", re.I)
FIRST_PARAGRAPH = re.compile(r"\s*(?P<line>(?:[^\n]+\n?){1,3}?)(?:\n\s*\n|\Z)")
# A first line that is a heading, not a sentence: short, with no full stop at its end.
FIRST_LINE = re.compile(r"\s*(?P<line>[^\n]{10,250}?[^.\s])[ \t]*\n")
# The opening words of an act of a head of state: what follows is the document's own action.
AUTHORITY = re.compile(r"\bBy\s+the\s+authority\s+vested\s+in\s+me\b|\bNOW,\s+THEREFORE,\s+I\b", re.I)
# Measures an executive document's sections impose, in the forms of law: "shall be subject to an additional
# 10 percent ad valorem rate of duty", "the entry into the United States of nationals of X … is hereby
# suspended", "I hereby suspend the entry of …", "United States persons are prohibited from … investment in …".
OPERATIVE = (
    ("Tariff", re.compile(r"\b(?:shall|will)\s+be,?(?:\s+[\w-]+){0,4},?\s+subject\s+to\s+(?:an?\s+|the\s+)?(?:additional|increased|higher|"
                          r"heightened)\b[^.;]{0,80}?\b(?:dut(?:y|ies)|tariffs?)\b|\b(?:hereby|shall|(?:have\s+)?(?:decided|determined)\s+to)\s+"
                          r"(?:impose|increase|raise)\b[^.;]{0,60}?\b(?:dut(?:y|ies)|tariffs?)\b", re.I)),
    ("VisaRestriction", re.compile(r"\bentry\s+into\s+the\s+United\s+States\s+(?:of|by)\b[^.]{0,300}?\b(?:is|are)\s+hereby\s+"
                                   r"(?:suspended|restricted|limited)\b|\bhereby\s+(?:suspend|restrict|limit)s?\s+(?:and\s+"
                                   r"(?:limit|restrict)\s+)?(?:the\s+)?entry\b", re.I)),
    ("InvestmentRestriction", re.compile(r"(?:\bUnited\s+States\s+persons?\b[^.;]{0,40}?\b(?:(?:is|are|shall\s+be)\s+(?:hereby\s+)?"
                                         r"prohibited|shall\s+not)|\b(?:shall|hereby)\s+prohibits?\s+United\s+States\s+persons?\s+from)"
                                         r"\b[^.;]{0,120}?\b(?:invest(?:ments?|ing)?|securities|transactions?)\b", re.I)),
    # duties an earlier order imposed, suspended: "the heightened duties … shall remain suspended until …",
    # "the suspension of the additional duties … shall continue until …" (a Cancellation of a measure)
    ("Cancellation", re.compile(r"\b(?:dut(?:y|ies)|tariffs?)\b[^.;]{0,120}?\b(?:is|are|shall\s+be|shall\s+remain|will\s+remain)\s+"
                                r"(?:hereby\s+)?(?:suspended|paused)\b|\bsuspension\s+of\s+[^.;]{0,80}?\b(?:dut(?:y|ies)|tariffs?)\b"
                                r"[^.;]{0,120}?\bshall\s+(?:continue|be\s+extended|remain\s+in\s+effect)\b"
                                r"|\b(?:to\s+|hereby\s+|shall\s+)(?:continue|extend|maintain)\s+the\s+suspension\b", re.I)),
)
# The annex that lists the countries an order's "countries of concern" are.
ANNEX = re.compile(r"\n\s*Annex\b[^\n]{0,40}\n(?=[^\n]*\n?\Z|[\s\S]{0,400}\Z)", re.I)
# A title's words for barring a class of people: "Suspension of Entry as Immigrants … of Certain Students
# and Researchers from the People's Republic of China", "Restricting the Entry of …".
ENTRY = re.compile(r"\b(?:Suspen(?:ds?|ding|sion\s+of)|Restrict(?:s|ing|ions?\s+on)|Limit(?:s|ing|ation\s+on))\s+(?:the\s+)?"
                   r"Entry\b", re.I)
# The date a document is signed on, after the signature: "THE WHITE HOUSE, February 1, 2025." (the last
# lines), or in a proclamation's words: "this first day of February, in the year of our Lord two thousand
# twenty-five".
SIGNATURE = 200
WITNESS = re.compile(r"\bthis\s+(?P<day>[\w-]+)\s+day\s+of\s+(?P<month>[A-Z][a-z]+),?\s+in\s+the\s+year\s+of\s+our\s+Lord\s+"
                     r"two\s+thousand(?:\s+and)?(?:\s+(?P<year>[\w-]+))?")
ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second twenty-third twenty-fourth "
    "twenty-fifth twenty-sixth twenty-seventh twenty-eighth twenty-ninth thirtieth thirty-first".split())}
UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


def heading(title: str | None, text: str) -> tuple[str, int, int] | None:
    """The document's heading as its text gives it under its form ("EXECUTIVE ORDER" / "IMPOSING DUTIES …"):
    (the text, where the heading starts and ends); None when the text opens with no executive form."""
    m = FORM.match(text[:1200])
    if m is not None:
        return text, m.start("heading"), m.end("heading")
    if title and FORM_TITLE.match(title) and (first := FIRST_PARAGRAPH.match(text[:1200])):
        return text, first.start("line"), first.end("line")  # "EXECUTIVE ORDER" as the title, the heading below it
    first = FIRST_LINE.match(text)
    if not title and first and AUTHORITY.search(text, first.end(), first.end() + 400):
        return text, first.start("line"), first.end("line")  # an untitled order: its first line, then "By the authority …"
    return None


def executive(title: str | None, text: str) -> bool:
    """Whether the document is an executive act itself, by its own form: a heading naming its form, a
    title that does ("Executive Order on …"), or the words of authority it opens with."""
    return bool(FORM.match(text[:1200]) or title and FORM_TITLE.match(title) or title and re.search(r"\b(?:Executive\s+Order|Proclamation)\b", title, re.I)
                and not re.match(r"\s*(?:Fact\s+Sheet|Remarks|Statement|Readout)\b", title, re.I)
                or AUTHORITY.search(text[:3000]))


def action_drafts(title: str | None, mentions: list[Mention], title_entities: dict[str, Entity],
                  entities: dict[str, Entity], sentences: list[Sentence], text: str, times: list,
                  published: dt.date | None, catalog: dict[str, Entity],
                  text_mentions: list[Mention] = ()) -> list[Draft]:
    """The measures an executive document takes: the one its title names (``action_draft``), else the
    one its heading names, and those its sections impose in the forms of law (``operative_drafts``)."""
    found = action_draft(title, mentions, title_entities, entities, sentences, text, times, published, catalog)
    head = heading(title, text) if found is None else None
    if head is not None:
        found = action_draft(head[0], list(text_mentions), entities, entities, sentences, text, times, published,
                             catalog, span=head[1:])
    out = [found] if found is not None else []
    if executive(title, text):
        for d in operative_drafts(title, mentions, title_entities, entities, sentences, text, times, published,
                                  catalog, text_mentions):
            if not any(o.hit.fine == d.hit.fine or o.kind == d.kind == "Sanction" and set(o.target) & set(d.target)
                       and d.hit.fine == "Tariff" or o.kind == d.kind == "Cancellation" for o in out):
                out.append(d)
    titled = FORM_TITLE.match(title) if title else None
    if titled and titled.group("date"):  # "Executive Order 14105 of August 9, 2023" as the title: signed that day
        try:
            day = dt.datetime.strptime(" ".join(titled.group("date").split()), "%B %d, %Y").date()
        except ValueError:
            day = None
        for d in out:
            if day and (d.when is None or d.when.basis == "publication"):
                d.when = When(day, day, "day", "explicit", text=titled.group("date"))
    return out


def operative_drafts(title, mentions, title_entities, entities, sentences, text, times, published, catalog,
                     text_mentions) -> list[Draft]:
    """One Sanction of each kind an executive document's sections impose ("shall be subject to an additional
    … rate of duty", "entry … is hereby suspended"), by the United States, on the country the sentence names
    (or else its title or heading), dated as the document is."""
    out = []
    countries = [t for t in text_mentions if entities.get(t.entity) and entities[t.entity].kind == "Country"]
    titled = [t.entity for t in mentions if title_entities.get(t.entity) and title_entities[t.entity].kind == "Country"]
    head = heading(title, text)
    if head is not None:
        titled += [t.entity for t in countries if head[1] <= t.start < head[2]]
    for fine, pattern in OPERATIVE:
        m = pattern.search(text)
        if m is None:
            continue
        s = next((s for s in sentences if s.start <= m.start() < s.end), None)
        if s is None:
            continue
        named = [t.entity for t in countries if s.start <= t.start < s.end and t.entity != US
                 and not (m.start() <= t.start < m.start() + 40 and fine == "VisaRestriction"
                          and text[m.start():t.start].lower().startswith("entry into the"))]
        targets = list(dict.fromkeys(named or [k for k in titled if k != US] or annex_listed(text, countries)))[:1]
        if not targets or not adopt([US] + targets, entities, title_entities, catalog):
            continue
        family = "Cancellation" if fine == "Cancellation" else "Sanction"
        hit = Hit(s.start, s.start, m.group(0)[:60], family, "verb", fine)
        draft = Draft(family, hit, s, actor=[US], target=targets)
        draft.called_off = "Sanction" if family == "Cancellation" else ""
        draft.when = signing_time(times, text, published)
        out.append(draft)
    return out


def action_draft(title: str | None, mentions: list[Mention], title_entities: dict[str, Entity],
                 entities: dict[str, Entity], sentences: list[Sentence], text: str, times: list,
                 published: dt.date | None, catalog: dict[str, Entity], span: tuple[int, int] | None = None) -> Draft | None:
    """The measure an executive document's title says it takes on a country, or None
    (``catalog`` gives the other side when the title names no actor; ``span``: the title is that
    stretch of ``title``, its heading in the text, with the text's mentions)."""
    if not title or not sentences or not MEASURES.search(text[:OPENING]) and not ENTRY.search(title[slice(*span or (0, None))]) \
            and not executive(title if span is None else None, text):  # an order's title suffices: its opening may speak of the emergency
        return None
    lo, hi = span or (0, len(title.split("|")[0]))
    m = ACTION.search(title, lo, hi) or ENTRY.search(title, lo, hi)
    if m is None:
        return None
    entry = m.re is ENTRY
    what = m.end() if entry else m.start("what")
    named = [t for t in mentions if lo <= t.start < hi and title_entities.get(t.entity)
             and title_entities[t.entity].kind in AGENT_KINDS]
    targets = list(dict.fromkeys(t.entity for t in named if t.start > what
                                 and title_entities[t.entity].kind == "Country"))
    actor = list(dict.fromkeys(t.entity for t in named if t.end <= m.start()))[:1]
    targets = [k for k in targets if k not in actor]
    if not targets:
        return None
    actor = actor or other_side(targets)
    if not actor or not adopt(actor + targets, entities, title_entities, catalog):
        return None
    family = "Cancellation" if not entry and m.group("pause") else "Sanction"
    evidence = next((s for s in sentences if (ENTRY if entry else MEASURES).search(s.text) and s.start >= hi), None) \
        or next((s for s in sentences if MEASURES.search(s.text)), sentences[0])
    fine = "VisaRestriction" if entry else \
        "Tariff" if family == "Sanction" and re.match(r"(?i)dut|tarif", m.group("what")) else family
    hit = Hit(evidence.start, evidence.start, m.group(0), family, "noun", fine)
    draft = Draft(family, hit, evidence, actor=actor, target=targets)
    draft.called_off = "Sanction" if family == "Cancellation" else ""
    draft.when = signing_time(times, text, published)
    return draft


def signing_time(times: list, text: str, published: dt.date | None):
    """The day the opening says the document was signed or takes effect, else the day its signature
    gives (the date after the signer's name, or a proclamation's "this first day of February, in the
    year of our Lord …"), else the publication day."""
    form = FORM.match(text[:1200])
    for t in times:
        if t.start > OPENING:
            break
        if t.when.precision == "day" and (SIGNED.search(text, max(0, t.start - 70), t.start)
                                          or form and form.start("form") <= t.start < form.end("form")):
            return t.when  # "Executive Order 14105 of August 9, 2023": the form line's date is the signing
    end = len(text.rstrip())
    last = [t for t in times if t.start >= end - SIGNATURE and t.when.precision == "day"]
    if last and not re.search(r"[a-z]{3,}", text[last[-1].end:end]):  # the text's last words: its dateline
        return last[-1].when
    witness = WITNESS.search(text, max(0, end - 600))
    day = witness and witnessed(witness)
    if day is not None:
        return When(day, day, "day", "explicit", text=witness.group(0))
    return publication(published) if published else None


def annex_listed(text: str, countries: list[Mention]) -> list[str]:
    """The countries an annex at the end of the text lists ("countries of concern"), other than the US."""
    annex = ANNEX.search(text)
    return [t.entity for t in countries if annex and t.start > annex.end() and t.entity != US]


def witnessed(m: re.Match) -> dt.date | None:
    """The day a proclamation's words give ("this first day of February, in the year of our Lord two
    thousand twenty-five"), or None."""
    day, month = ORDINALS.get(m.group("day").lower()), MONTHS.get(m.group("month").lower())
    words = (m.group("year") or "").lower().split("-")
    year = 2000 + (sum(TENS.get(w, UNITS.get(w, 0)) for w in words) if words != [""] else 0)
    if not day or not month or any(w and w not in TENS and w not in UNITS for w in words):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


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
