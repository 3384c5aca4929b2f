"""Issue 8, items 8 and 10: reads during a write, stores and outputs that cannot be written.

Faults are made for real: a writer in another process, a tmpfs mounted read-only
(skipped where mounting is not allowed), a path under a regular file, a folder
where a file should go.
"""
from __future__ import annotations

import os
import re
import shutil
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
        subprocess.run(["umount", "--lazy", str(mnt)], check=False)   # lazy: the failed command may still hold a file


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


# --- 10, continued: a disk that is full or fills up midway, a folder we may not write ------------
def tmpfs(mnt: Path, size: str) -> Path:
    """A tmpfs of ``size`` at ``mnt`` (skips the test where mounting is not allowed)."""
    mnt.mkdir(exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root with mount rights)")
    return mnt


@pytest.fixture
def full_disk(tmp_path):
    mnt = tmpfs(tmp_path / "full", "16k")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "--lazy", str(mnt)], check=False)   # lazy: the failed command may still hold a file


def test_outputs_on_a_full_disk_are_one_line_and_leave_nothing(full_disk, seeded):
    for name, args in (("out.ttl", ("export",)), ("q.csv", ("query", "SELECT * WHERE { ?s ?p ?o }")),
                       ("page.html", ("render",))):
        line = one_error_line(run(*args, "-o", full_disk / name, "--store", seeded))
        assert str(full_disk / name) in line and "disk is full" in line, line
        assert list(full_disk.iterdir()) == []          # no part file left behind


@pytest.mark.parametrize("command", ["ingest", "build"])
def test_a_store_whose_disk_fills_up_is_one_line(tmp_path, command):
    """The store opens, then a write fails (RocksDB: "IO error: No space left on device")."""
    mnt = tmpfs(tmp_path / "small", "2m")
    try:
        args = (("ingest", SEEDS, "--store", mnt / "store") if command == "ingest"
                else ("build", SEEDS, "--output", mnt / "site"))
        line = one_error_line(run(*args))
        assert "disk is full" in line and str(mnt) in line, line
    finally:
        subprocess.run(["umount", "--lazy", str(mnt)], check=False)   # lazy: the failed command may still hold a file


def test_the_happening_index_survives_a_commit_the_disk_rolled_back(tmp_path):
    """SQLite rolls a transaction back itself when a COMMIT fails on a full disk; the
    writer's clean-up must not then fail with "cannot rollback - no transaction is active"."""
    from graph.rdf.happenings import HappeningIndex
    index = HappeningIndex(tmp_path / "index.sqlite")
    index.begin()
    index.db.execute("ROLLBACK")        # what SQLite did on its own
    index.rollback()
    index.begin()
    index.commit()
    assert not index.in_transaction
    index.close()


def unprivileged(*args) -> list[str]:
    """``python -m graph ARGS`` run so that file modes apply: as is for a normal user; for
    root, without the capabilities that let root write anywhere (setpriv)."""
    command = [sys.executable, "-m", "graph", *map(str, args)]
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: file modes cannot be made to apply")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]


def test_outputs_and_stores_without_permission_are_one_line(seeded, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    store = tmp_path / "lockedstore"
    shutil.copytree(seeded, store)
    for path in (store, *store.iterdir()):
        path.chmod(0o555 if path.is_dir() else 0o444)
    locked.chmod(0o555)
    try:
        for args, where in ((("export", "-o", locked / "out.ttl", "--store", seeded), locked / "out.ttl"),
                            (("query", "ASK { ?s ?p ?o }", "-o", locked / "q.csv", "--store", seeded), locked / "q.csv"),
                            (("render", "-o", locked / "page.html", "--store", seeded), locked / "page.html"),
                            (("build", SEED_TXT, "--output", locked / "site"), locked / "site"),
                            (("ingest", SEED_TXT, "--store", store), store)):
            done = subprocess.run(unprivileged(*args), capture_output=True, text=True, cwd=ROOT)
            lines = [l for l in done.stderr.splitlines() if l.strip()]
            assert done.returncode == 1 and len(lines) == 1, done.stderr
            assert lines[0].startswith(f"Error: {where}") and "permission" in lines[0], lines[0]
        assert list(locked.iterdir()) == []
        done = subprocess.run(unprivileged("stats", "--store", store), capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr      # reading a store one may not write still works
    finally:
        locked.chmod(0o755)
        for path in (store, *store.iterdir()):
            path.chmod(0o755 if path.is_dir() else 0o644)


# --- 10, continued: an output that is a device, a named pipe or a symbolic link ------------------
# The whole-or-nothing write (a temporary file renamed over the target) must not replace what is
# not a regular file: `-o /dev/stdout` or `-o /dev/null` run as root replaced the device node
# with a regular file, and an output through a symbolic link replaced the link, not its target.
OUTPUT_COMMANDS = (("export",), ("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 3"), ("render",), ("timeline",))


@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=lambda a: a[0])
def test_an_output_through_a_symbolic_link_writes_its_target(seeded, tmp_path, args):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out"
    target.write_text("old")
    link = tmp_path / "link"
    link.symlink_to(target)
    assert run(*args, "-o", link, "--store", seeded).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() != "old" and target.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]
    assert [p.name for p in (tmp_path / "real").iterdir()] == ["out"]      # no part file left


@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=lambda a: a[0])
def test_an_output_into_a_named_pipe_is_written_into_it(seeded, tmp_path, args):
    import threading
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = threading.Event()

    def end_of_file():  # to whoever has the pipe open for reading (ENXIO: nobody has)
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass

    def unblock():      # a command stuck reading the pipe back (or never writing it) gets an end of file
        if not done.wait(120) and fifo.is_fifo():
            end_of_file()
    threading.Thread(target=unblock, daemon=True).start()
    try:
        assert run(*args, "-o", fifo, "--store", seeded).exit_code == 0
    finally:
        done.set()
        reader.join(2)
        if reader.is_alive() and fifo.is_fifo():      # the command never opened the pipe: unblock the reader
            end_of_file()
        reader.join(10)
    assert fifo.is_fifo(), "the named pipe was replaced by a regular file"
    assert got and got[0], "nothing came through the pipe"


@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=lambda a: a[0])
def test_an_output_into_a_full_device_stays_a_device_and_is_one_line(seeded, tmp_path, args):
    import stat
    full = tmp_path / "full"
    try:
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))      # what /dev/full is
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here (needs root)")
    line = one_error_line(run(*args, "-o", full, "--store", seeded))
    assert str(full) in line and "disk is full" in line, line
    assert stat.S_ISCHR(full.lstat().st_mode), "the device node was replaced by a regular file"
    assert [p.name for p in tmp_path.iterdir()] == ["full"]


# --- a --store that is a folder of other files ------------------------------------------------------
# `uscn ingest articles/ --store articles` wrote RocksDB's files among the articles; a folder
# holding files that are not a store's is refused, an empty one, a new one or a store cut short
# before its first commit (only RocksDB's own files) is opened.
def test_a_store_folder_holding_other_files_is_refused(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_TXT, folder / SEED_TXT.name)
    line = one_error_line(run("ingest", folder, "--store", folder))
    assert line.startswith(f"Error: {folder}: ") and "not a uscn store" in line, line
    assert sorted(p.name for p in folder.iterdir()) == [SEED_TXT.name]          # nothing written there


def test_a_store_cut_short_before_its_first_commit_is_opened(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    for name in ("LOCK", "LOG", "LOG.old.1796221101284838", "IDENTITY"):     # RocksDB's files before CURRENT
        (store / name).write_bytes(b"")
    (tmp_path / "empty").mkdir()
    for where in (store, tmp_path / "empty", tmp_path / "new"):
        assert run("ingest", SEED_TXT, "--store", where).exit_code == 0
