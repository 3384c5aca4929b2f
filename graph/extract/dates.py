"""Time expressions resolved to intervals against the publication date.

A timeline needs an interval and a precision, not a point: "last month" is that
whole month, "this weekend" its Saturday and Sunday, "last week" Monday to Sunday
of the week before. Each rule is a regex and a function from the match and the
anchor date to a :class:`When`; the table at the bottom lists them, longest first.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from graph.extract.spans import longest_first
from graph.extract.text import Skipping, WordPlaces, finditer_holding, lowered
from graph.extract.word_patterns import leading_class
from graph.model import When

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "several": 3, "a few": 3}

MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
MONTH2 = MONTH.replace("(?P<month>", "(?P<month2>")
YEAR = r"(?P<year>(?:19|20)\d\d)"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
UPTO = r"\s*(?:-|–|—|to|through|until|and)\s*"
APPROX = r"(?P<approx>nearly|almost|about|around|roughly|some|more than|over|less than|close to|just over|just under)"


@dataclass(frozen=True)
class TimeMention:
    """A time expression found in the text and what it resolves to."""
    start: int
    end: int
    when: When


# --- calendar helpers -----------------------------------------------------------
def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_year(anchor: dt.date, month: int, day: int | None, future: bool, weekday: int | None = None) -> int:
    """The year that puts month/day nearest the anchor.

    News reports what has happened, so unless the text speaks of the future a date
    ahead of the anchor counts as twice as far, and a month named without a day four
    times as far: "February" in November is the February just past, "December" in
    late November the coming one, "November 15" three days before it this November.
    A weekday given with the date decides. ``future`` is None when the sentence speaks of
    the past ("met on Jan. 26", "visited in December"): then the date is the latest one
    not after the anchor.
    """
    if future is None:  # the sentence speaks of the past: the latest such date not after the anchor
        for year in (anchor.year, anchor.year - 1):
            d = safe_date(year, month, day or 1)
            if d is not None and (d - anchor).days <= 1 and (weekday is None or not day or d.weekday() == weekday):
                return year
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = safe_date(year, month, day or 15)
        if d is None:
            continue
        if weekday is not None and day and d.weekday() != weekday:
            continue
        gap = (d - anchor).days
        cost = abs(gap) * ((2 if day else 4) if gap > (0 if day else 15) and not future else 1)
        if best is None or cost < best[0]:
            best = (cost, year)
    return best[1] if best else anchor.year


def month_of(m: re.Match, group: str = "month") -> int:
    return MONTHS[m.group(group).lower().rstrip(".")]


# --- rules: (match, anchor, future) -> When | None --------------------------------------
def explicit_range(m, anchor, future):
    """"May 10-11", "from August 27 through August 29", "Dec. 30 to Jan. 2, 2025": the days
    from the first to the second."""
    month = month_of(m)
    month2 = month_of(m, "month2") if "month2" in m.re.groupindex else month
    return day_range(m, month, month2, anchor, future)


def day_first_range(m, anchor, future):
    """"10-11 May", "10 to 11 May 2023", "30 August to 2 September": the first day's month is
    the second's when the text names only one."""
    month2 = month_of(m, "month2")
    month = month_of(m) if m.group("month") else month2
    return day_range(m, month, month2, anchor, future)


def day_range(m, month, month2, anchor, future):
    """The interval of a range of days; a year given at the end is the second day's (the first
    day's too unless the range crosses into a new year), else the year nearest the anchor."""
    crosses = month2 < month
    if m.group("year"):
        year, basis = int(m.group("year")) - crosses, "explicit"
    elif anchor:
        year, basis = nearest_year(anchor, month, int(m.group("day")), future), "relative"
    else:
        return None
    s = safe_date(year, month, int(m.group("day")))
    e = safe_date(year + crosses, month2, int(m.group("day2")))
    if not s or not e or e < s or (e - s).days > 62:
        return None
    return When(s, e, "day", basis, text=m.group())


def explicit_day(m, anchor, future):
    month = month_of(m)
    if m.group("year"):
        year, basis = int(m.group("year")), "explicit"
    elif anchor:
        weekday = WEEKDAYS.get((m.group("weekday") or "").lower()) if "weekday" in m.re.groupindex else None
        year, basis = nearest_year(anchor, month, int(m.group("day")), future, weekday), "relative"
    else:
        return None
    d = safe_date(year, month, int(m.group("day")))
    return When(d, d, "day", basis, text=m.group()) if d else None


def iso_day(m, anchor, future):
    d = safe_date(int(m.group("year")), int(m.group("m")), int(m.group("d")))
    return When(d, d, "day", "explicit", text=m.group()) if d else None


def month_year(m, anchor, future):
    s, e = month_span(int(m.group("year")), month_of(m))
    return When(s, e, "month", "explicit", text=m.group())


def bare_month(m, anchor, future):
    if not anchor:
        return None
    month = month_of(m)
    s, e = month_span(nearest_year(anchor, month, None, future), month)
    return When(s, e, "month", "relative", text=m.group())


def shifted_month(m, anchor, future):
    """"last June", "next March", "this April"."""
    if not anchor:
        return None
    month, which = month_of(m), m.group("which").lower()
    year = anchor.year
    if which == "last":
        year -= month >= anchor.month
    elif which == "next":
        year += month <= anchor.month
    s, e = month_span(year, month)
    return When(s, e, "month", "relative", text=m.group())


def month_of_year_rel(m, anchor, future):
    """"in October last year", "on March 3 of this year", "January 26th, 27th of this year":
    the month (or the day, or the days) in the year the phrase names."""
    if not anchor:
        return None
    which = re.sub(r"\s+", " ", m.group("which").lower())
    year = anchor.year + {"last": -1, "the previous": -1, "next": 1}.get(which, 0)
    month = month_of(m)
    if not m.group("day"):
        s, e = month_span(year, month)
        return When(s, e, "month", "relative", text=m.group())
    s = safe_date(year, month, int(m.group("day")))
    e = safe_date(year, month, int(m.group("day2"))) if "day2" in m.re.groupindex and m.group("day2") else s
    if not s or not e or e < s:
        return None
    return When(s, e, "day", "relative", text=m.group())


def year_only(m, anchor, future):
    y = int(m.group("year"))
    return When(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "explicit", text=m.group())


def day_word(m, anchor, future):
    if not anchor:
        return None
    word = m.group("word").lower()
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    d = anchor + dt.timedelta(days=shift)
    return When(d, d, "day", "relative", text=m.group())


def weekday(m, anchor, future):
    if not anchor:
        return None
    target = WEEKDAYS[m.group("weekday").lower()]
    which = (m.group("which") or "").lower()
    delta = target - anchor.weekday()
    if which == "next" or (not which and future and delta > 0) or (which == "this" and delta > 0):
        d = anchor + dt.timedelta(days=delta if delta > 0 else delta + 7)
    elif which == "last":
        d = anchor + dt.timedelta(days=delta - 7 if delta >= 0 else delta)
    else:
        d = anchor + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    return When(d, d, "day", "relative", text=m.group())


def weekday_range(m, anchor, future):
    """"on Monday and Tuesday", "from Tuesday to Thursday": the days just past (ahead when the
    sentence speaks of the future), the first no later than the second."""
    if not anchor:
        return None
    first, last = WEEKDAYS[m.group("weekday").lower()], WEEKDAYS[m.group("weekday2").lower()]
    if future:
        start = anchor + dt.timedelta(days=(first - anchor.weekday()) % 7)
    else:
        end = anchor - dt.timedelta(days=(anchor.weekday() - last) % 7)
        start = end - dt.timedelta(days=(last - first) % 7)
        return When(start, end, "day", "relative", text=m.group())
    return When(start, start + dt.timedelta(days=(last - first) % 7), "day", "relative", text=m.group())


def weekend(m, anchor, future):
    if not anchor:
        return None
    saturday = anchor + dt.timedelta(days=5 - anchor.weekday())  # a Sunday's weekend began the day before
    which = m.group("which").lower()
    shift = {"last": -7, "next": 7}.get(which, 0)
    # "over the weekend", "the past weekend" read on a weekday: the weekend just gone, unless the
    # sentence speaks of the future ("will meet over the weekend"); late in the week with no past
    # verb, the coming one ("talks are set for over the weekend" on a Friday).
    if anchor.weekday() < 5 and (which == "past" or which == "over the" and future is not True
                                 and (future is None or anchor.weekday() <= 2)):
        shift = -7
    s = saturday + dt.timedelta(days=shift)
    return When(s, s + dt.timedelta(days=1), "weekend", "relative", text=m.group())


def week(m, anchor, future):
    if not anchor:
        return None
    shift = {"last": -7, "next": 7, "previous": -7, "past": -7}.get(m.group("which").lower(), 0)
    s, e = week_of(anchor + dt.timedelta(days=shift))
    return When(s, e, "week", "relative", text=m.group())


def month_rel(m, anchor, future):
    if not anchor:
        return None
    which = m.group("which").lower()
    year, month = anchor.year, anchor.month
    if which in ("last", "previous", "past"):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    elif which == "next":
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    s, e = month_span(year, month)
    return When(s, e, "month", "relative", text=m.group())


def this_week(m, anchor, future):
    """"earlier in the week": the anchor's week, as "earlier this week"."""
    if not anchor:
        return None
    s, e = week_of(anchor)
    return When(s, e, "week", "relative", text=m.group())


def last_days(m, anchor, future):
    """"these two days", "the past three days", "over the last two days": the days up to the
    anchor, the anchor's own day included."""
    if not anchor:
        return None
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else NUMBERS.get(n, 1)
    return When(anchor - dt.timedelta(days=count - 1), anchor, "day", "relative", text=m.group())


def year_rel(m, anchor, future):
    if not anchor:
        return None
    y = anchor.year + {"last": -1, "previous": -1, "past": -1, "next": 1}.get(m.group("which").lower(), 0)
    return When(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative", text=m.group())


def since_year_start(m, anchor, future):
    if not anchor:
        return None
    return When(dt.date(anchor.year, 1, 1), anchor, "day", "relative", text=m.group())


def ago(m, anchor, future):
    """"three days ago" is that day, "three weeks ago" that week, "two months ago" that month.
    "One year ago" / "two years ago" counted exactly is the same day of that year (remarks at
    an anniversary: "one year ago, we met at Woodside"), give or take a day; a year ago with
    a qualifier ("nearly five years ago", "about a year ago") is only that year."""
    if not anchor:
        return None
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else NUMBERS.get(n, 1)
    unit = m.group("unit").lower().rstrip("s")
    approximate = bool(m.group("approx")) or n in ("several", "a few")
    if unit == "year" and not approximate:
        day = safe_date(anchor.year - count, anchor.month, anchor.day) or dt.date(anchor.year - count, anchor.month, 28)
        return When(day - dt.timedelta(days=1), day + dt.timedelta(days=1), "day", "relative", True, m.group())
    if unit == "year":
        y = anchor.year - count
        return When(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative", approximate, m.group())
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 - count
        s, e = month_span(month_index // 12, month_index % 12 + 1)
        return When(s, e, "month", "relative", approximate, m.group())
    days = count * (7 if unit == "week" else 1)
    d = anchor - dt.timedelta(days=days)
    if unit == "week":
        s, e = week_of(d)
        return When(s, e, "week", "relative", approximate, m.group())
    return When(d, d, "day", "relative", approximate, m.group())


# Each rule with the keywords (as KEYWORDS matches them, lower-cased; "digits" for a year's
# digits) one of which every match of it holds: a window is searched only with the rules whose
# keywords it holds, which gives the same matches (a rule's match lies inside one window, and
# KEYWORDS found its keyword there) at a fraction of the searches.
MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RULE_KEYS = [MONTH_KEYS, MONTH_KEYS, MONTH_KEYS, MONTH_KEYS, MONTH_KEYS, MONTH_KEYS, MONTH_KEYS, MONTH_KEYS, ("digits",), MONTH_KEYS,
             MONTH_KEYS, MONTH_KEYS, ("digits",),
             ("today", "tonight", "morning", "afternoon", "evening", "yesterday", "night", "tomorrow"),
             WEEKDAY_KEYS, WEEKDAY_KEYS, ("week",), ("week",), ("mon",), ("year",), ("year",), ("week",), ("ago",),
             ("days",)]
RULES: list[tuple[re.Pattern | Skipping, Callable]] = [(re.compile(p, re.I if flags else 0), f) for p, f, flags in [
    (rf"\b{MONTH}\s+{DAY}{UPTO}{DAY2}\b(?:,?\s+{YEAR})?", explicit_range, False),
    (rf"\b{MONTH}\s+{DAY}{UPTO}{MONTH2}\s+{DAY2}\b(?:,?\s+{YEAR})?", explicit_range, False),
    (rf"\b{DAY}(?:\s+{MONTH})?{UPTO}{DAY2}\s+{MONTH2}(?:,?\s+{YEAR})?\b", day_first_range, False),
    (rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}\b(?:,?\s+{YEAR})?(?!\s*(?:-|–)\s*\d)", explicit_day, False),
    (rf"\b(?:{WEEKDAY},?\s+)?{DAY}\s+{MONTH}(?:,?\s+{YEAR})?\b", explicit_day, False),
    (rf"\bthe\s+{DAY}\s+of\s+{MONTH}(?:,?\s+{YEAR})?\b", explicit_day, False),
    (rf"\b{MONTH}(?:\s+{DAY}(?:\s*(?:,|and|-|–|to)\s*{DAY2}(?:st|nd|rd|th)?)?)?,?\s+(?:of\s+)?"
     rf"(?P<which>(?i:last|this|next|the\s+previous|the\s+same))\s+(?i:year)\b", month_of_year_rel, False),
    (rf"\b{DAY}\s+{MONTH},?\s+(?:of\s+)?(?P<which>(?i:last|this|next|the\s+previous|the\s+same))\s+(?i:year)\b",
     month_of_year_rel, False),
    (r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", iso_day, False),
    (rf"\b(?:(?i:early|mid|late|mid-|earlier in|later in)\s+)?{MONTH}(?:,|\s+of)?\s+{YEAR}\b", month_year, False),
    (rf"\b(?P<which>(?i:last|next|this))\s+{MONTH}\b", shifted_month, False),
    (rf"(?:\b(?i:in|since|by|until|during|from|early|late|mid-|of|for|planned for|scheduled for)\s+|\b(?i:mid)-){MONTH}(?!\.?\s+\d)\b",
     bare_month, False),
    (r"\b(?:(?:in|since|by|during|from|until|through|of|year)\s+(?:(?:early|late|mid)\s+|mid-)?|(?:early|late)\s+|mid-)"
     r"(?P<year>(?:19|20)\d\d)\b(?![-–/]\d)", year_only, True),
    (r"\b(?P<word>today|tonight|this morning|this afternoon|this evening|yesterday|last night|tomorrow)\b", day_word, True),
    (rf"\b(?:(?:on|this past)\s+|(?P<which>last|next|this)\s+)?{WEEKDAY}\b(?!,?\s+{MONTH}\s+\d)(?!,?\s+\d)", weekday, True),
    (rf"\b(?:(?:on|from|between)\s+)?{WEEKDAY}{UPTO}(?P<weekday2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
     rf"(?!,?\s+{MONTH}\s+\d)(?!,?\s+\d)", weekday_range, True),
    (r"\b(?P<which>this|last|next|over the|past)\s+weekend\b", weekend, True),
    (r"\b(?:earlier |later )?(?P<which>last|this|next|previous|past)\s+week(?:'s|’s)?\b(?!end)", week, True),
    (r"\b(?:earlier |later )?(?P<which>last|this|next|previous|past)\s+month(?:'s|’s)?\b", month_rel, True),
    (r"\b(?:earlier |later )?(?P<which>last|this|next|previous|past)\s+year(?:'s|’s)?\b", year_rel, True),
    (r"\bsince the (?:beginning|start) of (?:the|this) year\b", since_year_start, True),
    (r"\b(?:earlier|later)\s+in\s+the\s+week\b", this_week, True),
    (rf"\b(?:{APPROX}\s+)?(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a|an)\s+(?P<unit>years?|months?|weeks?|days?)\s+ago\b", ago, True),
    (r"\b(?:these|the\s+(?:past|last))\s+(?P<n>two|three|four|five|six|seven|[2-7])\s+days\b", last_days, True),
]]
assert len(RULE_KEYS) == len(RULES)
# Each rule's pattern opens with "\\b" (tried at every offset of a window): searched with a scout
# that skips in C to the characters a match can start with (the same matches, a third of the time).
RULES = [(Skipping(p, firsts) if (firsts := leading_class(p)) else p, f) for p, f in RULES]


# "a day later", "the same day", "earlier in the day": a day counted from the last day the
# text named, not from the publication date (news tells a story in order).
SHIFT_WORDS = {"same": 0, "that": 0, "next": 1, "following": 1, "previous": -1, "before": -1, "after": 1,
               "later": 1, "earlier": -1}
# Its matches are words and spaces holding "day": only the stretches of those holding it are
# searched (text.stretches_holding).
FROM_LAST_DAY = re.compile(  # (?=\w): a word starts here; the alternatives are tried only there
    r"\b(?=\w)(?:(?P<n>a|one|two|three|four|five|six|\d)\s+days?\s+(?P<dir>later|earlier|after|before)"
    r"(?(dir)(?!\s+(?!the\b)[a-z]))"
    r"|the\s+(?P<rel>same|next|following|previous)\s+day|the\s+day\s+(?P<rel2>before|after)(?!\s+(?:the|a|an)\b)"
    r"|(?:earlier|later)\s+(?:in\s+the|that)\s+day|that\s+same\s+day)\b", re.I)


DAY_WORD, DAYS_WORD = re.compile(r"\sday"), re.compile(r"\sdays")


def from_last_day(text: str, found: list[TimeMention], start: int, end: int) -> list[TimeMention]:
    """Day references that count from the last day-precise time before them.

    ``found`` is in text order without overlaps, so its ends rise and the last day before a
    reference is found by bisection."""
    days = [t for t in found if t.when.precision == "day"]
    ends = [t.end for t in days]
    out = []
    for m in day_phrases(text, start, end):
        i = bisect.bisect_right(ends, m.start())
        if not i:
            continue
        last = days[i - 1]
        if m.group("n"):
            n = m.group("n").lower()
            count = int(n) if n.isdigit() else NUMBERS.get(n, 1)
            shift = count * SHIFT_WORDS[m.group("dir").lower()]
        else:
            shift = SHIFT_WORDS.get((m.group("rel") or m.group("rel2") or "same").lower(), 0)
        d = last.when.start + dt.timedelta(days=shift)
        basis = "explicit" if last.when.basis == "explicit" else "relative"
        out.append(TimeMention(m.start(), m.end(), When(d, d, "day", basis, text=m.group())))
    return out


def day_phrases(text: str, start: int, end: int) -> Iterator[re.Match]:
    """``FROM_LAST_DAY.finditer(text, start, end)``, searching only the stretches holding "day"."""
    return finditer_holding(FROM_LAST_DAY, text, "day", start=start, end=end)


def day_stretches(text: str, start: int, end: int) -> Iterator[re.Match]:
    """``DURATION.finditer(text, start, end)``, searching only the stretches holding "day"
    (its matches are words, spaces and hyphens)."""
    return finditer_holding(DURATION, text, "day", joiners="-", start=start, end=end)


# "a three-day visit ... ended on Thursday", "two days of talks ... beginning on Friday": a
# stretch of days that a day of the same sentence ends or begins.
DURATION = Skipping(re.compile(r"\b(?P<n>two|three|four|five|six|seven|[2-9])(?:-day\b|\s+days\s+of\b)", re.I),
                    "fFsS\u017ftT2-9")
ENDS = re.compile(r"\b(?:ended|ends|ending|end of|capped|caps|concluded|concludes|concluding|wrapped up|"
                  r"closed|closing|final day|last day)\b", re.I)
BEGINS = re.compile(r"\b(?:began|begins|beginning|started|starts|starting|arrived|opened|opening|first day)\b", re.I)
REACH = 220


def lasting(text: str, found: list[TimeMention], start: int, end: int) -> list[TimeMention]:
    """A stretch of N days ("three-day", "two days of") as an interval: it ends on the day its
    sentence gives when the sentence says it ended there, and begins on it when it began there."""
    days = [t for t in found if t.when.precision == "day" and t.when.start == t.when.end]
    starts = [t.start for t in days]
    out = []
    for m in day_stretches(text, start, end):
        a, b = max(start, m.start() - REACH), min(end, m.end() + REACH)
        breaks = [x.end() for x in SENTENCE_BREAK.finditer(text, a, m.start())]
        a = breaks[-1] if breaks else a
        nxt = SENTENCE_BREAK.search(text, m.end(), b)
        b = nxt.start() if nxt else b
        near = days[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
        if len(near) != 1:
            continue  # none, or several days and no telling which one bounds the stretch
        sentence = text[a:b]
        ends, begins = bool(ENDS.search(sentence)), bool(BEGINS.search(sentence))
        if ends == begins:
            continue
        n = m.group("n").lower()
        count = int(n) if n.isdigit() else NUMBERS[n]
        day = near[0].when.start
        first, last = (day - dt.timedelta(days=count - 1), day) if ends else (day, day + dt.timedelta(days=count - 1))
        out.append(TimeMention(m.start(), m.end() - (len(" of") if m.group().lower().endswith(" of") else 0),
                               When(first, last, "day", near[0].when.basis, text=m.group())))
    return out


# A year in a law's name or citation ("the Trade Act of 1974", "the National Defense
# Authorization Act for Fiscal Year 2024") dates no event. (An executive order's date,
# "Executive Order 14257 of April 2, 2025", is the day it was signed: that stays.)
CITATION = re.compile(r"\b(?:Act|Law|Code|Statute)"
                      r"(?:\s+(?:No\.\s*)?\d[\d-]*)?,?\s+(?:of|dated|for)\s+(?:the\s+)?(?:Fiscal\s+Years?\s+)?$")


def core_start(m: re.Match) -> int:
    """Where the date itself starts in a match that may open with a preposition ("of 1974")."""
    return min((m.start(g) for g in ("weekday", "month", "day", "year") if g in m.re.groupindex and m.start(g) >= 0),
               default=m.start())


def cited(text: str, m: re.Match) -> bool:
    pos = core_start(m)
    return bool(CITATION.search(text[max(0, pos - 60):pos]))


# Words before a time in its sentence that put it ahead of the publication date.
FUTURE_CUE = re.compile(r"\b(?:will|shall|(?:is|are)\s+(?:set|due|expected|scheduled|slated|planned|poised)\s+(?:to|for)|"
                        r"plans?\s+to|intends?\s+to|upcoming|later\s+this)\b|[’']ll\b", re.I)
SENTENCE_BREAK = re.compile(r"[.!?;][\"”’)]*\s+(?=[\"“(]?[A-Z])|\n")
FUTURE_REACH = 160


def speaks_of_future(text: str, pos: int, floor: int) -> bool:
    """Whether a future cue stands before ``pos`` in its sentence ("will meet ... in November")."""
    before = text[max(floor, pos - FUTURE_REACH):pos]
    breaks = list(SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    return bool(FUTURE_CUE.search(before))


# A verb in the past tense just before a time, in its own clause: "met ... on Jan. 26", "visited
# Beijing in December". Participles that announce a plan ("scheduled for", "expected in") are not.
PAST_CUE = re.compile(r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b(?:(?:was|were)(?!\s+(?:planned|scheduled|expected|set|due|slated|"
                      r"supposed|meant|going|about|to)\b)|met|held|spoke|said|told|had|did|took|began|made|sent|won|"
                      r"lost|struck|fell|rose|broke|came|went|flew|left|saw|(?!(?:scheduled|planned|expected|slated|"
                      r"proposed|intended|aimed|billed|hoped|needed|required|designed|tipped|poised|pencil(?:l)?ed)\b)"
                      r"[a-z]{2,}ed)\b")
CLAUSE_OPEN = re.compile(r"[,;:—–(]|\b(?:and|but|while|whereas|although|though|that|which|who)\b")
NOT_PAST = re.compile(r"\b(?:would|will|shall|could|can|may|might|must|should|to|going)\b")
PAST_REACH = 80


def tense_before(text: str, pos: int, floor: int) -> bool | None:
    """True when the sentence speaks of the future before ``pos``; None when a verb of its clause
    just before ``pos`` is in the past tense (and no future cue stands before it); else False."""
    if speaks_of_future(text, pos, floor):
        return True
    before = text[max(floor, pos - PAST_REACH):pos]
    cut = [m.end() for m in SENTENCE_BREAK.finditer(before)] + [m.end() for m in CLAUSE_OPEN.finditer(before)]
    if cut:
        before = before[max(cut):]
    past = [m.end() for m in PAST_CUE.finditer(before)]
    if not past:
        return False
    other = [m.end() for m in NOT_PAST.finditer(before)]  # "said talks would be held on ..."
    return None if not other or past[-1] > other[-1] else False


# Every rule needs one of these words or a year, so only the stretches around them are searched.
# (?=\w): only where a word starts is the long alternation tried (twice as fast, same matches).
KEYWORD_WORDS = (r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|"
                 r"today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|week|weekend|month|"
                 r"year|ago|days|(?:19|20)\d\d")
# The same matches as r"\b(?=\w)(?:KEYWORD_WORDS)" with re.I, as group 1: the scan stops only at a
# word's first letter that a keyword can open with (a case-blind pattern cannot skip ahead), and
# the look-behind steps back over that letter to match the keyword from it. (Keywords lie inside
# one word, so these matches never overlap, as a plain scan's would not.)
KEYWORDS = re.compile(r"[JFMASONDTWYEjfmasondtwye12](?<!\w.)(?<=(?=((?i:" + KEYWORD_WORDS + "))).)")
# The same matches again (group 1), found faster where the keywords are plain words: an
# automaton pass over the lower-cased text gives the places where one stands, and the pattern
# is matched only there (text.WordPlaces; a year is looked for where "19" or "20" stands).
KEYWORD_AT = re.compile(r"\b(?=\w)((?i:" + KEYWORD_WORDS + "))")
_PLAIN_KEYWORDS = KEYWORD_WORDS.replace(r"(?:19|20)\d\d", "19|20").split("|")
KEYWORD_PLACES = WordPlaces(_PLAIN_KEYWORDS) if all(re.fullmatch(r"\w+", w) for w in _PLAIN_KEYWORDS) else None
WINDOW_BEFORE, WINDOW_AFTER = 45, 70


def keywords(text: str, start: int, end: int) -> Iterator[re.Match]:
    """``KEYWORDS.finditer(text, start, end)``, from the keywords' places where they can be told
    so (a text with a long s, which KEYWORDS does not take for an "s", is scanned)."""
    if KEYWORD_PLACES is not None and KEYWORD_PLACES.places(text) is not None:
        return KEYWORD_PLACES.finditer(KEYWORD_AT, text, start, end)
    return KEYWORDS.finditer(text, start, end)


def windows(text: str, start: int, end: int) -> list[tuple[int, int, list]]:
    """Disjoint stretches of text around the words a time expression needs, each with the
    rules worth searching it with (those whose keywords it holds), in table order."""
    spans: list[list] = []
    for m in keywords(text, start, end):
        a, b = max(start, m.start(1) - WINDOW_BEFORE), min(end, m.end(1) + WINDOW_AFTER)
        word = m.group(1)
        key = "digits" if word[0].isdigit() else word.lower()
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
            spans[-1][2].add(key)
        else:
            spans.append([a, b, {key}])
    rules_for = _rules_for()
    out = []
    for a, b, keys in spans:
        keys = frozenset(keys)
        rules = rules_for.get(keys)
        if rules is None:
            if len(rules_for) >= 4096:
                rules_for.clear()
            rules = rules_for[keys] = [rule for rule, needs in zip(RULES, RULE_KEYS) if keys.intersection(needs)]
        out.append((a, b, rules))
    return out


_RULES_FOR: list = [None, None, {}]  # (RULE_KEYS and RULES as it was worked out for, {window's keywords: its rules})


def _rules_for() -> dict[frozenset, list]:
    """The rules a window with those keywords is searched with, kept for the process (a few
    hundred sets of keywords come up), worked out again if RULE_KEYS or RULES is another list."""
    if _RULES_FOR[0] is not RULE_KEYS or _RULES_FOR[1] is not RULES:
        _RULES_FOR[:] = [RULE_KEYS, RULES, {}]
    return _RULES_FOR[2]


def find_times(text: str, anchor: dt.date | None, start: int = 0, end: int | None = None,
               future: bool = False) -> list[TimeMention]:
    """Every time expression in ``text[start:end]``, resolved; the longest wins where they overlap."""
    end = len(text) if end is None else end
    found: list[TimeMention] = []
    for a, b, rules in windows(text, start, end):
        for pattern, rule in rules:
            for m in pattern.finditer(text, a, b):
                if cited(text, m):
                    continue
                when = rule(m, anchor, future or tense_before(text, m.start(), start))
                if when is not None:
                    found.append(TimeMention(m.start(), m.end(), when))
    found = longest_first({(t.start, t.end): t for t in found}.values())
    # Every day reference counted from another has a space and "day" in it ("a day later", "the
    # same day"), and every stretch of days "-day" or a space and "days": a text with neither is
    # not scanned for them (a plain search finds them in a fraction of the scan's time).
    low = lowered(text) if start == 0 and end == len(text) else text[start:end].lower()
    later = from_last_day(text, found, start, end) if DAY_WORD.search(low) else []
    if later:
        found = longest_first(found + later)
    spans = lasting(text, found, start, end) if "-day" in low or DAYS_WORD.search(low) else []
    if spans:
        found = longest_first(found + spans)
    return found


def publication(anchor: dt.date) -> When:
    """The publication day standing in for a time the text does not give."""
    return When(anchor, anchor, "day", "publication", text="")
