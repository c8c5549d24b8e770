"""Snippets are made from the opening of a marked text only (an article comes back from the
index marked whole); they must be exactly those the whole text gives."""

from __future__ import annotations

import random

import pytest

from reader.services.search import MARK_END, MARK_START, SNIPPET_CHARS, snippet, unmark, unmark_head


def whole(marked: str) -> tuple[str, tuple[tuple[int, int], ...], int]:
    text, spans = unmark(marked)
    shown, marks = snippet(text, spans)
    return shown, marks, len(text)


def head(marked: str) -> tuple[str, tuple[tuple[int, int], ...], int]:
    text, spans, length = unmark_head(marked, SNIPPET_CHARS + 1)
    shown, marks = snippet(text, spans, length)
    return shown, marks, length


def marked_text(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(0, 400)):
        word = rng.choice(["talks", "the", "Zürich", "ceasefire", "a", "😀", "bank", "x" * 30])
        if rng.random() < 0.15:
            word = MARK_START + word + MARK_END
        words.append(word)
        if rng.random() < 0.1 and words[-1].endswith(MARK_END):
            words[-1] += MARK_START + "run" + MARK_END  # adjacent marks merge into one span
    return rng.choice([" ", "\n"]).join(words)


def test_a_snippet_from_the_opening_is_the_snippet_from_the_whole_text() -> None:
    for seed in range(500):
        marked = marked_text(random.Random(seed))
        assert head(marked) == whole(marked), seed


@pytest.mark.parametrize(
    "marked",
    [
        "",
        "no marks at all " * 40,
        MARK_START + "first" + MARK_END + " word",
        "x " * 300 + MARK_START + "late" + MARK_END,
        "y " * 100 + MARK_START + ("long phrase " * 40) + MARK_END + " after",
        "z " * 90 + MARK_START + "a" + MARK_END + MARK_START + "b" + MARK_END + " c" * 200,
        MARK_START + MARK_END + "w " * 200 + MARK_START + "real" + MARK_END,
    ],
)
def test_edge_cases(marked: str) -> None:
    assert head(marked) == whole(marked)
