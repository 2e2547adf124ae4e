"""Problems found in edition files, reported as `file:line:col: severity: message`."""

from __future__ import annotations

import enum
from pathlib import Path

from jiangbei_reader.core.value import Value, set_field


class Severity(enum.IntEnum):
    """How bad a problem is; only errors make `check` fail."""

    NOTE = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """The word printed in a diagnostic line."""
        return self.name.lower()


class Diagnostic(Value):
    """One problem at a place in a file (1-based line and column; 0 = whole file)."""

    __slots__ = ("code", "col", "line", "message", "path", "severity")
    path: Path | None
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def __init__(
        self, path: Path | None, line: int, col: int, severity: Severity, code: str, message: str
    ) -> None:
        set_field(self, "path", path)
        set_field(self, "line", line)
        set_field(self, "col", col)
        set_field(self, "severity", severity)
        set_field(self, "code", code)
        set_field(self, "message", message)

    def format(self) -> str:
        """The compiler-style line editors and IDEs understand."""
        where = str(self.path) if self.path is not None else "<text>"
        return (
            f"{where}:{self.line}:{self.col}: {self.severity.label}: {self.message} [{self.code}]"
        )


def has_errors(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)
