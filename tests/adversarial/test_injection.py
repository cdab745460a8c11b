"""Text from a profile, a case file or a rule file that tries to act where it is shown.

A pull request may add a profile whose project id holds line breaks, Markdown, HTML, an escape
sequence or a GitHub workflow command. Before the escaping of engine/text/escaping.py, the impact
report that CI posts on the pull request took such an id as its own Markdown (a fake "Approved"
heading, an image, an ``<!--`` that hid every row after it), and the text formats printed it raw:
the escape sequence reached the terminal and ``::error`` became an annotation on the pull request.
Each value now shows as written, and nothing of it acts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from engine.text.escaping import markdown_text

from ..commands.test_diff import NEW_RATE
from .conftest import RULES, SMALL_IT_FIRM, Engine
from .harness import assert_contained

HOSTILE_ID = (
    "cyber-audit\n## Approved by @security-team\n![x](https://evil.example/x.png) <!--\n"
    "::error file=a.py::pwned\x1b[2J\r"
)
# the id as every format shows it: on one line, its control characters written as escapes
SHOWN = (
    "cyber-audit\\n## Approved by @security-team\\n![x](https://evil.example/x.png) <!--\\n"
    "::error file=a.py::pwned\\x1b[2J\\r"
)


def _hostile_profile(folder: Path) -> Path:
    text = SMALL_IT_FIRM.read_text(encoding="utf-8")
    path = folder / "hostile.yaml"
    path.write_text(text.replace("  - id: cyber-audit", "  - id: " + json.dumps(HOSTILE_ID)), encoding="utf-8")
    return path


def _changed_rules(folder: Path) -> Path:
    rules = folder / "current"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("*.cases.yaml"))
    path = rules / "kmo-portefeuille.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  raised_themes:\n", NEW_RATE, 1), encoding="utf-8")
    return rules


def _inert(output: str) -> None:
    """Nothing in ``output`` acts on a terminal, in a CI log or as a Markdown block of its own."""
    assert "\x1b" not in output and "\r" not in output
    for line in output.splitlines():
        assert not line.lstrip().startswith(("::", "## Approved", "![", "<!--")), line


def test_impact_report_in_markdown_shows_a_hostile_project_id_as_code(engine: Engine, tmp_path):
    profile = _hostile_profile(tmp_path)
    rules = _changed_rules(tmp_path)
    args = ["diff", "--base", str(RULES), "--rules", str(rules), str(profile), "--as-of", "2026-11-29"]
    run = engine(*args, "--format", "markdown", "--lang", "en", cwd=tmp_path)
    assert_contained(run, 0)
    _inert(run.stdout)
    assert (
        f"| `hostile.yaml` | `{SHOWN}` | `kmo-portefeuille` | eligible 45% EUR 4,500.00 | "
        "eligible 50% EUR 5,000.00 | +EUR 500.00 |"
    ) in run.stdout.splitlines()
    # the row after it is still a row: no comment was opened
    assert (
        "| `hostile.yaml` | `security-training` | `kmo-portefeuille` | eligible 45% EUR 3,000.00 | "
        "eligible 50% EUR 2,500.00 | -EUR 500.00 |"
    ) in run.stdout.splitlines()


def test_impact_report_in_text_keeps_a_hostile_project_id_on_its_line(engine: Engine, tmp_path):
    profile = _hostile_profile(tmp_path)
    rules = _changed_rules(tmp_path)
    run = engine(
        "diff", "--base", str(RULES), "--rules", str(rules), str(profile), "--as-of", "2026-11-29", "--lang", "en",
        cwd=tmp_path,
    )  # fmt: skip
    assert_contained(run, 0)
    _inert(run.stdout)
    assert (
        f"       +EUR 500.00  hostile.yaml  {SHOWN}  kmo-portefeuille: eligible 45% EUR 4,500.00 → "
        "eligible 50% EUR 5,000.00"
    ) in run.stdout.splitlines()


def test_evaluate_markdown_and_text_and_explain_show_a_hostile_id_as_written(engine: Engine, tmp_path):
    profile = _hostile_profile(tmp_path)
    markdown = engine("evaluate", str(profile), "--format", "markdown", "--as-of", "2026-11-29", cwd=tmp_path)
    text = engine("evaluate", str(profile), "--as-of", "2026-11-29", "--lang", "nl", cwd=tmp_path)
    explain = engine("explain", str(profile), "--as-of", "2026-11-29", "--lang", "nl", cwd=tmp_path)
    for run in (markdown, text, explain):
        assert_contained(run, 0)
        _inert(run.stdout)
    assert "## " + markdown_text(f"{HOSTILE_ID} (advice, applied 1 March 2026)") in markdown.stdout.splitlines()
    assert f"{SHOWN} (advies, aanvraag 1 maart 2026)" in text.stdout.splitlines()
    assert f"Project {SHOWN}, maatregel kmo-portefeuille (aanvraag 2026-03-01)" in explain.stdout.splitlines()
    assert f"      2026-03-01 EUR 4.500,00 kmo-portefeuille (project {SHOWN})" in explain.stdout.splitlines()


def test_a_hostile_key_in_a_diagnostic_is_no_workflow_command(engine: Engine, tmp_path):
    profile = tmp_path / "key.yaml"
    profile.write_text('company:\n  "\\n::error file=x::pwned\\e[31m": 1\n', encoding="utf-8")
    run = engine("evaluate", str(profile), "--lang", "en", cwd=tmp_path)
    assert_contained(run, 2)
    _inert(run.stderr)
    shown = "unknown key '\\n::error file=x::pwned\\x1b[31m' [unknown-key]"
    assert f"{profile}:2:3: error: {shown}" in run.stderr.splitlines()


def test_a_hostile_case_name_in_test_output_is_no_workflow_command(engine: Engine, tmp_path):
    cases = (RULES / "kmo-portefeuille.cases.yaml").read_text(encoding="utf-8").split("\n  - name: medium")[0]
    cases = cases.replace(
        "  - name: small-advice-other-2025", "  - name: " + json.dumps("x\n::error file=a::pwned\x1b[2J")
    )
    (tmp_path / "h.cases.yaml").write_text(
        cases.replace("amount: 3000.00, recommended", "amount: 3001.00, recommended")
    )
    run = engine("test", "h.cases.yaml", "-v", cwd=tmp_path)
    assert_contained(run, 1)
    _inert(run.stdout + run.stderr)
    assert run.stdout.splitlines() == [
        "FAIL h.cases.yaml:12: x\\n::error file=a::pwned\\x1b[2J",
        "  project 'p', measure 'kmo-portefeuille': amount: expected 3001, got 3000",
        "0 passed, 1 failed",
    ]
