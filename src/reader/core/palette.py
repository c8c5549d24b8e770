"""The highlight palette: six colours, each with a meaning the person can rename and recolour.

Highlights store the stable key, so renaming "Claim to verify" or changing its colour changes
every highlight made with it, and briefs show the label of the day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.errors import ReaderError


@dataclass(frozen=True, slots=True)
class ColorLabel:
    key: str  # stable: stored with each highlight
    label: str  # what it means, shown everywhere
    color: str  # "#rrggbb"


DEFAULT_PALETTE: tuple[ColorLabel, ...] = (
    ColorLabel("key-point", "Key point", "#f5d547"),
    ColorLabel("claim", "Claim to verify", "#f28b82"),
    ColorLabel("evidence", "Evidence", "#81c995"),
    ColorLabel("background", "Background", "#8ab4f8"),
    ColorLabel("quote", "Quote", "#d7aefb"),
    ColorLabel("question", "Question", "#fdb863"),
)
DEFAULT_COLOR = DEFAULT_PALETTE[0].key


def find(palette: Iterable[ColorLabel], name: str) -> ColorLabel:
    """The palette entry named by its key, its label or its number (1-6), any case."""
    wanted = name.strip().casefold()
    entries = list(palette)
    if wanted.isdigit() and 1 <= int(wanted) <= len(entries):
        return entries[int(wanted) - 1]
    for entry in entries:
        if wanted in (entry.key.casefold(), entry.label.casefold()):
            return entry
    choices = ", ".join(f"{e.key} ({e.label})" for e in entries)
    raise ReaderError(f"no colour called {name!r}; choose one of {choices}")


def label_of(palette: Iterable[ColorLabel], key: str) -> str:
    for entry in palette:
        if entry.key == key:
            return entry.label
    return key
