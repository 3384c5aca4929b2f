"""`uscn ingest --dask`: extraction on a Dask distributed cluster (a LocalCluster on loopback)
gives the same graph as a one-process ingest, quad for quad."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from graph.cli import main
from graph.serve import free_port

distributed = pytest.importorskip("distributed")


def cli(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def nquads(store) -> set[str]:
    """Every quad but the ontology's (loaded from the same files, its blank nodes named per store)."""
    return set(cli("export", "--format", "nquads", "--store", store).output.splitlines())


@pytest.fixture(scope="module")
def scheduler():
    """One worker thread on loopback: light on a small machine, and the tasks still go through the scheduler."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_dask_ingest_equals_a_one_process_ingest(scheduler, tmp_path):
    plain, on_dask = tmp_path / "plain", tmp_path / "dask"
    cli("ingest", SEEDS, "--workers", 1, "--store", plain)
    out = cli("ingest", SEEDS, "--dask", scheduler, "--store", on_dask).output
    assert "13 article(s) stored (0 replaced)" in out
    quads = nquads(on_dask)
    assert len(quads) > 4000 and not any(q.startswith("_:") or " _:" in q for q in quads)
    assert quads == nquads(plain)


def test_a_bad_input_is_one_line_and_the_others_are_stored(scheduler, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": \n', encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(bad), str(SEEDS / "000_6ff26e526b4dd854.txt"),
                                       "--dask", scheduler, "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "bad.jsonl" in result.output and "1 article(s) stored" in result.output


def test_unreachable_scheduler_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--dask", f"tcp://127.0.0.1:{free_port()}",
                                       "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output
    assert "Traceback" not in result.output
