"""One synthetic news article as a plain-text file would hold it.

The shape copies the sample articles the importer was written against (optional site
banner, ". Last Updated: MM/DD/YYYY", headline with an optional upper-case kicker, optional
byline, blank-line-separated paragraphs), so the benchmark exercises the same parsing paths
real files do. The text is word salad with news grammar: a small cast of people,
organisations and places per article, quotes, numbers and dates. Speed matters more than
prose: 100,000 articles must be generated in well under a minute, so each clause is a
handful of `choice` calls and one f-string.
"""

from __future__ import annotations

import random
from datetime import date
from typing import NamedTuple

from benchmarks import vocabulary as v

MIN_WORDS = 400
MAX_WORDS = 1200
MIN_PARAGRAPHS = 8
MAX_PARAGRAPHS = 25
FIRST_DAY = date(1996, 1, 1).toordinal()
LAST_DAY = date(2024, 12, 31).toordinal()
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "the", "to"})


def _headline_case(text: str) -> str:
    words = text.split(" ")
    return " ".join(
        w if (i and w in _SMALL_WORDS) or not w else w[0].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _capitalise(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


class _Article:
    """The cast and the grammar for one article; the cast makes names recur as in real news."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.choice = rng.choice
        self.people = [
            (rng.choice(v.FIRST_NAMES), rng.choice(v.SURNAMES), rng.choice(v.ROLES))
            for _ in range(rng.randint(2, 5))
        ]
        self.orgs = rng.sample(v.ORGANISATIONS, rng.randint(2, 4))
        self.places = rng.sample(v.PLACES, rng.randint(2, 4))
        self.introduced: set[int] = set()

    # Who and where: mostly the article's cast, now and then someone new.

    def person(self) -> str:
        """Full name and role the first time, surname after that, as a reporter writes."""
        index = self.rng.randrange(len(self.people))
        first, last, role = self.people[index]
        if index in self.introduced:
            return last
        self.introduced.add(index)
        return f"{first} {last}, the {role} of {self.choice(self.orgs)},"

    def org(self) -> str:
        return self.choice(self.orgs) if self.rng.random() < 0.85 else self.choice(v.ORGANISATIONS)

    def place(self) -> str:
        return self.choice(self.places) if self.rng.random() < 0.85 else self.choice(v.PLACES)

    def two_places(self) -> str:
        first, second = self.rng.sample(self.places, 2)
        return f"{first} and {second}"

    # Clauses: each a few words of plausible news grammar.

    def clause(self) -> str:
        c = self.choice
        kind = self.rng.randrange(7)
        if kind == 0:
            return (
                f"{self.person()} {c(v.SAY_VERBS)} {c(v.TIMES)} that the {c(v.ADJECTIVES)} "
                f"{c(v.NOUNS)} would {c(v.VERBS_BASE)} the {c(v.NOUNS)} with {self.org()}"
            )
        if kind == 1:
            return f"{self.org()} {c(v.VERBS_PAST)} the {c(v.ADJECTIVES)} {c(v.NOUNS)} {c(v.TIMES)}"
        if kind == 2:
            return (
                f"the {c(v.NOUNS)} in {self.place()} was {c(v.VERBS_PAST)} by {self.org()} "
                f"after {c(v.NUMBERS)} {c(v.ADJECTIVES)} {c(v.NOUNS)}"
            )
        if kind == 3:
            return (
                f"officials in {self.place()} expect {c(v.NUMBERS)} {c(v.NOUNS)} to "
                f"{c(v.VERBS_BASE)} the {c(v.ADJECTIVES)} {c(v.NOUNS)} {c(v.TIMES)}"
            )
        if kind == 4:
            return f"{self.person()} {c(v.VERBS_PAST)} the {c(v.NOUNS)} between {self.two_places()}"
        if kind == 5:
            return (
                f"the {c(v.ADJECTIVES)} {c(v.NOUNS)} {c(v.VERBS_PAST)} the {c(v.NOUNS)} "
                f"of {self.org()} in {self.place()}"
            )
        return f"{c(v.NUMBERS)} {c(v.NOUNS)} were {c(v.VERBS_PAST)} {c(v.TIMES)} in {self.place()}"

    def statement(self, words: int) -> str:
        """Clauses joined until about `words` long, without the final full stop."""
        text = self.clause()
        while text.count(" ") + 7 < words:  # a clause is about 12 words: stop nearest
            text += f"{self.choice(v.CONNECTIVES)} {self.clause()}"
        return text

    def sentence(self, words: int) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            quote = _capitalise(self.statement(words - 4))
            if rng.random() < 0.02:
                quote += f" {self.choice(v.EMOJI)}"
            return f'"{quote}," {self.person()} {self.choice(v.SAY_VERBS)}.'
        if roll < 0.35:
            return f"{self.choice(v.OPENERS)} {self.statement(words - 2)}."
        return _capitalise(self.statement(words)) + "."

    def headline(self) -> str:
        c = self.choice
        kind = self.rng.randrange(4)
        if kind == 0:
            text = f"{_short(self.org())} and {self.place()} {c(v.VERBS_BASE)} {c(v.NOUNS)}"
        elif kind == 1:
            text = f"{self.place()} {c(v.VERBS_PAST)} {c(v.ADJECTIVES)} {c(v.NOUNS)} {c(v.TIMES)}"
        elif kind == 2:
            last = self.people[0][1]
            text = f"{last} says {c(v.NOUNS)} will {c(v.VERBS_BASE)} {c(v.ADJECTIVES)} {c(v.NOUNS)}"
        else:
            text = (
                f"analysts anticipate {c(v.ADJECTIVES)} {c(v.NOUNS)} between "
                f"{_short(self.org())} and {self.place()}"
            )
        return _headline_case(text)


def _short(org: str) -> str:
    """Headlines drop the article: "NATO and Russia", "European Commission Delays Talks"."""
    return org[4:] if org.startswith("the ") else org


def _plan(rng: random.Random) -> list[list[int]]:
    """Sentence lengths per paragraph: the article's length and rhythm, decided up front."""
    words = rng.randint(MIN_WORDS + 20, MAX_WORDS - 100)
    low = max(MIN_PARAGRAPHS, -(-words // 110))
    high = min(MAX_PARAGRAPHS, words // 24)
    paragraphs = rng.randint(low, high)
    per_paragraph = words / paragraphs
    plan: list[list[int]] = []
    for _ in range(paragraphs):
        target = per_paragraph * rng.uniform(0.6, 1.4)
        count = max(1, min(4, round(target / rng.uniform(14, 30))))
        plan.append([max(8, round(target / count)) for _ in range(count)])
    return plan


class Generated(NamedTuple):
    headline: str  # without the kicker; names the file
    text: str  # the whole file


def generate(rng: random.Random) -> Generated:
    """One article file; all randomness comes from `rng`, so a seed fixes the corpus."""
    article = _Article(rng)
    lines: list[str] = []
    if rng.random() < 0.3:
        lines.append(rng.choice(v.BANNERS))
    if rng.random() < 0.9:
        day = date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
        label = ". Last Updated:" if rng.random() < 0.85 else "Published:"
        lines.append(f"{label} {day:%m/%d/%Y}")
    headline = article.headline()
    kicker = f"{rng.choice(v.KICKERS)}: " if rng.random() < 0.2 else ""
    lines.append(kicker + headline)
    if rng.random() < 0.5:
        first, last, _ = article.people[-1]
        lines.append(f"By {rng.choice(v.FIRST_NAMES)} {rng.choice(v.SURNAMES)}")
        if rng.random() < 0.2:
            lines[-1] += f" and {first} {last}"
    lines.extend(_body(article, rng))
    return Generated(headline, "\n\n".join(lines) + "\n")


def _body(article: _Article, rng: random.Random) -> list[str]:
    """Paragraphs per the plan, then trimmed or extended into the promised word range
    (headline and dateline included, hence the small allowance)."""
    low, high = MIN_WORDS, MAX_WORDS - 30
    paragraphs = [[article.sentence(words) for words in plan] for plan in _plan(rng)]
    counts = [sum(s.count(" ") + 1 for s in p) for p in paragraphs]
    while sum(counts) > high:
        if len(paragraphs) > MIN_PARAGRAPHS:
            del paragraphs[-1], counts[-1]  # cut from the tail, as an editor does
            continue
        longest = max(range(len(paragraphs)), key=counts.__getitem__)
        if len(paragraphs[longest]) == 1:
            break
        counts[longest] -= paragraphs[longest].pop().count(" ") + 1
    while sum(counts) < low and len(paragraphs) < MAX_PARAGRAPHS:
        paragraphs.append([article.sentence(16), article.sentence(22)])
        counts.append(sum(s.count(" ") + 1 for s in paragraphs[-1]))
    return [" ".join(p) for p in paragraphs]


def word_count(text: str) -> int:
    return len(text.split())
