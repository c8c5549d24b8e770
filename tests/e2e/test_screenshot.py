"""End to end: the real program, started as a person would, draws its window into a PNG."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_screenshot_of_a_new_library_shows_the_samples(tmp_path: Path) -> None:
    env = {**os.environ, "READER_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    out = tmp_path / "window.png"
    done = _run("screenshot", str(out), "--size", "1200x800", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert _png_size(out) == (1200, 800)
    assert out.stat().st_size > 20_000  # a drawn window, not a blank image

    listed = _run("list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    assert '"NATO and Russia Revive Relations"' in listed.stdout


def test_screenshot_of_an_unknown_article_fails_with_a_reason(tmp_path: Path) -> None:
    env = {**os.environ, "READER_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    done = _run("screenshot", str(tmp_path / "x.png"), "--article", "999", env=env)
    assert done.returncode == 1
    assert done.stderr.strip() == "error: no article with id 999"
    assert not (tmp_path / "x.png").exists()
