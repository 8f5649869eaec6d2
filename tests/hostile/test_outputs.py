"""`-o` and `build -o`: written whole or not at all, never replacing what is not ours.

Devices are tested through a symlink in tmp (never on the real /dev/null itself) and a FIFO.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import threading
from pathlib import Path

import pytest

from consolidator import output
from consolidator.output import MARKER, build_dir_atomic, folder_lock, write_file_atomic
from tests.hostile.helpers import GOLDEN_CORPUS, assert_clean_error, cli

TEXT = ("text", "--corpus", str(GOLDEN_CORPUS), "--at", "2012-06-01", "--format", "json")


def test_symlink_to_a_char_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    outcome = cli(*TEXT, "-o", str(link))
    assert outcome.code == 0, outcome
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert list(tmp_path.iterdir()) == [link]


def test_fifo_is_written_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    outcome = cli(*TEXT, "-o", str(fifo))
    reader.join(timeout=30)
    assert outcome.code == 0, outcome
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received[0])["at"] == "2012-06-01"


def test_dash_is_standard_output() -> None:
    outcome = cli(*TEXT, "-o", "-")
    assert outcome.code == 0 and json.loads(outcome.out)["at"] == "2012-06-01"


def test_symlink_to_a_file_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli(*TEXT, "-o", str(link)).code == 0
    assert link.is_symlink() and json.loads(real.read_text())["at"] == "2012-06-01"


def test_parent_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    outcome = cli(*TEXT, "-o", str(tmp_path / "file.txt" / "out.json"))
    assert_clean_error(outcome, "cannot create the folder", "file.txt")


def test_output_that_is_a_folder(tmp_path: Path) -> None:
    assert_clean_error(cli(*TEXT, "-o", str(tmp_path)), "it is a folder")


def test_existing_part_folder_does_not_matter(tmp_path: Path) -> None:
    (tmp_path / "out.json.part").mkdir()
    assert cli(*TEXT, "-o", str(tmp_path / "out.json")).code == 0
    assert (tmp_path / "out.json.part").is_dir() and (tmp_path / "out.json").is_file()


def test_unwritable_folder_is_a_clear_error_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as root, permissions are not enforced: the refusal of the file system is simulated
    target = tmp_path / "out.json"
    target.write_text("earlier output")

    def refuse(*args: object, **kw: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    assert_clean_error(cli(*TEXT, "-o", str(target)), "Permission denied", "permissions")
    assert target.read_text() == "earlier output"


def test_full_disk_keeps_the_old_file_and_leaves_no_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("earlier output")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    assert_clean_error(cli(*TEXT, "-o", str(target)), "No space left", "disk is full")
    assert target.read_text() == "earlier output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_bad_input_leaves_earlier_output_intact(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("earlier output")
    assert_clean_error(cli(*TEXT[:3], "--at", "2012-02-30", "-o", str(target)), "2012-02-30")
    assert target.read_text() == "earlier output"


def test_file_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("x")
    target.chmod(0o640)
    write_file_atomic(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text() == "y"


# --- folders (build) ---------------------------------------------------------------------------


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_rebuild_leaves_no_stale_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_dir_atomic(site, {"index.html": b"1", "articles/a.html": b"a"})
    build_dir_atomic(site, {"index.html": b"2"})
    assert tree(site) == {"index.html": b"2", MARKER: tree(site)[MARKER]}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_a_rebuild_links_the_files_it_keeps_and_writes_the_others(tmp_path: Path) -> None:
    """A file the folder already holds with the same bytes is linked into the new folder, not
    written again; a changed file, or one with another link or mode, is written."""
    site = tmp_path / "site"
    files = {"index.html": b"1", "a/same.html": b"same", "a/x.html": b"x", "a/y.html": b"y"}
    build_dir_atomic(site, files)
    inode = {name: (site / name).stat().st_ino for name in files}
    os.link(site / "a" / "x.html", tmp_path / "elsewhere.html")  # a link of the user's
    os.chmod(site / "a" / "y.html", 0o600)
    build_dir_atomic(site, {**files, "index.html": b"2"})
    assert {k: v for k, v in tree(site).items() if k != MARKER} == {**files, "index.html": b"2"}
    assert (site / "a" / "same.html").stat().st_ino == inode["a/same.html"]
    assert (site / "a" / "same.html").stat().st_nlink == 1  # the old folder is gone
    for name in ("index.html", "a/x.html", "a/y.html"):
        assert (site / name).stat().st_ino != inode[name]
    assert (tmp_path / "elsewhere.html").read_bytes() == b"x"


def test_failure_midway_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    build_dir_atomic(site, {"index.html": b"old", "articles/a.html": b"a"})
    before = tree(site)
    calls = {"n": 0}
    write = Path.write_bytes

    def flaky(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return write(self, data)

    monkeypatch.setattr(Path, "write_bytes", flaky)
    files = {f"articles/{i}.html": b"new" for i in range(5)}
    with pytest.raises(output.OutputError, match="No space left"):
        build_dir_atomic(site, files)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_cli_build_failure_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("a file")
    outcome = cli("build", "--corpus", str(GOLDEN_CORPUS), "--no-pdf", "-o", str(tmp_path / "site"))
    assert_clean_error(outcome, "it is a file, not a folder")


def test_a_folder_not_written_by_us_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    outcome = cli("build", "--corpus", str(GOLDEN_CORPUS), "--no-pdf", "-o", str(tmp_path))
    assert_clean_error(outcome, "was not written by consolidator")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_second_concurrent_build_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with folder_lock(site):
        outcome = cli("build", "--corpus", str(GOLDEN_CORPUS), "--no-pdf", "-o", str(site))
    assert_clean_error(outcome, "another process is writing", ".site.lock")
    assert not site.exists()


def test_file_names_cannot_escape_the_folder(tmp_path: Path) -> None:
    with pytest.raises(output.OutputError, match="outside the output folder"):
        build_dir_atomic(tmp_path / "site", {"../evil.html": b"x"})
    assert not (tmp_path / "evil.html").exists()


def test_symlinked_site_folder_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    build_dir_atomic(real, {"index.html": b"1"})
    link = tmp_path / "site"
    link.symlink_to(real)
    build_dir_atomic(link, {"index.html": b"2"})
    assert link.is_symlink() and (real / "index.html").read_bytes() == b"2"


def test_interrupt_in_the_write_phase_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    build_dir_atomic(site, {"index.html": b"old"})
    before = tree(site)
    write = Path.write_bytes
    calls = {"n": 0}

    def interrupted(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            os.kill(os.getpid(), signal.SIGINT)  # KeyboardInterrupt, as on Ctrl-C
        return write(self, data)

    monkeypatch.setattr(Path, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_dir_atomic(site, {f"{i}.html": b"new" for i in range(4)})
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_symlink_loop_is_refused_and_kept(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert_clean_error(cli(*TEXT, "-o", str(tmp_path / "a")), "symbolic links")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    (tmp_path / "link.json").symlink_to(tmp_path / "made.json")
    assert cli(*TEXT, "-o", str(tmp_path / "link.json")).code == 0
    assert (tmp_path / "link.json").is_symlink() and (tmp_path / "made.json").is_file()


def test_dev_and_proc_paths_are_streams() -> None:
    # checked without writing: a regression must never be able to replace a file of /dev
    assert output._is_stream(Path("/dev/stdout")) and output._is_stream(Path("/dev/null"))
    assert output._is_stream(Path("/proc/self/fd/1")) and output._is_stream(Path("-"))
    assert not output._is_stream(Path("/tmp/x.json"))


def test_site_of_an_earlier_version_is_replaced_whole(tmp_path: Path) -> None:
    site = tmp_path / "output"
    (site / "articles").mkdir(parents=True)
    (site / "index.html").write_text("old site")
    (site / "articles" / "gone.html.part").write_text("half")
    build_dir_atomic(site, {"index.html": b"new"})
    assert sorted(tree(site)) == [MARKER, "index.html"]
