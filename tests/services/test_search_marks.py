"""Where an article hit points: at its first match, however far into a long text and in
whatever form the word takes there, with the matched words marked in the snippet. (The
PostgreSQL backend marks a window around the first likely match; these hold it to the
same answers as marking the whole text.)"""

from __future__ import annotations

from pathlib import Path

from reader.services import articles as article_service
from reader.services.importing import import_paths
from reader.services.library import Library
from reader.services.search import SearchHit, search

FILLER = "Quiet routine paragraphs about nothing in particular went on. "


def add(library: Library, folder: Path, name: str, body: str) -> int:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    article_id = import_paths(library, [path]).results[0].article_id
    assert article_id is not None
    return article_id


def only_hit(library: Library, query: str) -> tuple[SearchHit, str]:
    (hit,) = search(library, query)
    assert hit.article_id is not None
    return hit, article_service.get_article(library, hit.article_id).text


def marked(hit: SearchHit) -> list[str]:
    return [hit.snippet[a:b] for a, b in hit.marks]


def test_a_match_far_into_a_long_article(empty_library: Library, tmp_path: Path) -> None:
    body = "Bank Meeting\n\n" + FILLER * 80 + "Bankers met in Zürich today. " + FILLER * 20
    add(empty_library, tmp_path, "long.txt", body)
    hit, text = only_hit(empty_library, "zurich")
    assert hit.start is not None and hit.end is not None and hit.start > 4000
    assert text[hit.start : hit.end] == "Zürich"
    assert marked(hit) == ["Zürich"]


def test_the_first_of_several_forms_of_a_word(empty_library: Library, tmp_path: Path) -> None:
    body = "Urban Life\n\n" + FILLER * 5 + "The City grew. " + FILLER * 30 + "Cities fell.\n"
    add(empty_library, tmp_path, "city.txt", body)
    for query in ("cities", "city", "CITY"):
        hit, text = only_hit(empty_library, query)
        assert hit.start is not None and text[hit.start : hit.end] == "City", query


def test_prefixes_phrases_and_every_match_near_the_first(
    empty_library: Library, tmp_path: Path
) -> None:
    body = (
        "Trade Talks\n\n"
        + FILLER * 10
        + "Envoys were negotiating after a deep freeze; negotiations went on.\n"
    )
    add(empty_library, tmp_path, "talks.txt", body)
    hit, text = only_hit(empty_library, "negot*")
    assert hit.start is not None and text[hit.start : hit.end] == "negotiating"
    assert marked(hit) == ["negotiating", "negotiations"]
    hit, text = only_hit(empty_library, '"deep freeze"')
    assert hit.start is not None and text[hit.start :].startswith("deep freeze")
    assert "".join(marked(hit)).replace(" ", "") == "deepfreeze"


def test_a_match_in_the_title_only_has_no_place(empty_library: Library, tmp_path: Path) -> None:
    add(empty_library, tmp_path, "title.txt", "Harbour Closed\n\n" + FILLER * 40)
    hit, _text = only_hit(empty_library, "harbour")
    assert hit.start is None and hit.marks == ()
    assert hit.snippet.startswith("Quiet routine")
