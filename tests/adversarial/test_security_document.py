"""docs/security.md stays true: every limit it states has the value the code uses, and every test it
cites exists (so a renamed or deleted test cannot leave a limit without its test)."""

from __future__ import annotations

import re

import pytest

from engine.batch.csv_input import MAX_HEADER
from engine.batch.rows import MAX_LINE
from engine.diff import effects, impact
from engine.evaluate.budget import COMMAND_STEPS, PROFILE_STEPS
from engine.evaluate.evaluator import BISECT_FROM
from engine.language import compiler, runtime
from engine.language.codegen import MAX_SOURCE
from engine.load import builder
from engine.load import validation as schema
from engine.load import yaml_loader as loader
from engine.serve import server

from .harness import ROOT

DOCUMENT = ROOT / "docs" / "security.md"
CITATION = re.compile(r"`(tests/[\w/]+\.py)::(\w+)(?:\[([^\]`]+)\])?`")


@pytest.fixture(scope="module")
def text() -> str:
    return DOCUMENT.read_text(encoding="utf-8")


def _mib(value: int) -> str:
    return f"{value // 2**20} MiB"


STATEMENTS = [
    f"`MAX_BYTES` = {loader.MAX_BYTES:,} bytes ({_mib(loader.MAX_BYTES)})",
    f"`MAX_NODES` = {loader.MAX_NODES:,}",
    f"`MAX_ALIASES` = {loader.MAX_ALIASES:,}",
    f"`MAX_DEPTH` = {loader.MAX_DEPTH:,}",
    f"`MAX_PROBLEMS` = {schema.MAX_PROBLEMS:,}",
    f"`MAX_NODES` = {compiler.MAX_NODES:,}",
    f"`MAX_DEPTH` = {compiler.MAX_DEPTH:,}",
    f"`MAX_STRING` = {compiler.MAX_STRING:,} characters",
    f"`MAX_MAGNITUDE` = 10^{runtime.MAX_MAGNITUDE.adjusted()}",
    f"`MAX_EXPONENT` = {runtime.MAX_EXPONENT:,}",
    f"`MAX_SOURCE` = {MAX_SOURCE:,} characters",
    f"`MAX_BASE_BYTES` = {impact.MAX_BASE_BYTES:,} bytes ({_mib(impact.MAX_BASE_BYTES)})",
    f"`MAX_EFFECT_DATES` = {effects.MAX_EFFECT_DATES:,}",
    f"`MAX_BODY` = {_mib(server.MAX_BODY)}",
    f"`TIMEOUT` = {server.TIMEOUT:g} s",
    f"`MAX_HEADER` = {server.MAX_HEADER // 1024} KiB together",
    f"`THREADS` = {server.THREADS} workers, `CONNECTIONS` = {server.CONNECTIONS} open connections, "
    f"`BACKLOG` = {server.BACKLOG:,} waiting",
    f"`MAX_HEADER` = {MAX_HEADER:,} characters",
    f"`PROFILE_STEPS` = {PROFILE_STEPS:,}",
    f"`COMMAND_STEPS` = {COMMAND_STEPS:,}",
    f"`BISECT_FROM` = {BISECT_FROM:,}",
    f"`MAX_RULESET_BYTES` = {builder.MAX_RULESET_BYTES:,} bytes ({_mib(builder.MAX_RULESET_BYTES)})",
    f"`MAX_EXPRESSIONS` = {builder.MAX_EXPRESSIONS:,}",
]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_each_stated_limit_is_the_codes(statement: str, text: str):
    assert statement in text


def test_the_batch_line_limit_is_the_file_limit(text: str):
    assert MAX_LINE == loader.MAX_BYTES
    assert f"`MAX_LINE` = `MAX_BYTES` ({_mib(MAX_LINE)})" in text


def test_the_bounds_of_the_tests_are_the_documents(text: str):
    from .harness import MAX_PEAK_BYTES, MAX_SECONDS, REFERENCE_CALIBRATION

    assert (MAX_SECONDS, MAX_PEAK_BYTES) == (2.0, 200 * 2**20)
    assert "within **2 seconds and\n  200 MB**" in text
    assert f"(`REFERENCE_CALIBRATION`, {REFERENCE_CALIBRATION} s)" in text


def test_every_cited_test_exists(text: str):
    citations = CITATION.findall(text)
    assert len(citations) >= 80
    for file, function, case in citations:
        source = (ROOT / file).read_text(encoding="utf-8")
        assert re.search(rf"^def {function}\(", source, re.M), f"{file}::{function} does not exist"
        if case:  # an id written in the test file, two of them joined by '-' (two axes), or a fixture file
            known = set(re.findall(r'"([^"\n]+)"', source))
            joined = any(case.startswith(k + "-") and case[len(k) + 1 :] in known for k in known)
            fixture = (ROOT / "tests" / "fixtures" / "invalid" / case).is_file()
            assert case in known or joined or fixture, f"{file}::{function}[{case}] names no case of that test"
