"""Heavy libraries are imported only by the commands that use them: networkx when the act graph
is built (replay), jinja2 for HTML, WeasyPrint for PDF; `--help` and a query answered from the
index cache import none of them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("networkx", "weasyprint", "jinja2")

PROBE = """
import json, sys
from consolidator.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _imported(*args: str) -> tuple[str, list[str]]:
    """What `consolidator ARGS` writes, and every module it has imported when it ends."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return result.stdout, json.loads(result.stderr.strip().splitlines()[-1])


def _heavy_imported(*args: str) -> list[str]:
    return sorted({m.split(".")[0] for m in _imported(*args)[1]} & set(HEAVY))


def test_help_imports_no_heavy_library() -> None:
    assert _heavy_imported("--help") == []
    assert _heavy_imported("article", "--help") == []


def test_cached_queries_import_no_heavy_library() -> None:
    _heavy_imported("article", "2.5", "--at", "2015-01-01")  # fills the session's cache
    assert _heavy_imported("article", "2.5", "--at", "2015-01-01") == []
    assert _heavy_imported("text", "--at", "2015-01-01", "--format", "json") == []
    assert _heavy_imported("history", "2.5") == []


def test_replay_imports_networkx_and_html_jinja2() -> None:
    assert "networkx" in _heavy_imported("--no-cache", "article", "2.5")
    assert "jinja2" in _heavy_imported("article", "2.5", "--format", "html")


def test_an_answer_read_back_opens_no_index(corpus: Path, cache_folder: Path) -> None:
    """The second `text --format json` (query/answers.py) reads neither the index nor the query
    and rendering modules: only the answer, the same bytes."""
    args = ("text", "--corpus", str(corpus), "--at", "2023-01-01", "--format", "json")
    first, worked_out = _imported(*args)
    second, read_back = _imported(*args)
    assert second == first and "consolidator.query.snapshot" in worked_out
    for module in ("engine.stored", "engine.replay", "query.snapshot", "render.json", "model"):
        assert f"consolidator.{module}" not in read_back
