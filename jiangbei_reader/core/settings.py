"""Reader preferences: a typed schema, validated on load, stored atomically as versioned JSON.

The schema is :class:`Preferences` with each field's default, and :data:`ABOUT`
with each field's description and valid range or choices. A value that fails
validation is reported and replaced by its default; a file that cannot be read
at all is kept aside as ``settings.json.bad`` and the reader starts with defaults.
Window geometry and splitter state are not here: they are Qt's (QSettings).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from jiangbei_reader.core.user_dirs import user_config_path
from jiangbei_reader.core.value import Value, set_field

log = logging.getLogger(__name__)

APP_NAME = "jiangbei-reader"
SETTINGS_FILE = "settings.json"
#: Version of the file layout; bump it and add a migration when a key changes meaning.
VERSION = 1


class Preferences(Value):
    """Everything the reader remembers between runs, with its default.

    To add a preference, add a field here with its default in ``__init__`` and
    its description and valid values in :data:`ABOUT`: loading, validation and
    saving follow from the schema.
    """

    __slots__ = (
        "elder_mode",
        "font_step",
        "last_article",
        "last_position",
        "serif",
        "speech_rate",
        "theme",
        "whole_story",
    )
    last_article: str
    last_position: int
    whole_story: bool
    font_step: int
    elder_mode: bool
    theme: str
    serif: bool
    speech_rate: int

    def __init__(
        self,
        last_article: str = "",
        last_position: int = 0,
        whole_story: bool = True,
        font_step: int = 100,
        elder_mode: bool = False,
        theme: str = "light",
        serif: bool = False,
        speech_rate: int = 0,
    ) -> None:
        set_field(self, "last_article", last_article)
        set_field(self, "last_position", last_position)
        set_field(self, "whole_story", whole_story)
        set_field(self, "font_step", font_step)
        set_field(self, "elder_mode", elder_mode)
        set_field(self, "theme", theme)
        set_field(self, "serif", serif)
        set_field(self, "speech_rate", speech_rate)


class About(NamedTuple):
    """What a preference means and which values it takes."""

    description: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()


#: The schema's other half: each :class:`Preferences` field's description and range.
ABOUT: dict[str, About] = {
    "last_article": About("最后阅读的文章（文章编号）"),
    "last_position": About("最后阅读的位置（文中第几个字）", minimum=0, maximum=10_000_000),
    "whole_story": About("全文连读：跨版文章连成一篇显示"),
    "font_step": About("字号档位（标准字号的百分之几）", minimum=100, maximum=300),
    "elder_mode": About("长辈版：大字、高对比、大按钮"),
    "theme": About("普通版的配色：日间或夜间", choices=("light", "dark")),
    "serif": About("正文用宋体（否则用黑体）"),
    "speech_rate": About("朗读语速（-5 慢 … 5 快）", minimum=-5, maximum=5),
}


class Option(NamedTuple):
    """One entry of the schema, read from a :class:`Preferences` field."""

    name: str
    type: type
    default: object
    description: str
    minimum: int | None
    maximum: int | None
    choices: tuple[str, ...]

    def check(self, value: object) -> str | None:
        """Why ``value`` is not valid for this option, or ``None`` when it is."""
        # bool is an int in Python; a settings file saying `"font_step": true` is wrong.
        if type(value) is not self.type:
            return f"expected {self.type.__name__}, got {type(value).__name__}"
        if isinstance(value, int) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                return f"{value} is below the minimum {self.minimum}"
            if self.maximum is not None and value > self.maximum:
                return f"{value} is above the maximum {self.maximum}"
        if self.choices and value not in self.choices:
            return f"{value!r} is not one of {', '.join(self.choices)}"
        return None


def schema() -> tuple[Option, ...]:
    """Every preference with its type, default, description and valid range."""
    defaults = Preferences()
    return tuple(
        Option(name, type(getattr(defaults, name)), getattr(defaults, name), *ABOUT[name])
        for name in Preferences.fields
    )


def _from_v0(data: dict[str, Any]) -> dict[str, Any]:
    # Format 0 is a bare object of preferences, as someone writes by hand:
    # {"font_step": 2}. "zoom" is the name people reach for first.
    data = dict(data)
    if "zoom" in data and "font_step" not in data:
        data["font_step"] = data.pop("zoom")
    return data


#: Migration from format N to N + 1, applied in order.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _from_v0}


class LoadResult(NamedTuple):
    """Preferences read from a file and the problems found (each already logged)."""

    preferences: Preferences
    problems: tuple[str, ...] = ()


def default_config_dir() -> Path:
    """The user's config folder for the reader (XDG on Linux, AppData on Windows)."""
    return user_config_path()


def validate(values: Mapping[str, Any], where: str = "settings") -> LoadResult:
    """Preferences from a mapping; unknown keys and invalid values are reported, not fatal."""
    problems: list[str] = []
    accepted: dict[str, Any] = {}
    options = {option.name: option for option in schema()}
    for key, value in values.items():
        option = options.get(key)
        if option is None:
            problems.append(f"{where}: unknown setting {key!r} ignored")
            continue
        reason = option.check(value)
        if reason is not None:
            problems.append(f"{where}: {key}: {reason}; using the default {option.default!r}")
            continue
        accepted[key] = value
    return LoadResult(Preferences(**accepted), tuple(problems))


def _looks_like_preferences(data: Mapping[str, Any]) -> bool:
    known = {option.name for option in schema()} | {"zoom"}
    return bool(data) and any(key in known for key in data)


class SettingsStore:
    """Reads and writes the preferences file in a config folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_config_dir()
        self.path = self.folder / SETTINGS_FILE

    def load(self) -> LoadResult:
        """The stored preferences, defaults when there are none; never raises."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LoadResult(Preferences())
        except (OSError, UnicodeDecodeError) as exc:
            return self._unreadable(f"cannot be read ({exc})")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._unreadable(f"is not JSON (line {exc.lineno}, column {exc.colno})")
        if not isinstance(data, dict):
            return self._unreadable("is not a settings file (no JSON object)")
        version = data.get("version")
        values = data.get("preferences")
        if version is None and values is None and _looks_like_preferences(data):
            version, values = 0, data
        if type(version) is not int or not isinstance(values, dict):
            return self._unreadable("is not a settings file of this reader")
        if version > VERSION:
            return self._unreadable(f"was written by a newer version (format {version})")
        for step in range(version, VERSION):
            migrate = MIGRATIONS.get(step)
            if migrate is None:
                return self._unreadable(f"has format {version}, which cannot be migrated")
            values = migrate(values)
        result = validate(values, str(self.path))
        for problem in result.problems:
            log.warning("%s", problem)
        return result

    def save(self, preferences: Preferences) -> bool:
        """Write atomically (temporary file, then rename); ``False`` and a log line on failure."""
        data = {"version": VERSION, "preferences": preferences.as_dict()}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".settings-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.error("%s: cannot save the settings: %s", self.path, exc)
            return False
        return True

    def _unreadable(self, reason: str) -> LoadResult:
        problem = f"{self.path}: {reason}; using the default settings"
        kept = self.path.with_name(self.path.name + ".bad")
        try:
            os.replace(self.path, kept)
        except OSError as exc:
            problem += f" (could not keep the file aside: {exc})"
        else:
            problem += f"; the old file is kept as {kept}"
        log.warning("%s", problem)
        return LoadResult(Preferences(), (problem,))
