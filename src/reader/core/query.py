"""The search query language: what a person types into the search field, parsed.

    sanctions pipeline             both words (stemmed: "negotiations" finds "negotiating")
    "founding act"                 the exact phrase
    ceasefire OR truce             either word (OR binds tighter than the implicit AND)
    -draft                         without this word or "phrase"
    negot*                         words starting with this
    tag:ukraine  entity:putin  label:evidence  kind:highlight  source:reuters
    after:2024-03  before:2025  is:unread  has:highlights  status:orphan

A field's value may be quoted (`tag:"foreign policy"`) and may list alternatives with commas
(`kind:highlight,note`); two of the same field must both hold. Words are matched without
regard to case or accents. Anything malformed raises `QueryError` with a one-line message
the search field can show as it is typed; the parser never touches a database, and the
storage layer binds every value, so nothing typed here reaches SQL as SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reader.core.errors import ReaderError

KINDS = ("article", "highlight", "note", "entity")
STATUSES = ("exact", "moved", "fuzzy", "orphan")
FIELDS = (
    "tag",
    "entity",
    "label",
    "kind",
    "source",
    "after",
    "before",
    "is",
    "has",
    "status",
)
_IS_VALUES = ("unread",)
_HAS_VALUES = ("highlights",)
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_FIELD = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)


class QueryError(ReaderError):
    """A search query that cannot be understood, and why (one line, for the search field)."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word (`prefix`: any word starting with it) or, with several words, a phrase."""

    text: str
    prefix: bool = False

    @property
    def words(self) -> list[str]:
        return words_of(self.text)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. `groups`: every group must match, any term of a group will do."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    tags: tuple[tuple[str, ...], ...] = ()
    entities: tuple[tuple[str, ...], ...] = ()
    labels: tuple[tuple[str, ...], ...] = ()
    sources: tuple[tuple[str, ...], ...] = ()
    kinds: frozenset[str] = frozenset()  # empty: any kind
    statuses: tuple[tuple[str, ...], ...] = ()
    after: date | None = None  # on or after this day
    before: date | None = None  # strictly before this day
    unread: bool = False
    has_highlights: bool = False

    @property
    def has_words(self) -> bool:
        return bool(self.groups)

    @property
    def has_filters(self) -> bool:
        """Whether anything besides words narrows the results."""
        return bool(
            self.tags
            or self.entities
            or self.labels
            or self.sources
            or self.statuses
            or self.after
            or self.before
            or self.unread
            or self.has_highlights
        )

    @property
    def article_filters(self) -> bool:
        """Filters only an article (or what belongs to one) can pass: entity hits never do."""
        return bool(
            self.tags
            or self.labels
            or self.sources
            or self.statuses
            or self.after
            or self.before
            or self.unread
            or self.has_highlights
        )


def words_of(text: str) -> list[str]:
    """The words the index sees in `text`: runs of letters, digits and combining marks.

    Close enough to the FTS tokenizer (unicode61) that a term with no words here is known
    to match nothing, and is dropped rather than sent as an empty phrase."""
    return re.findall(r"[^\W_]+(?:[\u0300-\u036f]+[^\W_]*)*", text)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Splits on whitespace outside quotes; returns (token, was_quoted) pairs. A token may be
    `field:"quoted value"` or `-"quoted phrase"`."""
    tokens: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        quoted = False
        while i < n and not text[i].isspace():
            if text[i] == '"':
                close = text.find('"', i + 1)
                if close < 0:
                    raise QueryError('unbalanced quote: add the closing "')
                quoted = True
                i = close + 1
            else:
                i += 1
        tokens.append((text[start:i], quoted))
    return tokens


def _unquote(value: str) -> str:
    return value.replace('"', "").strip()


def _day(name: str, value: str) -> tuple[date, date]:
    """The first day of the period `value` names, and the first day after it."""
    match = _DATE.fullmatch(value)
    problem = f"{name}: wants a date like 2024-03-15, 2024-03 or 2024, not {value!r}"
    if match is None:
        raise QueryError(problem)
    year = int(match[1])
    try:
        if match[3]:
            first = date(year, int(match[2]), int(match[3]))
            return first, date.fromordinal(first.toordinal() + 1)
        if match[2]:
            month = int(match[2])
            first = date(year, month, 1)
            return first, date(year + month // 12, month % 12 + 1, 1)
        return date(year, 1, 1), date(year + 1, 1, 1)
    except (ValueError, OverflowError):
        raise QueryError(problem) from None


def _choices(name: str, value: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    found = tuple(v.strip().casefold() for v in value.split(","))
    for item in found:
        if item not in allowed:
            raise QueryError(f"{name}: can be {', '.join(allowed)}, not {item!r}")
    return found


def _term(token: str) -> Term | None:
    prefix = token.endswith("*")
    body = token.rstrip("*") if prefix else token
    if "*" in body:
        raise QueryError(f"{token!r}: * goes at the end of a word, as in negot*")
    text = _unquote(body)
    if not words_of(text):
        return None  # punctuation only: the index has nothing to match it with
    return Term(text, prefix)


def parse(text: str) -> Query:
    """Parses a query; raises QueryError with a message for the search field."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    lists: dict[str, list[tuple[str, ...]]] = {
        "tag": [],
        "entity": [],
        "label": [],
        "source": [],
        "status": [],
    }
    kinds: set[str] | None = None
    after: date | None = None
    before: date | None = None
    unread = has_highlights = False
    pending_or = False
    tokens = _tokens(text)
    for index, (token, quoted) in enumerate(tokens):
        if token == "OR" and not quoted:
            if not groups or pending_or or index == len(tokens) - 1:
                raise QueryError("OR needs a word on each side, as in ceasefire OR truce")
            pending_or = True
            continue
        field_match = _FIELD.fullmatch(token)
        name = field_match[1].casefold() if field_match else ""
        if field_match and name in FIELDS:
            if pending_or:
                raise QueryError(f"OR joins words, not fields ({token})")
            value = _unquote(field_match[2])
            if not value:
                raise QueryError(f"{name}: needs a value, as in {name}:{_EXAMPLES[name]}")
            if name in lists:
                options = tuple(v.strip() for v in value.split(",") if v.strip())
                if name == "status":
                    options = _choices(name, value, STATUSES)
                lists[name].append(options)
            elif name == "kind":
                chosen = set(_choices(name, value, KINDS))
                kinds = chosen if kinds is None else kinds & chosen
                if not kinds:
                    raise QueryError(f"{token}: no kind is all of the kinds asked for")
            elif name == "after":
                first, _ = _day(name, value)
                after = max(after, first) if after else first
            elif name == "before":
                first, _ = _day(name, value)
                before = min(before, first) if before else first
            elif name == "is":
                _choices(name, value, _IS_VALUES)
                unread = True
            elif name == "has":
                _choices(name, value, _HAS_VALUES)
                has_highlights = True
            continue
        negative = token.startswith("-") and len(token) > 1
        inner = _FIELD.fullmatch(token[1:]) if negative else None
        if inner and inner[1].casefold() in FIELDS:
            raise QueryError(f"{token}: exclusion works on words and phrases, not on fields")
        term = _term(token[1:] if negative else token)
        if negative:
            if pending_or:
                raise QueryError(f"OR cannot join an exclusion ({token})")
            if term is not None:
                excluded.append(term)
            continue
        if term is None:
            if pending_or:
                raise QueryError(f"OR needs a word on each side, not {token!r}")
            continue
        if pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    narrowed = any(lists.values()) or after or before or unread or has_highlights
    if not groups and not narrowed and kinds is None:
        if excluded:
            raise QueryError("an exclusion needs something to exclude from: add a word or a field")
        raise QueryError('nothing to search for: type a word, a "phrase" or a field')
    return Query(
        groups=tuple(tuple(group) for group in groups),
        excluded=tuple(excluded),
        tags=tuple(lists["tag"]),
        entities=tuple(lists["entity"]),
        labels=tuple(lists["label"]),
        sources=tuple(lists["source"]),
        kinds=frozenset(kinds or ()),
        statuses=tuple(lists["status"]),
        after=after,
        before=before,
        unread=unread,
        has_highlights=has_highlights,
    )


_EXAMPLES = {
    "tag": "ukraine",
    "entity": '"Vladimir Putin"',
    "label": "evidence",
    "kind": "highlight",
    "source": "reuters",
    "after": "2024-03",
    "before": "2025",
    "is": "unread",
    "has": "highlights",
    "status": "orphan",
}
