"""The one XML parser configuration for every reader of corpus files (acts, arrêtés, drafts).

What it refuses, each with the file and the line (see SECURITY.md):

- files larger than MAX_XML_BYTES, and compressed files (gzip, bzip2, xz, zstd, zip), whatever
  their name: the bytes are read by Python and handed to libxml2 from memory, so libxml2 never
  opens, inflates or fetches anything itself;
- any DOCTYPE: the corpus format has no DTD, so an entity declaration, an external DTD or an
  internal subset can only change the text behind the reader's back;
- any entity reference other than the five XML ones and character references (``&#233;``),
  which the parser resolves; network access, DTD loading and XInclude are never enabled.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from consolidator.errors import CorpusError

MAX_XML_BYTES = 16 * 1024 * 1024  # the largest corpus file is ~110 KiB
MAGIC = {
    b"\x1f\x8b": "gzip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"PK\x03\x04": "zip",
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def read_input(path: str | Path, limit: int = MAX_XML_BYTES, what: str = "file") -> bytes:
    """The bytes of an input file, refused when too large or compressed (CorpusError)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except IsADirectoryError:
        raise CorpusError(f"{what} {path} is a folder, not a file", file=str(path)) from None
    except OSError as exc:
        raise CorpusError(f"cannot read {what}: {exc.strerror or exc}", file=str(path)) from None
    if len(data) > limit:
        raise CorpusError(
            f"{what} larger than {limit // (1024 * 1024)} MiB: refused",
            file=str(path),
            hint="corpus and source files are plain text of a few hundred KiB",
        )
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            raise CorpusError(
                f"{what} is {kind}-compressed: compressed input is refused",
                file=str(path),
                line=1,
                hint="decompress it yourself and check what it contains",
            )
    return data


def _line_of(data: bytes, needle: bytes) -> int | None:
    at = data.find(needle)
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


def parse_xml(
    path: str | Path, name: str | None = None, data: bytes | None = None
) -> etree._ElementTree:
    """Parse one corpus XML file; raise CorpusError (file, line, what, what to do) on any refusal.
    `data`: the file's bytes, when the caller has read them already (`read_input`).

    `name` is how the file is named in messages (default: the path as given).
    """
    path = Path(path)
    shown = name or str(path)
    try:
        data = read_input(path) if data is None else data
    except CorpusError as exc:
        raise CorpusError(
            exc.diagnostic.message, file=shown, line=exc.diagnostic.line, hint=exc.diagnostic.hint
        ) from None
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser(), base_url=None))
    except etree.XMLSyntaxError as exc:
        raise CorpusError(
            f"malformed XML: {exc.msg}",
            file=shown,
            line=exc.lineno or None,
            hint="fix the XML syntax (unclosed element, bad entity, stray '&' or '<', bad encoding)",
        ) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise CorpusError(
            "DOCTYPE refused: the corpus format has no DTD, and entities could silently change the text",
            file=shown,
            line=_line_of(data, b"<!DOCTYPE"),
            hint="remove the <!DOCTYPE ...> declaration and write the text out in full",
        )
    for node in tree.iter(etree.Entity):
        raise CorpusError(
            f"entity reference {node.text} refused: only &amp; &lt; &gt; &quot; &apos; and &#...; are allowed",
            file=shown,
            line=node.sourceline,
            hint="write the text out in full",
        )
    return tree


def schema_bytes() -> bytes:
    """The corpus format's RelaxNG schema, as packaged (`corpus/schema/corpus.rng`)."""
    return resources.files("consolidator.corpus.schema").joinpath("corpus.rng").read_bytes()


@cache
def relaxng() -> etree.RelaxNG:
    """The compiled schema every corpus file is validated against."""
    return etree.RelaxNG(etree.fromstring(schema_bytes()))
