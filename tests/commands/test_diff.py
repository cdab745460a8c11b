"""`subsidie diff`: the impact of a rule change on a corpus of profiles."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from engine.load.ruleset import case_files, digest

from ..conftest import EXAMPLES, RULES

NEW_RATE = """\
      - from: 2026-01-01
        value:
          standard: {micro: 30, small: 30, medium: 20}
          raised: {micro: 50, small: 50, medium: 35}
        source: https://www.vlaio.be/nl/subsidies-financiering/kmo-portefeuille/hoeveel-subsidies-kan-ik-krijgen
  raised_themes:
"""


def changed_copy(target):
    """A copy of the shipped rules where the raised small rate becomes 50% from 2026-01-01."""
    shutil.copytree(RULES, target)
    path = target / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  raised_themes:\n", NEW_RATE, 1), encoding="utf-8")
    return target


def test_one_changed_percentage_lists_exactly_the_affected_examples(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(RULES.parent)
    current = changed_copy(tmp_path / "rules")
    code, out, err = run_cli(
        "diff",
        "--base",
        str(RULES),
        "--rules",
        str(current),
        "--profiles",
        str(EXAMPLES),
        "--format",
        "json",
        "--as-of",
        "2026-11-29",
    )
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["base"] == {"rules": str(RULES), "rules_digest": digest(RULES)}
    assert report["current"] == {"rules_digest": digest(current)}
    assert (report["profiles"], report["engine_version"], report["as_of"]) == (8, "0.1.0", "2026-11-29")
    folder = "examples/profiles"
    # hand-worked: 50% instead of 45% for small firms' cybersecurity advice and training from 2026-01-01,
    # with the EUR 7,500 yearly cap taking back what an earlier project in the same year gained
    assert [
        (
            c["profile"].removeprefix(folder + "/"),
            c["project"],
            c["before"]["amount"],
            c["after"]["amount"],
            c["difference"],
        )
        for c in report["changes"]
    ] == [
        ("near-de-minimis-ceiling.yaml", "cyber-advice", 4500, 5000, 500),  # 50% x 10,000
        ("small-it-firm.yaml", "cyber-audit", 4500, 5000, 500),  # 50% x 10,000
        ("small-it-firm.yaml", "security-training", 3000, 2500, -500),  # 7,500 - 5,000 left
        ("kmo-reform-2026.yaml", "cyber-advice", 3600, 4000, 400),  # 50% x 8,000
        ("kmo-reform-2026.yaml", "energy-training", 1350, 950, -400),  # 7,500 - 6,550 left
        ("young-startup.yaml", "cyber-advice", 1800, 2000, 200),  # 50% x 4,000
        ("near-de-minimis-ceiling.yaml", "security-training", 0, 0, 0),  # rate 45 -> 50, still over
    ]
    assert report["changes"][-1]["before"] == {"status": "not_eligible", "rate": 45, "amount": 0}
    assert report["changes"][-1]["after"] == {"status": "not_eligible", "rate": 50, "amount": 0}
    assert report["counts"] == {
        "changed": 7,
        "newly_eligible": 0,
        "no_longer_eligible": 0,
        "undetermined": 0,
        "not_in_force": 0,
    }
    assert report["totals"]["difference"] == 700


def test_markdown_and_fail_on_change(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(RULES.parent)
    current = changed_copy(tmp_path / "rules")
    code, out, _ = run_cli(
        "diff",
        "--base",
        str(RULES),
        "--rules",
        str(current),
        str(EXAMPLES / "small-it-firm.yaml"),
        "--format",
        "markdown",
        "--fail-on-change",
        "--lang",
        "en",
    )
    assert code == 1
    assert out.splitlines()[:3] == [
        "## Rule change impact",
        "",
        f"Base `{RULES}` (`{digest(RULES)[:19]}…`) → current (`{digest(current)[:19]}…`), subsidie 0.1.0",
    ]
    assert (
        "| `examples/profiles/small-it-firm.yaml` | `security-training` | `kmo-portefeuille` | "
        "eligible 45% EUR 3,000.00 | eligible 50% EUR 2,500.00 | -EUR 500.00 |"
    ) in out.splitlines()
    assert "- Total recommended: EUR 7,500.00 → EUR 7,500.00 (±EUR 0.00)" in out.splitlines()


def test_no_change_exit_0_even_with_fail_on_change(run_cli):
    code, out, _ = run_cli("diff", "--base", str(RULES), str(EXAMPLES), "--fail-on-change")
    assert code == 0
    assert (
        out.splitlines()[1] == "8 profiles evaluated (44 results); 0 changed: 0 newly eligible, "
        "0 no longer eligible, 0 newly undetermined"
    )


def test_default_corpus_is_examples_and_case_profiles(run_cli, monkeypatch):
    monkeypatch.chdir(RULES.parent)
    code, out, _ = run_cli("diff", "--base", str(RULES), "--format", "json")
    cases = sum(len(__import__("yaml").safe_load(p.read_text(encoding="utf-8"))["cases"]) for p in case_files(RULES))
    assert code == 0
    assert json.loads(out)["profiles"] == 8 + cases


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_revision_as_base_leaves_the_working_tree_alone(run_cli, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(RULES, repo / "rules")
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "HOME": str(tmp_path),
        "PATH": __import__("os").environ["PATH"],
    }
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "base"]):
        subprocess.run(command, cwd=repo, check=True, env=env)
    shutil.rmtree(repo / "rules")
    changed_copy(repo / "rules")
    before = (repo / "rules" / "kmo-portefeuille.yaml").read_text(encoding="utf-8")
    code, out, err = run_cli(
        "diff",
        "--base",
        "HEAD",
        "--rules",
        str(repo / "rules"),
        str(EXAMPLES / "small-it-firm.yaml"),
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["base"]["rules_digest"] == digest(RULES)
    assert [c["project"] for c in report["changes"]] == ["cyber-audit", "security-training"]
    assert (repo / "rules" / "kmo-portefeuille.yaml").read_text(encoding="utf-8") == before
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, env=env)
    assert status.stdout == " M rules/kmo-portefeuille.yaml\n"


def test_bad_base_exit_2(run_cli, tmp_path):
    code, out, err = run_cli("diff", "--base", "no-such-revision", "--rules", str(RULES))
    assert (code, out) == (2, "")
    assert err.startswith("error: 'no-such-revision' is neither a folder nor a git revision holding ")
    broken = tmp_path / "broken"
    shutil.copytree(RULES, broken)
    (broken / "kmo-portefeuille.yaml").write_text("id: kmo-portefeuille\n", encoding="utf-8")
    code, _, err = run_cli("diff", "--base", str(broken))
    assert code == 2
    assert err.splitlines()[0] == f"error: the base rules ({broken}) have errors:"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_links_in_the_base_revision_are_refused(run_cli, tmp_path):
    repo = tmp_path / "repo"
    (repo / "rules").mkdir(parents=True)
    shutil.copy(RULES / "kmo-portefeuille.yaml", repo / "rules")
    (repo / "rules" / "facts").symlink_to("/etc")
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "HOME": str(tmp_path),
        "PATH": __import__("os").environ["PATH"],
    }
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "links"]):
        subprocess.run(command, cwd=repo, check=True, env=env)
    (repo / "rules" / "facts").unlink()
    shutil.copytree(RULES / "facts", repo / "rules" / "facts")
    code, out, err = run_cli("diff", "--base", "HEAD", "--rules", str(repo / "rules"))
    assert (code, out) == (2, "")
    assert err == (
        "error: the base revision holds 'rules/facts', which is not a plain file "
        "(links are not accepted in a rule set)\n"
    )
