"""`validate` and the errors each kind of bad input gets: one test per kind, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.index import validate
from tests.conftest import avenant

RUNNER = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return RUNNER.invoke(main, list(args), catch_exceptions=False)


def messages(corpus: Path) -> str:
    return "\n".join(str(d) for d in validate(corpus))


def test_real_corpus_is_valid() -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "corpus valid" in result.output


def test_small_corpus_is_valid(make_corpus) -> None:
    assert validate(make_corpus({})) == []


def test_malformed_xml_names_file_and_line(make_corpus) -> None:
    root = make_corpus({"acts/bad.xml": '<?xml version="1.0"?>\n<act id="x">\n<ops>\n</act>\n'})
    text = messages(root)
    assert "acts/bad.xml:4" in text and "malformed XML" in text
    result = run("validate", "--corpus", str(root))
    assert result.exit_code == 1
    assert "acts/bad.xml:4" in result.output
    assert "Traceback" not in result.output


def test_schema_violation(make_corpus) -> None:
    bad = avenant('    <replace-article target="a1"><p>Sans garde.</p></replace-article>')
    text = messages(make_corpus({"acts/av1.xml": bad}))
    assert "acts/av1.xml:" in text and "schema" in text


def test_unknown_target_suggests_close_ids(make_corpus) -> None:
    bad = avenant(
        '    <replace-article target="a3"><expect>x</expect><p>Nouveau.</p></replace-article>'
    )
    text = messages(make_corpus({"acts/av1.xml": bad}))
    assert "refers to 'a3', which no act creates" in text
    assert "did you mean" in text


def test_guard_mismatch(make_corpus) -> None:
    bad = avenant(
        '    <replace-article target="a2"><expect>trois ans</expect><p>Cinq ans.</p></replace-article>'
    )
    text = messages(make_corpus({"acts/av1.xml": bad}))
    assert "guard failed" in text and "trois ans" in text and "[act av1]" in text


def test_impossible_date(make_corpus) -> None:
    bad = avenant(
        '    <repeal-article target="a2"><expect>deux ans</expect></repeal-article>',
        effect='<fixed date="2005-02-31"/>',
    )
    text = messages(make_corpus({"acts/av1.xml": bad}))
    assert "2005-02-31" in text


def test_cycle_between_acts(make_corpus) -> None:
    one = avenant(
        '    <insert-article id="x1" num="1.3" parent="ch-I" after="y1"><p>X.</p></insert-article>',
        ident="av1",
    )
    two = avenant(
        '    <insert-article id="y1" num="1.4" parent="ch-I" after="x1"><p>Y.</p></insert-article>',
        ident="av2",
    )
    text = messages(make_corpus({"acts/av1.xml": one, "acts/av2.xml": two}))
    assert "cycle in the act graph" in text


def test_operation_dated_before_its_target_exists(make_corpus) -> None:
    creator = avenant(
        '    <insert-article id="n1" num="1.3" parent="ch-I" after="a2"><p>Nouveau.</p></insert-article>',
        ident="av1",
        signed="2006-01-01",
    )
    early = avenant(
        '    <repeal-article target="n1"><expect>Nouveau</expect></repeal-article>',
        ident="av2",
        signed="2007-01-01",
        effect='<fixed date="2005-06-01"/>',
    )
    text = messages(make_corpus({"acts/av1.xml": creator, "acts/av2.xml": early}))
    assert "before 'n1' exists" in text


def test_collision_on_article_number(make_corpus) -> None:
    clash = avenant(
        '    <insert-article id="n1" num="1.2" parent="ch-I" after="a2"><p>Bis.</p></insert-article>'
    )
    text = messages(make_corpus({"acts/av1.xml": clash}))
    assert "collision" in text and "1.2" in text


def test_all_problems_reported_at_once(make_corpus) -> None:
    root = make_corpus(
        {
            "acts/bad.xml": "<act",
            "acts/av1.xml": avenant(
                '    <replace-article target="zz"><expect>x</expect><p>Y.</p></replace-article>'
            ),
        }
    )
    diagnostics = validate(root)
    assert len(diagnostics) >= 1
    assert any("malformed" in d.message for d in diagnostics)


def test_at_before_the_convention_existed() -> None:
    result = run("text", "--at", "1999-12-31")
    assert result.exit_code == 1
    assert "pas encore en vigueur" in result.output and "1er février 2000" in result.output


def test_at_impossible_date_is_refused() -> None:
    result = run("text", "--at", "2001-02-31")
    assert result.exit_code != 0
    assert "impossible date '2001-02-31'" in result.output


def test_unknown_article_suggests_closest() -> None:
    result = run("article", "2.55", "--at", "2012-06-01")
    assert result.exit_code == 1
    assert "article inconnu : « 2.55 »" in result.output
    assert "vouliez-vous dire : 2.5" in result.output


def test_error_leaves_no_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out" / "texte.json"
    result = run("text", "--at", "1990-01-01", "--format", "json", "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists()
    assert not list(tmp_path.rglob("*.part"))


@pytest.mark.parametrize("command", ["text", "article", "history", "timeline", "validate"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "--corpus" in result.output
