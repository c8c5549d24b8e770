"""`reader entity ...`: people, organisations and places, their mentions and suggestions."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reader.cli.output import clip, count, iso, print_json

if TYPE_CHECKING:
    from reader.core.models import Entity
    from reader.services.library import Library
    from reader.settings import Settings

KINDS = ("person", "organization", "place", "other")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("entity", help="people, organisations and places the articles mention")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    q = actions.add_parser("add", help="add an entity; its mentions are found at once")
    q.set_defaults(handler=_cmd_add)
    q.add_argument("name", metavar="NAME")
    q.add_argument("--kind", choices=KINDS, help="default: guessed from the name")
    q.add_argument("--alias", action="append", default=[], metavar="A", help="may be repeated")
    q.add_argument("--note", default="", metavar="TEXT", help="Markdown")
    q.add_argument("--json", action="store_true")

    q = actions.add_parser("list", help="entities with their mention and article counts")
    q.set_defaults(handler=_cmd_list)
    q.add_argument("--kind", choices=KINDS)
    q.add_argument("--sort", choices=("name", "count"), default="name")
    q.add_argument("--json", action="store_true")

    q = actions.add_parser("show", help="one entity: note, aliases, mentions, highlights")
    q.set_defaults(handler=_cmd_show)
    q.add_argument("name", metavar="NAME_OR_ALIAS")
    q.add_argument("--json", action="store_true")

    q = actions.add_parser("suggest", help="entities the articles name that you have not added")
    q.set_defaults(handler=_cmd_suggest)
    q.add_argument("article", type=int, nargs="?", metavar="ARTICLE_ID")
    q.add_argument("--limit", type=int, default=50, metavar="N")
    q.add_argument("--json", action="store_true")

    q = actions.add_parser("merge", help="merge FROM into INTO (aliases, notes, links)")
    q.set_defaults(handler=_cmd_merge)
    q.add_argument("source", metavar="FROM")
    q.add_argument("into", metavar="INTO")

    q = actions.add_parser("note", help="set an entity's note (Markdown)")
    q.set_defaults(handler=_cmd_note)
    q.add_argument("name", metavar="NAME")
    q.add_argument("text", metavar="TEXT")

    q = actions.add_parser("delete", help="delete an entity (articles and highlights stay)")
    q.set_defaults(handler=_cmd_delete)
    q.add_argument("name", metavar="NAME")


def entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "uuid": entity.uuid,
        "name": entity.name,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
        "note": entity.note,
        "mention_count": entity.mention_count,
        "article_count": entity.article_count,
        "author": entity.author,
        "created": iso(entity.created),
        "modified": iso(entity.modified),
    }


def _line(entity: Entity) -> str:
    others = [a for a in entity.aliases if a != entity.name]
    aka = f"  (also {', '.join(others)})" if others else ""
    return (
        f"{entity.id:>6}  {entity.name}  [{entity.kind}]  "
        f"{count(entity.mention_count, 'mention')} in {count(entity.article_count, 'article')}"
        f"{aka}"
    )


def _cmd_add(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services import entities

    kind = args.kind or entities.guess_kind(args.name)
    result = entities.create_entity(
        library, args.name, kind=kind, aliases=args.alias, note=args.note
    )
    if args.json:
        print_json(entity_json(result.entity))
    else:
        print(_line(result.entity))
    return 0


def _cmd_list(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services.entities import list_entities

    found = list_entities(library, kind=args.kind, sort=args.sort)
    if args.json:
        print_json([entity_json(e) for e in found])
    else:
        for entity in found:
            print(_line(entity))
        if not found:
            print("no entities yet; try `reader entity suggest`")
    return 0


def _cmd_show(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services import entities

    entity = entities.find_entity(library, args.name)
    info = entities.dossier(library, entity.id)
    mentions = [
        {
            "article_id": line.mention.article_id,
            "start": line.mention.start,
            "end": line.mention.end,
            "text": line.mention.text,
        }
        for article in info.articles
        for line in article.lines
    ]
    if args.json:
        print_json(
            {
                **entity_json(entity),
                "mentions": mentions,
                "highlights": [h.id for h in info.highlights],
                "cooccurring": [
                    {"id": e.id, "name": e.name, "articles": n} for e, n in info.cooccurring
                ],
            }
        )
        return 0
    print(_line(entity))
    if entity.note.strip():
        print(f"note: {entity.note.strip()}")
    for article in info.articles:
        print(f"\narticle {article.article_id}: {article.title}")
        for line in article.lines:
            print(f"  …{clip(line.before, 40)} [{line.match}] {clip(line.after, 40)}…")
    if info.highlights:
        print(f"\nhighlights: {', '.join(str(h.id) for h in info.highlights)}")
    return 0


def _cmd_suggest(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services.entities import suggest

    found = suggest(library, args.article, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "aliases": list(s.aliases),
                    "count": s.count,
                    "article_ids": list(s.article_ids),
                }
                for s in found
            ]
        )
        return 0
    for s in found:
        aka = f"  (also {', '.join(s.aliases)})" if s.aliases else ""
        print(f"{s.count:>5}  {s.name}  [{s.kind}]{aka}")
    if not found:
        print("nothing to suggest")
    return 0


def _cmd_merge(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services import entities

    source = entities.find_entity(library, args.source)
    into = entities.find_entity(library, args.into)
    entities.merge_entities(library, source.id, into.id)
    print(f"merged {source.name!r} into {into.name!r}")
    return 0


def _cmd_note(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services import entities

    entity = entities.find_entity(library, args.name)
    entities.set_entity_note(library, entity.id, args.text)
    print(f"note of {entity.name!r} saved")
    return 0


def _cmd_delete(library: Library, args: argparse.Namespace, _settings: Settings) -> int:
    from reader.services import entities

    entity = entities.find_entity(library, args.name)
    entities.delete_entity(library, entity.id)
    print(f"deleted {entity.name!r} ({count(entity.mention_count, 'mention')})")
    return 0
