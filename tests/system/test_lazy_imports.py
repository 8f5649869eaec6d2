"""Heavy libraries are imported only by the commands that use them: networkx when the act graph
is built (replay), jinja2 for HTML, WeasyPrint for PDF; `--help` and a query answered from the
index cache import none of them."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("networkx", "weasyprint", "jinja2")

PROBE = """
import json, sys
from consolidator.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & set(HEAVY))), file=sys.stderr)
""".replace("HEAVY", repr(HEAVY))


def _heavy_imported(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return json.loads(result.stderr.strip().splitlines()[-1])


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
