"""Commands for articles: import, reextract, list, show."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reader.cli.output import article_json, print_json, summary_json

if TYPE_CHECKING:
    from reader.services.importing import ImportReport
    from reader.services.library import Library
    from reader.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import files or folders (recursively)")
    p.set_defaults(handler=_cmd_import)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    p.add_argument(
        "--allow-duplicates",
        action="store_true",
        help="import articles even when the library holds the same or nearly the same text",
    )

    p = sub.add_parser("reextract", help="extract an article again from its stored source")
    p.set_defaults(handler=_cmd_reextract)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("list", help="list articles, newest first")
    p.set_defaults(handler=_cmd_list)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="show one article")
    p.set_defaults(handler=_cmd_show)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")


def _cmd_import(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services.importing import import_paths

    report = import_paths(library, args.paths, allow_duplicates=args.allow_duplicates)
    return _print_report(report, args.json)


def _cmd_reextract(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services.importing import reextract

    return _print_report(reextract(library, args.id), args.json)


def _print_report(report: ImportReport, as_json: bool) -> int:
    from reader.services.importing import ImportStatus

    if as_json:
        print_json(
            [
                {
                    "path": r.path,
                    "status": r.status.value,
                    "article_id": r.article_id,
                    "message": r.message,
                }
                for r in report.results
            ]
        )
    else:
        for r in report.results:
            if r.status is ImportStatus.FAILED:
                print(f"error: {r.message}", file=sys.stderr)
            else:
                print(f"{r.status.value:<9}  #{r.article_id}  {r.path}  ({r.message})")
        print(report.summary())
    return 1 if report.failed else 0


def _cmd_list(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services import articles as article_service

    items = article_service.list_all(library)
    if args.json:
        print_json([summary_json(item) for item in items])
        return 0
    for item in items:
        day = item.published or item.updated or item.imported_at.date()
        title = f"{item.kicker}: {item.title}" if item.kicker else item.title
        print(f"{item.id:>6}  {day.isoformat()}  {title}  ({item.word_count} words)")
    return 0


def _cmd_show(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services import articles as article_service

    article = article_service.get_article(library, args.id)
    if args.json:
        print_json(article_json(article))
        return 0
    if article.kicker:
        print(article.kicker.upper())
    print(article.title)
    meta = [
        part
        for part in (
            article.source,
            article.byline and f"by {article.byline}",
            article.published and f"published {article.published.isoformat()}",
            article.updated and f"updated {article.updated.isoformat()}",
        )
        if part
    ]
    if meta:
        print(" · ".join(meta))
    print()
    print(article.text)
    return 0
