"""A progress line for long runs: done/total, articles a second, time left.

Written to a terminal only (a log file or pipe gets no carriage returns), only
once a run has gone on for a few seconds, and at most a few times a second.
The total is counted cheaply before the run (records in .jsonl files, files in
folders); when it cannot be (standard input, feeds), the line shows the rate only.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterable, TextIO

AFTER_SECONDS = 3.0
EVERY_SECONDS = 0.25
LINES = (".jsonl", ".ndjson")
FEEDS = (".xml", ".rss", ".atom")


def count_articles(inputs: Iterable[str]) -> int | None:
    """How many articles the inputs hold, counted without reading them; None if unknown."""
    total = 0
    for name in inputs:
        path = Path(name)
        if name == "-" or not path.exists():
            return None
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            if suffix in FEEDS:
                return None
            if suffix in LINES:
                total += _lines(f)
            elif not f.name.startswith("."):
                total += 1
    return total


def _lines(path: Path) -> int:
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def clock(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """Call ``step()`` once per article; ``close()`` clears the line."""

    def __init__(self, stream: TextIO, total: int | None = None, enabled: bool = True):
        self.stream, self.total = stream, total
        self.enabled = enabled and _is_terminal(stream)
        self.done = 0
        self.start = self.last = time.monotonic()
        self.shown = False

    def step(self, *_) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < AFTER_SECONDS or now - self.last < EVERY_SECONDS:
            return
        self.last = now
        self.stream.write("\r" + self.line(now) + "\033[K")
        self.stream.flush()
        self.shown = True

    def line(self, now: float) -> str:
        rate = self.done / max(now - self.start, 1e-9)
        if self.total:
            left = max(self.total - self.done, 0) / rate if rate else 0
            pct = min(100, 100 * self.done // self.total)
            return f"{self.done:,}/{self.total:,} articles ({pct}%)  {rate:.1f} articles/s  {clock(left)} left"
        return f"{self.done:,} articles  {rate:.1f} articles/s"

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False
