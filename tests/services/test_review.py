"""Highlights survive an edited re-import: kept, moved, fuzzy for review, or orphaned, never
lost; the review queue, accepting, re-attaching, and the list's review counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.errors import LibraryError, ReaderError
from reader.core.models import AnchorStatus
from reader.services import annotations as notes
from reader.services import articles as article_service
from reader.services import review
from reader.services.importing import ImportStatus, import_paths
from reader.services.library import Library
from reader.storage.highlights import HighlightRepository

KEPT = "After almost a year in a deep freeze"
MOVED = "Moscow froze ties March 24 after NATO began bombing Yugoslavia."
EDITED = "Putin has several reasons for wanting to improve relations"
EDITED_NOW = "Putin has a number of reasons for wanting to improve relations"
GONE = "To get around the travel ban, Putin has made great play of inviting several"
INSERTED = "Diplomats in Brussels said on Monday that talks would resume within weeks.\n\n"
GONE_PARAGRAPH = (
    "To get around the travel ban, Putin has made great play of inviting several senior "
    "foreign dignitaries to Moscow.\n\n"
)


def edit(source: str) -> str:
    """A sentence inserted before MOVED, a word changed inside EDITED, GONE's paragraph cut."""
    assert MOVED in source and EDITED in source and GONE_PARAGRAPH in source
    edited = source.replace(MOVED, INSERTED + MOVED)
    edited = edited.replace(EDITED, EDITED_NOW)
    return edited.replace(GONE_PARAGRAPH, "")


@pytest.fixture
def copy(empty_library: Library, samples_dir: Path, tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "copy" / "thaw.txt"
    path.parent.mkdir()
    shutil.copy(samples_dir / "nato-russia-thaw.txt", path)
    article_id = import_paths(empty_library, [path]).results[0].article_id
    assert article_id is not None
    return path, article_id


def highlight_all(library: Library, article_id: int) -> dict[str, int]:
    made = {}
    for name, quote in (("kept", KEPT), ("moved", MOVED), ("edited", EDITED), ("gone", GONE)):
        made[name] = notes.create_from_quote(
            library, article_id, quote, note=f"note on {name}", tags=[name.title()]
        ).highlight.id
    return made


def reimport_edited(library: Library, path: Path) -> str:
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    report = import_paths(library, [path])
    (result,) = report.results
    assert result.status is ImportStatus.UPDATED, result.message
    return result.message


def test_reimport_reanchors_every_highlight_and_loses_none(
    empty_library: Library, copy: tuple[Path, int]
) -> None:
    path, article_id = copy
    made = highlight_all(empty_library, article_id)
    old_text = article_service.get_article(empty_library, article_id).text

    message = reimport_edited(empty_library, path)
    assert message == (
        "text changed: now version 2, earlier versions kept; "
        "1 highlight kept in place, 1 moved, 2 need review"
    )

    article = article_service.get_article(empty_library, article_id)
    assert article.version == 2
    text = article.text
    by_id = {h.id: h for h in notes.highlights(empty_library, article_id)}
    assert set(by_id) == set(made.values())

    kept, moved, edited, gone = (by_id[made[k]] for k in ("kept", "moved", "edited", "gone"))
    assert kept.status is AnchorStatus.EXACT and text[kept.start : kept.end] == KEPT
    assert moved.status is AnchorStatus.MOVED and text[moved.start : moved.end] == MOVED
    shift = len(INSERTED) + len(EDITED_NOW) - len(EDITED)  # both edits come before it
    assert moved.start == old_text.index(MOVED) + shift
    assert edited.status is AnchorStatus.FUZZY and 0.7 <= edited.score < 1
    edited_at = text.index(EDITED_NOW)
    assert edited.start < edited_at + len(EDITED_NOW) and edited.end > edited_at
    assert "a number of" in text[edited.start : edited.end]
    assert gone.status is AnchorStatus.ORPHAN
    assert 0 <= gone.start <= gone.end <= len(text)

    for h in (kept, moved, edited, gone):
        assert h.version == 2
        assert h.note.startswith("note on") and len(h.tags) == 1
    # the selectors are kept as they were made, for review and for W3C export
    assert (edited.exact, gone.exact) == (EDITED, GONE)
    # the previous text is still stored
    with empty_library.unit() as unit:
        assert unit.articles.version_text(article_id, 1) == old_text
    assert article_service.get_summary(empty_library, article_id).review_count == 2


def test_review_queue_accept_and_reattach(empty_library: Library, copy: tuple[Path, int]) -> None:
    path, article_id = copy
    made = highlight_all(empty_library, article_id)
    reimport_edited(empty_library, path)
    text = article_service.get_article(empty_library, article_id).text

    queue = review.review_queue(empty_library)
    assert [i.highlight.id for i in queue] == [made["edited"], made["gone"]]
    fuzzy, orphan = queue
    assert fuzzy.article_title == "Analysts Anticipate Thaw Between NATO, Russia"
    assert fuzzy.candidate is not None and "a number of" in fuzzy.candidate
    assert orphan.candidate is None
    assert review.review_queue(empty_library, article_id) == queue

    with pytest.raises(ReaderError, match="re-attach"):
        review.accept(empty_library, made["gone"])
    accepted = review.accept(empty_library, made["edited"])
    h = accepted.highlight
    assert (h.status, h.score) == (AnchorStatus.EXACT, 1.0)
    assert h.exact == fuzzy.candidate == text[h.start : h.end]
    assert text.endswith(h.prefix, 0, h.start) and text.startswith(h.suffix, h.end)
    assert accepted.changes.articles_changed == {article_id}
    assert (h.note, h.tags) == ("note on edited", ("Edited",))

    start = text.index("Yet Robertson's likely visit")
    reattached = review.reattach(empty_library, made["gone"], start, start + 28)
    g = reattached.highlight
    assert (g.id, g.status, g.exact) == (made["gone"], AnchorStatus.EXACT, text[start : start + 28])
    assert (g.note, g.tags) == ("note on gone", ("Gone",))
    assert review.review_queue(empty_library) == []
    assert article_service.get_summary(empty_library, article_id).review_count == 0
    with pytest.raises(ReaderError, match="select some text"):
        review.reattach(empty_library, made["gone"], 5, 5)

    # undoing an accept puts the highlight back for review
    notes.revert_highlight(empty_library, fuzzy.highlight)
    assert [i.highlight.id for i in review.review_queue(empty_library)] == [made["edited"]]


def test_reanchor_article_on_unchanged_text_changes_nothing(
    empty_library: Library, copy: tuple[Path, int]
) -> None:
    _path, article_id = copy
    highlight_all(empty_library, article_id)
    before = notes.highlights(empty_library, article_id)
    assert not review.reanchor_article(empty_library, article_id)
    assert notes.highlights(empty_library, article_id) == before


def test_an_orphan_comes_back_when_its_words_do(
    empty_library: Library, copy: tuple[Path, int]
) -> None:
    path, article_id = copy
    original = path.read_text(encoding="utf-8")
    made = highlight_all(empty_library, article_id)
    reimport_edited(empty_library, path)
    path.write_text(original, encoding="utf-8")
    report = import_paths(empty_library, [path])
    assert "kept in place" in report.results[0].message
    assert report.changes.highlights_changed >= {made["gone"], made["edited"]}
    statuses = {h.id: h.status for h in notes.highlights(empty_library, article_id)}
    assert statuses[made["gone"]] in (AnchorStatus.EXACT, AnchorStatus.MOVED)
    assert statuses[made["edited"]] in (AnchorStatus.EXACT, AnchorStatus.MOVED)
    assert article_service.get_article(empty_library, article_id).version == 3


def test_restoring_a_highlight_deleted_before_an_edit_places_it_on_the_new_text(
    empty_library: Library, copy: tuple[Path, int]
) -> None:
    path, article_id = copy
    made = highlight_all(empty_library, article_id)
    deleted = notes.delete_highlight(empty_library, made["moved"]).highlight
    reimport_edited(empty_library, path)
    restored = notes.restore_highlight(empty_library, deleted).highlight
    text = article_service.get_article(empty_library, article_id).text
    assert (restored.id, restored.uuid) == (deleted.id, deleted.uuid)
    assert restored.status is AnchorStatus.MOVED and restored.version == 2
    assert text[restored.start : restored.end] == MOVED


def test_unicode_before_a_highlight_shifts_it_by_code_points(
    empty_library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "u.txt"
    body = "Заголовок\n\nПервый абзац 😀 о погоде.\n\nВторой: «שלום עולם 👍🏽» сказал он.\n"
    path.write_text(body, encoding="utf-8")
    article_id = import_paths(empty_library, [path]).results[0].article_id
    assert article_id is not None
    quote = "«שלום עולם 👍🏽»"
    made = notes.create_from_quote(empty_library, article_id, quote).highlight
    path.write_text(body.replace("😀", "😀🇺🇦 x\u0301 עברית"), encoding="utf-8")
    import_paths(empty_library, [path])
    h = notes.get_highlight(empty_library, made.id)
    text = article_service.get_article(empty_library, article_id).text
    assert h.status is AnchorStatus.MOVED
    assert text[h.start : h.end] == quote and h.start == text.index(quote)


def test_a_failed_reanchor_leaves_the_old_text_and_places(
    empty_library: Library, copy: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, article_id = copy
    highlight_all(empty_library, article_id)
    before = notes.highlights(empty_library, article_id)

    def fail(self: HighlightRepository, *args: object, **kwargs: object) -> None:
        raise LibraryError("database error: disk I/O error")

    monkeypatch.setattr(HighlightRepository, "reanchor", fail)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    report = import_paths(empty_library, [path])
    assert report.results[0].status is ImportStatus.FAILED
    monkeypatch.undo()
    assert article_service.get_article(empty_library, article_id).version == 1
    assert notes.highlights(empty_library, article_id) == before
    with empty_library.unit() as unit:
        assert unit.articles.version_count(article_id) == 1
