"""Command line entry: `jiangbei-reader [COMMAND] ...`; no command starts the reader window."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol, cast


class Command(Protocol):
    """What a command module provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Declare the command's arguments."""

    def run(self, args: argparse.Namespace) -> int:
        """Run the command and return the exit status."""


#: Command name -> (module, one-line help). Modules are imported only when used,
#: so `jiangbei-reader check` never loads Qt.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("jiangbei_reader.core.check", "检查版面文件 (validate edition files)"),
    "search": ("jiangbei_reader.core.search.command", "全文检索 (search the editions)"),
    "index": ("jiangbei_reader.core.search.command_index", "建立检索索引 (build the index)"),
    "import": ("jiangbei_reader.core.importer.command", "导入版面原文 (raw text to edition)"),
    "kiosk": ("jiangbei_reader.kiosk_command", "图书馆触屏模式设置 (kiosk set-up)"),
}


def _command_parser(name: str) -> tuple[argparse.ArgumentParser, Command]:
    module_name, help_text = COMMANDS[name]
    module = cast(Command, importlib.import_module(module_name))
    parser = argparse.ArgumentParser(prog=f"jiangbei-reader {name}", description=help_text)
    module.add_arguments(parser)
    return parser, module


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command, or the reader window when no command is given."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        parser, module = _command_parser(args[0])
        # A command may parse its own way (search: "-江北" is a query word, not an option).
        parse = getattr(module, "parse_args", None)
        try:
            return module.run(parse(parser, args[1:]) if parse else parser.parse_args(args[1:]))
        except BrokenPipeError:
            # `jiangbei-reader check | head`: the reader of our output left; that is fine.
            sys.stderr.close()
            return 0
    if args and args[0] in ("-h", "--help"):
        print("usage: jiangbei-reader [--editions DIR] [--kiosk] [COMMAND ...]\n")
        print("Without a command, opens the reader window. Commands:")
        for name, (_, help_text) in COMMANDS.items():
            print(f"  {name:<8} {help_text}")
        print("\nWindow options: jiangbei-reader --help-window")
        return 0
    from jiangbei_reader.startup_gc import pause_collector

    pause_collector()  # until the first article is painted: see startup_gc.py
    from jiangbei_reader.app import main as app_main

    return int(app_main(args))


if __name__ == "__main__":  # `python -m jiangbei_reader.cli ...`
    sys.exit(main())
