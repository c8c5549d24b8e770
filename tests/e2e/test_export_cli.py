"""End to end: the real program exports a brief in every format, backs the library up and
restores it elsewhere, and says clearly when the output folder does not exist."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

QUOTE = "Both sides made clear, though"


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "READER_DATA_DIR": str(tmp_path / "data"),
        "READER_CONFIG_DIR": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def test_export_backup_and_restore_from_the_command_line(
    env: dict[str, str], tmp_path: Path
) -> None:
    listed = json.loads(run(env, "list", "--json").stdout)
    article = next(a for a in listed if a["title"] == "NATO and Russia Revive Relations")
    made = run(
        env,
        "highlight",
        str(article["id"]),
        "--quote",
        QUOTE,
        "--tag",
        "russia",
        "--note",
        "# Not a heading\n<script>alert(1)</script>",
    )
    assert made.returncode == 0, made.stderr
    for fmt in ("md", "html", "pdf", "jsonld"):
        out = tmp_path / f"brief.{fmt}"
        done = run(env, "export", "--tag", "russia", "--format", fmt, "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 200
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert md.startswith("# Brief: russia\n") and f"> {QUOTE}" in md
    assert "<script>" not in (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")

    missing = run(env, "export", "--format", "md", "-o", str(tmp_path / "nope" / "b.md"))
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [f"error: {tmp_path / 'nope'}: no such folder"]

    archive = tmp_path / "library.zip"
    assert run(env, "backup", str(archive)).returncode == 0
    refused = run(env, "restore", str(archive))
    assert refused.returncode == 1 and "--merge" in refused.stderr
    elsewhere = {**env, "READER_DATA_DIR": str(tmp_path / "elsewhere")}
    restored = run(elsewhere, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    highlights = json.loads(run(elsewhere, "highlights", "--json").stdout)
    assert [(h["exact"], h["tags"]) for h in highlights] == [(QUOTE, ["russia"])]
