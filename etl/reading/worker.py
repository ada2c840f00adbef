"""Files are read in a worker process, so that whatever a file does, its caller survives.

One long-lived worker per command or server (imports are paid once), reused across files
and limited in memory (RLIMIT_AS) and time. When a file kills the worker (a native reader
aborting on a failed allocation, the memory limit, a crash) or takes too long, that file gets
one file-level issue and a fresh worker reads the next file. The limits are settings
(``worker_memory_mb``, ``worker_timeout_s``; docs/limits.md). ``reading_worker = 0`` reads in
the calling process (for debugging).

The protocol is a length-prefixed pickle per message over the worker's stdin/stdout: the
parent only unpickles what its own child wrote.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any, cast

from etl import settings
from etl.issues import make_issue
from etl.questions import NO_ANSWERS, FileAnswers
from etl.reading.read_ahead import take
from etl.records import Extracted
from etl.reference.model import Reference

_HEADER = struct.Struct("!Q")
_ROOT = Path(__file__).resolve().parents[2]
_MEMORY_SIGNALS = {signal.SIGABRT, signal.SIGKILL}  # an allocation failed (abort) or the kernel killed it


class WorkerDied(Exception):
    """The worker ended without an answer: ``reason`` is "memory", "timeout" or "crash"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


class ReadingWorker:
    """A reader process; ``read`` sends it one file and waits for its Extracted (thread-safe)."""

    def __init__(self, memory_mb: float | None = None, timeout_s: float | None = None) -> None:
        self.memory_mb = settings.get("worker_memory_mb") if memory_mb is None else memory_mb
        self.timeout_s = timeout_s
        self.started = 0  # how many processes this worker has started (a fresh one after each death)
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def read(
        self, content: bytes, file_label: str, ref: Reference | None = None, answers: FileAnswers = NO_ANSWERS
    ) -> Extracted:
        timeout = settings.get("worker_timeout_s") if self.timeout_s is None else self.timeout_s
        with self._lock:
            try:
                status, payload = self._call((content, file_label, ref, answers), timeout)
            except WorkerDied as died:
                self._stop()
                return _refused(died.reason, file_label, died.detail, self.memory_mb, timeout)
            if status == "memory":
                self._stop()  # it is leaving: the next file gets a fresh one
        if status == "ok":
            extracted, used = cast(tuple[Extracted, dict[tuple[str, str], str]], payload)
            answers.used.update(used)  # the answers the reader looked up, for the batch's record
            return extracted
        return _refused(status, file_label, str(payload), self.memory_mb, timeout)

    def start(self) -> None:
        """Start the process now (its imports overlap the caller's work), if it is not running."""
        with self._lock:
            self._running()

    def close(self) -> None:
        with self._lock:
            self._stop()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def _call(self, request: object, timeout: float) -> tuple[str, Any]:
        proc = self._running()
        assert proc.stdin is not None and proc.stdout is not None
        deadline = time.monotonic() + timeout
        try:
            _send(proc.stdin, request)
        except (BrokenPipeError, OSError) as exc:
            raise self._death(proc) from exc
        try:
            return cast(tuple[str, Any], _receive(proc.stdout, deadline))
        except TimeoutError as exc:
            raise WorkerDied("timeout") from exc
        except EOFError as exc:
            raise self._death(proc) from exc

    def _death(self, proc: subprocess.Popen[bytes]) -> WorkerDied:
        try:
            code = proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return WorkerDied("crash", "tiến trình đọc không trả lời")
        if code < 0 and -code in _MEMORY_SIGNALS:
            return WorkerDied("memory", signal.Signals(-code).name)
        return WorkerDied("crash", f"mã thoát {code}")

    def _running(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            # The project root on the path: a server started from another directory (streamlit run
            # /path/dashboard.py) imports the project through its script's folder, the worker cannot.
            path = os.pathsep.join(p for p in (str(_ROOT), os.environ.get("PYTHONPATH", "")) if p)
            env = {**os.environ, "PYTHONPATH": path, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "etl.reading.worker", str(int(self.memory_mb))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                close_fds=True,
            )
            self.started += 1
        return self._proc

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()


def _refused(reason: str, file_label: str, detail: str, memory_mb: float, timeout: float) -> Extracted:
    codes = {"memory": "reading-out-of-memory", "timeout": "reading-timed-out", "crash": "reading-crashed"}
    issue = make_issue(
        codes.get(reason, "reading-failed"),
        file=file_label,
        detail=detail,
        limit_mb=f"{memory_mb:g}",
        limit_s=f"{timeout:g}",
    )
    return Extracted("unknown", issues=[issue])


def _send(pipe: IO[bytes], message: object) -> None:
    blob = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_HEADER.pack(len(blob)) + blob)
    pipe.flush()


def _receive(pipe: IO[bytes], deadline: float | None) -> object:
    header = _read_exactly(pipe, _HEADER.size, deadline)
    return pickle.loads(_read_exactly(pipe, _HEADER.unpack(header)[0], deadline))


def _read_exactly(pipe: IO[bytes], n: int, deadline: float | None) -> bytes:
    parts, left, fd = [], n, pipe.fileno()
    while left:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


_SHARED: list[ReadingWorker] = []
_SHARED_LOCK = threading.Lock()


def shared_worker() -> ReadingWorker:
    """The process's one worker (a CLI command's or a server's), started on first use."""
    with _SHARED_LOCK:
        if not _SHARED:
            _SHARED.append(ReadingWorker())
            atexit.register(_SHARED[0].close)
        return _SHARED[0]


def read_isolated(
    content: bytes, file_label: str, ref: Reference | None = None, answers: FileAnswers = NO_ANSWERS
) -> Extracted:
    """``read_any`` in the shared worker (or here, when the ``reading_worker`` setting is 0); the
    answer read ahead when the caller listed this request in ``read_ahead`` (etl/reading/read_ahead.py)."""
    if not settings.get("reading_worker"):
        from etl.reading.ingest import read_any

        return read_any(content, file_label, ref, answers)
    ahead = take(content, file_label, ref, answers)
    return ahead if ahead is not None else shared_worker().read(content, file_label, ref, answers)


def _serve(memory_mb: int) -> None:
    """The worker's loop: one request in, one answer out, until its parent closes the pipe."""
    import resource

    from etl.reading.ingest import read_any

    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers on the answer pipe
    while True:
        try:
            request = cast(tuple[bytes, str, "Reference | None", FileAnswers], _receive(stdin, None))
        except EOFError:
            return
        try:
            answer: tuple[str, object] = ("ok", (read_any(*request), request[3].used))
        except MemoryError:
            _send(stdout, ("memory", "MemoryError"))
            return  # a process that ran out of memory is not trusted with the next file
        except Exception as exc:  # the reader's own bug on this file: reported, the worker lives on
            answer = ("failed", f"{type(exc).__name__}: {exc}"[:300])
        del request
        _send(stdout, answer)


if __name__ == "__main__":
    _serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
