"""Checks on every Article a loader made: what is odd but still readable.

A loader builds an Article from what the input says; these checks repair what
can be repaired and say so, as :class:`~graph.errors.InputWarning` values
handed to the same ``on_error`` as the loaders' errors:

- a ``url`` that is not a valid IRI is percent-encoded, or kept as text when
  it cannot be; a script URL (``javascript:``) is dropped;
- a publication date after today is kept and flagged;
- a text that is not English is flagged, since only English is read;
- an id met twice in one run is flagged with both places (the later record
  replaces the earlier one in the store).

None of them rejects an article.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections import Counter
from typing import Callable, Iterable, Iterator
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from graph.errors import InputWarning
from graph.model import Article

Warn = Callable[[InputWarning], None]

SCRIPT_SCHEMES = ("javascript", "vbscript", "data")
"""URL schemes that run or embed code instead of naming a page: never kept."""

# RFC 3986 characters that may stand unencoded in each part (``%`` is handled apart).
_SUB_DELIMS = "!$&'()*+,;="
_PATH_SAFE = _SUB_DELIMS + ":@/"
_QUERY_SAFE = _PATH_SAFE + "?"
_BROKEN_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def where(origin: str) -> tuple[str, int | None]:
    """(path, line) of an Article's origin ("path" or "path:line")."""
    path, sep, tail = origin.rpartition(":")
    if sep and tail.isdigit():
        return path, int(tail)
    return origin, None


def warning(article: Article, problem: str, fix: str = "") -> InputWarning:
    path, line = where(article.origin or article.id)
    return InputWarning(path, problem, fix, line=line)


# --- URLs ------------------------------------------------------------------

def is_iri(value: str) -> bool:
    """Whether the store accepts ``value`` as an absolute IRI."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return bool(_SCHEME.match(value))


def _encode(part: str, safe: str) -> str:
    """A URL part with every character that may not stand there percent-encoded;
    a well-formed ``%XX`` is kept, a stray ``%`` becomes ``%25``."""
    return quote(_BROKEN_PERCENT.sub("%25", part), safe=safe + "%")


def repair_url(url: str) -> str | None:
    """``url`` percent-encoded into a valid IRI, or None when no encoding makes one.

    Tabs and line breaks inside are dropped, as browsers do; spaces, quotes,
    angle and curly brackets, bars and non-ASCII are percent-encoded in the
    path, query and fragment.

    >>> repair_url('https://example.com/a b/"q"?x={1}|2#top')
    'https://example.com/a%20b/%22q%22?x=%7B1%7D%7C2#top'
    >>> repair_url("no scheme here") is None
    True
    """
    url = re.sub(r"[\t\r\n]", "", url.strip())
    if is_iri(url):
        return url
    if not _SCHEME.match(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    fixed = urlunsplit((parts.scheme, parts.netloc, _encode(parts.path, _PATH_SAFE),
                        _encode(parts.query, _QUERY_SAFE), _encode(parts.fragment, _QUERY_SAFE)))
    return fixed if is_iri(fixed) else None


def checked_url(article: Article, warn: Warn) -> Article:
    """The article with a URL the store can hold as an IRI, or one kept as text.

    A script URL is dropped; a URL that no encoding makes valid stays as the
    text it was (the RDF stage writes it as a literal) - both with a warning.
    """
    url = article.url
    if not url:
        return article
    scheme = re.sub(r"[\x00-\x20]", "", url.split(":", 1)[0]).lower() if ":" in url else ""
    if scheme in SCRIPT_SCHEMES:
        warn(warning(article, f"has a {scheme}: URL, which is not the address of a page; it was dropped",
                     'give the page\'s http(s) address in "url"'))
        return dataclasses.replace(article, url=None)
    if is_iri(url):
        return article
    fixed = repair_url(url)
    shown = url if len(url) <= 80 else url[:77] + "..."
    if fixed is not None:
        warn(warning(article, f"has a URL that is not a valid IRI ({shown!r}); it was stored percent-encoded",
                     "encode spaces, quotes and brackets in URLs"))
        return dataclasses.replace(article, url=fixed)
    warn(warning(article, f"has a URL that cannot be made a valid IRI ({shown!r}); it was kept as text",
                 'give a full address such as "https://example.com/page" in "url"'))
    return article


# --- dates -----------------------------------------------------------------

def checked_date(article: Article, warn: Warn, today: dt.date | None = None) -> Article:
    """Flag a publication date after today (kept: it may be a typo or an embargo)."""
    today = today or dt.date.today()
    if article.published and article.published > today:
        warn(warning(article, f"is dated {article.published.isoformat()}, after today ({today.isoformat()})",
                     "check its publication date"))
    return article


# --- language --------------------------------------------------------------

_ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on with as by at from was it be are said has have not this "
    "an or will its which were their also had but been they he she we".split())
MIN_WORDS = 20
LANGUAGE_SAMPLE = 200_000
"""Characters of a text that :func:`english_share` reads."""
"""Texts shorter than this are too short to judge their language."""
_ASCII = re.compile(r"[\x00-\x7f]+")


def english_share(text: str) -> tuple[float, str]:
    """How English a text looks (0..1) and what else it is written in.

    Letters outside the Latin script count against English, and among Latin
    words, the share of the commonest English function words (about a third
    of running English, near none of French, German or Spanish).
    """
    # Counted in C (filter, join, Counter) rather than by a Python loop over every character,
    # which took seconds a megabyte; the figures are the same. A long text is judged by its
    # opening: plenty to tell a language, and a huge input costs no more than that.
    text = text[:LANGUAGE_SAMPLE]
    letters = "".join(filter(str.isalpha, text))
    if not letters:
        return 1.0, ""
    foreign = {c: n for c, n in Counter(_ASCII.sub("", letters)).items() if "LATIN" not in unicodedata.name(c, "")}
    latin = len(letters) - sum(foreign.values())
    if latin < len(letters) / 2:
        scripts: dict[str, int] = {}
        for c, n in foreign.items():
            script = unicodedata.name(c, "OTHER").split()[0]
            scripts[script] = scripts.get(script, 0) + n
        main = max(scripts, key=scripts.get).title()
        return latin / len(letters), {"Cjk": "Chinese/Japanese", "Hangul": "Korean"}.get(main, main)
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < MIN_WORDS:
        return 1.0, ""
    return min(1.0, 4 * sum(map(_ENGLISH_WORDS.__contains__, words)) / len(words)), "another language"


def checked_language(article: Article, warn: Warn) -> Article:
    """Flag a text that is not in English: extraction reads only English."""
    share, other = english_share(article.text)
    if share < 0.4:
        warn(warning(article, f"does not look like English (mostly {other}); uscn reads only English, "
                     "so little or nothing will be found in it", "give an English text or translation"))
    return article


# --- all of them -----------------------------------------------------------

def checked(article: Article, warn: Warn) -> Article:
    """The article after every per-article check, each oddity passed to ``warn``."""
    for check in (checked_url, checked_date, checked_language):
        article = check(article, warn)
    return article


def unique_ids(articles: Iterable[Article], warn: Warn) -> Iterator[Article]:
    """Pass the articles on, flagging an id met before with both places."""
    seen: dict[str, str] = {}
    for article in articles:
        first = seen.setdefault(article.id, article.origin)
        if first != article.origin:
            warn(warning(article, f"has the id {article.id!r} that {first} also has; "
                         "this record replaces that one in the store",
                         "give each record its own id"))
            seen[article.id] = article.origin
        yield article
