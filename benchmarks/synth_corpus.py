"""A synthetic corpus N times the size of the embedded one: every act and arrêté copied N times
under new ids (each copy a consistent world of its own), to measure how `validate` scales.

Run: `.venv/bin/python benchmarks/synth_corpus.py 10 /tmp/corpus-10x`.
"""

from __future__ import annotations

import shutil
import sys
from importlib import resources
from pathlib import Path

from lxml import etree

from consolidator.corpus.load import DEFAULT_CORPUS

# attributes that name an id of the corpus (typed `ident` in the schema) are renamed in each copy;
# these name things shared by every copy (decisions, source files, the base act, page prefixes)
KEPT = {"decision", "file", "base", "prefix"}
RNG = "{http://relaxng.org/ns/structure/1.0}"


def references() -> set[str]:
    schema = etree.fromstring(
        resources.files("consolidator.corpus.schema").joinpath("corpus.rng").read_bytes()
    )
    names = {
        a.get("name")
        for a in schema.iter(f"{RNG}attribute")
        if any(r.get("name") == "ident" for r in a.iter(f"{RNG}ref"))
    }
    return names - KEPT


REFERENCES = references()


def _rename(root: etree._Element, suffix: str) -> None:
    for el in root.iter():
        for name in REFERENCES:
            value = el.get(name)
            if value:
                el.set(name, f"{value}.{suffix}")


def make_corpus(copies: int, target: Path, source: Path = DEFAULT_CORPUS) -> Path:
    """Write `copies` copies of `source` into `target` (copy 0 keeps the original ids)."""
    if target.exists():
        shutil.rmtree(target)
    (target / "acts").mkdir(parents=True)
    (target / "arretes").mkdir()
    shutil.copy(source / "convention.xml", target / "convention.xml")
    for folder in ("acts", "arretes"):
        for path in sorted((source / folder).glob("*.xml")):
            data = path.read_bytes()
            (target / folder / path.name).write_bytes(data)
            for k in range(1, copies):
                root = etree.fromstring(data)
                _rename(root, f"x{k}")
                out = target / folder / f"{path.stem}.x{k}.xml"
                out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return target


if __name__ == "__main__":
    make_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"corpus of {sys.argv[1]}x written to {sys.argv[2]}")
