"""Slowing down repeated failed sign-ins, per user name (shared by every session of the process).

The first few failures cost only the password check itself; after that each
further failure doubles the wait before the next attempt is even checked, up
to a cap. A success clears the count.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

FREE_FAILURES = 3
FIRST_WAIT_SECONDS = 2.0
MAX_WAIT_SECONDS = 300.0


@dataclass
class _State:
    failures: int = 0
    next_allowed: float = 0.0


@dataclass
class Throttle:
    free_failures: int = FREE_FAILURES
    first_wait: float = FIRST_WAIT_SECONDS
    max_wait: float = MAX_WAIT_SECONDS
    _states: dict[str, _State] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_seconds(self, key: str, now: float) -> float:
        """How long until an attempt for this key is accepted (0: now)."""
        with self._lock:
            state = self._states.get(key)
            return max(0.0, state.next_allowed - now) if state else 0.0

    def record_failure(self, key: str, now: float) -> float:
        """Count a failure; returns the wait imposed before the next attempt."""
        with self._lock:
            state = self._states.setdefault(key, _State())
            state.failures += 1
            extra = state.failures - self.free_failures
            wait = 0.0 if extra <= 0 else min(self.max_wait, self.first_wait * 2 ** (extra - 1))
            state.next_allowed = now + wait
            return wait

    def record_success(self, key: str) -> None:
        with self._lock:
            self._states.pop(key, None)
