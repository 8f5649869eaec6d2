"""The MANIFEST of a built site and what the next build reads back from it (render/site_build.py):
for each part, the hash of its inputs, the hash of each of its files and its pieces
(render/site_pieces.py); and the word redlines the feeds computed (`REDLINES`, for the same code).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from consolidator.render.site_inputs import SiteInputs

MANIFEST = ".consolidator-build.json"
REDLINES = ".consolidator-redlines.json"


def recorded_parts(folder: Path | None) -> dict[str, Any]:
    """The parts recorded in the MANIFEST of the build in `folder` (none if it has none)."""
    if folder is None:
        return {}
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["parts"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def file_sha(data: bytes) -> str:
    """A file's hash as the MANIFEST records it."""
    return hashlib.sha256(data).hexdigest()


def reusable(
    folder: Path | None,
    inputs: SiteInputs,
    parts: Iterable[str],
    recorded: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The parts of the build in `folder` whose inputs are unchanged, read back from its files
    (a part whose files are missing or altered is rendered again)."""
    if folder is None:
        return {}
    if recorded is None:
        recorded = recorded_parts(folder)
    out: dict[str, Any] = {}
    for part in parts:
        entry = recorded.get(part)
        if not isinstance(entry, dict) or entry.get("inputs") != inputs.of(part):
            continue
        try:
            files = {name: (folder / name).read_bytes() for name in entry["files"]}
        except (OSError, TypeError, KeyError):
            continue
        if all(file_sha(data) == entry["files"][name] for name, data in files.items()):
            out[part] = files
    return out


def manifest(
    inputs: SiteInputs,
    rendered: dict[str, dict[str, bytes]],
    pieces: dict[str, dict[str, Any]],
) -> bytes:
    parts: dict[str, Any] = {
        part: {
            "inputs": inputs.of(part),
            "files": {n: file_sha(d) for n, d in sorted(files.items())},
        }
        for part, files in sorted(rendered.items())
    }
    for part, made in pieces.items():
        if made and part in parts:
            parts[part]["pieces"] = made
    return (json.dumps({"version": 1, "parts": parts}, indent=0, sort_keys=True) + "\n").encode()


def stored_redlines(folder: Path | None, code: str) -> dict[str, Any]:
    """The redlines kept by the build in `folder` with the same code (else none)."""
    if folder is None:
        return {}
    try:
        stored = json.loads((folder / REDLINES).read_text(encoding="utf-8"))
        if stored["version"] != 1 or stored["code"] != code:
            return {}
        return {
            str(key): tuple((int(op), str(text)) for op, text in redline)
            for key, redline in stored["redlines"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def redlines_file(redlines: dict[str, Any], code: str) -> bytes:
    out = {"version": 1, "code": code, "redlines": redlines}
    return (
        json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    ).encode()
