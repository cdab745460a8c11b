"""The re-dated copies of `subsidie diff` (issue 17) stay within the suite's 2 s of CPU and 200 MB.

For each day a change takes effect, diff compares the corpus again, re-dated to that day and to the
day before; each rule set has one command budget (COMMAND_STEPS) for the corpus and one more for all
its re-dated copies. A corpus that just fits the first budget, under rules that are expensive to
evaluate and change on a later date, is stopped by the second with its message and exit 2.
"""

from __future__ import annotations

from engine.evaluate.budget import COMMAND_STEPS
from engine.text.messages import say

from .conftest import Engine
from .harness import assert_contained
from .test_work_budget import add_conditions

COMPANY = "{legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}"
NEW_RATE = """\
      - from: 2027-01-01
        value:
          standard: {micro: 30, small: 30, medium: 20}
          raised: {micro: 50, small: 50, medium: 40}
        source: https://www.vlaio.be/nl/subsidies-financiering/kmo-portefeuille
  raised_themes:
"""


def test_the_re_dated_copies_of_an_expensive_corpus_are_stopped_by_their_budget(engine: Engine, rule_copy, tmp_path):
    base, current = rule_copy(), rule_copy()
    measure = current / "kmo-portefeuille.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("  raised_themes:\n", NEW_RATE, 1), encoding="utf-8")
    add_conditions(current, ["aid_total() >= 0"] * 4500)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(5):
        (corpus / f"a{n}.yaml").write_text(
            f"company: {COMPANY}\nprojects:\n"
            "- {id: p, kind: advice, theme: cybersecurity, cost: 10000, provider_registered: true}\n",
            encoding="utf-8",
        )
    run = engine(
        "diff", "--base", str(base), "--rules", str(current), "--profiles", str(corpus), "--as-of", "2026-03-01"
    )
    assert_contained(run, 2)
    lines = run.stdout.splitlines()
    assert lines[1].startswith("5 profiles evaluated (5 results); 0 changed")  # the corpus fits its budget
    assert "Re-dated to 2026-12-31 (the day before 2027-01-01)" in lines
    assert lines[lines.index("Re-dated to 2026-12-31 (the day before 2027-01-01)") + 1].startswith(
        "5 profiles evaluated (5 results); 0 changed"
    )
    limit = say("results.work-limit", "en", steps=f"{COMMAND_STEPS:,}", what=say("results.work-command", "en"))
    # the day before takes 5 profiles of the re-dated budget, the effect date the 6th, and the 7th is too many
    assert lines[-6:] == [
        "Re-dated to 2027-01-01 (a day the change takes effect)",
        "1 profiles evaluated (1 results); 1 changed: 0 newly eligible, 0 no longer eligible, 0 newly undetermined",
        "Total recommended: EUR 4,500.00 → EUR 5,000.00 (+EUR 500.00)",
        "",
        f"       +EUR 500.00  {corpus / 'a0.yaml'}  p  kmo-portefeuille: eligible 45% EUR 4,500.00 → "
        "eligible 50% EUR 5,000.00",
        f"error: {corpus / 'a1.yaml'}: {limit}",
    ]
