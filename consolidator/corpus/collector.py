"""The diagnostics gathered while a corpus is read: every problem at once, then one error."""

from __future__ import annotations

from pathlib import Path

from consolidator.errors import Diagnostic


class Collector:
    """Collects diagnostics while the corpus is read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[Diagnostic] = []

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def add(
        self, message: str, file: str | None = None, line: int | None = None, **kw: str | None
    ) -> None:
        self.items.append(Diagnostic(message, file, line, **kw))  # type: ignore[arg-type]
