"""The matching contract of reader.core.matching: boundaries, case, overlaps, surnames."""

from __future__ import annotations

from reader.core.matching import Matcher, NamedEntity, is_case_sensitive, lowered, surname_of


def entity(entity_id: int, kind: str, *aliases: str) -> NamedEntity:
    return NamedEntity(
        entity_id, kind, tuple((entity_id * 10 + i, a) for i, a in enumerate(aliases))
    )


def found(matcher: Matcher, text: str) -> list[tuple[str, int]]:
    return [(text[m.start : m.end], m.entity_id) for m in matcher.scan(text)]


def test_word_boundaries() -> None:
    m = Matcher([entity(1, "organization", "NATO"), entity(2, "place", "Iran")])
    text = "NATO-Russia, NATO's, NATOS, Irani, Iran."
    assert found(m, text) == [("NATO", 1), ("NATO", 1), ("Iran", 2)]


def test_short_aliases_and_acronyms_are_case_sensitive() -> None:
    assert is_case_sensitive("US") and is_case_sensitive("Iran") and is_case_sensitive("U.S.")
    assert is_case_sensitive("UNESCO") and not is_case_sensitive("Heritage Foundation")
    m = Matcher([entity(1, "place", "US"), entity(2, "organization", "Heritage Foundation")])
    text = "Let us see: the US and the HERITAGE FOUNDATION, the heritage foundation."
    assert found(m, text) == [("US", 1), ("HERITAGE FOUNDATION", 2), ("heritage foundation", 2)]


def test_leftmost_longest_wins() -> None:
    m = Matcher(
        [
            entity(1, "person", "George Robertson", "Lord George Robertson"),
            entity(2, "organization", "Lord"),
        ]
    )
    assert found(m, "NATO's Lord George Robertson said") == [("Lord George Robertson", 1)]


def test_surname_resolves_within_the_article_only() -> None:
    m = Matcher([entity(1, "person", "Vladimir Putin")])
    assert found(m, "Vladimir Putin spoke. Putin's aide, PUTIN and putin.") == [
        ("Vladimir Putin", 1),
        ("Putin", 1),
    ]
    assert found(m, "Putin spoke alone.") == []


def test_shared_first_names_never_merge_and_shared_surnames_stay_unresolved() -> None:
    people = [
        entity(1, "person", "Igor Ivanov"),
        entity(2, "person", "Igor Sergeyev"),
        entity(3, "person", "Sergei Ivanov"),
    ]
    m = Matcher(people)
    text = "Igor Ivanov met Igor Sergeyev. Igor said; Sergeyev said; Ivanov said."
    assert found(m, text) == [
        ("Igor Ivanov", 1),
        ("Igor Sergeyev", 2),
        ("Sergeyev", 2),
        ("Ivanov", 1),
    ]
    both = "Igor Ivanov and Sergei Ivanov met. Ivanov said."
    assert found(m, both) == [("Igor Ivanov", 1), ("Sergei Ivanov", 3)]


def test_surnames_only_for_people_and_never_over_an_explicit_alias() -> None:
    assert surname_of("Lord George Robertson") == "Robertson"
    assert surname_of("Heritage Foundation") is None
    assert surname_of("Madonna") is None
    m = Matcher(
        [
            entity(1, "organization", "Heritage Foundation"),
            entity(2, "person", "Jack Kennedy"),
            entity(3, "place", "Kennedy"),
        ]
    )
    text = "The Heritage Foundation said. The Foundation said. Jack Kennedy flew to Kennedy."
    assert found(m, text) == [("Heritage Foundation", 1), ("Jack Kennedy", 2), ("Kennedy", 3)]


def test_offsets_are_code_points_with_emoji_and_turkish_dotted_i() -> None:
    text = "🙂 İstanbul and Zoë Dvořák 🙂 in ISTANBUL."
    assert len(lowered(text)) == len(text)
    m = Matcher([entity(1, "place", "İstanbul"), entity(2, "person", "Zoë Dvořák")])
    assert found(m, text) == [("İstanbul", 1), ("Zoë Dvořák", 2)]
    m = Matcher([entity(1, "place", "Istanbul")])
    assert found(m, text) == [("ISTANBUL", 1)]


def test_combining_marks_are_part_of_a_word() -> None:
    m = Matcher([entity(1, "person", "Jose Marti")])
    assert found(m, "Jose Marti\u0301 and Jose Marti.") == [("Jose Marti", 1)]
