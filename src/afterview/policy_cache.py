"""The compiled guardrail policy, kept between runs in the user's cache folder.

Reading ``guardrails/`` means parsing three TOML files and checking the syntax of every
regex in them, which costs more than the rest of ``afterview check`` together and grows
with the data. The result depends only on the files' bytes and on the code that reads
them, so it is stored once (a pickle of the ``Policy``, whose regexes are still
uncompiled source strings) under a key made of both, and later runs load it in about a
millisecond. A changed data file or check module gives a new key, so a stale policy is
never used; a file that will not load is rebuilt from the data. Only policies that
validated are stored, so every error still comes from ``load_policy``.

The cache folder belongs to the user (like their config file); nothing else writes there.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import sys
import zlib
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from afterview import checks
from afterview.checks import Policy, load_policy

_PREFIX = "policy-"
_SUFFIX = ".pickle"


def cached_policy(directory: Path, cache_dir: Path | None) -> Policy:
    """The policy in ``directory``, from ``cache_dir`` when a matching copy is stored.

    Args:
        directory: the guardrails folder.
        cache_dir: where compiled policies are kept; None loads without a cache.

    Raises:
        PolicyError: a policy file is missing or malformed (names file and key).
    """
    return _cached(Path(directory).resolve(), cache_dir)


@lru_cache(maxsize=8)
def _cached(directory: Path, cache_dir: Path | None) -> Policy:
    # Once per process, like ``load_policy``: later calls return the same object.
    if cache_dir is None:
        return load_policy(directory)
    try:
        path = cache_dir / f"{_PREFIX}{cache_key(directory)}{_SUFFIX}"
    except OSError:
        return load_policy(directory)  # an unreadable data file: let the loader name it
    try:
        with path.open("rb") as stored:
            policy = pickle.load(stored)
        if isinstance(policy, Policy) and policy.directory == directory:
            return policy
    except Exception:  # noqa: BLE001 - missing, truncated or from other code: rebuild it
        pass
    policy = load_policy(directory)
    _store(policy, path)
    return policy


def cache_key(directory: Path) -> str:
    """A digest of everything the compiled policy depends on.

    The guardrail files' bytes; the size and modification time of every module of
    ``afterview.checks`` (which define the compiled classes and how the data is read);
    the Python version (pickles of one version's objects) and the folder's path.
    """
    parts = [f"{sys.version}\0{directory}\0".encode()]
    for data_file in sorted(directory.glob("*.toml")):
        parts.append(data_file.name.encode() + b"\0" + data_file.read_bytes() + b"\0")
    code = Path(checks.__file__).parent
    for module in sorted(code.glob("*.py")):
        info = module.stat()
        parts.append(f"{module.name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    # Two 32-bit checksums and the length: enough to tell versions of one folder apart,
    # and zlib loads in a fraction of the time hashlib's OpenSSL binding takes.
    blob = b"".join(parts)
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}{len(blob):x}"


def _mapping_proxy(items: dict) -> MappingProxyType:
    """Rebuild a read-only mapping when a stored policy is loaded."""
    return MappingProxyType(items)


def _store(policy: Policy, path: Path) -> None:
    """Write ``policy`` to ``path`` atomically and drop older copies; failures are ignored."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table[MappingProxyType] = lambda proxy: (_mapping_proxy, (dict(proxy),))
    try:
        pickler.dump(policy)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            partial.write_bytes(buffer.getvalue())
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        for old in path.parent.glob(f"{_PREFIX}*{_SUFFIX}"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full cache folder only means the next run compiles again
