"""A fresh install answers as we tested: the wheel carries its data, and the README's Quickstart runs.

The wheel is built from a copy of the files it is made of (nothing is written into the checkout),
offline, with the test venv's pip and setuptools (both pinned by uv.lock), then installed with
--no-deps into a new venv whose only other packages are the test venv's (one .pth line), so the
run needs no network. Every command then runs from a temporary folder outside the repository, with
that venv's `consolidator` first on PATH: nothing can come from the checkout by accident.
The Quickstart's `build` line (site and PDF) stands for `build` here; it is most of this file's time.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import flat

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())
WHEEL_INPUTS = ["pyproject.toml", "setup.py", "README.md", "consolidator", "corpus", "templates"]
SHIPPED = {"corpus": "consolidator/_data/corpus", "templates": "consolidator/_data/templates"}
NOT_RUN = "# not run by tests:"  # how a Quickstart line says it must not run here, and why

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Install:
    wheel: Path
    venv: Path
    env: dict[str, str]  # PATH starts with the venv's bin; no PYTHONPATH, no corpus override

    def run(self, line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """One shell line, as a person would paste it, in `cwd`."""
        return subprocess.run(
            ["bash", "-c", line], cwd=cwd, env=self.env, capture_output=True, text=True, timeout=600
        )


def _run(*cmd: str | Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env)
    assert done.returncode == 0, f"{shlex.join(map(str, cmd))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Install:
    base = tmp_path_factory.mktemp("fresh-install")
    src, dist, venv = base / "src", base / "dist", base / "venv"
    src.mkdir()
    junk = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in WHEEL_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=junk)
        else:
            shutil.copy2(path, src / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CONSOLIDATOR_CORPUS")}
    env |= {"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    offline = ("--quiet", "--no-deps", "--no-index")
    build = ("wheel", "--no-build-isolation", "-w", dist)
    _run(sys.executable, "-m", "pip", *build, *offline, src, env=env)
    (wheel,) = dist.glob("consolidator-*.whl")
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip()
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(purelib) / "test-venv-packages.pth").write_text("\n".join(sorted(deps)) + "\n")
    _run(python, "-m", "pip", "install", *offline, wheel, env=env)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return Install(wheel, venv, env)


def test_the_wheel_carries_the_corpus_the_sources_and_the_templates(installed: Install) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for folder, inside in SHIPPED.items():
        files = [
            p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ]
        missing = [str(p) for p in files if f"{inside}/{p.relative_to(ROOT / folder)}" not in names]
        assert files and not missing
    assert "consolidator/_data/corpus/idcc-2128/convention.xml" in names
    assert "consolidator/_data/corpus/sources/004_cb251bc3192fed7a.txt" in names
    assert "consolidator/corpus/schema/corpus.rng" in names


def test_the_installed_package_reads_its_own_copy(installed: Install, tmp_path: Path) -> None:
    show = "import consolidator.resources as r; print(r.__file__, r.DEFAULT_CORPUS, r.TEMPLATES, r.SEED_004)"
    done = installed.run(f"python -c {shlex.quote(show)}", tmp_path)
    assert done.returncode == 0, done.stderr
    paths = [Path(p) for p in done.stdout.split()]
    assert all(p.exists() and p.is_relative_to(installed.venv) for p in paths), paths


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("consolidator text --at 2012-06-01 --format html -o x.html", ("x.html", "Article 2.5")),
        ("consolidator article 2.5 --at 2012-06-01", ("-", "avenant n° 13 du 18 mars 2009")),
        ("consolidator history 2.5", ("-", "Historique de l'article 2.5")),
        ("consolidator article 2.5 --at 2012-06-01 --format pdf -o a.pdf", ("a.pdf", "%PDF-")),
    ],
)
def test_the_installed_package_answers_from_outside_the_repository(
    installed: Install, tmp_path: Path, line: str, expected: tuple[str, str]
) -> None:
    done = installed.run(line, tmp_path)
    assert done.returncode == 0, done.stderr
    where, text = expected
    output = done.stdout if where == "-" else (tmp_path / where).read_text(errors="replace")
    assert text in flat(output)


def quickstart_lines(readme: Path = ROOT / "README.md") -> list[str]:
    """The `consolidator` lines of the first fenced block after the « Quickstart » heading."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    start = lines.index("## Quickstart")
    fence = next(i for i in range(start, len(lines)) if lines[i].startswith("```"))
    end = lines.index("```", fence + 1)
    return [line.strip() for line in lines[fence + 1 : end] if line.startswith("consolidator ")]


QUICKSTART = quickstart_lines()


def test_the_quickstart_is_found_and_every_exception_says_why() -> None:
    assert len(QUICKSTART) >= 10
    skipped = [line for line in QUICKSTART if NOT_RUN in line]
    assert all(line.split(NOT_RUN, 1)[1].strip() for line in skipped), skipped
    assert len(skipped) <= 2, "keep the lines that tests do not run few: " + "; ".join(skipped)


@pytest.mark.parametrize(
    "line",
    [line for line in QUICKSTART if NOT_RUN not in line],
    ids=lambda line: line.split("#")[0].strip(),
)
def test_every_quickstart_line_runs_as_written(
    installed: Install, tmp_path: Path, line: str
) -> None:
    # Relative paths of the README are the repository's: the sources are reached through a link,
    # and whatever a line writes (output/...) lands in the temporary folder.
    (tmp_path / "corpus").symlink_to(ROOT / "corpus", target_is_directory=True)
    done = installed.run(line, tmp_path)
    assert done.returncode == 0, f"{line}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "corpus" not in p.parts]
    assert done.stdout.strip() or written, f"{line}: printed nothing and wrote nothing"
