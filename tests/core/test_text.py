"""Canonical text rules: counting, hashing, and the code-point/UTF-16 map the reader pane
relies on to put highlights in the right place."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.text import (
    Utf16Map,
    content_hash,
    join_paragraphs,
    normalize_line,
    utf16_length,
    word_count,
)


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\n  ", 0),
        ("NATO and Russia", 3),
        ("It's a well-known fact.", 4),
        ("The 19-member alliance, the U.S. and NATO's chief", 8),
        ("Привет, мир", 2),
        ("שלום עולם", 2),
        ("one\n\ntwo\tthree", 3),
        ("— … !!", 0),
    ],
)
def test_word_count(text: str, expected: int) -> None:
    assert word_count(text) == expected


def test_content_hash_ignores_spacing_and_case() -> None:
    base = content_hash("NATO and Russia\n\nRevive relations.")
    assert content_hash("nato  and russia revive\trelations.") == base
    assert content_hash("  NATO AND RUSSIA\r\n\r\nREVIVE RELATIONS.  ") == base


def test_content_hash_treats_composed_and_decomposed_accents_alike() -> None:
    assert content_hash("caf\u00e9") == content_hash("cafe\u0301")


def test_content_hash_notices_a_changed_word() -> None:
    assert content_hash("NATO and Russia revive relations") != content_hash(
        "NATO and Russia freeze relations"
    )
    assert content_hash("a b") != content_hash("ab")


def test_normalize_line_folds_odd_spaces_and_trims() -> None:
    assert normalize_line("\t Hello\u00a0\u2009 world  ") == "Hello world"
    assert normalize_line("cafe\u0301") == "caf\u00e9"
    # Lines with other non-ASCII characters take a shortcut when they have nothing to fold.
    assert normalize_line(" \u201cQuoted\u201d \u2014 said ") == "\u201cQuoted\u201d \u2014 said"
    assert normalize_line("\u201cQuoted\u201d  twice") == "\u201cQuoted\u201d twice"
    assert normalize_line("\u201cQuoted\u201d\u3000wide") == "\u201cQuoted\u201d wide"


SAMPLES = {
    "ascii": "Plain text, nothing special.",
    "emoji": "Flags 🇺🇦 and faces 😀😀 then a family 👨‍👩‍👧 end",
    "combining": "e\u0301le\u0300ve Zoe\u0308 n\u0303",
    "cyrillic": "Россия и НАТО возобновляют отношения",
    "hebrew": "שלום עולם, זה טקסט 😀 מימין לשמאל",
    "arabic": "مرحبا بالعالم 🌍 هذا نص عربي",
    "astral_cjk": "𠀋𡈽𡌛 and 𝒳𝒴",
}


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
def test_utf16_map_matches_qt_counting_at_every_offset(text: str) -> None:
    mapping = Utf16Map(text)
    assert utf16_length(text) == utf16_units(text)
    for i in range(len(text) + 1):
        units = mapping.to_utf16(i)
        assert units == utf16_units(text[:i])
        assert mapping.to_code_point(units) == i


def test_utf16_offset_inside_a_surrogate_pair_rounds_down_to_the_character() -> None:
    text = "a😀b"
    mapping = Utf16Map(text)
    assert [mapping.to_utf16(i) for i in range(4)] == [0, 1, 3, 4]
    assert mapping.to_code_point(2) == 1  # between the two halves of the emoji
    assert text[mapping.to_code_point(3)] == "b"


def test_highlight_after_emoji_and_rtl_text_lands_on_the_same_words() -> None:
    text = "Intro 😀 שלום then e\u0301 Россия target words here"
    start = text.index("target")
    end = start + len("target words")
    mapping = Utf16Map(text)
    qt_text = text.encode("utf-16-le")
    u_start, u_end = mapping.to_utf16(start), mapping.to_utf16(end)
    assert qt_text[u_start * 2 : u_end * 2].decode("utf-16-le") == "target words"
    assert text[mapping.to_code_point(u_start) : mapping.to_code_point(u_end)] == "target words"


@given(
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, codec="utf-8"),
        ),
        max_size=60,
    ),
    st.data(),
)
def test_utf16_map_round_trips_for_any_text(text: str, data: st.DataObject) -> None:
    mapping = Utf16Map(text)
    i = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert mapping.to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2
    assert mapping.to_code_point(mapping.to_utf16(i)) == i


def test_join_paragraphs_spans_slice_each_paragraph() -> None:
    paragraphs = ["First 😀 paragraph.", "Второй абзац.", "ثالث"]
    text, spans = join_paragraphs(paragraphs)
    assert text == "First 😀 paragraph.\n\nВторой абзац.\n\nثالث"
    assert [text[start:end] for start, end in spans] == paragraphs


def test_join_paragraphs_of_nothing_is_empty() -> None:
    assert join_paragraphs([]) == ("", [])
