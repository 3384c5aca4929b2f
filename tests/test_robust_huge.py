"""Issue 8, item 4 (the input half): a huge file is refused by size in seconds, not after
minutes of work on it. The work each step does before the refusal is bounded by what it
reads, checked by what it is handed, never timed."""
from __future__ import annotations

import itertools

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
