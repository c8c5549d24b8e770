"""Running a child process and timing it from spawn to exit, with its own peak memory.

Start-up is timed from outside, on this process's clock, from just before spawning to the
moment the child's "READY" line reaches us (the window is up), and on to the moment the
child is reaped (exit). Both include interpreter start and imports, which an in-process
timer cannot see, and both are measured the same way for the app and the bare Qt window.

Peak RSS comes from the child's "READY <ms> <peak_rss_kb>" line when it prints one, and
otherwise from the kernel: `os.wait4` returns the resource usage of that one child, which is
sharper than getrusage(RUSAGE_CHILDREN) (the maximum over every child reaped so far).
"""

from __future__ import annotations

import os
import re
import resource
import select
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_READY_LINE = re.compile(rb"^READY [^\n]*\n", re.MULTILINE)


class ChildTimeoutError(Exception):
    """The child did not exit in time; it has been killed."""


@dataclass(frozen=True)
class ChildRun:
    wall_ms: float  # spawn to exit, measured here
    shown_ms: float | None  # spawn to the READY line reaching us, measured here
    returncode: int
    stdout: str
    stderr: str
    wait4_maxrss_kb: int  # from the kernel, for this child only
    ready_ms: float | None  # the child's own figure from its READY line, if any
    ready_rss_kb: int | None

    @property
    def peak_rss_kb(self) -> int:
        return self.ready_rss_kb if self.ready_rss_kb else self.wait4_maxrss_kb

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.ready_ms is not None


def _parse_ready(stdout: str) -> tuple[float | None, int | None]:
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "READY":
            try:
                return float(parts[1]), int(float(parts[2]))
            except ValueError:
                return None, None
    return None, None


def _pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux, or a kernel before 5.3
        return None


@dataclass(frozen=True)
class _Watched:
    stdout: str
    status: int
    usage: resource.struct_rusage
    ready_at: float | None
    exited_at: float


def _watch(proc: subprocess.Popen[bytes], timeout: float) -> _Watched:
    """Reads the child's stdout as it comes, notes when the READY line arrives, and reaps the
    child with its rusage. A pidfd lets select() wake at the exit without polling; without
    one, poll every millisecond (good enough for figures in the hundreds of ms)."""
    assert proc.stdout is not None
    pipe = proc.stdout.fileno()
    pidfd = _pidfd(proc.pid)
    deadline = time.monotonic() + timeout
    output = b""
    ready_at: float | None = None
    reading = True
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChildTimeoutError
            fds = ([pipe] if reading else []) + ([pidfd] if pidfd is not None else [])
            wait = remaining if pidfd is not None else min(remaining, 0.001)
            readable, _, _ = select.select(fds, [], [], wait)
            if pipe in readable:
                chunk = os.read(pipe, 65536)
                output += chunk
                reading = bool(chunk)
                if ready_at is None and _READY_LINE.search(output):
                    ready_at = time.perf_counter()
            if pidfd is None or pidfd in readable:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    exited_at = time.perf_counter()
                    break
    finally:
        if pidfd is not None:
            os.close(pidfd)
    output += proc.stdout.read()  # whatever the child wrote just before it exited
    return _Watched(output.decode("utf-8", "replace"), status, usage, ready_at, exited_at)


def run_child(argv: Sequence[str], env: Mapping[str, str], timeout: float = 120.0) -> ChildRun:
    """Runs `argv` to completion. Stderr goes to a temporary file, so it can never fill a pipe
    and block the child; stdout is read here as it comes, to time the READY line."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            argv, env=dict(env), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err
        )
        assert proc.stdout is not None
        with proc.stdout:
            try:
                watched = _watch(proc, timeout)
            except ChildTimeoutError:
                proc.kill()
                proc.wait()
                raise
        proc.returncode = os.waitstatus_to_exitcode(watched.status)  # reaped: Popen must not
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    ready_ms, ready_rss = _parse_ready(watched.stdout)
    return ChildRun(
        wall_ms=(watched.exited_at - started) * 1000,
        shown_ms=None if watched.ready_at is None else (watched.ready_at - started) * 1000,
        returncode=proc.returncode,
        stdout=watched.stdout,
        stderr=stderr,
        wait4_maxrss_kb=watched.usage.ru_maxrss,
        ready_ms=ready_ms,
        ready_rss_kb=ready_rss,
    )


def children_peak_rss_kb() -> int:
    """The largest peak RSS of any child reaped so far (the brief's coarse fallback)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
