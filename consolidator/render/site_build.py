"""Building the static site: its parts rendered over the available cores, each part rendered
again only when its inputs changed since the build found in the output folder.

A *part* renders one or more files: an article (its page and the pages of its versions), a
convention page (one per view), the changes pages with the history, the listings, the feeds,
a PDF (one per view). Parts are rendered by a pool of forked processes (`workers`, default the
available cores; one, or a small build, renders in this process); the files are the same bytes
whatever the number of workers. The build writes `MANIFEST` beside the files: for each part,
the hash of its inputs (`site_inputs`) and the hash of each of its files. The next build into
the same folder reads the unchanged parts' files back (checked against their hashes) instead
of rendering them; the folder is still replaced whole (`output.build_dir_atomic`). It also
keeps the word redlines its feeds computed (`REDLINES`, a file of the feeds' part, for the same
code): the feeds compare
every change of every day, and the next build reads back the redlines of the wordings that did
not change (each checked against its two wordings) instead of computing them again. The changes
of each day, which the feeds, the history and the changes pages show, are computed once, before
the workers are forked, and kept in the cache folder for the next build (render/site_days.py).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from consolidator.engine.replay import VersionIndex
from consolidator.errors import ConsolidatorError
from consolidator.query.events import sources_date
from consolidator.query.knowledge import knowledge_sentence
from consolidator.query.snapshot import VIEWS, Snapshot, snapshot
from consolidator.render.build_cache import preload_templates, template_cache
from consolidator.render.filters import date_fr
from consolidator.render.html import make_env, markers, stylesheet
from consolidator.render.links import NumberMap, StaticLinks
from consolidator.render.pages import SiteContext, article_page
from consolidator.render.site_days import (
    Day,
    compute_day,
    day_changes,
    day_redlines,
    feed_days,
    site_days,
)
from consolidator.render.site_inputs import SiteInputs, site_inputs
from consolidator.render.site_manifest import (  # MANIFEST, REDLINES, reusable: re-exported
    MANIFEST,
    REDLINES,
    manifest,
    recorded_parts,
    redlines_file,
    reusable,
    stored_redlines,
)
from consolidator.render.site_pieces import Pieces, convention_file, feed_files

SMALL = 100  # articles: a smaller corpus is rendered in this process unless `workers` is given
CHUNKS_PER_WORKER = 4


@dataclass
class SiteBuild:
    """One build's shared state: templates, links, contexts (made once, inherited by workers)."""

    index: VersionIndex
    day: date
    templates: Path | None
    with_pdf: bool
    snaps: dict[str, Snapshot] = field(default_factory=dict)
    code: str = ""  # the hash of the code and templates (site_inputs.code_digest)
    days: dict[date, Day] = field(default_factory=dict)  # the changes of each day (site_days)
    inputs: SiteInputs | None = None  # the hashes of the parts' inputs (None: no pieces kept)
    before: dict[str, Any] = field(default_factory=dict)  # the previous build's MANIFEST parts
    folder: Path | None = None  # the previous build's folder
    made: dict[str, dict[str, Any]] = field(default_factory=dict)  # each part's pieces

    def changes_of(self, day: date) -> Day:
        """The changes of `day` from its eve (adherent view, with the redlines): computed before
        the workers are forked (`build_files`), else here."""
        if day not in self.days:
            self.days[day] = compute_day(self.index, day)
        return self.days[day]

    @cached_property
    def env(self) -> Any:
        env = make_env(self.templates)
        env.auto_reload = False  # one build: each template read and compiled once
        env.bytecode_cache = template_cache()  # compiled templates kept (render/build_cache.py)
        return env

    @cached_property
    def links(self) -> StaticLinks:
        return StaticLinks(NumberMap(self.index), self.day, "", self.index.change_dates[0])

    @cached_property
    def site(self) -> SiteContext:
        from consolidator.render.site import pdf_name

        conv = self.index.corpus.convention
        stamp = sources_date(self.index.corpus)
        pdf = pdf_name(self.day) if self.with_pdf else None
        return SiteContext(
            conv.title,
            conv.idcc,
            self.day,
            "",
            None,
            pdf,
            stamp.sentence(),
            stamp.warning(self.day),
            links=self.links,
            knowledge=knowledge_sentence(stamp),
        )

    @cached_property
    def sub(self) -> SiteContext:
        """The context of the pages one folder down (articles/, versions/, changes/)."""
        return replace(self.site, root="../", links=replace(self.links, root="../"))

    def snap(self, view: str) -> Snapshot:
        if view not in self.snaps:
            self.snaps[view] = snapshot(self.index, self.day, view)
        return self.snaps[view]

    def parts(self) -> list[str]:
        """Every part, the longest first (the PDFs, then the feeds, which compare every change of
        every day), so that the pool ends together."""
        pdfs = [f"pdf:{view}" for view in VIEWS] if self.with_pdf else []
        singles = ["feeds", *(f"convention:{v}" for v in VIEWS), "history", "listings", "static"]
        changes = [f"changes:{d.isoformat()}" for d in self.index.change_dates[1:]]
        return [*pdfs, *singles, *changes, *(f"article:{aid}" for aid in self.links.names)]

    def render(self, part: str) -> dict[str, bytes]:
        kind, _, name = part.partition(":")
        files: dict[str, str | bytes] = getattr(self, f"_{kind}")(name)
        return {k: v if isinstance(v, bytes) else v.encode("utf-8") for k, v in files.items()}

    def _pdf(self, view: str) -> dict[str, str | bytes]:
        from consolidator.render.pdf import snapshot_pdf
        from consolidator.render.site import pdf_name

        return {pdf_name(self.day, view): snapshot_pdf(self.index, self.snap(view), self.templates)}

    def _convention(self, view: str) -> dict[str, str | bytes]:
        from consolidator.render.site import convention_page

        name = "index.html" if view == "adherent" else f"{view}.html"
        if self.inputs is None:
            return {name: convention_page(self.env, self.index, self.snap(view), self.site)}
        pieces = Pieces.of(self.before.get(f"convention:{view}"), self.folder)
        page = convention_file(self, view, pieces)  # each article's block kept if unchanged
        self.made[f"convention:{view}"] = pieces.made
        return {name: page}

    def _article(self, aid: str) -> dict[str, str | bytes]:
        from consolidator.render.site import version_page

        name = self.links.names[aid]
        files: dict[str, str | bytes] = {
            f"articles/{name}.html": article_page(self.env, self.index, aid, self.sub)
        }
        for n in range(1, len(self.index.versions[aid])):
            page = version_page(self.env, self.index, aid, n, self.sub)
            files[f"versions/{name}-{n}.html"] = page
        return files

    def _changes(self, day: str) -> dict[str, str | bytes]:
        from consolidator.query.change_dates import dated
        from consolidator.render.site import changelog_page, changes_nav

        dates = self.index.change_dates
        i = dates.index(date.fromisoformat(day))
        log = self.changes_of(dates[i]).changelog()
        heading = (
            f"Modifications entrées en vigueur le {dated(self.index, dates[i], date_fr(dates[i]))}"
        )
        nav = changes_nav(self.sub, dates, i)
        page = changelog_page(self.env, self.index, log, self.sub, heading, nav)
        return {f"changes/{day}.html": page}

    def _history(self, _name: str) -> dict[str, str | bytes]:
        from consolidator.render.site import history_rows
        from consolidator.render.site_history import held_rows

        counts = {d: self.changes_of(d).count for d in self.index.change_dates[1:]}
        page = self.env.get_template("history.html").render(
            site=self.site,
            rows=history_rows(self.index, self.site, counts),
            held=held_rows(self.index, self.site),
            legend=list(markers(self.index).values()),
        )
        return {"history.html": page}

    def _listings(self, _name: str) -> dict[str, str | bytes]:
        from consolidator.render.listings import extra_pages

        return dict(extra_pages(self.env, self.index, self.site, self.sub, self.snap("adherent")))

    def _feeds(self, _name: str) -> dict[str, str | bytes]:
        """The feeds, and the redlines their changes asked for (`REDLINES`, kept for the next
        build): those of the days of the events up to the build's day."""
        from consolidator.query import redline
        from consolidator.render.atom import site_feeds

        days = {d: self.changes_of(d) for d in feed_days(self.index, self.day)}
        asked: dict[str, redline.Redline] = {}
        for found in days.values():
            asked.update(found.redlines)
        files: dict[str, str | bytes] = {}
        if self.inputs is None:
            known = {d: found.changes for d, found in days.items()}
            files.update(site_feeds(self.index, self.day, known))
        else:  # each article's feed copied from the previous build if its inputs are the same
            pieces = Pieces.of(self.before.get("feeds"), self.folder)
            files.update(feed_files(self.index, self.day, self.inputs, days, pieces))
            self.made["feeds"] = pieces.made
        files[REDLINES] = redlines_file(asked, self.code)
        return files

    def _static(self, _name: str) -> dict[str, str | bytes]:
        return {
            "style.css": stylesheet("style.css", self.templates),
            "recherche.js": stylesheet("recherche.js", self.templates),
        }


_BUILD: SiteBuild | None = None  # the build whose parts a forked worker renders


def _quiet_worker() -> None:
    """Workers leave signals to the parent, which stops them (the CLI's handlers stay there)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _render_parts(parts: list[str]) -> tuple[str, Any]:
    assert _BUILD is not None
    try:
        out = {}
        for part in parts:
            out[part] = (_BUILD.render(part), _BUILD.made.get(part))
        return "ok", out
    except ConsolidatorError as exc:  # sent back whole: its message, file, line and hint
        d = exc.diagnostic
        return "error", (type(exc), d.message, d.file, d.line, d.act, d.target, d.hint)


def _chunks(parts: list[str], workers: int) -> list[list[str]]:
    light = [p for p in parts if p.startswith(("article:", "changes:"))]
    heavy = [[p] for p in parts if p not in light]
    n = max(1, workers * CHUNKS_PER_WORKER)
    return heavy + [light[i::n] for i in range(n) if light[i::n]]


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def render_parts(build: SiteBuild, parts: list[str], workers: int | None) -> dict[str, Any]:
    """part → its files, rendered in a pool of `workers` forked processes (or here)."""
    global _BUILD
    small = len(build.index.versions) < SMALL and not build.with_pdf
    if workers is None:
        workers = 1 if small else available_cores()
    if workers <= 1 or len(parts) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return {part: build.render(part) for part in parts}
    build.env, build.links, build.site, build.sub  # noqa: B018 - made once, before the fork
    if build.env.bytecode_cache is not None:  # else each worker compiles what it renders
        preload_templates(build.env)
    out: dict[str, Any] = {}
    _BUILD = build
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(parts)), initializer=_quiet_worker) as pool:
            for status, result in pool.imap_unordered(_render_parts, _chunks(parts, workers)):
                if status == "error":
                    cls, message, file, line, act, target, hint = result
                    raise cls(message, file=file, line=line, act=act, target=target, hint=hint)
                for part, (files, made) in result.items():
                    out[part] = files
                    if made is not None:
                        build.made[part] = made
    finally:
        _BUILD = None
    return out


def holds_exactly(folder: Path, files: dict[str, bytes]) -> bool:
    """True when `folder` (a build's) holds `files` and nothing else, byte for byte: the build
    then leaves it as it is instead of writing the same bytes again."""
    from consolidator.output import MARKER

    try:
        if MANIFEST in files and (folder / MANIFEST).read_bytes() != files[MANIFEST]:
            return False  # a part or its inputs changed: no need to read every file
        found = {str(path.relative_to(folder)): path.is_dir() for path in folder.rglob("*")}
        dirs = {str(parent) for name in files for parent in Path(name).parents} - {"."}
        if found != {**dict.fromkeys([*files, MARKER], False), **dict.fromkeys(dirs, True)}:
            return False
        return all(
            not (folder / name).is_symlink() and (folder / name).read_bytes() == data
            for name, data in files.items()
        )
    except OSError:
        return False


def _version_days(build: SiteBuild, todo: list[str]) -> dict[date, Day]:
    """The days whose changes the version pages of the articles in `todo` compare again (that
    of each version after the first): their redlines, read from the cache folder, are given to
    the workers (`redline.KNOWN`) instead of computed again there."""
    days = {
        version.since
        for part in todo
        if part.startswith("article:")
        for version in build.index.versions[part.partition(":")[2]][1:]
    }
    return {d: build.days[d] for d in sorted(days) if d in build.days}


def build_files(
    index: VersionIndex,
    day: date,
    templates: Path | None = None,
    with_pdf: bool = True,
    workers: int | None = None,
    previous: Path | None = None,
) -> dict[str, bytes]:
    """Every file of the site for `day` and its MANIFEST, in memory; the parts unchanged since
    the build in `previous` are read from it."""
    inputs = site_inputs(index, f"{day.isoformat()} pdf={with_pdf}", templates)
    before = recorded_parts(previous)
    build = SiteBuild(index, day, templates, with_pdf, code=inputs.code, inputs=inputs)
    build.before, build.folder = before, previous
    parts = build.parts()
    done = reusable(previous, inputs, parts, before)
    for part in done:  # read back whole: its pieces are those recorded
        entry = before.get(part)
        if isinstance(entry, dict) and isinstance(entry.get("pieces"), dict):
            build.made[part] = entry["pieces"]
    from consolidator.query import redline

    redline.KNOWN = stored_redlines(previous, inputs.code)
    try:
        todo = [p for p in parts if p not in done]
        if any(p == "feeds" or p == "history" or p.startswith("changes:") for p in todo):
            # the changes of every day, here, before the workers are forked: the feeds, the
            # history and the changes pages read them (their word redlines, query.redline's
            # cache, are then shared by the workers' version pages)
            build.days = day_changes(index, inputs, site_days(index, day))
            redline.KNOWN = {**redline.KNOWN, **day_redlines(_version_days(build, todo))}
        done.update(render_parts(build, todo, workers))
    finally:
        redline.KNOWN = {}
    files = {name: data for part in parts for name, data in done[part].items()}
    files[MANIFEST] = manifest(inputs, done, build.made)
    return dict(sorted(files.items()))
