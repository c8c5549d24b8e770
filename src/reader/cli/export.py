"""Commands for briefs and annotation files (`export`, `import-annotations`) and for the
whole library (`backup`, `restore`)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.services.library import Library
    from reader.settings import Settings


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-03-01") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="write a brief (md, html, pdf) or W3C annotations (jsonld)")
    p.set_defaults(handler=_cmd_export)
    p.add_argument("--article", type=int, action="append", default=[], metavar="ID")
    p.add_argument("--entity", action="append", default=[], metavar="NAME")
    p.add_argument("--tag", action="append", default=[], metavar="T")
    p.add_argument("--label", action="append", default=[], metavar="L", help="colour label")
    p.add_argument("--since", type=_date, metavar="DATE", help="articles dated from (YYYY-MM-DD)")
    p.add_argument("--until", type=_date, metavar="DATE", help="articles dated until")
    p.add_argument(
        "--include-review",
        action="store_true",
        help="include highlights waiting for review (marked as such)",
    )
    p.add_argument("--format", required=True, choices=("md", "html", "pdf", "jsonld"))
    p.add_argument("--template", type=Path, metavar="FILE", help="a Jinja2 template")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")

    p = sub.add_parser("import-annotations", help="read W3C Web Annotations onto articles")
    p.set_defaults(handler=_cmd_import_annotations)
    p.add_argument("file", type=Path, metavar="FILE")

    p = sub.add_parser("backup", help="write the whole library into one file")
    p.set_defaults(handler=_cmd_backup)
    p.add_argument("file", type=Path, metavar="FILE")

    p = sub.add_parser("restore", help="restore a backup into an empty library")
    p.set_defaults(handler=_cmd_restore)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--merge", action="store_true", help="merge into a library with work in it")


def _check_output(path: Path) -> None:
    from reader.core.errors import ReaderError

    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise ReaderError(f"{folder}: no such folder")
    if path.is_dir():
        raise ReaderError(f"{path}: is a folder; give a file name")


def _cmd_export(library: Library, args: argparse.Namespace, settings: Settings) -> int:
    from reader.core.errors import ReaderError
    from reader.services import export as service

    _check_output(args.output)
    if len(args.entity) > 1:
        raise ReaderError("one --entity at a time: a dossier is about one entity")
    scope = service.ExportScope(
        article_ids=tuple(args.article),
        entity=args.entity[0] if args.entity else None,
        tags=tuple(args.tag),
        labels=tuple(args.label),
        since=args.since,
        until=args.until,
        include_review=args.include_review,
    )
    made_at = datetime.now(UTC).replace(microsecond=0)
    if args.format == "pdf":
        html = service.brief_html(
            library, scope, template=args.template, made_at=made_at, palette=settings.palette
        )
        from reader.ui.pdf_export import write_pdf  # Qt only for PDF

        write_pdf(html, args.output)
    else:
        service.export(
            library,
            scope,
            args.format,
            args.output,
            template=args.template,
            made_at=made_at,
            palette=settings.palette,
        )
    print(f"wrote {args.output}")
    return 0


def _cmd_import_annotations(library: Library, args: argparse.Namespace, _s: Settings) -> int:
    from reader.services.export import import_annotations

    report = import_annotations(library, args.file)
    for message in report.messages:
        print(f"  {message}", file=sys.stderr)
    print(report.describe())
    return 0


def _cmd_backup(library: Library, args: argparse.Namespace, settings: Settings) -> int:
    from reader.services.backup import backup

    _check_output(args.file)
    report = backup(library, args.file, settings=settings)
    print(f"wrote {args.file}: {report.rows} rows in {len(report.tables)} tables")
    return 0


def _cmd_restore(library: Library, args: argparse.Namespace, _s: Settings) -> int:
    from reader.services.backup import restore

    report = restore(library, args.file, merge=args.merge)
    if report.merged:
        added = sum(report.tables.values())
        print(f"merged {args.file}: {added} rows added, {sum(report.updated.values())} updated")
    else:
        print(f"restored {args.file}: {sum(report.tables.values())} rows")
        if report.settings is not None:
            _apply_settings(report.settings)
    for message in report.messages:
        print(f"  {message}", file=sys.stderr)
    return 0


def _apply_settings(saved: dict[str, object]) -> None:
    """A full restore brings the backup's palette and preferences back; the window's shape
    and place stay as they are on this machine. The saved settings are read through
    SettingsStore, so an older backup's settings are upgraded like an old settings file."""
    import json
    import tempfile
    from dataclasses import replace

    from reader import paths
    from reader.settings import SettingsStore

    store = SettingsStore(paths.config_dir() / "settings.json")
    current = store.load()
    with tempfile.TemporaryDirectory() as scratch:
        staged = Path(scratch) / "settings.json"
        staged.write_text(json.dumps(saved), encoding="utf-8")
        restored = SettingsStore(staged).load()
    store.save(replace(restored, window=current.window))
