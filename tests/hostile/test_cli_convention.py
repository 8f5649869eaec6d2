"""The CLI's one error convention (README, « Exit codes »): 0 ok; 1 bad input, failed check or
output not written, with one `error:` message; 2 usage (click's usage block); never a traceback."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.hostile.helpers import GOLDEN_CORPUS, assert_clean_error, cli, cli_process

FILE_COMMANDS = [
    ("draft", "{missing}"),
    ("draft", "--check", "{missing}"),
    ("import", "legifrance", "{missing}"),
    ("audit", "--source", "{missing}"),
    ("text", "--corpus", "{missing}"),
    ("validate", "--corpus", "{missing}"),
]


@pytest.mark.parametrize("args", FILE_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_missing_file_is_bad_input_not_usage(tmp_path: Path, args: tuple[str, ...]) -> None:
    missing = str(tmp_path / "nope.txt")
    outcome = cli(*(a.format(missing=missing) for a in args))
    assert_clean_error(outcome, "nope.txt")


@pytest.mark.parametrize("value", ["2012-02-30", "2012-13-01", "demain", "0001-01-01"])
def test_bad_date_is_bad_input(value: str) -> None:
    assert_clean_error(cli("text", "--at", value), value)


def test_a_folder_where_a_file_is_expected() -> None:
    assert_clean_error(cli("draft", str(GOLDEN_CORPUS)), "is a folder")
    assert_clean_error(cli("validate", "--corpus", str(SEED)), "no convention.xml")


@pytest.mark.parametrize(
    "args",
    [("text", "--nope"), ("text", "--format", "docx"), ("frobnicate",), ("diff",), ("article",)],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    outcome = cli(*args)
    assert outcome.code == 2 and "Usage:" in outcome.text and "Traceback" not in outcome.text


def test_pdf_to_the_terminal_is_a_usage_error() -> None:
    assert cli("text", "--format", "pdf").code == 2


def test_failed_validate_exits_1(tmp_path: Path) -> None:
    (tmp_path / "acts").mkdir()
    (tmp_path / "arretes").mkdir()
    (tmp_path / "convention.xml").write_text("<convention/>")
    assert_clean_error(cli("validate", "--corpus", str(tmp_path)), "convention.xml")


# --- draft -----------------------------------------------------------------------------------

AVENANT = (
    "\ufeffAvenant n° 40 du 3 mars 2022 relatif aux salaires\n\nArticle 1er\n\n"
    "+--------+--------+\n| Classe | Montant |\n+--------+--------+\n"
    "Le texte -- et des tirets-\n\x0cFait à Paris, le 3 mars 2022.\n"
)


def test_draft_survives_dashes_bom_and_form_feeds(tmp_path: Path) -> None:
    source = tmp_path / "av40.txt"
    source.write_text(AVENANT, encoding="utf-8")
    out = tmp_path / "draft.xml"
    outcome = cli("draft", str(source), "-o", str(out))
    assert outcome.code == 0, outcome
    xml = out.read_text(encoding="utf-8")
    assert 'title="Avenant n° 40 du 3 mars 2022 relatif aux salaires"' in xml  # no BOM kept
    assert "\ufeff" not in xml


@pytest.mark.slow
def test_draft_of_the_whole_export_does_not_crash(tmp_path: Path) -> None:
    out = tmp_path / "draft.xml"
    outcome = cli("draft", str(SEED), "-o", str(out))
    assert outcome.code == 0, outcome
    assert out.read_bytes().startswith(b"<?xml")


def test_draft_refuses_non_utf8_with_line(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("Avenant n° 40\n\nRémunération\n".encode("latin-1"))
    assert_clean_error(cli("draft", str(source)), "latin1.txt:1", "not UTF-8")


def test_draft_refuses_compressed_source(tmp_path: Path) -> None:
    source = tmp_path / "av.txt"
    source.write_bytes(gzip.compress(AVENANT.encode()))
    assert_clean_error(cli("draft", str(source)), "gzip-compressed")


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    outcome = cli_process("text", "--at", "2012-02-30", "-o", str(tmp_path / "x.txt"))
    assert_clean_error(outcome, "impossible date")
    assert not (tmp_path / "x.txt").exists()


def test_import_refuses_compressed_export(tmp_path: Path) -> None:
    source = tmp_path / "export.txt"
    source.write_bytes(gzip.compress(SEED.read_bytes()[:20000]))
    assert_clean_error(cli("import", "legifrance", str(source)), "gzip-compressed")


def test_closed_standard_output_is_quiet() -> None:
    import os
    import subprocess
    import sys

    from tests.hostile.helpers import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    read, write = os.pipe()
    os.close(read)  # the reader went away, as with `| head -0`
    proc = subprocess.run(
        [sys.executable, "-m", "consolidator", "text", "--at", "2012-06-01"],
        stdout=write,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
        timeout=120,
    )
    os.close(write)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr and b"Exception ignored" not in proc.stderr
