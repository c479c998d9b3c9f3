"""Small, careful file I/O: bounded text reads that name the file, atomic private writes."""

from __future__ import annotations

import os
from pathlib import Path

from afterview.errors import InputError

MAX_FILE_BYTES = 256 * 1024
"""Files a person writes (interviews, notes, config) are small; anything larger is a mistake."""


def read_text_file(path: Path | str, *, what: str = "file", max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a small UTF-8 text file, or raise ``InputError`` naming it.

    Refuses files that are missing, unreadable, larger than ``max_bytes``, binary
    (NUL bytes) or not valid UTF-8.
    """
    return decode_text(read_small_file(path, what=what, max_bytes=max_bytes), str(path), what=what, max_bytes=max_bytes)


def read_small_file(path: Path | str, *, what: str = "file", max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file the user named (up to ``max_bytes`` + 1, so the caller can tell
    it is too large), or ``InputError`` naming it: missing, a folder, unreadable."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a {what}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def decode_text(data: bytes, name: str, *, what: str = "file", max_bytes: int = MAX_FILE_BYTES) -> str:
    """Decode bytes read from ``name`` as UTF-8 text, with the same refusals as ``read_text_file``."""
    if len(data) > max_bytes:
        raise InputError(f"{name}: too large for a {what} (over {max_bytes // 1024} KB)")
    if b"\x00" in data:
        raise InputError(f"{name}: is a binary file, not a {what}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: is not UTF-8 text (bad byte at offset {exc.start})") from None
    return text.removeprefix("\ufeff")


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700 if missing; return it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def write_private_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically with mode 0600.

    A temporary file in the same folder is written, flushed and fsynced, then renamed
    over ``path``: a crash leaves the old file or the new one, never half of one.
    """
    write_atomic(path, text.encode("utf-8"), mode=0o600)


def write_atomic(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` atomically (temp file, fsync, ``os.replace``)."""
    path = Path(path)
    if not path.parent.exists():
        ensure_private_dir(path.parent)
    import tempfile  # only writes need it (it imports shutil and random): the read paths stay lighter

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
