"""Benchmark 8: the cost of a project as projects grow, and ``subsidie evaluate`` on the longest profile.

The profiles are those of benchmark 6 (:func:`history.profile`): training projects applying on the day of
the evaluation, each reading the aid history through the de minimis window and the yearly cap of
kmo-portefeuille, with 7.6 aid entries per project. At 1,000 projects that is 7,600 aid entries: the
largest profile of this shape the file limits allow (50,000 values; 7,900 entries do not fit).

- **per project**: ``Evaluator.evaluate`` at 10, 100 and 1,000 projects, explanations off (as
  ``batch`` and ``diff`` evaluate), on, and on with the tips (as ``evaluate`` does), the rules
  loaded; CPU time per project, the median of the runs, interleaved. Linear work keeps the cost per
  project flat: the ratios 100 / 10 and 1,000 / 10 stay near 1. The tips of a profile share one
  budget of steps (:mod:`engine.evaluate.tips`): past it the later projects get none, so their cost
  per project falls as projects grow; they have no target here.
- **the command**: the 1,000-project profile written as YAML (``--write FILE`` writes it and stops),
  then ``subsidie evaluate FILE --as-of 2026-03-01``, whole processes after one untimed run; the
  CPU time of each (user + system, from ``wait4``), reading, checking, evaluating, the tips and the
  text report together.
"""

from __future__ import annotations

import datetime as _dt
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, Result, Row, Target, main, one_core
from history import AS_OF, profile
from profiles import completed, schema_errors
from startup import subsidie_command

SIZES = (10, 100, 1_000)
AID_PER_PROJECT = 7.6
TARGET_CPU = 0.3  # seconds of CPU for the whole command on the 1,000-project profile (issue 18)


def write_profile(path: str | Path, projects: int = 1_000, aid: int | None = None) -> Path:
    """Write the profile of ``projects`` projects (and 7.6 aid entries a project, unless ``aid``) as YAML."""
    import yaml

    path = Path(path)
    data = profile(projects, round(projects * AID_PER_PROJECT) if aid is None else aid)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _cpu(command: list[str], env: dict[str, str]) -> float:
    """The CPU seconds (user + system) of one run of ``command``."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}: {error.decode()[:500]}")
    return usage.ru_utime + usage.ru_stime


def run(quick: bool = False) -> Result:
    """Benchmark 8: the cost per project at 10, 100 and 1,000 projects, and the command on 1,000."""
    from engine.evaluate.evaluator import Evaluator
    from engine.evaluate.tips import add_tips
    from engine.load.ruleset import load_rules
    from engine.resources import rules_dir

    result = Result("projects", "8. Cost per project as projects grow, and the command on 1,000 projects")
    rounds = 3 if quick else 7
    raw = {n: profile(n, round(n * AID_PER_PROJECT)) for n in SIZES}
    problems = schema_errors(list(raw.values()))
    if problems:
        result.failed = f"a generated profile does not pass the profile checks: {problems[0][1]}"
        return result
    profiles = dict(zip(raw, completed(list(raw.values())), strict=True))
    evaluator = Evaluator(load_rules(rules_dir()))

    def lean(data: dict[str, Any]) -> None:
        evaluator.evaluate(data, AS_OF, "en", explain=False)

    def explained(data: dict[str, Any]) -> None:
        evaluator.evaluate(data, AS_OF, "en")

    def full(data: dict[str, Any]) -> None:
        outcome = evaluator.evaluate(data, AS_OF, "en")
        add_tips(evaluator, data, outcome, "en")

    ways = {"explanations off": lean, "explained": explained, "explained, with tips": full}
    samples: dict[tuple[str, int], list[float]] = {(way, n): [] for way in ways for n in SIZES}
    with one_core() as pinned:
        for function in ways.values():
            for n in SIZES:
                function(profiles[n])  # warm up: parameters and plans of the day, generated code
        for _ in range(rounds):
            for way, function in ways.items():
                for n in SIZES:
                    gc.collect()
                    gc.disable()
                    try:
                        start = time.process_time()
                        function(profiles[n])
                        samples[way, n].append((time.process_time() - start) / n * 1e6)
                    finally:
                        gc.enable()
    for way in ways:
        rows = {n: Row(f"{way}: {n:,} projects", samples[way, n], "us/project CPU") for n in SIZES}
        rows[SIZES[0]].baseline = way == "explanations off"
        result.rows += rows.values()
        for n in SIZES[1:]:
            result.ratios.append((f"{way}: per project at {n:,} / at 10", rows[n].median / rows[10].median))
        growth = rows[SIZES[-1]].median / rows[SIZES[0]].median
        if way != "explained, with tips":  # the tips share one budget of steps: past it, projects get none
            result.targets.append(
                Target(
                    f"{way}: linear, per project at 1,000 at most 1.25x at 10",
                    growth <= 1.25,
                    goal="linear" if way == "explanations off" else "",
                    measured=growth,
                    limit=1.25,
                )
            )

    command, how = subsidie_command()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")}
    env.setdefault("LANG", "C.UTF-8")
    with tempfile.TemporaryDirectory(prefix="subsidie-bench-") as folder:
        path = write_profile(Path(folder) / "projects-1000.yaml")
        args = command + ["evaluate", str(path), "--as-of", AS_OF.isoformat()]
        try:
            _cpu(args, env)
            times = [_cpu(args, env) for _ in range(3 if quick else 7)]
        except RuntimeError as exc:
            result.failed = str(exc)
            return result
    row = Row("subsidie evaluate, 1,000 projects x 7,600 aid entries (CPU)", times, "s")
    result.rows.append(row)
    result.targets.append(
        Target(
            f"the command in under {TARGET_CPU} s of CPU",
            row.median < TARGET_CPU,
            f"{row.median:.3f} s",
            goal="projects-command",
            measured=row.median,
            limit=TARGET_CPU,
            unit="s",
        )
    )
    result.notes.append(
        f"Evaluator.evaluate(profile, {AS_OF}), the rules loaded, {rounds} runs of each, interleaved, CPU time "
        f"(process_time) per project, garbage collector off while timing; {pinned}. The command: {how}, "
        "text output to /dev/null, CPU time (user + system) of the whole process after one untimed run; "
        f"{_dt.date.today()}."
    )
    return result


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        print(write_profile(sys.argv[2]))
        sys.exit(0)
    sys.exit(main(run))
