"""Write what every command of the real CLI prints into a folder, so two trees can be compared byte for byte.

A developer tool for changes that must not change behaviour (moving modules, renaming internals,
reformatting): take a snapshot before the change, another after it, and compare the two folders::

    python scripts/snapshot_outputs.py /tmp/snap-before      # on the untouched tree
    ...change the code...
    python scripts/snapshot_outputs.py /tmp/snap-after
    diff -r /tmp/snap-before /tmp/snap-after                 # must print nothing

Every run is ``python -m engine ...`` in a subprocess, from the repository root, with a fixed
environment (``LANG=C``, no other locale variable, ``TZ=UTC``, ``COLUMNS=80``, ``PYTHONHASHSEED=0``,
``SUBSIDIE_NO_CACHE=1``, the repository first on ``PYTHONPATH``, nothing else inherited but
``PATH``) and a fixed ``--as-of`` wherever a command takes one. For each run the folder gets
``NAME.cmd`` (the arguments), ``NAME.stdout``, ``NAME.stderr`` and ``NAME.exit``, plus the files
the run wrote. What it covers:

- ``evaluate`` of every example profile (``examples/profiles/*.yaml``) in text, json and markdown,
  in Dutch and English, and of the same profiles through the rules cache (cold, then warm);
- ``explain`` of every example in text and json, both languages, and with ``--project``/``--measure``;
- ``evaluate`` (json and text) of every profile the case files use: the inline profiles of
  ``rules/**/*.cases.yaml``, extracted by this script, and the profile files they name;
- ``test -v``, ``test --coverage`` and a few other ``test`` runs;
- ``validate`` of the shipped rules and of every invalid fixture under ``tests/fixtures/invalid/``
  (rule and facts files, each in a rule folder of its own beside a copy of ``rules/facts/``) in
  text, json and github formats; the invalid profiles go through ``evaluate``;
- ``docs`` in both languages (the files written);
- ``batch`` of a small CSV and JSONL file made here (with bad rows), to csv and jsonl, one and two jobs;
- ``diff --base`` of the rules against a copy with one percentage changed (text, markdown, json);
- scripted ``ask`` sessions (answers on standard input, ``--save``), finished, refused answers, ended early;
- ``serve``: the responses to ``/evaluate`` (a good and a bad profile), ``/profile.yaml``,
  ``/measures``, ``/health``, ``/openapi.json``, the web page and its files, and refused requests;
- ``--help`` of every command, ``--version``, and usage and input errors with their exit codes.

Paths of the temporary work folder and of the repository are written as ``<WORK>`` and ``<REPO>``,
the port ``serve`` picked as ``<PORT>``, the seconds ``batch`` reports as ``<S>``, and the random
part of a temporary file's name (``.out.csv.<RANDOM>.tmp``) as ``<RANDOM>``: nothing else is
rewritten. The output folder is emptied first. Runs go two at a time (``--jobs``); the result does
not depend on it. Usage: ``python scripts/snapshot_outputs.py OUTPUT [--jobs N] [--python PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-06-01"
LANGS = ("nl", "en")
COMMANDS = ("evaluate", "ask", "explain", "diff", "docs", "batch", "serve", "validate", "test")

# One valid measure, beside which a facts fixture is checked (as tests/unit/load/test_invalid_fixtures.py does).
MINIMAL_MEASURE = (REPO / "tests" / "fixtures" / "minimal-measure.yaml").read_text(encoding="utf-8")

# The percentage changed in the copy of the rules that `diff --base` compares with.
RATE_LINE = "raised: {micro: 45, small: 45, medium: 35}"
CHANGED_RATE_LINE = "raised: {micro: 45, small: 40, medium: 35}"

# A 12-person IT firm asks about cybersecurity advice (the answers of tests/commands/test_ask.py).
SMALL_IT_FIRM = [
    "cyber-audit",
    "advice",
    "",
    "bv",
    "flanders",
    "0",
    "12",
    "1800000",
    "900000",
    "no",
    "no",
    "cybersecurity",
    "10000",
    "yes",
    "no",
    "yes",
    "2025-04-01",
    "2000",
    "no",
    "2026-02-20",
    "no",
]
# The same with refused answers on the way (each refused answer is asked again).
WITH_MISTAKES = [
    "cyber-audit",
    "advise",
    "advice",
    "",
    "bv",
    "flanders",
    "25%",
    "0",
    "twelve",
    "12",
    "1.800.000",
    "1800000",
    "900000",
    "no",
    "no",
    "cybersecurity",
    "10000",
    "yes",
    "no",
    "yes",
    "2025-02-30",
    "2025-04-01",
    "2000",
    "no",
    "13/02/2026",
    "2026-02-20",
    "no",
]
# A company in Wallonia: few questions.
WALLONIA = ["", "1", "", "bv", "wallonia", "no"]

CSV_ROWS = """\
company.legal_form,company.region,company.employees,company.turnover,company.balance_sheet_total,\
company.public_participation,project.id,project.kind,project.theme,project.cost,project.application_date,\
project.start_date,project.provider_registered,aid_received
bv,flanders,12,1800000,900000,0,audit,advice,cybersecurity,10000,2026-03-01,2026-02-20,true,
nv,flanders,80,12000000,9000000,0,course,training,cybersecurity,4000,2026-05-01,2026-04-20,yes,"[{""date"": \
""2025-06-01"", ""amount"": 5000}]"
bv,flanders,twelve,1800000,900000,0,bad-employees,advice,cybersecurity,10000,2026-03-01,2026-02-20,true,
bv,wallonia,5,300000,200000,0,,advice,other,2500,,,false,
bv,flanders,3,100000
bv,flanders,40,,,,trajectory,improvement_trajectory,,60000,2026-01-15,,,
"""


@dataclass
class Run:
    """One command to run, with what it reads on standard input and the files it writes."""

    name: str
    args: list[str]
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)  # files or folders to copy into the snapshot afterwards


class Snapshot:
    """Collects runs, runs them, and writes their outputs with the temporary paths made stable."""

    def __init__(self, out: Path, work: Path, python: str):
        self.out = out
        self.work = work
        self.python = python
        self.runs: list[Run] = []
        self.names: set[str] = set()

    def add(
        self,
        name: str,
        *args: str,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
        files: list[Path] | None = None,
    ) -> None:
        if name in self.names:
            raise ValueError(f"two runs are named {name}")
        self.names.add(name)
        self.runs.append(Run(name, list(args), stdin, env or {}, files or []))

    def environment(self, extra: dict[str, str]) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.work / "home"),
            "LANG": "C",
            "TZ": "UTC",
            "COLUMNS": "80",
            "PYTHONHASHSEED": "0",
            "PYTHONPATH": str(REPO),
            "SUBSIDIE_NO_CACHE": "1",
            "PYTHONIOENCODING": "utf-8",
        }
        env.update(extra)
        return {k: v for k, v in env.items() if v != ""}

    def clean(self, data: bytes) -> bytes:
        """The output with the work folder's and repository's paths (and nothing else) made stable."""
        for path, token in ((self.work, b"<WORK>"), (REPO, b"<REPO>")):
            for form in {str(path), str(path.resolve())}:
                data = data.replace(form.encode(), token)
        return re.sub(rb"(/\.[^/\s]+\.)[a-z0-9_]{8}(\.tmp\b)", rb"\1<RANDOM>\2", data)

    def execute(self, run: Run) -> None:
        done = subprocess.run(
            [self.python, "-m", "engine", *run.args],
            cwd=REPO,
            env=self.environment(run.env),
            input=run.stdin.encode() if run.stdin is not None else b"",
            capture_output=True,
            timeout=600,
        )
        self.write(run.name, run.args, done.stdout, done.stderr, done.returncode, run.env)
        for path in run.files:
            self.keep(run.name, path)

    def write(
        self, name: str, args: list[str], stdout: bytes, stderr: bytes, code: int, env: dict[str, str] | None = None
    ) -> None:
        target = self.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shown = " ".join(f"{k}={v}" for k, v in sorted((env or {}).items()))
        command = (shown + " " if shown else "") + "subsidie " + " ".join(args) + "\n"
        Path(f"{target}.cmd").write_bytes(self.clean(command.encode()))
        Path(f"{target}.stdout").write_bytes(self.clean(stdout))
        Path(f"{target}.stderr").write_bytes(self.clean(re.sub(rb" in \d+\.\d s: ", b" in <S> s: ", stderr)))
        Path(f"{target}.exit").write_text(f"{code}\n")

    def keep(self, name: str, path: Path) -> None:
        """Copy a file (or every file of a folder) a run wrote into NAME.files/."""
        target = self.out / f"{name}.files"
        target.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            (target / f"{path.name}.absent").write_text("the run wrote no such file\n")
            return
        sources = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for source in sources:
            relative = source.relative_to(path) if path.is_dir() else Path(source.name)
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            (target / relative).write_bytes(self.clean(source.read_bytes()))

    def run_all(self, jobs: int) -> None:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for future in [pool.submit(self.execute, run) for run in self.runs]:
                future.result()


# -- the work folder ---------------------------------------------------------------------------------------


def case_profiles(work: Path) -> dict[str, list[Path]]:
    """Every profile the case files use, per case file: inline profiles written out as YAML files, and the
    profile files they name (as they are)."""
    found: dict[str, list[Path]] = {}
    for case_file in sorted((REPO / "rules").rglob("*.cases.yaml")):
        data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
        stem = case_file.relative_to(REPO / "rules").as_posix().removesuffix(".cases.yaml").replace("/", "-")
        folder = work / "case-profiles" / stem
        folder.mkdir(parents=True)
        paths = []
        for number, case in enumerate(data["cases"], 1):
            if isinstance(case["profile"], str):
                paths.append((case_file.parent / case["profile"]).resolve())
                continue
            path = folder / f"case-{number:03d}.yaml"
            path.write_text(yaml.safe_dump(case["profile"], sort_keys=False, allow_unicode=True), encoding="utf-8")
            paths.append(path)
        found[stem] = paths
    return found


def fixture_folder(work: Path, fixture: Path) -> Path:
    """A rule folder holding a copy of the shipped facts (no cases) and the fixture: a measure file at its top,
    or a facts file in facts/ beside one minimal measure."""
    kind = fixture.parent.name
    folder = work / "fixtures" / kind / fixture.stem
    shutil.copytree(REPO / "rules" / "facts", folder / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))
    if kind == "facts":
        shutil.copyfile(fixture, folder / "facts" / fixture.name)
        (folder / "minimal.yaml").write_text(MINIMAL_MEASURE, encoding="utf-8")
    else:
        shutil.copyfile(fixture, folder / fixture.name)
    return folder


def changed_rules(work: Path) -> Path:
    """A copy of the rules with one percentage changed: the base that `diff` compares the shipped rules with."""
    folder = work / "base-rules"
    shutil.copytree(REPO / "rules", folder)
    measure = folder / "kmo-portefeuille.yaml"
    text = measure.read_text(encoding="utf-8")
    if text.count(RATE_LINE) != 1:
        raise SystemExit(f"snapshot: rules/kmo-portefeuille.yaml no longer holds '{RATE_LINE}' once; update RATE_LINE")
    measure.write_text(text.replace(RATE_LINE, CHANGED_RATE_LINE), encoding="utf-8")
    return folder


def batch_inputs(work: Path) -> tuple[Path, Path]:
    """A small CSV (with a row holding a text where a number belongs and a row cut short) and a JSONL file
    (every example profile, a line that is no JSON, a profile with a mistake, and a blank line)."""
    csv_path = work / "batch" / "rows.csv"
    csv_path.parent.mkdir(parents=True)
    csv_path.write_text(CSV_ROWS, encoding="utf-8")
    lines = []
    for path in sorted((REPO / "examples" / "profiles").glob("*.yaml")):
        lines.append(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    lines.insert(2, "{not json")
    lines.insert(4, "")
    lines.append(
        json.dumps(
            {
                "company": {"region": "flanders", "employees": "many"},
                "projects": [{"id": "p", "kind": "advice", "cost": 1000}],
            }
        )
    )
    jsonl_path = work / "batch" / "rows.jsonl"
    jsonl_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return csv_path, jsonl_path


# -- the runs --------------------------------------------------------------------------------------------


def plan(snap: Snapshot) -> None:
    work = snap.work
    examples = sorted((REPO / "examples" / "profiles").glob("*.yaml"))
    relative = [p.relative_to(REPO).as_posix() for p in examples]

    # help, version, usage errors
    snap.add("help/main", "--help")
    snap.add("help/main-short", "-h")
    snap.add("help/version", "--version")
    snap.add("help/no-command")
    for command in COMMANDS:
        snap.add(f"help/{command}", command, "--help")
    snap.add("usage/unknown-command", "evaluat")
    snap.add("usage/evaluate-no-profile", "evaluate")
    snap.add("usage/evaluate-bad-format", "evaluate", relative[0], "--format", "yaml")
    snap.add("usage/evaluate-bad-lang", "evaluate", relative[0], "--lang", "fr")
    snap.add("usage/evaluate-bad-date", "evaluate", relative[0], "--as-of", "01/06/2026")
    snap.add("usage/evaluate-impossible-date", "evaluate", relative[0], "--as-of", "2026-02-30")
    snap.add("usage/rules-not-a-folder", "evaluate", relative[0], "--rules", "README.md")
    snap.add("usage/batch-no-output", "batch", "README.md")
    snap.add("usage/batch-jobs-range", "batch", "README.md", "-o", str(work / "x.csv"), "--jobs", "0")
    snap.add("usage/test-min-coverage-range", "test", "--min-coverage", "101")
    snap.add("usage/serve-port-range", "serve", "--port", "70000")
    snap.add("usage/diff-no-base", "diff")

    # evaluate: every example, format and language; several at once; standard input; errors
    for path, name in zip(relative, (p.stem for p in examples)):
        for fmt in ("text", "json", "markdown"):
            for lang in LANGS:
                snap.add(
                    f"evaluate/{name}.{fmt}.{lang}", "evaluate", path, "--format", fmt, "--lang", lang, "--as-of", AS_OF
                )
    for fmt in ("text", "json", "markdown"):
        snap.add(f"evaluate/all.{fmt}", "evaluate", *relative, "--format", fmt, "--as-of", AS_OF)
    snap.add(
        "evaluate/stdin",
        "evaluate",
        "-",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        stdin=examples[0].read_text(encoding="utf-8"),
    )
    snap.add("evaluate/stdin-broken", "evaluate", "-", stdin="company: [\n")
    snap.add("evaluate/lang-from-locale-nl", "evaluate", relative[0], "--as-of", AS_OF, env={"LANG": "nl_BE.UTF-8"})
    snap.add(
        "evaluate/lang-from-lc-all",
        "evaluate",
        relative[0],
        "--as-of",
        AS_OF,
        env={"LANG": "nl_BE.UTF-8", "LC_ALL": "en_GB.UTF-8"},
    )
    snap.add("evaluate/missing-file", "evaluate", "no-such-profile.yaml", "--as-of", AS_OF)
    snap.add(
        "evaluate/one-good-one-missing",
        "evaluate",
        relative[0],
        "no-such-profile.yaml",
        "--format",
        "json",
        "--as-of",
        AS_OF,
    )
    snap.add("evaluate/broken-rules", "evaluate", relative[0], "--rules", "tests/fixtures/invalid/rules")
    snap.add(
        "evaluate/rules-from-environment", "evaluate", relative[0], "--as-of", AS_OF, env={"SUBSIDIE_RULES": "rules"}
    )
    for fixture in sorted((REPO / "tests" / "fixtures" / "invalid" / "profiles").iterdir()):
        if fixture.suffix in (".yaml", ".json") and fixture.name != "expectations.json":
            for fmt in ("text", "json"):
                snap.add(
                    f"evaluate/invalid-{fixture.name}.{fmt}",
                    "evaluate",
                    fixture.relative_to(REPO).as_posix(),
                    "--format",
                    fmt,
                    "--as-of",
                    AS_OF,
                )

    # the rules cache: cold, then warm (the outputs must be those without the cache)
    cache = work / "cache"
    for state in ("cold", "warm"):
        snap.add(
            f"cache/{state}.json",
            "evaluate",
            *relative,
            "--format",
            "json",
            "--as-of",
            AS_OF,
            env={"SUBSIDIE_NO_CACHE": "", "SUBSIDIE_CACHE_DIR": str(cache)},
        )

    # explain
    for path, name in zip(relative, (p.stem for p in examples)):
        for fmt in ("text", "json"):
            for lang in LANGS:
                snap.add(
                    f"explain/{name}.{fmt}.{lang}", "explain", path, "--format", fmt, "--lang", lang, "--as-of", AS_OF
                )
    small = "examples/profiles/small-it-firm.yaml"
    snap.add("explain/project", "explain", small, "--project", "cyber-audit", "--as-of", AS_OF)
    snap.add("explain/measure", "explain", small, "--measure", "kmo-portefeuille", "--format", "json", "--as-of", AS_OF)
    snap.add(
        "explain/project-and-measure",
        "explain",
        small,
        "--project",
        "cyber-audit",
        "--measure",
        "kmo-portefeuille",
        "--lang",
        "nl",
        "--as-of",
        AS_OF,
    )
    snap.add("explain/unknown-project", "explain", relative[0], "--project", "nope", "--as-of", AS_OF)
    snap.add("explain/unknown-measure", "explain", relative[0], "--measure", "nope", "--as-of", AS_OF)
    snap.add("explain/invalid-profile", "explain", "tests/fixtures/invalid/profiles/kbo-check.yaml")

    # every profile of the case files
    for stem, paths in case_profiles(work).items():
        for fmt in ("json", "text"):
            snap.add(
                f"cases/{stem}.{fmt}", "evaluate", *map(str, paths), "--format", fmt, "--lang", "en", "--as-of", AS_OF
            )

    # test
    snap.add("test/verbose", "test", "-v")
    snap.add("test/coverage", "test", "--coverage")
    snap.add("test/min-coverage", "test", "--min-coverage", "100")
    snap.add("test/plain", "test")
    snap.add("test/keyword", "test", "-k", "micro", "-v")
    snap.add("test/one-file-coverage", "test", "rules/kmo-portefeuille.cases.yaml", "--coverage")
    snap.add("test/no-cases", "test", "schemas")
    snap.add("test/broken-rules", "test", "--rules", "tests/fixtures/invalid/rules")

    # validate: the shipped rules, single files, and every invalid rule and facts fixture
    for fmt in ("text", "json", "github"):
        snap.add(f"validate/shipped.{fmt}", "validate", "--format", fmt)
        snap.add(f"validate/rules-folder.{fmt}", "validate", "rules", "--format", fmt)
    snap.add("validate/strict", "validate", "--strict")
    snap.add("validate/github-from-environment", "validate", env={"GITHUB_ACTIONS": "true"})
    snap.add("validate/one-measure-file", "validate", "rules/kmo-portefeuille.yaml")
    snap.add("validate/one-facts-file", "validate", "rules/facts/company-size.yaml", "--format", "json")
    snap.add("validate/one-case-file", "validate", "rules/kmo-portefeuille.cases.yaml")
    snap.add("validate/missing-path", "validate", "no-such-folder")
    for kind in ("rules", "facts"):
        for fixture in sorted((REPO / "tests" / "fixtures" / "invalid" / kind).glob("*.yaml")):
            folder = fixture_folder(work, fixture)
            for fmt in ("text", "json", "github"):
                snap.add(f"validate/invalid-{kind}/{fixture.stem}.{fmt}", "validate", str(folder), "--format", fmt)
            snap.add(f"validate/invalid-{kind}/{fixture.stem}.strict", "validate", str(folder), "--strict")
    snap.add("validate/invalid-fixture-file", "validate", "tests/fixtures/invalid/rules/unknown-name.yaml")

    # docs
    for lang in LANGS:
        folder = work / f"docs-{lang}"
        snap.add(f"docs/{lang}", "docs", "-o", str(folder), "--lang", lang, files=[folder])
    snap.add("docs/unwritable", "docs", "-o", "README.md/pages")

    # batch
    csv_path, jsonl_path = batch_inputs(work)
    for source in (csv_path, jsonl_path):
        for fmt in ("csv", "jsonl"):
            for jobs in ("1", "2"):
                target = work / "batch" / f"{source.suffix[1:]}-to-{fmt}-{jobs}.{fmt}"
                snap.add(
                    f"batch/{source.suffix[1:]}-to-{fmt}.jobs-{jobs}",
                    "batch",
                    str(source),
                    "-o",
                    str(target),
                    "--jobs",
                    jobs,
                    "--as-of",
                    AS_OF,
                    files=[target],
                )
    bad_header = work / "batch" / "bad-header.csv"
    bad_header.write_text("company.employes,project.cost\n3,1000\n", encoding="utf-8")
    snap.add(
        "batch/unknown-column",
        "batch",
        str(bad_header),
        "-o",
        str(work / "batch" / "never.csv"),
        "--as-of",
        AS_OF,
        files=[work / "batch" / "never.csv"],
    )
    snap.add("batch/unwritable-output", "batch", str(csv_path), "-o", "README.md/out.csv", "--as-of", AS_OF)
    snap.add(
        "batch/format-option",
        "batch",
        str(csv_path),
        "-o",
        str(work / "batch" / "named.txt"),
        "--format",
        "jsonl",
        "--as-of",
        AS_OF,
        files=[work / "batch" / "named.txt"],
    )

    # diff
    base = changed_rules(work)
    for fmt in ("text", "markdown", "json"):
        snap.add(f"diff/changed-rate.{fmt}", "diff", "--base", str(base), "--format", fmt, "--as-of", AS_OF)
    snap.add("diff/changed-rate-nl", "diff", "--base", str(base), "--lang", "nl", "--as-of", AS_OF)
    snap.add("diff/fail-on-change", "diff", "--base", str(base), "--fail-on-change", "--as-of", AS_OF)
    snap.add(
        "diff/profiles-option",
        "diff",
        "--base",
        str(base),
        "--profiles",
        "examples/profiles",
        "--format",
        "markdown",
        "--as-of",
        AS_OF,
    )
    snap.add("diff/same-rules", "diff", "--base", "rules", "--fail-on-change", "--as-of", AS_OF)
    snap.add("diff/broken-base", "diff", "--base", "tests/fixtures/invalid/rules", "--as-of", AS_OF)

    # ask
    for lang in LANGS:
        saved = work / f"ask-saved-{lang}.yaml"
        snap.add(
            f"ask/small-it-firm.{lang}",
            "ask",
            "--lang",
            lang,
            "--as-of",
            "2026-03-01",
            "--save",
            str(saved),
            stdin="".join(a + "\n" for a in SMALL_IT_FIRM),
            files=[saved],
        )
    snap.add(
        "ask/json", "ask", "--format", "json", "--as-of", "2026-03-01", stdin="".join(a + "\n" for a in SMALL_IT_FIRM)
    )
    snap.add(
        "ask/markdown-nl",
        "ask",
        "--format",
        "markdown",
        "--lang",
        "nl",
        "--as-of",
        "2026-03-01",
        stdin="".join(a + "\n" for a in SMALL_IT_FIRM),
    )
    snap.add(
        "ask/with-mistakes",
        "ask",
        "--lang",
        "en",
        "--as-of",
        "2026-03-01",
        stdin="".join(a + "\n" for a in WITH_MISTAKES),
    )
    snap.add(
        "ask/with-mistakes.nl",
        "ask",
        "--lang",
        "nl",
        "--as-of",
        "2026-03-01",
        stdin="".join(a + "\n" for a in WITH_MISTAKES),
    )
    snap.add("ask/wallonia", "ask", "--as-of", "2026-03-01", stdin="".join(a + "\n" for a in WALLONIA))
    snap.add("ask/input-ends", "ask", "--as-of", "2026-03-01", stdin="cyber-audit\nadvice\n")
    snap.add("ask/input-ends-nl", "ask", "--lang", "nl", "--as-of", "2026-03-01", stdin="")
    snap.add("ask/from-profile", "ask", relative[0], "--as-of", "2026-03-01", stdin="\n" * 40)
    snap.add(
        "ask/from-partial",
        "ask",
        "tests/fixtures/invalid/profiles/missing-projects.yaml",
        "--as-of",
        "2026-03-01",
        stdin="".join(a + "\n" for a in ["p1", "advice", ""] + ["?"] * 40),
    )
    snap.add("ask/bad-profile", "ask", "tests/fixtures/invalid/profiles/kbo-check.yaml")
    snap.add("ask/save-no-folder", "ask", "--save", str(work / "no-folder" / "x.yaml"))
    snap.add(
        "ask/save-unwritable",
        "ask",
        "--save",
        str(work / "batch"),
        "--as-of",
        "2026-03-01",
        stdin="".join(a + "\n" for a in WALLONIA),
    )

    # serve: errors at the start (the responses are taken in serve_session)
    snap.add("serve/bad-host", "serve", "--host", "256.0.0.1", "--port", "0")
    snap.add("serve/broken-rules", "serve", "--rules", "tests/fixtures/invalid/rules")


def serve_session(snap: Snapshot) -> None:
    """Start `serve`, record its answers to a set of requests, stop it with SIGTERM, record how it ended."""
    args = ["serve", "--port", "0", "--quiet"]
    process = subprocess.Popen(
        [snap.python, "-m", "engine", *args],
        cwd=REPO,
        env=snap.environment({}),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        first = process.stdout.readline() if process.stdout else b""
        match = re.match(rb"serving (http://[^ ]+/) ", first)
        if not match:
            raise SystemExit(f"snapshot: serve did not start: {first!r}")
        base = match.group(1).decode()
        port = base.rsplit(":", 1)[1].rstrip("/")
        profile = (REPO / "examples" / "profiles" / "small-it-firm.yaml").read_bytes()
        broken = (REPO / "tests" / "fixtures" / "invalid" / "profiles" / "kbo-check.yaml").read_bytes()
        as_json = json.dumps(yaml.safe_load(profile), default=str).encode()
        requests: list[tuple[str, str, str, bytes | None, dict[str, str]]] = [
            ("page", "GET", "", None, {}),
            ("head-page", "HEAD", "", None, {}),
            ("health", "GET", "health", None, {}),
            ("measures-en", "GET", "measures?lang=en", None, {}),
            ("measures-nl", "GET", "measures?lang=nl", None, {}),
            ("measures-default", "GET", "measures", None, {}),
            ("measures-bad-lang", "GET", "measures?lang=fr", None, {}),
            ("openapi", "GET", "openapi.json", None, {}),
            ("profile-schema", "GET", "schema/profile.schema.json", None, {}),
            (
                "evaluate-yaml-en",
                "POST",
                f"evaluate?lang=en&as_of={AS_OF}",
                profile,
                {"Content-Type": "application/yaml"},
            ),
            (
                "evaluate-yaml-nl",
                "POST",
                f"evaluate?lang=nl&as_of={AS_OF}",
                profile,
                {"Content-Type": "application/yaml"},
            ),
            ("evaluate-json", "POST", f"evaluate?as_of={AS_OF}", as_json, {"Content-Type": "application/json"}),
            ("evaluate-bad-profile", "POST", f"evaluate?as_of={AS_OF}", broken, {"Content-Type": "application/yaml"}),
            (
                "evaluate-not-yaml",
                "POST",
                f"evaluate?as_of={AS_OF}",
                b"company: [",
                {"Content-Type": "application/yaml"},
            ),
            ("evaluate-bad-date", "POST", "evaluate?as_of=tomorrow", profile, {"Content-Type": "application/yaml"}),
            ("evaluate-media-type", "POST", f"evaluate?as_of={AS_OF}", profile, {"Content-Type": "text/plain"}),
            ("evaluate-get", "GET", "evaluate", None, {}),
            ("profile-yaml", "POST", "profile.yaml", as_json, {"Content-Type": "application/json"}),
            ("profile-yaml-bad", "POST", "profile.yaml", broken, {"Content-Type": "application/yaml"}),
            ("not-found", "GET", "nothing-here", None, {}),
            ("static-missing", "GET", "static/nothing.js", None, {}),
            ("wrong-host", "GET", "health", None, {"Host": "example.com"}),
        ]
        for path in sorted((REPO / "engine").rglob("web/*")):
            requests.append((f"static-{path.name}", "GET", f"static/{path.name}", None, {}))
        for name, method, path, body, headers in requests:
            request = urllib.request.Request(base + path, data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, got, content = response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                status, got, content = error.code, error.headers, error.read()
            shown = "".join(f"{k}: {v}\n" for k, v in got.items() if k not in ("Date", "Server"))
            target = snap.out / "serve" / "responses" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            Path(f"{target}.request").write_text(f"{method} /{path}\n")
            Path(f"{target}.head").write_text(f"{status}\n{shown}")
            Path(f"{target}.body").write_bytes(snap.clean(content))
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    snap.write(
        "serve/session", args, (first + stdout).replace(f":{port}/".encode(), b":<PORT>/"), stderr, process.returncode
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the folder to write (emptied first)")
    parser.add_argument("--jobs", type=int, default=2, help="commands run at the same time (default 2)")
    parser.add_argument("--python", default=sys.executable, help="the Python that runs 'python -m engine'")
    options = parser.parse_args()
    out = options.output.resolve()
    if out == REPO or REPO.is_relative_to(out):
        parser.error("the output folder may not hold the repository")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="subsidie-snapshot-") as temporary:
        work = Path(temporary).resolve()
        (work / "home").mkdir()
        snap = Snapshot(out, work, options.python)
        plan(snap)
        snap.run_all(options.jobs)
        serve_session(snap)
        entries = sorted((work / "cache").glob("*.pickle"))
        (out / "cache" / "entries.txt").write_text(f"{len(entries)} entry in the rules cache\n")
    files = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"{len(snap.runs) + 1} runs, {files} files in {out} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
