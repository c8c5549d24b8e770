"""Highlights as W3C Web Annotations (JSON-LD), and back.

Each highlight is an Annotation whose target is a SpecificResource on its article
(source `urn:uuid:<article uuid>`, labelled with the title, `via` the article's web address)
with a TextQuoteSelector and a TextPositionSelector (code points of the current text) and the
colour as `styleClass` (the palette key; the CSS stylesheet gives it its colour). The note is a
TextualBody in text/markdown with purpose "commenting", each tag a TextualBody with purpose
"tagging", each linked entity a TextualBody with purpose "identifying" whose id is the
entity's urn:uuid. Highlights are gathered in an AnnotationCollection whose pages are
embedded one inside the other (`first`, then each page's `next`), so one file holds them all.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reader.core.errors import ReaderError
from reader.core.models import Entity, Highlight
from reader.core.palette import ColorLabel

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PAGE_SIZE = 1000
_URN = "urn:uuid:"


@dataclass(frozen=True, slots=True)
class ArticleRef:
    uuid: str
    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class AnnotationRecord:
    """One annotation as read from a file, before it is matched to an article."""

    uuid: str
    article_uuid: str | None
    article_title: str | None
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    color: str | None
    note: str
    tags: tuple[str, ...]
    entities: tuple[tuple[str | None, str], ...]  # (entity uuid, name)
    created: datetime | None
    modified: datetime | None
    author: str


def xsd_datetime(value: datetime) -> str:
    """xsd:dateTime in UTC with a "Z", as the model asks."""
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def urn(value: str) -> str:
    return value if value.startswith(_URN) else f"{_URN}{value}"


def annotation(
    highlight: Highlight, article: ArticleRef, entities: Sequence[Entity] = ()
) -> dict[str, Any]:
    h = highlight
    bodies: list[dict[str, Any]] = []
    if h.note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": h.note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in h.tags]
    bodies += [
        {"id": urn(e.uuid), "type": "TextualBody", "value": e.name, "purpose": "identifying"}
        for e in entities
    ]
    source: dict[str, Any] = {"id": urn(article.uuid), "type": "Text", "label": article.title}
    if article.url:
        source["via"] = article.url
    item: dict[str, Any] = {
        "id": urn(h.uuid),
        "type": "Annotation",
        "motivation": "commenting" if h.note else "highlighting",
        "created": xsd_datetime(h.created),
        "modified": xsd_datetime(h.modified),
    }
    if h.author:
        item["creator"] = {"type": "Person", "name": h.author}
    if bodies:
        item["body"] = bodies
    item["target"] = {
        "type": "SpecificResource",
        "source": source,
        "styleClass": h.color,
        "selector": [
            {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix},
            {"type": "TextPositionSelector", "start": h.start, "end": h.end},
        ],
    }
    return item


def collection(
    items: Sequence[tuple[Highlight, ArticleRef, Sequence[Entity]]],
    *,
    title: str,
    made_at: datetime,
    palette: Sequence[ColorLabel] = (),
    page_size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """An AnnotationCollection of the highlights, its pages embedded; its id is derived from
    what it holds and when it was made, so the same export gives the same file."""
    key = xsd_datetime(made_at) + "|" + ",".join(h.uuid for h, _a, _e in items)
    coll_id = uuidlib.uuid5(uuidlib.NAMESPACE_URL, "reader-annotations:" + key)
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": urn(str(coll_id)),
        "type": "AnnotationCollection",
        "label": title,
        "total": len(items),
        "generated": xsd_datetime(made_at),
    }
    if palette:
        result["stylesheet"] = {
            "type": "CssStylesheet",
            "value": " ".join(f".{c.key} {{ background-color: {c.color} }}" for c in palette),
        }
    pages = [items[at : at + page_size] for at in range(0, len(items), page_size)]
    page_ids = [urn(str(uuidlib.uuid5(coll_id, f"page-{n}"))) for n in range(len(pages))]
    following: dict[str, Any] | None = None
    for n in range(len(pages) - 1, -1, -1):
        page: dict[str, Any] = {
            "id": page_ids[n],
            "type": "AnnotationPage",
            "partOf": result["id"],
            "startIndex": n * page_size,
            "items": [annotation(h, a, e) for h, a, e in pages[n]],
        }
        if n > 0:
            page["prev"] = page_ids[n - 1]
        if following is not None:
            page["next"] = following
        following = page
    if following is not None:
        result["first"] = following
        result["last"] = page_ids[-1]
    return result


# -- reading ----------------------------------------------------------------------------------


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _types(node: Mapping[str, Any]) -> set[str]:
    return {str(t) for t in _list(node.get("type") or node.get("@type"))}


def annotations_in(document: object) -> Iterator[Mapping[str, Any]]:
    """Every Annotation in a collection (pages embedded or listed), a page, a list or one
    annotation on its own."""
    if isinstance(document, list):
        for entry in document:
            yield from annotations_in(entry)
        return
    if not isinstance(document, Mapping):
        return
    kinds = _types(document)
    if "Annotation" in kinds:
        yield document
        return
    if "AnnotationCollection" in kinds:
        yield from annotations_in(document.get("first"))
        return
    if "AnnotationPage" in kinds:
        for entry in _list(document.get("items")):
            yield from annotations_in(entry)
        following = document.get("next")
        if isinstance(following, Mapping):
            yield from annotations_in(following)


def _datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _uuid(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    if value.startswith(_URN):
        return value[len(_URN) :]
    return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, value))


def read(node: Mapping[str, Any]) -> AnnotationRecord:
    """One Annotation as a record; ReaderError if it has no usable text target."""
    ident = _uuid(node.get("id") or node.get("@id"))
    if ident is None:
        raise ReaderError("an annotation without an id")
    note, tags, entities = "", [], []
    for body in _list(node.get("body")):
        if not isinstance(body, Mapping):
            continue
        value = body.get("value")
        purpose = set(_list(body.get("purpose")))
        if not isinstance(value, str):
            continue
        if "tagging" in purpose:
            tags.append(value)
        elif "identifying" in purpose:
            entities.append((_uuid(body.get("id")), value))
        elif not note:
            note = value
    targets = [t for t in _list(node.get("target")) if isinstance(t, Mapping)]
    if not targets:
        raise ReaderError(f"annotation {ident}: no target")
    target = targets[0]
    source = target.get("source")
    article_uuid = title = None
    if isinstance(source, Mapping):
        article_uuid = _uuid(source.get("id"))
        label = source.get("label")
        title = label if isinstance(label, str) else None
    elif isinstance(source, str):
        article_uuid = _uuid(source)
    quote: Mapping[str, Any] | None = None
    position: Mapping[str, Any] | None = None
    for selector in _list(target.get("selector")):
        if isinstance(selector, Mapping):
            kinds = _types(selector)
            if "TextQuoteSelector" in kinds:
                quote = selector
            elif "TextPositionSelector" in kinds:
                position = selector
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        raise ReaderError(f"annotation {ident}: no TextQuoteSelector to place it by")
    start = end = None
    if position is not None:
        s, e = position.get("start"), position.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e:
            start, end = s, e
    creator = _list(node.get("creator"))
    author = ""
    if creator and isinstance(creator[0], Mapping):
        author = str(creator[0].get("name") or creator[0].get("nickname") or "")
    elif creator and isinstance(creator[0], str):
        author = creator[0]
    style = target.get("styleClass")
    return AnnotationRecord(
        uuid=ident,
        article_uuid=article_uuid,
        article_title=title,
        exact=quote["exact"],
        prefix=str(quote.get("prefix") or ""),
        suffix=str(quote.get("suffix") or ""),
        start=start,
        end=end,
        color=style if isinstance(style, str) else None,
        note=note,
        tags=tuple(tags),
        entities=tuple(entities),
        created=_datetime(node.get("created")),
        modified=_datetime(node.get("modified")),
        author=author,
    )
