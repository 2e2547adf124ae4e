"""Where kiosk.toml is: the command line, else the machine-wide file, else the user's file.

The machine-wide file wins over the user's when both exist: on a library
machine the administrator writes it as root, the kiosk account can only read
it, and a forgotten test file in the kiosk account's home must not override it.
A single-user set-up without root access uses the per-user file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "jiangbei-reader"
FILE_NAME = "kiosk.toml"


class Origin:
    """Where a configuration path came from (for messages and show-config)."""

    COMMAND_LINE = "--kiosk-config"
    SYSTEM = "machine-wide"
    USER = "per-user"


def user_config_file() -> Path:
    """The per-user file, e.g. ~/.config/jiangbei-reader/kiosk.toml."""
    return platformdirs.user_config_path(APP_NAME) / FILE_NAME


def system_config_file() -> Path:
    r"""The machine-wide file: /etc/jiangbei-reader/kiosk.toml on Linux and BSD.

    platformdirs' site directory is /etc/xdg/… on Linux, which is meant for
    desktop defaults; an administrator looks in /etc/<app>/ first. Windows uses
    C:\ProgramData\jiangbei-reader, macOS /Library/Application Support.
    """
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return Path("/etc") / APP_NAME / FILE_NAME
    return platformdirs.site_config_path(APP_NAME) / FILE_NAME


@dataclass(frozen=True, slots=True)
class ConfigLocation:
    """The file to use, where the choice came from, and files it overrides."""

    path: Path
    origin: str
    #: Existing files of lower precedence that are ignored.
    shadowed: tuple[Path, ...] = ()


def resolve_config_path(
    explicit: Path | None,
    *,
    system: Path | None = None,
    user: Path | None = None,
) -> ConfigLocation:
    """Pick kiosk.toml: `--kiosk-config` > machine-wide (if it exists) > per-user."""
    system_file = system if system is not None else system_config_file()
    user_file = user if user is not None else user_config_file()
    if explicit is not None:
        others = tuple(p for p in (system_file, user_file) if p.is_file() and p != explicit)
        return ConfigLocation(explicit, Origin.COMMAND_LINE, others)
    if system_file.is_file():
        shadowed = (user_file,) if user_file.is_file() else ()
        return ConfigLocation(system_file, Origin.SYSTEM, shadowed)
    return ConfigLocation(user_file, Origin.USER)
