"""A cache of validated rule files, so that commands which only evaluate skip YAML parsing and schemas.

Reading a rule set means parsing YAML in pure Python and validating it against the
schemas; that is most of what ``subsidie evaluate`` spends. After a rule set has
loaded without errors, the validated data of its files is stored under a key made
of the engine version, the schemas and the rules' content (their BLAKE2b fingerprint,
:func:`engine.load.ruleset.fingerprint`), so any change to any of them misses the cache;
the entry keeps the rule set's SHA-256 digest, which results show, worked out over the same
bytes. With the data it keeps the names each expression reads (its parameters and facts,
and whether it reads the amount), so that an expression is compiled only when it is first
evaluated (:func:`engine.language.compiler.compile_later`). The cache holds plain data only,
and is read with an unpickler that refuses anything but built-in containers, numbers, texts,
Decimal and date, and only from files of the same user that nobody else may write. The key
also covers the engine's own code: every module, by its path in the package. Do not
share the folder between trust domains (for example a CI cache shared by
pull-request jobs and main): whoever can write it can change results.
``SUBSIDIE_CACHE_DIR`` chooses the folder; ``SUBSIDIE_NO_CACHE=1``
turns the cache off; ``subsidie validate`` never uses it.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..resources import package_dir, schemas_dir
from ..version import __version__
from .hashing import blake2b

if TYPE_CHECKING:
    from pickle import Unpickler, UnpicklingError
else:
    try:  # CPython's unpickler itself (pickle.Unpickler is this class), without the rest of pickle.py to import
        from _pickle import Unpickler, UnpicklingError
    except ImportError:  # another Python
        from pickle import Unpickler, UnpicklingError

_ALLOWED = {("decimal", "Decimal"): decimal.Decimal, ("datetime", "date"): _dt.date}


class _PlainUnpickler(Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        """Decimal and date only: any other class in an entry makes it unreadable."""
        if (module, name) in _ALLOWED:
            return _ALLOWED[(module, name)]
        raise UnpicklingError(f"{module}.{name} is not allowed in the rules cache")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("SUBSIDIE_NO_CACHE"):
        return None
    configured = os.environ.get("SUBSIDIE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "subsidie"


def cache_key(fingerprint: str) -> str:
    """The key of a rule set: the engine's own code, its version, the schema texts and the rules' fingerprint.

    The code is every module of the package, subpackages included, each by its path in the package,
    its size and the time it was last written (reading the bytes of some hundred modules cost every
    command several milliseconds): a change to any module, or a module moved or renamed, gives
    another key."""
    hasher = blake2b(f"{__version__}\0{fingerprint}\0".encode(), digest_size=32)
    schemas = schemas_dir()
    with os.scandir(schemas) as entries:
        names = sorted(entry.name for entry in entries if entry.name.endswith(".schema.json"))
    for name in names:
        hasher.update(name.encode() + b"\0" + (schemas / name).read_bytes())
    code = "".join(f"{name}\0{size}\0{written}\0" for name, size, written in sorted(_modules(str(package_dir()), "")))
    hasher.update(code.encode())
    return hasher.hexdigest()


def _modules(folder: str, prefix: str) -> list[tuple[str, int, int]]:
    """(path in the package, size, time last written) of every ``*.py`` file under ``folder``."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py") and entry.is_file():
                info = entry.stat()
                found.append((prefix + entry.name, info.st_size, info.st_mtime_ns))
            elif entry.is_dir() and entry.name != "__pycache__":
                found += _modules(entry.path, f"{prefix}{entry.name}/")
    return found


def _trusted(path: Path) -> bool:
    """Only a file of this user that nobody else may write is read (a shared cache could be poisoned)."""
    if not hasattr(os, "getuid"):
        return True
    info = path.stat()
    folder = path.parent.stat()
    return (
        info.st_uid == os.getuid()
        and not info.st_mode & 0o022
        and folder.st_uid == os.getuid()
        and not folder.st_mode & 0o022
    )


def read(fingerprint: str) -> dict[str, Any] | None:
    """The cached data of the rule set with this fingerprint (its ``digest`` among them), or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        path = folder / f"{cache_key(fingerprint)}.pickle"
        if not _trusted(path):
            return None
        payload = _PlainUnpickler(io.BytesIO(path.read_bytes())).load()
    except Exception:  # noqa: BLE001 - whatever is wrong with a cache entry, it is a miss
        return None
    if not isinstance(payload, dict) or payload.get("fingerprint") != fingerprint:
        return None
    return payload if isinstance(payload.get("digest"), str) else None


def write(fingerprint: str, payload: dict[str, Any]) -> None:
    """Store the data of a rule set that loaded without errors (with its ``digest``) under its fingerprint; a cache
    that cannot be written is skipped."""
    folder = cache_dir()
    if folder is None:
        return
    import pickle  # here, as tempfile: a read of the cache needs only the unpickler
    import tempfile  # it imports shutil, random and more

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".rules-", suffix=".tmp", delete=False) as handle:
            pickle.dump({**payload, "fingerprint": fingerprint}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / f"{cache_key(fingerprint)}.pickle")
    except OSError:
        try:
            os.unlink(handle.name)
        except (OSError, NameError):
            pass
