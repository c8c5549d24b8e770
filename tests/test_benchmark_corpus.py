"""The benchmark corpus is what the figures rest on: distinct, importable news-like articles."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import write_corpus
from reader.services.importing import ImportStatus, import_paths
from reader.services.library import open_library


def test_generated_articles_import_as_distinct_articles(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "corpus", 40, seed=3)
    assert len(files) == 40
    again = write_corpus(tmp_path / "again", 40, seed=3)
    assert [f.read_bytes() for f in files] == [f.read_bytes() for f in again]  # deterministic
    library = open_library(data_dir=tmp_path / "lib", with_samples=False)
    report = import_paths(library, [tmp_path / "corpus"])
    library.close()
    assert [r.status for r in report.results] == [ImportStatus.IMPORTED] * 40
