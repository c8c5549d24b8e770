"""Opening the window on a large library against a small one (issue 7).

The window must not slow down as the library grows: opening it on 100,000 articles should
take at most 1.5 times as long as on 1,000. Both are timed the way `startup` times the app
(spawn to the READY line: the window shown with the first page of its list filled), in
runs that alternate between the two libraries so that a busy moment on the machine hits both
alike, after one untimed run of each.

That untimed run may be long: on the first open of a day the app copies the library file
into its backups folder (a few gigabytes at 100,000 articles), which the timed runs then
find done. The libraries are copies of the cached ones, so the cache is never written to.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import build_library, log
from benchmarks.process import ChildRun, run_child
from benchmarks.startup import _environment, _failure

TARGET_RATIO = 1.5
SMALL_LIBRARY = 1000
WARM_UP_TIMEOUT_S = 900.0  # may include the daily copy of a multi-gigabyte library
RUN_TIMEOUT_S = 60.0


def _open(library: Path, config: Path, timeout: float) -> ChildRun:
    env = _environment(config, library)
    run = run_child([sys.executable, "-m", "reader", "--data-dir", str(library)], env, timeout)
    if not run.ok:
        raise RuntimeError(_failure(f"python -m reader on {library.name}", run))
    return run


def _shown(run: ChildRun) -> float:
    return run.shown_ms or run.wall_ms


def measure_window_size(small: int, large: int, runs: int) -> dict[str, object]:
    timings: dict[int, list[float]] = {small: [], large: []}
    rss: dict[int, list[int]] = {small: [], large: []}
    with tempfile.TemporaryDirectory(prefix="reader-bench-window-size-") as scratch:
        folder = Path(scratch)
        libraries = {}
        for count in (small, large):
            log(f"window_size: copying the {count}-article library")
            libraries[count] = folder / f"library-{count}"
            build_library(libraries[count], count)
        config = folder / "config"
        config.mkdir()
        for count in (small, large):
            _open(libraries[count], config, WARM_UP_TIMEOUT_S)
        for index in range(runs):
            for count in (small, large) if index % 2 == 0 else (large, small):
                run = _open(libraries[count], config, RUN_TIMEOUT_S)
                timings[count].append(_shown(run))
                rss[count].append(run.peak_rss_kb)
            log(
                f"window_size run {index + 1}/{runs}: {small} articles "
                f"{timings[small][-1]:.0f} ms, {large} articles {timings[large][-1]:.0f} ms"
            )
    small_ms = statistics.median(timings[small])
    large_ms = statistics.median(timings[large])
    ratio = large_ms / small_ms
    return {
        "measured": "median ms from spawn until the READY line (window shown, list filled), "
        "runs alternating between the two libraries",
        "runs": runs,
        "small_library_articles": small,
        "large_library_articles": large,
        "small_ms": round(small_ms, 1),
        "large_ms": round(large_ms, 1),
        "small_ms_all": [round(t, 1) for t in timings[small]],
        "large_ms_all": [round(t, 1) for t in timings[large]],
        "small_peak_rss_mb": round(max(rss[small]) / 1024, 1),
        "large_peak_rss_mb": round(max(rss[large]) / 1024, 1),
        "ratio": round(ratio, 2),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
    }
