"""`jiangbei-reader kiosk set-pin|show-config|check-config`: set up a library kiosk."""

from __future__ import annotations

import argparse
import getpass
import os
import stat
import sys
from pathlib import Path
from typing import TextIO

from jiangbei_reader.core.kiosk.config import (
    KioskConfig,
    KioskConfigError,
    load_config,
    set_pin_command,
)
from jiangbei_reader.core.kiosk.paths import ConfigLocation, resolve_config_path
from jiangbei_reader.core.kiosk.pin import PinFormatError, check_pin_format, hash_pin
from jiangbei_reader.core.kiosk.schema import SETTINGS
from jiangbei_reader.core.kiosk.store import write_pin
from jiangbei_reader.core.kiosk.tomlwrite import value as toml_value


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kiosk-config",
        type=Path,
        metavar="PATH",
        help="kiosk.toml to use (default: /etc/jiangbei-reader/kiosk.toml if it exists, "
        "else the per-user config folder)",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Sub-commands of `kiosk`."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    set_pin = sub.add_parser(
        "set-pin",
        help="设置管理员 PIN (set the admin PIN)",
        description="Ask for the admin PIN twice and store its salted hash in kiosk.toml "
        "(created with defaults when absent). When standard input is not a terminal, "
        "read the PIN from its first two lines, for provisioning scripts.",
    )
    _add_config_option(set_pin)
    show = sub.add_parser("show-config", help="显示设置 (print the configuration in force)")
    _add_config_option(show)
    check = sub.add_parser(
        "check-config", help="检查设置 (exit 0 only if kiosk mode can start with it)"
    )
    _add_config_option(check)


def _read_pin_twice(stdin: TextIO) -> tuple[str, str]:
    if stdin.isatty():
        first = getpass.getpass("New admin PIN (4-12 digits) / 新 PIN: ")
        second = getpass.getpass("Repeat the PIN / 再输一次: ")
        return first, second
    lines = stdin.read().splitlines()
    if len(lines) < 2:
        raise ValueError("expected the PIN twice on standard input, one per line")
    return lines[0], lines[1]


def _set_pin(location: ConfigLocation) -> int:
    try:
        first, second = _read_pin_twice(sys.stdin)
    except (EOFError, KeyboardInterrupt):
        print("\nset-pin: cancelled; nothing was written", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"set-pin: {exc}; nothing was written", file=sys.stderr)
        return 1
    if first != second:
        print("set-pin: the two PINs differ; nothing was written", file=sys.stderr)
        return 1
    try:
        check_pin_format(first)
    except PinFormatError as exc:
        print(f"set-pin: {exc}; nothing was written", file=sys.stderr)
        return 1
    try:
        result = write_pin(location.path, hash_pin(first))
    except KioskConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{location.path}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    verb = "created with defaults and the PIN" if result.created else "PIN changed"
    print(f"{location.path}: {verb}")
    _warn_about(location, sys.stderr)
    try:
        load_config(location.path)
    except KioskConfigError as exc:
        print(f"warning: the file still has problems:\n{exc}", file=sys.stderr)
    return 0


def _warn_about(location: ConfigLocation, stream: TextIO) -> None:
    for path in location.shadowed:
        print(f"note: {path} exists but is not used ({location.origin} wins)", file=stream)
    try:
        mode = stat.S_IMODE(os.stat(location.path).st_mode)
    except OSError:
        return
    if os.name == "posix" and mode & 0o007:
        print(
            f"warning: {location.path} is readable by every user (mode {mode:o}); "
            f"run: chmod o-rwx {location.path}",
            file=stream,
        )


def format_config(config: KioskConfig, location: ConfigLocation) -> list[str]:
    """The effective configuration as `key = value` lines; the PIN only as set / not set."""
    lines = [f"# {config.path} ({location.origin})"]
    for setting in SETTINGS:
        shown = config.value(setting)
        text = toml_value(shown)
        default = "   # default" if setting.name in config.defaults_used else ""
        lines.append(f"{setting.name} = {text}{default}")
    if config.pin is None:
        lines.append(
            f"pin = not set   # kiosk mode will not start; run: {set_pin_command(config.path)}"
        )
    else:
        pin = config.pin
        params = f"n={pin.n} r={pin.r} p={pin.p}" if pin.n else f"iterations={pin.iterations}"
        lines.append(f"pin = set ({pin.scheme}, {params})")
    return lines


def run(args: argparse.Namespace) -> int:
    """Run one kiosk action; exit status 0 on success, 1 on any problem."""
    location = resolve_config_path(args.kiosk_config)
    if args.action == "set-pin":
        return _set_pin(location)
    try:
        config = load_config(location.path)
    except KioskConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.action == "show-config":
        print("\n".join(format_config(config, location)))
        _warn_about(location, sys.stderr)
        return 0
    _warn_about(location, sys.stdout)
    try:
        config.require_pin()
    except KioskConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{config.path}: ok, kiosk mode can start")
    return 0
