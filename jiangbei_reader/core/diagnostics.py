"""Problems found in edition files, reported as `file:line:col: severity: message`."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.IntEnum):
    """How bad a problem is; only errors make `check` fail."""

    NOTE = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """The word printed in a diagnostic line."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at a place in a file (1-based line and column; 0 = whole file)."""

    path: Path | None
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """The compiler-style line editors and IDEs understand."""
        where = str(self.path) if self.path is not None else "<text>"
        return (
            f"{where}:{self.line}:{self.col}: {self.severity.label}: {self.message} [{self.code}]"
        )


def has_errors(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)
