"""SHA-256 for the rules digest and the cache key, without importing :mod:`hashlib` at every start.

:mod:`hashlib` loads OpenSSL's bindings when it is imported, which costs every command some
milliseconds before it has read a file; CPython's own SHA-256 module gives the same digests.
Where a Python lacks it, :mod:`hashlib`'s is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256
    except ImportError:  # another Python, or a later CPython (3.12 names the module _sha2)
        from hashlib import sha256

__all__ = ["sha256"]
