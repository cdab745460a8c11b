"""Names in a rule folder that are no plain file: a link to ``/dev/zero``, a folder named ``x.yaml``,
a FIFO, a link to nothing.

Before these checks the rules digest read every ``*.yaml`` of the folder, following links, with no
bound and before the link-outside check: a link to ``/dev/zero`` made every command but ``validate``
spin until killed (``SUBSIDIE_NO_CACHE=1`` did not help), a folder named ``x.yaml`` and a link to
nothing ended in an internal error (exit 3), a FIFO waited forever, and a warm rules cache skipped
the link-outside check. Each is now a diagnostic with exit 2 (1 for ``validate``), within the bounds.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import RULES, SMALL_IT_FIRM, Engine
from .harness import assert_contained

CSV_INPUT = (
    "project.id,company.legal_form,company.region,company.employees,company.turnover,"
    "company.balance_sheet_total,project.kind,project.theme,project.cost,project.application_date,"
    "project.provider_registered\n"
    "p1,bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true\n"
)


def _dev_zero(path: Path) -> str:
    path.symlink_to("/dev/zero")
    return "error: the file is a link to a file outside the rule folder; it is not read [link-outside]"


def _folder(path: Path) -> str:
    path.mkdir()
    return "error: it is a folder, not a file; it is not read [not-a-file]"


def _fifo(path: Path) -> str:
    os.mkfifo(path)
    return "error: it is a FIFO, not a file; it is not read [not-a-file]"


def _link_to_nothing_inside(path: Path) -> str:
    path.symlink_to(path.parent / "gone.txt")
    return "error: cannot read the file: No such file or directory [unreadable]"


PLANTS: dict[str, Callable[[Path], str]] = {
    "dev-zero": _dev_zero,
    "folder": _folder,
    "fifo": _fifo,
    "link-to-nothing": _link_to_nothing_inside,
}
COMMANDS = {
    "validate": (["validate", "RULES"], 1),
    "evaluate": (["evaluate", str(SMALL_IT_FIRM), "--as-of", "2026-03-01", "--rules", "RULES"], 2),
    "test": (["test", "--rules", "RULES"], 2),
    "explain": (["explain", str(SMALL_IT_FIRM), "--as-of", "2026-03-01", "--rules", "RULES"], 2),
    "docs": (["docs", "-o", "site", "--rules", "RULES"], 2),
    "batch": (["batch", "in.csv", "-o", "out.csv", "--rules", "RULES"], 2),
    "diff": (["diff", "--base", str(RULES), "--rules", "RULES", "--profiles", str(SMALL_IT_FIRM)], 2),
}


@pytest.mark.parametrize("plant", PLANTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_name_that_is_no_plain_file_is_a_diagnostic(plant, command, engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    expected = PLANTS[plant](rules / "z.yaml")
    (tmp_path / "in.csv").write_text(CSV_INPUT, encoding="utf-8")
    arguments, code = COMMANDS[command]
    run = engine(*[str(rules) if a == "RULES" else a for a in arguments], cwd=tmp_path)
    assert_contained(run, code)
    assert f"{rules.name}/z.yaml:1:1: {expected}" in run.stdout + run.stderr, run.describe()


def test_a_warm_cache_does_not_skip_the_link_outside_check(engine: Engine, rule_copy, tmp_path):
    """The same bytes in a file outside the folder, linked in place of a rule file: same digest as the
    cached folder, but the link is still refused."""
    rules = rule_copy()
    first = engine("evaluate", str(SMALL_IT_FIRM), "--as-of", "2026-03-01", "--rules", str(rules), cwd=tmp_path)
    assert_contained(first, 0)  # the cache now holds this rule set
    elsewhere = tmp_path / "elsewhere.yaml"
    shutil.move(rules / "kmo-portefeuille.yaml", elsewhere)
    (rules / "kmo-portefeuille.yaml").symlink_to(elsewhere)
    run = engine("evaluate", str(SMALL_IT_FIRM), "--as-of", "2026-03-01", "--rules", str(rules), cwd=tmp_path)
    assert_contained(run, 2)
    assert "kmo-portefeuille.yaml:1:1: error: the file is a link to a file outside the rule folder" in run.stderr


def test_a_case_file_that_is_a_fifo_is_a_diagnostic(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    os.mkfifo(rules / "waiting.cases.yaml")
    run = engine("test", "--rules", str(rules), cwd=tmp_path)
    assert_contained(run, 1)  # as for any case file that cannot be read: a failure of the tests
    assert f"{rules.name}/waiting.cases.yaml:1:1: error: it is a FIFO, not a file; it is not read [not-a-file]" in (
        run.stdout + run.stderr
    )


def test_an_example_profile_that_is_a_fifo_is_a_diagnostic_in_the_impact_report(engine: Engine, tmp_path):
    repository = tmp_path / "repo"
    shutil.copytree(RULES, repository / "rules", ignore=shutil.ignore_patterns("*.cases.yaml"))
    examples = repository / "examples" / "profiles"
    examples.mkdir(parents=True)
    shutil.copy(SMALL_IT_FIRM, examples / "small-it-firm.yaml")
    os.mkfifo(examples / "waiting.yaml")
    run = engine("diff", "--base", str(repository / "rules"), "--rules", str(repository / "rules"), cwd=tmp_path)
    assert "waiting.yaml:1:1: error: it is a FIFO, not a file; it is not read [not-a-file]" in run.stdout, (
        run.describe()
    )
