"""render/text_wrap.fill gives the lines textwrap.fill gives (the plain text's paragraphs)."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from consolidator.render.text_wrap import fill

# words, hyphenated words, spaces of every kind, long words, as in the convention's alinéas
WORDS = st.lists(
    st.sampled_from(
        [
            "a",
            "salarié",
            "l’avenant",
            "2.5",
            "non-étendu",
            "-",
            "--x",
            "x-",
            " ",
            "  ",
            "\u00a0",
            "\u202f;",
            "«\u00a0mot\u00a0»",
            "\t",
            "\n",
            "\u00a0\u00a0",
            "L.\u00a06324-3",
            "ab" * 30,
            "c" * 95,
            "d-" * 50,
            "e" * 200,
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(WORDS, st.sampled_from(["", "  ", "    ", "– "]), st.sampled_from([92, 40, 12]))
def test_the_lines_of_textwrap(text: str, indent: str, width: int) -> None:
    expected = textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)
    assert fill(text, width, indent) == expected


def test_the_alineas_of_article_2_5() -> None:
    """004 l.9464-9467 (article 2.5), in French typography as the plain text prints them."""
    from consolidator.render.typography import typo_fr
    from consolidator.resources import SEED_004

    lines = SEED_004.read_text(encoding="utf-8").split("\n")[9463:9467]
    assert lines[0].startswith("Les salariés bénéficient d'un congé exceptionnel")
    for line in lines:
        for indent in ("", "    "):
            text = typo_fr(line)
            assert fill(text, 92, indent) == textwrap.fill(
                text, 92, initial_indent=indent, subsequent_indent=indent
            )


def test_every_alinea_of_the_corpus(index) -> None:
    """Every alinéa of every version, in French typography, with and without a hyphen."""
    from consolidator.render.typography import typo_fr

    texts = {typo_fr(f.text) for vs in index.versions.values() for v in vs for f in v.fragments}
    assert sum("-" in t for t in texts) > 500 and sum("-" not in t for t in texts) > 2000
    for text in texts:
        assert fill(text, 92, "    ") == textwrap.fill(
            text, 92, initial_indent="    ", subsequent_indent="    "
        )
