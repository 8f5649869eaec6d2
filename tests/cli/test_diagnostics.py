"""Diagnostics: each printed once, errors and warnings, `validate --strict`."""

from __future__ import annotations

from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.index import validate
from consolidator.errors import Severity
from tests.conftest import avenant

APPROXIMATE = avenant(
    '    <replace-words target="a1"><old>alinéa</old><new>paragraphe</new></replace-words>',
    effect="<at-signature/>",
).replace("<effect>", '<effect approximate="true">')
REGISTER = "# Decisions\n\n## D-001\n\nThe signature date stands in.\n"


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["validate", *args])


def test_an_error_is_printed_once(make_corpus) -> None:
    root = make_corpus({"acts/bad.xml": "<act id='x'"})
    result = _run("--corpus", str(root))
    assert result.exit_code == 1
    assert result.output.count("malformed XML") == 1
    assert result.output.rstrip().endswith("error: 1 error(s) found (listed above)")


def test_an_approximate_date_without_decision_is_a_warning(make_corpus) -> None:
    root = make_corpus({"acts/av1.xml": APPROXIMATE})
    [warning] = validate(root)
    assert warning.severity is Severity.WARNING
    assert str(warning).startswith("acts/av1.xml:2: warning: approximate date with no decision id")
    lenient = _run("--corpus", str(root))
    assert lenient.exit_code == 0 and "corpus valid (1 warning(s), listed above)" in lenient.output
    strict = _run("--corpus", str(root), "--strict")
    assert strict.exit_code == 1 and "0 error(s) and 1 warning(s) found" in strict.output
    assert strict.output.count("approximate date with no decision id") == 1


def test_a_decision_id_must_be_in_the_register(make_corpus) -> None:
    cited = APPROXIMATE.replace('approximate="true"', 'approximate="true" decision="D-002"')
    root = make_corpus({"acts/av1.xml": cited, "DECISIONS.md": REGISTER})
    assert [d.message for d in validate(root)] == ["decision D-002 is not in DECISIONS.md"]
    fixed = make_corpus({"acts/av1.xml": cited.replace("D-002", "D-001")})
    assert validate(fixed) == []


def test_the_real_corpus_passes_strict() -> None:
    result = _run("--strict")
    assert result.exit_code == 0, result.output
    assert result.output == "corpus valid\n"
