"""Start-up time and memory of the app with a large library, beside a bare Qt window.

The absolute start-up time says more about the machine than about Reader, so the figure that
has a target is the ratio to the cheapest possible PySide6 window started the same way in the
same run. Runs of the two alternate, so a busy moment on the machine hits both alike, and one
untimed run of each comes first, so neither pays alone for a cold disk cache or .pyc files.

The app's part of the contract (READER_QUIT_WHEN_READY=1): quit with exit code 0 as soon as
the main window is shown and the first page of the article list is filled, after printing
`READY <ms> <peak_rss_kb>` on stdout.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import log
from benchmarks.process import ChildRun, ChildTimeoutError, children_peak_rss_kb, run_child

TARGET_RATIO = 2.0
TARGET_PEAK_RSS_MB = 250.0
RUN_TIMEOUT_S = 60.0  # a hung app (no READY hook) must not stall the run

BARE_QT = """\
import resource, sys, time
started = time.perf_counter()
from PySide6.QtWidgets import QApplication, QListView, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QListView())
window.show()
app.processEvents()
elapsed = (time.perf_counter() - started) * 1000
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open("/proc/self/status", encoding="ascii") as status:
    peak = next((int(l.split()[1]) for l in status if l.startswith("VmHWM:")), peak)
print(f"READY {elapsed:.1f} {peak}", flush=True)
"""


@dataclass
class StartupRuns:
    """Timed runs of both programs; `error` says why the app's runs stopped, if they did."""

    library_articles: int
    reader: list[ChildRun] = field(default_factory=list)
    bare: list[ChildRun] = field(default_factory=list)
    error: str | None = None


def _environment(config_dir: Path, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        READER_QUIT_WHEN_READY="1",
        READER_CONFIG_DIR=str(config_dir),  # never the person's settings
        READER_DATA_DIR=str(data_dir),  # logs land beside the benchmark library
    )
    return env


def _failure(what: str, run: ChildRun) -> str:
    tail = " | ".join(run.stderr.strip().splitlines()[-4:])
    return (
        f"{what} exited {run.returncode} without a READY line"
        f" (stdout: {run.stdout.strip()[:200]!r}; stderr tail: {tail[:600]!r})"
    )


def _run(argv: list[str], env: dict[str, str], what: str) -> tuple[ChildRun | None, str | None]:
    try:
        run = run_child(argv, env, RUN_TIMEOUT_S)
    except ChildTimeoutError:
        return (
            None,
            f"{what} did not exit within {RUN_TIMEOUT_S:.0f} s"
            " (is READER_QUIT_WHEN_READY honoured?)",
        )
    if not run.ok:
        return None, _failure(what, run)
    return run, None


def run_startup(library_dir: Path, library_articles: int, runs: int) -> StartupRuns:
    """Alternating timed runs of the app on `library_dir` and of the bare window."""
    result = StartupRuns(library_articles)
    with tempfile.TemporaryDirectory(prefix="reader-bench-config-") as config:
        env = _environment(Path(config), library_dir)
        reader = [sys.executable, "-m", "reader", "--data-dir", str(library_dir)]
        bare = [sys.executable, "-c", BARE_QT]
        for index in range(runs + 1):  # run 0 warms the caches and is not counted
            label = "warm-up" if index == 0 else f"run {index}/{runs}"
            bare_run, error = _run(bare, env, "the bare Qt window")
            if bare_run is None:
                raise RuntimeError(error)
            if result.error is None:
                reader_run, result.error = _run(reader, env, "python -m reader")
            else:
                reader_run = None
            if index:
                result.bare.append(bare_run)
                if reader_run is not None:
                    result.reader.append(reader_run)
            shown = _progress(reader_run) if reader_run else "failed"
            log(f"startup {label}: bare Qt {_progress(bare_run)}, reader {shown}")
    return result


def _progress(run: ChildRun) -> str:
    return f"shown at {run.shown_ms or 0:.0f} ms, exited at {run.wall_ms:.0f} ms"


def _ms(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def startup_figures(runs: StartupRuns) -> dict[str, object]:
    """Medians to the window shown (the target) and, for the record, to the process exit."""
    bare = _ms([r.shown_ms or r.wall_ms for r in runs.bare])
    bare_exit = _ms([r.wall_ms for r in runs.bare])
    figures: dict[str, object] = {
        "library_articles": runs.library_articles,
        "runs": len(runs.bare),
        "measured": "median ms from spawn until the READY line arrives (window shown, list "
        "filled), on the benchmark's clock; *_exit_ms: until the process has exited",
        "bare_qt_ms": bare,
        "bare_qt_ms_all": [round(r.shown_ms or r.wall_ms, 1) for r in runs.bare],
        "bare_qt_exit_ms": bare_exit,
        "target_ratio": TARGET_RATIO,
    }
    if runs.error is not None or not runs.reader:
        figures.update(reader_ms=None, ratio=None, meets_target=False, error=runs.error)
        return figures
    reader = _ms([r.shown_ms or r.wall_ms for r in runs.reader])
    reader_exit = _ms([r.wall_ms for r in runs.reader])
    ratio = reader / bare
    figures.update(
        reader_ms=reader,
        reader_ms_all=[round(r.shown_ms or r.wall_ms, 1) for r in runs.reader],
        reader_exit_ms=reader_exit,
        reader_self_reported_ready_ms=_ms([r.ready_ms or 0.0 for r in runs.reader]),
        ratio=round(ratio, 2),
        ratio_to_exit=round(reader_exit / bare_exit, 2),
        meets_target=ratio <= TARGET_RATIO,
    )
    return figures


def memory_figures(runs: StartupRuns) -> dict[str, object]:
    figures: dict[str, object] = {
        "library_articles": runs.library_articles,
        "target_mb": TARGET_PEAK_RSS_MB,
        "bare_qt_peak_rss_mb": _mb(max(r.peak_rss_kb for r in runs.bare)) if runs.bare else None,
    }
    if runs.error is not None or not runs.reader:
        figures.update(
            peak_rss_mb=None,
            meets_target=False,
            error=runs.error,
            any_child_peak_rss_mb=_mb(children_peak_rss_kb()),
        )
        return figures
    peak = max(r.peak_rss_kb for r in runs.reader)
    lifetime = max(r.wait4_maxrss_kb for r in runs.reader)
    figures.update(
        peak_rss_mb=_mb(peak),
        source="READY line" if all(r.ready_rss_kb for r in runs.reader) else "wait4 rusage",
        peak_rss_mb_until_exit=_mb(lifetime),
        meets_target=_mb(peak) <= TARGET_PEAK_RSS_MB,
    )
    return figures


def _mb(kb: int) -> float:
    return round(kb / 1024, 1)
