"""Matched words marked in the texts of a page of PostgreSQL hits, with ts_headline.

With HighlightAll, ts_headline gives back the text with the matched words between MARK_START
and MARK_END and otherwise as it was, so a mark's place is a code-point offset into the
stored text. The one known exception is a word too long to index (over 2,047 bytes), which
it leaves out: a text whose unmarked form differs from the stored one is shown unmarked
rather than with marks in the wrong place.

ts_headline parses all the text it is given, about 1.5 ms for a news article: too slow for a
page of fifty. What the results show is the first match and the words around it, so an
article's text is marked only in a window around the first word that looks like a match
(its folded form starts with a lexeme of the query); when the window holds no match after
all, the whole text is marked. A text with no such word under a title with one is taken as
a match of the title alone and left unmarked, without parsing it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import String, Text, and_, func, literal, literal_column, select, text
from sqlalchemy.dialects.postgresql import TSQUERY, aggregate_order_by
from sqlalchemy.orm import Session

from reader.storage.search import MARK_END, MARK_START
from reader.storage.tables import AliasRow, ArticleRow, ArticleVersionRow, EntityRow, HighlightRow

CONFIG: Any = literal_column("'reader_search'::regconfig")  # made by migration 0003
_OPTIONS = f"HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_END}"
_KIND_SHIFT = 40
_ID_MASK = (1 << _KIND_SHIFT) - 1
_BEFORE, _AFTER = 100, 400  # a window's reach around the first likely match (snippet: 180)
_LEXEMES = re.compile(r"'((?:[^']|'')*)'")
_WINDOWS = text(
    "SELECT k, ts_headline('reader_search'::regconfig, w, to_tsquery("
    "'reader_search'::regconfig, :q), :options) "
    "FROM unnest(CAST(:keys AS bigint[]), CAST(:windows AS text[])) AS t(k, w)"
)
_LEXEMES_OF = text("SELECT querytree(to_tsquery('reader_search'::regconfig, :q))")
# Letters unaccent folds that have no Unicode decomposition.
_FOLDS = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ŀ": "l"}


def tsquery(source: str) -> Any:
    """to_tsquery over `source`, sent as a bound parameter."""
    return func.to_tsquery(CONFIG, literal(source, String), type_=TSQUERY)


@cache
def _variants() -> dict[str, str]:
    """For each lowercase ASCII letter, a regex class of the Latin letters folding to it."""
    found: dict[str, set[str]] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        base = _FOLDS.get(char.lower()) or unicodedata.normalize("NFKD", char)[0].lower()
        if len(base) == 1 and "a" <= base <= "z":
            found.setdefault(base, set()).add(char)
    return {letter: "[" + letter + "".join(sorted(chars)) + "]" for letter, chars in found.items()}


def _pattern(lexemes: list[str]) -> re.Pattern[str] | None:
    """Words whose folded form starts with a lexeme (less a Snowball final "i", which stands
    for the y of "city"): a cheap superset of what the index matched, to find the window."""
    variants = _variants()
    options = []
    for lexeme in lexemes:
        if len(lexeme) > 3 and lexeme.endswith("i"):
            lexeme = lexeme[:-1]
        if lexeme:
            options.append("".join(variants.get(c, re.escape(c)) for c in lexeme))
    if not options:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(options) + ")", re.IGNORECASE)


def _window(body: str, pattern: re.Pattern[str] | None) -> tuple[int, int] | None:
    found = pattern.search(body) if pattern is not None else None
    if found is None:
        return None
    start, end = max(0, found.start() - _BEFORE), min(len(body), found.start() + _AFTER)
    while start > 0 and not body[start - 1].isspace():
        start -= 1
    while end < len(body) and not body[end].isspace():
        end += 1
    return start, end


def _unmarked(marked: str) -> str:
    return marked.replace(MARK_START, "").replace(MARK_END, "")


def _sources(kind: int) -> list[Any]:
    """For each text of a document of this kind (body, then names): select(id, text)."""
    if kind == 0:
        return [
            select(ArticleRow.id.label("id"), ArticleVersionRow.text.label("text")).join(
                ArticleVersionRow,
                and_(
                    ArticleVersionRow.article_id == ArticleRow.id,
                    ArticleVersionRow.number == ArticleRow.current_version,
                ),
            )
        ]
    if kind in (1, 2):
        column = HighlightRow.exact if kind == 1 else HighlightRow.note
        return [select(HighlightRow.id.label("id"), func.coalesce(column, "").label("text"))]
    aliases = (
        select(func.string_agg(AliasRow.text, aggregate_order_by(literal(" | "), AliasRow.id)))
        .where(AliasRow.entity_id == EntityRow.id)
        .scalar_subquery()
    )
    return [
        select(EntityRow.id.label("id"), func.coalesce(EntityRow.note, "").label("text")),
        select(EntityRow.id.label("id"), func.coalesce(aliases, "").label("text")),
    ]


def _whole(session: Session, source: str, select_texts: Any, ids: list[int]) -> dict[int, str]:
    """Each text marked whole on the server (short texts, and articles a window missed)."""
    id_column = select_texts.selected_columns[0]
    rows = select_texts.where(id_column.in_(ids)).subquery()
    options = literal(_OPTIONS, String)
    headline = func.ts_headline(CONFIG, rows.c.text, tsquery(source), options, type_=Text)
    found: dict[int, str] = {}
    altered: list[int] = []
    for doc, marked, length in session.execute(
        select(rows.c.id, headline, func.length(rows.c.text))
    ):
        marked = marked or ""
        if len(marked) - marked.count(MARK_START) - marked.count(MARK_END) == length:
            found[doc] = marked
        else:
            altered.append(doc)
    if altered:
        plain = select_texts.where(id_column.in_(altered))
        found.update({doc: value for doc, value in session.execute(plain)})
    return found


def _articles(session: Session, source: str, ids: list[int]) -> dict[int, str]:
    select_texts = _sources(0)[0]
    rows = session.execute(
        select_texts.add_columns(ArticleRow.title).where(ArticleRow.id.in_(ids))
    ).all()
    bodies: dict[int, str] = {doc: body for doc, body, _title in rows}
    tree = session.scalar(_LEXEMES_OF, {"q": source}) or ""
    pattern = _pattern([m.replace("''", "'") for m in _LEXEMES.findall(tree)])
    windows = {doc: _window(body, pattern) for doc, body in bodies.items()}
    # Nothing like a match in the text but one in the title: the title is what matched.
    found: dict[int, str] = {
        doc: bodies[doc]
        for doc, _body, title in rows
        if windows[doc] is None and pattern is not None and pattern.search(title)
    }
    keys = [doc for doc, window in windows.items() if window is not None]
    if keys:
        pieces = [bodies[k][slice(*windows[k] or (0, 0))] for k in keys]
        marked_rows = session.execute(
            _WINDOWS, {"q": source, "options": _OPTIONS, "keys": keys, "windows": pieces}
        )
        for doc, marked in marked_rows:
            start, end = windows[doc] or (0, 0)
            if MARK_START in marked and _unmarked(marked) == bodies[doc][start:end]:
                found[doc] = bodies[doc][:start] + marked + bodies[doc][end:]
    missed = [doc for doc in bodies if doc not in found]
    if missed:
        found.update(_whole(session, source, select_texts, missed))
    return found


def marked_texts(
    session: Session, source: str, pairs: Sequence[tuple[int, float]]
) -> dict[int, tuple[str, str]]:
    """doc -> (body, names), the words of the tsquery `source` marked, for each doc of
    `pairs`."""
    by_kind: dict[int, list[int]] = {}
    for doc, _score in pairs:
        by_kind.setdefault(doc >> _KIND_SHIFT, []).append(doc & _ID_MASK)
    found: dict[int, tuple[str, str]] = {}
    for kind, ids in by_kind.items():
        if kind == 0:
            texts = [_articles(session, source, ids)]
        else:
            texts = [_whole(session, source, s, ids) for s in _sources(kind)]
        base = kind << _KIND_SHIFT
        for doc in ids:
            body = texts[0].get(doc, "")
            names = texts[1].get(doc, "") if len(texts) > 1 else ""
            found[base + doc] = (body, names)
    return found
