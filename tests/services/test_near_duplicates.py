"""Near-duplicate detection keeps each article's MinHash signature beside its bands, and
confirms a candidate from that signature instead of reading the candidate's text again; and
the lookups an import now makes once per transaction instead of once per article."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from reader.core import minhash
from reader.services import articles as article_service
from reader.services.importing import ImportStatus, import_paths
from reader.services.library import Library
from reader.storage.articles import ArticleRepository
from tests.services.test_import_formats import as_text, by_name, long_story, write


def stored_signature(library: Library, article_id: int) -> minhash.Signature | None:
    with library.unit() as unit:
        return unit.near_duplicates.signatures([article_id]).get(article_id)


def republished(tmp_path: Path, paragraphs: list[str], title: str) -> Path:
    edited = [*paragraphs]
    edited[1] = edited[1] + " A correction was appended later."
    return write(tmp_path, "copy/republished.txt", "From the wires\n\n" + as_text(title, edited))


def test_the_signature_is_stored_on_import_follows_updates_and_goes_with_the_article(
    empty_library: Library, tmp_path: Path
) -> None:
    title, paragraphs = long_story(11)
    path = write(tmp_path, "story.txt", as_text(title, paragraphs))
    article_id = import_paths(empty_library, [path]).results[0].article_id
    assert article_id is not None
    text = article_service.get_article(empty_library, article_id).text
    assert stored_signature(empty_library, article_id) == minhash.signature(text)

    _, other = long_story(12)
    write(tmp_path, "story.txt", as_text(title, other))
    assert [r.status for r in import_paths(empty_library, [path]).results] == [ImportStatus.UPDATED]
    new_text = article_service.get_article(empty_library, article_id).text
    assert new_text != text
    assert stored_signature(empty_library, article_id) == minhash.signature(new_text)

    with empty_library.unit() as unit:
        unit.articles.delete(article_id)
    assert stored_signature(empty_library, article_id) is None


def test_without_detection_no_signature_is_stored(empty_library: Library, tmp_path: Path) -> None:
    title, paragraphs = long_story(13)
    path = write(tmp_path, "story.txt", as_text(title, paragraphs))
    report = import_paths(empty_library, [path], near_duplicates=False)
    article_id = report.results[0].article_id
    assert article_id is not None
    assert stored_signature(empty_library, article_id) is None


def test_a_candidate_is_confirmed_from_its_stored_signature_not_its_text(
    empty_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    title, paragraphs = long_story(14)
    original = write(tmp_path, "original.txt", as_text(title, paragraphs))
    original_id = import_paths(empty_library, [original]).results[0].article_id

    def unread(self: ArticleRepository, article_id: int) -> tuple[int, str]:
        raise AssertionError(f"the text of article {article_id} was read")

    monkeypatch.setattr(ArticleRepository, "current_text", unread)
    report = import_paths(empty_library, [republished(tmp_path, paragraphs, title)])
    status, message = by_name(report)["republished.txt"]
    assert status is ImportStatus.DUPLICATE
    assert message.startswith(f"near-duplicate of {original_id} (")


def test_a_candidate_without_a_stored_signature_is_compared_from_its_text(
    empty_library: Library, tmp_path: Path
) -> None:
    title, paragraphs = long_story(15)
    original = write(tmp_path, "original.txt", as_text(title, paragraphs))
    original_id = import_paths(empty_library, [original]).results[0].article_id
    with empty_library.db.engine.begin() as conn:  # as a merge of an older backup leaves it
        conn.execute(text("DELETE FROM near_duplicate_signatures"))
    report = import_paths(empty_library, [republished(tmp_path, paragraphs, title)])
    status, message = by_name(report)["republished.txt"]
    assert status is ImportStatus.DUPLICATE
    assert message.startswith(f"near-duplicate of {original_id} (")


def test_every_article_of_a_batch_is_scanned_for_the_library_s_entities(
    empty_library: Library, tmp_path: Path
) -> None:
    """Whether the library has entities is asked once per import transaction: the answer
    must hold for every article of the batch, and follow an entity added between imports."""
    from reader.services import entities as entity_service

    for i in range(3):
        write(tmp_path, f"a/{i}.txt", f"Story {i}\n\nMaria Lopez opened bridge number {i}.\n")
    first = import_paths(empty_library, [tmp_path / "a"])
    assert all(not entity_service.mentions_in_article(empty_library, r.article_id or 0)
               for r in first.results)  # fmt: skip
    entity_service.create_entity(empty_library, "Maria Lopez", kind="person")
    for i in range(3):
        write(tmp_path, f"b/{i}.txt", f"Report {i}\n\nMaria Lopez closed road number {i}.\n")
    second = import_paths(empty_library, [tmp_path / "b"])
    assert [r.status for r in second.results] == [ImportStatus.IMPORTED] * 3
    for result in second.results:
        assert result.article_id is not None
        found = entity_service.mentions_in_article(empty_library, result.article_id)
        assert len(found) == 1


def test_a_story_restored_from_a_backup_without_band_keys_is_still_found(
    empty_library: Library, tmp_path: Path
) -> None:
    """Backups made before revision 0007 hold `near_duplicate_bands`, which no longer exists:
    the restore computes the keys from the restored signatures."""
    import zipfile

    from reader.services.backup import backup, restore
    from reader.services.library import open_library

    title, paragraphs = long_story(16)
    original = write(tmp_path, "original.txt", as_text(title, paragraphs))
    original_id = import_paths(empty_library, [original]).results[0].article_id
    made = tmp_path / "made.zip"
    backup(empty_library, made)
    older = tmp_path / "older.zip"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(older, "w") as target:
        for info in source.infolist():
            if "near_duplicate_keys" not in info.filename:
                target.writestr(info, source.read(info))
    restored = open_library(data_dir=tmp_path / "restored", with_samples=False)
    try:
        restore(restored, older)
        report = import_paths(restored, [republished(tmp_path, paragraphs, title)])
    finally:
        restored.close()
    status, message = by_name(report)["republished.txt"]
    assert status is ImportStatus.DUPLICATE
    assert message.startswith(f"near-duplicate of {original_id} (")
