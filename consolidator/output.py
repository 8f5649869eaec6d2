"""Writing outputs so that nothing is ever half-written, mixed or destroyed (see SECURITY.md).

- `write_file_atomic`: a regular file (or an absent one) is written to a hidden temporary file
  beside it and renamed over it when complete; a symlink is followed (the file it points to is
  replaced, the link stays); a character device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a
  named pipe), and anything under /dev or /proc, is written to as a stream, never replaced.
- `build_dir_atomic`: a folder (a site, an export) is written whole into a hidden temporary folder
  beside the target, then swapped in by one atomic exchange of the two folders; the previous
  content is then removed. A failure or a signal leaves the previous folder as it was; a lock
  beside the target refuses a second concurrent writer. A non-empty folder is replaced only when
  an earlier run wrote it (a MARKER file inside), so `-o ~` never erases a home folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from consolidator.errors import OutputError

MARKER = ".consolidator-output"
STREAM_ROOTS = ("/dev/", "/proc/")


def _fail(action: str, path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    hint = {
        errno.EACCES: "check the folder's permissions, or choose another output path",
        errno.EROFS: "the file system is read-only: choose another output path",
        errno.ENOSPC: "the disk is full: free some space; the earlier output is intact",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EISDIR: "the path is a folder: give a file name",
        errno.EEXIST: "a file stands where a folder is needed",
    }.get(exc.errno or 0)
    return OutputError(f"cannot {action} {path}: {reason}", hint=hint)


def _is_stream(path: Path) -> bool:
    """True when the path is to be written as a stream (device, FIFO, socket, /dev, /proc)."""
    if str(path) == "-" or str(path.absolute()).startswith(STREAM_ROOTS):
        return True
    try:
        mode = os.stat(path).st_mode  # follows symlinks
    except FileNotFoundError:
        return False
    except OSError:
        return False  # the atomic path will raise the clear error
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_stream(path: Path, content: bytes) -> None:
    try:
        with open(path, "wb") as fh:
            fh.write(content)
    except OSError as exc:
        raise _fail("write to", path, exc) from None


def write_file_atomic(path: str | Path, content: str | bytes) -> Path:
    """Write `content` to `path` whole or not at all (see the module's docstring); return the
    path really written (a symlink's target)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = Path(path)
    if _is_stream(path):
        write_stream(path, data)
        return path
    with atomic_file(path) as fh:
        fh.write(data)
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A new file to write, which replaces `path` (a symlink's target) whole when the block ends,
    and is removed, `path` untouched, when the block raises: for bytes written as they are made
    (the stored index, consolidator/engine/cache.py) as for `write_file_atomic`'s."""
    path = Path(path)
    if path.is_symlink():
        try:
            os.stat(path)
        except FileNotFoundError:
            pass  # a dangling link: the file it names is created
        except OSError as exc:  # a loop of symlinks: nothing to follow, nothing replaced
            raise _fail("write", path, exc) from None
    real = Path(os.path.realpath(path))
    if real.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder", hint="give a file name")
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail("create the folder", real.parent, exc) from None
    try:
        mode = stat.S_IMODE(real.stat().st_mode) if real.exists() else _umask_mode()
        with _signals_deferred():  # a signal never leaves a .part file behind
            fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".part", dir=real.parent)
    except OSError as exc:
        raise _fail("write", path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException as exc:
        with contextlib.suppress(OSError), _signals_deferred():
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _fail("write", path, exc) from None
        raise
    _fsync_dir(real.parent)


@contextlib.contextmanager
def folder_lock(target: Path) -> Iterator[Path]:
    """An exclusive lock beside `target` (released by the kernel even on SIGKILL)."""
    lock = target.parent / f".{target.name}.lock"
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _fail("create the lock file", lock, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another process is writing {target} (lock {lock} is held)",
                hint="wait for it to finish; the lock is released when it exits",
            ) from None
        yield lock
    finally:
        os.close(fd)


def _owned(folder: Path) -> bool:
    """An empty folder, or one a previous run wrote (marker), or a site of an older version."""
    if (folder / MARKER).is_file() or not any(folder.iterdir()):
        return True
    return (folder / "index.html").is_file() and (folder / "articles").is_dir()


_LIBC = None


def owned_folder(target: str | Path) -> bool:
    """True when `target` is a folder an earlier `build_dir_atomic` wrote (its marker inside)."""
    folder = Path(os.path.realpath(target))
    return folder.is_dir() and (folder / MARKER).is_file()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    global _LIBC
    try:
        if _LIBC is None:
            _LIBC = ctypes.CDLL(None, use_errno=True)
        func = _LIBC.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if func(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def _stale(target: Path) -> list[Path]:
    """Temporary folders of this target left by a run killed with SIGKILL."""
    name = re.compile(rf"\.{re.escape(target.name)}\.([a-z0-9_]{{8}}\.new|[0-9]+\.old)")
    return [p for p in target.parent.iterdir() if name.fullmatch(p.name) and p.is_dir()]


def _write_tree(folder: Path, files: Mapping[str, bytes], previous: Path | None = None) -> None:
    """Write `files` under `folder`; a file that the folder `previous` (the one to be replaced)
    already holds with the same bytes is linked to it instead of written again (`_link_same`)."""
    made: set[Path] = set()
    mode = _umask_mode()
    for name, content in files.items():
        path = folder / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise OutputError(f"refused file name {name!r}: outside the output folder")
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if previous is None or not _link_same(previous / name, path, content, mode):
            path.write_bytes(content)
    (folder / MARKER).write_text(
        "written by consolidator; the whole folder is replaced at each run\n", encoding="utf-8"
    )


def _link_same(old: Path, path: Path, content: bytes, mode: int) -> bool:
    """Link `path` to `old` when `old` is a regular file of ours holding exactly `content`, with
    the mode a new file gets and no other link (a site rebuilt after a small change keeps most
    of its files: linking them, instead of writing them again, is ten times cheaper). False,
    and nothing done, otherwise."""
    try:
        found = os.lstat(old)
        if (
            not stat.S_ISREG(found.st_mode)
            or found.st_nlink != 1
            or found.st_size != len(content)
            or stat.S_IMODE(found.st_mode) != mode
            or old.read_bytes() != content
        ):
            return False
        os.link(old, path, follow_symlinks=False)
    except OSError:
        return False
    return True


def build_dir_atomic(target: str | Path, files: Mapping[str, bytes]) -> Path:
    """Replace the folder `target` by exactly `files` (relative path → bytes), all at once.

    Returns the folder really written (a symlink's target). Raises OutputError on any failure,
    with the previous folder intact.
    """
    target = Path(os.path.realpath(target))
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot build into {target}: it is a file, not a folder")
    if target.is_dir() and not _owned(target):
        raise OutputError(
            f"{target} is not empty and was not written by consolidator: refused to replace it",
            hint=f"choose an empty or new folder (a folder written by consolidator holds {MARKER})",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail("create the folder", target.parent, exc) from None
    with folder_lock(target):
        for old in _stale(target):  # left by a run killed with SIGKILL
            shutil.rmtree(old, ignore_errors=True)
        try:
            with _signals_deferred():
                new = Path(
                    tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent)
                )
        except OSError as exc:
            raise _fail("write", target, exc) from None
        try:
            os.chmod(new, _umask_mode() | 0o111)
            _write_tree(new, files, target if target.is_dir() else None)
            with _signals_deferred():  # the swap and the removal of the old content are one step
                _swap(new, target)
                shutil.rmtree(new, ignore_errors=True)
        except OSError as exc:
            raise _fail("write", target, exc) from None
        finally:
            if new.exists():
                with _signals_deferred():
                    shutil.rmtree(new, ignore_errors=True)
    _fsync_dir(target.parent)
    return target


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (then act as usual): a signal never
    leaves a temporary folder half-removed or a swap half-done."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _swap(new: Path, target: Path) -> None:
    """Put `new` at `target`; what was at `target` ends at `new` (then removed by the caller)."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        return
    old = target.with_name(f".{target.name}.{os.getpid()}.old")
    os.rename(target, old)  # not atomic: a crash here leaves no target, never a mix
    os.rename(new, target)
    os.rename(old, new)
