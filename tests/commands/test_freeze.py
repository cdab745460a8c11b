"""`evaluate` freezes the garbage collector's view of its imports only in a process that runs one command."""

from __future__ import annotations

import gc
import subprocess
import sys

from click.testing import CliRunner

from engine.cli.app import main
from engine.cli.options import PROCESS, freeze_imports

EXAMPLE = "examples/profiles/small-it-firm.yaml"


def test_a_command_called_in_a_longer_process_freezes_nothing():
    before = gc.get_freeze_count()
    result = CliRunner().invoke(main, ["evaluate", EXAMPLE, "--as-of", "2026-06-01"])
    assert result.exit_code == 0
    assert gc.get_freeze_count() == before


def test_freeze_imports_freezes_only_for_one_command():
    before = gc.get_freeze_count()
    freeze_imports()
    assert gc.get_freeze_count() == before
    PROCESS["one_command"] = True
    try:
        freeze_imports()
        assert gc.get_freeze_count() > before
    finally:
        PROCESS["one_command"] = False
        gc.unfreeze()


def test_the_console_entry_point_marks_its_process_as_running_one_command():
    script = (
        "import sys, engine.cli.options as o, engine.cli.app as a\n"
        "sys.argv = ['subsidie', '--version']\n"
        "try:\n    a.run()\nexcept SystemExit:\n    print(o.PROCESS['one_command'])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "True"
