"""Several people in one library: each change records who made it, two people changing
different things never conflict, and two changing the same note at once get no silent lost
update: the second is told who changed it and when, with both texts kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.errors import EditConflictError
from reader.services import annotations as notes
from reader.services import entities as entity_service
from reader.services.library import Library, open_library
from tests.services.test_annotations import add_story, span


@pytest.fixture
def two(empty_library: Library, tmp_path: Path) -> Iterator[tuple[Library, Library, int]]:
    """Ana and Bob working in the same library, with one highlight Ana made."""
    empty_library.author = "ana"
    story = add_story(empty_library, tmp_path)
    start, end = span(empty_library, story, "Power was cut")
    highlight = notes.create_highlight(empty_library, story, start, end, note="first").highlight
    bob = open_library(empty_library.url, author="bob", with_samples=False)
    yield empty_library, bob, highlight.id
    bob.close()


def test_each_change_records_who_made_it(two: tuple[Library, Library, int]) -> None:
    ana, bob, highlight_id = two
    made = notes.get_highlight(bob, highlight_id)
    assert (made.author, made.edited_by) == ("ana", "ana")
    notes.set_color(bob, highlight_id, "claim")
    changed = notes.get_highlight(ana, highlight_id)
    assert (changed.author, changed.edited_by, changed.color) == ("ana", "bob", "claim")


def test_the_second_writer_of_a_note_is_told_and_keeps_their_text(
    two: tuple[Library, Library, int],
) -> None:
    ana, bob, highlight_id = two
    seen_by_ana = notes.get_highlight(ana, highlight_id)
    seen_by_bob = notes.get_highlight(bob, highlight_id)
    notes.set_note(ana, highlight_id, "Ana: the grid operator confirms", base=seen_by_ana)
    with pytest.raises(EditConflictError) as caught:
        notes.set_note(bob, highlight_id, "Bob: source?", base=seen_by_bob)
    conflict = caught.value
    assert (conflict.by, conflict.theirs, conflict.yours) == (
        "ana",
        "Ana: the grid operator confirms",
        "Bob: source?",
    )
    assert str(conflict).startswith("ana changed this note at ")
    assert notes.get_highlight(bob, highlight_id).note == "Ana: the grid operator confirms"
    # Bob decides to write over it, having seen Ana's text: saved.
    latest = notes.get_highlight(bob, highlight_id)
    notes.set_note(bob, highlight_id, "Bob: source? (Ana says grid operator)", base=latest)
    stored = notes.get_highlight(ana, highlight_id)
    assert (stored.note, stored.edited_by) == ("Bob: source? (Ana says grid operator)", "bob")


def test_a_colour_or_tag_change_meanwhile_does_not_block_a_note(
    two: tuple[Library, Library, int],
) -> None:
    ana, bob, highlight_id = two
    seen_by_ana = notes.get_highlight(ana, highlight_id)
    notes.set_color(bob, highlight_id, "evidence")
    notes.add_tag(bob, highlight_id, "grid")
    notes.set_note(ana, highlight_id, "Ana's note", base=seen_by_ana)
    stored = notes.get_highlight(bob, highlight_id)
    assert (stored.note, stored.color, stored.tags) == ("Ana's note", "evidence", ("grid",))


def test_entity_notes_are_guarded_the_same_way(two: tuple[Library, Library, int]) -> None:
    ana, bob, _highlight_id = two
    entity = entity_service.create_entity(ana, "Grid Operator", kind="organization").entity
    seen_by_bob = entity_service.get_entity(bob, entity.id)
    entity_service.set_entity_note(ana, entity.id, "State-owned since 2019", base=entity)
    with pytest.raises(EditConflictError, match=r"^ana changed this note") as caught:
        entity_service.set_entity_note(bob, entity.id, "Private", base=seen_by_bob)
    assert caught.value.yours == "Private"
    stored = entity_service.get_entity(bob, entity.id)
    assert (stored.note, stored.edited_by, stored.author) == (
        "State-owned since 2019",
        "ana",
        "ana",
    )


def test_a_brief_says_who_made_the_highlights_others_made(
    two: tuple[Library, Library, int],
) -> None:
    from datetime import UTC, datetime

    from reader.core.palette import DEFAULT_PALETTE
    from reader.services import export
    from reader.services.export import ExportScope

    ana, bob, highlight_id = two
    made = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    by_bob = export.brief_markdown(bob, ExportScope(), made_at=made, palette=DEFAULT_PALETTE)
    assert "> Power was cut" in by_bob
    assert " · by ana · " in by_bob  # Bob's brief names Ana as the one who marked it
    by_ana = export.brief_markdown(ana, ExportScope(), made_at=made, palette=DEFAULT_PALETTE)
    assert " · by ana" not in by_ana  # her own brief does not repeat her name on each
    assert "by ana · " not in by_ana.split("\n\n", 1)[1]
    assert " · by ana · " in export.highlights_markdown(
        bob, [highlight_id], palette=DEFAULT_PALETTE
    )
