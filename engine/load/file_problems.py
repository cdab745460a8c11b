"""The diagnostics of a file that cannot be read at all: too large, unreadable (the system's reason, in Dutch too
where it is a common one), or not a plain file (a folder, FIFO, socket or device found where a file was expected)."""

from __future__ import annotations

import errno

from ..diagnostics import ERROR, Diagnostic, diagnostic_at, phrase


def too_large(name: str, size: int | None, limit: int) -> Diagnostic:
    """The diagnostic for a file (of ``size`` bytes, None when unknown: standard input) over ``limit`` bytes."""
    message = (
        phrase("diagnostics.file-too-large", size=size, limit=limit)
        if size and size > limit
        else phrase("diagnostics.input-too-large", limit=limit)
    )
    return diagnostic_at(name, 1, 1, ERROR, "file-too-large", message)


_REASONS = {
    errno.ENOENT: "diagnostics.reason-missing",
    errno.EACCES: "diagnostics.reason-permission",
    errno.EISDIR: "diagnostics.reason-folder",
}


def unreadable(name: str, exc: OSError) -> Diagnostic:
    """The diagnostic for a file that cannot be read: the system's reason, in Dutch too where it is a common one."""
    known = _REASONS.get(exc.errno) if exc.errno is not None else None
    reason = phrase(known) if known else phrase("diagnostics.reason-other", reason=exc.strerror or exc)
    return diagnostic_at(name, 1, 1, ERROR, "unreadable", phrase("diagnostics.unreadable", reason=reason))


_KIND_WORDS = {
    "folder": "diagnostics.not-a-file-folder",
    "FIFO": "diagnostics.not-a-file-fifo",
    "socket": "diagnostics.not-a-file-socket",
    "device": "diagnostics.not-a-file-device",
}


def not_a_file(name: str, kind: str) -> Diagnostic:
    """The diagnostic for a name in a folder that is a folder, FIFO, socket or device, not a file."""
    hint = phrase("diagnostics.not-a-file-folder-hint" if kind == "folder" else "diagnostics.not-a-file-hint")
    message = phrase("diagnostics.not-a-file", kind=phrase(_KIND_WORDS[kind]))
    return diagnostic_at(name, 1, 1, ERROR, "not-a-file", message, hint)
