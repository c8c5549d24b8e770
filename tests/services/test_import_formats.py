"""Importing what analysts have: web pages, feeds, EPUB and PDF in one batch, duplicates
caught, bad files refused one by one with no trace, large batches parsed on both cores."""

from __future__ import annotations

import builtins
import io
import os
import random
import zipfile
from pathlib import Path

import pytest

from benchmarks.webpages import page
from reader.core.errors import InputError
from reader.ingest import files as ingest_files
from reader.services import articles as article_service
from reader.services.importing import ImportReport, ImportStatus, import_paths, reextract
from reader.services.library import Library
from tests.ingest.pdfmaker import make_pdf, text_page
from tests.ingest.test_epub import make_book
from tests.ingest.test_feeds import RSS

STORY = "Storm Hits Coast\n\nA strong storm hit the coast overnight.\n\nPower was cut to homes.\n"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def by_name(report: ImportReport) -> dict[str, tuple[ImportStatus, str]]:
    return {Path(r.path).name: (r.status, r.message) for r in report.results}


def long_story(seed: int) -> tuple[str, list[str]]:
    saved = page(random.Random(f"dup/{seed}"), "blog")
    return saved.title, saved.paragraphs


def as_text(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def test_a_mixed_folder_imports_every_format(empty_library: Library, tmp_path: Path) -> None:
    saved = page(random.Random("mixed"), "newsroom")
    write(tmp_path, "in/page.html", saved.html)
    write(tmp_path, "in/feeds/gazette.xml", RSS)
    write(tmp_path, "in/book.epub", make_book([("One", "<p>Chapter one text is here.</p>")]))
    pdf = make_pdf([text_page([["Report Title"], ["The report says the plan works well."]])])
    write(tmp_path, "in/report.pdf", pdf)
    report = import_paths(empty_library, [tmp_path / "in"])
    rows = [(Path(r.path).name, r.status, r.message) for r in report.results]
    assert rows == [
        ("book.epub", ImportStatus.IMPORTED, "imported: Field Notes"),
        ("gazette.xml#1", ImportStatus.IMPORTED, "imported: River Floods Town"),
        (
            "gazette.xml#2",
            ImportStatus.IMPORTED,
            "imported: Market Day Moves (summary only: the feed has no full text for this entry)",
        ),
        ("page.html", ImportStatus.IMPORTED, f"imported: {saved.title}"),
        ("report.pdf", ImportStatus.IMPORTED, "imported: Report Title"),
    ]
    river = report.results[1].article_id
    assert river is not None
    article = article_service.get_article(empty_library, river)
    assert article.source == "Valley Gazette" and article.byline == "Ann Lee"

    again = import_paths(empty_library, [tmp_path / "in"])
    assert [r.status for r in again.results] == [ImportStatus.UNCHANGED] * 5


def test_an_edited_feed_updates_only_the_entry_that_changed(
    empty_library: Library, tmp_path: Path
) -> None:
    feed = write(tmp_path, "gazette.rss", RSS)
    first = import_paths(empty_library, [feed])
    write(tmp_path, "gazette.rss", RSS.replace("moves to Fridays", "moves to Saturdays"))
    second = import_paths(empty_library, [feed])
    assert [r.status for r in second.results] == [ImportStatus.UNCHANGED, ImportStatus.UPDATED]
    assert second.results[1].article_id == first.results[1].article_id
    assert second.results[1].path.endswith("gazette.rss#2")


# -- duplicates ---------------------------------------------------------------------------


def test_a_republished_copy_with_a_banner_and_a_correction_is_a_near_duplicate(
    empty_library: Library, tmp_path: Path
) -> None:
    title, paragraphs = long_story(1)
    original = write(tmp_path, "original.txt", as_text(title, paragraphs))
    edited = [*paragraphs]
    edited[2] = edited[2].replace(" the ", " a ", 1) + " A correction was appended later."
    copy = write(
        tmp_path,
        "copy/republished.txt",
        "Syndicated from the wires\n\n" + as_text(title, edited),
    )
    other_title, other = long_story(2)
    different = write(tmp_path, "other.txt", as_text(other_title, other))
    report = import_paths(empty_library, [original, copy, different])
    original_id = report.results[0].article_id
    status, message = by_name(report)["republished.txt"]
    assert status is ImportStatus.DUPLICATE
    assert message.startswith(f"near-duplicate of {original_id} (")
    percent = int(message.split("(")[1].split("%")[0])
    assert 80 <= percent <= 99
    assert by_name(report)["other.txt"][0] is ImportStatus.IMPORTED
    assert article_service.count(empty_library) == 2

    allowed = import_paths(empty_library, [copy], allow_duplicates=True)
    assert [r.status for r in allowed.results] == [ImportStatus.IMPORTED]


def test_bands_follow_the_text_on_update_and_go_with_the_article(
    empty_library: Library, tmp_path: Path
) -> None:
    title, paragraphs = long_story(3)
    path = write(tmp_path, "story.txt", as_text(title, paragraphs))
    article_id = import_paths(empty_library, [path]).results[0].article_id
    assert article_id is not None
    # the same file, rewritten: an update, never a duplicate of its own old text
    _, other = long_story(4)
    write(tmp_path, "story.txt", as_text(title, other))
    assert [r.status for r in import_paths(empty_library, [path]).results] == [ImportStatus.UPDATED]
    # a copy of the old text is no longer a near-duplicate of anything; of the new one it is
    old = write(tmp_path, "old.txt", as_text(title + " (old)", paragraphs))
    new = write(tmp_path, "new.txt", as_text(title + " (new)", other[:-1]))
    statuses = by_name(import_paths(empty_library, [old, new]))
    assert statuses["old.txt"][0] is ImportStatus.IMPORTED
    assert statuses["new.txt"] == (
        ImportStatus.DUPLICATE,
        statuses["new.txt"][1],
    ) and statuses["new.txt"][1].startswith(f"near-duplicate of {article_id}")
    with empty_library.unit() as unit:
        unit.articles.delete(article_id)
    again = import_paths(empty_library, [new])
    assert [r.status for r in again.results] == [ImportStatus.IMPORTED]


# -- re-extraction --------------------------------------------------------------------------


def test_reextract_stores_a_new_version_only_when_the_text_changes(
    empty_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = page(random.Random("reextract"), "magazine")
    path = write(tmp_path, "page.html", saved.html)
    article_id = import_paths(empty_library, [path]).results[0].article_id
    assert article_id is not None
    path.unlink()  # the raw page kept in the library is what is read again
    same = reextract(empty_library, article_id)
    assert [r.status for r in same.results] == [ImportStatus.UNCHANGED]

    from reader.ingest import htmlblocks

    real = htmlblocks.text_blocks

    def better(root: object) -> list[htmlblocks.TextBlock]:  # a "new extractor"
        return [b for b in real(root) if "correction" not in b.text.casefold()][:-1]  # type: ignore[arg-type]

    monkeypatch.setattr("reader.ingest.webpage.text_blocks", better)
    changed = reextract(empty_library, article_id)
    assert [r.status for r in changed.results] == [ImportStatus.UPDATED]
    assert "now version 2" in changed.results[0].message
    assert changed.changes.articles_changed == {article_id}
    assert article_service.get_article(empty_library, article_id).version == 2


# -- bad input: each refused with one line, the batch goes on, nothing stored ---------------


def _batch_with(empty_library: Library, tmp_path: Path, bad: Path) -> tuple[str, ImportStatus]:
    good = write(tmp_path, "good.txt", STORY)
    report = import_paths(empty_library, [bad, good])
    results = {r.path: r for r in report.results}
    assert results[str(good)].status is ImportStatus.IMPORTED
    assert article_service.count(empty_library) == 1
    failed = [r for r in report.results if r.status is ImportStatus.FAILED]
    assert len(failed) == 1 and "\n" not in failed[0].message
    return failed[0].message, failed[0].status


def test_binary_with_a_text_extension(empty_library: Library, tmp_path: Path) -> None:
    bad = write(tmp_path, "photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "not a text file" in _batch_with(empty_library, tmp_path, bad)[0]


def test_empty_file(empty_library: Library, tmp_path: Path) -> None:
    bad = write(tmp_path, "empty.html", b"")
    assert _batch_with(empty_library, tmp_path, bad)[0] == "empty.html: empty file"


def test_truncated_html(empty_library: Library, tmp_path: Path) -> None:
    bad = write(tmp_path, "cut.html", "<html><head><title>News</title></head><body><nav><a>Ho")
    message = _batch_with(empty_library, tmp_path, bad)[0]
    assert message == "cut.html: no article text found in this page"


def test_epub_not_a_zip(empty_library: Library, tmp_path: Path) -> None:
    bad = write(tmp_path, "book.epub", "not a zip")
    assert _batch_with(empty_library, tmp_path, bad)[0] == "book.epub: not an EPUB (not a zip file)"


def test_epub_zip_bomb(
    empty_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ingest import epub as epub_format

    monkeypatch.setattr(epub_format, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)  # see test_epub
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.xhtml", b"\0" * (2 * 1024 * 1024))
    bad = write(tmp_path, "bomb.epub", out.getvalue())
    assert "would expand to 2 MB" in _batch_with(empty_library, tmp_path, bad)[0]


def test_file_over_50_mb_is_refused_before_reading(
    empty_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "huge.txt"
    with bad.open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: no disk used
    real_open = builtins.open

    def guarded(file: object, *args: object, **kwargs: object) -> object:
        assert Path(str(file)) != bad, "the large file was opened"
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", guarded)
    message = _batch_with(empty_library, tmp_path, bad)[0]
    assert message == "huge.txt: too large to be an article (51 MB; the limit is 50 MB)"


def test_unreadable_file(
    empty_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, for whom chmod 000 still reads: this simulates the permission error
    # that open() raises for a file the user may not read.
    bad = write(tmp_path, "secret.txt", STORY)
    real_open = builtins.open

    def denied(file: object, *args: object, **kwargs: object) -> object:
        if Path(str(file)) == bad:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", denied)
    assert _batch_with(empty_library, tmp_path, bad)[0] == f"{bad}: cannot read (Permission denied)"


def test_feed_that_is_not_xml(empty_library: Library, tmp_path: Path) -> None:
    bad = write(tmp_path, "news.rss", "Top stories today: nothing much.")
    assert _batch_with(empty_library, tmp_path, bad)[0] == "news.rss: not a feed (not XML)"


def test_symlink_loop_in_a_folder_is_reported_not_followed(
    empty_library: Library, tmp_path: Path
) -> None:
    write(tmp_path, "in/a/story.txt", STORY)
    (tmp_path / "in/a/back").symlink_to(tmp_path / "in", target_is_directory=True)
    (tmp_path / "in/self.txt").symlink_to(tmp_path / "in/self.txt")  # a link to itself
    report = import_paths(empty_library, [tmp_path / "in"])
    rows = sorted((Path(r.path).name, r.status) for r in report.results)
    assert rows == [
        ("back", ImportStatus.FAILED),
        ("self.txt", ImportStatus.FAILED),
        ("story.txt", ImportStatus.IMPORTED),
    ]
    assert all("symlink loop" in r.message for r in report.failed)
    assert article_service.count(empty_library) == 1


def test_a_read_error_is_an_input_error() -> None:
    with pytest.raises(InputError, match="No such file"):
        ingest_files.read_source(Path("/nonexistent/file.txt").resolve())


# -- large batches: parsed in worker processes, progress and cancel still work --------------


def test_a_large_batch_parses_in_workers_in_order(empty_library: Library, tmp_path: Path) -> None:
    count = ingest_files.PARALLEL_FROM + 10
    for i in range(count):
        write(tmp_path, f"in/{i:03d}.txt", f"Story Number {i}\n\nText of story {i}, told once.\n")
    write(tmp_path, "in/050-bad.txt", b"")
    seen: list[tuple[int, int]] = []
    listed = sorted((tmp_path / "in").iterdir())
    cores = os.cpu_count() or 1
    assert ingest_files.worker_count(listed) == min(ingest_files.MAX_WORKERS, cores)
    assert ingest_files.worker_count(listed[:10]) == 0
    report = import_paths(
        empty_library, [tmp_path / "in"], progress=lambda d, t, _p: seen.append((d, t))
    )
    assert seen == [(d, count + 1) for d in range(count + 2)]
    names = [Path(r.path).name for r in report.results]
    assert names == sorted(names)
    assert report.count(ImportStatus.IMPORTED) == count
    assert [r.message for r in report.failed] == ["050-bad.txt: empty file"]


def test_cancel_stops_a_large_batch_and_keeps_what_was_stored(
    empty_library: Library, tmp_path: Path
) -> None:
    for i in range(ingest_files.PARALLEL_FROM + 30):
        write(tmp_path, f"in/{i:03d}.txt", f"Story Number {i}\n\nText of story {i}, told once.\n")
    seen: list[int] = []
    report = import_paths(
        empty_library,
        [tmp_path / "in"],
        progress=lambda d, _t, _p: seen.append(d),
        cancelled=lambda: len(seen) >= 10,
    )
    assert report.cancelled
    assert report.count(ImportStatus.IMPORTED) == 10
    assert article_service.count(empty_library) == 10
