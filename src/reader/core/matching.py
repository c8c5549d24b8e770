"""Finding entity aliases in article text: one Aho-Corasick automaton, word boundaries,
overlaps, and surnames resolved within one article.

Rules (the documented contract; tests/core/test_entity_matching.py holds them):

- An alias matches only on word boundaries: the characters on either side must not be letters,
  digits or combining marks ("NATO" in "NATO-Russia" and "NATO's", not in "NATOS").
- Short aliases (4 characters or fewer) and acronyms (every letter upper case, at least two:
  "NATO", "U.S.", "KFOR") match case-sensitively: "US" is not "us", "AID" is not "aid". Every
  other alias matches in any case ("Heritage Foundation" finds "HERITAGE FOUNDATION").
- Where matches overlap, the leftmost wins, then the longest ("Lord George Robertson" over
  "George Robertson" over "Robertson").
- Within one article, the last word of a person's multi-word alias (a surname: "Putin" for
  "Vladimir Putin", "Robertson" for "Lord George Robertson") is a mention of that person when
  one of the person's aliases is itself found in that article, and only then; if two such
  people share the surname there, it is left unresolved. First names are never used, so
  "Igor Ivanov" and "Igor Sergeyev" are never merged. Surnames match case-sensitively and never
  take a place an explicit alias of any entity holds.

The automaton works on a lower-cased copy of the text with the same length (see `lowered`), so
every position it reports is a code-point offset into the original text.

This module does no I/O: the caller hands in the aliases and the text.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

# Kinds whose multi-word names may be referred to by their last word alone.
SURNAME_KINDS = frozenset({"person", "other"})
MIN_SURNAME = 3

# Last words that make a name an organisation or place, never a person's surname ("the
# Foundation" alone is not the Heritage Foundation).
NOT_SURNAMES = frozenset(
    str.split(
        """act agency alliance assembly association bank board bureau chamber church college
    commission committee company corporation council court department duma federation
    forces foundation front fund group guard institute league ministry movement museum nations
    office organisation organization parliament party police republic school senate service
    society states times union university war"""
    )
)


def clean_alias(text: str) -> str:
    """An alias as stored and matched: NFC, runs of white space made one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_case_sensitive(alias: str) -> bool:
    """Short aliases and acronyms are matched exactly as written; see the module docstring."""
    return len(alias) <= 4 or is_acronym(alias)


def _lower_char(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def lowered(text: str) -> str:
    """`text` lower-cased character by character, so offsets stay valid: a character whose
    lower case is longer (Turkish "İ") is kept as it is, in the text and in the keys alike."""
    low = text.lower()
    if len(low) == len(text):
        # No character changed length, so every character mapped to exactly one.
        return low
    return "".join(map(_lower_char, text))


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One alias to look for. `alias_id` None marks an implied surname."""

    alias_id: int | None
    entity_id: int
    text: str
    sensitive: bool


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """What the matcher needs to know about an entity besides its aliases."""

    id: int
    kind: str
    aliases: tuple[tuple[int | None, str], ...]  # (alias id, text)


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entity_id: int
    alias_id: int | None  # None: a surname resolved to its full name within the article


def surname_of(alias: str) -> str | None:
    """The word a person's alias may be shortened to, or None ("Putin" for "Vladimir Putin",
    "Robertson" for "Lord George Robertson"; nothing for "Madonna" or "Heritage Foundation")."""
    words = alias.split()
    if len(words) < 2:
        return None
    last = words[-1].strip(".,")
    if (
        len(last) < MIN_SURNAME
        or not last[0].isupper()
        or is_acronym(last)
        or last.casefold() in NOT_SURNAMES
        or not all(w[0].isupper() for w in words if w[0].isalpha())
    ):
        return None
    return last


class Matcher:
    """An automaton over every alias of the given entities (and their implied surnames).

    Build once per set of aliases and reuse: building costs far more than one scan.
    """

    def __init__(self, entities: Iterable[NamedEntity], *, surnames: bool = True) -> None:
        table: dict[str, list[AliasEntry]] = {}
        explicit: set[str] = set()
        entities = list(entities)
        for entity in entities:
            for alias_id, text in entity.aliases:
                key = lowered(text)
                explicit.add(key)
                entry = AliasEntry(alias_id, entity.id, text, is_case_sensitive(text))
                table.setdefault(key, []).append(entry)
        self._surname_keys: set[str] = set()
        if surnames:
            for entity in entities:
                if entity.kind not in SURNAME_KINDS:
                    continue
                seen: set[str] = set()
                for _alias_id, text in entity.aliases:
                    surname = surname_of(text)
                    if surname is None or surname in seen:
                        continue
                    key = lowered(surname)
                    if key in explicit:
                        continue  # an explicit alias always wins
                    seen.add(surname)
                    self._surname_keys.add(key)
                    table.setdefault(key, []).append(AliasEntry(None, entity.id, surname, True))
        self._automaton: ahocorasick.Automaton | None = None
        self.size = len(table)
        if table:
            automaton = ahocorasick.Automaton()
            for key, entries in table.items():
                automaton.add_word(key, (len(key), tuple(entries)))
            automaton.make_automaton()
            self._automaton = automaton

    def __bool__(self) -> bool:
        return self._automaton is not None

    def scan(self, text: str) -> list[Match]:
        """Every mention in `text`, in text order, without overlaps."""
        if self._automaton is None or not text:
            return []
        low = lowered(text)
        size = len(text)
        explicit: list[tuple[int, int, AliasEntry]] = []
        implied: list[tuple[int, int, list[int]]] = []
        for last, (length, entries) in self._automaton.iter(low):
            start = last - length + 1
            end = last + 1
            # Inlined is_word_char: this loop runs once per candidate hit, millions of times
            # when a whole library is scanned.
            if start > 0:
                ch = text[start - 1]
                if ch.isalnum() or (ch >= "\u0300" and is_word_char(ch)):
                    continue
            if end < size:
                ch = text[end]
                if ch.isalnum() or (ch >= "\u0300" and is_word_char(ch)):
                    continue
            found = None
            people: list[int] = []
            for entry in entries:
                if entry.sensitive and text[start:end] != entry.text:
                    continue
                if entry.alias_id is None:
                    people.append(entry.entity_id)
                elif found is None:
                    found = entry
            if found is not None:
                explicit.append((start, end, found))
            elif people:
                implied.append((start, end, people))
        chosen = _leftmost_longest(explicit)
        matches = [Match(s, e, entry.entity_id, entry.alias_id) for s, e, entry in chosen]
        if implied:
            present = {m.entity_id for m in matches}
            starts = [m.start for m in matches]
            for start, end, people in implied:
                resolved = {p for p in people if p in present}
                if len(resolved) != 1 or _overlaps(matches, starts, start, end):
                    continue
                matches.append(Match(start, end, resolved.pop(), None))
            matches.sort(key=lambda m: (m.start, m.end))
        return matches


def _leftmost_longest(
    found: list[tuple[int, int, AliasEntry]],
) -> list[tuple[int, int, AliasEntry]]:
    found.sort(key=lambda item: (item[0], item[0] - item[1]))
    chosen: list[tuple[int, int, AliasEntry]] = []
    reach = -1
    for item in found:
        if item[0] >= reach:
            chosen.append(item)
            reach = item[1]
    return chosen


def _overlaps(matches: list[Match], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `matches` (sorted, not overlapping each other;
    `starts` are their starts): only the match before and the one after can."""
    at = bisect.bisect_right(starts, start) - 1
    if at >= 0 and matches[at].end > start:
        return True
    return at + 1 < len(starts) and starts[at + 1] < end
