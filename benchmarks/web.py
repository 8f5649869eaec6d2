"""Server time of the served application's article pages (issue 14's targets: ≤ 20 ms at 1×,
≤ 50 ms at 50×).

Run: `.venv/bin/python benchmarks/web.py [N] [--scale K]`. Builds the application once (index,
numbers, search) over the embedded corpus, or with --scale K over synth_corpus.py's corpus K
times its size; warms it with one pass, then times N article pages (article, date) drawn with a
fixed seed over every article and every day from 2000-02-01 to today, through the whole ASGI
stack (routing, rendering, response) in-process, without network. Prints median, p95 and max,
and asks the three slowest pages again: a page slow each time, or a pause of the machine once.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
from starlette.applications import Starlette

from consolidator.web.app import Served, create_app
from consolidator.web.views import warm


def sample(served: Served, n: int) -> list[str]:
    rng = random.Random(2128)
    start = served.first
    span = (date.today() - start).days
    articles = sorted(
        a
        for a, vs in served.index.versions.items()
        if served.index.corpus.acts[vs[0].text_id].level == "branche"
    )
    urls = []
    for _ in range(n):
        day = start + timedelta(days=rng.randrange(span))
        aid = rng.choice(articles)
        urls.append(f"{served.base}/{day.isoformat()}/article/{served.numbers.name(aid, day)}")
    return urls


AGAIN = 5  # the slowest pages are asked again this many times: their own cost, or a pause?


async def page_times(app: Starlette, n: int) -> tuple[list[tuple[float, str]], dict[str, float]]:
    """Server time (ms) of n article pages of `app`, after a warming pass, with their address;
    and, for the three slowest, the median time of AGAIN more requests of each."""
    urls = sample(app.state.served, n)
    warm(app.state.served)  # what `serve` computes in the background from the start
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for url in urls[:50]:  # warm: jinja2 template compilation, caches
            (await client.get(url)).raise_for_status()
        times = [(await _timed(client, url), url) for url in urls]
        again = {}
        for _, url in sorted(times)[-3:]:
            again[url] = statistics.median([await _timed(client, url) for _ in range(AGAIN)])
    return times, again


async def _timed(client: httpx.AsyncClient, url: str) -> float:
    t = time.perf_counter()
    r = await client.get(url)
    spent = 1000 * (time.perf_counter() - t)
    if r.status_code != 200:
        raise SystemExit(f"{url}: HTTP {r.status_code}")
    return spent


async def run(n: int, corpus: Path | None = None, target: int = 20) -> None:
    t0 = time.perf_counter()
    app = create_app(corpus, freeze=True)  # as `consolidator serve` does
    print(
        f"application start (load, replay, search index)  {1000 * (time.perf_counter() - t0):8.1f} ms"
    )
    times, again = await page_times(app, n)
    times.sort()
    ms = [t for t, _ in times]
    p95 = ms[int(0.95 * len(ms)) - 1]
    print(
        f"article page at a random date ({n} pages)       median {statistics.median(ms):6.1f} ms"
        f"   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms   (target ≤ {target} ms)"
    )
    print(
        f"share within {target} ms: {sum(t <= target for t in ms) / len(ms):.1%}; slowest "
        f"(and the median of {AGAIN} more requests of the same page):"
    )
    for t, url in times[-3:]:
        print(f"  {t:6.1f} ms  (again: {again[url]:6.1f} ms)  {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=int, nargs="?", default=500)
    parser.add_argument("--scale", type=int, default=1, help="corpus size, times the embedded one")
    args = parser.parse_args()
    if args.scale == 1:
        asyncio.run(run(args.pages))
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synth_corpus import make_corpus

    with tempfile.TemporaryDirectory() as tmp:
        root = make_corpus(args.scale, Path(tmp) / f"corpus-{args.scale}x")
        print(f"synthetic corpus {args.scale}× the embedded one")
        asyncio.run(run(args.pages, root, target=50))


if __name__ == "__main__":
    main()
