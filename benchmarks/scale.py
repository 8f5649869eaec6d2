"""How `validate` scales with the size of the corpus: 1x, 10x, 50x (synth_corpus.py copies).

Run: `make bench-scale` (or `.venv/bin/python benchmarks/scale.py [1 10 50]`). Prints, for each
size, the best wall-clock and CPU time of `validate` and the ratio to 1x; the target is that 10x
costs at most 12x the 1x time (linear, with some slack).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from consolidator.engine.index import validate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_corpus import make_corpus


def best(root: Path, runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        problems = validate(root)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        assert not problems, problems[:3]
    return min(walls), min(cpus)


def main(sizes: list[int]) -> None:
    base: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            root = make_corpus(n, Path(tmp) / f"corpus-{n}x")
            wall, cpu = best(root, 3 if n <= 10 else 1)
            base = base or (wall, cpu)
            print(
                f"validate {n:>3}x: wall {wall:8.2f} s ({wall / base[0]:6.1f}x)   "
                f"cpu {cpu:8.2f} s ({cpu / base[1]:6.1f}x)"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 50])
