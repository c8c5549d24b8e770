"""Commands for search: search, reindex, saved-search."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.output import print_json

if TYPE_CHECKING:
    from reader.services.library import Library
    from reader.services.search import SearchHit
    from reader.settings import Settings

KINDS = ("article", "highlight", "note", "entity")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search",
        help="search articles, highlights, notes and entities",
        description='Words, "phrases", OR, -word, prefix*, and tag: entity: label: kind: '
        "source: after: before: is:unread has:highlights status:",
    )
    p.set_defaults(handler=_cmd_search)
    p.add_argument("query", metavar="QUERY", nargs="+", help="the query (quote it in the shell)")
    p.add_argument("--kind", choices=KINDS, help="only hits of this kind")
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N hits")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("reindex", help="rebuild the search index (never needed normally)")
    p.set_defaults(handler=_cmd_reindex)

    p = sub.add_parser("saved-search", help="list, add or delete saved searches")
    p.set_defaults(handler=_cmd_saved)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="saved searches, by name")
    listing.add_argument("--json", action="store_true")
    add = actions.add_parser("add", help="save QUERY as NAME (replacing a search so named)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("query", metavar="QUERY")
    remove = actions.add_parser("delete", help="delete the saved search NAME")
    remove.add_argument("name", metavar="NAME")


def _hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "kind": hit.kind,
        "article_id": hit.article_id,
        "highlight_id": hit.highlight_id,
        "entity_id": hit.entity_id,
        "title": hit.title,
        "snippet": hit.snippet,
        "marks": [list(mark) for mark in hit.marks],
        "score": round(hit.score, 4),
        "start": hit.start,
        "end": hit.end,
    }


def emphasised(text: str, marks: tuple[tuple[int, int], ...]) -> str:
    """`text` with **…** around each marked span, for a terminal."""
    parts: list[str] = []
    at = 0
    for start, end in marks:
        parts += [text[at:start], "**", text[start:end], "**"]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def _cmd_search(library: Library, args: argparse.Namespace, settings: Settings) -> int:
    from reader.services.search import search

    hits = search(
        library,
        " ".join(args.query),
        kind=args.kind,
        limit=args.limit,
        palette=settings.palette,
    )
    if args.json:
        print_json([_hit_json(hit) for hit in hits])
        return 0
    if not hits:
        print("no matches", file=sys.stderr)
        return 0
    for hit in hits:
        where = f"article {hit.article_id}" if hit.article_id is not None else "entity"
        ids = {
            "article": f"#{hit.article_id}",
            "highlight": f"highlight {hit.highlight_id}, {where}",
            "note": f"note on highlight {hit.highlight_id}, {where}",
            "entity": f"entity {hit.entity_id}",
        }[hit.kind]
        print(f"{hit.kind:<9}  {ids}  {hit.title}")
        print(f"           {emphasised(hit.snippet, hit.marks)}")
    return 0


def _cmd_reindex(library: Library, _args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services.search import reindex

    def progress(done: int, total: int) -> None:
        print(f"\rindexing articles: {done}/{total}", end="", file=sys.stderr, flush=True)

    count = reindex(library, progress=progress)
    print(file=sys.stderr)
    print(f"indexed {count} documents")
    return 0


def _cmd_saved(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.core.errors import NotFoundError
    from reader.services import search as service

    if args.action == "add":
        saved = service.save_search(library, args.name, args.query)
        print(f"saved {saved.name!r}: {saved.query}")
        return 0
    found = service.saved_searches(library)
    if args.action == "delete":
        folded = args.name.casefold()
        match = [s for s in found if s.name.casefold() == folded]
        if not match:
            raise NotFoundError(f"no saved search called {args.name!r}")
        service.delete_saved_search(library, match[0].id)
        print(f"deleted {match[0].name!r}")
        return 0
    if args.json:
        print_json([{"id": s.id, "name": s.name, "query": s.query} for s in found])
        return 0
    for item in found:
        print(f"{item.id:>4}  {item.name}: {item.query}")
    return 0
