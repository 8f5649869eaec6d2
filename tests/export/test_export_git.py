"""`export git`: one commit per legal event, author date = effect, committer date = known."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.export.files import files_at, wording
from consolidator.export.git import export_git
from consolidator.query.changes import legal_events
from consolidator.query.snapshot import snapshot
from consolidator.render.text import snapshot_text
from tests.conftest import avenant, flat, seed_lines


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def repo(index: VersionIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("git") / "idcc-2128"
    export_git(index, folder)
    return folder


def test_article_2_5_log(repo: Path) -> None:
    """The done-when command: the 2000 wording, avenant n° 13 (1 May 2009), avenant n° 20."""
    # seed 004 l.9449-9573: avenant n° 20, in force the day after the JO of its arrêté (1 April 2017)
    assert any("Article 2.5" in line for line in seed_lines(9449, 9573))
    log = git(repo, "log", "--format=%ad|%cd|%s", "--date=short", "--", "articles/2.5.txt")
    assert log.splitlines() == [
        "2017-04-02|2017-04-01|Avenant n° 20 du 21 septembre 2016 — entrée en vigueur",
        "2009-05-01|2009-03-18|Avenant n° 13 du 18 mars 2009 — entrée en vigueur (en partie)",
        "2000-02-01|2000-01-31|Convention collective nationale de la mutualité du 31 janvier 2000"
        " — entrée en vigueur",
    ]
    dates = git(repo, "log", "-1", "--format=%ad|%cd", "--date=iso", "--", "articles/2.5.txt")
    assert dates.strip() == "2017-04-02 00:00:00 +0200|2017-04-01 00:00:00 +0200"


def test_2_april_2017(repo: Path) -> None:
    commit = git(repo, "log", "--format=%H", "--grep=^Avenant n° 20 ", "adherent").split()[0]
    changed = git(repo, "diff", "--name-only", f"{commit}^", commit).split()
    assert [p for p in changed if p.startswith("articles/")] == [
        "articles/2.4.txt",
        "articles/2.5.txt",
        "articles/2.6.txt",
    ]
    body = git(repo, "show", "-s", "--format=%B", commit)
    assert "Acte: avenant n° 20 du 21 septembre 2016" in body
    assert "Arrêté: arrêté du 21 mars 2017 (JO du 1er avril 2017)" in body
    assert "Source: 004 l.9449-9573" in body
    assert "a2000-" not in body


def test_one_commit_per_event_in_date_order(index: VersionIndex, repo: Path) -> None:
    for view in ("adherent", "branche"):
        dates = git(repo, "log", "--reverse", "--format=%ad", "--date=short", view).split()
        assert len(dates) == len(legal_events(index))
        assert dates == sorted(dates)
    assert "avenant-20" in git(repo, "tag").split()


def test_extension_changes_only_states(repo: Path) -> None:
    commit = git(
        repo,
        "log",
        "--format=%H",
        "--grep=^Arrêté du 23 décembre 2010 — extension de l’avenant n° 13",
        "adherent",
    ).split()[0]
    assert git(repo, "diff", "--name-only", f"{commit}^", commit).split() == ["etats.txt"]
    diff = git(repo, "diff", f"{commit}^", commit)
    assert "+articles/2.5 : en vigueur étendue (arrêté du 23 décembre 2010)" in diff


def words(text: str) -> str:
    """The text without typography, footnote calls « [n] » and line wrapping (the export keeps the
    sources' characters, `text --at` prints French typography and calls)."""
    text = re.sub(r"[«»“”\"]", ' " ', re.sub(r" \[\d+\]", "", flat(text)))
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("view", "day"),
    [("adherent", date(2005, 6, 1)), ("adherent", date(2012, 6, 1)), ("branche", date(2017, 4, 2))],
)
def test_checkout_matches_text_at(index: VersionIndex, repo: Path, view: str, day: date) -> None:
    """The tree on a date holds, article by article, the wording `text --at` prints."""
    log = git(repo, "log", "--format=%H %ad", "--date=short", view).splitlines()
    commit = next(sha for sha, ad in (line.split() for line in log) if ad <= day.isoformat())
    printed = snapshot_text(index, snapshot(index, day, view))
    tree = git(repo, "ls-tree", "-r", "--name-only", commit).split()
    snap = snapshot(index, day, view)
    arts = [a for t in snap.texts for a in t.articles]
    assert len([p for p in tree if p not in ("etats.txt", "texte.txt")]) == len(arts)
    for path in tree:
        if path in ("etats.txt", "texte.txt"):
            continue
        content = git(repo, "show", f"{commit}:{path}")
        head, _, body = content.partition("\n\n")
        assert words(head) in words(printed) and words(body) in words(printed), path
    expected = files_at(index, day, view)
    assert git(repo, "show", f"{commit}:texte.txt").count("Article ") >= len(expected.content) // 2
    assert sorted(expected.content) == sorted(p for p in tree if p.endswith(".txt") and "/" in p)
    art = next(a for a in arts if a.num == "2.5")
    assert git(repo, "show", f"{commit}:articles/2.5.txt") == wording(index, art)


def test_deterministic_and_refuses_a_full_folder(
    make_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    ops = """<replace-words target="a2"><old>deux ans</old><new>trois ans</new></replace-words>"""
    root = make_corpus({"acts/av1.xml": avenant(ops)})
    small = open_index(root)
    one = export_git(small, tmp_path / "one")
    two = export_git(small, tmp_path / "two")
    assert one.heads == two.heads and one.commits == 4  # 2 views x (base, avenant)
    log = git(tmp_path / "one", "log", "-p", "--format=%s", "--", "articles/1.2.txt")
    assert "-La convention est conclue pour deux ans." in log
    cmd = ["export", "git", "--corpus", str(root), "-o"]
    again = CliRunner().invoke(main, [*cmd, str(tmp_path / "one")])
    assert again.exit_code == 0, again.output  # an earlier export is replaced
    assert git(tmp_path / "one", "rev-parse", "adherent").strip() == one.heads["adherent"]
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("à garder", encoding="utf-8")
    out = CliRunner().invoke(main, [*cmd, str(tmp_path / "other")])
    assert out.exit_code == 1 and "not empty" in out.output
    assert (tmp_path / "other" / "notes.txt").read_text(encoding="utf-8") == "à garder"


def test_branche_26_february_2016_ends_the_held_over_chapter_ix(repo: Path) -> None:
    """The accord of 3 July 2015 (004 l.8746) binds non-adherents from its extension (arrêté of
    23 February 2016, l.10074): the branche commit of that day ends the 2011 chapter IX, whose
    9.15 has no successor (D-213), and says why, as `diff --view branche` does."""
    assert "étendu par arrêté du 23 février 2016" in seed_lines(10074, 10074)[0]
    commit = git(repo, "log", "--format=%H", "--grep=^Arrêté du 23 février 2016", "branche").split()
    assert len(commit) == 1
    body = flat(git(repo, "log", "-1", "--format=%B", commit[0]))
    passport = "- Article 9.13 — Passeport orientation/ formation : abrogé le 3 juillet 2015"
    assert passport in body
    assert "qu'à compter de son extension, le 26 février 2016" in body
    changed = git(repo, "diff", "--name-status", f"{commit[0]}^", commit[0]).splitlines()
    assert "D\tarticles/9.15.txt" in changed
