"""Commands for highlights, tags and the review queue."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reader.cli.output import clip, count, highlight_json, highlight_line, print_json

if TYPE_CHECKING:
    from reader.services.library import Library
    from reader.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("highlight", help="highlight a quote in an article")
    p.set_defaults(handler=_cmd_highlight)
    p.add_argument("article", type=int, metavar="ARTICLE_ID")
    p.add_argument("--quote", required=True, metavar="TEXT", help="the exact words to highlight")
    p.add_argument("--prefix", default="", metavar="P", help="words just before the quote")
    p.add_argument("--suffix", default="", metavar="S", help="words just after the quote")
    p.add_argument("--color", metavar="NAME", help="palette colour: key, label or 1-6")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="may be repeated")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("highlights", help="list highlights, in text order")
    p.set_defaults(handler=_cmd_highlights)
    p.add_argument("article", type=int, nargs="?", metavar="ARTICLE_ID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("tags", help="list tags with their counts")
    p.set_defaults(handler=_cmd_tags)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("tag", help="rename, merge or delete a tag")
    p.set_defaults(handler=_cmd_tag)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser("rename", help="rename a tag")
    q.add_argument("old", metavar="OLD")
    q.add_argument("new", metavar="NEW")
    q = actions.add_parser("merge", help="move everything tagged FROM to INTO, delete FROM")
    q.add_argument("source", metavar="FROM")
    q.add_argument("into", metavar="INTO")
    q = actions.add_parser("delete", help="delete a tag (its highlights stay)")
    q.add_argument("name", metavar="NAME")

    p = sub.add_parser("review", help="list highlights that need review after a text change")
    p.set_defaults(handler=_cmd_review)
    p.add_argument("--json", action="store_true")


def _cmd_highlight(library: Library, args: argparse.Namespace, settings: Settings) -> int:
    from reader.core.palette import DEFAULT_COLOR, find
    from reader.services.annotations import create_from_quote

    color = find(settings.palette, args.color).key if args.color else DEFAULT_COLOR
    result = create_from_quote(
        library,
        args.article,
        args.quote,
        prefix=args.prefix,
        suffix=args.suffix,
        color=color,
        note=args.note,
        tags=args.tag,
    )
    if args.json:
        print_json(highlight_json(result.highlight, settings.palette))
    else:
        print(highlight_line(result.highlight, settings.palette))
    return 0


def _cmd_highlights(library: Library, args: argparse.Namespace, settings: Settings) -> int:
    from reader.services.annotations import highlights

    found = highlights(library, args.article)
    if args.json:
        print_json([highlight_json(h, settings.palette) for h in found])
    else:
        for item in found:
            print(highlight_line(item, settings.palette))
    return 0


def _cmd_tags(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services.tags import list_tags

    found = list_tags(library)
    if args.json:
        print_json(
            [
                {
                    "name": t.name,
                    "highlights": t.highlights,
                    "articles": t.articles,
                    "author": t.author,
                }
                for t in found
            ]
        )
    else:
        for t in found:
            print(f"{t.name}  ({count(t.highlights, 'highlight')}, {count(t.articles, 'article')})")
    return 0


def _cmd_tag(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services import tags

    if args.action == "rename":
        tags.rename_tag(library, args.old, args.new)
        print(f"renamed {args.old.strip()!r} to {args.new.strip()!r}")
    elif args.action == "merge":
        snapshot = tags.merge_tags(library, args.source, args.into)
        moved = len(snapshot.highlight_ids) + len(snapshot.article_ids)
        print(f"merged {snapshot.name!r} into {args.into.strip()!r} ({count(moved, 'item')})")
    else:
        snapshot = tags.delete_tag(library, args.name)
        moved = len(snapshot.highlight_ids) + len(snapshot.article_ids)
        print(f"deleted {snapshot.name!r} (it was on {count(moved, 'item')})")
    return 0


def _cmd_review(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services.review import review_queue

    items = review_queue(library)
    if args.json:
        print_json(
            [
                {
                    "id": i.highlight.id,
                    "article_id": i.highlight.article_id,
                    "article_title": i.article_title,
                    "status": i.highlight.status.value,
                    "score": i.highlight.score,
                    "start": i.highlight.start,
                    "end": i.highlight.end,
                    "exact": i.highlight.exact,
                    "candidate": i.candidate,
                }
                for i in items
            ]
        )
        return 0
    for i in items:
        h = i.highlight
        now = f"\u201c{clip(i.candidate)}\u201d" if i.candidate is not None else "(no place found)"
        print(
            f"{h.id:>6}  article {h.article_id}  {h.status.value} {h.score:.2f}  "
            f"was \u201c{clip(h.exact, 50)}\u201d  now {now}"
        )
    if not items:
        print("nothing needs review")
    return 0
