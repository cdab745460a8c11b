"""A lean plan written as code (engine/evaluate/lean_code.py) gives the very result its interpretation gives."""

from __future__ import annotations

import copy

import pytest

from engine.evaluate import evaluator as evaluator_module
from engine.evaluate import lean_code
from engine.evaluate.evaluator import Evaluator, aid_entries
from engine.evaluate.lean import evaluate_lean, plan
from engine.evaluate.scope import Scope
from engine.language import compiler
from engine.language.runtime import Missing
from engine.load.ruleset import load_rules

from ...conftest import RULES
from .shipped import first_case, shipped_inputs


@pytest.mark.parametrize("closures", [False, True], ids=["expressions-written-in", "expressions-called"])
def test_every_plan_written_as_code_gives_the_interpreted_result_on_every_case_and_example(monkeypatch, closures):
    """Each lean result of every case and example profile, in both languages, is made both ways and compared field
    by field (texts, checks, missing facts, reminders, amounts), the code written from the plan's first use: with
    the expressions' code, and the facts they read (lean_facts), written in, and with each expression called (as with
    SUBSIDIE_CLOSURES). The code runs on a scope that has computed no fact yet, and computes each fact it keeps as the
    scope computes it."""
    monkeypatch.setattr(compiler, "USE_CLOSURES", closures)
    rules = load_rules(RULES)  # objects of its own: no plan of another test's has code yet
    inputs = shipped_inputs(rules)
    written = {}
    compared = []
    asked = set()  # (scope, fact) for each fact Scope.fact computed
    computed = set()  # the facts the code of a plan computed itself
    fact = Scope.fact

    def counted(scope, name):
        if name not in scope.known:
            asked.add((id(scope), name))
        return fact(scope, name)

    def both(scope, measure, params, lang):
        steps = plan(measure, params.version)
        code = written.get(id(steps)) or written.setdefault(
            id(steps), lean_code.written(steps, scope.facts, scope.deep)
        )
        apart = scope.fresh()  # no fact computed yet: the code computes the facts written into it
        apart.trace = None
        generated = code(apart, params, lang)
        interpreted = evaluate_lean(scope, measure, params, lang)
        assert generated == interpreted
        assert [c.text for c in generated.conditions] == [c.text for c in interpreted.conditions]
        for name, value in apart.known.items():  # each fact the code computed, as the scope computes it
            expected = scope.known[name] if name in scope.known else scope.fact_or_none(name)
            if isinstance(value, Missing):
                assert expected is None or value.paths == expected.paths, name
            else:
                assert value == expected, name
            if (id(apart), name) not in asked:
                computed.add(name)
        compared.append(generated.status)
        return interpreted

    monkeypatch.setattr(evaluator_module, "lean_result", both)
    monkeypatch.setattr(Scope, "fact", counted)
    evaluator = Evaluator(rules)
    for profile, as_of in inputs:
        for lang in ("nl", "en"):
            evaluator.evaluate(copy.deepcopy(profile), as_of, lang, explain=False)
    assert set(compared) == {"eligible", "not_eligible", "undetermined", "info"}
    assert len(written) >= 16  # every measure, and its versions
    assert bool(computed) is not closures  # facts written in with the expressions' code only


def test_the_code_of_a_plan_for_another_rule_sets_facts_interprets_it(monkeypatch):
    """The code of a plan written with one rule set's facts, run for a scope of other facts, gives the interpreted
    result, its facts computed by the scope (the facts written in are not that scope's)."""
    rules = load_rules(RULES)
    evaluator = Evaluator(rules)
    asked = []
    fact = Scope.fact
    monkeypatch.setattr(Scope, "fact", lambda scope, name: asked.append(name) or fact(scope, name))
    with_facts = 0
    for profile, as_of in shipped_inputs(rules)[:40]:
        if len(profile["projects"]) != 1:
            continue
        for result in evaluator.evaluate(copy.deepcopy(profile), as_of, "en", explain=False).results:
            params = evaluator.params(result.measure, result.application_date)
            project = {**profile["projects"][0], "application_date": result.application_date}
            scope, other = (
                Scope(rules, profile["company"], project, 0, result.application_date, aid_entries(profile))
                for _ in range(2)
            )
            asked.clear()
            code = lean_code.written(plan(result.measure, params.version), dict(rules.facts), {})
            got = code(scope, params, "en")
            assert set(scope.known) <= set(asked)
            assert got == evaluate_lean(other, result.measure, params, "en")
            with_facts += bool(scope.known)
    assert with_facts


def _first_plan():
    """A function that evaluates the first shipped case with one evaluator (explanations off) and gives its
    results, those results, and the plan of the first result's measure."""
    rules = load_rules(RULES)
    profile, as_of = first_case(rules)
    evaluator = Evaluator(rules)

    def decide():
        return evaluator.evaluate(copy.deepcopy(profile), as_of, "en", explain=False).results

    first = decide()
    measure = first[0].measure
    return decide, first, plan(measure, evaluator.params(measure, first[0].application_date).version)


def test_a_plan_is_written_as_code_after_its_runs(monkeypatch):
    """The evaluator runs a plan's code once it has it, and only then: a single evaluation never writes one."""
    monkeypatch.setattr(lean_code, "GENERATE_AFTER", 3)
    decide, first, steps = _first_plan()
    assert steps.decide is None
    for _ in range(3):
        later = decide()
    assert steps.decide is not None
    assert later == first


def test_a_plan_too_long_to_write_keeps_its_interpretation(monkeypatch):
    """A plan whose code would be longer than lean_code.MAX_SOURCE (a measure of thousands of conditions) is not
    compiled: it is interpreted, with the same result."""
    monkeypatch.setattr(lean_code, "MAX_SOURCE", 100)
    monkeypatch.setattr(lean_code, "GENERATE_AFTER", 1)
    decide, first, steps = _first_plan()
    assert steps.decide is not None and steps.decide.__name__ == "<lambda>"  # no code written: the interpretation
    assert decide() == first


def test_a_plans_code_is_written_again_with_its_facts_after_its_runs(monkeypatch):
    """The code of a plan (the first tier) counts its runs and, on the plan's FACTS_AFTER-th, writes the plan again
    with the code of the facts its expressions read (lean_facts): the evaluator runs that code from then on, with the
    same results; the first tier's code neither computes nor checks the scope's facts."""
    monkeypatch.setattr(lean_code, "GENERATE_AFTER", 2)
    monkeypatch.setattr(lean_code, "FACTS_AFTER", 5)
    decide, first, steps = _first_plan()
    assert decide() == first
    first_tier = steps.decide
    assert first_tier is not None and steps.runs == 2
    assert not {"facts", "known"} & set(first_tier.__code__.co_names)
    assert decide() == first and decide() == first
    assert steps.decide is first_tier and steps.runs == 4
    assert decide() == first  # the fifth run: by the first tier, which writes the second
    second_tier = steps.decide
    assert second_tier is not first_tier and "facts" in second_tier.__code__.co_names
    assert decide() == first and decide() == first
    assert steps.decide is second_tier and steps.runs == 5  # the second tier counts no more


def test_the_second_tier_decides_as_the_first_on_every_case_and_example(monkeypatch):
    """Every case and example profile, in both languages, three times over: evaluated by plans that stay in their
    first tier (code without the facts), and by plans written with their facts after two runs, the same results;
    every plan run twice reaches the second tier, or keeps its code when that with the facts would be too long."""
    monkeypatch.setattr(lean_code, "GENERATE_AFTER", 1)
    upgraded = []  # (plan, its first tier's code)
    write_again = lean_code.with_facts

    def counted(steps, scope):
        upgraded.append((steps, steps.decide))
        write_again(steps, scope)

    monkeypatch.setattr(lean_code, "with_facts", counted)
    outcomes = []
    for after in (10**9, 2):
        monkeypatch.setattr(lean_code, "FACTS_AFTER", after)
        rules = load_rules(RULES)  # plans of its own
        evaluator = Evaluator(rules)
        inputs = shipped_inputs(rules)
        outcomes.append(
            [
                evaluator.evaluate(copy.deepcopy(profile), as_of, lang, explain=False).results
                for _ in range(3)
                for profile, as_of in inputs
                for lang in ("nl", "en")
            ]
        )
    assert outcomes[0] == outcomes[1]
    assert len(upgraded) >= 16  # every measure, and its versions
    written = [steps for steps, first_tier in upgraded if steps.decide is not first_tier]
    assert all("facts" in steps.decide.__code__.co_names for steps in written)
    assert len(written) >= 10  # the others' code with the facts would be longer than MAX_SOURCE: they keep theirs
