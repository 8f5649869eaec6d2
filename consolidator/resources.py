"""Where the package's data lies: the one place that looks up the corpus, the sources, the
templates and the cache folder.

In the repository they are top-level folders (corpus/, templates/); an installed wheel carries the
same folders inside the package, as consolidator/_data/ (the package-dir mapping of setup.py).
The shipped copy wins when it exists, so an installed package never reads a stray checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SHIPPED = PACKAGE / "_data"  # present in an installed wheel only
CHECKOUT = PACKAGE.parent  # the repository root, for a source checkout or an editable install


def data_folder(name: str) -> Path:
    """The folder `name` (corpus, templates) of the installed wheel, else of the repository."""
    shipped = SHIPPED / name
    return shipped if shipped.is_dir() else CHECKOUT / name


CORPUS = data_folder("corpus")
DEFAULT_CORPUS = CORPUS / "idcc-2128"  # the embedded IDCC 2128 corpus
CORPUS_ENV = "CONSOLIDATOR_CORPUS"  # overrides the embedded corpus folder when set
SOURCES = CORPUS / "sources"  # the seeds; never edited
SEED_004 = SOURCES / "004_cb251bc3192fed7a.txt"  # the Legifrance export that `audit` reads
TEMPLATES = data_folder("templates")

CACHE_DIR_ENV = "CONSOLIDATOR_CACHE_DIR"
CACHE_OFF_ENV = "CONSOLIDATOR_NO_CACHE"


def cache_enabled() -> bool:
    """False when CONSOLIDATOR_NO_CACHE says so (`1`, `yes`, `true`): nothing is read from or
    written to the cache folder."""
    return os.environ.get(CACHE_OFF_ENV, "").strip().lower() in ("", "0", "no", "false")


def cache_dir() -> Path | None:
    """The cache folder (the stored index, engine/cache.py; the dataclasses' compiled code,
    dataclass_code.py): `$CONSOLIDATOR_CACHE_DIR`, else `$XDG_CACHE_HOME/consolidator`, else
    `~/.cache/consolidator`; None when there is none (no home folder to put it in)."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "consolidator"
    try:
        return Path.home() / ".cache" / "consolidator"
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None
