"""The command line: `reader.cli.main(argv) -> int`.

Qt is imported only by the commands that draw (opening the window, `screenshot`), so the rest
start fast and run where no display or Qt library exists.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__, paths
from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.models import Article, ArticleSummary, Highlight
    from reader.core.palette import ColorLabel
    from reader.services.library import Library
    from reader.settings import Settings

# The services are imported by the commands that use them: opening the window should not wait
# for the import machinery it may never need.

log = logging.getLogger("reader")


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def summary_json(item: ArticleSummary) -> dict[str, Any]:
    return {
        "id": item.id,
        "uuid": item.uuid,
        "title": item.title,
        "kicker": item.kicker,
        "source": item.source,
        "source_path": item.source_path,
        "published": _iso(item.published),
        "updated": _iso(item.updated),
        "imported_at": _iso(item.imported_at),
        "word_count": item.word_count,
        "highlight_count": item.highlight_count,
        "review_count": item.review_count,
    }


def highlight_json(item: Highlight, palette: Sequence[ColorLabel]) -> dict[str, Any]:
    from reader.core.palette import label_of

    return {
        "id": item.id,
        "uuid": item.uuid,
        "article_id": item.article_id,
        "start": item.start,
        "end": item.end,
        "exact": item.exact,
        "prefix": item.prefix,
        "suffix": item.suffix,
        "color": item.color,
        "label": label_of(palette, item.color),
        "tags": list(item.tags),
        "note": item.note,
        "status": item.status.value,
        "score": item.score,
        "version": item.version,
        "author": item.author,
        "created": _iso(item.created),
        "modified": _iso(item.modified),
    }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _highlight_line(item: Highlight, palette: Sequence[ColorLabel]) -> str:
    from reader.core.palette import label_of

    tags = "".join(f"  #{tag}" for tag in item.tags)
    status = "" if item.status.value == "exact" else f"  [{item.status.value}]"
    note = f"\n        note: {_clip(item.note)}" if item.note.strip() else ""
    return (
        f"{item.id:>6}  article {item.article_id}  {item.start}-{item.end}  "
        f"{label_of(palette, item.color)}{status}  \u201c{_clip(item.exact)}\u201d{tags}{note}"
    )


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "uuid": article.uuid,
        "title": article.title,
        "kicker": article.kicker,
        "byline": article.byline,
        "source": article.source,
        "source_path": article.source_path,
        "language": article.language,
        "published": _iso(article.published),
        "updated": _iso(article.updated),
        "imported_at": _iso(article.imported_at),
        "version": article.version,
        "word_count": article.word_count,
        "highlight_count": article.highlight_count,
        "text": article.text,
        "blocks": [
            {
                "kind": b.kind.value,
                "start": b.start,
                "end": b.end,
                **({"level": b.level} if b.level else {}),
                **({"number": b.number} if b.number else {}),
                **({"href": b.href} if b.href else {}),
            }
            for b in article.blocks
        ],
    }


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not WIDTHxHEIGHT, e.g. 1400x900") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000 pixels")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read, highlight and annotate news articles offline. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="library folder (or READER_DATA_DIR)")
    parser.add_argument("--db", metavar="URL", help="database URL (or READER_DB_URL)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import files or folders (recursively)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="one JSON object per file")

    p = sub.add_parser("list", help="list articles, newest first")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="show one article")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("highlight", help="highlight a quote in an article")
    p.add_argument("article", type=int, metavar="ARTICLE_ID")
    p.add_argument("--quote", required=True, metavar="TEXT", help="the exact words to highlight")
    p.add_argument("--prefix", default="", metavar="P", help="words just before the quote")
    p.add_argument("--suffix", default="", metavar="S", help="words just after the quote")
    p.add_argument("--color", metavar="NAME", help="palette colour: key, label or 1-6")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="may be repeated")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("highlights", help="list highlights, in text order")
    p.add_argument("article", type=int, nargs="?", metavar="ARTICLE_ID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("tags", help="list tags with their counts")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("tag", help="rename, merge or delete a tag")
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
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("screenshot", help="render the window into a PNG file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--article", type=int, metavar="ID", help="article to open (default: newest)")
    p.add_argument("--size", type=_size, default=(1400, 900), metavar="WxH")
    p.add_argument("--theme", choices=("light", "dark"), help="force a theme")
    return parser


def _cmd_import(library: Library, args: argparse.Namespace) -> int:
    from reader.services.importing import ImportStatus, import_paths

    report = import_paths(library, args.paths)
    if args.json:
        _print_json(
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


def _cmd_list(library: Library, args: argparse.Namespace) -> int:
    from reader.services import articles as article_service

    items = article_service.list_all(library)
    if args.json:
        _print_json([summary_json(item) for item in items])
        return 0
    for item in items:
        day = item.published or item.updated or item.imported_at.date()
        title = f"{item.kicker}: {item.title}" if item.kicker else item.title
        print(f"{item.id:>6}  {day.isoformat()}  {title}  ({item.word_count} words)")
    return 0


def _cmd_show(library: Library, args: argparse.Namespace) -> int:
    from reader.services import articles as article_service

    article = article_service.get_article(library, args.id)
    if args.json:
        _print_json(article_json(article))
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


def _load_settings() -> Settings:
    from reader.settings import SettingsStore

    return SettingsStore(paths.config_dir() / "settings.json").load()


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
        _print_json(highlight_json(result.highlight, settings.palette))
    else:
        print(_highlight_line(result.highlight, settings.palette))
    return 0


def _cmd_highlights(library: Library, args: argparse.Namespace, settings: Settings) -> int:
    from reader.services.annotations import highlights

    found = highlights(library, args.article)
    if args.json:
        _print_json([highlight_json(h, settings.palette) for h in found])
    else:
        for item in found:
            print(_highlight_line(item, settings.palette))
    return 0


def _cmd_tags(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services.tags import list_tags

    found = list_tags(library)
    if args.json:
        _print_json(
            [{"name": t.name, "highlights": t.highlights, "articles": t.articles} for t in found]
        )
    else:
        for t in found:
            print(
                f"{t.name}  ({_count(t.highlights, 'highlight')}, {_count(t.articles, 'article')})"
            )
    return 0


def _cmd_tag(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services import tags

    if args.action == "rename":
        tags.rename_tag(library, args.old, args.new)
        print(f"renamed {args.old.strip()!r} to {args.new.strip()!r}")
    elif args.action == "merge":
        snapshot = tags.merge_tags(library, args.source, args.into)
        moved = len(snapshot.highlight_ids) + len(snapshot.article_ids)
        print(f"merged {snapshot.name!r} into {args.into.strip()!r} ({_count(moved, 'item')})")
    else:
        snapshot = tags.delete_tag(library, args.name)
        moved = len(snapshot.highlight_ids) + len(snapshot.article_ids)
        print(f"deleted {snapshot.name!r} (it was on {_count(moved, 'item')})")
    return 0


def _cmd_review(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services.review import review_queue

    items = review_queue(library)
    if args.json:
        _print_json(
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
        now = f"\u201c{_clip(i.candidate)}\u201d" if i.candidate is not None else "(no place found)"
        print(
            f"{h.id:>6}  article {h.article_id}  {h.status.value} {h.score:.2f}  "
            f"was \u201c{_clip(h.exact, 50)}\u201d  now {now}"
        )
    if not items:
        print("nothing needs review")
    return 0


def _has_display() -> bool:
    """Whether opening the window would show it to someone.

    The offscreen and minimal platforms draw nowhere; a window on them is only useful to the
    start-up benchmark, which asks for it with READER_QUIT_WHEN_READY=1.
    """
    if sys.platform in ("win32", "darwin"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if platform in ("offscreen", "minimal"):
        return os.environ.get("READER_QUIT_WHEN_READY") == "1"
    if platform:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _setup_logging() -> logging.Handler:
    """Adds the log file handler; `main` removes and closes it when it returns, so calling
    `main` many times in one process (tests, the benchmarks) does not pile up open files."""
    try:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(folder / "reader.log", encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = _setup_logging()
    try:
        return _run(args)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def _run(args: argparse.Namespace) -> int:
    if args.command is None and not _has_display():
        print(
            "error: no display to show the window on; "
            "to see the window, render it with `reader screenshot window.png`",
            file=sys.stderr,
        )
        return 1
    try:
        if args.command is None:
            from reader.ui.app import run_window  # Qt only for the commands that draw

            return int(run_window(db_url=args.db, data_dir=args.data_dir))
        if args.command == "screenshot":
            from reader.ui.app import screenshot

            screenshot(
                Path(args.file),
                db_url=args.db,
                data_dir=args.data_dir,
                article_id=args.article,
                size=args.size,
                theme=args.theme,
            )
            return 0
        from reader.services.library import default_author, open_library

        settings = _load_settings()
        library = open_library(args.db, args.data_dir, author=settings.author or default_author())
        try:
            handlers = {"import": _cmd_import, "list": _cmd_list, "show": _cmd_show}
            if args.command in handlers:
                return handlers[args.command](library, args)
            annotating = {
                "highlight": _cmd_highlight,
                "highlights": _cmd_highlights,
                "tags": _cmd_tags,
                "tag": _cmd_tag,
                "review": _cmd_review,
            }
            return annotating[args.command](library, args, settings)
        finally:
            library.close()
    except ReaderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
