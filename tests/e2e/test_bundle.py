"""The desktop bundle: built by PyInstaller from packaging/reader.spec, then run as a person runs
it, from its own folder, with nothing of the development set-up around it (no .venv on PATH,
no PYTHONPATH, a home and library of its own).

The build takes about a minute on two cores; the module builds once for all its tests.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "reader.spec"

PAGE = """<html><head><title>Harbour plan approved</title>
<meta name="author" content="Jane Doe"></head>
<body><nav>Home | World | Sport | Weather</nav>
<article><h1>Harbour plan approved</h1>
<p>The city council approved the harbour plan on Tuesday after a long debate about costs and
the future of the old fish market beside the quay.</p>
<p>Supporters said the plan would bring jobs to the waterfront, while critics warned that the
budget was unrealistic and that the timetable was far too short for a project of its size.</p>
<p>Work is due to begin next spring, the mayor said, and the first ferries could use the new
quay within two years if the contractors keep to the plan.</p></article>
<footer>We use cookies. Accept all.</footer></body></html>
"""


NATIVE = "libreadernative.so.1"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle's executable, built into a temporary folder outside the repository."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is missing: it is a development dependency, run `make setup`")
    out = tmp_path_factory.mktemp("bundle")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "build"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    exe = out / "dist" / "reader" / ("reader.exe" if sys.platform == "win32" else "reader")
    assert exe.is_file(), f"no executable at {exe}"
    return exe


def _clean_env(root: Path) -> dict[str, str]:
    """Only what a desktop session would give: no virtual environment, no PYTHONPATH."""
    venv = Path(sys.prefix).resolve()
    path = [
        entry
        for entry in os.environ.get("PATH", os.defpath).split(os.pathsep)
        if entry and not Path(entry).resolve().is_relative_to(venv)
    ]
    for name in ("home", "data", "config"):
        (root / name).mkdir(parents=True, exist_ok=True)
    return {
        "PATH": os.pathsep.join(path),
        "HOME": str(root / "home"),
        "READER_DATA_DIR": str(root / "data"),
        "READER_CONFIG_DIR": str(root / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }


def _run(exe: Path, *args: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        cwd=root,
        env=_clean_env(root),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _articles(folder: Path, count: int) -> None:
    """`count` distinct plain-text articles: a batch large enough for the worker processes."""
    words = ["council", "harbour", "river", "school", "market", "bridge", "ferry", "mayor"]
    rng = random.Random(9)
    folder.mkdir()
    for n in range(count):
        paragraphs = [" ".join(rng.choice(words) for _ in range(50)) + "." for _ in range(4)]
        text = f"Town story number {n}\n\nBy A Reporter\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"story-{n:02d}.txt").write_text(text, encoding="utf-8")


def test_the_bundle_says_its_version(bundle: Path, tmp_path: Path) -> None:
    done = _run(bundle, "--version", root=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"reader {__version__}"


def test_the_bundle_carries_the_licence_texts(bundle: Path) -> None:
    licences = next(bundle.parent.glob("*/licenses"))
    ebooklib = (licences / "EbookLib" / "LICENSE.txt").read_text(encoding="utf-8")
    assert "GNU AFFERO GENERAL PUBLIC LICENSE" in ebooklib
    for name in ("Python", "SQLAlchemy", "trafilatura", "psycopg", "pypdfium2"):
        assert any((licences / name).rglob("*")), f"no licence text for {name}"


def test_the_bundle_imports_articles_and_web_pages(bundle: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(REPO / "articles", inbox / "samples")
    (inbox / "harbour.html").write_text(PAGE, encoding="utf-8")
    _articles(inbox / "batch", 60)  # over 50 files: parsed in worker processes

    done = _run(bundle, "import", "--json", "--allow-duplicates", str(inbox), root=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 63
    assert {row["status"] for row in rows} == {"imported"}, [
        row for row in rows if row["status"] != "imported"
    ]
    page = next(row for row in rows if row["path"].endswith("harbour.html"))
    assert page["message"] == "imported: Harbour plan approved"
    log = (tmp_path / "data" / "logs" / "reader.log").read_text(encoding="utf-8")
    assert "worker processes failed" not in log

    listed = _run(bundle, "list", "--json", root=tmp_path)
    assert listed.returncode == 0, listed.stderr
    titles = [article["title"] for article in json.loads(listed.stdout)]
    # The new library started with the sample articles shipped in the bundle, then the import.
    assert len(titles) == 2 + 63
    assert titles.count("NATO and Russia Revive Relations") == 2

    suggested = _run(bundle, "entity", "suggest", "--json", root=tmp_path)
    assert suggested.returncode == 0, suggested.stderr
    kinds = {row["name"]: row["kind"] for row in json.loads(suggested.stdout)}
    assert kinds.get("Moscow") == "place"  # the gazetteer's data came along

    found = _run(bundle, "search", "--json", '"plan approved"', root=tmp_path)
    assert found.returncode == 0, found.stderr
    assert [hit["title"] for hit in json.loads(found.stdout)] == ["Harbour plan approved"]
    log = (tmp_path / "data" / "logs" / "reader.log").read_text(encoding="utf-8")
    assert "native search functions not loaded" not in log
    if os.environ.get("CI") or (REPO / "src" / "reader" / "native" / NATIVE).is_file():
        assert list(bundle.parent.rglob(NATIVE)), "the bundle lacks Reader's native helpers"


def test_the_bundle_draws_its_window(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    done = _run(bundle, "screenshot", str(out), root=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _png_size(out) == (1400, 900)
    assert out.stat().st_size > 20_000  # a drawn window, not a blank image
