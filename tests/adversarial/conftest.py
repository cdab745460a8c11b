"""Fixtures of the adversarial tests: a measured command runner with a warmed rules cache, and
copies of the shipped rule set to plant hostile files in."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .harness import MAX_SECONDS, ROOT, Run, assert_contained, log_run, run_engine

RULES = ROOT / "rules"
SMALL_IT_FIRM = ROOT / "examples" / "profiles" / "small-it-firm.yaml"

Engine = Callable[..., Run]


@pytest.fixture(scope="session")
def rules_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rules cache folder for this session, warmed once with the shipped rules.

    Commands that evaluate then start as a user's second run does (no YAML parsing of the
    shipped rules), so the measured time is the hostile input's, not the cache's.
    """
    folder = tmp_path_factory.mktemp("adversarial-cache")
    warm = run_engine(
        ["evaluate", str(SMALL_IT_FIRM), "--as-of", "2026-03-01"],
        work=tmp_path_factory.mktemp("warm"),
        env={"SUBSIDIE_CACHE_DIR": str(folder)},
    )
    assert warm.code == 0, warm.describe()
    assert list(folder.glob("*.pickle")), "the warm-up run did not fill the rules cache"
    return folder


@pytest.fixture
def engine(rules_cache: Path, tmp_path: Path) -> Engine:
    """Run ``subsidie ARGS`` as a measured child process (see :mod:`tests.adversarial.harness`).

    A run that took longer than the time bound in wall time but not in CPU time was slowed by
    other processes on the machine, not by the input: it is run again (at most twice more), and
    the last measurement counts. ``SUBSIDIE_ADVERSARIAL_LOG=FILE`` appends every measurement to FILE.
    """
    counter = itertools.count(1)

    def run(*args: str, stdin: bytes | Path | None = None, cwd: Path = ROOT) -> Run:
        for attempt in (1, 2, 3):
            result = run_engine(
                list(args),
                work=tmp_path / f"run-{next(counter)}",
                stdin=stdin,
                cwd=cwd,
                env={"SUBSIDIE_CACHE_DIR": str(rules_cache)},
            )
            log_run(result, attempt)
            if not (result.seconds >= MAX_SECONDS > result.cpu):
                break
        return result

    return run


@pytest.fixture
def rule_copy(tmp_path: Path) -> Callable[[], Path]:
    """A fresh copy of the shipped rule set (without its case files) to plant a hostile file in."""
    counter = itertools.count(1)

    def copy() -> Path:
        target = tmp_path / f"rules-{next(counter)}"
        shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("*.cases.yaml"))
        return target

    return copy


@pytest.fixture(scope="session")
def fifty_megabytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """50 MiB of one YAML comment line: the oversized file of issue 7, made once per session."""
    return b"# " + b"x" * (50 * 2**20 - 3) + b"\n"


__all__ = ["RULES", "SMALL_IT_FIRM", "Engine", "assert_contained"]
