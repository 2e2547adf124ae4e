"""Writing kiosk.toml: a commented default file, and a new [pin] table that keeps the rest."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jiangbei_reader.core.kiosk import tomlwrite
from jiangbei_reader.core.kiosk.config import (
    ConfigProblem,
    KioskConfigError,
    read_config_text,
    toml_error_problem,
)
from jiangbei_reader.core.kiosk.pin import PinHash
from jiangbei_reader.core.kiosk.schema import CONFIG_VERSION, PIN_KEYS, PIN_TABLE, SETTINGS

#: New files: readable by their owner only. The hash is salted, but a 4-digit PIN
#: is still a small space to try offline, so nobody else should read it.
NEW_FILE_MODE = 0o600

_HEADER = """\
江北报阅读器 · 图书馆触屏模式 (kiosk mode) configuration.
Check it with:  jiangbei-reader kiosk check-config
Change the PIN: jiangbei-reader kiosk set-pin   (never write a PIN here by hand)"""

_PIN_COMMENT = "管理员 PIN: a salted hash written by `jiangbei-reader kiosk set-pin`."
_PIN_HEADER = re.compile(r"^\s*\[\s*(pin|\"pin\")\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")
_ENTRY = re.compile(r"^\s*[^#\s]")


def pin_entries(pin: PinHash) -> dict[str, tomlwrite.Scalar]:
    """The [pin] table's keys for a hash, in the order they are written."""
    entries: dict[str, tomlwrite.Scalar] = {"scheme": pin.scheme}
    for name in PIN_KEYS[pin.scheme]:
        if name == "salt":
            entries[name] = pin.salt.hex()
        elif name == "hash":
            entries[name] = pin.digest.hex()
        else:
            entries[name] = int(getattr(pin, name))
    return entries


def pin_table_lines(pin: PinHash) -> list[str]:
    """`[pin]` and its entries, with no comment (comments above it are the user's)."""
    return tomlwrite.table(PIN_TABLE, pin_entries(pin))


def default_config_text(pin: PinHash | None) -> str:
    """A complete kiosk.toml with every setting at its default, each explained."""
    lines = [*tomlwrite.comment_lines(_HEADER), ""]
    lines.append(f"version = {CONFIG_VERSION}")
    table = ""
    for setting in SETTINGS:
        if setting.table != table:
            table = setting.table
            lines.extend(["", f"[{table}]"])
        lines.extend(tomlwrite.comment_lines(setting.description))
        lines.append(f"{tomlwrite.key(setting.key)} = {tomlwrite.value(setting.default)}")
    if pin is not None:
        lines.extend(["", *tomlwrite.comment_lines(_PIN_COMMENT), *pin_table_lines(pin)])
    return "\n".join(lines) + "\n"


def replace_pin_table(text: str, pin: PinHash) -> str:
    """The text with its [pin] table replaced (or appended); every other line unchanged.

    The old table runs from its header to its last entry; comments and blank
    lines after that entry belong to what follows and stay.
    """
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _PIN_HEADER.match(line)), None)
    new_table = pin_table_lines(pin)
    if start is None:
        tail = ["", *tomlwrite.comment_lines(_PIN_COMMENT)] if lines else []
        return "\n".join([*lines, *tail, *new_table]) + "\n"
    end = start + 1
    last_entry = start
    while end < len(lines) and not _ANY_HEADER.match(lines[end]):
        if _ENTRY.match(lines[end]):
            last_entry = end
        end += 1
    return "\n".join([*lines[:start], *new_table, *lines[last_entry + 1 :]]) + "\n"


def _check_rewrite(path: Path, old: dict[str, Any], new_text: str, pin: PinHash) -> None:
    # The text edit is line-based; make sure it changed the PIN and nothing else
    # (a PIN written as `pin = { … }` or `pin.hash = …` is not a [pin] table).
    expected = {k: v for k, v in old.items() if k != PIN_TABLE} | {PIN_TABLE: pin_entries(pin)}
    try:
        new = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        new = None
    if new != expected:
        raise KioskConfigError(
            path,
            [
                ConfigProblem(
                    PIN_TABLE,
                    "the PIN is not written as a [pin] table this command can replace; "
                    "delete the pin entries from the file and run set-pin again",
                )
            ],
            "Nothing was written.",
        )


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What `write_pin` did."""

    path: Path
    created: bool


def write_pin(path: Path, pin: PinHash) -> WriteResult:
    """Store a PIN hash in kiosk.toml, creating the file with defaults when absent.

    An existing file keeps every other line, its owner and group, and its mode
    minus any access for others. A file that is not valid TOML is left alone.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, default_config_text(pin), NEW_FILE_MODE, None)
        return WriteResult(path, created=True)
    text = read_config_text(path)
    try:
        old = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KioskConfigError(
            path, [toml_error_problem(exc, text)], "Fix it first; nothing was written."
        ) from exc
    new_text = replace_pin_table(text, pin)
    _check_rewrite(path, old, new_text, pin)
    info = path.stat()
    mode = (stat.S_IMODE(info.st_mode) | stat.S_IRUSR | stat.S_IWUSR) & ~0o007
    atomic_write(path, new_text, mode, (info.st_uid, info.st_gid))
    return WriteResult(path, created=False)


def atomic_write(path: Path, text: str, mode: int, owner: tuple[int, int] | None) -> None:
    """Write through a temporary file in the same folder, so a crash never leaves half a file."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            # Restrict before writing a byte of the hash.
            os.chmod(temp, mode)
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if owner is not None and hasattr(os, "chown"):
            try:
                os.chown(temp, *owner)
            except PermissionError:
                pass  # Not root: the file stays ours, as it was if we could replace it.
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
