"""Server time of the served application's article pages (issue 14's target: ≤ 20 ms at 1×).

Run: `.venv/bin/python benchmarks/web.py [N]`. Builds the application once (index, numbers,
search), warms it with one pass, then times N article pages (article, date) drawn with a fixed
seed over every article and every day from 2000-02-01 to today, through the whole ASGI stack
(routing, rendering, response) in-process, without network. Prints median, p95 and max.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time
from datetime import date, timedelta

import httpx

from consolidator.web.app import Served, create_app


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
        urls.append(f"{served.base}/{day.isoformat()}/article/{served.numbers.ident(aid, day)}")
    return urls


async def run(n: int) -> None:
    t0 = time.perf_counter()
    app = create_app()
    print(
        f"application start (load, replay, search index)  {1000 * (time.perf_counter() - t0):8.1f} ms"
    )
    served: Served = app.state.served
    urls = sample(served, n)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for url in urls[:50]:  # warm: jinja2 template compilation, caches
            (await client.get(url)).raise_for_status()
        times = []
        for url in urls:
            t = time.perf_counter()
            r = await client.get(url)
            times.append((1000 * (time.perf_counter() - t), url))
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code}")
    times.sort()
    ms = [t for t, _ in times]
    p95 = ms[int(0.95 * len(ms)) - 1]
    print(
        f"article page at a random date ({n} pages)       median {statistics.median(ms):6.1f} ms"
        f"   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms   (target ≤ 20 ms)"
    )
    print(f"share within 20 ms: {sum(t <= 20 for t in ms) / len(ms):.1%}; slowest:")
    for t, url in times[-3:]:
        print(f"  {t:6.1f} ms  {url}")


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 500))
