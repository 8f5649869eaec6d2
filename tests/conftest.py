"""Shared fixtures: the real corpus's version index, and a factory for small corpora."""

from __future__ import annotations

import functools
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

# The persistent index cache of the test session (and of its subprocesses) is its own, never the
# user's: the first open_index of a corpus state replays and stores, the next ones read it.
os.environ["CONSOLIDATOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="consolidator-test-cache-")

from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.sources.legifrance.export import Export, parse_export

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "sources" / "004_cb251bc3192fed7a.txt"

CONVENTION = """<?xml version="1.0" encoding="UTF-8"?>
<convention idcc="9999" base="base" title="Convention de test"/>
"""

BASE = """<?xml version="1.0" encoding="UTF-8"?>
<act id="base" kind="convention" signed="2000-01-31" title="Convention de test">
  <effect><fixed date="2000-02-01"/></effect>
  <body>
    <section id="ch-I" num="I" title="Dispositions générales">
      <article id="a1" num="1.1" title="Champ"><p>Premier alinéa du champ.</p><p>Second alinéa du champ.</p></article>
      <article id="a2" num="1.2" title="Durée"><p>La convention est conclue pour deux ans.</p></article>
    </section>
  </body>
</act>
"""


def flat(text: str) -> str:
    """Typography undone (no-break spaces, typographic apostrophes and inner quotes), to compare
    a rendered text with the sources' wording."""
    for a, b in (("\xa0", " "), ("\u202f", " "), ("’", "'"), ("“", "« "), ("”", " »")):
        text = text.replace(a, b)
    return text


def mapped(line: int) -> bool:
    """The audit map (corpus/idcc-2128/audit-map.xml) explains a block at this marker line."""
    from consolidator.sources.legifrance.auditmap import load_audit_map

    entries = load_audit_map(ROOT / "corpus" / "idcc-2128").entries
    return any(at == line for at, _ in entries)


def seed_lines(start: int, end: int) -> list[str]:
    """Lines start..end (1-based, inclusive) of the Legifrance export, for citing the seed in tests."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return lines[start - 1 : end]


@functools.cache
def seed_export() -> Export:
    """The Legifrance export (seed 004), parsed once per test run (also at collection time)."""
    return parse_export(SEED)


@pytest.fixture(scope="session")
def export() -> Export:
    """The Legifrance export (seed 004), parsed once for the whole test session."""
    return seed_export()


@pytest.fixture(scope="session")
def index() -> VersionIndex:
    """The real corpus, replayed once for the whole test session."""
    return open_index()


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (the cache on, whatever the environment says)."""
    from consolidator.engine import cache

    monkeypatch.setenv(cache.DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.OFF_ENV, raising=False)
    return tmp_path / "cache"


@pytest.fixture
def corpus(tmp_path: Path, cache_folder: Path) -> Path:
    """A copy of the real corpus, with a cache folder of its own (a test file may define its own
    `corpus`, which then wins)."""
    import shutil

    from consolidator.resources import DEFAULT_CORPUS

    root = tmp_path / "idcc-2128"
    shutil.copytree(DEFAULT_CORPUS, root)
    return root


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write a small corpus: convention.xml and the base act by default, plus `files` (relative paths)."""

    def make(files: dict[str, str], *, with_base: bool = True) -> Path:
        root = tmp_path / "corpus"
        (root / "acts").mkdir(parents=True, exist_ok=True)
        (root / "arretes").mkdir(exist_ok=True)
        (root / "convention.xml").write_text(CONVENTION, encoding="utf-8")
        if with_base:
            (root / "acts" / "base.xml").write_text(BASE, encoding="utf-8")
        for name, content in files.items():
            (root / name).write_text(content, encoding="utf-8")
        return root

    return make


def avenant(
    ops: str, *, ident: str = "av1", signed: str = "2005-03-01", effect: str = "<at-signature/>"
) -> str:
    """An avenant file with the given operations."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<act id="{ident}" kind="avenant" number="1" signed="{signed}" title="Avenant {ident}">
  <effect>{effect}</effect>
  <ops>
{ops}
  </ops>
</act>
"""


GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the expected files under tests/golden/ from the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare `actual` with tests/golden/<name> (unified diff on mismatch); --update-golden rewrites it."""
    import difflib

    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.is_file(), f"missing golden file {path}: run pytest --update-golden"
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"golden/{name}",
                "actual",
            )
            pytest.fail("output differs from the golden file:\n" + "".join(list(diff)[:200]))

    return check


# --- the served application and the static site (tests/web/test_web.py, tests/web/test_browser.py) ---


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The application served by uvicorn in a thread; yields its root URL."""
    import uvicorn

    from consolidator.web.app import create_app

    port = free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def static_site(index: VersionIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static site of 1 June 2012 (no PDF), built once for the tests that read it."""
    from consolidator.render.site import build_site

    folder = tmp_path_factory.mktemp("static-site")
    build_site(index, date(2012, 6, 1), folder, with_pdf=False)
    return folder
