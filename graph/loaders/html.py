"""HTML pages: the main text and metadata, without the page's boilerplate.

trafilatura finds the article body (dropping navigation, footers, scripts)
and its metadata; when it finds nothing, lxml's text of the page, minus
scripts and page chrome, stands in. Nothing is fetched from the network: the
page's own bytes are all that is read.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import BinaryIO, Iterator

import lxml.etree
import lxml.html
import trafilatura

from graph.errors import InputError
from graph.loaders._common import (OnError, declared_encoding, decode, html_to_text,
                                   load_file, make_article, no_text, parse_date,
                                   read_all, report, text_id, tidy)
from graph.model import Article

# trafilatura logs every page it finds thin; the loader reports what matters.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_DATE_OPTIONS = {"original_date": True, "extensive_search": True}

# The most text one article may have, in millions of characters (None: the extractor's default);
# `uscn ingest --max-article-size` sets it. A page whose markup, less tags, scripts and styles,
# holds more than twice that is refused before trafilatura reads it: trafilatura takes about
# 1.1 s of CPU and 40 bytes of memory per byte of markup (a 100 MB page: 184 s, 4 GB), and the
# extractor would refuse the text anyway. Twice: trafilatura keeps only the main text.
MAX_TEXT_MB: float | None = None
_NOT_TEXT = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def _far_too_long(markup: str, label: str) -> InputError | None:
    """The size error for a page whose visible text is far over the limit, else None."""
    if MAX_TEXT_MB is None:
        from graph.extract import MAX_ARTICLE_MB as limit
    else:
        limit = MAX_TEXT_MB
    if len(markup) <= 2 * limit * 1e6:          # text is never longer than its markup
        return None
    rough = len(_SPACE.sub(" ", _NOT_TEXT.sub(" ", markup)))
    if rough <= 2 * limit * 1e6:
        return None
    return InputError(label, f"has about {rough / 1e6:.1f} MB of text, more than the {limit:g} MB one article "
                      "may have", "split it into several articles, or raise the limit with --max-article-size")


def load(path: str | Path, on_error: OnError | None = None) -> Iterator[Article]:
    """The one Article of an HTML file (none if it is unreadable or has no text)."""
    return load_file(read, path, on_error)


def read(stream: BinaryIO, label: str, stem: str | None = None,
         on_error: OnError | None = None) -> Iterator[Article]:
    """The one Article of an HTML page read from a binary stream."""
    data = read_all(stream, label, on_error)
    if data is None:
        return
    try:
        article = parse(decode(data, label, declared_encoding(data)), label, stem)
    except InputError as exc:
        report(exc, on_error)
        return
    yield article


def parse(markup: str, label: str, stem: str | None = None) -> Article:
    """An Article from a decoded page; raises InputError when it has no text."""
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    too_long = _far_too_long(markup, label)
    if too_long:
        raise too_long
    found = _extract(markup)
    title = found.get("title") or _page_title(markup)
    text = _without_title(tidy(found.get("text") or "") or html_to_text(markup), title)
    if not text:
        raise no_text(label, "has no text trafilatura or lxml can find")
    return make_article(
        stem or text_id(None, text), text, label, title=title,
        published=parse_date(found.get("date") or ""),
        source=found.get("sitename"),
        url=found.get("url"))


def _extract(markup: str) -> dict:
    """trafilatura's main text (paragraphs a blank line apart) and metadata.

    Empty when trafilatura finds nothing or fails on odd markup; the caller
    then falls back to lxml.
    """
    try:
        document = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=_DATE_OPTIONS)
    except Exception:  # trafilatura raises assorted errors on broken pages
        return {}
    if not document:
        return {}
    found = document.as_dict()
    return {**found, "text": (found.get("text") or "").replace("\n", "\n\n")}


def _without_title(text: str, title: str | None) -> str:
    """The text without a first paragraph that only repeats the title.

    The headline is kept in ``title``, as the text loader does, so the body
    starts with its first paragraph (and any dateline there is found).
    """
    first, _, rest = text.partition("\n\n")
    if title and rest and " ".join(first.split()).lower() == " ".join(title.split()).lower():
        return rest
    return text


def _page_title(markup: str) -> str | None:
    """The page's <title>, for when trafilatura gives none."""
    try:
        title = lxml.html.fromstring(markup).findtext(".//title")
    except (lxml.etree.ParserError, ValueError):
        return None
    return " ".join((title or "").split()) or None
