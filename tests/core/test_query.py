"""The search query language: what people type parses into what they meant, and a malformed
query gets a one-line message instead of a crash or a database error."""

from __future__ import annotations

from datetime import date

import pytest

from reader.core.errors import ReaderError
from reader.core.query import Query, QueryError, Term, parse


def test_words_phrases_or_exclusion_and_prefix() -> None:
    q = parse('sanctions "founding act" ceasefire OR truce -draft negot*')
    assert q.groups == (
        (Term("sanctions"),),
        (Term("founding act"),),
        (Term("ceasefire"), Term("truce")),
        (Term("negot", prefix=True),),
    )
    assert q.excluded == (Term("draft"),)
    assert q.has_words and not q.has_filters


def test_lowercase_or_is_a_word() -> None:
    assert parse("war or peace").groups == ((Term("war"),), (Term("or"),), (Term("peace"),))


def test_fields() -> None:
    q = parse(
        'tag:ukraine entity:"Vladimir Putin" label:evidence kind:highlight,note source:reuters '
        "after:2024-03 before:2025 is:unread has:highlights status:orphan"
    )
    assert q.tags == (("ukraine",),)
    assert q.entities == (("Vladimir Putin",),)
    assert q.labels == (("evidence",),)
    assert q.kinds == frozenset({"highlight", "note"})
    assert q.sources == (("reuters",),)
    assert q.after == date(2024, 3, 1)
    assert q.before == date(2025, 1, 1)
    assert q.unread and q.has_highlights
    assert q.statuses == (("orphan",),)
    assert not q.has_words


def test_dates_of_every_precision() -> None:
    assert parse("after:2024-03-15 x").after == date(2024, 3, 15)
    assert parse("before:2024-12 x").before == date(2024, 12, 1)
    assert parse("before:1999 x").before == date(1999, 1, 1)


def test_two_of_a_field_must_both_hold_and_commas_are_alternatives() -> None:
    q = parse("tag:a tag:b,c x")
    assert q.tags == (("a",), ("b", "c"))


def test_unknown_field_names_are_words() -> None:
    assert parse("Note: 10:30").groups == ((Term("Note:"),), (Term("10:30"),))


def test_punctuation_alone_is_ignored() -> None:
    assert parse("nato -- !!!").groups == ((Term("nato"),),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tag:", "tag: needs a value, as in tag:ukraine"),
        ('"founding act', 'unbalanced quote: add the closing "'),
        ("OR", "OR needs a word on each side"),
        ("nato OR", "OR needs a word on each side"),
        ("OR nato", "OR needs a word on each side"),
        ("a OR OR b", "OR needs a word on each side"),
        ("after:yesterdayish", "after: wants a date like 2024-03-15, 2024-03 or 2024"),
        ("before:2024-13", "before: wants a date"),
        ("kind:tweet", "kind: can be article, highlight, note, entity, not 'tweet'"),
        ("status:lost", "status: can be exact, moved, fuzzy, orphan"),
        ("is:read", "is: can be unread"),
        ("has:tags", "has: can be highlights"),
        ("", "nothing to search for"),
        ("   ", "nothing to search for"),
        ("-draft", "an exclusion needs something to exclude from"),
        ("-tag:x nato", "exclusion works on words and phrases, not on fields"),
        ("ne*go", "* goes at the end of a word"),
        ("kind:article kind:entity", "no kind is all of the kinds"),
        ("a OR tag:x", "OR joins words, not fields"),
    ],
)
def test_malformed_queries_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ReaderError)


@pytest.mark.parametrize(
    "text",
    [
        "tag:x' OR 1=1 --",
        '"a" NEAR(',
        "nato'; DROP TABLE articles; --",
        "{title}: x AND y",
        "NEAR(a b)",
        "^start",
        '"unbalanced "" quotes"',
    ],
)
def test_hostile_input_parses_as_text_or_fails_cleanly(text: str) -> None:
    try:
        query = parse(text)
    except QueryError:
        return
    assert isinstance(query, Query)
