"""Worker processes that prepare edition files for the index while SQLite writes.

A first start over a ten-year archive is CPU work in Python (reading, parsing,
folding, bigrams, vocabulary) and SQLite inserts, one core's worth in one
process. ``update()`` runs in a thread of the reader, so the workers are fresh
interpreters (``python -m jiangbei_reader.core.search.worker``), never a fork
of a Qt program; and, unlike ``multiprocessing``'s 'spawn', they do not import
the caller's main module again (a script that calls ``update()`` at the top
level would run once more in each worker).

The protocol is pickles over the worker's stdin and stdout: a task is
``(path, edition key, recorded sha256 or None)``, a reply the ``Prepared``
edition, or ``None`` when preparing raised (the caller then prepares that file
itself, and sees the error there). Tasks go round-robin to the workers and the
replies are read in task order.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])


class WorkerPool:
    """A few worker processes; ``submit`` tasks in order, read ``result`` in the same order."""

    def __init__(self, workers: int) -> None:
        env = dict(os.environ)
        # The workers import this very jiangbei_reader, wherever it was imported from.
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH", "")) if p
        )
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        self._procs: list[subprocess.Popen[bytes]] = []
        try:
            for _ in range(workers):
                self._procs.append(
                    subprocess.Popen(
                        [sys.executable, "-m", __name__],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        env=env,
                        creationflags=flags,
                    )
                )
        except BaseException:
            self.close(kill=True)
            raise
        self._submitted = 0
        self._read = 0

    @property
    def submitted(self) -> int:
        """How many tasks were submitted."""
        return self._submitted

    def submit(self, task: tuple[str, str, str | None]) -> None:
        """Send the next task to its worker (round-robin)."""
        stdin = self._stream(self._procs[self._submitted % len(self._procs)].stdin)
        pickle.dump(task, stdin, protocol=pickle.HIGHEST_PROTOCOL)
        stdin.flush()
        self._submitted += 1

    def result(self) -> Any:
        """The reply to the oldest task not read yet (blocks until it is there)."""
        stdout = self._stream(self._procs[self._read % len(self._procs)].stdout)
        self._read += 1
        return pickle.load(stdout)

    @staticmethod
    def _stream(stream: IO[bytes] | None) -> IO[bytes]:
        if stream is None:  # never: both pipes are made by Popen
            raise OSError("worker pipe closed")
        return stream

    def close(self, kill: bool = False) -> None:
        """Stop the workers: at once (``kill``: cancelled, or broken) or after their task."""
        for proc in self._procs:
            try:
                if kill:
                    proc.kill()
                elif proc.stdin is not None:
                    proc.stdin.close()
            except OSError:
                pass
        for proc in self._procs:
            try:
                proc.wait(timeout=None if kill else 10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:
                        pass
        self._procs = []


def main() -> None:
    """The worker: prepare each task read from stdin, reply on stdout, until EOF."""
    from jiangbei_reader.core.search.prepare import prepare

    tasks, replies = sys.stdin.buffer, sys.stdout.buffer
    # Nothing but replies on stdout: anything printed goes to stderr.
    sys.stdout = sys.stderr
    while True:
        try:
            task = pickle.load(tasks)
        except EOFError:
            return
        if task is None:
            return
        path, key, recorded = task
        try:
            reply: object = prepare(Path(path), key, recorded)
        except Exception:  # the caller prepares this file itself and sees the error
            log.exception("preparing %s failed", path)
            reply = None
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


if __name__ == "__main__":
    main()
