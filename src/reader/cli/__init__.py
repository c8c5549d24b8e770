"""The command line: `reader.cli.main(argv) -> int`.

Each group of commands lives in its own module with a `register(sub)` that adds its
subcommands and sets `handler(library, args, settings) -> int` on each. Qt is imported only by
the commands that draw (opening the window, `screenshot`), and the services only by the
commands that use them, so the rest start fast and run where no display or Qt library exists.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__, paths
from reader.cli import annotating, articles, entities, export, search, team
from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.settings import Settings

log = logging.getLogger("reader")

# The command groups, in the order `reader --help` lists them.
COMMAND_MODULES = (articles, annotating, entities, search, export, team)


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
        "With no command, opens the window; `reader FILE...` imports the files and opens "
        "the window on them.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="library folder (or READER_DATA_DIR)")
    parser.add_argument("--db", metavar="URL", help="database URL (or READER_DB_URL)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)

    p = sub.add_parser("screenshot", help="render the window into a PNG file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--article", type=int, metavar="ID", help="article to open (default: newest)")
    p.add_argument("--size", type=_size, default=(1400, 900), metavar="WxH")
    p.add_argument("--theme", choices=("light", "dark"), help="force a theme")
    return parser


def load_settings() -> Settings:
    from reader.settings import SettingsStore

    return SettingsStore(paths.config_dir() / "settings.json").load()


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


def _files_to_open(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str] | None:
    """`reader FILE...` (how a desktop opens files with Reader): the paths, when every word
    left after the global options names an existing file or folder and none is a command."""
    _known, rest = _global_options().parse_known_args(argv)
    commands = _command_names(parser)
    if not rest or rest[0] in commands or any(word.startswith("-") for word in rest):
        return None
    if not all(Path(word).exists() for word in rest):
        return None
    return rest


def _global_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--data-dir")
    options.add_argument("--db")
    return options


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    files = _files_to_open(parser, words)
    if files is not None:
        args = _global_options().parse_known_args(words)[0]
        args.command = None
        args.files = files
    else:
        args = parser.parse_args(words)
        args.files = []
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

            return int(run_window(db_url=args.db, data_dir=args.data_dir, files=args.files))
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

        settings = load_settings()
        library = open_library(
            args.db,
            args.data_dir,
            author=settings.author or default_author(),
            preferred=settings.library or None,
        )
        if library.notice:
            print(f"warning: {library.notice}", file=sys.stderr)
        try:
            return int(args.handler(library, args, settings))
        finally:
            library.close()
    except ReaderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
