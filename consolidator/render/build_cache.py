"""The templates' compiled code kept between builds in the cache folder.

A build renders its parts in forked workers (render/site_build.py); each worker compiled every
template it rendered, about 0.2 s of CPU per process on every build. jinja2's bytecode cache keeps
the compiled code in the cache folder: the parent process loads every template from it before the
fork, and the workers inherit them.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

KEEP_TEMPLATE_CODE = 8  # versions of the package whose compiled templates are kept


def template_cache() -> Any:
    """The templates' compiled code kept in the cache folder (jinja2's bytecode cache: each file
    checked against its template's source and Python's version; written atomically), under the
    hash of the package's code, which sets the environment's options. None when the cache is
    off or cannot be written. The workers of a build then load the templates instead of each
    compiling them again."""
    from jinja2 import FileSystemBytecodeCache

    from consolidator.engine import cache
    from consolidator.resources import cache_dir

    folder = cache_dir()
    if folder is None or not cache.enabled():
        return None
    digest = cache.code_digest().hex()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _prune_templates(folder, digest)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder), f"jinja-{digest}-%s.cache")


def _prune_templates(folder: Path, digest: str) -> None:
    """Keep the compiled templates of the most recent versions of the code, this one included."""
    latest: dict[str, float] = {digest: float("inf")}
    for path in folder.glob("jinja-*.cache"):
        code = path.name.split("-")[1]
        with contextlib.suppress(OSError):
            latest[code] = max(latest.get(code, 0.0), path.stat().st_mtime)
    for code in sorted(latest, key=latest.__getitem__, reverse=True)[KEEP_TEMPLATE_CODE:]:
        for path in folder.glob(f"jinja-{code}-*.cache"):
            path.unlink(missing_ok=True)


def preload_templates(env: Any) -> None:
    """Every template loaded once, before the workers are forked (from the bytecode cache)."""
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        env.get_template(name)
