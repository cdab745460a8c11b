"""A cache of validated rule files, so that commands which only evaluate skip YAML parsing and schemas.

Reading a rule set means parsing YAML in pure Python and validating it against the
schemas; that is most of what ``subsidie evaluate`` spends. After a rule set has
loaded without errors, the validated data of its files is stored under a key made
of the engine version, the schemas and the rules' content digest, so any change to
any of them misses the cache. Expressions are still compiled and checked on every
load (that is fast). The cache holds plain data only, and is read with an
unpickler that refuses anything but built-in containers, numbers, texts, Decimal
and date. ``SUBSIDIE_CACHE_DIR`` chooses the folder; ``SUBSIDIE_NO_CACHE=1`` turns
the cache off; ``subsidie validate`` never uses it.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .resources import schemas_dir

_ALLOWED = {("decimal", "Decimal"): decimal.Decimal, ("datetime", "date"): _dt.date}


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:  # noqa: D102
        if (module, name) in _ALLOWED:
            return _ALLOWED[(module, name)]
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the rules cache")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("SUBSIDIE_NO_CACHE"):
        return None
    configured = os.environ.get("SUBSIDIE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "subsidie"


def cache_key(digest: str) -> str:
    """The key of a rule set: engine version, schema texts and rules digest."""
    hasher = hashlib.sha256(f"{__version__}\0{digest}\0".encode())
    for path in sorted(schemas_dir().glob("*.schema.json")):
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def read(digest: str) -> dict[str, Any] | None:
    """The cached data of the rule set with this digest, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        raw = (folder / f"{cache_key(digest)}.pickle").read_bytes()
        payload = _PlainUnpickler(io.BytesIO(raw)).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
        return None
    return payload if isinstance(payload, dict) and payload.get("digest") == digest else None


def write(digest: str, payload: dict[str, Any]) -> None:
    """Store the data of a rule set that loaded without errors; a cache that cannot be written is skipped."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".rules-", suffix=".tmp", delete=False) as handle:
            pickle.dump({**payload, "digest": digest}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / f"{cache_key(digest)}.pickle")
    except OSError:
        try:
            os.unlink(handle.name)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass
