"""Where the package's data lies: the one place that looks up the corpus, the sources and the templates.

In the repository they are top-level folders (corpus/, templates/); an installed wheel carries the
same folders inside the package, as consolidator/_data/ (the package-dir mapping of setup.py).
The shipped copy wins when it exists, so an installed package never reads a stray checkout.
"""

from __future__ import annotations

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
