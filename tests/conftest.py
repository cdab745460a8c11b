"""Shared fixtures: repository paths and a CLI runner that never hides exceptions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
EXAMPLES = ROOT / "examples" / "profiles"


@pytest.fixture
def run_cli():
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
        runner = CliRunner()
        result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def rule_dir(tmp_path: Path) -> Path:
    """A rule-set folder holding a copy of the shipped facts and no measure yet."""
    target = tmp_path / "rules"
    shutil.copytree(RULES / "facts", target / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))
    return target


@pytest.fixture(autouse=True, scope="session")
def _private_rules_cache(tmp_path_factory):
    """The tests never read or write the user's rules cache."""
    import os

    folder = tmp_path_factory.mktemp("rules-cache")
    previous = os.environ.get("SUBSIDIE_CACHE_DIR")
    os.environ["SUBSIDIE_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("SUBSIDIE_CACHE_DIR", None)
    else:
        os.environ["SUBSIDIE_CACHE_DIR"] = previous
