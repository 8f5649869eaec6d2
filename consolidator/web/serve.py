"""Run the application with uvicorn."""

from __future__ import annotations

from pathlib import Path


def serve(corpus: Path | None, host: str, port: int) -> None:
    """Build the index once, then serve until interrupted."""
    import uvicorn

    from consolidator.web.app import create_app

    uvicorn.run(create_app(corpus), host=host, port=port, log_level="warning")
