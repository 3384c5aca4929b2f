"""Issue 8, item 4 (the input half): a huge file is refused by size in seconds, not after
minutes of work on it. The work each step does before the refusal is bounded by what it
reads, checked by what it is handed, never timed."""
from __future__ import annotations

import itertools
import re

import pytest

import graph.ingest
from graph.loaders import _common
from graph.loaders.checks import LANGUAGE_SAMPLE, english_share
from graph.model import Article

ENGLISH = "The two sides met in Beijing on Monday and said that the talks were useful for both of them. "
CHINESE = "中美双方周一在北京举行会谈，双方表示会谈对彼此都有益。"


def test_the_language_is_judged_by_the_opening_of_a_long_text():
    opening = ENGLISH * (LANGUAGE_SAMPLE // len(ENGLISH) + 1)
    share, _ = english_share(opening + CHINESE * (3 * LANGUAGE_SAMPLE // len(CHINESE)))
    assert share >= 0.4                     # the whole text is mostly Chinese characters past the opening
    assert english_share(CHINESE * 50)[0] < 0.4 and english_share(ENGLISH * 50)[0] >= 0.4


class CountingPattern:
    """A compiled pattern that adds up the characters it is asked to scan."""

    def __init__(self, pattern):
        self.pattern, self.chars = pattern, 0

    def sub(self, repl, text, *args):
        self.chars += len(text)
        return self.pattern.sub(repl, text, *args)


def test_a_paragraph_is_not_scanned_as_a_date(monkeypatch):
    counting = CountingPattern(_common._PREFIX)
    monkeypatch.setattr(_common, "_PREFIX", counting)
    assert _common.parse_date("Published: June 14, 2023") == _common.parse_date("June 14, 2023") is not None
    counting.chars = 0
    assert _common.parse_date(ENGLISH * 10_000 + "June 14, 2023") is None
    assert counting.chars == 0             # a megabyte line used to go through every date pattern
    assert _common.parse_date("  " * 100 + "Wednesday, June 14, 2023 10:00 AM EDT  ") is not None


def test_a_short_input_starts_no_worker_processes(monkeypatch):
    """One article (a huge one refused at once, or any short run) is done in this process:
    starting workers that load the catalog only to be stopped cost seconds."""
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for a short input")
    monkeypatch.setattr(graph.ingest, "ProcessPoolExecutor", no_pool)
    extractor = graph.ingest.default_extractor()
    articles = [Article(f"a{i}", "Secretary Blinken met Wang Yi in Beijing on June 18, 2023.", None, None)
                for i in range(graph.ingest.INLINE_FIRST)]
    done = list(graph.ingest.prepared_in_order(iter(articles), workers=2, extractor=extractor))
    assert len(done) == len(articles)
    with pytest.raises(AssertionError, match="worker pool"):   # a longer one still goes to workers
        list(graph.ingest.prepared_in_order(itertools.chain(articles, articles[:1]), workers=2, extractor=extractor))


# --- a page far over the size limit is refused before trafilatura reads it ------------------------
# A 100 MB HTML page took 184 s and 4 GB of memory in trafilatura (about 1.1 s of CPU per MB)
# before the extractor's size check refused its text.
def _page(mb: float) -> str:
    para = "<p>On day {} the two delegations met in a hotel by the lake and talked for hours.</p>\n"
    paras = "".join(para.format(i) for i in range(int(mb * 1e6 / len(para))))      # unique: not deduplicated
    return ("<html><head><title>Long</title><style>p { margin: 0 }</style></head><body><article>"
            + paras + "</article></body></html>")


def test_a_page_far_over_the_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from graph.cli import main
    from graph.loaders import html

    def not_read(markup):
        raise AssertionError("trafilatura was asked to read a page far over the size limit")
    monkeypatch.setattr(html, "_extract", not_read)
    (tmp_path / "long.html").write_text(_page(2.5), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "long.html"), "--store", str(tmp_path / "s"),
                                       "--max-article-size", "1"], catch_exceptions=False)
    assert result.exit_code == 1
    assert re.search(r"long\.html: has about 2\.\d MB of text, more than the 1 MB one article may have", result.stderr)
    assert "--max-article-size" in result.stderr


def test_a_page_within_a_raised_limit_is_read(tmp_path):
    from click.testing import CliRunner
    from graph.cli import main
    (tmp_path / "long.html").write_text(_page(0.3), encoding="utf-8")
    args = ["ingest", str(tmp_path / "long.html"), "--store", str(tmp_path / "s")]
    refused = CliRunner().invoke(main, args + ["--max-article-size", "0.1"], catch_exceptions=False)
    assert refused.exit_code == 1 and "more than the 0.1 MB" in refused.stderr
    read = CliRunner().invoke(main, args + ["--max-article-size", "0.5"], catch_exceptions=False)
    assert read.exit_code == 0 and "1 article(s) stored" in read.stderr, read.stderr


# --- a text node past libxml2's 10 MB limit is text, not nothing -----------------------------------
# A feed entry whose description held 12 MB of text was reported as "an entry with no content or
# summary": lxml's HTML parser gave up on a text node past 10 MB and html_to_text returned "".
def test_html_to_text_reads_a_text_node_past_ten_mb():
    sentence = "The two delegations met by the lake and talked for hours. "
    body = sentence * (11_000_000 // len(sentence))
    assert len(_common.html_to_text(f"<p>{body}</p>")) == len(body.strip())


def test_a_feed_entry_past_ten_mb_gets_the_size_line(tmp_path):
    from click.testing import CliRunner
    from graph.cli import main
    sentence = "The two delegations met by the lake and talked for hours. "
    body = sentence * (12_000_000 // len(sentence))
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                                       f"<item><title>Long</title><description>{body}</description></item>"
                                       "</channel></rss>", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "feed.xml"), "--store", str(tmp_path / "s")],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert "has 12.0 MB of text, more than the 8 MB one article may have" in result.stderr, result.stderr
    assert "no content or summary" not in result.stderr
