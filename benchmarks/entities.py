"""Entities (issue 4): mentions from scratch, adding one entity, suggestions, the dossier.

In a copy of the cached 10,000-article library, 1,000 entities with 3,000 aliases are stored
(untimed) from the corpus vocabulary: people of FIRST_NAMES x SURNAMES, every organisation and
place, three aliases each. Then, timed:

- `entity_mentions`: every alias of every entity found in every article (one automaton,
  every text read, every mention written, highlight links synced), target 10 s;
- `entity_add`: `create_entity` of one new person, target 1 s;
- `entity_suggest`: `suggest` for one ~1,000-word article (the gazetteer loaded beforehand:
  its one-time load per process is reported apart), median of the runs, target 50 ms;
- `entity_dossier`: `dossier()` of an entity with 2,000 mentions (see `_probe`), median, 100 ms.
"""

from __future__ import annotations

import itertools
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks import vocabulary as v
from benchmarks.corpus import build_library, log

if TYPE_CHECKING:
    from reader.core.models import Entity
    from reader.services.library import Library

TARGETS = {
    "entity_mentions": 10.0,
    "entity_add": 1.0,
    "entity_suggest": 0.05,
    "entity_dossier": 0.1,
}
FIGURES = tuple(TARGETS)
ENTITIES = 1000
DOSSIER_MENTIONS = 2000


def _entities() -> list[tuple[str, str, list[str]]]:
    """(name, kind, three aliases including the name), unique in any case."""
    found: list[tuple[str, str, list[str]]] = []
    for org in v.ORGANISATIONS:
        name = org.removeprefix("the ")
        found.append((name, "organization", [name, f"the {name}'s office", f"{name} Group"]))
    for place in v.PLACES:
        name = place.removeprefix("the ")
        found.append((name, "place", [name, f"Greater {name}", f"{name} region"]))
    pairs = itertools.product(v.FIRST_NAMES, v.SURNAMES)
    for first, last in itertools.islice(pairs, ENTITIES - len(found)):
        initial = chr(ord("A") + len(found) % 26)
        name = f"{first} {last}"
        found.append((name, "person", [name, f"{last}, {first}", f"{first} {initial}. {last}"]))
    return found


def _store(library: Library) -> int:
    entities = _entities()
    with library.unit() as unit:
        for name, kind, aliases in entities:
            unit.entities.add(name=name, kind=kind, note="", author="bench", aliases=aliases)
    return sum(len(a) for _n, _k, a in entities)


def _probe(library: Library, mentions: int) -> Entity:
    """An entity with exactly `mentions` mentions, spread like a real one: the generated
    corpus has none near 2,000 (people have a few hundred, places over ten thousand), so the
    first `mentions` mentions of the most mentioned entity are copied to a new one."""
    from sqlalchemy import text

    from reader.services import entities

    biggest = entities.list_entities(library, sort="count")[0]
    probe = entities.create_entity(library, "Dossier Probe", kind="other").entity
    with library.db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO mentions "
                '(article_id, entity_id, alias_id, version_number, start, "end") '
                'SELECT article_id, :probe, NULL, version_number, start, "end" FROM mentions '
                "WHERE entity_id = :big ORDER BY id LIMIT :n"
            ),
            {"probe": probe.id, "big": biggest.id, "n": mentions},
        )
    return entities.get_entity(library, probe.id)


def _median(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _figure(name: str, seconds: float, **extra: object) -> dict[str, object]:
    target = TARGETS[name]
    return {
        "seconds": round(seconds, 4),
        "target_seconds": target,
        "meets_target": seconds <= target,
        **extra,
    }


def measure_entities(articles: int, runs: int) -> dict[str, object]:
    from reader.services import entities
    from reader.services.entity_suggestions import gazetteer
    from reader.services.library import open_library

    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="reader-bench-entities-") as scratch:
        data = Path(scratch) / "library"
        build_library(data, articles)
        library = open_library(data_dir=data, with_samples=False)
        try:
            aliases = _store(library)
            log(f"entities: {ENTITIES} entities, {aliases} aliases; finding mentions")
            started = time.perf_counter()
            mentions = entities.rebuild_mentions(library)
            seconds = time.perf_counter() - started
            results["entity_mentions"] = _figure(
                "entity_mentions",
                seconds,
                articles=articles,
                entities=ENTITIES,
                aliases=aliases,
                mentions=mentions,
            )
            started = time.perf_counter()
            added = entities.create_entity(
                library, "Yevgeny Volk", kind="person", aliases=["Volk, Yevgeny"]
            )
            seconds = time.perf_counter() - started
            results["entity_add"] = _figure(
                "entity_add",
                seconds,
                mentions=added.entity.mention_count,
                articles_mentioning=added.entity.article_count,
            )
            started = time.perf_counter()
            gazetteer()
            load = time.perf_counter() - started
            from reader.services.articles import list_all

            nearest = min(list_all(library), key=lambda a: abs(a.word_count - 1000))
            article_id, words = nearest.id, nearest.word_count
            seconds = _median(lambda: entities.suggest(library, article_id), runs * 3)
            results["entity_suggest"] = _figure(
                "entity_suggest", seconds, words=words, gazetteer_load_seconds=round(load, 3)
            )
            target = _probe(library, DOSSIER_MENTIONS)
            seconds = _median(lambda: entities.dossier(library, target.id), runs * 3)
            results["entity_dossier"] = _figure(
                "entity_dossier",
                seconds,
                entity=target.name,
                mentions=target.mention_count,
                articles=target.article_count,
            )
        finally:
            library.close()
    return results
