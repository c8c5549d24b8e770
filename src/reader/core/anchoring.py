"""Describing a highlight by its words, and finding those words again after the text changed.

A highlight is stored twice: as code-point offsets (fast, but meaningless once the text is
edited) and as a W3C TextQuoteSelector (the quote with enough context to be unique). When an
article is re-imported with edited text, `anchor` places each highlight in the new text:

1. Position: the quote still stands at its offsets, and its context agrees there -> EXACT.
2. Quote: the exact quote elsewhere with one side of its context intact (its nearest
   `CONTEXT_LENGTH` code points, or all of it near a text edge) and the other side agreeing
   too or the place near the expected one (`NEAR`) -> MOVED; among several, the best context
   wins, then the one nearest the expected place. News prose repeats itself: a quote with
   one intact side far away is too often a twin ("...with the Kremlin.") to trust unseen.
3. Approximate: candidate spans (occurrences of the exact quote with weaker context, spans
   between surviving bits of context, rapidfuzz's best alignment; near the expected place
   first, then over the whole text), their ends moved to the boundaries that best reproduce
   the quote. The best candidate is FUZZY if its score reaches the threshold (even the exact
   quote: with no intact context it may be a twin, so a person should look). Below the
   threshold the highlight is an ORPHAN at its old offsets (clamped) and waits for review.

The score of a candidate is `min(q, whole) * nearness`:

- `q`: Levenshtein similarity of the quote and the candidate's text. A candidate can never
  score better than its own words match, so surviving context cannot rescue a deleted passage.
- `whole`: the similarity of prefix + quote + suffix, each part weighted by its length. Context
  similarity is corrected for chance (unrelated prose is about a third alike by Levenshtein),
  or is the intact run next to the quote if that is better. This is what keeps a short or
  common quote ("of the Ministry of Finance") from jumping to a twin elsewhere, while the
  passage it came from, one word changed, still has all its context.
- `nearness`: 1 at the expected place, falling towards 1 - `DISTANCE_WEIGHT` far from it.

`FUZZY_THRESHOLD` 0.7 accepts about one edit in seven characters with intact context; a
deleted passage scores what its best look-alike does (below 0.6 in our tests).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.core.errors import ReaderError
from reader.core.models import AnchorStatus

CONTEXT_LENGTH: int = 32
FUZZY_THRESHOLD: float = 0.7
DISTANCE_WEIGHT = 0.1  # score lost by a candidate very far from where it was expected
DISTANCE_SCALE = 2000  # code points at which half the distance weight is lost
CONTEXT_CHANCE = 0.35  # Levenshtein similarity of unrelated prose, taken as "no agreement"
EMPTY_CONTEXT = 0.5  # a stored empty side (text edge) that is no longer at the edge
MOVED_CONTEXT = 0.5  # one side must agree this well to trust a short quote at its old place
NEAR = 500  # a quote with one side of context intact but the other not moves at most this far
LOCAL_WINDOW = 2000  # code points searched either side of the expected place before all text
_MESSAGE_QUOTE = 60


class QuoteNotFoundError(ReaderError):
    """The quote given on the command line is not in the article."""


class AmbiguousQuoteError(ReaderError):
    """The quote occurs several times and the given context does not pick one."""


@dataclass(frozen=True, slots=True)
class QuoteSelector:
    """W3C TextQuoteSelector: the quoted text and the text either side of it."""

    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a highlight sits in the new text. An orphan keeps its old offsets, clamped to
    the text, so the review view has somewhere to show it; `score` is then the best found."""

    start: int
    end: int
    status: AnchorStatus
    score: float


def describe(text: str, start: int, end: int, context: int = CONTEXT_LENGTH) -> QuoteSelector:
    """The selector for `text[start:end]`, with context doubled until the three parts occur
    once: a quote that cannot be told apart from its twin could be re-anchored on the twin."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"invalid span [{start}, {end}) for a text of {len(text)} code points")
    exact = text[start:end]
    size = max(context, 1)
    while True:
        prefix = text[max(0, start - size) : start]
        suffix = text[end : end + size]
        whole = prefix + exact + suffix
        first = text.find(whole)
        if text.find(whole, first + 1) < 0 or (start - size <= 0 and end + size >= len(text)):
            return QuoteSelector(exact, prefix, suffix)
        size *= 2


def _shorten(quote: str) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= _MESSAGE_QUOTE else quote[: _MESSAGE_QUOTE - 1] + "…"


def _occurrences(text: str, exact: str) -> list[int]:
    found: list[int] = []
    at = text.find(exact)
    while at >= 0:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def find_quote(text: str, exact: str, prefix: str = "", suffix: str = "") -> tuple[int, int]:
    """The span of a quote typed by a person (`reader highlight --quote`): exact matches only,
    because a highlight made from a guess would be a confident wrong place."""
    shown = _shorten(exact)
    if not exact.strip():
        raise QuoteNotFoundError("the quote is empty")
    found = _occurrences(text, exact)
    if not found:
        raise QuoteNotFoundError(f'the quote "{shown}" is not in this article')
    if len(found) == 1:
        return found[0], found[0] + len(exact)
    kept = [
        at
        for at in found
        if text.endswith(prefix, 0, at) and text.startswith(suffix, at + len(exact))
    ]
    if len(kept) == 1:
        return kept[0], kept[0] + len(exact)
    if not prefix and not suffix:
        raise AmbiguousQuoteError(
            f'the quote "{shown}" occurs {len(found)} times; add --prefix or --suffix to pick one'
        )
    if not kept:
        raise QuoteNotFoundError(
            f'the quote "{shown}" occurs {len(found)} times, but none with that --prefix/--suffix'
        )
    raise AmbiguousQuoteError(
        f'the quote "{shown}" occurs {len(kept)} times with that context; '
        "make --prefix or --suffix longer to pick one"
    )


# Scoring -----------------------------------------------------------------------------------


def _agreement(stored: str, found: str, at_edge: bool, before: bool) -> float:
    """How well one side of the context agrees, 0 (unrelated) to 1 (identical): the better of
    its Levenshtein similarity and the run of it that survives intact next to the quote
    (an edit 20 code points away should not hide that the nearest words are unchanged)."""
    from rapidfuzz.distance import Levenshtein  # loaded on first use: the window starts without it

    if not stored:
        return 1.0 if at_edge else EMPTY_CONTEXT
    similarity = Levenshtein.normalized_similarity(stored, found)
    a, b = (stored[::-1], found[::-1]) if before else (stored, found)
    intact = 0
    while intact < len(a) and intact < len(b) and a[intact] == b[intact]:
        intact += 1
    return max(
        (similarity - CONTEXT_CHANCE) / (1.0 - CONTEXT_CHANCE),
        min(1.0, intact / min(len(stored), CONTEXT_LENGTH)),
        0.0,
    )


def _context(text: str, quote: QuoteSelector, start: int, end: int) -> tuple[float, float]:
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return (
        _agreement(quote.prefix, before, start == 0, before=True),
        _agreement(quote.suffix, after, end == len(text), before=False),
    )


def _score(
    quote: QuoteSelector, q: float, sides: tuple[float, float], distance: int | None
) -> float:
    """See the module docstring; `distance` None leaves nearness out (a MOVED quote's score
    says how well its context agrees, not how far it moved)."""
    # An empty side (the quote was at a text edge) still counts a little: a paragraph
    # inserted before the article's first words is a change of context.
    weights = (len(quote.prefix) or 8, len(quote.exact), len(quote.suffix) or 8)
    whole = (weights[0] * sides[0] + weights[1] * q + weights[2] * sides[1]) / sum(weights)
    score = min(q, whole)
    if distance is not None:
        score *= 1.0 - DISTANCE_WEIGHT * distance / (distance + DISTANCE_SCALE)
    return score


# Boundaries: fuzzy spans should start and end where the original did (a word start, say).


def _is_word(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


def _joined(text: str, i: int) -> bool:
    """Whether a boundary at `i` would split a character as a reader sees it (a letter and
    its combining mark, an emoji ZWJ sequence, a skin tone or variation selector)."""
    if i <= 0 or i >= len(text):
        return False
    ch, before = text[i], text[i - 1]
    return (
        unicodedata.category(ch)[0] == "M"
        or ch in "\u200d\ufe0f\ufe0e"
        or before == "\u200d"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or ("\U0001f1e6" <= ch <= "\U0001f1ff" and "\U0001f1e6" <= before <= "\U0001f1ff")
    )


def _kind(text: str, i: int) -> tuple[bool, bool]:
    """(word character before `i`, word character at `i`)."""
    return (i > 0 and _is_word(text[i - 1]), i < len(text) and _is_word(text[i]))


def _positions(text: str, centre: int, radius: int) -> list[int]:
    """Positions near `centre` that do not split a character."""
    lo, hi = max(0, centre - radius), min(len(text), centre + radius)
    return [i for i in range(lo, hi + 1) if not _joined(text, i)] or [centre]


def _refine(text: str, quote: QuoteSelector, start: int, end: int) -> tuple[int, int, float]:
    """Moves a rough span's ends to where they best reproduce the quote. A boundary of the
    same kind as the original (a word start, say) is worth 1.5 edits, so that "Putin" edited
    to "Putins" takes the whole new word rather than stopping inside it."""
    from rapidfuzz.distance import Levenshtein  # loaded on first use: the window starts without it

    exact = quote.exact
    radius = max(4, len(exact) // 5 + 2)
    bonus = 1.5 / len(exact)
    want_start = (bool(quote.prefix) and _is_word(quote.prefix[-1]), _is_word(exact[0]))
    want_end = (_is_word(exact[-1]), bool(quote.suffix) and _is_word(quote.suffix[0]))
    starts = [(i, bonus * (_kind(text, i) == want_start)) for i in _positions(text, start, radius)]
    ends = [(i, bonus * (_kind(text, i) == want_end)) for i in _positions(text, end, radius)]
    best_s, best_e, best_q, best_key = start, end, 0.0, -1.0
    start_bonus = end_bonus = 0.0
    for _ in range(2):  # ends, then starts, then both again: cheaper than every pair
        for cand, extra in ends:
            if cand > best_s:
                q = Levenshtein.normalized_similarity(exact, text[best_s:cand])
                if q + extra + start_bonus > best_key:
                    best_e, best_q, best_key, end_bonus = cand, q, q + extra + start_bonus, extra
        for cand, extra in starts:
            if cand < best_e:
                q = Levenshtein.normalized_similarity(exact, text[cand:best_e])
                if q + extra + end_bonus > best_key:
                    best_s, best_q, best_key, start_bonus = cand, q, q + extra + end_bonus, extra
    return best_s, best_e, best_q


# Anchoring ---------------------------------------------------------------------------------


def _clamp(text: str, start: int, end: int) -> tuple[int, int]:
    start = min(max(start, 0), len(text))
    return start, min(max(end, start), len(text))


def _confirmed(text: str, quote: QuoteSelector, start: int, end: int) -> bool:
    """Whether the quote stands at `start` with context to back it: a short quote ("the")
    also stands at many places it was never made."""
    exact = quote.exact
    if not text.startswith(exact, start) or end - start != len(exact):
        return False
    if len(exact) >= CONTEXT_LENGTH:
        return True
    if text.endswith(quote.prefix, 0, start) or text.startswith(quote.suffix, end):
        return True
    return max(_context(text, quote, start, end)) >= MOVED_CONTEXT


def _candidates(
    text: str, quote: QuoteSelector, hint: int, span: tuple[int, int], threshold: float
) -> Iterable[tuple[int, int]]:
    """Rough spans for the quote inside `text[lo:hi]`: between surviving bits of context,
    and rapidfuzz's best-aligned window (below 80% of the threshold it cannot win anyway)."""
    from rapidfuzz import fuzz  # loaded on first use: the window starts without it

    lo, hi = span
    exact, size, window = quote.exact, len(quote.exact), text[lo:hi]
    head, tail = quote.prefix[-16:], quote.suffix[:16]
    heads = [lo + at + len(head) for at in _occurrences(window, head)] if head else [0]
    tails = [lo + at for at in _occurrences(window, tail)] if tail else [len(text)]
    heads = sorted(heads, key=lambda at: abs(at - hint))[:3]
    tails = sorted(tails, key=lambda at: abs(at - hint - size))[:3]
    for s in heads:
        pairs = [e for e in tails if s < e <= s + 2 * size + 16]
        yield from ((s, e) for e in pairs)
        if not pairs:
            yield s, min(len(text), s + size)
    for e in tails:
        yield max(0, e - size), e
    found = fuzz.partial_ratio_alignment(exact, window, score_cutoff=80 * threshold)
    if found is not None and found.dest_end > found.dest_start:
        yield lo + found.dest_start, lo + found.dest_end


def _best_fuzzy(
    text: str, quote: QuoteSelector, hint: int, threshold: float, exact_at: list[int]
) -> tuple[int, int, float]:
    """The best-scoring span: near the expected place first, the whole text only if need be."""
    best = (hint, hint, 0.0)
    seen: set[tuple[int, int]] = set()

    def consider(spans: Iterable[tuple[int, int]], refine: bool) -> None:
        nonlocal best
        for span in spans:
            if span in seen:
                continue
            seen.add(span)
            if refine:
                s, e, q = _refine(text, quote, *span)
            else:
                s, e = span
                q = 1.0
            if q <= best[2] or e <= s:
                continue
            score = _score(quote, q, _context(text, quote, s, e), abs(s - hint))
            if score > best[2]:
                best = (s, e, score)

    consider(((at, at + len(quote.exact)) for at in exact_at), refine=False)
    reach = LOCAL_WINDOW + 2 * len(quote.exact)
    lo, hi = max(0, hint - reach), min(len(text), hint + reach)
    consider(_candidates(text, quote, hint, (lo, hi), threshold), refine=True)
    if best[2] < threshold and (lo > 0 or hi < len(text)):
        consider(_candidates(text, quote, hint, (0, len(text)), threshold), refine=True)
    return best


def _anchor(
    text: str, quote: QuoteSelector, start: int, end: int, hint: int, threshold: float
) -> Placement:
    exact = quote.exact
    if not exact or not text:
        return Placement(*_clamp(text, start, end), AnchorStatus.ORPHAN, 0.0)
    hint = min(hint, len(text))
    if _confirmed(text, quote, start, end):
        return Placement(start, end, AnchorStatus.EXACT, 1.0)
    if hint != start and _confirmed(text, quote, hint, hint + len(exact)):
        return _moved(text, quote, hint)
    found = _occurrences(text, exact)
    if found:
        full = [
            at
            for at in found
            if text.endswith(quote.prefix, 0, at) and text.startswith(quote.suffix, at + len(exact))
        ]
        found = sorted(full or found, key=lambda at: abs(at - hint))[:64]
        ranked = [(_context(text, quote, at, at + len(exact)), at) for at in found]
        sure = [
            (sides, at)
            for sides, at in ranked
            if max(sides) >= 1.0 and (min(sides) >= MOVED_CONTEXT or abs(at - hint) <= NEAR)
        ]
        if sure:
            _, at = max(sure, key=lambda r: (r[0][0] + r[0][1], -abs(r[1] - hint)))
            return _moved(text, quote, at)
    s, e, score = _best_fuzzy(text, quote, hint, threshold, found)
    if score < threshold:
        return Placement(*_clamp(text, start, end), AnchorStatus.ORPHAN, round(score, 4))
    return Placement(s, e, AnchorStatus.FUZZY, round(score, 4))


def _moved(text: str, quote: QuoteSelector, at: int) -> Placement:
    """The exact quote with one side of its context intact: sure enough to need no review,
    so its score stays in [0.9, 1], lower as the other side disagrees."""
    end = at + len(quote.exact)
    score = 0.9 + 0.1 * _score(quote, 1.0, _context(text, quote, at, end), None)
    return Placement(at, end, AnchorStatus.MOVED, round(score, 4))


def anchor(
    text: str, quote: QuoteSelector, start: int, end: int, *, threshold: float = FUZZY_THRESHOLD
) -> Placement:
    """Places one highlight made at `[start, end)` of an earlier version in `text`."""
    return _anchor(text, quote, start, end, start, threshold)


def anchor_all(
    text: str,
    items: Sequence[tuple[QuoteSelector, int, int]],
    *,
    threshold: float = FUZZY_THRESHOLD,
) -> list[Placement]:
    """Places many highlights of one article, in the order given.

    Edits shift whole stretches of text, so the highlights are taken in text order and each
    is first looked for where the previous one's shift would put it: after a paragraph is
    inserted near the top, every later highlight is found with one comparison.
    """
    placements: list[Placement | None] = [None] * len(items)
    shift = 0
    for index in sorted(range(len(items)), key=lambda i: items[i][1]):
        quote, start, end = items[index]
        placed = _anchor(text, quote, start, end, max(0, start + shift), threshold)
        if placed.status in (AnchorStatus.EXACT, AnchorStatus.MOVED):
            shift = placed.start - start
        placements[index] = placed
    return [p for p in placements if p is not None]
