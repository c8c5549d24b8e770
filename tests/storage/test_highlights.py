"""Highlight and tag storage: the re-anchoring helper inside one transaction, review counts in
both list paths, and tag names compared in any case and any script."""

from __future__ import annotations

from pathlib import Path

from reader.core.anchoring import describe
from reader.core.models import AnchorStatus
from reader.services import annotations as notes
from reader.services import articles as article_service
from reader.services.importing import import_paths
from reader.services.library import Library, open_library
from reader.storage.highlights import Reanchored
from reader.storage.quick import first_page
from reader.storage.unit import reanchor_article

TEXT = "Headline Here\n\nFirst paragraph with a quote.\n\nSecond paragraph ends it.\n"


def one_article(library: Library, tmp_path: Path, text: str = TEXT) -> int:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    article_id = import_paths(library, [path]).results[0].article_id
    assert article_id is not None
    return article_id


def test_repository_round_trip_and_reanchor_in_one_unit(
    empty_library: Library, tmp_path: Path
) -> None:
    article_id = one_article(empty_library, tmp_path)
    with empty_library.unit() as unit:
        version, text = unit.articles.current_text(article_id)
        start = text.index("a quote")
        hid = unit.highlights.add(
            article_id=article_id,
            version=version,
            start=start,
            end=start + 7,
            selector=describe(text, start, start + 7),
            color="evidence",
            note="",
            author="ana",
        )
        stored = unit.highlights.get(hid)
        assert (stored.exact, stored.status, stored.author) == (
            "a quote",
            AnchorStatus.EXACT,
            "ana",
        )
        assert reanchor_article(unit, article_id) == Reanchored(kept=1)  # nothing to change
    assert notes.get_highlight(empty_library, hid) == stored


def test_reanchored_describes_itself() -> None:
    assert Reanchored().describe() == ""
    assert Reanchored(kept=12, moved=1, orphan=1).describe() == (
        "12 highlights kept in place, 1 moved, 1 needs review"
    )
    assert Reanchored(kept=1).describe() == "1 highlight kept in place"
    assert Reanchored(kept=0, fuzzy=2, orphan=1).describe() == (
        "0 highlights kept in place, 3 need review"
    )


def test_quick_first_page_has_the_same_review_counts(tmp_path: Path) -> None:
    library = open_library(data_dir=tmp_path / "lib", with_samples=False)
    article_id = one_article(library, tmp_path)
    made = notes.create_from_quote(library, article_id, "a quote").highlight
    notes.create_from_quote(library, article_id, "Second paragraph")
    with library.unit() as unit:
        unit.highlights.update(made.id, status="fuzzy", score=0.8)
    ordinary = article_service.list_page(library, None, 10)
    quick = first_page(library.url, 10)
    assert quick is not None
    assert quick.items == ordinary.items
    assert (quick.items[0].highlight_count, quick.items[0].review_count) == (2, 1)
    library.close()


def test_tag_lookup_folds_case_in_every_script(empty_library: Library, tmp_path: Path) -> None:
    article_id = one_article(empty_library, tmp_path)
    h = notes.create_from_quote(empty_library, article_id, "a quote", tags=["Москва"]).highlight
    notes.add_tag(empty_library, h.id, "МОСКВА")
    notes.add_tag(empty_library, h.id, "STRASSE")
    notes.add_tag(empty_library, h.id, "straße")  # casefold: "strasse"
    assert notes.get_highlight(empty_library, h.id).tags == ("STRASSE", "Москва")
    with empty_library.unit() as unit:
        found = unit.tags.find("  москва ")
        assert found is not None and found.name == "Москва"
