"""Rule test cases: ``*.cases.yaml`` files of profiles and expected outcomes, run, and what they cover.

The step of ``subsidie test``: :mod:`~engine.cases.rule_cases` loads case files (inline
profiles or profile files beside them), evaluates each case and compares the outcome
with what it expects, exactly; :mod:`~engine.cases.coverage` reports the condition
outcomes, versions and dated values that no case exercises.
"""
