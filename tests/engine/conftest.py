"""Fixtures of the cache's tests: a cache folder of the test's own, a copy of the real corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consolidator.engine import cache
from consolidator.resources import DEFAULT_CORPUS


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (the cache on, whatever the environment says)."""
    monkeypatch.setenv(cache.DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.OFF_ENV, raising=False)
    return tmp_path / "cache"


@pytest.fixture
def corpus(tmp_path: Path, cache_folder: Path) -> Path:
    """A copy of the real corpus, with a cache folder of its own."""
    root = tmp_path / "idcc-2128"
    shutil.copytree(DEFAULT_CORPUS, root)
    return root
