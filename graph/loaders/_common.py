"""What every loader shares: reporting bad input, decoding bytes, reading dates, tidying text.

Loaders never decide what happens to a bad file or record: they build an
``InputError`` and hand it to :func:`report`, which calls the caller's
``on_error`` (and carries on) or raises when there is none.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import re
import warnings
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

import charset_normalizer
import lxml.etree
import lxml.html

from graph.errors import InputError, InputWarning
from graph.model import Article

OnError = Callable[[InputError | InputWarning], None]
"""Receives each bad file or record, and each warning; loaders keep going after it returns."""

Reader = Callable[..., Iterator[Article]]

STDIN = "<stdin>"
"""The path named in origins and messages for standard input."""


def report(error: InputError | InputWarning, on_error: OnError | None) -> None:
    """Hand a bad file or record to ``on_error``, or raise it when there is none.

    Raising by default means nothing is skipped silently; a caller that wants
    to load what it can passes a callback that collects or logs. A warning
    (the input is still read) goes to :func:`warnings.warn` when there is no
    ``on_error``.
    """
    if on_error is not None:
        on_error(error)
    elif isinstance(error, InputWarning):
        warnings.warn(str(error), stacklevel=2)
    else:
        raise error


def unreadable(path: str, exc: OSError) -> InputError:
    """The error for a file the operating system will not give us."""
    reason = exc.strerror or exc.__class__.__name__
    return InputError(path, f"cannot be read ({reason})",
                      "check that it exists and is readable")


def load_file(reader: Reader, path: str | Path, on_error: OnError | None,
              **options) -> Iterator[Article]:
    """Open ``path`` in binary and stream ``reader``'s Articles from it.

    Every loader's ``load`` goes through here, so a missing or unreadable
    file is reported the same way whatever its kind.
    """
    label = str(path)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        report(unreadable(label, exc), on_error)
        return
    with stream:
        try:
            if _is_blank(stream):
                report(no_text(label, "is empty"), on_error)
                return
            yield from reader(stream, label, Path(path).stem, on_error, **options)
        except OSError as exc:
            report(unreadable(label, exc), on_error)


BLANK_PEEK = 65536
"""A file whose first bytes are all blank and end here is empty, whatever its kind."""


def _is_blank(stream: BinaryIO) -> bool:
    """Whether a file holds nothing but whitespace (and a BOM); the stream is rewound.

    An empty file reads the same whatever its suffix: JSON Lines, a feed or a
    page with nothing in it is reported like an empty text file.
    """
    head = stream.read(BLANK_PEEK)
    stream.seek(0)
    if len(head) == BLANK_PEEK:
        return False
    for bom, _ in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    return not head.strip(b" \t\r\n\x00")


def built_or_reported(build, on_error: OnError | None) -> Iterator[Article]:
    """Yield the Article ``build`` makes, or report the InputError it raises.

    Only building sits inside the ``try``, so an error raised by ``on_error``
    itself (the default re-raise) is never caught and reported twice.
    """
    try:
        article = build()
    except InputError as exc:
        report(exc, on_error)
        return
    yield article


def read_all(stream: BinaryIO, label: str, on_error: OnError | None) -> bytes | None:
    """All bytes of a stream, or None after reporting why they cannot be read."""
    try:
        return stream.read()
    except OSError as exc:
        report(unreadable(label, exc), on_error)
        return None


# --- streams ---------------------------------------------------------------

class _Replay(io.RawIOBase):
    """A binary stream that first replays bytes already read from another.

    Standard input cannot seek, so to sniff its kind and encoding we read a
    head, then hand on this stream, which gives the head and then the rest.
    """

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        read = getattr(self._rest, "read1", self._rest.read)
        data = read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def replay(head: bytes, rest: BinaryIO) -> BinaryIO:
    """A buffered stream giving ``head`` and then what is left of ``rest``."""
    return io.BufferedReader(_Replay(head, rest))


# --- encodings -------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# Web pages labelled Latin-1 or ASCII are cp1252 in practice (the WHATWG rule).
_WEB_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}


def declared_encoding(head: bytes) -> str | None:
    """The charset a page or feed declares in its first bytes, if Python knows it."""
    match = _DECLARED.search(head[:2048])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def _is_utf8(data: bytes, complete: bool) -> bool:
    """Whether bytes are UTF-8; a head cut mid-character still counts."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (not complete and exc.reason == "unexpected end of data"
                and exc.start >= len(data) - 3)
    return True


def _decodes(data: bytes, encoding: str) -> bool:
    """Whether ``encoding`` decodes the bytes without error."""
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _guess(data: bytes) -> str | None:
    """charset-normalizer's guess, preferring cp1252 when it decodes as cleanly.

    On short Western text the single-byte code pages (cp1250, cp1252, cp775,
    cp850 ...) all decode without mess and the language scores that rank them
    rest on a handful of letters; English news is far likelier to be cp1252
    (which covers Latin-1), so it wins among the cleanest decodings.
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    cleanest = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= cleanest and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return matches[0].encoding


def detect_encoding(head: bytes, complete: bool = True,
                    declared: str | None = None) -> str | None:
    """Name the codec of some bytes: a BOM first, then UTF-8 when valid,
    then a charset the document declares, then charset-normalizer's guess.

    ``complete`` is False when ``head`` is only the start of a longer input.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if _is_utf8(head, complete):
        return "utf-8"
    if declared and _decodes(head, declared):
        return declared
    return _guess(head)


def decode(data: bytes, label: str, declared: str | None = None) -> str:
    """Bytes to text in their detected encoding; raises InputError when none fits."""
    encoding = detect_encoding(data, True, declared)
    if encoding is None:
        raise InputError(label, "is not text in any encoding uscn can recognise",
                         "save it as UTF-8 text")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(label, f"cannot be decoded as {encoding} ({exc.reason} "
                         f"at byte {exc.start})", "save it as UTF-8 text") from None


# --- dates -----------------------------------------------------------------

_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december")
_PREFIX = re.compile(r"^(?:(?:last\s+)?updated|published|posted|date)(?:\s+on)?\s*:?\s*", re.I)
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
                      r"(?:day|sday|nesday|rsday|urday)?\.?,?\s+", re.I)
_TIME = re.compile(r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?|\s+\d{1,2}\s*[ap]\.?m\.?)\b.*$", re.I)
_ORD = r"(?:st|nd|rd|th)?"
_NUMERIC = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?")
_MONTH_FIRST = re.compile(rf"([A-Za-z]{{3,9}})\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})")
_DAY_FIRST = re.compile(rf"(\d{{1,2}}){_ORD}\s+([A-Za-z]{{3,9}})\.?,?\s+(\d{{4}})")


def _month(word: str) -> int | None:
    """1-12 for a month name or its abbreviation ("Jun", "Sept"), else None."""
    word = word.lower()
    for number, name in enumerate(_MONTHS, 1):
        if len(word) >= 3 and name.startswith(word):
            return number
    return None


def _ymd(year: str, month: int | str | None, day: str) -> dt.date | None:
    """A date from parts, or None when they do not make one (June 31)."""
    try:
        return dt.date(int(year), int(month), int(day)) if month else None
    except ValueError:
        return None


#: No date with its weekday, prefix and time runs longer than this.
MAX_DATE_CHARS = 120


def parse_date(value: str) -> dt.date | None:
    """The calendar date a string names, or None when it names none.

    Reads ISO dates and datetimes ("2023-06-14", "2023-06-14T10:00:00Z"),
    "June 14, 2023", "14 June 2023", "Jun 14 2023", each with or without a
    weekday, a "Published:" prefix or a trailing time (so RFC 2822 feed dates
    too). The whole string must be the date, so a sentence never passes.
    The date is taken as written, not moved to UTC: it is the publisher's day.
    """
    text = value.strip()
    if len(text) > MAX_DATE_CHARS:     # a paragraph, not a date (and a huge one costs seconds to scan)
        return None
    text = _PREFIX.sub("", text)
    text = _WEEKDAY.sub("", text)
    if m := _NUMERIC.fullmatch(text):
        return _ymd(m[1], m[2], m[3])
    text = _TIME.sub("", text).strip()
    if m := _MONTH_FIRST.fullmatch(text):
        return _ymd(m[3], _month(m[1]), m[2])
    if m := _DAY_FIRST.fullmatch(text):
        return _ymd(m[3], _month(m[2]), m[1])
    return None


# --- text tidying ----------------------------------------------------------

_SHARE_WORDS = frozenset(
    "share shares tweet email e-mail mail print facebook twitter whatsapp linkedin "
    "pinterest reddit telegram messenger copy link comment comments save".split())
_SHARE_FILLER = frozenset("this article story on via page the to".split())
_SHARE_TOKEN = re.compile(r"[^\s|·•,/]+")


def is_share_residue(line: str) -> bool:
    """Whether a line is only share-button residue ("icon-facebook icon-twitter", "Share | Tweet")."""
    found = False
    for m in _SHARE_TOKEN.finditer(line):  # stops at the first word that is neither: a long line costs little
        t = m.group().lower().rstrip(":")
        if t.startswith("icon-") or t in _SHARE_WORDS:
            found = True
        elif t not in _SHARE_FILLER:
            return False
    return found


def tidy(text: str) -> str:
    """Plain text with share residue dropped and paragraphs one blank line apart.

    Lines inside a paragraph are kept as they are (only trailing spaces go),
    so list items and verse survive; runs of blank lines become one.
    """
    paragraphs, current = [], []
    for line in text.splitlines():
        line = line.rstrip()
        if is_share_residue(line):
            continue
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "footer", "header",
              "aside", "form", "iframe", "svg", "button", "head")
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article "
    "main dd dt dl figcaption figure hr".split())


def html_to_text(markup: str) -> str:
    """Plain-text paragraphs from HTML, without scripts, styles or page chrome.

    Used for feed entry bodies and as the fallback when trafilatura finds no
    main text: every block element starts a paragraph, other whitespace
    collapses to single spaces.
    """
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    if not markup.strip():
        return ""
    try:     # huge_tree: past 10 MB in one text node libxml2 stops and nothing would be read
        root = lxml.html.fromstring(markup, parser=lxml.html.HTMLParser(huge_tree=True))
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in [e for e in root.iter(*_DROP_TAGS) if e is not root]:
        element.drop_tree()
    for element in root.iter(lxml.etree.Element):
        if element.tag in _BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    blocks = (" ".join(block.split()) for block in root.text_content().split("\n\n"))
    return "\n\n".join(block for block in blocks if block)


# --- datelines -------------------------------------------------------------

_PLACE_WORD = r"[A-Z][A-Z'.\-]*[A-Z.]"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})"   # WASHINGTON, HONG KONG
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"          # , Taiwan / , Calif.
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"                   # , June 14
    r"(?:\s*\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?"           # (Reuters)
    r"(?P<sep>:|\s+--?|\s+–|\s*—)\s*(?=\S)")                    # : / - / – / —
_NOT_PLACES = frozenset(
    "UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS OPINION EDITORIAL NOTE WATCH LIVE VIDEO "
    "PHOTOS CORRECTION FILE FACT SHEET BACKGROUND TRANSCRIPT SUMMARY Q A MR MS MRS DR "
    "PRESIDENT SECRETARY SPEAKER MODERATOR AND OF TO FOR WITH FROM ON IN AT BY AN".split())


def title_case(place: str) -> str:
    """A capitalised place in title case: HONG KONG -> Hong Kong, XI'AN -> Xi'an."""
    return re.sub(r"[A-Za-z][A-Za-z']*", lambda m: m.group().capitalize(), place)


def dateline_place(text: str) -> str | None:
    """The place of a dateline opening the text ("WASHINGTON:", "BEIJING (Reuters) -").

    The place must be one to three all-capital words, and one or two with a
    bare colon, so the capitalised headings of fact sheets ("SECURING
    ANOTHER HISTORIC DEAL:") and speaker labels ("MR. SULLIVAN:") do not pass.
    """
    match = _DATELINE.match(text.lstrip())
    if not match:
        return None
    words = re.findall(r"[A-Z']+", match["place"])
    if sum(map(len, words)) < 3 or any(w in _NOT_PLACES for w in words):
        return None
    if match["sep"] == ":" and not match["agency"] and len(words) > 2:
        return None
    return title_case(match["place"])


# --- articles --------------------------------------------------------------

def text_id(stem: str | None, text: str) -> str:
    """A stable id for a record that has none: its file stem and a hash of its text.

    A hash rather than a line number keeps the id when records are reordered,
    and keeps records read from standard input from colliding across runs.
    """
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return f"{stem or 'stdin'}-{digest}"


def make_article(id: str, text: str, origin: str, **metadata) -> Article:
    """An Article with its dateline place filled in from the text."""
    return Article(id=id, text=text, origin=origin,
                   place=dateline_place(text), **metadata)


def no_text(label: str, what: str = "has no text", line: int | None = None) -> InputError:
    """The error for an input with nothing to extract from."""
    return InputError(label, what, "add the article text or remove it from the input",
                      line=line)
