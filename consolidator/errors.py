"""One exception family for every problem the library reports to its users."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the corpus: where, how bad, what, and what to do."""

    message: str
    file: str | None = None
    line: int | None = None
    act: str | None = None
    target: str | None = None
    hint: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        parts = [f"{where}: {self.severity}: {self.message}" if where else self.message]
        if self.act:
            parts.append(f"[act {self.act}]")
        if self.target:
            parts.append(f"[target {self.target}]")
        text = " ".join(parts)
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ConsolidatorError(Exception):
    """Root of every error the library raises on bad input."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        act: str | None = None,
        target: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(message, file, line, act, target, hint)

    def __str__(self) -> str:
        return str(self.diagnostic)


class CorpusError(ConsolidatorError):
    """The corpus files are malformed, invalid or inconsistent."""

    def __init__(
        self, message: str, diagnostics: list[Diagnostic] | None = None, **kw: object
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.diagnostics: list[Diagnostic] = diagnostics or [self.diagnostic]

    def __str__(self) -> str:
        if len(self.diagnostics) == 1:
            return str(self.diagnostics[0])
        lines = [f"{len(self.diagnostics)} problems in the corpus:"]
        lines += [str(d) for d in self.diagnostics]
        return "\n".join(lines)


class OperationError(ConsolidatorError):
    """An amendment operation cannot be applied: missing target, guard mismatch, collision."""


class DateRuleError(ConsolidatorError):
    """A date or a date-of-effect rule is impossible or cannot be resolved."""


class QueryError(ConsolidatorError):
    """A user query cannot be answered: unknown article, date out of range."""


class RenderError(ConsolidatorError):
    """Output cannot be produced (missing renderer dependency, unwritable path)."""


class OutputError(ConsolidatorError):
    """An output file or folder cannot be written (the earlier output is left intact)."""
