"""Recognises site boilerplate at the top of saved articles.

Two rules, so that one site's banner sentence is not hard-coded: a short list of phrases that
news sites put above or inside articles, and lines that repeat at the top of several files in
one import (a site's banner repeats; a headline does not). Lines learned the second way are
remembered by the library so a later single-file import from the same site is cleaned too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable

from reader.core.text import normalize_line

MAX_BANNER_LENGTH = 140
TOP_LINES = 3

_KNOWN_PHRASES = re.compile(
    r"""^(?:
        get\s+the\s+latest\s+(?:updates|news|headlines)\b
      | (?:sign\s+up|subscribe)\s+(?:for|to)\s+(?:our|the)\s+\w*\s*(?:newsletter|updates|alerts)\b
      | subscribe\s+now\b
      | advertisement$
      | skip\s+to\s+(?:main\s+)?content$
      | (?:share|email|print)\s+this\s+(?:article|story|page)\b
      | follow\s+us\s+on\b
      | click\s+here\s+to\b
      | this\s+article\s+is\s+more\s+than\s+\d+\s+\w+\s+old$
      | we\s+use\s+cookies\b
      | read\s+more:?$
      | related\s+(?:articles|stories|content):?$
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def is_known_banner(line: str) -> bool:
    line = normalize_line(line)
    return len(line) <= MAX_BANNER_LENGTH and bool(_KNOWN_PHRASES.match(line))


def top_lines(text: str, count: int = TOP_LINES) -> list[str]:
    """The first `count` non-blank lines, normalised."""
    found: list[str] = []
    for line in text.splitlines():
        line = normalize_line(line)
        if line:
            found.append(line)
            if len(found) == count:
                break
    return found


def repeated_top_lines(
    tops: Iterable[list[str]], ignore: Callable[[str], bool] = lambda line: False
) -> set[str]:
    """Lines that open at least two files and, in a large batch, a fair share of them.

    A headline shared by two files is a duplicate story, not a banner: files whose top lines
    are identical count once, and a line counts as a banner only when different lines follow
    it in different files (a banner sits above many headlines; a headline above one story).
    The line must also look like a sentence a site would repeat: short enough and not the
    only top line.
    """
    counts: Counter[str] = Counter()
    following: dict[str, set[str]] = {}
    seen: set[tuple[str, ...]] = set()
    files = 0
    for lines in tops:
        key = tuple(lines)
        if key in seen:
            continue  # the same story again: it says nothing about banners
        seen.add(key)
        files += 1
        # The last top line may be the headline itself, so it is never a candidate.
        for i, line in enumerate(lines[:-1]):
            # Nothing but ignored lines below it in view: count it as followed by its own
            # file's text, which differs from file to file.
            nxt = next((later for later in lines[i + 1 :] if not ignore(later)), f"\0{files}")
            following.setdefault(line, set()).add(nxt)
        counts.update(set(lines[:-1]))
    need = min(5, max(2, math.ceil(files / 2)))
    return {
        line
        for line, n in counts.items()
        if n >= need
        and len(following.get(line, ())) >= 2
        and len(line) <= MAX_BANNER_LENGTH
        and any(c.isalpha() for c in line)
        and not ignore(line)
    }
