"""Loading kiosk.toml: validation against the schema, with every problem named by key and line."""

from __future__ import annotations

import difflib
import re
import shlex
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jiangbei_reader.core.kiosk.paths import resolve_config_path
from jiangbei_reader.core.kiosk.pin import SCHEMES, PinHash
from jiangbei_reader.core.kiosk.schema import (
    CONFIG_VERSION,
    DEFAULT_FONT_STEP,
    DEFAULT_THEME,
    HOME_FIRST,
    HOME_NEWEST,
    PIN_KEYS,
    PIN_TABLE,
    SETTINGS,
    Setting,
    Value,
)


def set_pin_command(path: Path) -> str:
    """The exact shell command that sets the admin PIN in this file."""
    return f"jiangbei-reader kiosk set-pin --kiosk-config {shlex.quote(str(path))}"


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong with kiosk.toml: the key (dotted, or "" for the file) and line."""

    key: str
    message: str
    line: int | None = None


class KioskConfigError(Exception):
    """The configuration cannot be used; str() is the full message for the user."""

    def __init__(self, path: Path, problems: list[ConfigProblem], hint: str = "") -> None:
        self.path = path
        self.problems = tuple(problems)
        self.hint = hint
        super().__init__(self.format())

    def format(self) -> str:
        """`file:line: key: message` lines, then the hint."""
        lines = []
        for problem in self.problems:
            where = f"{self.path}:{problem.line}" if problem.line else str(self.path)
            what = f"{problem.key}: " if problem.key else ""
            lines.append(f"{where}: {what}{problem.message}")
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class KioskConfig:
    """A valid kiosk configuration; `pin` is None when no PIN has been set yet."""

    path: Path
    pin: PinHash | None
    article_idle_seconds: int = 120
    browse_idle_seconds: int = 60
    countdown_seconds: int = 30
    home_edition: str = HOME_NEWEST
    home_page: str = HOME_FIRST
    font_step: int = DEFAULT_FONT_STEP
    theme: str = DEFAULT_THEME
    allow_read_aloud: bool = True
    allow_printing: bool = False
    #: Dotted names of settings the file left out (their defaults are in force).
    defaults_used: frozenset[str] = field(default_factory=frozenset)

    def value(self, setting: Setting) -> Value:
        """The value in force for one setting of `SETTINGS`."""
        values: dict[str, Value] = {
            "idle.article_seconds": self.article_idle_seconds,
            "idle.browse_seconds": self.browse_idle_seconds,
            "idle.countdown_seconds": self.countdown_seconds,
            "home.edition": self.home_edition,
            "home.page": self.home_page,
            "display.font_step": self.font_step,
            "display.theme": self.theme,
            "features.allow_read_aloud": self.allow_read_aloud,
            "features.allow_printing": self.allow_printing,
        }
        return values[setting.name]

    def require_pin(self) -> PinHash:
        """The PIN hash; without one kiosk mode must not start, and this says how to fix it."""
        if self.pin is None:
            raise KioskConfigError(
                self.path,
                [ConfigProblem(PIN_TABLE, "no admin PIN is set, so kiosk mode will not start")],
                f"Set one with: {set_pin_command(self.path)}",
            )
        return self.pin


def key_line(text: str, table: str, key: str | None) -> int | None:
    """The 1-based line where `[table]` (or `key` inside it) is written, if found."""
    current = ""
    header = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*\]")
    for number, line in enumerate(text.splitlines(), 1):
        match = header.match(line)
        if match:
            current = match.group(1).strip('"')
            if key is None and current == table:
                return number
            continue
        if key is None:
            continue
        dotted = rf"^\s*{re.escape(table)}\s*\.\s*\"?{re.escape(key)}\"?\s*="
        if current == "" and re.match(dotted, line):
            return number
        if current == table and re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", line):
            return number
    return None


def _type_name(kind: type) -> str:
    return {str: "a string", int: "a whole number", bool: "true or false"}[kind]


def _type_problem(item: Any, kind: type) -> str | None:
    # TOML booleans are Python bools, which are also ints: compare types exactly.
    if type(item) is kind:
        return None
    found = {str: "a string", int: "a whole number", bool: "a boolean", float: "a decimal"}.get(
        type(item), f"a {type(item).__name__}"
    )
    return f"must be {_type_name(kind)}, not {found} ({item!r})"


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _parse_pin(data: Mapping[str, Any], text: str) -> tuple[PinHash | None, list[ConfigProblem]]:
    problems: list[ConfigProblem] = []

    def problem(key: str, message: str) -> None:
        problems.append(
            ConfigProblem(f"{PIN_TABLE}.{key}", message, key_line(text, PIN_TABLE, key))
        )

    if not data:
        return None, []
    scheme = data.get("scheme")
    if scheme not in SCHEMES:
        problem("scheme", f"must be one of {', '.join(SCHEMES)}, not {scheme!r}")
        return None, problems
    needed = PIN_KEYS[scheme]
    for name in data:
        if name != "scheme" and name not in needed:
            problem(name, f"unknown key for {scheme}{_did_you_mean(name, list(needed))}")
    raw: dict[str, Any] = {}
    for name in needed:
        if name not in data:
            problem(name, f"missing; run set-pin again to write a whole [{PIN_TABLE}] table")
            continue
        expected = str if name in ("salt", "hash") else int
        wrong = _type_problem(data[name], expected)
        if wrong:
            problem(name, wrong)
        elif expected is str:
            try:
                raw[name] = bytes.fromhex(data[name])
            except ValueError:
                problem(name, "must be hexadecimal digits")
        else:
            raw[name] = data[name]
    if problems:
        return None, problems
    pin = PinHash(
        scheme,
        raw["salt"],
        raw["hash"],
        n=raw.get("n", 0),
        r=raw.get("r", 0),
        p=raw.get("p", 0),
        iterations=raw.get("iterations", 0),
    )
    for key, message in pin.parameter_problems():
        problem(key, message)
    return (None if problems else pin), problems


def toml_error_problem(exc: tomllib.TOMLDecodeError, text: str | None = None) -> ConfigProblem:
    """A TOML syntax error as a problem at its line (tomllib puts it in the message)."""
    message = str(exc)
    at = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if at is None:
        end = re.search(r"\s*\(at end of document\)", message)
        if end and text is not None:
            line = max(1, len(text.splitlines()))
            return ConfigProblem("", f"not valid TOML: {message[: end.start()]} at the end", line)
        return ConfigProblem("", f"not valid TOML: {message}")
    message = f"{message[: at.start()].strip()} (column {at.group(2)})"
    return ConfigProblem("", f"not valid TOML: {message}", int(at.group(1)))


def parse_config(text: str, path: Path) -> KioskConfig:
    """Validate the text of kiosk.toml; raises `KioskConfigError` listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KioskConfigError(path, [toml_error_problem(exc, text)]) from exc
    problems: list[ConfigProblem] = []
    by_table: dict[str, dict[str, Setting]] = {}
    for setting in SETTINGS:
        by_table.setdefault(setting.table, {})[setting.key] = setting
    version = data.get("version", CONFIG_VERSION)
    if version != CONFIG_VERSION or type(version) is not int:
        problems.append(
            ConfigProblem(
                "version",
                f"must be {CONFIG_VERSION}, not {version!r}",
                key_line(text, "", "version"),
            )
        )
    known_tables = [*by_table, PIN_TABLE, "version"]
    for name, item in data.items():
        if name not in known_tables:
            hint = _did_you_mean(name, known_tables)
            what = "table" if isinstance(item, dict) else "key"
            line = key_line(text, name, None) or key_line(text, "", name)
            problems.append(ConfigProblem(name, f"unknown {what}{hint}", line))
        elif name != "version" and not isinstance(item, dict):
            message = f"must be a table [{name}], not a single value ({item!r})"
            problems.append(ConfigProblem(name, message, key_line(text, "", name)))
    values: dict[str, Value] = {}
    defaults_used: set[str] = set()
    for table, settings in by_table.items():
        section = data.get(table, {})
        if not isinstance(section, dict):
            continue
        for name in section:
            if name not in settings:
                hint = _did_you_mean(name, list(settings))
                problems.append(
                    ConfigProblem(
                        f"{table}.{name}", f"unknown key{hint}", key_line(text, table, name)
                    )
                )
        for setting in settings.values():
            if setting.key not in section:
                values[setting.name] = setting.default
                defaults_used.add(setting.name)
                continue
            item = section[setting.key]
            wrong = _type_problem(item, setting.type) or setting.check(item)
            if wrong:
                line = key_line(text, table, setting.key)
                problems.append(ConfigProblem(setting.name, wrong, line))
            else:
                values[setting.name] = item
    pin_data = data.get(PIN_TABLE, {})
    pin, pin_problems = _parse_pin(pin_data if isinstance(pin_data, dict) else {}, text)
    problems.extend(pin_problems)
    if problems:
        problems.sort(key=lambda problem: problem.line or 0)
        raise KioskConfigError(path, problems)
    return KioskConfig(
        path=path,
        pin=pin,
        article_idle_seconds=int(values["idle.article_seconds"]),
        browse_idle_seconds=int(values["idle.browse_seconds"]),
        countdown_seconds=int(values["idle.countdown_seconds"]),
        home_edition=str(values["home.edition"]),
        home_page=str(values["home.page"]),
        font_step=int(values["display.font_step"]),
        theme=str(values["display.theme"]),
        allow_read_aloud=bool(values["features.allow_read_aloud"]),
        allow_printing=bool(values["features.allow_printing"]),
        defaults_used=frozenset(defaults_used),
    )


def read_config_text(path: Path) -> str:
    """The file's text, or `KioskConfigError` saying why it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise KioskConfigError(
            path,
            [ConfigProblem("", "no such file")],
            f"Create it, with an admin PIN, with: {set_pin_command(path)}",
        ) from exc
    except OSError as exc:
        raise KioskConfigError(
            path, [ConfigProblem("", f"cannot read the file: {exc.strerror or exc}")]
        ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KioskConfigError(
            path, [ConfigProblem("", "not UTF-8 text (save the file as UTF-8)", line)]
        ) from exc


def load_config(path: Path) -> KioskConfig:
    """Read and validate kiosk.toml (the PIN may still be unset)."""
    return parse_config(read_config_text(path), path)


def load_for_kiosk(path: Path) -> KioskConfig:
    """The configuration kiosk mode may start with: valid, and with an admin PIN."""
    config = load_config(path)
    config.require_pin()
    return config


def load_kiosk_start(explicit: Path | None) -> KioskConfig:
    """What `jiangbei-reader --kiosk [--kiosk-config PATH]` starts with, or `KioskConfigError`.

    The file is found by `resolve_config_path` (command line > machine-wide >
    per-user); str() of the error is the whole message to print before exiting.
    """
    return load_for_kiosk(resolve_config_path(explicit).path)
