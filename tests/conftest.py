"""Shared fixtures: where the repository and the shared folder are, a store in a temp dir."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
CORPUS = SHARED / "corpus" / "whitehouse.jsonl"
EVAL = SHARED / "eval"


def need(path: Path) -> Path:
    """The path, or skip the test saying what is missing (shared/ sits beside the checkout)."""
    if not path.exists():
        pytest.skip(f"{path} is not here; the shared folder belongs beside the checkout")
    return path


@pytest.fixture
def store_dir(tmp_path) -> Path:
    return tmp_path / "store"
