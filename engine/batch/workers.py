"""Worker processes that work through chunks of items in order, and stop at once when told.

:func:`ordered_map` gives each of N spawned processes its own pipe, hands out chunks round
robin, two chunks per worker at a time (:data:`IN_FLIGHT`: a worker starts its next chunk
while the parent takes in its last result), and reads the results back in the order the
chunks were handed out, so results keep the input order without any sorting, and at most 2N
chunks are in flight. Nothing is shared between the workers (no common queue, no lock), so a
worker that is killed, or dies, cannot hang the others or the parent: when the parent is
interrupted (Ctrl-C, SIGTERM) or anything fails, every worker is killed and reaped before
the exception goes on. The parent holds Ctrl-C, SIGTERM and SIGHUP while it starts the
workers (they inherit the block, then ignore Ctrl-C), so Ctrl-C in a terminal reaches only
the parent, no worker prints a traceback, and a signal that comes meanwhile is not lost.

``multiprocessing.Pool`` was used before; its ``terminate()`` waits for the task queue's
lock, which an idle worker holds while it waits for work: with an input that stalls, or a
worker killed by SIGTERM sent to the whole process group, it hung.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import queue
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, NoReturn, TypeVar

IN_FLIGHT = 2
"""Chunks handed to each worker at a time: it starts the next as soon as it has sent a result, never idle
while the parent reads, writes and hands out more."""

T = TypeVar("T")
R = TypeVar("R")


_STOPS = (
    {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}
    if hasattr(signal, "pthread_sigmask")
    else set()
)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP (delivered when the block ends, not lost) where the platform allows."""
    if not _STOPS:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class WorkerFailure(RuntimeError):
    """A worker process stopped, or its work raised an exception the work function did not handle."""


def _serve(
    connection: Any, setup: Callable[..., Any], setup_args: tuple[Any, ...], work: Callable[[Any, Any], Any]
) -> None:
    """A worker's life: set up once, then answer each chunk with its results until told to stop.

    A thread takes the chunks off the pipe as they come, so that the parent's send of the next chunk never
    waits for this worker's send of a result (with two chunks in flight both could be larger than a pipe holds).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _STOPS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # blocked by the parent while it started us
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(connection, inbox), daemon=True).start()
    state = setup(*setup_args)
    while True:
        chunk = inbox.get()
        if chunk is None:
            return
        try:
            reply: tuple[Any, ...] = ("ok", [work(state, item) for item in chunk])
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it there
            reply = ("failed", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
            try:  # the exception itself too, when it survives the trip (some cannot be unpickled)
                pickle.loads(pickle.dumps(exc))
                reply += (exc,)
            except Exception:  # noqa: BLE001 - its text is sent
                pass
        try:
            connection.send(reply)
        except OSError:
            return  # the parent is gone


def _receive(connection: Any, inbox: queue.SimpleQueue[Any]) -> None:
    """Move chunks from the pipe to the worker's inbox; None when the parent says stop or is gone."""
    while True:
        try:
            chunk = connection.recv()
        except (EOFError, OSError):
            chunk = None
        inbox.put(chunk)
        if chunk is None:
            return


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items; when reading fails, the items read before it come first, then the exception."""
    chunk: list[T] = []
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            break
        except Exception:
            if chunk:
                yield chunk
            raise
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ordered_map(
    items: Iterable[T],
    jobs: int,
    chunksize: int,
    setup: Callable[..., Any],
    setup_args: tuple[Any, ...],
    work: Callable[[Any, T], R],
) -> Generator[R, None, None]:
    """``work(state, item)`` for every item, in ``jobs`` processes, yielded in input order.

    ``setup(*setup_args)`` runs once in each worker and gives the ``state`` its work reads.
    ``setup`` and ``work`` must be module-level functions (the workers are spawned, not forked).
    An exception raised by ``work`` is raised here again (the exception itself when it survives
    pickling, else :class:`WorkerFailure`), with the worker's traceback as a note; a worker that dies
    raises :class:`WorkerFailure`. Closing the iterator early, or any exception, kills the workers.
    """
    if jobs < 1 or chunksize < 1:
        raise ValueError("jobs and chunksize must be at least 1")
    context = multiprocessing.get_context("spawn")
    workers: list[tuple[Any, Any]] = []
    try:
        # the workers start with these signals blocked (they inherit the mask) and ignore Ctrl-C from
        # then on; a signal that comes meanwhile reaches this process when the block ends
        with _signals_held():
            for _ in range(jobs):
                mine, theirs = context.Pipe()
                process = context.Process(target=_serve, args=(theirs, setup, setup_args, work), daemon=True)
                process.start()
                theirs.close()
                workers.append((process, mine))
        yield from _run(chunked(items, chunksize), workers)
        for _process, connection in workers:
            with contextlib.suppress(OSError):
                connection.send(None)
        for process, _connection in workers:
            process.join(timeout=5)
    finally:
        with _signals_held():  # a second Ctrl-C must not leave a worker behind
            _stop(workers)


def _run(chunks: Iterator[list[Any]], workers: list[tuple[Any, Any]]) -> Iterator[Any]:
    """Hand out chunks and yield their results in order; an exception of the reader is raised after
    the results of every item read before it (so output before a failure is complete and in order)."""
    waiting: deque[int] = deque()  # the worker of each chunk handed out, oldest first
    failure: list[Exception] = []

    def take() -> list[Any] | None:
        if failure:
            return None
        try:
            return next(chunks, None)
        except Exception as exc:  # noqa: BLE001 - raised again once the earlier results are out
            failure.append(exc)
            return None

    for _ in range(IN_FLIGHT):  # round robin, so each worker has its first chunk before any has a second
        for index, (_process, connection) in enumerate(workers):
            chunk = take()
            if chunk is None:
                break
            connection.send(chunk)
            waiting.append(index)
    while waiting:
        index = waiting.popleft()
        process, connection = workers[index]
        try:
            reply = connection.recv()
        except (EOFError, OSError) as exc:
            _died(process, exc)
        if reply[0] != "ok":
            error = reply[2] if len(reply) > 2 else WorkerFailure(reply[1].split("\n", 1)[0])
            error.add_note("in a worker process:\n" + reply[1])
            raise error
        chunk = take()  # the worker gets its next chunk before its results are used
        if chunk is not None:
            try:
                connection.send(chunk)
            except OSError:
                pass  # the worker is gone: reading its next reply says why, after the results sent before it
            waiting.append(index)
        yield from reply[1]
    if failure:
        raise failure[0]


def _died(process: Any, exc: BaseException) -> NoReturn:
    """A worker's pipe broke: raise why, once the worker is reaped."""
    process.join(timeout=1)
    if process.exitcode is not None and process.exitcode < 0:
        # killed by a signal: when it was sent to the whole process group (a service manager's
        # SIGTERM, a closed terminal), this process has it too; let its handler act first
        time.sleep(0.2)
        raise WorkerFailure(f"a worker process was stopped by signal {-process.exitcode}") from exc
    raise WorkerFailure(f"a worker process stopped unexpectedly (exit code {process.exitcode})") from exc


def _stop(workers: list[tuple[Any, Any]]) -> None:
    """Kill every worker still running and reap them all; close the pipes."""
    for process, _connection in workers:
        if process.is_alive():
            process.kill()
    for process, connection in workers:
        process.join(timeout=5)
        connection.close()
