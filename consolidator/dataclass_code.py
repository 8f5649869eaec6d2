"""The methods that `@dataclass` writes, compiled once and kept in the cache folder.

When a dataclass is created, Python 3.11 writes the source of its `__init__`, `__repr__`,
`__eq__`, `__hash__`, `__setattr__` and `__delattr__` and compiles it: ~400 functions for the
model, the engine and the queries, a fifth of the CPU time of a cold `consolidator article`.
`remember()`, called by the `consolidator` program before it imports the library, gives the
`dataclasses` module an `exec` that compiles each source text once: the code objects are read from
the cache folder (`dataclasses-<python>.marshal`, checksummed; each one unmarshalled when first
asked for, dataclass_replay.Marshalled) and the new ones written back when the command ends
(`save()`).

A source text is its own key (by its SHA-256): a class whose fields change writes another text,
compiled afresh. The code of a text is the code `exec` compiles for it (no inherited `__future__`
flags, file name `<string>`), so the classes are the same classes. A file that is missing,
corrupt or of another Python is ignored and replaced. CONSOLIDATOR_NO_CACHE=1 turns it off.

The same file keeps the regular expressions' compiled programs: the ~70 patterns the modules of a
cold query compile at import (typography, provenance, dates; the standard library's own) cost as
much to compile as the query's own work. `re` parses each pattern and turns it into a program of
integers that `_sre.compile` makes the pattern object from; the program is kept, keyed by the
pattern's text and flags, and handed to `_sre.compile` the next time: the same pattern object.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import sys
import zlib
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import Any

from consolidator import dataclass_replay
from consolidator.dataclass_replay import Marshalled
from consolidator.resources import cache_dir, cache_enabled

MAGIC = b"consolidator-dataclasses 3\n"  # 2: with dataclass_replay's recipes; 3: each marshalled
FORMAT = 3  # in the file's name too: a package of another format keeps its own file
DIGEST = 4  # bytes of the payload's CRC-32, after MAGIC
KEEP = 4096  # code objects (patterns) kept in the file: beyond, only the last command's

_codes: Marshalled = Marshalled()  # CodeType by key, unmarshalled when first asked for
_used: set[bytes] = set()
_state = {"new": False, "installed": False}
# (pattern, flags) -> the arguments of `_sre.compile` after the pattern: flags, program, groups
_patterns: Marshalled = Marshalled()  # (pattern, flags) -> the arguments, as `_codes`
_used_patterns: set[tuple[str | bytes, int]] = set()
_recipes: dict[Any, bytes] = {}  # dataclass_replay's recipes, as read from the file


def _file() -> Path | None:
    folder = cache_dir()
    tag = f"{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}"
    return None if folder is None else folder / f"dataclasses-{FORMAT}-{tag}.marshal"


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """`exec` for the dataclasses module: a source text is compiled once."""
    if type(source) is str:
        key = _key(source)
        code = _codes.get(key)
        if code is None:
            code = _codes[key] = compile(source, "<string>", "exec", dont_inherit=True)
            _state["new"] = True
        _used.add(key)
        source = code
    exec(source, globals, locals)


def _key(source: str) -> bytes:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).digest()


def remember() -> None:
    """Compile the dataclasses' methods once: read the stored code, and hook `dataclasses`."""
    path = _file()
    if _state["installed"] or path is None or not cache_enabled():
        return
    try:
        data = path.read_bytes()
        head, payload = len(MAGIC) + DIGEST, memoryview(data)[len(MAGIC) + DIGEST :]
        if data[: len(MAGIC)] == MAGIC and data[len(MAGIC) : head] == _checksum(payload):
            parts = codes, patterns, recipes = marshal.loads(payload)  # values: bytes
            if all(type(p) is dict and all(type(v) is bytes for v in p.values()) for p in parts):
                _codes.update(codes)
                _patterns.update(patterns)
                _recipes.update(recipes)
    except (OSError, ValueError, EOFError, TypeError):  # absent or damaged: compiled again
        pass
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # found before the builtin
    dataclass_replay.install(_recipes, _codes, _used)
    dataclass_replay._STATE["key"] = _key
    _hook_regex()
    _state["installed"] = True


def _hook_regex() -> None:
    """`re` compiles through `_compile_regex` (when this Python's `re` is made as expected)."""
    import re  # noqa: F401  (re._compiler with it)

    compiler: Any = sys.modules.get("re._compiler")
    needed = ("compile", "_code", "_parser", "_sre", "SRE_FLAG_DEBUG")
    if compiler is not None and all(hasattr(compiler, n) for n in needed) and not _RE:
        _RE["compiler"], _RE["compile"] = compiler, compiler.compile
        compiler.compile = _compile_regex


_RE: dict[str, Any] = {}  # re._compiler and its own compile, once hooked


def _compile_regex(p: Any, flags: int = 0) -> Any:
    """`re._compiler.compile`, its program read from the file when this pattern was compiled
    before: the same steps (parse, program, groups), then the same `_sre.compile` call."""
    _compiler = _RE["compiler"]
    if type(p) not in (str, bytes) or flags & _compiler.SRE_FLAG_DEBUG:
        return _RE["compile"](p, flags)
    key = (p, flags)
    found = _patterns.get(key)
    if found is None:
        parsed = _compiler._parser.parse(p, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]  # its opcodes: int subclasses
        groupindex = parsed.state.groupdict
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        groups = parsed.state.groups - 1
        found = (flags | parsed.state.flags, code, groups, dict(groupindex), tuple(indexgroup))
        _patterns[key] = found
        _state["new"] = True
    _used_patterns.add(key)
    return _compiler._sre.compile(p, *found)


def _checksum(payload: bytes | memoryview) -> bytes:
    """The payload's CRC-32 (damage, not tampering: as engine/cache.py's files)."""
    return zlib.crc32(payload).to_bytes(DIGEST, "big")


def save() -> None:
    """Write the code compiled by this command beside the stored one (only when there is some)."""
    path = _file()
    if not (_state["new"] or dataclass_replay._STATE["new"]) or path is None or not cache_enabled():
        return
    from consolidator.errors import OutputError
    from consolidator.output import write_file_atomic

    codes = _codes.dumped(None if len(_codes) <= KEEP else _used)
    patterns = _patterns.dumped(None if len(_patterns) <= KEEP else _used_patterns)
    try:
        payload = marshal.dumps((codes, patterns, dataclass_replay.recipes(KEEP)))
    except ValueError:  # a value marshal cannot write: nothing is stored
        return
    try:
        write_file_atomic(path, MAGIC + _checksum(payload) + payload)
    except OutputError:  # a cache that cannot be written only costs the compilation
        return
    _state["new"] = dataclass_replay._STATE["new"] = False
