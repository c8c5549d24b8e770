"""Importing files and folders as a person does it: statuses, duplicates, updates, bad input,
cancel and progress, and nothing half-written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reader.core.errors import LibraryError
from reader.services import articles as article_service
from reader.services.importing import ImportReport, ImportStatus, import_paths, learn_banners
from reader.services.library import Library
from reader.storage.articles import ArticleRepository

STORY = "Storm Hits Coast\n\nA strong storm hit the coast overnight.\n\nPower was cut to homes.\n"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def statuses(report: ImportReport) -> list[ImportStatus]:
    return [r.status for r in report.results]


def all_text(library: Library) -> str:
    parts = []
    for item in article_service.list_all(library):
        article = article_service.get_article(library, item.id)
        parts += [article.title, article.kicker or "", article.text]
    return "\n".join(parts)


# -- the samples ------------------------------------------------------------------------


def test_new_library_holds_exactly_the_two_samples(library: Library) -> None:
    items = article_service.list_all(library)
    assert sorted((i.title, i.kicker) for i in items) == [
        ("Analysts Anticipate Thaw Between NATO, Russia", "NEWS ANALYSIS"),
        ("NATO and Russia Revive Relations", None),
    ]
    assert all(i.updated == date(2016, 7, 27) and i.published is None for i in items)
    assert all(i.word_count > 300 and i.highlight_count == 0 for i in items)
    text = all_text(library)
    assert "Get the latest updates" not in text
    assert "Last Updated" not in text


def test_importing_the_sample_folder_again_changes_nothing(
    library: Library, samples_dir: Path
) -> None:
    report = import_paths(library, [samples_dir])
    assert statuses(report) == [ImportStatus.UNCHANGED] * 2
    assert not report.changes
    assert article_service.count(library) == 2


# -- statuses -----------------------------------------------------------------------------


def test_import_then_reimport_is_unchanged_and_adds_nothing(
    empty_library: Library, tmp_path: Path
) -> None:
    path = write(tmp_path, "storm.txt", STORY)
    first = import_paths(empty_library, [path])
    assert statuses(first) == [ImportStatus.IMPORTED]
    article_id = first.results[0].article_id
    assert article_id is not None
    assert first.changes.articles_added == {article_id}

    again = import_paths(empty_library, [path])
    assert statuses(again) == [ImportStatus.UNCHANGED]
    assert again.results[0].article_id == article_id
    assert not again.changes
    assert article_service.count(empty_library) == 1


def test_a_second_file_with_the_same_text_is_a_duplicate_and_a_source_of_the_article(
    empty_library: Library, tmp_path: Path
) -> None:
    a = write(tmp_path, "a.txt", STORY)
    b = write(tmp_path, "copy/b.txt", STORY.replace("\n\n", "\n\n  ").upper())
    report = import_paths(empty_library, [a, b])
    assert statuses(report) == [ImportStatus.IMPORTED, ImportStatus.DUPLICATE]
    first = report.results[0].article_id
    assert report.results[1].article_id == first
    assert report.results[1].message == f"duplicate of {first}"
    assert report.summary() == "1 imported, 1 duplicate skipped"
    assert article_service.count(empty_library) == 1
    # the copy is remembered as a source of that article: importing it again changes nothing
    again = import_paths(empty_library, [b])
    assert statuses(again) == [ImportStatus.UNCHANGED]
    assert again.results[0].article_id == first


def test_allow_duplicates_imports_the_copy_as_its_own_article(
    empty_library: Library, tmp_path: Path
) -> None:
    a = write(tmp_path, "a.txt", STORY)
    b = write(tmp_path, "b.txt", STORY)
    report = import_paths(empty_library, [a, b], allow_duplicates=True)
    assert statuses(report) == [ImportStatus.IMPORTED, ImportStatus.IMPORTED]
    assert article_service.count(empty_library) == 2


def test_two_identical_files_in_one_folder_keep_their_headline(
    empty_library: Library, tmp_path: Path
) -> None:
    write(tmp_path / "in", "a.txt", STORY)
    write(tmp_path / "in", "b.txt", STORY)
    report = import_paths(empty_library, [tmp_path / "in"])
    assert statuses(report) == [ImportStatus.IMPORTED, ImportStatus.DUPLICATE]
    (item,) = article_service.list_all(empty_library)
    assert item.title == "Storm Hits Coast"
    # and the headline was not learned as a banner, so a later import keeps it too
    other = write(tmp_path, "later.txt", "Storm Hits Coast\n\nA different story entirely.\n")
    later = import_paths(empty_library, [other])
    later_id = later.results[0].article_id
    assert later_id is not None
    assert article_service.get_summary(empty_library, later_id).title == "Storm Hits Coast"


def test_edited_file_is_updated_and_earlier_text_kept(
    empty_library: Library, tmp_path: Path
) -> None:
    path = write(tmp_path, "storm.txt", STORY)
    article_id = import_paths(empty_library, [path]).results[0].article_id
    assert article_id is not None
    write(tmp_path, "storm.txt", STORY.replace("Power was cut to homes.", "Power is back."))

    report = import_paths(empty_library, [path])
    assert statuses(report) == [ImportStatus.UPDATED]
    assert report.results[0].article_id == article_id
    assert "version 2" in report.results[0].message
    assert report.changes.articles_changed == {article_id}

    article = article_service.get_article(empty_library, article_id)
    assert article.version == 2
    assert article.text.endswith("Power is back.")
    assert article_service.count(empty_library) == 1
    with empty_library.unit() as unit:
        assert unit.articles.version_count(article_id) == 2


# -- bad input ------------------------------------------------------------------------------


def test_each_bad_input_gets_one_line_and_the_batch_goes_on(
    empty_library: Library, tmp_path: Path
) -> None:
    good = write(tmp_path, "good.txt", STORY)
    empty = write(tmp_path, "empty.txt", "")
    binary = write(
        tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    nothing = tmp_path / "nothing-here"
    write(nothing, "picture.png", b"\x89PNG")
    missing = tmp_path / "missing.txt"
    latin1 = write(
        tmp_path, "pub.txt", "Pub Prices\n\nA pint costs £4 at the café.\n".encode("latin-1")
    )

    report = import_paths(empty_library, [missing, empty, good, binary, nothing, latin1])

    by_path = {Path(r.path).name: r for r in report.results}
    assert by_path["missing.txt"].status is ImportStatus.FAILED
    assert "no such file or folder" in by_path["missing.txt"].message
    assert by_path["empty.txt"].message == "empty.txt: empty file"
    assert "not a text file" in by_path["photo.txt"].message
    assert "no articles in this folder" in by_path["nothing-here"].message
    for result in report.failed:
        assert "\n" not in result.message
        assert result.article_id is None
    assert len(report.failed) == 4
    assert by_path["good.txt"].status is ImportStatus.IMPORTED
    assert by_path["pub.txt"].status is ImportStatus.IMPORTED
    assert article_service.count(empty_library) == 2
    pub = article_service.get_article(empty_library, by_path["pub.txt"].article_id or 0)
    assert pub.text == "A pint costs £4 at the café."


def test_an_empty_folder_is_reported(empty_library: Library, tmp_path: Path) -> None:
    (tmp_path / "void").mkdir()
    report = import_paths(empty_library, [tmp_path / "void"])
    assert statuses(report) == [ImportStatus.FAILED]
    assert "no articles in this folder" in report.results[0].message


def test_folders_are_read_recursively_skipping_hidden_and_other_files(
    empty_library: Library, tmp_path: Path
) -> None:
    write(tmp_path, "in/one.txt", STORY)
    write(tmp_path, "in/deep/er/two.md", "# Second Story\n\nText of the second story.\n")
    write(tmp_path, "in/.hidden/three.txt", "Hidden Story\n\nShould not be imported.\n")
    write(tmp_path, "in/image.jpg", b"\xff\xd8\xff")
    report = import_paths(empty_library, [tmp_path / "in"])
    assert statuses(report) == [ImportStatus.IMPORTED, ImportStatus.IMPORTED]
    titles = {i.title for i in article_service.list_all(empty_library)}
    assert titles == {"Storm Hits Coast", "Second Story"}


def test_nothing_half_written_when_storing_fails(
    empty_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write(tmp_path, "first.txt", STORY)
    import_paths(empty_library, [first])
    second = write(tmp_path, "second.txt", "Another Story\n\nWith its own text.\n")
    third = write(tmp_path, "third.txt", "Third Story\n\nAnd its text.\n")

    def fail(self: ArticleRepository, *args: object) -> None:
        self.session.flush()  # the article row is already in the transaction
        raise LibraryError("database error: disk I/O error")

    monkeypatch.setattr(ArticleRepository, "_add_version", fail)
    report = import_paths(empty_library, [second, third])
    assert statuses(report) == [ImportStatus.FAILED, ImportStatus.FAILED]
    assert report.results[0].message == "database error: disk I/O error"
    monkeypatch.undo()

    assert article_service.count(empty_library) == 1
    with empty_library.unit() as unit:
        assert unit.articles.by_location(str(second.resolve())) is None


def test_an_unexpected_error_fails_one_file_not_the_batch(
    empty_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = write(tmp_path, "one.txt", STORY)
    two = write(tmp_path, "two.txt", "Another Story\n\nWith its own text.\n")
    real = ArticleRepository._add_version
    calls = []

    def flaky(self: ArticleRepository, *args: object) -> None:
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("bug")
        real(self, *args)

    monkeypatch.setattr(ArticleRepository, "_add_version", flaky)
    report = import_paths(empty_library, [one, two])
    assert statuses(report) == [ImportStatus.FAILED, ImportStatus.IMPORTED]
    assert "RuntimeError: bug" in report.results[0].message
    assert [i.title for i in article_service.list_all(empty_library)] == ["Another Story"]


# -- cancel and progress --------------------------------------------------------------------


def test_cancel_stops_cleanly_and_keeps_what_was_imported(
    empty_library: Library, tmp_path: Path
) -> None:
    for i in range(5):
        write(tmp_path, f"in/{i}.txt", f"Story Number {i}\n\nText of story {i}.\n")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int, _path: str) -> None:
        seen.append((done, total))

    report = import_paths(
        empty_library, [tmp_path / "in"], progress=progress, cancelled=lambda: len(seen) >= 2
    )
    assert report.cancelled
    assert statuses(report) == [ImportStatus.IMPORTED, ImportStatus.IMPORTED]
    assert "cancelled" in report.summary()
    assert article_service.count(empty_library) == 2
    assert seen == [(0, 5), (1, 5)]


def test_progress_counts_up_to_the_total(empty_library: Library, tmp_path: Path) -> None:
    for i in range(3):
        write(tmp_path, f"in/{i}.txt", f"Story Number {i}\n\nText of story {i}.\n")
    seen: list[tuple[int, int]] = []
    report = import_paths(
        empty_library, [tmp_path / "in"], progress=lambda d, t, _p: seen.append((d, t))
    )
    assert not report.cancelled
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert report.summary() == "3 imported"


# -- banners --------------------------------------------------------------------------------

BANNER = "The Daily Planet — all the news you can trust"


def test_a_banner_repeated_across_a_batch_is_stripped_and_remembered(
    empty_library: Library, tmp_path: Path
) -> None:
    for i, headline in enumerate(["Mayor Resigns", "Bridge Reopens", "School Wins Prize"]):
        write(tmp_path, f"batch/{i}.txt", f"{BANNER}\n\n{headline}\n\nStory {i} text here.\n")
    report = import_paths(empty_library, [tmp_path / "batch"])
    assert statuses(report) == [ImportStatus.IMPORTED] * 3
    assert {i.title for i in article_service.list_all(empty_library)} == {
        "Mayor Resigns",
        "Bridge Reopens",
        "School Wins Prize",
    }
    assert BANNER not in all_text(empty_library)

    # a later single-file import from the same site is cleaned with the learned line
    single = write(tmp_path, "later.txt", f"{BANNER}\n\nCouncil Votes\n\nThe council voted.\n")
    later = import_paths(empty_library, [single])
    later_id = later.results[0].article_id
    assert later_id is not None
    assert article_service.get_article(empty_library, later_id).title == "Council Votes"
    assert BANNER not in all_text(empty_library)


def test_learn_banners_reads_non_utf8_files_as_the_import_does(
    empty_library: Library, tmp_path: Path
) -> None:
    files = [
        write(tmp_path, f"{i}.txt", f"{BANNER}\n\nHeadline {i}\n\nText {i}.\n".encode("cp1252"))
        for i in range(3)
    ]
    assert BANNER in learn_banners(empty_library, files)
    import_paths(empty_library, files)
    assert BANNER not in all_text(empty_library)


def test_a_single_file_with_an_unknown_banner_keeps_it_as_the_headline(
    empty_library: Library, tmp_path: Path
) -> None:
    path = write(tmp_path, "one.txt", f"{BANNER}\n\nMayor Resigns\n\nThe mayor resigned.\n")
    import_paths(empty_library, [path])
    (item,) = article_service.list_all(empty_library)
    assert item.title == BANNER  # one file alone cannot show that the line is a banner


def test_a_failing_article_in_a_batch_leaves_the_others_stored(
    empty_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(
            f"Headline {name}\n\nBody text of article {name} for the batch.\n", encoding="utf-8"
        )
    original = ArticleRepository._add_version

    def fail_on_b(self, article_id, number, parsed, digest):  # type: ignore[no-untyped-def]
        if parsed.title == "Headline b":
            raise RuntimeError("disk trouble")
        return original(self, article_id, number, parsed, digest)

    monkeypatch.setattr(ArticleRepository, "_add_version", fail_on_b)
    report = import_paths(empty_library, [folder])
    statuses = {Path(r.path).name: r.status for r in report.results}
    assert statuses == {
        "a.txt": ImportStatus.IMPORTED,
        "b.txt": ImportStatus.FAILED,
        "c.txt": ImportStatus.IMPORTED,
    }
    titles = sorted(a.title for a in article_service.list_all(empty_library))
    assert titles == ["Headline a", "Headline c"]  # b left nothing behind, a and c stayed
