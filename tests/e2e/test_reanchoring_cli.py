"""End to end: highlights made through the real command line survive an edited re-import.

The program is started as a person would start it (`python -m reader`), against its own data
folder: import a copy of a sample article, highlight four passages, import an edited copy of
the same file (a sentence inserted before one quote, a word changed inside another, a
paragraph removed), and read back the statuses and spans.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
KEPT = "After almost a year in a deep freeze"
MOVED = "Moscow froze ties March 24 after NATO began bombing Yugoslavia."
EDITED = "Putin has several reasons for wanting to improve relations"
EDITED_NOW = "Putin has a number of reasons for wanting to improve relations"
GONE = "To get around the travel ban, Putin has made great play of inviting several"
INSERTED = "Diplomats in Brussels said on Monday that talks would resume within weeks. "
GONE_PARAGRAPH = (
    "To get around the travel ban, Putin has made great play of inviting several senior "
    "foreign dignitaries to Moscow.\n\n"
)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_json(env: dict[str, str], *args: str) -> Any:
    done = run(env, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_highlights_made_on_the_command_line_survive_an_edited_reimport(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "READER_DATA_DIR": str(tmp_path / "data"),
        "READER_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("READER_DB_URL", None)
    copy = tmp_path / "in" / "thaw.txt"
    copy.parent.mkdir()
    shutil.copy(REPO / "articles" / "nato-russia-thaw.txt", copy)

    (imported,) = run_json(env, "import", str(copy))
    # a new library starts with the samples, so the copy is a duplicate of one of them
    assert imported["status"] == "duplicate" and imported["article_id"] is not None
    article = str(imported["article_id"])
    made = {}
    for name, quote in (("kept", KEPT), ("moved", MOVED), ("edited", EDITED), ("gone", GONE)):
        created = run_json(env, "highlight", article, "--quote", quote, "--tag", name)
        assert created["status"] == "exact"
        made[name] = created["id"]
    ambiguous = run(env, "highlight", article, "--quote", "NATO")
    assert ambiguous.returncode == 1
    assert ambiguous.stderr.startswith("error: ") and "occurs" in ambiguous.stderr

    source = copy.read_text(encoding="utf-8")
    # the sentence goes at the start of MOVED's paragraph, so MOVED's own context changes too
    edited = source.replace(MOVED, INSERTED + MOVED).replace(EDITED, EDITED_NOW)
    copy.write_text(edited.replace(GONE_PARAGRAPH, ""), encoding="utf-8")
    (updated,) = run_json(env, "import", str(copy))
    assert updated["status"] == "updated"
    assert updated["article_id"] == imported["article_id"]
    assert "now version 2" in updated["message"]
    assert "1 highlight kept in place, 1 moved, 2 need review" in updated["message"]

    text = run_json(env, "show", article)["text"]
    listed = {h["id"]: h for h in run_json(env, "highlights", article)}
    assert set(listed) == set(made.values())
    kept, moved, fuzzy, gone = (listed[made[k]] for k in ("kept", "moved", "edited", "gone"))

    assert kept["status"] == "exact" and text[kept["start"] : kept["end"]] == KEPT
    assert moved["status"] == "moved" and text[moved["start"] : moved["end"]] == MOVED
    assert text[: moved["start"]].endswith(INSERTED)
    assert fuzzy["status"] == "fuzzy" and 0.7 <= fuzzy["score"] < 1
    now_at = text.index(EDITED_NOW)
    assert fuzzy["start"] < now_at + len(EDITED_NOW) and fuzzy["end"] > now_at
    assert "a number of" in text[fuzzy["start"] : fuzzy["end"]]
    assert gone["status"] == "orphan"
    assert 0 <= gone["start"] <= gone["end"] <= len(text)
    for h in (kept, moved, fuzzy, gone):
        assert len(h["tags"]) == 1  # nothing lost
    assert (fuzzy["exact"], gone["exact"]) == (EDITED, GONE)

    queue = run_json(env, "review")
    assert [(q["id"], q["status"]) for q in queue] == [
        (made["edited"], "fuzzy"),
        (made["gone"], "orphan"),
    ]
    summaries = run_json(env, "list")
    assert next(s for s in summaries if str(s["id"]) == article)["review_count"] == 2
