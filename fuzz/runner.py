"""Running a fuzz target for a time budget with Hypothesis, and keeping what it finds.

Hypothesis runs the target in rounds of a few hundred inputs, each round with a new
random seed, until the time is up. An input that breaks the target's check (an
unexpected exception, or a violated invariant) is shrunk to a minimal one, written to
the findings folder and reported; the same failure (same exception type at the same
place) is not shrunk again, so one frequent bug does not eat the budget.
"""

from __future__ import annotations

import hashlib
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings

from .targets import Target

ROUND = 300


@dataclass
class Finding:
    """One distinct failure: where it happened, what it said, and the minimal input found."""

    key: str
    kind: str
    message: str
    where: str
    input: str
    file: str = ""


@dataclass
class Report:
    """What one run of one target did."""

    target: str
    seconds: float = 0.0
    inputs: int = 0
    rounds: int = 0
    repeats: int = 0
    findings: list[Finding] = field(default_factory=list)
    stats: Counter = field(default_factory=Counter)


def _where(exc: BaseException) -> str:
    """The innermost frame in the engine (or, failing that, in the harness) where the exception came from."""
    frames = traceback.extract_tb(exc.__traceback__)
    for wanted in ("/engine/", "/fuzz/", "/tests/"):
        inside = [f for f in frames if wanted in f.filename]
        if inside:
            frame = inside[-1]
            return f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
    return "unknown"


def _key(exc: BaseException) -> str:
    return f"{type(exc).__name__} at {_where(exc)}"


def run(target: Target, seconds: float, out_dir: Path, log: Any = print) -> Report:
    """Fuzz ``target`` for ``seconds``; write each distinct failure's minimal input under ``out_dir``."""
    report = Report(target.name)
    known: set[str] = set()
    state: dict[str, Any] = {}
    start = time.monotonic()
    deadline = start + seconds

    def body(value: Any) -> None:
        if time.monotonic() > deadline:
            return
        report.inputs += 1
        state["input"] = value
        try:
            target.check(value, report.stats)
        except Exception as exc:  # every failure is a finding; known ones are not shrunk again
            if _key(exc) in known:
                report.repeats += 1
                return
            raise

    config = settings(
        max_examples=ROUND,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
        report_multiple_bugs=False,
    )
    test = config(given(target.strategy)(body))
    while time.monotonic() < deadline:
        report.rounds += 1
        try:
            test()
        except Exception as exc:  # noqa: BLE001 - a new failure, already shrunk by Hypothesis
            finding = _record(target.name, exc, state.get("input"), out_dir)
            known.add(finding.key)
            report.findings.append(finding)
            log(f"[{target.name}] finding: {finding.key}: {finding.message[:200]} -> {finding.file}")
        if report.rounds % 10 == 0:
            log(
                f"[{target.name}] {time.monotonic() - start:.0f} s, {report.inputs} inputs, "
                f"{len(report.findings)} finding(s)"
            )
    report.seconds = time.monotonic() - start
    return report


def _record(target: str, exc: BaseException, value: Any, out_dir: Path) -> Finding:
    key = _key(exc)
    text = repr(value)
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{target}-{digest}.txt"
    path.write_text(
        f"target: {target}\nfailure: {key}\nmessage: {exc}\n\nminimal input (Python repr):\n{text}\n\n"
        + "".join(traceback.format_exception(exc)),
        encoding="utf-8",
    )
    return Finding(key, type(exc).__name__, str(exc), _where(exc), text, str(path))
