"""The worker processes that parse a large batch run at a lower priority than the process
that stores what they parse."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from reader.ingest import files


def _niceness() -> int:
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_workers_yield_to_the_storing_process() -> None:
    here = os.nice(0)
    with ProcessPoolExecutor(
        max_workers=1, mp_context=files._context(), initializer=files._lower_priority
    ) as pool:
        there = pool.submit(_niceness).result()
    assert there == min(19, here + files.WORKER_NICENESS)
    assert os.nice(0) == here  # this process keeps its own priority
