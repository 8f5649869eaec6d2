"""The one XML parser configuration of every reader of corpus, schema and draft files."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from lxml import etree


def parser() -> etree.XMLParser:
    """No comments (they are notes for curators, not text), no entity expansion, no network."""
    return etree.XMLParser(
        remove_comments=True, resolve_entities=False, no_network=True, huge_tree=False
    )


def parse_xml(source: str | Path | IO[bytes]) -> etree._ElementTree:
    """Parse an XML file (path or binary file object); raises XMLSyntaxError or OSError."""
    if isinstance(source, Path):
        source = str(source)
    return etree.parse(source, parser())
