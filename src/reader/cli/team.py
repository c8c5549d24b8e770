"""Commands for a library shared on a PostgreSQL server (`copy-library`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.services.library import Library
    from reader.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "copy-library",
        help="copy this library into an empty database (e.g. the team's PostgreSQL), or back",
        description="Copies every table, checks every count, and never overwrites work: the "
        "target must be empty. Example: reader copy-library --to "
        "postgresql+psycopg://ana@db.example.org/team",
    )
    p.set_defaults(handler=_cmd_copy)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", metavar="URL", help="copy this library into the database at URL")
    where.add_argument(
        "--from", dest="source", metavar="URL", help="copy the library at URL into this one"
    )


def _cmd_copy(library: Library, args: argparse.Namespace, _s: Settings) -> int:
    from reader.services.copying import copy_library

    report = copy_library(library, to=args.to, source=args.source)
    print(report.describe())
    return 0
