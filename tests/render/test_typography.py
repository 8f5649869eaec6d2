"""French typography: what it does on real alinéas, and that it never changes the words."""

from __future__ import annotations

import doctest
import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from consolidator.engine.replay import VersionIndex
from consolidator.query.snapshot import article_at
from consolidator.render import typography
from consolidator.render.text import article_text
from consolidator.render.typography import NBSP, NNBSP, letters, typo_fr

# letters, digits, and every character the rules look at
_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre"]
_PIECES = [NBSP, NNBSP, "1er", "décembre", *_MONTHS, " n° ", " 1 000 ", "L. ", "R.", "D. ", "\n- "]
_ALPHABET = st.sampled_from([*"abcdeélLnNoR°:;!?%«»“”\"'’ -–—.,()[]/0123456789\n", *_PIECES])
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


@given(_TEXT)
def test_typography_never_changes_the_letters(text: str) -> None:
    """Removing spaces and taking every quote or apostrophe as one mark gives the same string."""
    assert letters(typo_fr(text)) == letters(text)


@given(_TEXT)
def test_typography_is_idempotent(text: str) -> None:
    once = typo_fr(text)
    assert typo_fr(once) == once


@given(_TEXT)
def test_no_breakable_space_before_high_punctuation(text: str) -> None:
    """After a word, a figure or a closing mark, the space before « : ; ! ? » never breaks."""
    assert not re.search(r"[\w.,)%] +[:;!?»](?=\s|$)", typo_fr(text))


def test_every_alinea_of_the_corpus_keeps_its_letters(index: VersionIndex) -> None:
    texts = {f.text for vs in index.versions.values() for v in vs for f in v.fragments}
    assert len(texts) > 5000
    changed = [t for t in texts if letters(typo_fr(t)) != letters(t)]
    assert changed == []


def test_real_alinea_dates_numbers_quotes(index: VersionIndex) -> None:
    """004 l.315: the arrêté of 21 March 2017 on 2.5; 2.5 (avenant n° 13) quotes « au plan national »."""
    art = article_at(index, "a2000-2.4", date(2012, 6, 1))
    text = article_text(index, art)
    assert f"loi n°{NBSP}2008-789 du 20{NBSP}août{NBSP}2008" in text
    assert f"«{NBSP}au plan national{NBSP}»" in text
    assert f"suivantes{NBSP}:" in text
    assert "l’exercice d’un mandat" in text
    assert "«  " not in text and "« «" not in text


def test_nested_quotes_become_english_quotes() -> None:
    assert typo_fr("« les termes « au plan national » »") == (
        f"«{NBSP}les termes “au plan national”{NBSP}»"
    )


def test_footnote_call_after_a_figure_is_not_an_exponent(index: VersionIndex) -> None:
    """004 l.6400ff: the arrêté of 23 December 2010 excludes the word « 5 » from 2.5 (des 5 organisations)."""
    art = article_at(index, "a2000-2.4", date(2012, 6, 1))
    text = " ".join(article_text(index, art).split())
    assert "des 5 [2] organisations" in text
    assert "[2] Exclu de l’extension (termes «" in text


def test_doctests() -> None:
    failed, tried = doctest.testmod(typography)
    assert tried > 0 and failed == 0


def _every_rule(text: str) -> str:
    """typo_fr without its character checks: every rule run on every string, in its order."""
    t = typography
    text = t.apostrophes(t._quotes(text))
    text = t._DATE.sub(t._date, text)
    text = t._NUMERO.sub(lambda m: m.group(1) + NBSP, text)
    text = t._THOUSANDS.sub(lambda m: m.group(1) + re.sub(f"[{t.SPACES}]", NNBSP, m.group(2)), text)
    text = t._PERCENT.sub(NNBSP + "%", text)
    text = t._CODE_REF.sub(lambda m: m.group(1) + NBSP, text)
    text = t._OPEN.sub("«" + NBSP, text)
    text = t._CLOSE.sub(NBSP + "»", text)
    text = t._INNER.sub("", text)
    text = t._BEFORE_COLON.sub(NBSP + ":", text)
    text = t._LIST_DASH.sub(lambda m: m.group(1) + NBSP, text)
    return t._BEFORE_SHORT.sub(lambda m: NNBSP + m.group(1), text)


@given(_TEXT)
def test_the_character_checks_change_nothing(text: str) -> None:
    """typo_fr skips a rule whose characters are absent (issue 14: 60 % of a cold plain text);
    the result is the one every rule gives."""
    assert typography.rules(text) == _every_rule(text)


def test_the_character_checks_change_nothing_on_the_corpus(index: VersionIndex) -> None:
    """The same on every alinéa and title of the corpus (« 1er février 2000 »: a month's name
    test that missed « février » left 9 alinéas without their no-break spaces)."""
    texts = {f.text for vs in index.versions.values() for v in vs for f in v.fragments}
    texts |= {v.title for vs in index.versions.values() for v in vs if v.title}
    assert len(texts) > 3000
    assert [t for t in texts if typography.rules(t) != _every_rule(t)] == []


_LOOK_BEHIND_FIRST = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


@given(st.lists(st.sampled_from([*"ab'’1_ é\nÉ-", "l'", "'a"]), max_size=30).map("".join))
def test_the_apostrophe_rule_matches_as_its_look_behind_first_form(text: str) -> None:
    """french.apostrophes looks for the mark first, then behind it: the same replacements."""
    from consolidator.french import apostrophes

    assert apostrophes(text) == _LOOK_BEHIND_FIRST.sub("’", text)
