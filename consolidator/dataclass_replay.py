"""`@dataclass` replayed: what it did to a class the last time, done again without working it out.

`dataclasses._process_class` reads a class's annotations and defaults and writes the source of
its methods, line by line, in Python: ~0.2 ms a class, 15-20 ms for the ~70 classes a cold query
creates, even with the methods' code compiled once (dataclass_code.py). Here each class's
processing is recorded once (`Recipe`: each generated function's name, arguments, body and the
names of its closure's values; which attributes it set), keyed by everything that processing
reads: the class's module and name, the decorator's arguments, each annotation (its text and
whether it names ClassVar, InitVar or KW_ONLY in the module), each default's kind (none, a value,
a `field()` with its flags), the fields and frozenness of the dataclass bases, whether the class
defines `__post_init__`, a docstring, `__hash__`, `__eq__` and the methods dataclasses would not
overwrite. Replaying sets the same attributes, in the same order, to functions made by
`dataclasses._create_fn` from the same text with the same values: the same class. A class whose
processing reads something else (slots, KW_ONLY, a generated docstring, an annotation that is
not a string, a value that is not one of those named) is processed as usual, never replayed.
Python 3.11's dataclasses only; any other version is left alone.
"""

from __future__ import annotations

import abc
import dataclasses as dc
import marshal
import re
import sys
import types
from typing import Any

Recipe = tuple[Any, ...]


class Marshalled(dict[Any, Any]):
    """A dict whose values read from a file stay marshal's bytes until first asked for: a command
    uses a few of the thousands of values the file keeps (unmarshalling them all cost ~10 ms of
    each command). None of its values is bytes once unmarshalled (code, tuple)."""

    def __getitem__(self, key: Any) -> Any:
        value = dict.__getitem__(self, key)
        if type(value) is bytes:
            value = marshal.loads(value)
            dict.__setitem__(self, key, value)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401 (self.get: this method)

    def dumped(self, keys: set[Any] | None = None) -> dict[Any, bytes]:
        """Each value (of `keys` only, when given) as marshal's bytes, for the file."""
        chosen = dict.keys(self) if keys is None else keys
        return {
            k: v if type(v := dict.__getitem__(self, k)) is bytes else marshal.dumps(v)
            for k in chosen
        }


_RECIPES: Marshalled = Marshalled()  # Recipe by key
_USED: set[tuple[Any, ...]] = set()
_STATE: dict[str, Any] = {"new": False, "process": None, "codes": {}, "used": set()}
# the attributes dataclasses sets only when the class does not define them, in its order
_METHODS = ("__init__", "__repr__", "__eq__", "__lt__", "__le__", "__gt__", "__ge__")
_SET = (*_METHODS, "__setattr__", "__delattr__", "__hash__", "__match_args__")
_NEEDED = [
    "_process_class",
    "_create_fn",
    "_recursive_repr",
    "_set_qualname",
    "_FIELD",
    "_FIELD_CLASSVAR",
    "_FIELD_INITVAR",
    "_DataclassParams",
    "_PARAMS",
    "_FIELDS",
    "_HAS_DEFAULT_FACTORY",
    "_MODULE_IDENTIFIER_RE",
    "FrozenInstanceError",
    "Field",
    "MISSING",
    "KW_ONLY",
    "InitVar",
    "field",
]
_IDENT: re.Pattern[str] | None = None


def install(recipes: dict[Any, Any], codes: dict[bytes, Any], used: set[bytes]) -> None:
    """Replay the recorded classes from now on (Python 3.11's dataclasses only). `codes`: the
    compiled `__create_fn__` of each method's text by its key (dataclass_code.py), `used` the
    keys this process uses."""
    global _IDENT
    if sys.version_info[:2] != (3, 11) or not all(hasattr(dc, n) for n in _NEEDED):
        return
    if _STATE["process"] is not None:
        return
    _RECIPES.update(recipes)
    _STATE["codes"], _STATE["used"] = codes, used
    _IDENT = dc._MODULE_IDENTIFIER_RE  # type: ignore[attr-defined]
    _STATE["process"] = dc._process_class  # type: ignore[attr-defined]
    dc._process_class = _process_class  # type: ignore[attr-defined]


def recipes(keep: int) -> dict[Any, bytes]:
    """The recipes to store (marshalled): all, or only those used by this process beyond `keep`."""
    return _RECIPES.dumped(None if len(_RECIPES) <= keep else _USED)


def _process_class(cls: type, *args: Any) -> type:
    key = _key(cls, args)
    if key is None:
        return _STATE["process"](cls, *args)  # type: ignore[no-any-return]
    recipe = _RECIPES.get(key)
    codes = _STATE["codes"]
    if recipe is None or not all(f[0] in codes for f in recipe[0]):  # a method's code is gone
        recipe = _record(cls, args)
        if recipe is None:
            return cls
        _RECIPES[key] = recipe
        _STATE["new"] = True
    else:
        _replay(cls, args, key[3], recipe)
    _USED.add(key)
    return cls


def _field_kind(cls: type, annotation: str, ns: dict[str, Any]) -> int | None:
    """0 a field, 1 ClassVar, 2 InitVar (dataclasses._is_type's reading); None for KW_ONLY."""
    typing = sys.modules["typing"]
    assert _IDENT is not None
    match = _IDENT.match(annotation)
    if not match:
        return 0
    module, name = match.group(1), match.group(2)
    value: Any = ns.get(name)
    in_dataclasses = not module or ns.get(module) is dc
    if in_dataclasses and value is dc.KW_ONLY:
        return None
    if (not module or ns.get(module) is typing) and (
        value is typing.ClassVar
        or (type(value) is typing._GenericAlias and value.__origin__ is typing.ClassVar)  # type: ignore[attr-defined]
    ):
        return 1
    if in_dataclasses and (value is dc.InitVar or type(value) is dc.InitVar):
        return 2
    return 0


def _default_kind(default: Any) -> tuple[Any, ...] | None:
    missing = dc.MISSING
    if default is missing or isinstance(default, types.MemberDescriptorType):
        return ("-",)
    if isinstance(default, dc.Field):
        if type(default.default).__hash__ is None:  # a mutable default: refused
            return None
        kw = None if default.kw_only is missing else default.kw_only  # type: ignore[attr-defined]
        return (
            "F",
            default.default is missing,
            default.default_factory is missing,
            default.init,
            default.repr,
            default.hash,
            default.compare,
            kw,
        )
    if type(default).__hash__ is None:  # a mutable default: dataclasses refuses it
        return None
    return ("V",)


def _base_fields(cls: type) -> tuple[Any, ...] | None:
    out = []
    for base in cls.__mro__[-1:0:-1]:
        fields = getattr(base, "__dataclass_fields__", None)
        if fields is None:
            continue
        specs: list[tuple[Any, ...]] = []
        for f in fields.values():
            if type(f.type) is not str:
                return None
            kw = None if f.kw_only is dc.MISSING else f.kw_only
            flags = (f.init, f.repr, f.hash, f.compare, kw)
            specs.append((f.name, f.type, f._field_type.name, *flags))  # type: ignore[attr-defined]
            specs.append((f.default is dc.MISSING, f.default_factory is dc.MISSING))
        out.append((base.__dataclass_params__.frozen, tuple(specs)))  # type: ignore[attr-defined]
    return tuple(out)


def _key(cls: type, args: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """Everything `_process_class` reads from the class and its module; None: not replayed."""
    module = sys.modules.get(cls.__module__)
    if module is None or "typing" not in sys.modules or args[8] or args[9]:  # slots
        return None
    ns = module.__dict__
    own = cls.__dict__
    annotations = own.get("__annotations__", {})  # as dataclasses reads them
    fields = []
    for name, annotation in annotations.items():
        if type(annotation) is not str:
            return None
        kind = _field_kind(cls, annotation, ns)
        default = _default_kind(getattr(cls, name, dc.MISSING))
        if kind is None or default is None:
            return None
        fields.append((name, annotation, kind, default))
    if not cls.__doc__ or any(
        isinstance(v, dc.Field) and n not in annotations for n, v in own.items()
    ):
        return None
    bases = _base_fields(cls)
    if bases is None:
        return None
    hashed = own.get("__hash__", dc.MISSING)
    hash_kind = "-" if hashed is dc.MISSING else ("N" if hashed is None else "X")
    present = tuple(n in own for n in _SET)
    post_init = hasattr(cls, "__post_init__")
    return (
        cls.__module__,
        cls.__qualname__,
        args,
        tuple(fields),
        bases,
        hash_kind,
        post_init,
        present,
    )


def _record(cls: type, args: tuple[Any, ...]) -> Recipe | None:
    """Process `cls` as usual, and say how to do it again (None when it cannot be said)."""
    calls: list[tuple[Any, ...]] = []
    made: list[Any] = []
    create = dc._create_fn  # type: ignore[attr-defined]

    texts: list[Any] = []
    run = getattr(dc, "exec", None)  # dataclass_code's hook, when installed

    def recording(name: str, args: Any, body: Any, **kw: Any) -> Any:
        values = dict(kw.get("locals") or {})
        calls.append((kw.get("return_type", dc.MISSING), values))
        made.append(create(name, args, body, **kw))
        return made[-1]

    def reading(source: Any, *rest: Any) -> None:  # the text `_create_fn` runs
        texts.append(source)
        (run or exec)(source, *rest)

    own = cls.__dict__
    before = {n: own.get(n, dc.MISSING) for n in _SET}
    dc._create_fn, dc.exec = recording, reading  # type: ignore[attr-defined]
    try:
        _STATE["process"](cls, *args)
    finally:
        dc._create_fn = create  # type: ignore[attr-defined]
        if run is None:
            del dc.exec  # type: ignore[attr-defined]
        else:
            dc.exec = run  # type: ignore[attr-defined]
    fields = own["__dataclass_fields__"]
    functions = []
    if len(texts) != len(calls):
        return None
    for (returns, values), text in zip(calls, texts, strict=True):
        spec = _locals_spec(cls, fields, values)
        code = _STATE["key"](text) if type(text) is str and "key" in _STATE else None
        if spec is None or returns not in (dc.MISSING, None) or code not in _STATE["codes"]:
            return None
        functions.append((code, returns is None, spec))
    sets = []
    for attr in _SET:
        value = own.get(attr, dc.MISSING)
        if value is before[attr]:
            continue
        if attr == "__match_args__":
            sets.append((attr, "args", value))
        elif value is None:
            sets.append((attr, "none", 0))
        elif any(value is m for m in made):
            sets.append((attr, "fn", next(i for i, m in enumerate(made) if m is value)))
        elif any(getattr(value, "__wrapped__", None) is m for m in made):
            wrapped = value.__wrapped__
            sets.append((attr, "repr", next(i for i, m in enumerate(made) if m is wrapped)))
        else:
            return None
    return (tuple(functions), tuple(sets))


def _locals_spec(
    cls: type, fields: dict[str, Any], values: dict[str, Any]
) -> tuple[Any, ...] | None:
    """How to find each closure value again: a field's type or default, or a constant."""
    out = []
    for key, value in values.items():
        f = fields.get(key[6:]) if key[:6] in ("_type_", "_dflt_") else None
        if f is not None and key[:6] == "_type_" and f.type is value:
            out.append((key, "type", f.name))
        elif f is not None and key[:6] == "_dflt_" and value is _default_of(f):
            out.append((key, "dflt", f.name))
        elif key in _constants(cls) and _constants(cls)[key] is value:
            out.append((key, "const", key))
        else:
            return None
    return tuple(out)


def _default_of(f: Any) -> Any:
    """What `_field_init` puts in the closure for a field: its default factory, else default."""
    return f.default_factory if f.default_factory is not dc.MISSING else f.default


def _constants(cls: type) -> dict[str, Any]:
    return {
        "MISSING": dc.MISSING,
        "_HAS_DEFAULT_FACTORY": dc._HAS_DEFAULT_FACTORY,  # type: ignore[attr-defined]
        "__dataclass_builtins_object__": object,
        "cls": cls,
        "FrozenInstanceError": dc.FrozenInstanceError,
    }


def _replay(cls: type, args: tuple[Any, ...], own_spec: tuple[Any, ...], recipe: Recipe) -> None:
    """What `_process_class` does, in its order, the methods' text read from the recipe."""
    init, repr_, eq, order, unsafe_hash, frozen, _match_args, kw_only = args[:8]
    cls.__dataclass_params__ = dc._DataclassParams(init, repr_, eq, order, unsafe_hash, frozen)  # type: ignore[attr-defined]
    fields: dict[str, Any] = {}
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, "__dataclass_fields__", None)
        if base_fields is not None:
            for f in base_fields.values():
                fields[f.name] = f
    own = _own_fields(cls, kw_only, own_spec)
    for f in own:
        fields[f.name] = f
        if isinstance(getattr(cls, f.name, None), dc.Field):
            if f.default is dc.MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    cls.__dataclass_fields__ = fields  # type: ignore[attr-defined]
    globals = sys.modules[cls.__module__].__dict__
    functions, sets = recipe
    made: dict[int, Any] = {}
    for attr, how, what in sets:
        if how in ("fn", "repr"):
            fn = made.get(what)
            if fn is None:
                fn = made[what] = _make(cls, fields, globals, functions[what])
            if how == "repr":
                fn = dc._recursive_repr(fn)  # type: ignore[attr-defined]
            dc._set_qualname(cls, fn)  # type: ignore[attr-defined]
            setattr(cls, attr, fn)
        elif how == "none":
            setattr(cls, attr, None)
        else:
            setattr(cls, attr, what)
    abc.update_abstractmethods(cls)


def _own_fields(cls: type, kw_only: bool, own_spec: tuple[Any, ...]) -> list[Any]:
    """The class's own fields, as `dataclasses._get_field` makes them (`own_spec`: each one's
    name, annotation and kind, from the key)."""
    kinds = (dc._FIELD, dc._FIELD_CLASSVAR, dc._FIELD_INITVAR)  # type: ignore[attr-defined]
    out = []
    for name, annotation, kind, _default in own_spec:
        default = getattr(cls, name, dc.MISSING)
        if isinstance(default, dc.Field):
            f = default
        else:
            if isinstance(default, types.MemberDescriptorType):
                default = dc.MISSING
            f = dc.field(default=default)  # type: ignore[arg-type]
        f.name = name  # type: ignore[attr-defined]
        f.type = annotation  # type: ignore[attr-defined]
        f._field_type = kinds[kind]  # type: ignore[attr-defined]
        if kind != 1 and f.kw_only is dc.MISSING:  # type: ignore[attr-defined]
            f.kw_only = kw_only  # type: ignore[attr-defined]
        out.append(f)
    return out


def _make(cls: type, fields: dict[str, Any], globals: dict[str, Any], spec: tuple[Any, ...]) -> Any:
    """What `dataclasses._create_fn` returns, its text's code read from the store."""
    key, returns_none, values = spec
    local: dict[str, Any] = {}
    for name, how, what in values:
        if how == "type":
            local[name] = fields[what].type
        elif how == "dflt":
            local[name] = _default_of(fields[what])
        else:
            local[name] = _constants(cls)[what]
    if returns_none:
        local["_return_type"] = None
    _STATE["used"].add(key)
    ns: dict[str, Any] = {}
    exec(_STATE["codes"][key], globals, ns)
    return ns["__create_fn__"](**local)
