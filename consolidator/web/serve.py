"""Run the application with uvicorn."""

from __future__ import annotations

import threading
from pathlib import Path


def serve(corpus: Path | None, host: str, port: int) -> None:
    """Build the index once, then serve until interrupted.

    The history page's per-date counts (one changelog per change date, a few seconds) are
    computed in the background from the start, so that its first reader does not wait; so is a
    first known-at index (?connu=), whose replay code (networkx) is otherwise loaded by the first
    reader who asks for one (~0.6 s).
    """
    import uvicorn

    from consolidator.web import views
    from consolidator.web.app import create_app

    app = create_app(corpus, freeze=True)
    threading.Thread(target=views.warm, args=(app.state.served,), daemon=True).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
