"""Entity suggestions from plain text, with no model: capitalised phrases and acronyms,
cleaned of what merely looks like a name.

The steps, each answering a way capitals mislead:

1. Runs of capitalised words (with "of"/"for" inside organisation names, name particles like
   "de" and "van") end at punctuation, a line break, a lower-case word or a possessive.
2. A run that starts a sentence loses a first word that commonly starts sentences ("Both",
   "Former", "Yet"); a lone sentence-initial word survives only as an acronym, a known place,
   a word also capitalised mid-sentence, or a surname of a person named in the same text.
3. Titles split a run: "NATO Secretary-General Lord George Robertson" is NATO and the person
   George Robertson (alias "Lord George Robertson"); a title also says the kind.
4. Compounds of names split: "NATO-Russia" is NATO and Russia.
5. Demonyms ("Russian", "Serbs", "Chechen"), weekdays and months are dropped.
6. Surnames fold into the one full name they end in the same text ("Putin" into "Vladimir
   Putin"); a surname two people share, or a first name, is never folded nor suggested.

Places come from the gazetteer the caller passes in (this module does no I/O).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.core import entity_words as words
from reader.core.matching import is_acronym

ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sen", "rep", "gov", "prof", "st", "jr"}
    | {"sr", "maj", "capt", "adm", "sgt", "no"}
)
HONORIFICS = frozenset({"lord", "lady", "sir", "dame", "baroness", "baron"})
SENTENCE_END = frozenset(".!?:;")
ARTICLES = frozenset({"the", "a", "an"})
DASHES = frozenset("—–-")
QUOTES = frozenset("\"“”‘’'([«»")

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Gazetteer:
    """Place names (countries, cities, regions) as written, and the stems their demonyms
    start with ("Russ" of Russia: "Russian")."""

    places: frozenset[str]
    stems: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, places: Iterable[str], countries: Iterable[str] = ()) -> Gazetteer:
        """Demonyms are derived from `countries` (and the built-in regions) only: every
        city's stems would make "Putin" the demonym of Putian."""
        sources = frozenset(countries) | words.EXTRA_PLACES
        stems = frozenset(
            name[:n].casefold()
            for name in sources
            if " " not in name
            for n in range(4, len(name) + 1)
        )
        return cls(frozenset(places) | sources, stems)


@dataclass(frozen=True, slots=True)
class Phrase:
    """One occurrence of a would-be entity in a text."""

    name: str
    kind: str
    alias: str | None = None  # "Lord George Robertson" for George Robertson
    initial: bool = False  # a lone word at a sentence start, kept only if something vouches


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    kind: str
    aliases: tuple[str, ...]
    count: int


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int
    newline_before: bool
    possessive: bool = False

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capital(self) -> bool:
        # "Albanian-majority" is an adjective; "Secretary-General" and "NATO-Russia" are not.
        return self.text[0].isupper() and self.text.rsplit("-", 1)[-1][:1].isupper()


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    last = 0
    for m in _TOKEN.finditer(text):
        value, start, end = m.group(), m.start(), m.end()
        possessive = value[-2:] in ("'s", "’s") and len(value) > 2
        if possessive:
            value, end = value[:-2], end - 2
        if value.isalnum() and value.casefold() in ABBREVIATIONS and text[end : end + 1] == ".":
            value, end = value + ".", end + 1
        newline = "\n" in text[last:start]
        token = _Token(value, start, end, newline, possessive)
        if found and found[-1].end > start:  # the dot an abbreviation took
            continue
        found.append(token)
        last = m.end()
    return found


def _starts_only(word: str) -> bool:
    """A capitalised first word that does not begin a name: "Both", "Former", and
    participles and adverbs ("Neighbouring India", "Separately")."""
    folded = word.casefold()
    return folded in words.SENTENCE_STARTERS or (
        len(folded) > 5 and folded.endswith(("ing", "ed", "ly")) and word[1:].islower()
    )


def is_demonym(word: str, gazetteer: Gazetteer) -> bool:
    if word in gazetteer.places:
        return False
    folded = word.casefold()
    if folded in words.DEMONYMS:
        return True
    for suffix in ("ians", "ian", "ans", "an", "ese", "ish", "ens", "en", "is", "i", "s"):
        stem = folded[: -len(suffix)]
        if folded.endswith(suffix) and len(stem) >= 4 and stem in gazetteer.stems:
            return True
    return False


def guess_kind(
    name: str, gazetteer: Gazetteer, *, titled: bool = False, cue: str | None = None
) -> str:
    """person, organization, place or other: see the module docstring of entity_words."""
    parts = name.split()
    folded = [p.casefold() for p in parts]
    if titled or (len(parts) > 1 and folded[0] in words.TITLES and parts[1][0].isupper()):
        return "person"
    if name in gazetteer.places or (name.isupper() and name.title() in gazetteer.places):
        return "place"  # "FRANKFURT" in a dateline too
    if any(f in words.ORGANIZATION_HEADS for f in folded):
        return "organization"
    if folded[-1] in words.PLACE_HEADS:
        return "place"
    if folded[-1] in words.OTHER_HEADS:
        return "other"
    if is_acronym(name):
        return "organization"
    if cue in words.ORGANIZATION_CUES:
        return "organization"
    if cue in words.PLACE_CUES - {"in", "from", "to", "near"} or parts[-1] in gazetteer.places:
        return "place"
    if cue in ("in", "near"):
        return "place"
    if 2 <= len(parts) <= 4 and all(p[0].isupper() and p.replace("-", "").isalpha() for p in parts):
        return "person"
    if cue in ("from", "to"):
        return "place"
    return "other"


class _Scanner:
    """Finds the phrases of one text."""

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self.text = text
        self.gaz = gazetteer
        self.tokens = _tokens(text)
        self.phrases: list[Phrase] = []
        self.mid_capitals: set[str] = set()  # words seen capitalised mid-sentence

    def run(self) -> list[Phrase]:
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not (token.word and token.capital):
                i += 1
                continue
            j = i + 1
            while j < len(tokens) and not tokens[j - 1].possessive:
                nxt = tokens[j]
                if nxt.newline_before or not nxt.word:
                    break
                if nxt.capital:
                    j += 1
                    continue
                if (
                    nxt.text in words.CONNECTORS
                    and j + 1 < len(tokens)
                    and tokens[j + 1].word
                    and tokens[j + 1].capital
                    and not tokens[j + 1].newline_before
                    and (
                        nxt.text not in ("of", "for")
                        or tokens[j - 1].text.casefold() in words.ORGANIZATION_HEADS | words.TITLES
                    )
                ):
                    j += 2
                    continue
                break
            self._run(i, j, self._starts_sentence(i))
            i = j
        return self.phrases

    def _starts_sentence(self, i: int) -> bool:
        k = i - 1
        if i == 0 or self.tokens[i].newline_before:
            return True
        while k >= 0 and self.tokens[k].text in QUOTES:
            if self.tokens[k].newline_before or k == 0:
                return True
            k -= 1
        if k < 0:
            return True
        prev = self.tokens[k].text
        if prev in DASHES and k > 0 and self.tokens[k - 1].text.isupper():
            # A dateline: "CAIRO — Negotiators from Israel ..."
            return k == 1 or self.tokens[k - 1].newline_before
        if prev.endswith(".") and len(prev) > 1:
            # "U.S." or "Gen." took the full stop: a sentence ends there only if a word that
            # commonly starts one follows ("... in the U.S. The talks").
            return self.tokens[i].text.casefold() in words.SENTENCE_STARTERS
        return prev in SENTENCE_END

    def _cue(self, i: int) -> str | None:
        k = i - 1
        if k >= 0 and self.tokens[k].text.casefold() == "the":
            k -= 1
        if k >= 1 and self.tokens[k].text == "of":
            k -= 1  # "the Kosovo city of Orahovac"
        return self.tokens[k].text.casefold() if k >= 0 and self.tokens[k].word else None

    def _run(self, i: int, j: int, initial: bool) -> None:
        run = self.tokens[i:j]
        # Compounds of names: "NATO-Russia" is two entities (and may begin a longer name).
        first = run[0]
        if "-" in first.text and first.text.casefold() not in words.TITLES:
            parts = first.text.split("-")
            if all(p[:1].isupper() for p in parts) and any(
                is_acronym(p) or p in self.gaz.places for p in parts
            ):
                at = first.start
                for part in parts:
                    self._emit([_Token(part, at, at + len(part), False)], initial, i)
                    at += len(part) + 1
                if len(run) == 1:
                    return
        while len(run) > 1 and run[0].text.casefold() in ARTICLES:
            run = run[1:]  # "The European Central Bank" is the European Central Bank
            initial = False
            i += 1
        while run and initial and _starts_only(run[0].text):
            if is_acronym(run[0].text) or (len(run) > 1 and self._phrase(run) in self.gaz.places):
                break
            run = run[1:]
            initial = False
            i += 1
        if not run:
            return
        if not initial:
            self.mid_capitals.update(t.text for t in run)
        # Titles: a person's name follows the last one.
        if run[-1].text.casefold() not in words.ORGANIZATION_HEADS:
            titles = [k for k, t in enumerate(run) if t.text.casefold() in words.TITLES]
            if titles:
                k = titles[-1]
                name = run[k + 1 :]
                if len(name) > 2 and name[0].text in ("of", "for"):
                    name = name[2:]  # "Secretary of State Antony Blinken"
                if name and name[0].text not in words.CONNECTORS:
                    alias = None
                    if run[k].text.casefold() in HONORIFICS:
                        alias = self._phrase(run[k:])
                    self.phrases.append(Phrase(self._phrase(name), "person", alias))
                while k > 0 and (
                    run[k - 1].text.casefold() in words.TITLES | words.TITLE_MODIFIERS
                ):
                    k -= 1
                if k > 0:
                    self._emit(run[:k], initial, i)
                return
        self._emit(run, initial, i)

    def _phrase(self, run: Sequence[_Token]) -> str:
        return self.text[run[0].start : run[-1].end] if run[0].end <= run[-1].end else ""

    def _emit(self, run: Sequence[_Token], initial: bool, i: int) -> None:
        named = any(t.text.casefold() in words.ORGANIZATION_HEADS for t in run)
        while run and (
            run[0].text.casefold() in words.NOT_NAMES or is_demonym(run[0].text, self.gaz)
        ):
            if named and len(run) > 1:
                break  # "European Central Bank", "Russian Defense Ministry"
            if self._phrase(run) in self.gaz.places:
                break
            run = run[1:]
        while run and run[-1].text in words.CONNECTORS:
            run = run[:-1]
        while run and run[0].text in words.CONNECTORS:
            run = run[1:]
        if not run:
            return
        name = self._phrase(run)
        if "\n" in name or name.casefold() in words.NOT_PHRASES:
            return
        if name.isupper() and len(name) > 4 and name.title() in self.gaz.places:
            name = name.title()  # a dateline's "ISLAMABAD"
        if len(run) == 1:
            word = run[0].text
            if word.casefold() in words.NOT_NAMES or is_demonym(word, self.gaz):
                return
            if len(word) < 2 or (word.isupper() and word.casefold() in words.SENTENCE_STARTERS):
                return
        kind = guess_kind(name, self.gaz, cue=self._cue(i))
        lone = initial and len(run) == 1 and not is_acronym(name) and name not in self.gaz.places
        self.phrases.append(Phrase(name, kind, None, lone))


def phrases(text: str, gazetteer: Gazetteer) -> list[Phrase]:
    """Every would-be entity occurrence in `text`, surnames not yet folded."""
    scanner = _Scanner(text, gazetteer)
    found = scanner.run()
    return [
        p
        for p in found
        if not p.initial or p.name in scanner.mid_capitals or _is_surname(p.name, found)
    ]


def _is_surname(word: str, found: Sequence[Phrase]) -> bool:
    return any(p.kind == "person" and p.name.split()[-1] == word != p.name for p in found)


def candidates(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """The suggestions of one text, surnames folded, most mentioned first."""
    found = phrases(text, gazetteer)
    people = {p.name for p in found if p.kind == "person" and len(p.name.split()) > 1}
    by_last: dict[str, list[str]] = {}
    firsts: set[str] = set()
    for person in people:
        parts = person.split()
        by_last.setdefault(parts[-1], []).append(person)
        firsts.add(parts[0])
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    kinds: dict[str, Counter[str]] = {}
    aliases: dict[str, dict[str, None]] = {}
    for p in found:
        name = p.name
        alias = p.alias
        if name in by_last or name in firsts:
            owners = by_last.get(name, [])
            if len(owners) != 1:
                continue  # a first name, or a surname two people share: never merged
            name, alias = owners[0], name
        key = name.casefold()
        if key not in names or (names[key].isupper() and not name.isupper()):
            names[key] = name  # "Frankfurt" rather than a dateline's "FRANKFURT"
        counts[key] += 1
        kinds.setdefault(key, Counter())[p.kind] += 1
        if alias is not None:
            aliases.setdefault(key, {})[alias] = None
    result = []
    for key, count in counts.items():
        kind = "person" if names[key] in people else kinds[key].most_common(1)[0][0]
        result.append(Candidate(names[key], kind, tuple(aliases.get(key, ())), count))
    result.sort(key=lambda c: (-c.count, c.name.casefold()))
    return result


def merge_candidates(per_text: Iterable[Sequence[Candidate]]) -> list[tuple[Candidate, int]]:
    """Candidates of several texts combined by name: (candidate, how many texts)."""
    counts: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    first: dict[str, Candidate] = {}
    kinds: dict[str, Counter[str]] = {}
    aliases: dict[str, dict[str, None]] = {}
    for found in per_text:
        for c in found:
            key = c.name.casefold()
            if key not in first or (first[key].name.isupper() and not c.name.isupper()):
                first[key] = c
            counts[key] += c.count
            texts[key] += 1
            kinds.setdefault(key, Counter())[c.kind] += c.count
            aliases.setdefault(key, {}).update(dict.fromkeys(c.aliases))
    return [
        (
            Candidate(
                first[key].name,
                kinds[key].most_common(1)[0][0],
                tuple(aliases[key]),
                counts[key],
            ),
            texts[key],
        )
        for key in counts
    ]
