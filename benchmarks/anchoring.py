"""Re-anchoring: 1,000 highlights of a 5,000-word article, after the article was edited.

This is what a re-import of an edited page costs a heavily annotated article. The edit is the
kind news sites make: a paragraph inserted near the top (so every later highlight moves), a
word changed inside about 5% of the highlighted passages (fuzzy matches), and one paragraph
deleted (its highlights must become orphans, the ones after it move back). Building the
article and describing the highlights are not timed; `anchor_all` is.

Besides the time, the figure counts misplaced highlights (placed, but on none of their words
after the edit, or placed although their words were deleted), from the true position of each
highlight: a fast re-anchoring that puts marks on the wrong words is no use.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter

from benchmarks.articles import _Article
from benchmarks.corpus import log

TARGET_SECONDS = 1.0
WORDS = 5000
HIGHLIGHTS = 1000
EDITED_FRACTION = 0.05
SEED = 20240603

Edit = tuple[int, int, str]  # old start, old end, replacement


def build_article(rng: random.Random) -> list[str]:
    """Paragraphs of about `WORDS` words of generated news prose."""
    article = _Article(rng)
    paragraphs: list[str] = []
    words = 0
    while words < WORDS:
        sentences = [article.sentence(rng.randint(12, 30)) for _ in range(rng.randint(2, 4))]
        paragraphs.append(" ".join(sentences))
        words += paragraphs[-1].count(" ") + 1
    return paragraphs


def word_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    at = 0
    for word in text.split(" "):
        for part in word.split("\n\n"):
            if part:
                spans.append((at, at + len(part)))
            at += len(part) + 2
        at -= 1  # the split removed one space, not the two of a paragraph break
    return spans


def pick_highlights(rng: random.Random, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Whole-word passages of 1-15 words, spread over the article."""
    picked: list[tuple[int, int]] = []
    for _ in range(HIGHLIGHTS):
        first = rng.randrange(len(spans))
        last = min(len(spans) - 1, first + rng.randint(0, 14))
        picked.append((spans[first][0], spans[last][1]))
    return sorted(picked)


def plan_edits(
    rng: random.Random, text: str, paragraphs: list[str], highlights: list[tuple[int, int]]
) -> list[Edit]:
    starts = [text.index(p) for p in paragraphs]
    inserted = "Editor's note: this article was updated with comments from both governments."
    edits: list[Edit] = [(starts[1], starts[1], inserted + "\n\n")]
    gone = len(paragraphs) * 2 // 3
    deleted = (starts[gone], starts[gone + 1])
    edits.append((*deleted, ""))
    spans = word_spans(text)
    vocabulary = sorted({text[s:e] for s, e in spans if text[s:e].isalpha()})
    for start, end in rng.sample(highlights, int(HIGHLIGHTS * EDITED_FRACTION)):
        inside = [s for s in spans if start <= s[0] and s[1] <= end and s[1] - s[0] > 3]
        if inside:
            s, e = rng.choice(inside)
            edits.append((s, e, rng.choice(vocabulary)))  # another word of the article
    # Keep the edits apart: overlapping replacements have no single true result.
    kept: list[Edit] = []
    for edit in sorted(edits):
        if not kept or edit[0] >= kept[-1][1] + (edit[0] == kept[-1][0]):
            kept.append(edit)
    return kept


def apply(text: str, edits: list[Edit]) -> str:
    parts: list[str] = []
    at = 0
    for start, end, new in edits:
        parts += [text[at:start], new]
        at = end
    return "".join([*parts, text[at:]])


def true_span(edits: list[Edit], start: int, end: int) -> tuple[int, int] | None:
    """Where the highlighted words are after the edits, or None if they were deleted."""

    def move(x: int, is_end: bool) -> int:
        shift = 0
        for s, e, new in edits:
            if e <= x and not (is_end and s == e == x):
                shift += len(new) - (e - s)
            elif s < x:  # inside a replaced stretch: its new end, or its start
                return s + shift + (len(new) if is_end else 0)
        return x + shift

    new_start, new_end = move(start, False), move(end, True)
    return (new_start, new_end) if new_end > new_start else None


def measure_reanchor(runs: int = 3) -> dict[str, object]:
    from reader.core.anchoring import anchor_all, describe
    from reader.core.models import AnchorStatus

    rng = random.Random(SEED)
    paragraphs = build_article(rng)
    text = "\n\n".join(paragraphs)
    highlights = pick_highlights(rng, word_spans(text))
    items = [(describe(text, s, e), s, e) for s, e in highlights]
    edits = plan_edits(rng, text, paragraphs, highlights)
    edited = apply(text, edits)
    log(f"reanchor: {len(items)} highlights, {len(text)} -> {len(edited)} code points")
    times: list[float] = []
    placed = []
    for _ in range(runs):
        started = time.perf_counter()
        placed = anchor_all(edited, items)
        times.append(time.perf_counter() - started)
    statuses = Counter(p.status.value for p in placed)
    misplaced = 0
    for (_, start, end), p in zip(items, placed, strict=True):
        truth = true_span(edits, start, end)
        if p.status is AnchorStatus.ORPHAN:
            continue
        if truth is None or min(p.end, truth[1]) <= max(p.start, truth[0]):
            misplaced += 1
    seconds = statistics.median(times)
    return {
        "words": len(text.split()),
        "highlights": len(items),
        "edits": len(edits),
        "seconds": round(seconds, 3),
        "runs": runs,
        "statuses": {s.value: statuses.get(s.value, 0) for s in AnchorStatus},
        "misplaced": misplaced,
        "target_seconds": TARGET_SECONDS,
        "meets_target": seconds <= TARGET_SECONDS,
    }
