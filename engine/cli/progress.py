"""A progress bar on standard error for a command that streams the rows of a file (``diff --profiles FILE.csv``).

The bar is redrawn in place (a carriage return, no new line) at most five times a second and wiped
at the end, so it never mixes with a report on standard output. The number of rows is estimated by
counting the lines of the file once before the run (a plain file only: a pipe is read once, by the
command; then the bar shows the rows done and the speed without a total).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from time import monotonic

import click

from ..text.messages import say

WIDTH = 24
"""The bar's width in characters."""


def estimate_rows(path: Path) -> int | None:
    """The lines of a plain file (less a CSV's header): about its rows; None when it is not a plain file."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        lines = 0
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                lines += block.count(b"\n")
                last = block
        if lines == 0:
            return None
        lines += not last.endswith(b"\n")  # a last line without its new line
    except OSError:
        return None
    return max(lines - (path.suffix.lower() == ".csv"), 1)


class ProgressBar:
    """Called with the number of rows done; draws ``[######......]  60%  600,000 of 1,000,000 rows, 9,800 rows/s``."""

    def __init__(self, total: int | None, lang: str):
        self.total = total
        self.lang = lang
        self.started = monotonic()
        self.shown = 0.0
        self.width = 0

    def _count(self, value: float) -> str:
        return f"{value:,.0f}".replace(",", "." if self.lang == "nl" else ",")

    def __call__(self, done: int) -> None:
        now = monotonic()
        if now - self.shown < 0.2:
            return
        self.shown = now
        rate = self._count(done / max(now - self.started, 1e-9))
        if self.total:
            total = max(self.total, done)
            filled = WIDTH * done // total
            words = say("population.progress", self.lang, done=self._count(done), total=self._count(total), rate=rate)
            text = f"[{'#' * filled}{'.' * (WIDTH - filled)}] {100 * done // total:3d}%  {words}"
        else:
            text = say("population.progress-open", self.lang, done=self._count(done), rate=rate)
        click.echo("\r" + text.ljust(self.width), nl=False, err=True)
        self.width = len(text)

    def close(self) -> None:
        """Wipe the bar (when it was drawn)."""
        if self.width:
            click.echo("\r" + " " * self.width + "\r", nl=False, err=True)
            self.width = 0
