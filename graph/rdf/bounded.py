"""Run one piece of store work in a child process that can be stopped: a time limit and Ctrl-C.

Why a child process: pyoxigraph evaluates a query in Rust and holds the calling thread
until the first row (an ORDER BY or an aggregate over a cross product holds it for
minutes while memory grows), and it has no time limit of its own. A thread cannot be
stopped from outside; a process can. The child opens the store itself, runs the job and
sends back the bytes to print; the parent waits for at most the time limit, and on
timeout or Ctrl-C kills the child at once, which frees its memory. A killed child leaves
the store as it was: a read-only open writes nothing, and an update is one transaction.

The child is forked when this process has a single thread (the command line: it has not
opened a store), which costs a few milliseconds; otherwise (a test runner or a server
that has stores open, whose RocksDB threads a fork would not copy) it is spawned.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
from typing import Callable

from graph.errors import QueryError, UscnError

DEFAULT_TIMEOUT = 30.0


class QueryTimeout(QueryError):
    """The work ran past its time limit and was stopped."""


def timeout_message(seconds: float) -> str:
    return (f"the query ran past the time limit of {seconds:g} s and was stopped; narrow it "
            "(a more specific pattern, a LIMIT) or raise --timeout")


def _single_threaded() -> bool:
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _child(conn, job: Callable[..., bytes], args: tuple) -> None:
    """Run the job and send b"o" + its bytes, or b"e" + a one-line error."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C in the terminal ends the child too
    try:
        reply = b"o" + job(*args)
    except UscnError as exc:
        reply = b"e" + str(exc).encode("utf-8")
    except MemoryError:
        reply = b"e" + b"the query ran out of memory; narrow it (a more specific pattern, a LIMIT)"
    except Exception as exc:  # anything else is still one line for the user, never a traceback
        reply = b"e" + f"the query failed: {exc}".encode("utf-8")
    try:
        conn.send_bytes(reply)
    finally:
        conn.close()


def run_bounded(job: Callable[..., bytes], args: tuple = (), timeout: float | None = DEFAULT_TIMEOUT) -> bytes:
    """``job(*args)`` in a child process; its bytes, or QueryError / QueryTimeout.

    ``timeout`` of None or 0 waits without limit. KeyboardInterrupt (Ctrl-C) kills the
    child and is raised again for the caller to exit with 130. ``job`` must be a
    module-level function and ``args`` picklable (the child may be spawned).
    """
    ctx = mp.get_context("fork" if _single_threaded() else "spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, job, args), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout or None):
            raise QueryTimeout(timeout_message(timeout))
        try:
            reply = receive.recv_bytes()
        except EOFError:
            child.join(1)
            raise QueryError(f"the query process ended without an answer (exit code {child.exitcode}); "
                             "it may have run out of memory: narrow the query") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if reply[:1] == b"e":
        raise QueryError(reply[1:].decode("utf-8"))
    return reply[1:]
