"""Loaders on real files: the seed article, White House records, built pages and feeds."""
from __future__ import annotations

import datetime as dt
import io
import json
import socket
import sys
from pathlib import Path

import pytest

from graph import loaders
from graph.errors import (ExtractionError, InputError, QueryError, StoreError,
                          UscnError)
from graph.loaders import feed, html, jsonl, text

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_6ff26e526b4dd854.txt"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "whitehouse.jsonl"

SEED_TITLE = "US Confirms Blinken Trip to China to \u2018Responsibly Manage\u2019 Tense Ties"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Blinken to Visit Beijing | Example News</title>
<link rel="canonical" href="https://news.example.com/2023/06/14/blinken-beijing">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-06-14T08:00:00Z">
<script>var tracking = "SECRET-TRACKER";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe now for unlimited access</a></li></ul></nav>
<article><h1>Blinken to Visit Beijing</h1>
<p>WASHINGTON: US Secretary of State Antony Blinken will visit Beijing this weekend,
the State Department said on Wednesday, in the first such trip in five years.</p>
<script>document.write("INLINE-SCRIPT-TEXT");</script>
<p>Blinken spoke with Chinese Foreign Minister Qin Gang by telephone ahead of the
visit, officials said, and discussed areas of concern and of cooperation.</p>
<p>The trip had been planned for February but was cancelled after a Chinese
balloon crossed the continental United States.</p>
</article>
<footer><p>Copyright 2023 Example News. All rights reserved. Privacy policy.</p></footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Example Wire</title><link>https://wire.example.com/</link><description>World news</description>
<item>
  <title>China protests new US sanctions</title>
  <link>https://wire.example.com/2023/06/13/sanctions</link>
  <guid>https://wire.example.com/2023/06/13/sanctions</guid>
  <pubDate>Tue, 13 Jun 2023 21:30:00 -0500</pubDate>
  <description><![CDATA[<p>BEIJING (Reuters) - China lodged a protest on Tuesday over
  new US sanctions.</p><p>The foreign ministry said <b>Washington</b> must stop.</p>
  <script>alert("x")</script>]]></description>
</item>
<item>
  <title>Headline only</title>
  <link>https://wire.example.com/2023/06/14/headline</link>
</item>
<item>
  <title>Sullivan meets Wang Yi in Vienna</title>
  <link>https://wire.example.com/2023/05/11/vienna</link>
  <pubDate>Thu, 11 May 2023 09:00:00 GMT</pubDate>
  <description>US national security adviser Jake Sullivan met Wang Yi in Vienna.</description>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Embassy News</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2023-06-19T12:00:00Z</updated>
  <entry>
    <title>Blinken meets Xi Jinping in Beijing</title>
    <link href="https://embassy.example.org/news/blinken-xi"/>
    <id>tag:embassy.example.org,2023:blinken-xi</id>
    <published>2023-06-19T18:00:00+08:00</published>
    <updated>2023-06-20T09:00:00+08:00</updated>
    <content type="html">&lt;p&gt;Secretary Blinken met President Xi Jinping in the
      Great Hall of the People.&lt;/p&gt;&lt;p&gt;Both sides agreed to stabilise ties.&lt;/p&gt;</content>
  </entry>
</feed>
"""


@pytest.fixture
def no_network(monkeypatch):
    """Fail any test that tries to open a network connection."""
    def refuse(*args, **kwargs):
        raise AssertionError("a loader tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def collect(source, **kwargs):
    """All Articles and all reported errors of one input."""
    errors: list[InputError] = []
    return list(loaders.load(source, on_error=errors.append, **kwargs)), errors


# --- errors ----------------------------------------------------------------

def test_errors_share_one_root_and_input_error_names_where_and_what_to_do():
    for kind in (InputError, StoreError, QueryError, ExtractionError):
        assert issubclass(kind, UscnError)
    error = InputError("a.jsonl", "is not valid JSON (Expecting ',' delimiter: column 18)",
                       "fix or remove that line", line=3)
    assert error.origin == "a.jsonl:3"
    assert str(error) == ("a.jsonl: line 3 is not valid JSON (Expecting ',' delimiter: "
                          "column 18); fix or remove that line")
    assert InputError("a.txt", "has no text", "add it").origin == "a.txt"


# --- text ------------------------------------------------------------------

def test_seed_text_file_gives_title_date_place_and_clean_paragraphs():
    [article] = text.load(SEED)
    assert article.id == "000_6ff26e526b4dd854"
    assert article.origin == str(SEED)
    assert article.title == SEED_TITLE
    assert article.published == dt.date(2023, 6, 14)
    assert article.place == "Washington"
    assert article.text.startswith(
        "WASHINGTON: US Secretary of State Antony Blinken is set to visit Beijing")
    assert article.text.endswith("while criticizing US policy on Cuba.")
    assert "icon-" not in article.text and "Wed Jun 14 2023" not in article.text
    assert SEED_TITLE not in article.text
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 8
    assert "Efforts to Calm Down Tensions Between US and China" in paragraphs
    assert all(p.strip() == p and p for p in paragraphs)


def test_seed_loads_the_same_through_the_dispatcher():
    assert list(loaders.load(SEED)) == list(text.load(SEED))


@pytest.mark.parametrize("date_line", [
    "June 14, 2023", "2023-06-14", "14 June 2023", "Wednesday, June 14, 2023",
    "Wed, 14 Jun 2023", "Published: Jun. 14, 2023 10:32 AM"])
def test_text_date_line_formats(tmp_path, date_line):
    path = tmp_path / "visit.txt"
    path.write_text(f"Blinken to Visit China\n{date_line}\n\nBEIJING (Reuters) - "
                    "Blinken will visit Beijing, officials said.\n", encoding="utf-8")
    [article] = text.load(path)
    assert (article.title, article.published) == ("Blinken to Visit China", dt.date(2023, 6, 14))
    assert article.text == "BEIJING (Reuters) - Blinken will visit Beijing, officials said."
    assert article.place == "Beijing"


def test_text_without_title_or_date_still_loads(tmp_path):
    path = tmp_path / "plain.txt"
    body = ("President Biden spoke with President Xi Jinping of China on Thursday.\n\n"
            "The two leaders discussed Taiwan, trade and climate change.")
    path.write_text(body + "\n", encoding="utf-8")
    [article] = text.load(path)
    assert (article.title, article.published, article.place) == (None, None, None)
    assert article.text == body
    assert article.id == "plain"


def test_markdown_heading_is_the_title(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Trade talks resume\n\nHONG KONG, June 14 (Reuters) - Talks resumed.\n")
    [article] = loaders.load(path)
    assert article.title == "Trade talks resume"
    assert article.place == "Hong Kong"
    assert article.text == "HONG KONG, June 14 (Reuters) - Talks resumed."


def test_cp1252_text_file_decodes(tmp_path):
    path = tmp_path / "latin.txt"
    body = ("TAIPEI, Taiwan (AP) \u2014 The caf\u00e9 owner said the \u201cna\u00efve\u201d "
            "r\u00e9sum\u00e9 of the D\u00fcsseldorf envoy was \u00a31,000 too costly.")
    path.write_bytes(f"Envoy\u2019s r\u00e9sum\u00e9 questioned\n14 June 2023\n\n{body}\n"
                     .encode("cp1252"))
    [article] = loaders.load(path)
    assert article.title == "Envoy\u2019s r\u00e9sum\u00e9 questioned"
    assert article.text == body
    assert article.place == "Taipei"


def test_latin1_text_file_decodes(tmp_path):
    path = tmp_path / "latin1.txt"
    body = "S\u00e3o Paulo and Z\u00fcrich hosted envoys; the na\u00efve plan failed."
    path.write_bytes(body.encode("latin-1"))
    [article] = loaders.load(path)
    assert article.text == body


def test_utf16_file_with_bom_and_utf8_bom_decode(tmp_path):
    content = "\u4e2d\u7f8e\u5173\u7cfb\nJune 19, 2023\n\nBEIJING: Blinken met Xi Jinping \u4e60\u8fd1\u5e73.\n"
    (tmp_path / "wide.txt").write_bytes(content.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(content.encode("utf-8-sig"))
    for name in ("wide.txt", "bom.txt"):
        [article] = loaders.load(tmp_path / name)
        assert article.title == "\u4e2d\u7f8e\u5173\u7cfb"
        assert article.published == dt.date(2023, 6, 19)
        assert article.text == "BEIJING: Blinken met Xi Jinping \u4e60\u8fd1\u5e73."
        assert article.place == "Beijing"


def test_empty_text_file_is_reported(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\nicon-facebook icon-twitter\n")
    articles, errors = collect(path)
    assert articles == []
    assert [str(e) for e in errors] == [
        f"{path}: has no text; add the article text or remove it from the input"]


# --- JSON Lines and JSON ---------------------------------------------------

def corpus_lines(count: int) -> list[str]:
    """The first ``count`` lines of the White House corpus, as they are."""
    with open(CORPUS, encoding="utf-8") as stream:
        return [next(stream) for _ in range(count)]


def test_jsonl_white_house_records(tmp_path):
    lines = corpus_lines(3)
    path = tmp_path / "whitehouse.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    articles = list(jsonl.load(path))
    first = articles[0]
    assert first.id == ("wh-2021-02-10-readout-of-president-joseph-r-biden-jr-call-with-"
                        "president-xi-jinping-of-china")
    assert first.title == ("Readout of President Joseph R. Biden, Jr. Call with President "
                           "Xi Jinping of China")
    assert first.published == dt.date(2021, 2, 10)
    assert first.source == "The White House (Biden administration)"
    assert first.url.startswith("https://bidenwhitehouse.archives.gov/briefing-room/")
    assert first.text.startswith("President Joseph R. Biden, Jr. spoke today with "
                                 "President Xi Jinping of China.")
    assert first.origin == f"{path}:1"
    assert first.place is None
    for number, (line, article) in enumerate(zip(lines, articles), 1):
        record = json.loads(line)
        assert (article.id, article.title) == (record["id"], record["title"])
        assert article.published == dt.date.fromisoformat(record["published"])
        assert article.text == record["text"].strip()
        assert article.origin == f"{path}:{number}"


def test_bad_jsonl_lines_are_reported_and_good_lines_still_load(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        '{"id": "a", "text": "Blinken met Wang Yi.", "published": "June 18, 2023"}',
        '{"id": "b" "text": "broken"}',
        '',
        '{"id": "c", "title": "no text here"}',
        '{"id": "d", "text": 42}',
        '{"id": "e", "text": "Dated oddly.", "published": "13/45/2023"}',
        '["not", "an", "object"]',
        '{"text": "WASHINGTON: No id, so one is made.", "published": "2023-06-14T09:30:00Z"}',
    ]) + "\n", encoding="utf-8")
    articles, errors = collect(path)
    assert [a.id for a in articles][0] == "a"
    assert articles[0].published == dt.date(2023, 6, 18)
    made = articles[1]
    assert made.id.startswith("mixed-") and len(made.id) == len("mixed-") + 12
    assert (made.origin, made.published, made.place) == (
        f"{path}:8", dt.date(2023, 6, 14), "Washington")
    assert [e.origin for e in errors] == [f"{path}:{n}" for n in (2, 4, 5, 6, 7)]
    assert [str(e) for e in errors] == [
        f"{path}: line 2 is not valid JSON (Expecting ',' delimiter: column 12); "
        "fix or remove that line",
        f'{path}: line 4 has no "text" field; fix or remove that line',
        f'{path}: line 5 has a "text" that is not a string (it is a number); '
        "fix or remove that line",
        f"{path}: line 6 has a \"published\" date that cannot be read ('13/45/2023'); "
        "write it as an ISO date such as 2023-06-14",
        f"{path}: line 7 is not a JSON object (it is a list); "
        'make each record an object with a "text" field',
    ]


def test_without_on_error_the_first_bad_line_raises_after_earlier_articles(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Fine."}\n{oops\n{"text": "Never reached."}\n')
    stream = loaders.load(path)
    assert next(stream).text == "Fine."
    with pytest.raises(InputError) as raised:
        next(stream)
    assert raised.value.origin == f"{path}:2"


def test_generated_ids_are_stable(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text('{"text": "Same text."}\n')
    assert [a.id for a in jsonl.load(path)] == [a.id for a in jsonl.load(path)]


def test_json_document_list_and_single_object(tmp_path):
    records = [json.loads(line) for line in corpus_lines(2)]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps(records, indent=2, ensure_ascii=False), encoding="utf-8")
    articles = list(loaders.load(listed))
    assert [a.id for a in articles] == [r["id"] for r in records]
    assert articles[0].origin == f"{listed}:2"
    assert articles[1].published == dt.date.fromisoformat(records[1]["published"])
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"id": "x1", "text": "Xi met Biden.", "published": "2023-11-15"}))
    [article] = loaders.load(single)
    assert (article.id, article.published, article.origin) == (
        "x1", dt.date(2023, 11, 15), f"{single}:1")


def test_invalid_json_document_is_reported_with_its_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n {"text": "One."},\n {"text": "Two."}\n {"text": "Three."}\n]')
    articles, errors = collect(path)
    assert [a.text for a in articles] == ["One.", "Two."]
    assert [e.origin for e in errors] == [f"{path}:4"]
    assert "Expecting ',' delimiter" in str(errors[0])


def test_cp1252_jsonl_decodes(tmp_path):
    path = tmp_path / "legacy.jsonl"
    path.write_bytes('{"text": "The envoy\u2019s caf\u00e9 meeting in Z\u00fcrich."}\n'
                     .encode("cp1252"))
    [article] = loaders.load(path)
    assert article.text == "The envoy\u2019s caf\u00e9 meeting in Z\u00fcrich."


# --- HTML ------------------------------------------------------------------

def test_html_page_drops_boilerplate_and_scripts(tmp_path, no_network):
    path = tmp_path / "blinken.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = loaders.load(path)
    assert article.id == "blinken"
    assert article.title == "Blinken to Visit Beijing"
    assert article.published == dt.date(2023, 6, 14)
    assert article.url == "https://news.example.com/2023/06/14/blinken-beijing"
    assert article.source == "Example News"
    assert article.place == "Washington"
    assert article.text.startswith("WASHINGTON: US Secretary of State Antony Blinken")
    assert "Qin Gang by telephone" in article.text
    assert article.text.endswith("crossed the continental United States.")
    assert len(article.text.split("\n\n")) == 3
    for junk in ("Subscribe", "Home", "Copyright", "SECRET-TRACKER", "INLINE-SCRIPT-TEXT",
                 "tracking", "<"):
        assert junk not in article.text


def test_html_falls_back_to_lxml_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(html.trafilatura, "bare_extraction", lambda *a, **k: None)
    path = tmp_path / "thin.htm"
    path.write_text(PAGE, encoding="utf-8")
    [article] = loaders.load(path)
    assert article.title == "Blinken to Visit Beijing | Example News"
    assert "SECRET-TRACKER" not in article.text and "Subscribe" not in article.text
    assert "Copyright" not in article.text
    assert "Blinken spoke with Chinese Foreign Minister Qin Gang" in article.text


def test_html_without_title_element_or_text(tmp_path, monkeypatch):
    monkeypatch.setattr(html.trafilatura, "bare_extraction", lambda *a, **k: None)
    path = tmp_path / "bare.html"
    path.write_text("<html><body><p>Beijing said no.</p></body></html>")
    [article] = html.load(path)
    assert (article.title, article.text) == (None, "Beijing said no.")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><script>x()</script></head><body></body></html>")
    articles, errors = collect(empty)
    assert articles == [] and errors[0].origin == str(empty)
    assert "has no text trafilatura or lxml can find" in str(errors[0])


def test_html_with_declared_latin1_charset(tmp_path, no_network):
    path = tmp_path / "legacy.html"
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "this weekend", "this weekend at the caf\u00e9 \u201cZ\u00fcrich\u201d")
    path.write_bytes(page.encode("cp1252"))
    [article] = loaders.load(path)
    assert "at the caf\u00e9 \u201cZ\u00fcrich\u201d" in article.text


# --- feeds -----------------------------------------------------------------

def test_rss_feed_entries(tmp_path, no_network):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    articles, errors = collect(path)
    first, second = articles
    assert first.id == first.url == "https://wire.example.com/2023/06/13/sanctions"
    assert first.title == "China protests new US sanctions"
    assert first.published == dt.date(2023, 6, 13)  # the day as written, not UTC
    assert first.source == "Example Wire"
    assert first.place == "Beijing"
    assert first.text == ("BEIJING (Reuters) - China lodged a protest on Tuesday over new "
                          "US sanctions.\n\nThe foreign ministry said Washington must stop.")
    assert first.origin == f"{path}:5"
    assert second.id == "https://wire.example.com/2023/05/11/vienna"
    assert second.published == dt.date(2023, 5, 11)
    assert second.text == "US national security adviser Jake Sullivan met Wang Yi in Vienna."
    assert [str(e) for e in errors] == [
        f"{path}: line 14 has an entry ('Headline only') with no content or summary; "
        "add the article text or remove it from the input"]


def test_atom_feed_entry(tmp_path, no_network):
    path = tmp_path / "embassy.atom"
    path.write_text(ATOM, encoding="utf-8")
    [article] = feed.load(path)
    assert article.origin == f"{path}:6"
    assert article.id == "tag:embassy.example.org,2023:blinken-xi"
    assert article.url == "https://embassy.example.org/news/blinken-xi"
    assert article.title == "Blinken meets Xi Jinping in Beijing"
    assert article.published == dt.date(2023, 6, 19)
    assert article.source == "Embassy News"
    assert article.text == ("Secretary Blinken met President Xi Jinping in the Great Hall "
                            "of the People.\n\nBoth sides agreed to stabilise ties.")


def test_feed_with_unknown_suffix_is_sniffed(tmp_path):
    path = tmp_path / "feed.download"
    path.write_text(ATOM, encoding="utf-8")
    assert [a.title for a in loaders.load(path)] == ["Blinken meets Xi Jinping in Beijing"]


def test_not_a_feed_is_reported(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?>\n<rss><channel><title>Wire</tit")
    articles, errors = collect(path)
    assert articles == []
    assert errors[0].origin == str(path)
    assert "is not a readable RSS or Atom feed" in str(errors[0])


# --- folders, stdin, dispatch ----------------------------------------------

def test_folder_loads_nested_files_in_sorted_order(tmp_path):
    root = tmp_path / "inbox"
    (root / "a" / "deep").mkdir(parents=True)
    (root / "c").mkdir()
    (root / ".git").mkdir()
    (root / "b.txt").write_text("Second title\n2023-06-02\n\nText of b.\n")
    (root / "a" / "records.jsonl").write_text(
        '{"id": "r1", "text": "Record one."}\n{"id": "r2", "text": "Record two."}\n')
    (root / "a" / "deep" / "z.html").write_text(PAGE)
    (root / "c" / "wire.rss").write_text(RSS)
    (root / "c" / "page.bin").write_text(PAGE)           # unknown suffix, sniffed as HTML
    (root / ".hidden.txt").write_text("Hidden.\n")
    (root / ".git" / "x.txt").write_text("Hidden too.\n")
    (root / "README").write_text("Not markup: skipped silently.\n")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "gone.txt").symlink_to(root / "missing.txt")  # unreadable: reported
    articles, errors = collect(root)
    assert [a.id for a in articles] == [
        "z", "r1", "r2", "b", "page",
        "https://wire.example.com/2023/06/13/sanctions",
        "https://wire.example.com/2023/05/11/vienna"]
    assert articles[3].title == "Second title"
    assert articles[3].published == dt.date(2023, 6, 2)
    assert articles[1].origin == f"{root / 'a' / 'records.jsonl'}:1"
    assert [e.origin for e in errors] == [f"{root / 'c' / 'wire.rss'}:14", str(root / "gone.txt")]
    assert str(errors[1]) == (f"{root / 'gone.txt'}: cannot be read (No such file or "
                              "directory); check that it exists and is readable")


def test_loading_streams_one_article_at_a_time(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(f'{{"id": "n{i}", "text": "Item {i}."}}\n' for i in range(1000)))
    stream = loaders.load(path)
    assert iter(stream) is stream
    assert next(stream).id == "n0"


def test_missing_path_is_reported(tmp_path):
    path = tmp_path / "nowhere.txt"
    with pytest.raises(InputError) as raised:
        list(loaders.load(path))
    assert str(raised.value) == (f"{path}: cannot be read (No such file or directory); "
                                 "check that it exists and is readable")


def test_named_file_with_unknown_suffix_is_sniffed_or_reported(tmp_path):
    plain = tmp_path / "article.dat"
    plain.write_text("A title\n14 June 2023\n\nBody text.\n")
    [article] = loaders.load(plain)
    assert (article.title, article.published, article.text) == (
        "A title", dt.date(2023, 6, 14), "Body text.")
    binary = tmp_path / "blob.dat"
    binary.write_bytes(b"\x00\x01\x02binary")
    _, errors = collect(binary)
    assert str(errors[0]).startswith(f"{binary}: is not a kind of input uscn reads; "
                                     "give it one of the suffixes .txt")


def stdin_with(monkeypatch, data: bytes) -> None:
    """Make standard input a text stream over ``data``, as a pipe would be."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_json_lines(monkeypatch, tmp_path):
    stdin_with(monkeypatch, "".join(corpus_lines(2)).encode("utf-8") + b"{bad\n")
    articles, errors = collect("-")
    records = [json.loads(line) for line in corpus_lines(2)]
    assert [a.id for a in articles] == [r["id"] for r in records]
    assert [a.origin for a in articles] == ["<stdin>:1", "<stdin>:2"]
    assert [e.origin for e in errors] == ["<stdin>:3"]


def test_stdin_text_is_sniffed_and_decoded(monkeypatch):
    stdin_with(monkeypatch, SEED.read_bytes())
    [article] = loaders.load("-")
    assert (article.title, article.published, article.place) == (
        SEED_TITLE, dt.date(2023, 6, 14), "Washington")
    assert article.origin == "<stdin>"
    assert article.id.startswith("stdin-")
    assert article.text == next(text.load(SEED)).text


def test_stdin_html_and_plain_string_stdin(monkeypatch, no_network):
    stdin_with(monkeypatch, PAGE.encode("utf-8"))
    [article] = loaders.load("-")
    assert article.title == "Blinken to Visit Beijing"
    monkeypatch.setattr(sys, "stdin", io.StringIO(ATOM))   # no .buffer at all
    [entry] = loaders.load("-")
    assert entry.published == dt.date(2023, 6, 19)


def test_iter_articles_over_several_inputs(tmp_path):
    lines = tmp_path / "wh.jsonl"
    lines.write_text("".join(corpus_lines(1)), encoding="utf-8")
    articles = list(loaders.iter_articles([SEED, lines]))
    assert [a.published for a in articles] == [dt.date(2023, 6, 14), dt.date(2021, 2, 10)]
