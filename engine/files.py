"""Reading and writing files safely: a file found in a folder is read only if it is a plain file, and
a file is written whole or not at all.

The engine finds rule files, case files and example profiles by itself in folders that a pull
request may fill: a name ending in ``.yaml`` may be a folder, a FIFO (reading it would wait
forever) or a device (``/dev/zero`` never ends). :func:`open_plain` opens such a file without
waiting and refuses anything but a plain file. Files are written through a temporary file in the
same folder, flushed, then renamed over the target (:func:`whole_output`), so that a crash, Ctrl-C or
a full disk never leaves a half-written file behind; the file keeps its mode, a link keeps pointing
at it, and a device or FIFO named as output is written to, never replaced by a file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

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


@contextmanager
def whole_output(path: str | Path) -> Iterator[TextIO]:
    """A text stream (UTF-8, newlines as written) whose content becomes ``path`` only when the block ends well.

    A plain file (or a new one) is written through a temporary file in its folder, flushed, given
    the mode of the file it replaces (or that of an ordinary new file), then renamed over it; after
    an exception the temporary file is removed and the output is as it was. A link is followed: its
    target gets the content and the link stays. A device or a FIFO (``/dev/stdout``, a pipe) is
    written to directly, since it cannot be replaced; renaming over it would turn it into a file.

    Raises:
        IsADirectoryError: when ``path`` is a folder.
        OSError: when the folder cannot be written or the device refuses the text.
    """
    target = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(target, "w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~current_umask()
    import tempfile  # here, not at the top: it imports shutil, random and compression modules reading never needs

    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)  # mkstemp makes it 0600
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_whole(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all, as :func:`whole_output` does.

    Raises:
        OSError: when the folder cannot be written (the temporary file is removed).
    """
    with whole_output(path) as stream:
        stream.write(text)


def current_umask() -> int:
    """The process's file mode creation mask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
