"""One entity with everything the panel shows about it: its mentions in context, grouped by
article, the highlights linked to it, who co-occurs with it most, and a timeline.

Built from a handful of queries whatever the number of mentions: the context around each
mention is cut in SQL, so an entity with thousands of mentions never loads whole articles
(the panel must open one with 2,000 mentions in under 100 ms).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from reader.core.models import Entity, Highlight, Mention
from reader.services.library import Library

CONTEXT = 60  # characters either side of a mention in a keyword-in-context line
COOCCURRING = 10


@dataclass(frozen=True)
class KwicLine:
    mention: Mention
    before: str
    match: str
    after: str


@dataclass(frozen=True)
class ArticleMentions:
    article_id: int
    title: str
    published: date | None
    lines: tuple[KwicLine, ...]


@dataclass(frozen=True)
class EntityDossier:
    entity: Entity
    articles: tuple[ArticleMentions, ...]  # newest article first
    highlights: tuple[Highlight, ...]
    cooccurring: tuple[tuple[Entity, int], ...]  # (entity, shared articles), most first
    timeline: tuple[tuple[date, int], ...]  # (article date, mentions), oldest first


def _line(mention: Mention, before: str, after: str) -> KwicLine:
    # A line never runs into the previous or next paragraph.
    before = before.rsplit("\n", 1)[-1]
    after = after.split("\n", 1)[0]
    return KwicLine(mention, " ".join(before.split()), mention.text, " ".join(after.split()))


def dossier(library: Library, entity_id: int, *, max_lines: int = 5000) -> EntityDossier:
    with library.unit() as unit:
        entity = unit.entities.get(entity_id)
        found = unit.mentions.in_context(entity_id, CONTEXT, max_lines)
        per_article = unit.mentions.per_article(entity_id)
        articles = unit.mentions.article_dates(sorted(per_article))
        highlights = tuple(
            sorted(
                (unit.highlights.get(h) for h in unit.mentions.links.highlights(entity_id)),
                key=lambda h: (h.article_id, h.start),
            )
        )
        shared = unit.mentions.cooccurring(entity_id, COOCCURRING)
        # Names only: the panel shows how many articles each shares with this entity.
        others = unit.entities.many([e for e, _n in shared], counted=False)
    lines: dict[int, list[KwicLine]] = {}
    for mention, before, after in found:
        lines.setdefault(mention.article_id, []).append(_line(mention, before, after))
    order = sorted(articles, key=lambda a: (articles[a][1], a), reverse=True)
    grouped = tuple(
        ArticleMentions(a, articles[a][0], articles[a][2], tuple(lines[a]))
        for a in order
        if a in lines
    )
    timeline: Counter[date] = Counter()
    for a, count in per_article.items():
        if a in articles:
            timeline[articles[a][1]] += count
    return EntityDossier(
        entity=entity,
        articles=grouped,
        highlights=highlights,
        cooccurring=tuple(zip(others, (n for _e, n in shared), strict=True)),
        timeline=tuple(sorted(timeline.items())),
    )
