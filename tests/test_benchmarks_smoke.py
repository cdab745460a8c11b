"""Smoke runs of the benchmarks, so they keep working: a few hundred rows, nothing timed or compared.

Benchmarks are not tests; these only check that each script runs to the end and reports its
table. The decision benchmark needs the 'bench' extra (zen-engine, simpleeval) and is skipped
without it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from .conftest import ROOT


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_ruleset_benchmark_runs():
    out = _run("benchmarks/ruleset.py", "--quick")
    assert "| explanations off (explain=False) | profiles/s |" in out


def test_serve_benchmark_runs():
    out = _run("benchmarks/serve.py", "--quick")
    assert "| 50 clients, waitress: errors | errors in 1 s |" in out
    assert "| 50 clients, wsgiref (before): requests | requests/s |" in out
    assert "- 50 clients: requests/s, waitress over wsgiref: **" in out


def test_history_benchmark_runs():
    out = _run("benchmarks/history.py", "--quick")
    assert "| 1,000 projects x 7,600 aid entries: sorted history | s |" in out
    assert "Both ways give the same results on both profiles" in out


def test_projects_benchmark_runs(tmp_path):
    out = _run("benchmarks/projects.py", "--quick")
    assert "| explanations off: 1,000 projects | us/project CPU |" in out
    assert "| subsidie evaluate, 1,000 projects x 7,600 aid entries (CPU) | s |" in out
    assert "- explained: per project at 1,000 / at 10: **" in out
    written = _run("benchmarks/projects.py", "--write", str(tmp_path / "p.yaml"))
    assert written.strip() == str(tmp_path / "p.yaml")
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert text.count("- id: p") == 1000 and text.count("  amount: ") == 7600


def test_batch_benchmark_runs():
    out = _run("benchmarks/batch.py", "--rows", "200")
    assert "| 200 rows: wall time | s |" in out


def test_population_benchmark_runs():
    out = _run("benchmarks/population.py", "--rows", "200", "--jobs", "1")
    assert "| diff one rate, 200 rows, --jobs 1: rows per second | rows/s |" in out
    assert "- --jobs 1: diff (one rate) rows/s over batch rows/s: **" in out
    assert "The one-rate change over 200 companies" in out


@pytest.mark.skipif(
    importlib.util.find_spec("zen") is None or importlib.util.find_spec("simpleeval") is None,
    reason="needs the 'bench' extra (zen-engine, simpleeval)",
)
def test_decision_benchmark_runs():
    out = _run("benchmarks/decision.py", "--quick")
    assert "Agreement: engine = hand-written on all 10,000 profiles" in out


def test_run_ends_with_the_goals_its_benchmarks_measured():
    out = _run("benchmarks/run.py", "--quick", "--only", "batch", "--rows", "300")
    goals = out[out.index("### Goals of issue 18") :]
    assert "| batch, one job, per row at most 1.3x the per-profile cost |" in goals
    assert "| `--jobs 2` at least 1.7x one job |" in goals
    assert "a decision at most 2.0x" not in goals  # its benchmark did not run: no row, no placeholder
    assert "peak memory, all processes" in out


def test_a_partial_run_keeps_the_rows_of_the_goals_it_did_not_measure():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from _common import Result, Target
        from run import goals_table
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    first = Result("decision", "1.")
    first.targets.append(Target("", False, goal="decision", measured=5.0, limit=2.0, instructions="142k vs 29k"))
    second = Result("startup", "3.")
    second.targets.append(Target("", True, goal="start", measured=0.8, limit=0.85))
    before = "\n".join(goals_table([first, second], "2026-12-01 10:00 UTC"))
    third = Result("startup", "3.")
    third.targets.append(Target("", False, goal="start", measured=0.9, limit=0.85))
    after = goals_table([third], "2026-12-02 11:00 UTC", before)
    assert after[4:] == [
        "| a decision at most 2.0x hand-written Python | 5.00x | 2.00x | 142k vs 29k | **missed by 2.50x** "
        "| 2026-12-01 10:00 UTC |",
        "| `evaluate` start at most 0.85x the bare import of its dependencies | 0.90x | 0.85x | - "
        "| **missed by 1.06x** | 2026-12-02 11:00 UTC |",
        "",
    ]
    assert goals_table([third], "2026-12-02 11:00 UTC")[4:] == [after[5], ""]  # printed: this run's goals only
