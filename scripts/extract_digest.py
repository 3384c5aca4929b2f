#!/usr/bin/env python3
"""A digest of everything extraction produces, to show that a change left it identical.

    python scripts/extract_digest.py FILE.jsonl [FILE ...] [--out DUMP.txt]

Each article of each file is extracted and written out in full: its entities, mentions and
events (their reprs, in the order extraction gives them), then the quads ingest would store
for it (N-Quads lines, sorted). It prints one SHA-256 per file and one for all; run it before
and after a change meant to alter only speed: the digests must match. ``--out`` keeps the
full dump, so that two runs can be compared with ``diff`` to see what moved.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from graph.extract import default_extractor
from graph.loaders import load
from graph.rdf.triples import entity_quads, extraction_quads


def dump(extraction, event_scores) -> list[str]:
    """The lines that stand for one article's extraction."""
    lines = [f"article {extraction.article.id}"]
    lines += [f"entity {key} {entity!r}" for key, entity in extraction.entities.items()]
    lines += [f"mention {m!r}" for m in extraction.mentions]
    lines += [f"event {e!r}" for e in extraction.events]
    quads = extraction_quads(extraction, event_scores) + entity_quads(extraction)
    lines += sorted(f"quad {q}" for q in quads)
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, help="write the full dump here too")
    args = ap.parse_args()
    extractor = default_extractor()
    whole = hashlib.sha256()
    out = args.out.open("w", encoding="utf-8") if args.out else None
    for path in args.files:
        digest, count = hashlib.sha256(), 0
        for article in load(path):
            for line in dump(extractor.extract(article), extractor.event_scores):
                data = (line + "\n").encode("utf-8")
                digest.update(data)
                whole.update(data)
                if out:
                    out.write(line + "\n")
            count += 1
        print(f"{digest.hexdigest()[:16]}  {count:4d} articles  {path}")
    print(f"{whole.hexdigest()[:16]}  all")
    if out:
        out.close()


if __name__ == "__main__":
    sys.exit(main())
