"""Preferences schema: defaults, validation, atomic saving, corrupt and foreign files."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from jiangbei_reader.core.settings import (
    ABOUT,
    VERSION,
    Preferences,
    SettingsStore,
    default_config_dir,
    schema,
    validate,
)


def test_schema_lists_every_preference_with_type_default_and_description() -> None:
    options = {o.name: o for o in schema()}
    assert options["whole_story"].type is bool
    assert options["whole_story"].default is True
    assert options["last_position"].minimum == 0
    assert all(o.description for o in options.values())


def test_every_preference_is_described_and_nothing_else() -> None:
    # A field added without its ABOUT entry (or an entry left for a removed field).
    assert list(ABOUT) == list(Preferences.fields)
    assert [o.name for o in schema()] == list(Preferences.fields)
    assert schema()[Preferences.fields.index("theme")].choices == ("light", "dark")


def test_missing_file_gives_defaults_without_problems(tmp_path: Path) -> None:
    result = SettingsStore(tmp_path).load()
    assert result.preferences == Preferences()
    assert result.problems == ()


def test_saved_preferences_load_back(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "new")
    prefs = Preferences(last_article="2030-01-02/3/kai-pian", last_position=250, whole_story=False)
    assert store.save(prefs)
    assert SettingsStore(tmp_path / "new").load().preferences == prefs
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["version"] == VERSION
    assert list(tmp_path.joinpath("new").iterdir()) == [store.path]  # no temporary file left


def test_invalid_value_is_reported_and_replaced_by_its_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text(
        json.dumps(
            {
                "version": VERSION,
                "preferences": {"whole_story": "yes", "last_position": -5, "last_article": "x/1/y"},
            }
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        result = store.load()
    assert result.preferences == Preferences(last_article="x/1/y")
    assert len(result.problems) == 2
    assert any("whole_story" in p and "expected bool" in p for p in result.problems)
    assert "last_position" in caplog.text


def test_bool_is_not_accepted_for_an_int() -> None:
    result = validate({"last_position": True})
    assert result.preferences.last_position == 0
    assert result.problems


def test_unknown_key_is_reported_and_ignored() -> None:
    result = validate({"colour_of_sky": "blue", "whole_story": False})
    assert result.preferences == Preferences(whole_story=False)
    assert any("colour_of_sky" in p for p in result.problems)


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[1, 2, 3]",
        b'{"version": 1}',
        b'{"window": {"x": 1}}',
        b'{"version": 99, "preferences": {}}',
        b"\xff\xfe\x00garbage",
        b"",
    ],
    ids=["broken", "list", "no-preferences", "foreign", "newer", "binary", "empty"],
)
def test_unreadable_file_falls_back_to_defaults_and_is_kept_aside(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        result = store.load()
    assert result.preferences == Preferences()
    assert result.problems and str(store.path) in result.problems[0]
    assert (tmp_path / "settings.json.bad").read_bytes() == content
    assert not store.path.exists()
    assert "using the default settings" in caplog.text


def test_format_0_bare_object_is_migrated(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text('{"whole_story": false, "last_article": "a/1/b"}', encoding="utf-8")
    result = store.load()
    assert result.preferences == Preferences(last_article="a/1/b", whole_story=False)
    assert result.problems == ()


def test_save_failure_is_reported_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    store = SettingsStore(blocker / "sub")  # a folder inside a file cannot be made
    with caplog.at_level(logging.ERROR):
        assert store.save(Preferences()) is False
    assert "cannot save the settings" in caplog.text


def test_default_config_dir_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_config_dir() == tmp_path / "jiangbei-reader"
