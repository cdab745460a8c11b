"""SHA-256 for the rules digest, BLAKE2b for the rules cache's key, without importing :mod:`hashlib` at every start.

:mod:`hashlib` loads OpenSSL's bindings when it is imported, which costs every command some
milliseconds before it has read a file; CPython's own SHA-256 and BLAKE2 modules give the same
digests. Where a Python lacks them, :mod:`hashlib`'s are used. The digest a rule set shows
(``sha256:...``) is SHA-256; the key of a rules cache entry, which every command that evaluates
works out over the rule files, the schemas and the engine's code, is BLAKE2b with 32-byte digests:
as strong, and about four times fewer instructions a byte than CPython's own SHA-256.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import blake2b, sha256
else:
    try:
        from _sha256 import sha256
    except ImportError:  # another Python, or a later CPython (3.12 names the module _sha2)
        from hashlib import sha256
    try:
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b

__all__ = ["blake2b", "sha256"]
