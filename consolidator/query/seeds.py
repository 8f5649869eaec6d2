"""The seeds and the public metadata file, read once per process (for provenance)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from consolidator.resources import SOURCES

METADATA = "kali-2128-metadata.json"

EMBEDDED = SOURCES  # the project's own seeds (repository or installed wheel)


def sources_folder(root: str) -> Path:
    """The seeds beside the corpus, else the project's own (a test corpus reuses them)."""
    folder = Path(root) / ".." / "sources"
    return folder if (folder / METADATA).exists() else EMBEDDED


@cache
def metadata_titles(root: str) -> dict[str, list[str]]:
    path = sources_folder(root) / METADATA
    if not path.exists():
        return {}
    out: dict[str, list[str]] = {}
    for text in json.loads(path.read_text(encoding="utf-8")).get("texts", []):
        out.setdefault(text.get("signed") or "", []).append(text.get("title", ""))
    return out


@cache
def metadata(root: str) -> dict[str, list[str]]:
    """Each arrêté date of the metadata file with its JO dates (several when two share a day)."""
    path = sources_folder(root) / METADATA
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        a["date"]: [d for d in [a.get("jo_published"), *a.get("jo_published_also", [])] if d]
        for a in data.get("arretes", [])
    }


@cache
def seed_text(root: str, name: str = "004") -> str:
    found = sorted(sources_folder(root).glob(f"{name}_*.txt"))
    return found[0].read_text(encoding="utf-8") if found else ""


@cache
def seed_lines(root: str, name: str) -> list[str]:
    return seed_text(root, name).split("\n")
