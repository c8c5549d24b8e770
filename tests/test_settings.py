"""Typed, versioned settings: what a person chose survives restarts, upgrades and damage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader import settings as settings_module
from reader.settings import (
    MAX_FONT_SIZE,
    MAX_REMEMBERED_POSITIONS,
    MIN_FONT_SIZE,
    Settings,
    SettingsStore,
    WindowState,
)


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "config" / "settings.json")


def test_defaults_when_there_is_no_file(store: SettingsStore) -> None:
    loaded = store.load()
    assert loaded == Settings()
    assert loaded.theme == "system"
    assert MIN_FONT_SIZE <= loaded.font_size <= MAX_FONT_SIZE
    assert loaded.window == WindowState()
    assert not store.path.exists()  # loading alone writes nothing


def test_save_and_load_round_trip(store: SettingsStore) -> None:
    chosen = Settings(
        theme="dark",
        font_size=21,
        font_family="DejaVu Serif",
        line_width_em=40,
        window=WindowState(
            geometry="AAEC",
            splitter="AAAA/w==",
            open_article="uuid-1",
            reading_positions={"uuid-1": 0.5, "uuid-2": 0.125},
        ),
    )
    store.save(chosen)
    assert SettingsStore(store.path).load() == chosen
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["version"] == settings_module.SETTINGS_VERSION
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temp left


@pytest.mark.parametrize(
    ("asked", "got"),
    [(1, MIN_FONT_SIZE), (MIN_FONT_SIZE, MIN_FONT_SIZE), (20, 20), (500, MAX_FONT_SIZE)],
)
def test_font_size_is_clamped(asked: int, got: int) -> None:
    assert Settings().with_font_size(asked).font_size == got


def test_font_size_from_a_hand_edited_file_is_clamped(store: SettingsStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"version": 1, "font_size": 99, "theme": "neon"}))
    loaded = store.load()
    assert loaded.font_size == MAX_FONT_SIZE
    assert loaded.theme == "system"


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[1, 2, 3]",
        '{"version": 1, "font_size": "huge"}',
        '{"version": 99}',
        b"\xff\xfe\x00garbage",
    ],
    ids=["syntax", "not-object", "bad-value", "newer-version", "not-utf8"],
)
def test_damaged_file_is_set_aside_and_defaults_used(
    store: SettingsStore, content: str | bytes
) -> None:
    store.path.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        store.path.write_bytes(content)
    else:
        store.path.write_text(content, encoding="utf-8")
    original = store.path.read_bytes()
    assert store.load() == Settings()
    kept = store.path.with_name("settings.damaged.json")
    assert kept.read_bytes() == original
    assert not store.path.exists()


def test_damaged_window_section_does_not_lose_the_other_settings(store: SettingsStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        json.dumps(
            {
                "version": 1,
                "theme": "dark",
                "window": {
                    "geometry": 5,
                    "open_article": ["x"],
                    "reading_positions": {"a": 0.25, "b": "half", "c": 7, "d": None},
                },
            }
        )
    )
    loaded = store.load()
    assert loaded.theme == "dark"
    assert loaded.window.geometry == ""
    assert loaded.window.open_article is None
    assert loaded.window.reading_positions == {"a": 0.25, "c": 1.0}


def test_window_that_is_not_an_object(store: SettingsStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"version": 1, "theme": "light", "window": 5}))
    loaded = store.load()
    assert loaded.theme == "light"
    assert loaded.window == WindowState()


def test_upgrade_steps_are_applied_in_order(
    store: SettingsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rename_dark_mode(data: dict[str, Any]) -> dict[str, Any]:
        data["theme"] = "dark" if data.pop("dark_mode", False) else "light"
        return data

    def points_to_pixels(data: dict[str, Any]) -> dict[str, Any]:
        data["font_size"] = round(data.pop("font_points") * 4 / 3)
        return data

    monkeypatch.setattr(settings_module, "SETTINGS_VERSION", 3)
    monkeypatch.setattr(settings_module, "UPGRADES", {1: rename_dark_mode, 2: points_to_pixels})
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"version": 1, "dark_mode": True, "font_points": 15}))

    loaded = store.load()
    assert loaded.theme == "dark"
    assert loaded.font_size == 20

    store.save(loaded)
    assert json.loads(store.path.read_text())["version"] == 3


def test_a_file_already_at_the_current_version_is_not_upgraded(
    store: SettingsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_run(data: dict[str, Any]) -> dict[str, Any]:
        raise AssertionError("upgrade step ran on a current file")

    monkeypatch.setattr(settings_module, "SETTINGS_VERSION", 2)
    monkeypatch.setattr(settings_module, "UPGRADES", {1: must_not_run})
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"version": 2, "theme": "dark"}))
    assert store.load().theme == "dark"


def test_reading_positions_are_clamped_and_bounded() -> None:
    settings = Settings()
    settings = settings.with_reading_position("a", -0.5).with_reading_position("b", 1.7)
    assert settings.window.reading_positions == {"a": 0.0, "b": 1.0}
    for i in range(MAX_REMEMBERED_POSITIONS + 10):
        settings = settings.with_reading_position(f"u{i}", 0.5)
    positions = settings.window.reading_positions
    assert len(positions) == MAX_REMEMBERED_POSITIONS
    assert "a" not in positions  # the oldest are forgotten first
    assert f"u{MAX_REMEMBERED_POSITIONS + 9}" in positions


def test_revisiting_an_article_keeps_its_position_remembered() -> None:
    settings = Settings().with_reading_position("old", 0.3)
    for i in range(MAX_REMEMBERED_POSITIONS - 1):
        settings = settings.with_reading_position(f"u{i}", 0.5)
    settings = settings.with_reading_position("old", 0.4)  # read again: now the newest
    settings = settings.with_reading_position("new", 0.1)
    assert settings.window.reading_positions["old"] == 0.4
    assert "u0" not in settings.window.reading_positions


def test_too_many_positions_in_a_file_are_bounded(store: SettingsStore) -> None:
    positions = {f"u{i}": 0.5 for i in range(MAX_REMEMBERED_POSITIONS + 50)}
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"version": 1, "window": {"reading_positions": positions}}))
    loaded = store.load().window.reading_positions
    assert len(loaded) == MAX_REMEMBERED_POSITIONS
    assert "u0" not in loaded and f"u{MAX_REMEMBERED_POSITIONS + 49}" in loaded
