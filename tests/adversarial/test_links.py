"""Links in a pull request: a rule file, a facts folder, a case file or an example profile committed as a
link to a file elsewhere on the machine that checks the pull request.

Before these checks, ``validate`` read the target and its diagnostics quoted it ("expected a mapping
but found the text 'ghp_...'"), and ``diff`` put the same line in the impact report that CI posts on
the pull request. Files the engine finds by itself in a folder must now be in that folder; a file
named on the command line is the user's choice and is read wherever it is.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import RULES, SMALL_IT_FIRM, Engine
from .harness import assert_contained

SECRET = "ghp_SECRETSECRETSECRETSECRET"
CSV_INPUT = (
    "project.id,company.legal_form,company.region,company.employees,company.turnover,"
    "company.balance_sheet_total,project.kind,project.theme,project.cost,project.application_date,"
    "project.provider_registered\n"
    "p1,bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true\n"
)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside every rule folder, holding what a CI machine must not show: a one-line token."""
    path = tmp_path / "outside" / "token.txt"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def _no_secret(run) -> None:
    assert SECRET[:8] not in run.stdout + run.stderr, run.describe()


LINK_MESSAGE = "error: the file is a link to a file outside the rule folder; it is not read [link-outside]"


@pytest.mark.parametrize(
    "command, code",
    [
        (["validate", "RULES"], 1),
        (["evaluate", str(SMALL_IT_FIRM), "--rules", "RULES"], 2),
        (["test", "--rules", "RULES"], 2),
        (["batch", "in.csv", "-o", "out.csv", "--rules", "RULES"], 2),
    ],
)
def test_rule_file_linked_outside_is_not_read(command, code, secret, engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    (rules / "leak.yaml").symlink_to(secret)
    (tmp_path / "in.csv").write_text(CSV_INPUT, encoding="utf-8")
    run = engine(*[str(rules) if a == "RULES" else a for a in command], cwd=tmp_path)
    assert_contained(run, code)
    _no_secret(run)
    assert run.stderr.splitlines()[0] == f"rules-1/leak.yaml:1:1: {LINK_MESSAGE}"


def test_facts_folder_linked_outside_is_not_read(secret, engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    shutil.rmtree(rules / "facts")
    (secret.parent / "common.yaml").write_text(SECRET + "\n", encoding="utf-8")
    (rules / "facts").symlink_to(secret.parent, target_is_directory=True)
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 1)
    _no_secret(run)
    assert f"rules-1/facts/common.yaml:1:1: {LINK_MESSAGE}" in run.stderr.splitlines()


def test_rule_file_linked_inside_the_folder_is_read(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    (rules / "store").mkdir()
    (rules / "kmo-portefeuille.yaml").rename(rules / "store" / "kmo.txt")
    (rules / "kmo-portefeuille.yaml").symlink_to(rules / "store" / "kmo.txt")
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 0)


def test_case_file_linked_outside_is_not_read(secret, engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    (rules / "leak.cases.yaml").symlink_to(secret)
    expected = (
        "rules-1/leak.cases.yaml:1:1: error: the case file is a link to a file outside its folder; it is not "
        "read [link-outside]"
    )
    run = engine("test", "--rules", str(rules), cwd=tmp_path)
    assert_contained(run, 1)
    _no_secret(run)
    assert run.stderr.splitlines()[0] == expected
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 1)
    _no_secret(run)
    assert run.stderr.splitlines()[0] == expected


def test_example_profile_linked_outside_is_not_in_the_impact_report(secret, engine: Engine, tmp_path):
    repository = tmp_path / "repo"
    # the rules without their case files: the corpus is then the examples folder alone (the links are
    # the point here, not the time a few hundred case profiles take)
    shutil.copytree(RULES, repository / "rules", ignore=shutil.ignore_patterns("*.cases.yaml"))
    examples = repository / "examples" / "profiles"
    examples.mkdir(parents=True)
    shutil.copy(SMALL_IT_FIRM, examples / "small-it-firm.yaml")
    (examples / "leak.yaml").symlink_to(secret)
    run = engine(
        "diff",
        "--base",
        str(repository / "rules"),
        "--rules",
        str(repository / "rules"),
        "--format",
        "json",
        "--as-of",
        "2026-03-01",
        cwd=tmp_path,
    )
    assert_contained(run, 2)  # a corpus profile that cannot be read fails the diff
    _no_secret(run)
    report = json.loads(run.stdout)
    assert (
        "repo/examples/profiles/leak.yaml:1:1: error: the file is a link to a file outside its folder; it is not "
        "read [link-outside]" in json.dumps(report)
    )


def test_profile_named_on_the_command_line_is_read_wherever_it_is(engine: Engine, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(SMALL_IT_FIRM, tmp_path / "elsewhere" / "acme.yaml")
    (tmp_path / "acme.yaml").symlink_to(tmp_path / "elsewhere" / "acme.yaml")
    run = engine("evaluate", "acme.yaml", "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 0)
