"""Reading and writing files safely: a file found in a folder is read only if it is a plain file, and
a file is written whole or not at all.

The engine finds rule files, case files and example profiles by itself in folders that a pull
request may fill: a name ending in ``.yaml`` may be a folder, a FIFO (reading it would wait
forever) or a device (``/dev/zero`` never ends). :func:`open_plain` opens such a file without
waiting and refuses anything but a plain file. Files are written through a temporary file in the
same folder, flushed, then renamed over the target (:func:`write_whole`), so that a crash, Ctrl-C or
a full disk never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

_KINDS = ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"))


class NotAPlainFile(Exception):
    """A path the engine found in a folder is not a plain file: ``kind`` says what it is."""

    def __init__(self, kind: str):
        super().__init__(f"a {kind}, not a file")
        self.kind = kind


def open_plain(path: str | Path) -> BinaryIO:
    """Open a file found in a folder for reading, without waiting, only if it is a plain file.

    Raises:
        NotAPlainFile: for a folder, a FIFO, a socket or a device.
        OSError: when the file cannot be opened (a link to nothing, no permission).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotAPlainFile(next((kind for test, kind in _KINDS if test(mode)), "device"))
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def write_whole(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` through a temporary file, then replace it.

    Raises:
        OSError: when the folder cannot be written (the temporary file is removed).
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~current_umask())  # as an ordinary new file (mkstemp makes it 0600)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process's file mode creation mask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
