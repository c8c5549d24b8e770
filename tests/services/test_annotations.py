"""Highlights as a person makes and edits them: create, list, recolour, notes, tags, delete and
undo, article tags, offsets in code points whatever the script, and nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.anchoring import AmbiguousQuoteError, QuoteNotFoundError
from reader.core.errors import LibraryError, NotFoundError, ReaderError
from reader.core.models import AnchorStatus
from reader.services import annotations as notes
from reader.services import articles as article_service
from reader.services import tags as tag_service
from reader.services.importing import import_paths
from reader.services.library import Library
from reader.storage.tags import TagRepository

STORY = (
    "Storm Hits Coast\n\n"
    "A strong storm hit the coast overnight.\n\n"
    "Power was cut to homes across the region.\n\n"
    "Officials said the storm was the worst in a decade.\n"
)


def add_story(library: Library, folder: Path, name: str = "storm.txt", text: str = STORY) -> int:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    article_id = import_paths(library, [path]).results[0].article_id
    assert article_id is not None
    return article_id


@pytest.fixture
def story(empty_library: Library, tmp_path: Path) -> int:
    return add_story(empty_library, tmp_path)


def span(library: Library, article_id: int, words: str) -> tuple[int, int]:
    text = article_service.get_article(library, article_id).text
    start = text.index(words)
    return start, start + len(words)


# -- create and list ------------------------------------------------------------------------


def test_create_stores_the_quote_its_context_and_who_made_it(
    empty_library: Library, story: int
) -> None:
    start, end = span(empty_library, story, "Power was cut")
    result = notes.create_highlight(empty_library, story, start, end, color="claim", note="Who?")
    h = result.highlight
    assert (h.start, h.end, h.exact) == (start, end, "Power was cut")
    assert h.prefix.endswith("overnight.\n\n") and h.suffix.startswith(" to homes")
    assert (h.status, h.score, h.version) == (AnchorStatus.EXACT, 1.0, 1)
    assert (h.color, h.note, h.tags) == ("claim", "Who?", ())
    assert h.author == empty_library.author
    assert result.changes.highlights_added == {h.id}
    assert result.changes.articles_changed == {story}
    assert notes.get_highlight(empty_library, h.id) == h
    assert article_service.get_summary(empty_library, story).highlight_count == 1


def test_a_selection_is_trimmed_and_an_empty_one_refused(
    empty_library: Library, story: int
) -> None:
    start, end = span(empty_library, story, "\nPower was cut ")
    h = notes.create_highlight(empty_library, story, start, end).highlight
    assert h.exact == "Power was cut"
    text = article_service.get_article(empty_library, story).text
    blank = text.index("\n\n")
    for bad in [(5, 5), (blank, blank + 2), (-1, 4), (0, len(text) + 1), (9, 3)]:
        with pytest.raises(ReaderError, match="select some text first"):
            notes.create_highlight(empty_library, story, *bad)
    assert len(notes.highlights(empty_library, story)) == 1


def test_unknown_article_colour_or_highlight(empty_library: Library, story: int) -> None:
    with pytest.raises(NotFoundError):
        notes.create_highlight(empty_library, 999, 0, 3)
    with pytest.raises(ReaderError, match="no colour"):
        notes.create_highlight(empty_library, story, 0, 3, color="purple")
    with pytest.raises(NotFoundError):
        notes.get_highlight(empty_library, 42)
    with pytest.raises(NotFoundError):
        notes.highlights(empty_library, 999)


def test_create_from_a_quote_and_its_errors(empty_library: Library, story: int) -> None:
    h = notes.create_from_quote(empty_library, story, "the storm", suffix=" was").highlight
    assert h.exact == "the storm"
    text = article_service.get_article(empty_library, story).text
    assert text[h.start : h.end] == "the storm" and text[h.end :].startswith(" was the worst")
    with pytest.raises(AmbiguousQuoteError):
        notes.create_from_quote(empty_library, story, "storm")
    with pytest.raises(QuoteNotFoundError):
        notes.create_from_quote(empty_library, story, "hurricane")
    assert [x.id for x in notes.highlights(empty_library, story)] == [h.id]


def test_list_is_in_text_order_for_one_article_or_all(
    empty_library: Library, story: int, tmp_path: Path
) -> None:
    other = add_story(empty_library, tmp_path, "other.txt", "Other\n\nSomething else here.\n")
    late = notes.create_from_quote(empty_library, story, "worst in a decade").highlight
    early = notes.create_from_quote(empty_library, story, "strong storm").highlight
    same_start = notes.create_from_quote(empty_library, story, "strong").highlight
    elsewhere = notes.create_from_quote(empty_library, other, "else").highlight
    assert [h.id for h in notes.highlights(empty_library, story)] == [
        early.id,
        same_start.id,
        late.id,
    ]
    assert {h.id for h in notes.highlights(empty_library)} == {
        early.id,
        same_start.id,
        late.id,
        elsewhere.id,
    }


# -- delete and restore -----------------------------------------------------------------------


def test_delete_then_restore_brings_back_the_same_highlight(
    empty_library: Library, story: int
) -> None:
    made = notes.create_from_quote(
        empty_library, story, "Power was cut", color="evidence", note="**source?**", tags=["Grid"]
    ).highlight
    notes.add_tag(empty_library, made.id, "Outage")
    before = notes.get_highlight(empty_library, made.id)

    deleted = notes.delete_highlight(empty_library, made.id)
    assert deleted.highlight == before
    assert deleted.changes.highlights_removed == {made.id}
    assert deleted.changes.tags_changed
    assert notes.highlights(empty_library, story) == []
    assert {t.name: t.highlights for t in tag_service.list_tags(empty_library)} == {
        "Grid": 0,
        "Outage": 0,
    }

    restored = notes.restore_highlight(empty_library, deleted.highlight)
    assert restored.highlight == before  # same id, uuid, note, tags, place, status, times
    assert restored.changes.highlights_added == {made.id}
    assert notes.highlights(empty_library, story) == [before]
    with pytest.raises(ReaderError, match="already exists"):
        notes.restore_highlight(empty_library, deleted.highlight)


def test_restore_after_its_tag_was_deleted_makes_the_tag_again(
    empty_library: Library, story: int
) -> None:
    made = notes.create_from_quote(empty_library, story, "Power", tags=["Grid"]).highlight
    deleted = notes.delete_highlight(empty_library, made.id)
    tag_service.delete_tag(empty_library, "grid")
    restored = notes.restore_highlight(empty_library, deleted.highlight)
    assert restored.highlight.tags == ("Grid",)


# -- edits ------------------------------------------------------------------------------------


def test_recolour_and_note(empty_library: Library, story: int) -> None:
    h = notes.create_from_quote(empty_library, story, "Power was cut").highlight
    recoloured = notes.set_color(empty_library, h.id, "question")
    assert recoloured.highlight.color == "question"
    assert recoloured.changes.highlights_changed == {h.id}
    assert recoloured.highlight.row_version == h.row_version + 1
    with pytest.raises(ReaderError, match="no colour"):
        notes.set_color(empty_library, h.id, "Question")  # a label, not a key
    noted = notes.set_note(empty_library, h.id, "# Check\n\nCall the *utility*.")
    assert noted.highlight.note == "# Check\n\nCall the *utility*."
    assert notes.get_highlight(empty_library, h.id).color == "question"
    with pytest.raises(NotFoundError):
        notes.set_note(empty_library, 999, "x")


def test_revert_undoes_an_edit(empty_library: Library, story: int) -> None:
    h = notes.create_from_quote(empty_library, story, "Power", tags=["Grid"]).highlight
    notes.set_color(empty_library, h.id, "claim")
    notes.set_note(empty_library, h.id, "changed")
    notes.add_tag(empty_library, h.id, "Later")
    back = notes.revert_highlight(empty_library, h).highlight
    assert (back.color, back.note, back.tags) == (h.color, h.note, h.tags)


def test_tags_are_reused_whatever_their_case(empty_library: Library, story: int) -> None:
    a = notes.create_from_quote(empty_library, story, "Power", tags=["Energy Grid"]).highlight
    b = notes.create_from_quote(empty_library, story, "Officials").highlight
    added = notes.add_tag(empty_library, b.id, "  energy   grid ")
    assert added.highlight.tags == ("Energy Grid",)
    assert added.changes.highlights_changed == {b.id} and added.changes.tags_changed
    again = notes.add_tag(empty_library, b.id, "ENERGY GRID")
    assert not again.changes  # already there: nothing for an undo to remove
    notes.add_tag(empty_library, a.id, "Ärger")
    notes.add_tag(empty_library, a.id, "ärger")
    notes.add_tag(empty_library, a.id, "apple")
    assert notes.get_highlight(empty_library, a.id).tags == ("apple", "Ärger", "Energy Grid")
    assert tag_service.tag_names(empty_library) == ["apple", "Ärger", "Energy Grid"]
    with pytest.raises(ReaderError):
        notes.add_tag(empty_library, a.id, "   ")

    removed = notes.remove_tag(empty_library, a.id, "energy grid")
    assert removed.highlight.tags == ("apple", "Ärger")
    assert removed.changes.tags_changed
    assert not notes.remove_tag(empty_library, a.id, "energy grid").changes
    assert not notes.remove_tag(empty_library, a.id, "never made").changes
    counts = {t.name: t.highlights for t in tag_service.list_tags(empty_library)}
    assert counts == {"apple": 1, "Ärger": 1, "Energy Grid": 1}


def test_tags_given_at_creation(empty_library: Library, story: int) -> None:
    result = notes.create_from_quote(
        empty_library, story, "Power", tags=["Grid", "grid", "Storm"], note="n"
    )
    assert result.highlight.tags == ("Grid", "Storm")
    assert result.changes.tags_changed


def test_article_tags(empty_library: Library, story: int) -> None:
    changes = notes.add_article_tag(empty_library, story, "Weather")
    assert changes.articles_changed == {story} and changes.tags_changed
    assert not notes.add_article_tag(empty_library, story, "weather")
    notes.add_article_tag(empty_library, story, "coast")
    assert notes.article_tags(empty_library, story) == ("coast", "Weather")
    counts = {t.name: (t.highlights, t.articles) for t in tag_service.list_tags(empty_library)}
    assert counts == {"coast": (0, 1), "Weather": (0, 1)}
    assert notes.remove_article_tag(empty_library, story, "WEATHER").articles_changed == {story}
    assert not notes.remove_article_tag(empty_library, story, "weather")
    assert notes.article_tags(empty_library, story) == ("coast",)
    with pytest.raises(NotFoundError):
        notes.add_article_tag(empty_library, 999, "x")


# -- unicode ----------------------------------------------------------------------------------

UNICODE = (
    "Mixed Scripts\n\n"
    "Intro 😀👍🏽 cafe\u0301 Привет שָׁלוֹם 🇺🇦 then the report.\n\n"
    "Quote: «Слово 😀 and עִבְרִית with x\u0301 inside» ends here.\n"
)


def test_offsets_are_code_points_whatever_comes_before_and_inside(
    empty_library: Library, tmp_path: Path
) -> None:
    article_id = add_story(empty_library, tmp_path, "mixed.txt", UNICODE)
    text = article_service.get_article(empty_library, article_id).text
    quote = "Слово 😀 and עִבְרִית with x\u0301 inside"  # x + combining acute stays two
    h = notes.create_from_quote(empty_library, article_id, quote).highlight
    assert (h.start, h.end) == (text.index(quote), text.index(quote) + len(quote))
    assert text[h.start : h.end] == h.exact == quote

    start = text.index("Привет")
    by_offsets = notes.create_highlight(empty_library, article_id, start, start + 6).highlight
    assert by_offsets.exact == "Привет"
    rtl = text.index("שָׁלוֹם")
    hebrew = notes.create_highlight(empty_library, article_id, rtl, rtl + len("שָׁלוֹם"))
    assert hebrew.highlight.exact == "שָׁלוֹם"
    # a quote typed with a decomposed accent finds the stored (NFC) text
    cafe = notes.create_from_quote(empty_library, article_id, "cafe\u0301").highlight
    assert cafe.exact == "café" and text[cafe.start : cafe.end] == "café"
    assert [text[x.start : x.end] for x in notes.highlights(empty_library, article_id)] == [
        "café",
        "Привет",
        "שָׁלוֹם",
        quote,
    ]


# -- nothing half-written ---------------------------------------------------------------------


def test_a_failure_inside_create_leaves_nothing(
    empty_library: Library, story: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: TagRepository, tag_id: int, highlight_ids: object) -> set[int]:
        self.session.flush()
        raise LibraryError("database error: disk I/O error")

    monkeypatch.setattr(TagRepository, "link_highlights", fail)
    with pytest.raises(LibraryError):
        notes.create_from_quote(empty_library, story, "Power", tags=["Grid"], note="n")
    monkeypatch.undo()
    assert notes.highlights(empty_library) == []
    assert tag_service.list_tags(empty_library) == []
    assert article_service.get_summary(empty_library, story).highlight_count == 0
