"""Reading the next files of a command while the caller checks this one.

A command that loads several files reads each in the isolated worker (etl/reading/worker.py)
and then resolves and validates its values in the calling process. On two CPUs the two can
overlap: inside ``with read_ahead(requests):`` a background thread sends the files to the
worker one after another, at most ``depth`` ahead of the caller, and :func:`take` hands the
caller the answer read for exactly that request (the same bytes, label, reference and
answers objects). Anything else (a second read with a recipe's answers, a file not in the
list) is read as before. The worker, its limits and its one-issue-per-dead-file answers are
the same: this only changes when a file is sent.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from contextvars import ContextVar

from etl.questions import FileAnswers
from etl.records import Extracted
from etl.reference.model import Reference

Request = tuple[bytes, str, Reference, FileAnswers]

_CURRENT: ContextVar[ReadAhead | None] = ContextVar("read_ahead", default=None)


class ReadAhead:
    """The answers of a list of requests, read in order by one background thread."""

    def __init__(self, requests: Sequence[Request], depth: int = 2) -> None:
        from etl.reading.worker import shared_worker

        self._worker = shared_worker()
        self._requests = list(requests)
        self._futures: list[Future[Extracted]] = [Future() for _ in self._requests]
        self._slots = threading.Semaphore(depth)  # answers read but not yet taken
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="read-ahead", daemon=True)
        self._thread.start()

    def take(self, content: bytes, file_label: str, ref: Reference | None, answers: FileAnswers) -> Extracted | None:
        """The answer read ahead for this very request, or None when it is not one of the list."""
        for n, (c, label, r, a) in enumerate(self._requests):
            if c is content and label == file_label and r is ref and a is answers:
                self._requests[n] = (b"", "", r, a)  # taken: a second identical call reads again
                try:
                    return self._futures[n].result()
                finally:
                    self._slots.release()
        return None

    def close(self) -> None:
        self._stopped.set()
        self._slots.release()  # a thread waiting for a slot sees the stop
        self._thread.join()

    def _run(self) -> None:
        for (content, label, ref, answers), future in zip(self._requests, self._futures, strict=True):
            self._slots.acquire()
            if self._stopped.is_set():
                return
            try:
                future.set_result(self._worker.read(content, label, ref, answers))
            except BaseException as exc:  # handed to the caller that takes it
                future.set_exception(exc)


@contextmanager
def read_ahead(requests: Sequence[Request]) -> Iterator[None]:
    """Within the block, :func:`take` gives the answers of ``requests`` read in the background."""
    ahead = ReadAhead(requests)
    token = _CURRENT.set(ahead)
    try:
        yield
    finally:
        _CURRENT.reset(token)
        ahead.close()


def take(content: bytes, file_label: str, ref: Reference | None, answers: FileAnswers) -> Extracted | None:
    """The answer read ahead for this request in the current ``read_ahead`` block, if any."""
    ahead = _CURRENT.get()
    return ahead.take(content, file_label, ref, answers) if ahead is not None else None
