"""Typed, versioned user settings and window state, kept as JSON in the config folder.

Every setting is declared once here with its type and default. The file carries a version; a
file written by an older Reader is upgraded step by step, and a damaged file is set aside (not
silently overwritten) so nothing a person chose is lost without a trace.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from reader.core.palette import DEFAULT_PALETTE, ColorLabel

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
Theme = Literal["system", "light", "dark"]
MIN_FONT_SIZE = 10
MAX_FONT_SIZE = 32
DEFAULT_FONT_SIZE = 14
MAX_REMEMBERED_POSITIONS = 2000


@dataclass(frozen=True)
class WindowState:
    """What the window restores next time: its shape and where the reader was."""

    geometry: str = ""  # base64 of QWidget.saveGeometry()
    splitter: str = ""  # base64 of QSplitter.saveState()
    open_article: str | None = None  # article UUID
    reading_positions: dict[str, float] = field(default_factory=dict)  # UUID -> 0..1


@dataclass(frozen=True)
class ExportChoices:
    """What the export dialog offers next time: the last scope, format and template."""

    scope: str = "article"  # article | entity | tag | library
    format: str = "md"  # md | html | pdf | jsonld
    template: str = ""  # a template file; empty: the built-in one
    include_review: bool = False


@dataclass(frozen=True)
class Settings:
    theme: Theme = "system"
    font_size: int = DEFAULT_FONT_SIZE
    font_family: str = ""  # empty: the platform's serif reading font
    line_width_em: int = 34
    author: str = ""  # the name put on highlights, notes and tags; empty: the login name
    library: str = ""  # the library file chosen in Preferences; empty: the data folder's
    palette: tuple[ColorLabel, ...] = DEFAULT_PALETTE
    export: ExportChoices = field(default_factory=ExportChoices)
    window: WindowState = field(default_factory=WindowState)

    def with_font_size(self, size: int) -> Settings:
        return replace(self, font_size=max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size)))

    def with_reading_position(self, article_uuid: str, fraction: float) -> Settings:
        positions = dict(self.window.reading_positions)
        positions.pop(article_uuid, None)
        positions[article_uuid] = round(max(0.0, min(1.0, fraction)), 4)
        while len(positions) > MAX_REMEMBERED_POSITIONS:
            positions.pop(next(iter(positions)))
        return replace(self, window=replace(self.window, reading_positions=positions))


# Step n turns a file of version n into version n + 1. Add one whenever a setting is renamed
# or changes meaning, and raise SETTINGS_VERSION.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    version = int(data.pop("version", 1))
    if version > SETTINGS_VERSION:
        raise ValueError(f"written by a newer Reader (settings version {version})")
    while version < SETTINGS_VERSION:
        data = UPGRADES[version](data)
        version += 1
    return data


def _positions(value: object) -> dict[str, float]:
    """Reading positions as saved, bounded like `with_reading_position` bounds them: a
    hand-edited or damaged entry is dropped rather than failing the whole file."""
    if not isinstance(value, dict):
        return {}
    positions = {
        key: round(max(0.0, min(1.0, float(fraction))), 4)
        for key, fraction in value.items()
        if isinstance(key, str)
        and isinstance(fraction, int | float)
        and not isinstance(fraction, bool)
        and fraction == fraction  # not NaN
    }
    kept = list(positions.items())[-MAX_REMEMBERED_POSITIONS:]
    return dict(kept)


def _window(value: object) -> WindowState:
    if not isinstance(value, dict):
        return WindowState()
    default = WindowState()
    geometry = value.get("geometry", default.geometry)
    splitter = value.get("splitter", default.splitter)
    open_article = value.get("open_article", default.open_article)
    return WindowState(
        geometry=geometry if isinstance(geometry, str) else default.geometry,
        splitter=splitter if isinstance(splitter, str) else default.splitter,
        open_article=open_article if isinstance(open_article, str) else None,
        reading_positions=_positions(value.get("reading_positions")),
    )


def _export(value: object) -> ExportChoices:
    if not isinstance(value, dict):
        return ExportChoices()
    default = ExportChoices()
    scope = value.get("scope")
    fmt = value.get("format")
    template = value.get("template")
    review = value.get("include_review")
    return ExportChoices(
        scope=scope if scope in ("article", "entity", "tag", "library") else default.scope,
        format=fmt if fmt in ("md", "html", "pdf", "jsonld") else default.format,
        template=template if isinstance(template, str) else default.template,
        include_review=review if isinstance(review, bool) else default.include_review,
    )


_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def _palette(value: object) -> tuple[ColorLabel, ...]:
    """The saved palette over the default one: the six keys stay, a damaged entry keeps its
    default, so a hand-edited file cannot lose a colour that highlights refer to."""
    saved: dict[str, dict[str, Any]] = {}
    if isinstance(value, list):
        saved = {
            entry["key"]: entry
            for entry in value
            if isinstance(entry, dict) and isinstance(entry.get("key"), str)
        }
    palette = []
    for default in DEFAULT_PALETTE:
        entry = saved.get(default.key, {})
        label = entry.get("label")
        color = entry.get("color")
        palette.append(
            ColorLabel(
                default.key,
                label.strip() if isinstance(label, str) and label.strip() else default.label,
                color if isinstance(color, str) and _HEX.fullmatch(color) else default.color,
            )
        )
    return tuple(palette)


def _from_dict(data: dict[str, Any]) -> Settings:
    known = {f.name for f in fields(Settings)}
    values = {
        k: v for k, v in data.items() if k in known and k not in ("window", "palette", "export")
    }
    for text in ("author", "library"):
        if not isinstance(values.get(text, ""), str):
            values.pop(text)
    settings = Settings(
        **values,
        palette=_palette(data.get("palette")),
        export=_export(data.get("export")),
        window=_window(data.get("window")),
    )
    if settings.theme not in ("system", "light", "dark"):
        settings = replace(settings, theme="system")
    return settings.with_font_size(int(settings.font_size))


class SettingsStore:
    """Loads and saves `Settings` in one JSON file, atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Settings:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except UnicodeDecodeError as exc:
            return self._set_aside(exc)
        except OSError as exc:
            log.warning("cannot read the settings file %s (%s); using defaults", self.path, exc)
            return Settings()
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            return _from_dict(upgrade(data))
        except (ValueError, TypeError, KeyError) as exc:
            return self._set_aside(exc)

    def _set_aside(self, reason: Exception) -> Settings:
        kept = self.path.with_suffix(".damaged.json")
        self.path.replace(kept)
        log.warning("settings file was damaged (%s); kept it as %s", reason, kept)
        return Settings()

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": SETTINGS_VERSION, **asdict(settings)}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2, sort_keys=True)
            Path(tmp).replace(self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
