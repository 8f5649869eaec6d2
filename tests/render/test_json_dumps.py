"""render.json.dumps writes with orjson the very bytes json.dumps(indent=2, ensure_ascii=False)
writes (it falls back to json for what orjson does not take)."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from consolidator.engine.replay import VersionIndex
from consolidator.query.snapshot import snapshot
from consolidator.render import json as jrender


def _reference(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_whole_texts_in_both_views(index: VersionIndex) -> None:
    for day in (date(2000, 2, 1), date(2017, 4, 2), index.change_dates[-1]):
        for view in ("adherent", "branche"):
            data = jrender.snapshot_json(index, snapshot(index, day, view))
            assert jrender.dumps(data) == _reference(data)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_json_value(data: object) -> None:
    assert jrender.dumps(data) == _reference(data)


def test_keys_and_subclasses_as_json_writes_them() -> None:
    """Keys of other types (json writes 1 as "1"), subclasses and enums: each either written by
    orjson as json writes it, or handed to json."""
    from collections import OrderedDict
    from enum import IntEnum

    from consolidator.model import State

    class Rank(IntEnum):
        FIRST = 1

    class Key(str):
        pass

    for data in (
        {1: "a", "b": [1, 2]},
        {Key("k"): State.ETENDU, "n": Rank.FIRST},
        OrderedDict(a=(1, "é"), b=None),
        [{"a": {"b": [True, None, 2**70]}}],
        {"x": [[], {}, ()]},
    ):
        assert jrender.dumps(data) == _reference(data)
