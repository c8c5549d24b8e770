"""The tag manager: counts, rename, merge and delete, and undoing each exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import LibraryError, NotFoundError, ReaderError
from reader.core.models import TagCount
from reader.services import annotations as notes
from reader.services import tags as tag_service
from reader.services.library import Library
from reader.storage.tags import TagRepository
from tests.services.test_annotations import add_story


def counts(library: Library) -> dict[str, tuple[int, int]]:
    return {t.name: (t.highlights, t.articles) for t in tag_service.list_tags(library)}


def tags_of(library: Library) -> dict[int, tuple[str, ...]]:
    return {h.id: h.tags for h in notes.highlights(library)}


@pytest.fixture
def tagged(empty_library: Library, tmp_path: Path) -> dict[str, int]:
    """Two articles, four highlights: Iran on h1 h2, Tehran on h2 h3 and article a, Oil on h4
    and article b."""
    a = add_story(empty_library, tmp_path)
    b = add_story(empty_library, tmp_path, "b.txt", "Oil Prices\n\nOil rose again today.\n")
    h1 = notes.create_from_quote(empty_library, a, "strong storm", tags=["Iran"]).highlight
    h2 = notes.create_from_quote(empty_library, a, "Power", tags=["iran", "Tehran"]).highlight
    h3 = notes.create_from_quote(empty_library, a, "Officials", tags=["Tehran"]).highlight
    h4 = notes.create_from_quote(empty_library, b, "Oil rose", tags=["Oil"]).highlight
    notes.add_article_tag(empty_library, a, "tehran")
    notes.add_article_tag(empty_library, b, "Oil")
    return {"a": a, "b": b, "h1": h1.id, "h2": h2.id, "h3": h3.id, "h4": h4.id}


def test_counts_sorted_by_name(empty_library: Library, tagged: dict[str, int]) -> None:
    me = empty_library.author  # who made them
    assert tag_service.list_tags(empty_library) == [
        TagCount("Iran", 2, 0, me),
        TagCount("Oil", 1, 1, me),
        TagCount("Tehran", 2, 1, me),
    ]
    assert tag_service.tag_names(empty_library) == ["Iran", "Oil", "Tehran"]


def test_rename_and_rename_back(empty_library: Library, tagged: dict[str, int]) -> None:
    changes = tag_service.rename_tag(empty_library, "tehran", "Teheran")
    assert changes.tags_changed
    assert changes.highlights_changed == {tagged["h2"], tagged["h3"]}
    assert changes.articles_changed == {tagged["a"]}
    assert counts(empty_library)["Teheran"] == (2, 1)
    assert "Tehran" not in counts(empty_library)
    tag_service.rename_tag(empty_library, "Teheran", "Tehran")  # the undo
    assert counts(empty_library)["Tehran"] == (2, 1)
    # a change of case is a rename, not a clash
    tag_service.rename_tag(empty_library, "oil", "OIL")
    assert counts(empty_library)["OIL"] == (1, 1)
    assert not tag_service.rename_tag(empty_library, "OIL", "OIL")


def test_rename_onto_another_tag_suggests_a_merge(
    empty_library: Library, tagged: dict[str, int]
) -> None:
    with pytest.raises(ReaderError, match="merge"):
        tag_service.rename_tag(empty_library, "Tehran", "IRAN")
    with pytest.raises(NotFoundError):
        tag_service.rename_tag(empty_library, "Nowhere", "x")
    with pytest.raises(ReaderError):
        tag_service.rename_tag(empty_library, "Oil", "  ")
    assert counts(empty_library) == {"Iran": (2, 0), "Oil": (1, 1), "Tehran": (2, 1)}


def test_merge_then_unmerge_restores_exactly(
    empty_library: Library, tagged: dict[str, int]
) -> None:
    before_tags = tags_of(empty_library)
    before_counts = counts(empty_library)

    snapshot = tag_service.merge_tags(empty_library, "tehran", "IRAN")
    assert snapshot.name == "Tehran"
    assert snapshot.highlight_ids == (tagged["h2"], tagged["h3"])
    assert snapshot.article_ids == (tagged["a"],)
    assert snapshot.into_had_highlight_ids == (tagged["h2"],)
    assert snapshot.into_had_article_ids == ()
    assert counts(empty_library) == {"Iran": (3, 1), "Oil": (1, 1)}
    assert tags_of(empty_library)[tagged["h3"]] == ("Iran",)
    assert notes.article_tags(empty_library, tagged["a"]) == ("Iran",)

    changes = tag_service.unmerge_tags(empty_library, snapshot, "Iran")
    assert changes.tags_changed
    assert counts(empty_library) == before_counts
    assert tags_of(empty_library) == before_tags
    assert notes.article_tags(empty_library, tagged["a"]) == ("Tehran",)
    # the same tag came back, not a look-alike
    again = tag_service.delete_tag(empty_library, "Tehran")
    assert again.uuid == snapshot.uuid


def test_merge_refusals(empty_library: Library, tagged: dict[str, int]) -> None:
    with pytest.raises(ReaderError, match="same tag"):
        tag_service.merge_tags(empty_library, "Iran", "iran")
    with pytest.raises(NotFoundError):
        tag_service.merge_tags(empty_library, "Iran", "Nowhere")
    with pytest.raises(NotFoundError):
        tag_service.merge_tags(empty_library, "Nowhere", "Iran")


def test_delete_then_restore(empty_library: Library, tagged: dict[str, int]) -> None:
    before_tags = tags_of(empty_library)
    snapshot = tag_service.delete_tag(empty_library, "TEHRAN")
    assert snapshot.changes.highlights_changed == {tagged["h2"], tagged["h3"]}
    assert counts(empty_library) == {"Iran": (2, 0), "Oil": (1, 1)}
    assert tags_of(empty_library)[tagged["h3"]] == ()
    assert len(notes.highlights(empty_library)) == 4  # highlights are never deleted with a tag

    tag_service.restore_tag(empty_library, snapshot)
    assert tags_of(empty_library) == before_tags
    assert counts(empty_library)["Tehran"] == (2, 1)
    with pytest.raises(ReaderError):
        tag_service.restore_tag(empty_library, snapshot)


def test_restore_skips_highlights_deleted_since(
    empty_library: Library, tagged: dict[str, int]
) -> None:
    snapshot = tag_service.delete_tag(empty_library, "Tehran")
    notes.delete_highlight(empty_library, tagged["h3"])
    tag_service.restore_tag(empty_library, snapshot)
    assert counts(empty_library)["Tehran"] == (1, 1)


def test_a_failed_merge_changes_nothing(
    empty_library: Library, tagged: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (counts(empty_library), tags_of(empty_library))

    def fail(self: TagRepository, tag_id: int) -> None:
        raise LibraryError("database error: disk I/O error")

    monkeypatch.setattr(TagRepository, "delete", fail)
    with pytest.raises(LibraryError):
        tag_service.merge_tags(empty_library, "Tehran", "Iran")
    monkeypatch.undo()
    assert (counts(empty_library), tags_of(empty_library)) == before
