"""One analyst's session, run as its own process by test_concurrency: adds highlights and
edits the shared notes, and prints what happened to each note edit as JSON.

    python -m tests.services.team_worker URL AUTHOR ARTICLE_ID HIGHLIGHTS SHARED_IDS
"""

from __future__ import annotations

import json
import sys

from reader.core.errors import EditConflictError, ReaderError
from reader.services import annotations as notes
from reader.services import articles as article_service
from reader.services.library import open_library


def main(
    url: str, author: str, article_id: int, count: int, shared: list[int]
) -> dict[str, object]:
    library = open_library(url, author=author, with_samples=False)
    text = article_service.get_article(library, article_id).text
    words = [i for i in range(1, len(text) - 12) if text[i - 1] == " " and text[i] != " "]
    added: list[int] = []
    applied: dict[int, str] = {}
    conflicts: list[int] = []
    errors: list[str] = []
    every = max(1, count // max(1, len(shared)))
    queue = list(shared)
    try:
        for number in range(count):
            start = words[(number * 7 + len(author)) % len(words)]
            try:
                made = notes.create_highlight(library, article_id, start, start + 8)
                added.append(made.highlight.id)
            except ReaderError as exc:
                errors.append(f"create: {exc}")
            if number % every == 0 and queue:
                target = queue.pop(0)
                mine = f"{author} edit {number}"
                try:
                    base = notes.get_highlight(library, target)
                    notes.set_note(library, target, mine, base=base)
                    applied[target] = mine
                except EditConflictError as conflict:
                    assert conflict.yours == mine
                    conflicts.append(target)
                except ReaderError as exc:
                    errors.append(f"note: {exc}")
    finally:
        library.close()
    return {"added": added, "applied": applied, "conflicts": conflicts, "errors": errors}


if __name__ == "__main__":
    url, author, article_id, count, shared = sys.argv[1:6]
    result = main(url, author, int(article_id), int(count), [int(i) for i in shared.split(",")])
    print(json.dumps(result))
