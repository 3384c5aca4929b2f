"""The on-disk catalog cache: read back only when built from the same sources by the same code."""
from __future__ import annotations

from pathlib import Path

from graph.extract import catalog


def test_the_cache_key_changes_with_the_code_that_builds_the_catalog(tmp_path, monkeypatch):
    builder = tmp_path / "catalog.py"
    builder.write_text("# one way of building it\n")
    monkeypatch.setattr(catalog, "builder_files", lambda: [builder])
    before = catalog.cache_key()
    builder.write_text("# another way of building it\n")
    assert catalog.cache_key() != before


def test_the_cache_key_covers_the_builder_module_itself():
    assert Path(catalog.__file__).resolve() in catalog.builder_files()


def test_a_catalog_is_read_back_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = catalog.load_catalog()
    cached = list((tmp_path / "uscn").glob(f"catalog-{catalog.cache_key()}.pickle"))
    assert len(cached) == 1
    again = catalog.load_catalog()
    assert again.entities.keys() == built.entities.keys()
