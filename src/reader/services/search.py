"""Searching the library: articles, highlights, notes and entities, with one query language.

The window's search field, results view and smart folders and the `reader search` command
all come through here. Queries are parsed in `reader.core.query` (so a malformed one is
reported before the database is touched) and run against the library's `SearchIndex`, which
the database keeps current by itself: nothing here has to be called after an edit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.errors import ReaderError
from reader.core.palette import DEFAULT_PALETTE, ColorLabel
from reader.core.palette import find as find_color
from reader.core.query import KINDS, Query, QueryError, parse

if TYPE_CHECKING:
    from reader.services.library import Library
    from reader.storage.search import IndexHit
    from reader.storage.unit import Unit

__all__ = [
    "QueryError",
    "SavedSearch",
    "SearchHit",
    "article_ids",
    "check_query",
    "delete_saved_search",
    "reindex",
    "save_search",
    "saved_searches",
    "search",
]

MARK_START = "\x02"  # as reader.storage.search marks matches; not imported, to load lazily
MARK_END = "\x03"
SNIPPET_CHARS = 180  # about two lines of the results view
_LEAD = 50  # of which this much comes before the first match


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article" | "highlight" | "note" | "entity"
    article_id: int | None
    highlight_id: int | None
    entity_id: int | None
    title: str  # article title, or entity name
    snippet: str  # plain text around the match (no markers)
    marks: tuple[tuple[int, int], ...]  # spans of matched words within `snippet`
    score: float  # higher is better
    # Article hits: code-point offsets in the article's current text of the first match
    # (None when only the title matched); highlight and note hits: the highlight's place.
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str


def check_query(query: str, *, palette: Sequence[ColorLabel] | None = None) -> None:
    """Raises QueryError if `query` cannot be run; with `palette`, unknown labels too."""
    parsed = parse(query)
    if palette is not None:
        _resolve_labels(parsed, palette)


def _resolve_labels(query: Query, palette: Sequence[ColorLabel]) -> Query:
    """Labels are named by key, label or number (as the palette's `find`); the index wants
    keys. Labels live in settings, which is why the caller hands the palette in."""
    if not query.labels:
        return query
    resolved = []
    for names in query.labels:
        keys = []
        for name in names:
            try:
                keys.append(find_color(palette, name).key)
            except ReaderError as exc:
                raise QueryError(f"label:{name}: {exc}") from None
        resolved.append(tuple(keys))
    return dataclasses.replace(query, labels=tuple(resolved))


def _prepare(query: str, kind: str | None, palette: Sequence[ColorLabel]) -> Query:
    parsed = _resolve_labels(parse(query), palette)
    if kind is not None:
        if kind not in KINDS:
            raise QueryError(f"kind can be {', '.join(KINDS)}, not {kind!r}")
        if parsed.kinds and kind not in parsed.kinds:
            raise QueryError(
                f"the query asks for kind:{','.join(sorted(parsed.kinds))}, not {kind}"
            )
        parsed = dataclasses.replace(parsed, kinds=frozenset({kind}))
    return parsed


def search(
    library: Library,
    query: str,
    *,
    kind: str | None = None,
    limit: int = 50,
    palette: Sequence[ColorLabel] = DEFAULT_PALETTE,
) -> list[SearchHit]:
    """The best `limit` hits, best first. A query of fields only ("tag:ukraine") lists
    articles newest first (or the kinds it names) with score 0."""
    parsed = _prepare(query, kind, palette)
    with library.unit() as unit:
        found = unit.search.search(parsed, max(1, limit))
    return [_hit(item) for item in found]


def article_ids(
    library: Library,
    query: str,
    *,
    limit: int = 5000,
    palette: Sequence[ColorLabel] = DEFAULT_PALETTE,
) -> list[int]:
    """Articles matching directly or through their highlights, notes or the entities they
    mention, best first (newest first for a query of fields only)."""
    parsed = _prepare(query, None, palette)
    with library.unit() as unit:
        return unit.search.article_ids(parsed, limit)


def matching_articles(unit: Unit, query: str, palette: Sequence[ColorLabel]) -> Any:
    """For `articles.list_page`: a subquery of the ids matching `query`, inside `unit`."""
    return unit.search.matching_articles(_prepare(query, None, palette))


def reindex(
    library: Library,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Rebuilds the index from the library (never needed in normal use: the database keeps
    it current). One transaction: cancelling leaves the old index. Returns documents indexed."""
    with library.unit() as unit:
        return unit.search.rebuild(progress, cancelled)


# -- saved searches (smart folders) ---------------------------------------------------------


def saved_searches(library: Library) -> list[SavedSearch]:
    with library.unit() as unit:
        return [SavedSearch(*row) for row in unit.search_store.all()]


def save_search(library: Library, name: str, query: str) -> SavedSearch:
    """Saves (or, for a name already used in any case, replaces) a named query."""
    name = " ".join(name.split())
    if not name:
        raise ReaderError("a saved search needs a name")
    parse(query)
    with library.unit() as unit:
        return SavedSearch(*unit.search_store.save(name, query.strip(), library.author))


def delete_saved_search(library: Library, search_id: int) -> None:
    with library.unit() as unit:
        unit.search_store.delete(search_id)


# -- snippets ---------------------------------------------------------------------------


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without match markers, and the spans they marked (code-point offsets)."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for piece in marked.split(MARK_START):
        inside, sep, after = piece.partition(MARK_END)
        if sep:
            start = length
            plain.append(inside)
            length += len(inside)
            if length > start:
                spans.append((start, length))
            plain.append(after)
            length += len(after)
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), _merge(spans)


def unmark_head(marked: str, chars: int) -> tuple[str, list[tuple[int, int]], int]:
    """`unmark` of the opening `chars` plain characters after the first mark only (an article
    comes back marked whole, a snippet shows a few lines of it), and the whole plain length.
    The cut never falls inside a mark or a run of adjacent ones, so the spans before it are
    exactly those of the whole text."""
    start = max(marked.find(MARK_START), 0)  # no marker before it: counts start there
    want = start + chars
    cut = want
    while cut < len(marked):
        markers = marked.count(MARK_START, start, cut) + marked.count(MARK_END, start, cut)
        if cut - markers >= want:
            break
        cut = want + markers
    while marked.count(MARK_START, start, cut) > marked.count(MARK_END, start, cut) or (
        marked.startswith(MARK_START, cut) and marked.endswith(MARK_END, 0, cut)
    ):
        end = marked.find(MARK_END, cut + 1)
        cut = len(marked) if end < 0 else end + 1
    length = len(marked) - marked.count(MARK_START, start) - marked.count(MARK_END, start)
    text, spans = unmark(marked[:cut])
    if not spans and MARK_START in marked[cut:]:  # only empty marks before the cut
        text, spans = unmark(marked)
    return text, spans, length


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def snippet(
    text: str, spans: Sequence[tuple[int, int]], length: int | None = None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About SNIPPET_CHARS of `text` around its first marked span, cut at spaces, with
    "…" where text was left out, and the spans shifted into it. `text` may be the opening
    of a longer text of `length` characters (from `unmark_head`)."""
    total = len(text) if length is None else length
    first = spans[0][0] if spans else 0
    begin = 0 if first <= _LEAD + 30 else text.rfind(" ", 0, first - _LEAD + 1) + 1
    if begin and first - begin > _LEAD + 20:
        begin = first - _LEAD
    stop = begin + SNIPPET_CHARS
    if stop < total:
        space = text.rfind(" ", begin + SNIPPET_CHARS // 2, stop)
        stop = space if space > 0 else stop
        stop = max(stop, spans[0][1] if spans else stop)
    else:
        stop = total
    lead = "…" if begin > 0 else ""
    body = text[begin:stop].replace("\n", " ")  # same length: the marks stay put
    shown = lead + body + ("…" if stop < total else "")
    shift = len(lead) - begin
    marks = tuple((s + shift, e + shift) for s, e in spans if s >= begin and e <= stop)
    return shown, marks


def _hit(item: IndexHit) -> SearchHit:
    text, spans, length = unmark_head(item.text, SNIPPET_CHARS + 1)
    start, end = item.start, item.end
    if item.kind == "article" and spans:
        start, end = spans[0]
    shown, marks = snippet(text, spans, length)
    return SearchHit(
        kind=item.kind,
        article_id=item.article_id,
        highlight_id=item.highlight_id,
        entity_id=item.entity_id,
        title=item.title,
        snippet=shown,
        marks=marks,
        score=item.score,
        start=start,
        end=end,
    )
