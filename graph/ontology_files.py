"""Where the ontology folder is: in a checkout, or installed as data files."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from graph.errors import UscnError


def ontology_dir() -> Path:
    """``$USCN_ONTOLOGY``, else ``ontology/`` beside the package, else ``<prefix>/share/uscn/ontology``."""
    candidates = [os.environ.get("USCN_ONTOLOGY"),
                  Path(__file__).resolve().parent.parent / "ontology",
                  Path(sys.prefix) / "share" / "uscn" / "ontology"]
    for c in candidates:
        if c and (Path(c) / "uscn.ttl").is_file():
            return Path(c)
    raise UscnError("cannot find the ontology folder (uscn.ttl); reinstall uscn or set USCN_ONTOLOGY to its path")


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def turtle_files() -> list[Path]:
    """Every Turtle file of the ontology and its catalogs, in a stable order."""
    root = ontology_dir()
    return sorted(root.rglob("*.ttl"), key=lambda p: str(p.relative_to(root)))
