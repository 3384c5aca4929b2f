"""Issue 8, items 8 and 10: reads during a write, stores and outputs that cannot be written.

Faults are made for real: a writer in another process, a tmpfs mounted read-only
(skipped where mounting is not allowed), a path under a regular file, a folder
where a file should go.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import CORPUS, ROOT, SEEDS, need
from graph.cli import main
from graph.errors import StoreError
from graph.rdf import opening

SEED_TXT = SEEDS / "000_6ff26e526b4dd854.txt"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output + result.stderr
    return result


def one_error_line(result) -> str:
    """The one error line a failed command printed (after ingest's summary, for build)."""
    assert result.exit_code in (1, 2), result.output + result.stderr
    lines = [l for l in result.stderr.splitlines() if l.strip() and not re.match(r"\d+ article\(s\) stored", l)]
    if result.exit_code == 2:               # click's own check of an option: usage, then one line
        lines = [l for l in lines if not l.startswith(("Usage:", "Try "))]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    store = tmp_path_factory.mktemp("faults") / "store"
    assert run("ingest", SEED_TXT, "--store", store).exit_code == 0
    return store


# --- 8: reads while another command writes -------------------------------------------------
def test_reads_during_an_ingest_never_report_corruption(tmp_path):
    store = tmp_path / "s"
    assert run("ingest", SEED_TXT, "--store", store).exit_code == 0
    writer = subprocess.Popen([sys.executable, "-m", "graph", "ingest", str(need(CORPUS)), "--store", str(store)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reads = []
    try:
        while writer.poll() is None:
            reads.append(run("articles", "--format", "csv", "--store", store))
    finally:
        writer.wait(timeout=300)
    assert len(reads) >= 3
    for r in reads:
        assert "Corruption" not in r.stderr and "MANIFEST" not in r.stderr, r.stderr
        assert r.exit_code == 0 or "being written by another uscn command" in r.stderr, r.stderr


def test_a_read_that_keeps_failing_while_a_writer_holds_the_store_says_busy(tmp_path, monkeypatch):
    store = tmp_path / "s"
    ox.Store(str(store)).flush()
    holder = subprocess.Popen([sys.executable, "-c", "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(60)", str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        calls = []

        def corrupt(path):
            calls.append(path)
            raise RuntimeError(f"Corruption: IO error: No such file or directory: {path}/000019.sst  "
                               f"The file {path}/MANIFEST-000023 may be corrupted.")
        monkeypatch.setattr(ox.Store, "read_only", staticmethod(corrupt))
        with pytest.raises(StoreError) as err:
            opening.open_read_only(store, delays=(0, 0, 0))
        assert len(calls) == 4
        assert "being written by another uscn command" in str(err.value)
        assert "orrupt" not in str(err.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_transient_failure_is_retried(tmp_path, monkeypatch):
    store = tmp_path / "s"
    ox.Store(str(store)).flush()
    real, calls = ox.Store.read_only, []

    def flaky(path):
        calls.append(path)
        if len(calls) < 3:
            raise RuntimeError("Corruption: Mismatch in unique ID on table file 10.")
        return real(path)
    monkeypatch.setattr(ox.Store, "read_only", staticmethod(flaky))
    assert len(opening.open_read_only(store, delays=(0, 0, 0))) == 0
    assert len(calls) == 3


def test_a_second_writer_is_told_the_store_is_in_use(tmp_path):
    store = tmp_path / "s"
    holder = subprocess.Popen([sys.executable, "-c", "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(60)", str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        line = one_error_line(run("ingest", SEED_TXT, "--store", store))
        assert "another uscn command is writing this store" in line
    finally:
        holder.kill()
        holder.wait()


# --- 10: a store or an output that cannot be written -----------------------------------------
@pytest.fixture
def read_only_fs(tmp_path):
    """A tmpfs holding a store, then remounted read-only (needs root and mount rights)."""
    mnt = tmp_path / "ro"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root with mount rights)")
    try:
        assert run("ingest", SEED_TXT, "--store", mnt / "store").exit_code == 0
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_store_on_a_read_only_file_system(read_only_fs):
    line = one_error_line(run("ingest", SEED_TXT, "--store", read_only_fs / "store"))
    assert "read-only file system" in line and "another uscn command" not in line
    line = one_error_line(run("ingest", SEED_TXT, "--store", read_only_fs / "new"))
    assert "read-only file system" in line
    assert run("stats", "--store", read_only_fs / "store").exit_code == 0      # reading still works


def test_outputs_on_a_read_only_file_system(read_only_fs, seeded):
    target = read_only_fs / "out"
    for args in (("export", "-o", target), ("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-o", target),
                 ("render", "-o", target)):
        line = one_error_line(run(*args, "--store", seeded))
        assert str(target) in line and "read-only file system" in line, line
    line = one_error_line(run("build", SEED_TXT, "--output", read_only_fs / "build"))
    assert "read-only file system" in line


@pytest.mark.parametrize("bad", ["missing/folder/out.ttl", "afile/out.ttl", "adir"])
def test_outputs_that_cannot_be_written_are_one_line(seeded, tmp_path, bad):
    (tmp_path / "afile").write_text("a regular file")
    (tmp_path / "adir").mkdir()
    target = tmp_path / bad
    commands = [("export", "-o", target), ("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-o", target)]
    if not bad.startswith("missing"):             # render makes a missing folder, as documented
        commands.append(("render", "-o", target))
    for args in commands:
        line = one_error_line(run(*args, "--store", seeded))
        assert str(tmp_path / bad.split("/")[0]) in line, line
    assert not (tmp_path / "missing").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir", "afile"]     # no half-written files left


def test_build_into_a_folder_under_a_regular_file(tmp_path):
    (tmp_path / "afile").write_text("a regular file")
    line = one_error_line(run("build", SEED_TXT, "--output", tmp_path / "afile" / "out"))
    assert str(tmp_path / "afile") in line


def test_build_with_an_export_name_taken_by_a_folder(tmp_path):
    (tmp_path / "out" / "graph.ttl").mkdir(parents=True)
    line = one_error_line(run("build", SEED_TXT, "--output", tmp_path / "out"))
    assert str(tmp_path / "out" / "graph.ttl") in line and "folder" in line
