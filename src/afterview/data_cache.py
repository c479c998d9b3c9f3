"""Data files read once and kept, validated, between runs in the user's cache folder.

Reading a folder of TOML data (the guardrail policy, the offline templates) means
parsing every file and validating it, which costs a short command more than the rest
of its work. The result depends only on the files' bytes and on the code that reads
them, so it is stored once (a pickle) under a key made of both, and later runs load it
in about a millisecond. A changed data file or reading module gives a new key, so a
stale copy is never used; a file that will not load is rebuilt from the data. Only data
that validated is stored, so every error still comes from the loader.

The cache folder belongs to the user (like their config file); nothing else writes there.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

T = TypeVar("T")

_SUFFIX = ".pickle"


def cached(
    kind: str,
    directory: Path,
    code: Iterable[Path],
    build: Callable[[Path], T],
    cache_dir: Path | None,
    *,
    accept: Callable[[object], bool],
) -> T:
    """What ``build(directory)`` returns, from ``cache_dir`` when a matching copy is stored.

    Args:
        kind: names the stored files (``kind-<key>.pickle``); older copies of a kind go.
        directory: the data folder (its ``*.toml`` files are part of the key).
        code: the modules whose size and modification time are part of the key.
        build: reads and validates the folder; what it raises goes to the caller.
        cache_dir: where copies are kept; None builds without a cache.
        accept: whether a loaded object is what ``build`` would give for this folder.
    """
    if cache_dir is None:
        return build(directory)
    try:
        path = cache_dir / f"{kind}-{cache_key(directory, code)}{_SUFFIX}"
    except OSError:
        return build(directory)  # an unreadable data file: let the loader name it
    try:
        with path.open("rb") as stored:
            value = pickle.load(stored)
        if accept(value):
            return value
    except Exception:  # noqa: BLE001 - missing, truncated or from other code: rebuild it
        pass
    value = build(directory)
    _store(value, path, kind)
    return value


def cache_key(directory: Path, code: Iterable[Path]) -> str:
    """A digest of everything the stored copy depends on.

    The data files' bytes; the size and modification time of every module in ``code``;
    the Python version (pickles of one version's objects) and the folder's path.
    """
    parts = [f"{sys.version}\0{directory}\0".encode()]
    for data_file in sorted(directory.glob("*.toml")):
        parts.append(data_file.name.encode() + b"\0" + data_file.read_bytes() + b"\0")
    for module in sorted(code):
        info = module.stat()
        parts.append(f"{module.name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    # Two 32-bit checksums and the length: enough to tell versions of one folder apart,
    # and zlib loads in a fraction of the time hashlib's OpenSSL binding takes.
    blob = b"".join(parts)
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}{len(blob):x}"


def _mapping_proxy(items: dict) -> MappingProxyType:
    """Rebuild a read-only mapping when a stored copy is loaded."""
    return MappingProxyType(items)


def _store(value: object, path: Path, kind: str) -> None:
    """Write ``value`` to ``path`` atomically and drop older copies; failures are ignored."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table[MappingProxyType] = lambda proxy: (_mapping_proxy, (dict(proxy),))
    try:
        pickler.dump(value)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            partial.write_bytes(buffer.getvalue())
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        for old in path.parent.glob(f"{kind}-*{_SUFFIX}"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full cache folder only means the next run reads the data again
