"""Reader-facing French on the site pages: the salaries page names its accord with its article,
and the « Attention » banner uses the typographic apostrophe (render/typography.py)."""

from __future__ import annotations

import re
from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.render.html import make_env
from consolidator.render.listings import salaries_page
from consolidator.render.site import standalone


def test_salaries_page_says_fixes_par_l_accord(index: VersionIndex) -> None:
    # The 2013 grid: accord du 5 décembre 2012 (salaires 2013), in force from 1 January 2013
    # (004 l.15413-15421): « Fixés par l’accord du 5 décembre 2012 », not « Fixés par accord du ».
    page = salaries_page(make_env(), index, standalone(index, date(2026, 12, 2)))
    meta = re.search(r'<p class="meta">Fixés par (.*?),', page)
    assert meta is not None
    assert meta.group(1).startswith("l’accord du 5\u00a0décembre\u00a02012")


def test_attention_banner_has_no_straight_apostrophe(index: VersionIndex) -> None:
    page = salaries_page(make_env(), index, standalone(index, date(2030, 1, 1)))
    banner = re.search(r'<p class="warning" role="alert">(.*?)</p>', page)
    assert banner is not None
    assert banner.group(1).startswith("Attention")
    assert "n’y figurent pas" in banner.group(1)
    assert "'" not in banner.group(1) and "&#39;" not in banner.group(1)
