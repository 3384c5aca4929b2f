#!/usr/bin/env python3
"""Extraction speed and memory, measured against a floor in the same run.

    python scripts/bench_extract.py [CORPUS.jsonl] [--repeat 3] [--grow 4]

Speed: articles stream from the corpus through the loader; each is extracted
(entities, dates, events) and, side by side in the same process, just tokenized
with graph.extract.text.tokens (the floor). It prints articles per second for
both and the ratio extract/tokenize, best of --repeat runs; extraction should stay
within 10x of tokenizing.

Memory: the corpus is streamed once and then --grow times over (records repeated
with new ids), and the peak memory traced while extracting is compared: articles
stream through, so the peak should not grow with the input.
"""
from __future__ import annotations

import argparse
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

from graph.extract import default_extractor
from graph.extract.text import tokens
from graph.loaders import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse.jsonl"


def articles(corpus: Path, times: int = 1):
    """The corpus streamed ``times`` over, each pass with fresh ids."""
    for n in range(times):
        for article in load(corpus):
            yield replace(article, id=f"{article.id}#{n}") if n else article


def timed(fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def speed(corpus: Path, repeat: int) -> None:
    extractor = default_extractor()
    sample = list(articles(corpus))  # held only for the speed runs, so both sides read the same objects
    size = sum(len(a.text) for a in sample)
    extract_s = min(timed(extractor.extract, sample) for _ in range(repeat))
    token_s = min(timed(lambda a: tokens(a.text), sample) for _ in range(repeat))
    n = len(sample)
    print(f"corpus: {n} articles, {size / 1e6:.2f} MB of text; best of {repeat} runs")
    print(f"tokenize (floor): {token_s:7.3f} s  {n / token_s:8.1f} articles/s")
    print(f"extract:          {extract_s:7.3f} s  {n / extract_s:8.1f} articles/s")
    print(f"ratio extract/tokenize: {extract_s / token_s:.2f}x (bound: 10x)")


def peak_while_extracting(corpus: Path, times: int) -> tuple[int, int]:
    extractor = default_extractor()
    extractor.extract(next(articles(corpus)))  # catalog and automata built before measuring
    tracemalloc.start()
    count = 0
    for article in articles(corpus, times):
        extractor.extract(article)
        count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak


def memory(corpus: Path, grow: int) -> None:
    n1, p1 = peak_while_extracting(corpus, 1)
    n2, p2 = peak_while_extracting(corpus, grow)
    print(f"peak traced memory: {p1 / 1e6:.1f} MB for {n1} articles, {p2 / 1e6:.1f} MB for {n2} articles "
          f"(ratio {p2 / p1:.2f}; flat is 1.0)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--grow", type=int, default=4)
    args = ap.parse_args()
    speed(args.corpus, args.repeat)
    memory(args.corpus, args.grow)


if __name__ == "__main__":
    main()
