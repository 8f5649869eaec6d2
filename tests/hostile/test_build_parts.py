"""A part of the site that fails in a worker process (or in this one) stops the build with its
own message, and leaves the previous site exactly as it was, with no temporary folder beside."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from consolidator.engine.index import open_index
from consolidator.errors import RenderError
from consolidator.render import site_build
from consolidator.render.site import build_site
from tests.hostile.helpers import GOLDEN_CORPUS


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_part_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    index = open_index(GOLDEN_CORPUS)
    site = tmp_path / "site"
    build_site(index, date(2012, 6, 1), site, with_pdf=False, workers=1)
    before = tree(site)
    render = site_build.SiteBuild._article

    def failing(self: site_build.SiteBuild, aid: str) -> dict[str, str | bytes]:
        if aid == "a2000-2.5":
            raise RenderError("cannot render article 2.5", hint="the test's failure")
        return render(self, aid)

    monkeypatch.setattr(site_build.SiteBuild, "_article", failing)
    with pytest.raises(RenderError) as caught:
        build_site(index, date(2020, 6, 1), site, with_pdf=False, workers=workers)
    assert caught.value.diagnostic.hint == "the test's failure"
    assert tree(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".new", ".old"))]
