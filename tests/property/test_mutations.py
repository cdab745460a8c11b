"""Mutation tests: shipped files with random edits go through the command line without a crash.

Each shipped rule file, case file and example profile gets one to three random edits
(mutations.py: a deleted line, swapped values, a changed type, a duplicate key, other
indentation, ...). Then ``validate``, ``evaluate``, ``explain`` and ``test`` must
either succeed or report diagnostics and exit with their documented codes; the
runner does not catch exceptions, so an internal error fails the test with its
traceback. The commands must also agree: ``evaluate`` and ``test`` refuse a rule set
exactly when ``validate`` finds an error in a rule file. (An edited rule file is
tested with its own case file only: parsing every case file would dominate the time.)
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from engine.cli import main
from engine.load.ruleset import case_files, rule_files

from ..conftest import EXAMPLES, RULES
from .conftest import budget
from .mutations import mutated

MEASURES, FACTS = rule_files(RULES)
CASES = case_files(RULES)
PROFILES = sorted(EXAMPLES.glob("*.yaml"))
DIAGNOSTIC = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|fout|waarschuwing): .+ \[[a-z0-9-]+\]$"
)


def _edited(paths: list[Path]) -> st.SearchStrategy[tuple[Path, str]]:
    return st.sampled_from(paths).flatmap(lambda p: st.tuples(st.just(p), mutated(p.read_text(encoding="utf-8"))))


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream and "internal error" not in stream, stream
    return result.exit_code, result.stdout, result.stderr


def _diagnostics(err: str) -> list[re.Match[str]]:
    return [m for m in map(DIAGNOSTIC.match, err.splitlines()) if m]


def _copy_rules(folder: Path) -> Path:
    """The shipped rule files without their cases (parsing every case file would dominate the run time)."""
    target = folder / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("*.cases.yaml"))
    return target


@budget(0.2)
@given(_edited(MEASURES + FACTS))
def test_an_edited_rule_file(edit):
    source, text = edit
    with tempfile.TemporaryDirectory(prefix="subsidie-mutation-") as folder:
        rules = _copy_rules(Path(folder))
        (rules / source.relative_to(RULES)).write_text(text, encoding="utf-8")
        code, out, err = _run("validate", str(rules))
        assert code in (0, 1), err
        found = _diagnostics(err)
        assert (code == 1) == any(d["severity"] == "error" for d in found), err
        rule_errors = any(d["severity"] == "error" and not d["file"].endswith(".cases.yaml") for d in found)

        code, out, err = _run(
            "evaluate", *map(str, PROFILES), "--rules", str(rules), "--format", "json", "--as-of", "2026-11-29"
        )
        assert ("the rule set has errors" in err) == rule_errors, err
        if rule_errors:
            assert (code, out) == (2, "")
        else:
            assert code in (0, 2)
            documents = json.loads(out) if out else []
            assert code == 2 or len(documents) == len(PROFILES)
            assert code == 0 or err.count(": error: ") >= 1, err

        own = source.with_name(source.stem + ".cases.yaml")
        code, out, err = _run("test", str(own if own.exists() else CASES[0]), "--rules", str(rules))
        assert (code == 2) == rule_errors, err
        if not rule_errors:
            assert code in (0, 1) and re.search(r"^\d+ passed, \d+ failed", out, re.M), out


@budget(0.15)
@given(_edited(CASES))
def test_an_edited_case_file(edit):
    source, text = edit
    with tempfile.TemporaryDirectory(prefix="subsidie-mutation-") as folder:
        rules = _copy_rules(Path(folder))
        cases = rules / source.relative_to(RULES)
        cases.write_text(text, encoding="utf-8")
        code, out, err = _run("validate", str(cases), "--rules", str(rules))
        assert code in (0, 1), err
        invalid = code == 1
        assert invalid == bool(_diagnostics(err)), err
        code, out, err = _run("test", str(cases), "--rules", str(rules))
        assert code in (0, 1), err
        assert re.search(r"^\d+ passed, \d+ failed", out, re.M), out
        if invalid:
            assert code == 1 and _diagnostics(err), err


@budget(0.5)
@given(_edited(PROFILES), st.sampled_from(["json", "text", "markdown"]), st.sampled_from(["en", "nl"]))
def test_an_edited_profile(edit, fmt, lang):
    _, text = edit
    with tempfile.TemporaryDirectory(prefix="subsidie-mutation-") as folder:
        profile = Path(folder) / "profile.yaml"
        profile.write_text(text, encoding="utf-8")
        code, out, err = _run("evaluate", str(profile), "--format", fmt, "--lang", lang, "--as-of", "2026-11-29")
        assert code in (0, 2), err
        if code == 2:
            assert out == "" and (_diagnostics(err) or ": error: " in err or ": fout: " in err), err
        elif fmt == "json":
            assert json.loads(out)["results"] is not None
        explained, out, err = _run("explain", str(profile), "--format", "json", "--as-of", "2026-11-29")
        assert explained == code, err
        if explained == 0:
            assert json.loads(out)["explanations"] is not None
