"""Briefs, dossiers and W3C annotation files: what the analyst hands on.

The service gathers what a scope selects (in one transaction) into `reader.export.model`
records and lets the pure renderers in `reader.export` turn them into text. Files are written
to a temporary name in the target folder and then renamed, so a failed export (a broken
template, a full disk) never leaves half a file behind.

Highlights that wait for review (fuzzy or orphaned after a text change) are left out unless
the scope includes them; either way the brief's summary says how many, and included ones are
marked "Needs review" next to their quote.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reader import paths
from reader.core import palette as palettes
from reader.core.errors import NotFoundError, ReaderError
from reader.core.models import Entity, Highlight
from reader.core.palette import ColorLabel
from reader.export import html as html_export
from reader.export import jsonld
from reader.export import markdown as md_export
from reader.export.model import (
    Brief,
    BriefArticle,
    BriefHighlight,
    article_date,
    paragraph_number,
)
from reader.resources import resource
from reader.services.annotation_import import ImportAnnotationsReport, import_annotations
from reader.services.library import Library

FORMATS = ("md", "html", "pdf", "jsonld")
SUFFIXES = {"md": ".md", "html": ".html", "pdf": ".pdf", "jsonld": ".jsonld"}

__all__ = [
    "FORMATS",
    "ExportScope",
    "ImportAnnotationsReport",
    "annotations_jsonld",
    "brief_html",
    "brief_markdown",
    "builtin_templates",
    "export",
    "highlights_markdown",
    "import_annotations",
    "user_templates",
]


@dataclass(frozen=True)
class ExportScope:
    """What goes into a brief. Filters combine (all must hold); with no articles and no
    entity, the whole library is filtered. `tags` match a highlight's tags or its article's
    (any case); `labels` are palette keys or labels; `since`/`until` (inclusive) apply to the
    article's date (published, else updated, else the day it was imported)."""

    article_ids: tuple[int, ...] = ()
    entity: str | None = None
    tags: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    include_review: bool = False


# -- templates ----------------------------------------------------------------------------------


def builtin_templates() -> list[Path]:
    return sorted(resource("templates").glob("*.j2"))


def user_templates() -> list[Path]:
    folder = paths.config_dir() / "templates"
    return sorted(folder.glob("*.j2")) if folder.is_dir() else []


def _builtin(name: str) -> Path:
    return resource("templates", name)


# -- gathering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Gathered:
    brief: Brief
    items: tuple[tuple[Highlight, jsonld.ArticleRef, tuple[Entity, ...]], ...]


def _describe(scope: ExportScope, titles: list[str], subject: Entity | None) -> str:
    parts: list[str] = []
    if subject is not None:
        parts.append(f"the highlights mentioning {subject.name}")
    if scope.article_ids:
        parts.append(
            f"the article “{titles[0]}”" if len(titles) == 1 else f"{len(titles)} chosen articles"
        )
    elif subject is None:
        parts.append("the whole library")
    if scope.tags:
        parts.append("tagged " + " or ".join(scope.tags))
    if scope.labels:
        parts.append("labelled " + " or ".join(scope.labels))
    if scope.since or scope.until:
        since = scope.since.isoformat() if scope.since else "the start"
        until = scope.until.isoformat() if scope.until else "today"
        parts.append(f"dated {since} to {until}")
    if scope.include_review:
        parts.append("highlights waiting for review included")
    return ", ".join(parts)


def _title(scope: ExportScope, titles: list[str], subject: Entity | None) -> str:
    if subject is not None:
        return f"Dossier: {subject.name}"
    if len(scope.article_ids) == 1 and titles:
        return titles[0]
    if len(scope.tags) == 1:
        return f"Brief: {scope.tags[0]}"
    return "Brief"


def _gather(library: Library, scope: ExportScope, palette: Sequence[ColorLabel]) -> _Gathered:
    from reader.storage import exchange

    keys = {palettes.find(palette, label).key for label in scope.labels}
    wanted_tags = {tag.strip().casefold() for tag in scope.tags if tag.strip()}
    with library.unit() as unit:
        subject: Entity | None = None
        about: set[int] | None = None
        if scope.entity is not None:
            entity_id = unit.entities.find(scope.entity)
            if entity_id is None:
                raise NotFoundError(f"no entity called {scope.entity.strip()!r}")
            subject = unit.entities.get(entity_id)
            about = exchange.highlights_of_entity(unit, entity_id)
        if scope.article_ids:
            candidates: list[Highlight] = []
            for article_id in dict.fromkeys(scope.article_ids):
                unit.articles.title(article_id)  # NotFoundError for an unknown id
                candidates += unit.highlights.list(article_id)
        else:
            candidates = unit.highlights.list()
        article_tags: dict[int, set[str]] = {}
        articles: dict[int, Any] = {}
        chosen: dict[int, list[Highlight]] = {aid: [] for aid in scope.article_ids}
        left_out = 0
        for h in candidates:
            if about is not None and h.id not in about:
                continue
            if keys and h.color not in keys:
                continue
            if wanted_tags and not wanted_tags & {t.casefold() for t in h.tags}:
                if h.article_id not in article_tags:
                    article_tags[h.article_id] = {
                        t.casefold() for t in unit.tags.of_article(h.article_id)
                    }
                if not wanted_tags & article_tags[h.article_id]:
                    continue
            if scope.since or scope.until:
                if h.article_id not in articles:
                    articles.update(exchange.articles(unit, [h.article_id]))
                day = article_date(articles[h.article_id])
                if (scope.since and day < scope.since) or (scope.until and day > scope.until):
                    continue
            if h.status.needs_review and not scope.include_review:
                left_out += 1
                continue
            chosen.setdefault(h.article_id, []).append(h)
        missing = [aid for aid in chosen if aid not in articles]
        articles.update(exchange.articles(unit, missing))
        all_ids = [h.id for hs in chosen.values() for h in hs]
        links = exchange.linked_entities(unit, all_ids)
        entity_ids = sorted({e for ids in links.values() for e in ids})
        entities = {e.id: e for e in unit.entities.many(entity_ids)} if entity_ids else {}
        urls = exchange.article_urls(unit, chosen)
    order = sorted(
        chosen,
        key=lambda aid: (article_date(articles[aid]), articles[aid].imported_at, aid),
        reverse=True,
    )
    brief_articles: list[BriefArticle] = []
    items: list[tuple[Highlight, jsonld.ArticleRef, tuple[Entity, ...]]] = []
    for aid in order:
        article = articles[aid]
        ref = jsonld.ArticleRef(article.uuid, article.title, urls.get(aid))
        rows = []
        for h in chosen[aid]:
            linked = tuple(entities[e] for e in links.get(h.id, ()) if e in entities)
            items.append((h, ref, linked))
            rows.append(
                BriefHighlight(
                    h,
                    palettes.label_of(palette, h.color),
                    paragraph_number(article.blocks, h.start),
                    tuple(e.name for e in linked),
                )
            )
        brief_articles.append(BriefArticle(article, tuple(rows), urls.get(aid)))
    mentioned = sorted(entities.values(), key=lambda e: (e.name.casefold(), e.id))
    if subject is not None and subject.id not in entities:
        mentioned = sorted([*mentioned, subject], key=lambda e: (e.name.casefold(), e.id))
    titles = [articles[aid].title for aid in scope.article_ids if aid in articles]
    brief = Brief(
        title=_title(scope, titles, subject),
        made_at=datetime.min,  # set by the caller
        made_from=_describe(scope, titles, subject),
        articles=tuple(brief_articles),
        entities=tuple(mentioned),
        subject=subject,
        left_out=left_out,
        author=library.author,
    )
    return _Gathered(brief, tuple(items))


# -- rendering ----------------------------------------------------------------------------------


def _md_template(scope: ExportScope, template: Path | None) -> Path:
    if template is not None and not template.name.endswith((".html.j2", ".htm.j2")):
        return template
    return _builtin("dossier.md.j2" if scope.entity is not None else "brief.md.j2")


def _brief(
    library: Library, scope: ExportScope, made_at: datetime, palette: Sequence[ColorLabel]
) -> Brief:
    from dataclasses import replace

    return replace(_gather(library, scope, palette).brief, made_at=made_at)


def brief_markdown(
    library: Library,
    scope: ExportScope,
    *,
    template: Path | None = None,
    made_at: datetime,
    palette: Sequence[ColorLabel],
) -> str:
    brief = _brief(library, scope, made_at, palette)
    return md_export.render(brief, _md_template(scope, template))


def brief_html(
    library: Library,
    scope: ExportScope,
    *,
    template: Path | None = None,
    made_at: datetime,
    palette: Sequence[ColorLabel],
) -> str:
    """The brief as one HTML page. `template` may be a Markdown template (the brief's
    layout) or an HTML one (*.html.j2: the page around it)."""
    brief = _brief(library, scope, made_at, palette)
    text = md_export.render(brief, _md_template(scope, template))
    page = template if template is not None and template.name.endswith(".html.j2") else None
    return html_export.render(text, brief.title, page or _builtin("brief.html.j2"))


def annotations_jsonld(
    library: Library,
    scope: ExportScope,
    *,
    made_at: datetime,
    palette: Sequence[ColorLabel] = palettes.DEFAULT_PALETTE,
) -> dict[str, Any]:
    gathered = _gather(library, scope, palette)
    return jsonld.collection(
        gathered.items, title=gathered.brief.title, made_at=made_at, palette=palette
    )


def highlights_markdown(
    library: Library, highlight_ids: Sequence[int], *, palette: Sequence[ColorLabel]
) -> str:
    """ "Copy as Markdown": the highlights, in the order given, each a block quote followed by
    its label, tags, linked entities, citation and note."""
    from reader.storage import exchange

    with library.unit() as unit:
        found = [unit.highlights.get(hid) for hid in highlight_ids]
        articles = exchange.articles(unit, [h.article_id for h in found])
        links = exchange.linked_entities(unit, [h.id for h in found])
        ids = sorted({e for es in links.values() for e in es})
        names = {e.id: e.name for e in unit.entities.many(ids)} if ids else {}
    items = []
    for h in found:
        article = articles[h.article_id]
        item = BriefHighlight(
            h,
            palettes.label_of(palette, h.color),
            paragraph_number(article.blocks, h.start),
            tuple(names[e] for e in links.get(h.id, ()) if e in names),
        )
        items.append((BriefArticle(article, (item,)), item))
    return md_export.highlights_block(items, library.author)


# -- writing files ------------------------------------------------------------------------------


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that becomes `path` when the block succeeds; a clear
    error for a missing or unwritable folder."""
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise ReaderError(f"{folder}: no such folder")
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
    except OSError as exc:
        raise ReaderError(f"{folder}: cannot write there ({exc.strerror or exc})") from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        temp.replace(path)
    except OSError as exc:
        raise ReaderError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        temp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> Path:
    with atomic_file(path) as temp:
        temp.write_text(text, encoding="utf-8", newline="\n")
    return path


def export(
    library: Library,
    scope: ExportScope,
    fmt: str,
    path: Path,
    *,
    template: Path | None = None,
    made_at: datetime,
    palette: Sequence[ColorLabel],
) -> Path:
    """Writes the brief (md, html) or the annotations (jsonld) to `path`, atomically. PDF
    needs Qt: call `reader.ui.pdf_export.write_pdf(brief_html(...), path)` instead."""
    if fmt not in FORMATS:
        raise ReaderError(f"no export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "pdf":
        raise ReaderError(
            "PDF is drawn by Qt: use reader.ui.pdf_export.write_pdf(brief_html(...), path)"
        )
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():  # before the work, so a typo in the folder costs nothing
        raise ReaderError(f"{folder}: no such folder")
    if fmt == "md":
        text = brief_markdown(library, scope, template=template, made_at=made_at, palette=palette)
    elif fmt == "html":
        text = brief_html(library, scope, template=template, made_at=made_at, palette=palette)
    else:
        data = annotations_jsonld(library, scope, made_at=made_at, palette=palette)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return write_text(path, text)
