"""The methods that `@dataclass` writes, compiled once and kept in the cache folder.

When a dataclass is created, Python 3.11 writes the source of its `__init__`, `__repr__`,
`__eq__`, `__hash__`, `__setattr__` and `__delattr__` and compiles it: ~400 functions for the
model, the engine and the queries, a fifth of the CPU time of a cold `consolidator article`.
`remember()`, called by the `consolidator` program before it imports the library, gives the
`dataclasses` module an `exec` that compiles each source text once: the code objects are read from
the cache folder (`dataclasses-<python>.marshal`, checksummed) and the new ones written back when
the command ends (`save()`).

A source text is its own key (by its SHA-256): a class whose fields change writes another text,
compiled afresh. The code of a text is the code `exec` compiles for it (no inherited `__future__`
flags, file name `<string>`), so the classes are the same classes. A file that is missing,
corrupt or of another Python is ignored and replaced. CONSOLIDATOR_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import sys
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

from consolidator.resources import cache_dir, cache_enabled

MAGIC = b"consolidator-dataclasses\n"
KEEP = 4096  # code objects kept in the file: beyond, only those of the last command that compiled

_codes: dict[bytes, CodeType] = {}
_used: set[bytes] = set()
_state = {"new": False, "installed": False}


def _file() -> Path | None:
    folder = cache_dir()
    tag = f"{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}"
    return None if folder is None else folder / f"dataclasses-{tag}.marshal"


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """`exec` for the dataclasses module: a source text is compiled once."""
    if type(source) is str:
        key = hashlib.sha256(source.encode("utf-8", "surrogatepass")).digest()
        code = _codes.get(key)
        if code is None:
            code = _codes[key] = compile(source, "<string>", "exec", dont_inherit=True)
            _state["new"] = True
        _used.add(key)
        source = code
    exec(source, globals, locals)


def remember() -> None:
    """Compile the dataclasses' methods once: read the stored code, and hook `dataclasses`."""
    path = _file()
    if _state["installed"] or path is None or not cache_enabled():
        return
    try:
        data = path.read_bytes()
        head = len(MAGIC) + 32
        if data[: len(MAGIC)] == MAGIC and data[len(MAGIC) : head] == _checksum(data[head:]):
            codes = marshal.loads(data[head:])
            if isinstance(codes, dict):
                _codes.update(codes)
    except (OSError, ValueError, EOFError, TypeError):  # absent or damaged: compiled again
        pass
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # found before the builtin
    _state["installed"] = True


def _checksum(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest()


def save() -> None:
    """Write the code compiled by this command beside the stored one (only when there is some)."""
    path = _file()
    if not _state["new"] or path is None or not cache_enabled():
        return
    from consolidator.errors import OutputError
    from consolidator.output import write_file_atomic

    codes = _codes if len(_codes) <= KEEP else {k: _codes[k] for k in _used}
    payload = marshal.dumps(codes)
    try:
        write_file_atomic(path, MAGIC + _checksum(payload) + payload)
    except OutputError:  # a cache that cannot be written only costs the compilation
        return
    _state["new"] = False
