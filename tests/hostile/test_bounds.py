"""Bounds: cycles reported once per component, dates kept in range, no overflow anywhere."""

from __future__ import annotations

import time

from consolidator.engine.index import validate
from tests.conftest import avenant
from tests.hostile.helpers import assert_clean_error, cli


def messages(root) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(d) for d in validate(root))


def test_twelve_mutually_dependent_acts_give_one_cycle(make_corpus) -> None:
    n = 12
    files = {}
    for i in range(n):
        # act i inserts x{i} after every other act's article: each depends on all the others
        after = [f"x{j}" for j in range(n) if j != i]
        ops = "\n".join(
            f'    <insert-article id="x{i}-{k}" num="9.{i}.{k}" parent="ch-I" after="{a}">'
            f"<p>X.</p></insert-article>"
            for k, a in enumerate(after)
        )
        ops += f'\n    <insert-article id="x{i}" num="8.{i}" parent="ch-I" after="a2"><p>X.</p></insert-article>'
        files[f"acts/av{i:02}.xml"] = avenant(ops, ident=f"av{i:02}", signed=f"2005-03-{i + 1:02}")
    root = make_corpus(files)
    start = time.perf_counter()
    text = messages(root)
    assert time.perf_counter() - start < 30  # was more than 120 s (every simple cycle listed)
    cycles = [line for line in text.splitlines() if "cycle in the act graph" in line]
    assert len(cycles) == 1, cycles


def test_act_signed_in_year_one_is_refused_with_its_file(make_corpus) -> None:
    root = make_corpus(
        {"acts/av1.xml": avenant("", signed="0001-01-01").replace("<ops>\n\n  </ops>", "")}
    )
    assert "acts/av1.xml:2: error: date '0001-01-01' out of range" in messages(root)
    assert_clean_error(
        cli("build", "--corpus", str(root), "--no-pdf", "-o", str(root / "site")), "acts/av1.xml:2"
    )


def test_offset_past_year_9998_is_refused(make_corpus) -> None:
    body = avenant(
        '    <repeal-article target="a2"><expect>deux ans</expect></repeal-article>',
        signed="9998-06-01",
        effect='<at-signature offset-days="400"/>',
    )
    text = messages(make_corpus({"acts/av1.xml": body}))
    assert (
        "acts/av1.xml:3: error: signature 9998-06-01 plus 400 days falls after 9998-12-31" in text
    )


def test_jo_in_year_9999_with_janvier_suivant_is_refused(make_corpus) -> None:
    arrete = """<?xml version="1.0" encoding="UTF-8"?>
<arrete id="arr1" date="9999-12-01" jo="9999-12-31" title="Arrêté">
  <extends act="base" effective-rule="1er-janvier-suivant"/>
</arrete>
"""
    root = make_corpus({"arretes/arr1.xml": arrete})
    assert "arretes/arr1.xml:2: error: date '9999-12-01' out of range" in messages(root)
    for command in ("validate", "timeline", "history a1", "text"):
        assert_clean_error(cli(*command.split(), "--corpus", str(root)), "out of range")


def test_cli_dates_out_of_range() -> None:
    assert_clean_error(cli("text", "--at", "9999-12-31"), "out of range")
    assert_clean_error(
        cli("diff", "--from", "0001-01-01"), "--from: date '0001-01-01' out of range"
    )


def test_salary_grid_out_of_range_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from consolidator.resources import DEFAULT_CORPUS

    root = tmp_path / "corpus"
    shutil.copytree(DEFAULT_CORPUS, root)
    path = root / "acts" / "2012-12-05-accord-salaires.xml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('effective="2013-01-01"', 'effective="0001-01-01"', 1), "utf-8")
    outcome = cli("salaries", "--corpus", str(root), "--at", "2013-06-01")
    assert_clean_error(outcome, "acts/2012-12-05-accord-salaires.xml", "'0001-01-01' out of range")
