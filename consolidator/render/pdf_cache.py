"""The PDFs laid out before, kept in the cache folder under a hash of everything their bytes
depend on, so that a build whose print document did not change does not lay it out again.

A PDF of the whole convention costs about 35 s of CPU (WeasyPrint's layout and drawing); its
bytes are a function of the print document (`PrintContext`: the HTML of the texts, of the
contents, the stylesheet), of the templates and of the code that lays it out, of the libraries
that lay it out (WeasyPrint and the Python packages it requires, and the native text stack it
loads: Pango, HarfBuzz, fontconfig, FreeType…) and of the fonts installed (fontconfig may pick
another font, or a font file may change). The key hashes all of these (`pdf_key`), so a PDF read
back is the one that would be laid out: never stale. When one of them cannot be known (no
`fc-list`, no /proc/self/maps), the PDF is laid out each time and nothing is stored.

The cache is the one of the version index (engine/cache.py `stored`: checksummed files written
atomically, the least recently used removed, off with CONSOLIDATOR_NO_CACHE=1). A new folder
built from the same corpus, the same date and the same code, a change of the site's templates or
a change of an act that is not in force on the build's date, reuse the PDFs.
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from consolidator.render.pdf import PrintContext
from consolidator.render.pdf_layout import ContentsPages, sized_contents

Layout = Callable[..., bytes]  # render/pdf_layout.py layout_pdf(context, contents_pages=None)

log = logging.getLogger(__name__)

# the native libraries of WeasyPrint's text stack, as mapped in the process once it is loaded
NATIVE = re.compile(
    r"/lib(pango|harfbuzz|fontconfig|freetype|fribidi|thai|datrie|graphite2|glib|gobject"
    r"|gio|png|brotli|z|expat|pcre2|ffi)[^/]*\.so[^/]*$"
)


def _stat_line(path: str) -> str:
    st = os.stat(path)
    return f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n"


def font_files() -> bytes | None:
    """Every font file fontconfig knows, with its size and time of change (None: not known)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        done = subprocess.run(
            [fc_list, "--format", "%{file}\\n"], capture_output=True, check=True, timeout=30
        )
        files = sorted(set(done.stdout.decode("utf-8", "surrogateescape").splitlines()))
        return "".join(_stat_line(f) for f in files if f).encode("utf-8", "surrogateescape")
    except (OSError, subprocess.SubprocessError):
        return None


def libraries() -> bytes | None:
    """The versions of WeasyPrint and of the Python packages it requires, and the native
    libraries it loaded, with their sizes and times of change (None: not known)."""
    from consolidator.render.pdf import weasyprint_html

    weasyprint_html()  # loads Pango, HarfBuzz, fontconfig…
    names = ["weasyprint"]
    for requirement in importlib.metadata.requires("weasyprint") or []:
        if "extra ==" not in requirement:
            names.append(re.split(r"[ ;<>=!~\[(]", requirement, maxsplit=1)[0])
    try:
        versions = "".join(f"{n}\0{importlib.metadata.version(n)}\n" for n in sorted(names))
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="surrogateescape")
        native = sorted(
            {line.split(None, 5)[-1] for line in maps.splitlines() if NATIVE.search(line)}
        )
        if not native:
            return None
        return (versions + "".join(_stat_line(path) for path in native)).encode(
            "utf-8", "surrogateescape"
        )
    except (OSError, importlib.metadata.PackageNotFoundError):
        return None


def _depends(context: PrintContext, templates: Path | None) -> dict[str, bytes] | None:
    """Everything the PDF of `context` depends on, by name; None when it cannot be known."""
    from consolidator.render.site_inputs import code_digest

    fonts, libs = font_files(), libraries()
    if fonts is None or libs is None:
        return None
    return {
        "body": context.html("body").encode("utf-8"),
        "contents": sized_contents(context).encode("utf-8"),  # as laid out to be counted
        "templates": code_digest(templates).encode("ascii"),
        "libraries": libs,
        "fonts": fonts,
    }


def pdf_key(context: PrintContext, templates: Path | None) -> str | None:
    """The hash of everything the PDF of `context` depends on; None when it cannot be known."""
    from consolidator.engine import cache

    files = _depends(context, templates)
    return None if files is None else cache.files_key("pdf", files)


def contents_pages(files: dict[str, bytes]) -> ContentsPages:
    """The number of pages of the contents sized with « 888 » (render/pdf_layout.py), read from the
    cache folder when the same contents were laid out before with the same fonts and libraries:
    a function of these alone, so a PDF whose texts changed and whose contents did not (or a PDF
    laid out again after its own cache file was removed) skips that layout."""
    from consolidator.engine import cache

    def remembered(sized: str, count: Callable[[], int]) -> int:
        needed = dict(files, contents=sized.encode("utf-8"))
        del needed["body"]
        pages = cache.stored("pdf_contents", cache.files_key("pdf_contents", needed), count)
        return pages if isinstance(pages, int) else count()

    return remembered


def cached_pdf(context: PrintContext, templates: Path | None, layout: Layout) -> bytes:
    """`layout(context)`, read from the cache folder when the same PDF was laid out before."""
    from consolidator.engine import cache

    if not cache.enabled():
        return layout(context)
    files = _depends(context, templates)
    if files is None:
        log.info("PDF not cached: the fonts or libraries it depends on are not known")
        return layout(context)
    data = cache.stored(
        "pdf", cache.files_key("pdf", files), lambda: layout(context, contents_pages(files))
    )
    if isinstance(data, bytes) and data.startswith(b"%PDF"):
        return data
    return layout(context)  # pragma: no cover - a file of this key holds something else
