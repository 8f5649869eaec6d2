"""The dataclasses' methods compiled once (consolidator/dataclass_code.py): a process that reads
the stored code makes the same classes, method for method, as one that compiles them; a damaged
file is compiled again and replaced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from consolidator import dataclass_code

# Every class of the modules a cold `article` or `text` imports, each generated method's code
# (nested code objects compared by their own fields), as JSON on stdout.
PROBE = """
import dataclasses, inspect, json, sys
from consolidator import dataclass_code
if sys.argv[1] == "memo":
    dataclass_code.remember()
import consolidator.cli, consolidator.engine.replay, consolidator.query.snapshot
import consolidator.query.events, consolidator.render.text, consolidator.render.json
from consolidator import dataclass_replay
METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
ORDER = ("__lt__", "__le__", "__gt__", "__ge__")
import re
AT = re.compile(" at 0x[0-9a-f]+")

def r(value):  # a repr without addresses
    return AT.sub("", repr(value))

def code(c):
    consts = [code(k) if inspect.iscode(k) else repr(k) for k in c.co_consts]
    return [c.co_code.hex(), consts, c.co_names, c.co_varnames, c.co_freevars, c.co_cellvars,
            c.co_filename, c.co_name, c.co_qualname, c.co_firstlineno, c.co_flags]

out = {}
for name, module in sorted(sys.modules.items()):
    if not name.startswith("consolidator"):
        continue
    for cls in vars(module).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name:
            for method in METHODS + ORDER:
                given = cls.__dict__.get(method, None)
                f = inspect.unwrap(given or (lambda: 0))
                if getattr(f, "__qualname__", "").startswith(cls.__qualname__ + "."):
                    sig = [code(f.__code__), repr(f.__annotations__), repr(f.__defaults__)]
                    sig += [repr(f.__kwdefaults__), f.__qualname__, given.__qualname__]
                    sig += [r(c.cell_contents) for c in f.__closure__ or ()]
                    out[f"{name}.{cls.__qualname__}.{method}"] = sig
            # what else @dataclass leaves on the class (dataclass_replay.py replays it)
            fields = [
                [f.name, f.type, f._field_type.name, r(f.default), r(f.default_factory),
                 f.init, f.repr, r(f.hash), f.compare, r(f.kw_only), r(f.metadata)]
                for f in cls.__dataclass_fields__.values()
            ]
            out[f"{name}.{cls.__qualname__}"] = [
                list(cls.__dict__), r(cls.__dataclass_params__), fields, cls.__doc__,
                r(cls.__dict__.get("__match_args__")), r(cls.__dict__.get("__hash__")),
                [r(getattr(cls, f[0], "absent")) for f in fields],
                r(getattr(cls, "__abstractmethods__", None)),
            ]
new = dataclass_code._state["new"]
# classes made from the stored recipes (none when one had to be recorded)
replayed = 0 if dataclass_replay._STATE["new"] else len(dataclass_replay._USED)
# each pattern compiled from the stored program is the one `re` compiles (Pattern == compares
# the pattern, the flags and the program)
regex = dataclass_code._RE
same = [
    regex["compile"](p, flags) == regex["compiler"]._sre.compile(p, *dataclass_code._patterns[p, flags])
    for p, flags in sorted(dataclass_code._used_patterns, key=repr)
]
dataclass_code.save()
print(json.dumps({"methods": out, "compiled": new, "patterns": len(same), "same": all(same),
                  "replayed": replayed}))
"""


def _probe(mode: str, folder: Path) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "CONSOLIDATOR_CACHE_DIR": str(folder)}
    env.pop("CONSOLIDATOR_NO_CACHE", None)
    run = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("dataclasses-*.marshal"))


def test_stored_code_makes_the_same_classes_as_compiling(tmp_path: Path) -> None:
    plain = _probe("plain", tmp_path)
    assert _files(tmp_path) == []  # without remember(), nothing is stored
    first = _probe("memo", tmp_path)  # compiles and stores
    (stored,) = _files(tmp_path)
    again = _probe("memo", tmp_path)  # reads the stored code back, compiles nothing
    assert first["compiled"] and not again["compiled"]
    assert len(plain["methods"]) > 300  # the model, the engine, the queries
    assert first["methods"] == plain["methods"] == again["methods"]
    assert again["replayed"] > 60 and not first["replayed"]  # made from the recipes stored
    assert again["patterns"] > 40 and again["same"]  # typography, provenance, dates, stdlib
    assert "consolidator.model.Act.__init__" in plain["methods"]
    assert _files(tmp_path) == [stored]


def test_a_damaged_file_is_compiled_again_and_replaced(tmp_path: Path) -> None:
    plain = _probe("plain", tmp_path)
    _probe("memo", tmp_path)
    (stored,) = _files(tmp_path)
    good = stored.read_bytes()
    for damaged in (good[:-9], good[:40], b"", good[:-1] + bytes([good[-1] ^ 1])):
        stored.write_bytes(damaged)
        again = _probe("memo", tmp_path)
        assert again["compiled"] and again["methods"] == plain["methods"]
        assert stored.read_bytes()[:40] == good[:40]  # written whole again: read back next time
        assert not _probe("memo", tmp_path)["compiled"]


def test_turned_off_by_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CONSOLIDATOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("CONSOLIDATOR_NO_CACHE", "1")
    assert dataclass_code._file() is not None and not dataclass_code._state["installed"]
    dataclass_code.remember()  # in this test process: nothing read, no hook
    assert not dataclass_code._state["installed"]
    assert "exec" not in vars(__import__("dataclasses"))
    monkeypatch.delenv("CONSOLIDATOR_NO_CACHE")
    _probe("memo", tmp_path)
    assert _files(tmp_path) != []  # the same process without the variable stores its code
